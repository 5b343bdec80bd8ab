//! The JSON form of linked entities (`dossier entities --format json`), for
//! writing and for reading back (the gold scorer reads it).
//!
//! ```json
//! {"documents": [{"id": "<file stem>", "path": "<path as opened>", "title": "...",
//!                 "path_escaped": "<the path with \\xNN escapes>"},   (non-UTF-8 paths only)
//!  "entities":  [{"id": "...", "name": "canonical name", "kind": "person",
//!                 "aliases": ["surface forms seen"], "articles": 3,
//!                 "ambiguous": true, "candidates": ["…"],   (ambiguous groups only)
//!                 "evidence": [{"alias": "…", "rule": "surname-of-the-only-full-name", "via": "…"}],
//!                 "mentions": [{"doc": "<document id>", "start": 123, "end": 134, "text": "..."}]}]}
//! ```
//! Offsets are UTF-8 byte offsets into the original file. A path that is
//! not valid UTF-8 shows `�` for its invalid bytes in `path`, and
//! `path_escaped` gives it exactly (see [`crate::corpus::path_text`]).

use super::evidence::Evidence;
use super::{EntityIndex, Kind};
use crate::corpus::{Corpus, path_text};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// The whole output: documents and entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonOutput {
    /// The documents, in corpus order.
    pub documents: Vec<JsonDocument>,
    /// The entities with their mentions.
    pub entities: Vec<JsonEntity>,
}

/// One document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    /// The document id: the file stem, made unique.
    pub id: String,
    /// The path as opened, for display (invalid UTF-8 shown as `�`).
    pub path: String,
    /// The title.
    pub title: String,
    /// For a path that is not valid UTF-8, the exact path with `\xNN`
    /// escapes (see [`crate::corpus::path_text`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_escaped: Option<String>,
}

/// One entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEntity {
    /// A unique slug.
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// `person`, `place`, `organization` or `other`.
    pub kind: Kind,
    /// Every surface form seen.
    pub aliases: Vec<String>,
    /// The number of documents it is mentioned in.
    #[serde(default)]
    pub articles: usize,
    /// Whether it is an ambiguous group of short forms (`Kim (?)`); only
    /// written when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// For an ambiguous group, the names of the entities it could stand for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    /// Why each alias belongs to it.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Its mentions, in corpus order.
    pub mentions: Vec<JsonMention>,
}

/// One mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonMention {
    /// The id of the document it is in.
    pub doc: String,
    /// UTF-8 byte offset of its start.
    pub start: usize,
    /// UTF-8 byte offset of its end, exclusive.
    pub end: usize,
    /// Its text.
    pub text: String,
}

/// The JSON form of an entity index over a corpus.
pub fn output(corpus: &Corpus, index: &EntityIndex) -> JsonOutput {
    let documents = corpus
        .docs()
        .iter()
        .map(|d| JsonDocument {
            id: d.id.to_string(),
            path: d.path.display().to_string(),
            title: d.title.to_string(),
            path_escaped: path_text::escaped(&d.path),
        })
        .collect();
    let entities = index
        .entities()
        .iter()
        .enumerate()
        .map(|(i, e)| JsonEntity {
            id: e.key.to_string(),
            name: e.name.to_string(),
            kind: e.kind,
            aliases: e.aliases.to_vec(),
            articles: index.doc_count(super::EntityId(i as u32)),
            ambiguous: e.is_ambiguous(),
            candidates: e.candidates.to_vec(),
            evidence: index.evidence(super::EntityId(i as u32)).into_owned(),
            mentions: index
                .mentions_of(super::EntityId(i as u32))
                .filter_map(|m| {
                    let doc = corpus.docs().get(m.doc.index())?;
                    Some(JsonMention {
                        doc: doc.id.to_string(),
                        start: m.start as usize,
                        end: m.end as usize,
                        text: doc.text.get(m.span()).unwrap_or_default().to_string(),
                    })
                })
                .collect(),
        })
        .collect();
    JsonOutput {
        documents,
        entities,
    }
}

/// The same JSON as [`output`], serialised straight from the corpus and the
/// index, without building the owned form first: a hundred thousand articles
/// have millions of mentions, and copying each one's document id and text
/// before writing it costs time and memory for nothing.
#[derive(Clone, Copy)]
pub struct JsonView<'a> {
    /// The documents, in index order.
    pub corpus: &'a Corpus,
    /// Their linked entities.
    pub index: &'a EntityIndex,
}

/// A sequence serialised from an iterator made on demand.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for JsonView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let docs = self.corpus.docs();
        // Texts not read yet (a warm open) are read on every core first:
        // the mentions below need them in entity order.
        {
            use rayon::prelude::*;
            docs.par_iter()
                .filter(|d| !d.text.is_loaded())
                .for_each(|d| {
                    let _ = d.text.as_str();
                });
        }
        let mut out = s.serialize_struct("JsonOutput", 2)?;
        out.serialize_field(
            "documents",
            &Seq(|| {
                docs.iter().map(|d| DocumentView {
                    id: &d.id,
                    path: &d.path,
                    title: &d.title,
                })
            }),
        )?;
        out.serialize_field(
            "entities",
            &Seq(|| {
                self.index
                    .entities()
                    .iter()
                    .enumerate()
                    .map(|(i, e)| EntityView {
                        view: *self,
                        id: super::EntityId(i as u32),
                        entity: e,
                    })
            }),
        )?;
        out.end()
    }
}

struct DocumentView<'a> {
    id: &'a str,
    path: &'a std::path::Path,
    title: &'a str,
}

impl Serialize for DocumentView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let escaped = path_text::escaped(self.path);
        let mut out = s.serialize_struct("JsonDocument", 3 + usize::from(escaped.is_some()))?;
        out.serialize_field("id", self.id)?;
        out.serialize_field("path", &self.path.display().to_string())?;
        out.serialize_field("title", self.title)?;
        if let Some(e) = escaped {
            out.serialize_field("path_escaped", &e)?;
        }
        out.end()
    }
}

struct EntityView<'a> {
    view: JsonView<'a>,
    id: super::EntityId,
    entity: super::EntityRef<'a>,
}

impl Serialize for EntityView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = &self.entity;
        let docs = self.view.corpus.docs();
        let ambiguous = e.is_ambiguous();
        let mut out = s.serialize_struct("JsonEntity", if ambiguous { 9 } else { 7 })?;
        out.serialize_field("id", &e.key)?;
        out.serialize_field("name", &e.name)?;
        out.serialize_field("kind", &e.kind)?;
        out.serialize_field("aliases", &e.aliases)?;
        out.serialize_field("articles", &self.view.index.doc_count(self.id))?;
        if ambiguous {
            out.serialize_field("ambiguous", &true)?;
            out.serialize_field("candidates", &e.candidates)?;
        }
        out.serialize_field("evidence", &*self.view.index.evidence(self.id))?;
        out.serialize_field(
            "mentions",
            &Seq(|| {
                self.view.index.mentions_of(self.id).filter_map(|m| {
                    let doc = docs.get(m.doc.index())?;
                    Some(MentionView {
                        doc: &doc.id,
                        start: m.start as usize,
                        end: m.end as usize,
                        text: doc.text.get(m.span()).unwrap_or_default(),
                    })
                })
            }),
        )?;
        out.end()
    }
}

#[derive(Serialize)]
struct MentionView<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::entity::fixture::IndexBuilder;
    use std::path::PathBuf;

    #[test]
    fn output_round_trips_through_serde() {
        let text = "Anna traf Bonn. Anna ging.";
        let doc = Document::from_bytes("a".into(), PathBuf::from("dir/a.txt"), text.as_bytes());
        let corpus = Corpus::new(vec![doc]);
        let index = IndexBuilder::new(1)
            .entity("Anna", Kind::Person)
            .at(0, 16..20)
            .at(0, 0..4)
            .build();
        let out = output(&corpus, &index);
        assert_eq!(out.documents[0].id, "a");
        assert_eq!(out.documents[0].path, "dir/a.txt");
        let e = &out.entities[0];
        assert_eq!((e.mentions[0].start, e.mentions[0].end), (0, 4));
        assert_eq!(e.mentions[1].text, "Anna");
        let json = serde_json::to_string(&out).unwrap();
        assert!(json.contains(r#""kind":"person""#));
        let back: JsonOutput = serde_json::from_str(&json).unwrap();
        assert_eq!(back, out);
        let streamed = serde_json::to_string(&JsonView {
            corpus: &corpus,
            index: &index,
        })
        .unwrap();
        assert_eq!(streamed, json);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_gets_its_escaped_form() {
        use std::os::unix::ffi::OsStrExt;
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"dir/k\xf6ln.txt"));
        let doc = Document::from_bytes("k".into(), path.clone(), b"Titel\n\nText.");
        let corpus = Corpus::new(vec![
            doc,
            Document::from_bytes("b".into(), "b.txt".into(), b"B"),
        ]);
        let index = EntityIndex::new(2, Vec::new());
        let out = output(&corpus, &index);
        let d = &out.documents[0];
        assert_eq!(d.path, "dir/k\u{FFFD}ln.txt", "shown with a replacement");
        assert_eq!(d.path_escaped.as_deref(), Some("dir/k\\xF6ln.txt"));
        assert_eq!(
            path_text::unescaped(d.path_escaped.as_ref().unwrap()),
            Some(path)
        );
        assert_eq!(out.documents[1].path_escaped, None);
        let json = serde_json::to_string(&out).unwrap();
        assert_eq!(json.matches("path_escaped").count(), 1, "only where needed");
        let streamed = serde_json::to_string(&JsonView {
            corpus: &corpus,
            index: &index,
        })
        .unwrap();
        assert_eq!(streamed, json);
        let back: JsonOutput = serde_json::from_str(&json).unwrap();
        assert_eq!(back, out);
    }

    #[test]
    fn the_streamed_form_is_the_owned_form_over_a_real_corpus() {
        let docs: Vec<Document> = crate::corpus::seeds::documents();
        let corpus = Corpus::new(docs);
        let index = crate::entity::pipeline::extract(&corpus);
        assert!(index.len() > 10);
        let owned = serde_json::to_string(&output(&corpus, &index)).unwrap();
        let streamed = serde_json::to_string(&JsonView {
            corpus: &corpus,
            index: &index,
        })
        .unwrap();
        assert_eq!(streamed, owned);
    }
}
