//! Full-text search over the corpus, case- and umlaut-insensitive
//! (`grosse` finds `Größe`, `fusse` finds `Füße`).

use crate::corpus::{Corpus, DocId};
use crate::text::fold::{fold_char_to_base as fold_char, fold_to_base as fold};
use rayon::prelude::*;
use std::ops::Range;

pub mod word_file;
pub mod word_runs;
pub mod words;

/// The most hits a search collects.
pub const MAX_HITS: usize = 100_000;

thread_local! {
    /// A reusable buffer for the quick pass of [`find_in`].
    static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// One place where the query occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// Byte range in the document text.
    pub range: Range<usize>,
}

/// Fold `text`, returning the folded string and, for each folded byte, the
/// byte offset of the character it came from (plus one entry for the end).
fn fold_with_map(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        map.extend(std::iter::repeat_n(i as u32, out.len() - before));
    }
    map.push(text.len() as u32);
    (out, map)
}

/// Fold `text` into `out` (cleared first) as [`fold`] does, ASCII bytes
/// taken in bulk: the quick pass that tells whether a text can match.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let from = out.len();
        out.push_str(run);
        out[from..].make_ascii_lowercase();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
        }
        rest = chars.as_str();
    }
}

/// Find `query` in one text; ranges are byte ranges into `text`.
pub fn find_in(text: &str, query: &str) -> Vec<Range<usize>> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let finder = memchr::memmem::Finder::new(q.as_bytes());
    // Most texts do not contain the query: find that out without the map.
    let quick = FOLDED.with(|buf| {
        let mut buf = buf.borrow_mut();
        fold_into(text, &mut buf);
        finder.find(buf.as_bytes()).is_some()
    });
    if !quick {
        return Vec::new();
    }
    let (folded, map) = fold_with_map(text);
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&folded.as_bytes()[from..]) {
        let s = from + i;
        let e = s + q.len();
        let start = map[s] as usize;
        // The end is the start of the character after the last matched one.
        let end = map[e..]
            .iter()
            .find(|&&o| o as usize > map[e - 1] as usize)
            .map_or(text.len(), |&o| o as usize);
        hits.push(start..end);
        from = e;
    }
    hits
}

/// Search `docs`, the documents numbered from `first`, in parallel; hits
/// come in order (all of them).
pub fn search_docs(
    docs: &[std::sync::Arc<crate::corpus::Document>],
    first: DocId,
    query: &str,
) -> Vec<Hit> {
    let per_doc: Vec<Vec<Hit>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            // A text left in its file is read for this and let go.
            d.text
                .with(|text| find_in(text, query))
                .into_iter()
                .filter(|r| !d.is_hidden(r))
                .map(|range| Hit {
                    doc: DocId(first.0 + i as u32),
                    range,
                })
                .collect()
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// The words of `text` that begin with one of `stems` (as a German
/// stemmer cuts them: `haus` marks `Häuser`), whole, in order; a stem
/// inside a word marks nothing.
pub fn find_word_starts(text: &str, stems: &[String]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for stem in stems {
        for r in find_in(text, stem) {
            if text[..r.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let rest = &text[r.end..];
            let end = r.end
                + rest
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len());
            out.push(r.start..end);
        }
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    out.dedup_by(|later, kept| later.start < kept.end);
    out
}

/// Search the documents `which` of `docs` in parallel for what `plan`
/// marks; hits come in order.
pub fn search_planned(
    docs: &[std::sync::Arc<crate::corpus::Document>],
    which: &[DocId],
    plan: &crate::store::reader::SearchPlan,
) -> Vec<Hit> {
    let per_doc: Vec<Vec<Hit>> = which
        .par_iter()
        .filter_map(|&doc| docs.get(doc.index()).map(|d| (doc, d)))
        .map(|(doc, d)| {
            let ranges = d.text.with(|text| {
                if plan.word_starts {
                    find_word_starts(text, &plan.terms)
                } else {
                    let mut all: Vec<Range<usize>> =
                        plan.terms.iter().flat_map(|t| find_in(text, t)).collect();
                    all.sort_by_key(|r| r.start);
                    all.dedup_by(|later, kept| later.start < kept.end);
                    all
                }
            });
            ranges
                .into_iter()
                .filter(|r| !d.is_hidden(r))
                .map(|range| Hit { doc, range })
                .collect()
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// Search the whole corpus in parallel; hits come in corpus order, at most
/// [`MAX_HITS`].
pub fn search(corpus: &Corpus, query: &str) -> Vec<Hit> {
    let mut hits = search_docs(corpus.docs(), DocId(0), query);
    hits.truncate(MAX_HITS);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_reads_texts_left_in_their_files_without_keeping_them() {
        let dir = tempfile::tempdir().unwrap();
        let docs: Vec<_> = ["Köln am Rhein.", "Nichts hier.", "In KÖLN und Koln."]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = dir.path().join(format!("{i}.txt"));
                std::fs::write(&path, format!("Titel\n\n{t}")).unwrap();
                let mut d = crate::corpus::load::read_file(&path, i.to_string()).unwrap();
                let text = d.text.to_string();
                d.leave_text_in_file();
                assert!(!d.text.is_loaded());
                (d, text)
            })
            .collect();
        let texts: Vec<String> = docs.iter().map(|(_, t)| t.clone()).collect();
        let lazy = Corpus::new(docs.into_iter().map(|(d, _)| d).collect());
        let hits = search(&lazy, "koln");
        let ready = Corpus::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    crate::corpus::Document::from_bytes(i.to_string(), "x.txt".into(), t.as_bytes())
                })
                .collect(),
        );
        assert_eq!(hits, search(&ready, "koln"), "the same hits");
        assert_eq!(hits.len(), 3);
        assert!(
            lazy.docs().iter().all(|d| !d.text.is_loaded()),
            "no text kept in memory"
        );
    }

    #[test]
    fn stems_mark_the_words_they_begin_and_nothing_inside_words() {
        let text = "Die Häuser am Haus, ein Rathaus und HAUSTÜREN.";
        let hits: Vec<&str> = find_word_starts(text, &["haus".into()])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(hits, vec!["Häuser", "Haus", "HAUSTÜREN"], "not Rathaus");
        assert!(find_word_starts(text, &["maus".into()]).is_empty());
        // Two stems of one word mark it once.
        let both = find_word_starts(text, &["haus".into(), "hau".into()]);
        assert_eq!(both.len(), 3);
    }

    #[test]
    fn case_and_umlaut_insensitive() {
        let text = "In PJÖNGJANG und Pjöngjang, an der Straße.";
        let hits = find_in(text, "pjongjang");
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[1].clone()], "Pjöngjang");
        let s = find_in(text, "strasse");
        assert_eq!(&text[s[0].clone()], "Straße");
        assert!(find_in(text, "  ").is_empty());
    }

    #[test]
    fn quick_fold_is_the_full_fold() {
        let mut buf = String::new();
        for t in [
            "In PJÖNGJANG, Straße",
            "",
            "ÄÖÜ abc ẞ É",
            "plain ASCII Text",
        ] {
            fold_into(t, &mut buf);
            assert_eq!(buf, fold(t));
            assert_eq!(buf, fold_with_map(t).0);
        }
        assert!(find_in("nothing here", "Straße").is_empty());
    }

    #[test]
    fn search_walks_the_corpus_in_order() {
        let docs = crate::corpus::seeds::documents();
        let corpus = Corpus::new(docs);
        let hits = search(&corpus, "Russland");
        assert!(hits.len() > 5);
        assert!(
            hits.windows(2)
                .all(|w| (w[0].doc, w[0].range.start) < (w[1].doc, w[1].range.start))
        );
        for h in &hits {
            assert_eq!(
                &corpus.doc(h.doc).text[h.range.clone()].to_lowercase(),
                "russland"
            );
        }
    }
}
