//! The entity strip of a comparison: entities both reports mention (with
//! their counts in each), and those only one of them mentions.

use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex, Kind};
use serde::Serialize;
use std::collections::HashMap;

/// An entity with how often each report mentions it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The entity in the index.
    #[serde(skip)]
    pub entity: EntityId,
    /// Its stable key.
    pub key: String,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Mentions in the left report.
    pub left: usize,
    /// Mentions in the right report.
    pub right: usize,
}

/// The entities of two reports, split three ways.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EntityStrip {
    /// Mentioned in both, most mentioned first.
    pub shared: Vec<EntityCount>,
    /// Mentioned only in the left report, most mentioned first.
    pub only_left: Vec<EntityCount>,
    /// Mentioned only in the right report, most mentioned first.
    pub only_right: Vec<EntityCount>,
}

/// Mention counts per entity in one document, page furniture left out.
pub fn counts_in(corpus: &Corpus, index: &EntityIndex, doc: DocId) -> HashMap<EntityId, usize> {
    let mut out = HashMap::new();
    let d = corpus.docs().get(doc.index());
    for m in index.mentions_in(doc) {
        if d.is_some_and(|d| d.is_hidden(&m.span())) {
            continue;
        }
        *out.entry(m.entity).or_insert(0) += 1;
    }
    out
}

/// Split the entities of two reports into shared and unique ones.
pub fn entity_strip(
    corpus: &Corpus,
    index: &EntityIndex,
    left: DocId,
    right: DocId,
) -> EntityStrip {
    let l = counts_in(corpus, index, left);
    let r = counts_in(corpus, index, right);
    let row = |e: EntityId, left: usize, right: usize| {
        let ent = index.entity(e);
        EntityCount {
            entity: e,
            key: ent.key.to_string(),
            name: ent.name.to_string(),
            kind: ent.kind,
            left,
            right,
        }
    };
    let mut strip = EntityStrip::default();
    for (&e, &n) in &l {
        match r.get(&e) {
            Some(&m) => strip.shared.push(row(e, n, m)),
            None => strip.only_left.push(row(e, n, 0)),
        }
    }
    for (&e, &m) in &r {
        if !l.contains_key(&e) {
            strip.only_right.push(row(e, 0, m));
        }
    }
    for list in [
        &mut strip.shared,
        &mut strip.only_left,
        &mut strip.only_right,
    ] {
        list.sort_by(|a, b| {
            (b.left + b.right)
                .cmp(&(a.left + a.right))
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    strip
}
