//! The compare view's report picker: the other reports, most similar to the
//! left one first, each with its date (when the source gives one), narrowed
//! as you type. Typing filters with [`crate::fuzzy`] over title, date and
//! id; the best matches come first, ties in order of similarity.

use crate::app::ListState;
use crate::corpus::{Corpus, DocId, Document};

/// The report picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// Every other report with its similarity, most similar first.
    all: Vec<(DocId, f64)>,
    /// What has been typed.
    pub query: String,
    /// The reports shown: those the query matches, best first.
    pub ranked: Vec<(DocId, f64)>,
    /// The selected row and the first visible one.
    pub selection: ListState,
}

/// What the filter matches a report against: its title, date, category
/// and id.
pub fn haystack(doc: &Document) -> String {
    format!(
        "{} {} {} {}",
        doc.title,
        doc.date.as_deref().unwrap_or_default(),
        doc.category.as_deref().unwrap_or_default(),
        doc.id
    )
}

impl Picker {
    /// A picker over `all` (most similar first) on the report `current`.
    pub fn new(all: Vec<(DocId, f64)>, current: DocId) -> Picker {
        let selected = all.iter().position(|(d, _)| *d == current).unwrap_or(0);
        Picker {
            ranked: all.clone(),
            all,
            query: String::new(),
            selection: ListState {
                selected,
                offset: 0,
            },
        }
    }

    /// The report on the selected row.
    pub fn chosen(&self) -> Option<DocId> {
        self.ranked.get(self.selection.selected).map(|&(d, _)| d)
    }

    /// Type a character into the filter.
    pub fn push(&mut self, c: char, corpus: &Corpus) {
        self.query.push(c);
        self.refilter(corpus);
    }

    /// Delete the filter's last character.
    pub fn pop(&mut self, corpus: &Corpus) {
        self.query.pop();
        self.refilter(corpus);
    }

    /// Narrow the list to the query, keeping the selected report selected
    /// while it still matches (else the best match).
    fn refilter(&mut self, corpus: &Corpus) {
        let keep = self.chosen();
        let query = crate::fuzzy::Query::new(&self.query);
        let mut scored: Vec<(crate::fuzzy::Rank, usize, (DocId, f64))> = self
            .all
            .iter()
            .enumerate()
            .filter_map(|(k, &(d, s))| {
                let doc = corpus.docs().get(d.index())?;
                crate::fuzzy::rank_text(&query, &haystack(doc)).map(|m| (m, k, (d, s)))
            })
            .collect();
        // Best rank first; among equals, the most similar report first.
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        self.ranked = scored.into_iter().map(|(_, _, r)| r).collect();
        self.selection = ListState {
            selected: keep
                .and_then(|k| self.ranked.iter().position(|(d, _)| *d == k))
                .filter(|_| self.query.is_empty())
                .unwrap_or(0),
            offset: 0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus() -> Corpus {
        let doc = |id: &str, title: &str, date: Option<&str>| {
            let mut d = Document::from_bytes(id.into(), PathBuf::from(id), b"Text.");
            d.title = title.into();
            d.date = date.map(Into::into);
            d
        };
        Corpus::new(vec![
            doc("a", "Links", None),
            doc("b", "Santorum gewinnt in Louisiana", Some("2012-03-28")),
            doc(
                "c",
                "Romney gewinnt Vorwahl in Illinois",
                Some("2012-03-23"),
            ),
            doc("d", "Kosovo erklärt Unabhängigkeit", Some("2008-02-17")),
        ])
    }

    fn shown(p: &Picker) -> Vec<u32> {
        p.ranked.iter().map(|(d, _)| d.0).collect()
    }

    #[test]
    fn typing_narrows_and_backspace_widens() {
        let c = corpus();
        let mut p = Picker::new(
            vec![(DocId(3), 0.9), (DocId(2), 0.5), (DocId(1), 0.4)],
            DocId(2),
        );
        assert_eq!(shown(&p), [3, 2, 1]);
        assert_eq!(p.chosen(), Some(DocId(2)), "on the current report");
        for ch in "gewinnt".chars() {
            p.push(ch, &c);
        }
        assert_eq!(shown(&p), [2, 1], "both primaries, by similarity");
        p.push(' ', &c);
        for ch in "louis".chars() {
            p.push(ch, &c);
        }
        assert_eq!(shown(&p), [1]);
        assert_eq!(p.chosen(), Some(DocId(1)));
        for _ in 0.."louis".len() + 1 {
            p.pop(&c);
        }
        assert_eq!(shown(&p), [2, 1]);
        p.query.clear();
        p.pop(&c);
        assert_eq!(shown(&p), [3, 2, 1], "an empty filter shows all");
    }

    #[test]
    fn the_date_is_matched_too_and_nothing_matches_nothing() {
        let c = corpus();
        let mut p = Picker::new(vec![(DocId(3), 0.9), (DocId(2), 0.5)], DocId(3));
        for ch in "2008".chars() {
            p.push(ch, &c);
        }
        assert_eq!(shown(&p), [3]);
        p.push('x', &c);
        p.push('q', &c);
        assert_eq!(shown(&p), Vec::<u32>::new());
        assert_eq!(p.chosen(), None);
    }
}
