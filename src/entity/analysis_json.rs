//! The JSON form of one article's analysis (`dossier analyze`, and the
//! `analysis` column of the shared store): the map step's output, which the
//! reduce step (cross-document linking, [`super::link::global`]) reads back.
//!
//! One object per article, on one line:
//!
//! ```json
//! {"id": "<article id>", "title": "...", "engine": "<engine version>",
//!  "entities": [{"kind": "person",
//!                "keys": ["<match key>"], "stems": [], "surname": [], "family": ["<key>"],
//!                "mentions": [{"start": 10, "end": 21, "text": "…", "kind": "person",
//!                              "inflected": false}]}]}
//! ```
//!
//! `entities` are the article's entities linked within it, in order of first
//! mention; `mentions` their recognised mentions in text order, with UTF-8
//! byte offsets into the article text. The four key lists are what linking
//! across articles compares (see [`super::link::LocalEntity`]): `keys` the
//! match keys of its names, `stems` the keys of possible stems of an
//! inflected-only name, `surname` (a person known by one word only) the keys
//! of that word, `family` (a person with a full name) the keys of the family
//! name. `engine` is the version of the engine that made it: analyses of
//! another engine are not linked with this one's.
//!
//! Fields are only ever added; readers ignore fields they do not know.

use super::Kind;
use super::intern::Name;
use super::link::{EntityParts, LocalDoc, LocalDocBuilder, LocalMention};
use serde::{Deserialize, Serialize};

/// One article's analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisLine {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The engine version that made the analysis.
    pub engine: String,
    /// Its entities, linked within the article, in order of first mention.
    pub entities: Vec<EntityLine>,
}

/// One entity inside an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityLine {
    /// The kind most of its mentions have.
    pub kind: Kind,
    /// Match keys of its names.
    pub keys: Vec<String>,
    /// Keys of possible stems of an inflected-only name.
    pub stems: Vec<String>,
    /// For a person known only by one word: the keys of that word.
    pub surname: Vec<String>,
    /// For a person with a full name: the keys of the family name.
    pub family: Vec<String>,
    /// Its mentions in text order.
    pub mentions: Vec<MentionLine>,
}

/// One recognised mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionLine {
    /// UTF-8 byte offset of its start in the article text.
    pub start: usize,
    /// UTF-8 byte offset of its end, exclusive.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// The kind recognition gave it.
    pub kind: Kind,
    /// Whether it is an inflected form of the entity's name (`Putins`).
    pub inflected: bool,
}

/// Why an analysis read back does not fit its article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Misfit {
    /// A mention's offsets lie outside the text or inside a character.
    #[error("mention {start}..{end} does not fit a text of {len} bytes")]
    Span {
        /// The start offset given.
        start: usize,
        /// The end offset given.
        end: usize,
        /// The length of the text.
        len: usize,
    },
    /// More mentions or keys than the analysis of one article can hold
    /// (2³² − 1).
    #[error("more mentions or keys than one article's analysis holds")]
    TooLarge,
    /// Made by another version of the engine.
    #[error("made by engine {0}, not this one")]
    Engine(String),
}

fn names(v: &[Name]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}

fn interned(v: &[String]) -> Vec<Name> {
    v.iter().map(|s| Name::new(s)).collect()
}

impl AnalysisLine {
    /// The line for the analysis `doc` of the article `id` titled `title`,
    /// made by this engine.
    pub fn new(id: &str, title: &str, doc: &LocalDoc) -> AnalysisLine {
        AnalysisLine {
            id: id.to_string(),
            title: title.to_string(),
            engine: crate::ingest::cache::ENGINE_VERSION.to_string(),
            entities: doc
                .entities()
                .map(|e| EntityLine {
                    kind: e.kind(),
                    keys: names(e.keys()),
                    stems: names(e.stems()),
                    surname: names(e.surname()),
                    family: names(e.family()),
                    mentions: e
                        .mentions()
                        .iter()
                        .map(|m| MentionLine {
                            start: m.start(),
                            end: m.end(),
                            text: m.surface.to_string(),
                            kind: m.kind,
                            inflected: m.inflected,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The analysis as linking reads it, checked against the article's
    /// `text` (a line read back is untrusted): every mention inside the
    /// text on character boundaries, and made by this engine.
    pub fn to_local(&self, text: &str) -> Result<LocalDoc, Misfit> {
        if self.engine != crate::ingest::cache::ENGINE_VERSION {
            return Err(Misfit::Engine(self.engine.clone()));
        }
        let mut doc = LocalDocBuilder::default();
        doc.reserve(self.entities.len(), self.mention_count());
        for e in &self.entities {
            let mut mentions = Vec::with_capacity(e.mentions.len());
            for m in &e.mentions {
                let misfit = Misfit::Span {
                    start: m.start,
                    end: m.end,
                    len: text.len(),
                };
                if m.start > m.end
                    || m.end > text.len()
                    || !text.is_char_boundary(m.start)
                    || !text.is_char_boundary(m.end)
                {
                    return Err(misfit);
                }
                let surface = Name::new(&m.text);
                mentions.push(
                    LocalMention::new(m.start..m.end, surface, m.kind, m.inflected)
                        .ok_or(misfit)?,
                );
            }
            doc.push(EntityParts {
                kind: e.kind,
                mentions: &mentions,
                keys: &interned(&e.keys),
                stems: &interned(&e.stems),
                surname: &interned(&e.surname),
                family: &interned(&e.family),
            })
            .map_err(|_| Misfit::TooLarge)?;
        }
        Ok(doc.finish())
    }

    /// The number of mentions.
    pub fn mention_count(&self) -> usize {
        self.entities.iter().map(|e| e.mentions.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::entity::pipeline;

    #[test]
    fn a_line_reads_back_as_the_analysis_it_was_made_from() {
        let doc = Document::from_bytes(
            "a".into(),
            "a.txt".into(),
            "Titel\n\nAngela Merkel traf in Bonn Emmanuel Macron. Merkels Rede war kurz."
                .as_bytes(),
        );
        let local = pipeline::analyse(&doc);
        assert!(!local.is_empty());
        let line = AnalysisLine::new(&doc.id, &doc.title, &local);
        let json = serde_json::to_string(&line).unwrap();
        let back: AnalysisLine = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_local(&doc.text).unwrap(), local);
        assert!(line.mention_count() >= 3, "{json}");
    }

    #[test]
    fn offsets_outside_the_text_or_inside_a_character_are_refused() {
        let mut line = AnalysisLine {
            id: "a".into(),
            title: String::new(),
            engine: crate::ingest::cache::ENGINE_VERSION.into(),
            entities: vec![EntityLine {
                kind: Kind::Place,
                keys: vec!["bonn".into()],
                stems: vec![],
                surname: vec![],
                family: vec![],
                mentions: vec![MentionLine {
                    start: 0,
                    end: 40,
                    text: "Bonn".into(),
                    kind: Kind::Place,
                    inflected: false,
                }],
            }],
        };
        assert!(matches!(line.to_local("Bonn"), Err(Misfit::Span { .. })));
        line.entities[0].mentions[0].end = 1;
        assert!(
            matches!(line.to_local("Übel"), Err(Misfit::Span { .. })),
            "inside the two bytes of Ü"
        );
        line.entities[0].mentions[0].end = 2;
        assert!(line.to_local("Bonn").is_ok());
        line.engine = "0.0.0/other".into();
        assert_eq!(
            line.to_local("Bonn"),
            Err(Misfit::Engine("0.0.0/other".into()))
        );
    }
}
