//! The JSON contract of `dossier entities --format json`. Entity quality is
//! measured through it, so it stays stable:
//!
//! ```text
//! {"documents": [{"id": "<file stem>", "path": "<path as opened>", "title": "..."}],
//!  "entities":  [{"id": "...", "name": "canonical name", "kind": "person|place|organization|other",
//!                 "aliases": ["surface forms seen"],
//!                 "mentions": [{"doc": "<document id>", "start": 123, "end": 134, "text": "..."}]}]}
//! ```
//! Offsets are UTF-8 byte offsets into the original file, end exclusive.

use super::{EntityId, EntityIndex, Kind};
use crate::corpus::Corpus;
use serde::{Deserialize, Serialize};

/// The whole output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JsonOutput {
    /// The documents, in corpus order.
    pub documents: Vec<JsonDocument>,
    /// The entities.
    pub entities: Vec<JsonEntity>,
}

/// One document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JsonDocument {
    /// The document id (file stem).
    pub id: String,
    /// The path as opened.
    pub path: String,
    /// The title.
    pub title: String,
}

/// One entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JsonEntity {
    /// A stable identifier.
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// The kind.
    pub kind: Kind,
    /// Surface forms seen.
    pub aliases: Vec<String>,
    /// Every mention.
    pub mentions: Vec<JsonMention>,
}

/// One mention.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JsonMention {
    /// The document id.
    pub doc: String,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// The mention's text.
    pub text: String,
}

/// Build the output for a corpus and its index.
pub fn output(corpus: &Corpus, index: &EntityIndex) -> JsonOutput {
    let documents = corpus
        .docs()
        .iter()
        .map(|d| JsonDocument {
            id: d.id.clone(),
            path: d.path.display().to_string(),
            title: d.title.clone(),
        })
        .collect();
    let entities = (0..index.len())
        .map(|i| EntityId(i as u32))
        .filter(|&id| index.mention_count(id) > 0)
        .map(|id| {
            let e = index.entity(id);
            JsonEntity {
                id: e.key.clone(),
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                mentions: index
                    .mentions_of(id)
                    .map(|m| {
                        let d = corpus.doc(m.doc);
                        JsonMention {
                            doc: d.id.clone(),
                            start: m.start as usize,
                            end: m.end as usize,
                            text: d.text[m.span()].to_string(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    JsonOutput {
        documents,
        entities,
    }
}
