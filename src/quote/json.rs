//! The JSON form of a corpus's quotations: exactly the system format of the
//! reference scorer (`score_quotes.py`), with each quotation's speaker span,
//! its linked entity, and the mentions of every speaker entity (pronoun and
//! description speakers resolved to an entity included), plus the
//! quotation's kind and cue.
//!
//! ```text
//! {"quotes": [{"doc": "81848", "start": 416, "end": 477, "spans": [[416, 477]],
//!              "kind": "direct", "cue": [[368, 373]],
//!              "speaker": {"start": 362, "end": 367}, "speaker_entity": "paolo-scaduto"}],
//!  "mentions": [{"doc": "81848", "start": 362, "end": 367, "entity": "paolo-scaduto"}]}
//! ```

use super::{QuoteDoc, QuoteKind};
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// A byte span as the scorer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSpan {
    /// Start byte.
    pub start: usize,
    /// End byte, exclusive.
    pub end: usize,
}

/// One quotation in the scorer's system format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonQuote {
    /// Document id (the file stem).
    pub doc: String,
    /// Start of the first span.
    pub start: usize,
    /// End of the last span.
    pub end: usize,
    /// Every span, `[start, end]`.
    pub spans: Vec<[usize; 2]>,
    /// `direct`, `indirect` or `reported`.
    pub kind: QuoteKind,
    /// The cue words, `[start, end]`.
    pub cue: Vec<[usize; 2]>,
    /// The speaker phrase, or null.
    pub speaker: Option<JsonSpan>,
    /// The speaker's entity id (the `entities --format json` id), if resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<String>,
}

/// One mention of a speaker entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JsonMention {
    /// Document id.
    pub doc: String,
    /// Start byte.
    pub start: usize,
    /// End byte, exclusive.
    pub end: usize,
    /// Entity id.
    pub entity: String,
}

/// The quotations of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotesJson {
    /// Every quotation, by document then position.
    pub quotes: Vec<JsonQuote>,
    /// The mentions of the speaker entities in the documents they speak in.
    pub mentions: Vec<JsonMention>,
}

/// The entity of the index mention at a byte range of a document (the one
/// starting there, else one overlapping it).
pub fn entity_at(index: &EntityIndex, doc: DocId, span: &Range<usize>) -> Option<EntityId> {
    let ms = index.mentions_in(doc);
    ms.iter()
        .find(|m| m.start as usize == span.start)
        .or_else(|| {
            ms.iter()
                .find(|m| (m.start as usize) < span.end && span.start < m.end as usize)
        })
        .map(|m| m.entity)
}

/// The speaker entity of each quotation of a document.
pub fn speaker_entities(index: &EntityIndex, doc: DocId, q: &QuoteDoc) -> Vec<Option<EntityId>> {
    q.quotes
        .iter()
        .map(|quote| {
            let sp = quote.speaker.as_ref()?;
            entity_at(index, doc, sp.refers_to.as_ref()?)
        })
        .collect()
}

/// The JSON of a corpus: `docs[d]` are the quotations of document `d`;
/// `keep` says which quotations to write (all of them, or those of one
/// entity).
pub fn build(
    corpus: &Corpus,
    index: &EntityIndex,
    docs: &[QuoteDoc],
    keep: &dyn Fn(Option<EntityId>) -> bool,
) -> QuotesJson {
    let mut out = QuotesJson::default();
    let mut mentions: BTreeSet<JsonMention> = BTreeSet::new();
    for (d, qd) in docs.iter().enumerate() {
        let doc = DocId(d as u32);
        let id = &corpus.doc(doc).id;
        let entities = speaker_entities(index, doc, qd);
        let mut speakers: BTreeSet<EntityId> = BTreeSet::new();
        for (q, e) in qd.quotes.iter().zip(entities) {
            if !keep(e) {
                continue;
            }
            let key = e.map(|e| index.entity(e).key.to_string());
            if let (Some(e), Some(sp)) = (e, &q.speaker) {
                speakers.insert(e);
                mentions.insert(JsonMention {
                    doc: id.to_string(),
                    start: sp.span.start,
                    end: sp.span.end,
                    entity: index.entity(e).key.to_string(),
                });
            }
            out.quotes.push(JsonQuote {
                doc: id.to_string(),
                start: q.extent().start,
                end: q.extent().end,
                spans: q.spans.iter().map(|r| [r.start, r.end]).collect(),
                kind: q.kind,
                cue: q.cue.iter().map(|r| [r.start, r.end]).collect(),
                speaker: q.speaker.as_ref().map(|s| JsonSpan {
                    start: s.span.start,
                    end: s.span.end,
                }),
                speaker_entity: key,
            });
        }
        // Pronouns resolved to a speaker's mention are its mentions too.
        for (pron, target) in &qd.pronouns {
            if let Some(e) = entity_at(index, doc, target)
                && speakers.contains(&e)
            {
                mentions.insert(JsonMention {
                    doc: id.to_string(),
                    start: pron.start,
                    end: pron.end,
                    entity: index.entity(e).key.to_string(),
                });
            }
        }
        for m in index.mentions_in(doc) {
            if speakers.contains(&m.entity) {
                mentions.insert(JsonMention {
                    doc: id.to_string(),
                    start: m.start as usize,
                    end: m.end as usize,
                    entity: index.entity(m.entity).key.to_string(),
                });
            }
        }
    }
    out.mentions = mentions.into_iter().collect();
    out
}
