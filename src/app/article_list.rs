//! The article list's state: its selection and the fuzzy title filter.

use super::ListState;
use crate::corpus::{Corpus, DocId};

/// The article list.
#[derive(Debug, Clone, Default)]
pub struct ArticleList {
    /// The selected row and the first visible one.
    pub selection: ListState,
    /// The filter typed over the titles.
    pub filter: String,
    /// The articles the list shows, best match first, while filtered;
    /// `None` shows every article in corpus order.
    pub rows: Option<Vec<DocId>>,
}

impl ArticleList {
    /// The number of rows, in a corpus of `docs` articles.
    pub fn len(&self, docs: usize) -> usize {
        self.rows.as_ref().map_or(docs, Vec::len)
    }

    /// The article on a row, in a corpus of `docs` articles.
    pub fn doc(&self, row: usize, docs: usize) -> Option<DocId> {
        match &self.rows {
            Some(rows) => rows.get(row).copied(),
            None => (row < docs).then_some(DocId(row as u32)),
        }
    }

    /// The row of an article, if it is shown.
    pub fn row_of(&self, doc: DocId) -> Option<usize> {
        match &self.rows {
            Some(rows) => rows.iter().position(|&d| d == doc),
            None => Some(doc.index()),
        }
    }

    /// Select the row of `doc`, if it is shown.
    pub fn select(&mut self, doc: DocId) {
        if let Some(row) = self.row_of(doc) {
            self.selection.selected = row;
        }
    }

    /// The article `delta` rows from the selection, within the list; `None`
    /// when the list is empty.
    pub fn step(&self, delta: isize, docs: usize) -> Option<DocId> {
        let len = self.len(docs);
        if len == 0 {
            return None;
        }
        let i = (self.selection.selected as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1);
        self.doc(i as usize, docs)
    }

    /// Whether the list shows its filter line: while there is a filter, or
    /// while one is typed (`typing`).
    pub fn filter_shown(&self, typing: bool) -> bool {
        !self.filter.is_empty() || typing
    }

    /// Filter by `filter` (fuzzy, on titles; best match first), selecting the
    /// open article `open` if it is shown, else the first row.
    pub fn refilter(&mut self, corpus: &Corpus, open: DocId) {
        let q = self.filter.trim();
        self.rows = if q.is_empty() {
            None
        } else {
            let mut scored: Vec<(u32, DocId)> = corpus
                .docs()
                .iter()
                .enumerate()
                .filter_map(|(i, d)| crate::fuzzy::score(q, &d.title).map(|s| (s, DocId(i as u32))))
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            Some(scored.into_iter().map(|(_, d)| d).collect())
        };
        self.selection.selected = self.row_of(open).unwrap_or(0);
        self.selection.offset = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn corpus() -> Corpus {
        let doc = |id: &str, title: &str| {
            Document::from_bytes(id.into(), format!("{id}.txt").into(), title.as_bytes())
        };
        Corpus::new(vec![
            doc("a", "Wahl in Bayern\n\nText"),
            doc("b", "Sturm über Köln\n\nText"),
            doc("c", "Köln wählt\n\nText"),
        ])
    }

    #[test]
    fn unfiltered_rows_are_the_corpus_in_order() {
        let list = ArticleList::default();
        assert_eq!(list.len(3), 3);
        assert_eq!(list.doc(2, 3), Some(DocId(2)));
        assert_eq!(list.doc(3, 3), None);
        assert_eq!(list.row_of(DocId(1)), Some(1));
        assert!(!list.filter_shown(false) && list.filter_shown(true));
    }

    #[test]
    fn the_filter_ranks_titles_and_keeps_the_open_article_selected() {
        let corpus = corpus();
        let mut list = ArticleList {
            filter: "koln".into(),
            ..ArticleList::default()
        };
        list.selection.offset = 5;
        list.refilter(&corpus, DocId(2));
        let rows = list.rows.clone().unwrap();
        assert_eq!(rows.len(), 2, "umlauts and case folded; Bayern left out");
        assert!(rows.contains(&DocId(1)) && rows.contains(&DocId(2)));
        assert_eq!(list.len(3), 2);
        assert_eq!(list.doc(list.selection.selected, 3), Some(DocId(2)));
        assert_eq!(list.selection.offset, 0);
        assert_eq!(list.row_of(DocId(0)), None, "not shown");
        assert!(list.filter_shown(false));
        // The open article filtered out: the best match is selected.
        list.refilter(&corpus, DocId(0));
        assert_eq!(list.selection.selected, 0);
        // An empty filter shows everything again.
        list.filter.clear();
        list.refilter(&corpus, DocId(0));
        assert!(list.rows.is_none());
    }

    #[test]
    fn stepping_stays_in_the_list() {
        let mut list = ArticleList::default();
        list.select(DocId(1));
        assert_eq!(list.step(1, 3), Some(DocId(2)));
        assert_eq!(list.step(10, 3), Some(DocId(2)));
        assert_eq!(list.step(-10, 3), Some(DocId(0)));
        assert_eq!(list.step(1, 0), None, "nothing to step to");
    }
}
