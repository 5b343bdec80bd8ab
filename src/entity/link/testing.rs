//! Helpers shared by the linking tests: recognition output made from
//! surfaces, and the seed reports linked from their gold mentions.

use super::doc::{EntityParts, LocalDocBuilder, LocalMention};
use super::{LocalDoc, global, global_given, global_index, local};
use crate::corpus::{Corpus, Document};
use crate::entity::eval::Gold;
use crate::entity::index::LinkedEntity;
use crate::entity::{EntityIndex, Kind, Recognized, json};
use std::path::PathBuf;

pub(crate) fn rec(text: &str, spans: &[(&str, Kind)]) -> Vec<Recognized> {
    // Every occurrence of each surface, as recognition would give them.
    let mut out = Vec::new();
    for (s, kind) in spans {
        let mut from = 0;
        while let Some(i) = text[from..].find(s) {
            let start = from + i;
            let end = start + s.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push(Recognized {
                    span: start..end,
                    kind: *kind,
                });
            }
            from = end;
        }
    }
    // Recognition gives no overlapping spans: longest first wins.
    out.sort_by_key(|r| (r.span.start, std::cmp::Reverse(r.span.end)));
    let mut kept: Vec<Recognized> = Vec::new();
    for r in out {
        if kept.last().is_none_or(|k| k.span.end <= r.span.start) {
            kept.push(r);
        }
    }
    kept
}

/// A document of one entity of `kind` with these mentions, and no keys,
/// stems or family names.
pub(crate) fn one_entity(kind: Kind, mentions: &[LocalMention]) -> LocalDoc {
    let mut doc = LocalDocBuilder::default();
    doc.push(EntityParts {
        kind,
        mentions,
        keys: &[],
        stems: &[],
        surname: &[],
        family: &[],
    })
    .expect("a small entity fits");
    doc.finish()
}

/// A document of entities of the kinds given, each mentioned (five bytes
/// of text) at the starts given, by its kind and number (`Place2`), which
/// is its key.
pub(crate) fn doc_of(entities: impl IntoIterator<Item = (Kind, Vec<usize>)>) -> LocalDoc {
    let mut doc = LocalDocBuilder::default();
    for (e, (kind, starts)) in entities.into_iter().enumerate() {
        let surface = crate::entity::intern::Name::new(&format!("{kind:?}{e}"));
        let mentions: Vec<LocalMention> = starts
            .iter()
            .map(|&s| LocalMention::new(s..s + 5, surface, kind, false).unwrap())
            .collect();
        doc.push(EntityParts {
            kind,
            mentions: &mentions,
            keys: &[surface],
            stems: &[],
            surname: &[],
            family: &[],
        })
        .expect("a small entity fits");
    }
    doc.finish()
}

/// The surfaces of each local entity, in order.
pub(crate) fn names(doc: &LocalDoc) -> Vec<Vec<&str>> {
    doc.entities()
        .map(|e| e.mentions().iter().map(|m| m.surface.as_str()).collect())
        .collect()
}

pub(crate) const P: Kind = Kind::Person;
pub(crate) const L: Kind = Kind::Place;
pub(crate) const O: Kind = Kind::Organization;

pub(crate) fn link_texts(texts: &[&str], spans: &[(&str, Kind)]) -> Vec<LinkedEntity> {
    let docs: Vec<LocalDoc> = texts.iter().map(|t| local(t, &rec(t, spans))).collect();
    global(&docs)
}

pub(crate) fn cluster_of<'a>(out: &'a [LinkedEntity], alias: &str) -> &'a LinkedEntity {
    out.iter()
        .find(|e| e.entity.aliases.iter().any(|a| a == alias))
        .unwrap_or_else(|| panic!("no entity with alias {alias}"))
}

/// Link the seed reports with the gold mentions as recognition output,
/// changed by `noise` (which may drop, reshape or retype mentions).
pub(crate) fn seeds_with(
    noise: &dyn Fn(&str, Vec<Recognized>) -> Vec<Recognized>,
) -> (Gold, json::JsonOutput) {
    let (gold, corpus, locals) = seed_analyses(noise);
    let linked = global(&locals);
    let index = EntityIndex::new(corpus.len(), linked);
    let out = json::output(&corpus, &index);
    (gold, out)
}

/// The seed reports, their gold, and their analyses with the gold mentions
/// as recognition output, changed by `noise`.
pub(crate) fn seed_analyses(
    noise: &dyn Fn(&str, Vec<Recognized>) -> Vec<Recognized>,
) -> (Gold, Corpus, Vec<LocalDoc>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold_text = std::fs::read_to_string(root.join("tests/data/seeds-gold.json")).unwrap();
    let gold = Gold::parse(&gold_text).unwrap();
    let mut docs = Vec::new();
    let mut locals = Vec::new();
    for d in &gold.documents {
        let path = root.join("seeds").join(&d.file);
        let bytes = std::fs::read(&path).unwrap();
        let id = d.file.trim_end_matches(".txt").to_string();
        let doc = Document::from_bytes(id, path, &bytes);
        let recognized: Vec<Recognized> = gold
            .mentions
            .iter()
            .filter(|m| m.doc == d.file)
            .map(|m| Recognized {
                span: m.start..m.end,
                kind: gold
                    .entities
                    .iter()
                    .find(|e| e.id == m.entity)
                    .unwrap()
                    .kind,
            })
            .collect();
        locals.push(local(&doc.text, &noise(&doc.text, recognized)));
        docs.push(doc);
    }
    (gold, Corpus::new(docs), locals)
}

/// Assert that the index built straight from `docs` ([`global_index`]) is
/// the index of their linked entities ([`EntityIndex::new`] of
/// [`global`]): the same entities and evidence, mentions, and mentions by
/// document and by entity. Returns the index.
pub(crate) fn assert_same_index(docs: &[LocalDoc]) -> EntityIndex {
    let expected = EntityIndex::new(docs.len(), global(docs));
    let direct = global_index(docs);
    assert_eq!(direct.len(), expected.len());
    for e in 0..expected.len() {
        // The evidence is held encoded, and read back whole.
        let id = crate::entity::EntityId(e as u32);
        assert!(direct.entity(id).evidence.is_empty());
        let mut whole = direct.entity(id).to_entity();
        whole.evidence = direct.evidence(id).into_owned();
        assert_eq!(whole, expected.entity(id).to_entity());
    }
    assert_eq!(direct.mentions(), expected.mentions());
    assert_eq!(direct.doc_total(), expected.doc_total());
    for d in 0..docs.len() {
        let d = crate::corpus::DocId(d as u32);
        assert_eq!(direct.mentions_in(d), expected.mentions_in(d));
    }
    for e in 0..expected.len() {
        let e = crate::entity::EntityId(e as u32);
        assert!(direct.mentions_of(e).eq(expected.mentions_of(e)));
        assert_eq!(direct.doc_count(e), expected.doc_count(e));
    }
    assert_same_given(docs, &direct);
    direct
}

/// Assert that the index given away as it is made ([`global_given`]) is
/// `direct` ([`global_index`] of `docs`): the same tables, then the same
/// entities in order, each with its evidence encoded.
fn assert_same_given(docs: &[LocalDoc], direct: &EntityIndex) {
    let mut tables = None;
    let mut entities = Vec::new();
    let given: Result<(), ()> = global_given(
        docs,
        |m| {
            let mut mentions = Vec::new();
            let beside = m.tables(|kept| {
                mentions.extend_from_slice(kept);
                Ok(())
            })?;
            // Read twice, the same mentions.
            let mut again = Vec::new();
            m.tables(|kept| {
                again.extend_from_slice(kept);
                Ok(())
            })?;
            assert_eq!(mentions, again);
            tables = Some((mentions, beside));
            Ok(())
        },
        |e, evidence| {
            entities.push((e.clone(), evidence.to_vec()));
            Ok(())
        },
    );
    assert!(given.is_ok());
    let ((mentions, t), d) = (tables.expect("tables given first"), direct.tables());
    assert_eq!(&*mentions, &*d.mentions);
    assert_eq!(&*t.doc_starts, &*d.doc_starts);
    assert_eq!(&*t.entity_starts, &*d.entity_starts);
    assert_eq!(&*t.by_entity, &*d.by_entity);
    assert_eq!(&*t.doc_counts, &*d.doc_counts);
    assert_eq!(entities.len(), direct.len());
    for (i, (e, evidence)) in entities.iter().enumerate() {
        let id = crate::entity::EntityId(i as u32);
        assert_eq!(*e, direct.entity(id).to_entity());
        let encoded = crate::entity::stored_evidence::EncodedEvidence::encode(&direct.evidence(id));
        assert_eq!(evidence, &encoded);
    }
    // A failure stops the entities at once and is returned.
    let mut seen = 0;
    let stopped = global_given(
        docs,
        |_| Ok(()),
        |_, _| {
            seen += 1;
            if seen == 2 { Err("full") } else { Ok(()) }
        },
    );
    assert_eq!(
        stopped,
        if direct.len() >= 2 {
            Err("full")
        } else {
            Ok(())
        }
    );
    assert_eq!(seen, direct.len().min(2));
}

/// A deterministic pseudo-random number in 0..100 for a mention.
pub(crate) fn roll(r: &Recognized, salt: u64) -> u64 {
    let mut x = (r.span.start as u64) ^ (salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x % 100
}
