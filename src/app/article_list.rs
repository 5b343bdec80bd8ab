//! The article list's state: its selection and the title filter, ranked
//! as [`crate::fuzzy`] ranks (the title itself, then titles that start
//! with the query, have a word starting with it, hold it, and only then
//! the fuzzy matches). Titles are folded once; a query that grows narrows
//! the rows of the one before instead of looking at every title again.
//!
//! The list can also be limited to some articles ([`Limit`]: those that
//! mention an entity, or that hold search hits), as neomutt's `l` limits
//! its index; the title filter then filters within the limit.

use super::ListState;
use super::list_filter::{FoldedTitles, Pool, TitleWorker, WorkerGone, fold_titles, rank_titles};
use crate::corpus::{Corpus, DocId};
use crate::fuzzy::Query;

/// The article list.
#[derive(Debug, Default)]
pub struct ArticleList {
    /// The selected row and the first visible one.
    pub selection: ListState,
    /// The filter typed over the titles.
    pub filter: String,
    /// The articles the list shows, best match first, while filtered;
    /// `None` shows every article in corpus order.
    pub rows: Option<Vec<DocId>>,
    /// Every title, folded for matching (made on the first filter, extended
    /// as articles arrive).
    pub folded: FoldedTitles,
    /// The query the rows were filtered by, and over how many articles.
    pub last: Option<(Query, usize)>,
    /// The articles the list is limited to, if it is.
    pub limit: Option<Limit>,
    /// The rows of the queries typed on the way to this one (folded query,
    /// rows), so that Backspace goes back to them without looking at every
    /// title again; at most [`MAX_STEPS`], over the same articles and limit.
    pub steps: Vec<(String, Vec<DocId>)>,
    /// The thread that ranks titles in a large corpus (see
    /// [`super::list_filter`]), once started.
    pub worker: Option<TitleWorker>,
    /// The article to keep selected when the worker's rows come.
    pub keep_after: Option<DocId>,
    /// Counts the limits set: which articles a query is filtered from, for
    /// the worker's narrowing (see [`TitleWorker::request`]).
    pub scope: u64,
}

/// How many earlier queries' rows the list keeps for Backspace.
pub const MAX_STEPS: usize = 32;

/// A limit on the article list: only these articles are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// What the articles have in common, for the list's title (an entity's
    /// name, or the search).
    pub label: String,
    /// The articles, in corpus order.
    pub docs: Vec<DocId>,
}

impl Limit {
    /// A limit to `docs` (sorted and made unique here).
    pub fn new(label: String, mut docs: Vec<DocId>) -> Limit {
        docs.sort_unstable();
        docs.dedup();
        Limit { label, docs }
    }

    /// Whether the limit lets `doc` through.
    pub fn contains(&self, doc: DocId) -> bool {
        self.docs.binary_search(&doc).is_ok()
    }
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

    /// Whether the list shows a subset of the articles (filtered or limited).
    pub fn is_narrowed(&self) -> bool {
        self.rows.is_some()
    }

    /// Limit the list to `limit` (or lift the limit with `None`), keeping
    /// `keep` selected if it is shown, else the first row.
    pub fn set_limit(&mut self, limit: Option<Limit>, corpus: &Corpus, keep: DocId) {
        self.limit = limit;
        self.scope += 1;
        self.last = None;
        self.steps.clear();
        self.refilter(corpus, Some(keep));
    }

    /// Filter by `filter` (ranked, on titles; best match first, then in
    /// corpus order) within the limit, here on the calling thread. The
    /// selection goes to `keep` if it is shown (the view keeps its place
    /// when it can), else to the first row, the best match.
    pub fn refilter(&mut self, corpus: &Corpus, keep: Option<DocId>) {
        if let Some(w) = &mut self.worker {
            w.cancel();
        }
        let query = Query::new(&self.filter);
        if let Some(pool) = self.pool(&query, corpus.len()) {
            let docs = corpus.docs();
            let have = self.folded.len().min(docs.len());
            fold_titles(&mut self.folded, &docs[have..]);
            let rows = rank_titles(&self.folded, usize::MAX, pool, &query);
            self.take_rows(query, docs.len(), rows);
        }
        self.keep(keep);
    }

    /// [`ArticleList::refilter`] with the ranking on the filter worker
    /// (started on first use): an empty query or one typed before is done
    /// at once; otherwise the rows stay as they are until
    /// [`ArticleList::poll`] brings the answer, and `keep` is selected then.
    /// Falls back to filtering here if the worker cannot run.
    pub fn refilter_in_background(&mut self, corpus: &Corpus, keep: Option<DocId>) {
        let query = Query::new(&self.filter);
        let Some(pool) = self.pool(&query, corpus.len()) else {
            if let Some(w) = &mut self.worker {
                w.cancel();
            }
            self.keep(keep);
            return;
        };
        if self.worker.as_ref().is_none_or(|w| w.sent() > corpus.len()) {
            self.send_titles(corpus);
        }
        let asked = self
            .worker
            .as_mut()
            .is_some_and(|w| w.request(query, pool, self.scope, corpus));
        if asked {
            self.keep_after = keep;
        } else {
            self.worker = None;
            self.refilter(corpus, keep);
        }
    }

    /// Hand the titles of articles that arrived to the filter worker
    /// (started here), so that it folds them before the first query.
    pub fn send_titles(&mut self, corpus: &Corpus) {
        if self
            .worker
            .as_ref()
            .is_some_and(|w| w.sent() > corpus.len())
        {
            self.worker = None;
        }
        if self.worker.is_none() {
            self.worker = TitleWorker::spawn()
                .map_err(|e| tracing::warn!("could not filter on a thread: {e}"))
                .ok();
        }
        if let Some(w) = &mut self.worker
            && !w.add_titles(corpus)
        {
            self.worker = None;
        }
    }

    /// Whether the worker is ranking a query whose rows are not shown yet.
    pub fn filtering(&self) -> bool {
        self.worker.as_ref().is_some_and(TitleWorker::waiting)
    }

    /// Show the worker's rows if they have come (`wait`: wait for them);
    /// whether the rows changed. A worker that died is replaced by
    /// filtering here.
    pub fn poll(&mut self, corpus: &Corpus, wait: bool) -> bool {
        let Some(w) = &mut self.worker else {
            return false;
        };
        let got = if wait { w.wait() } else { w.poll() };
        match got {
            Ok(Some(a)) if a.docs == corpus.len() => {
                self.take_rows(a.query, a.docs, a.rows);
                let keep = self.keep_after.take();
                self.keep(keep);
                true
            }
            // Ranked over fewer articles than there are now: ask again.
            Ok(Some(_)) => {
                let keep = self.keep_after.take();
                self.refilter_in_background(corpus, keep);
                false
            }
            Ok(None) => false,
            Err(WorkerGone) => {
                tracing::warn!("the filter thread died; filtering on the UI thread");
                self.worker = None;
                let keep = self.keep_after.take();
                self.refilter(corpus, keep);
                true
            }
        }
    }

    /// What `query` is to be ranked over, over `docs` articles; `None` when
    /// the rows are known without ranking (an empty query shows the limit
    /// or everything; a query typed on the way here has its rows kept), and
    /// they are set.
    fn pool(&mut self, query: &Query, docs: usize) -> Option<Pool> {
        if query.is_empty() {
            self.rows = self.limit.as_ref().map(|l| {
                l.docs
                    .iter()
                    .copied()
                    .filter(|d| d.index() < docs)
                    .collect()
            });
            self.last = None;
            self.steps.clear();
            return None;
        }
        if let Some(i) = self.step_back(query, docs) {
            // Backspace to a query typed before: its rows, kept.
            self.steps.truncate(i + 1);
            self.rows = Some(self.steps[i].1.clone());
            self.last = Some((query.clone(), docs));
            return None;
        }
        // Rows kept over fewer articles are stale.
        if self.last.as_ref().is_some_and(|(_, n)| *n != docs) {
            self.steps.clear();
        }
        // A longer query matches a subset of what the shorter one did.
        let narrowing = match (&self.last, &self.rows) {
            (Some((q, n)), Some(_)) => *n == docs && query.narrows(q),
            _ => false,
        };
        Some(if narrowing {
            Pool::Docs(self.rows.clone().unwrap_or_default())
        } else if let Some(l) = &self.limit {
            Pool::Docs(l.docs.clone())
        } else {
            Pool::All(docs)
        })
    }

    /// Show `rows`, ranked for `query` over `docs` articles, and keep them
    /// for Backspace.
    fn take_rows(&mut self, query: Query, docs: usize, rows: Vec<DocId>) {
        if self.steps.len() == MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push((query.whole.clone(), rows.clone()));
        self.rows = Some(rows);
        self.last = Some((query, docs));
    }

    /// Select `keep` if it is shown, else the first row.
    fn keep(&mut self, keep: Option<DocId>) {
        match keep.and_then(|d| self.row_of(d)) {
            Some(row) => self.selection.selected = row,
            None => {
                self.selection.selected = 0;
                self.selection.offset = 0;
            }
        }
    }

    /// The kept step of `query`, if it was typed on the way here over the
    /// same `docs` articles.
    fn step_back(&self, query: &Query, docs: usize) -> Option<usize> {
        let (_, n) = self.last.as_ref()?;
        if *n != docs {
            return None;
        }
        self.steps.iter().rposition(|(q, _)| *q == query.whole)
    }

    /// Bring the selected row into view in `height` rows: where it already
    /// is on screen it stays; where it is not, it goes a third of the way
    /// down (not to the very edge, where the rows around it are hidden).
    pub fn reveal(&mut self, len: usize, height: usize) {
        let s = &mut self.selection;
        let height = height.max(1);
        if s.selected < s.offset || s.selected >= s.offset + height {
            s.offset = s.selected.saturating_sub(height / 3);
        }
        s.clamp(len, height);
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
        list.refilter(&corpus, Some(DocId(2)));
        let rows = list.rows.clone().unwrap();
        assert_eq!(rows.len(), 2, "umlauts and case folded; Bayern left out");
        assert!(rows.contains(&DocId(1)) && rows.contains(&DocId(2)));
        assert_eq!(list.len(3), 2);
        assert_eq!(list.doc(list.selection.selected, 3), Some(DocId(2)));
        list.reveal(list.len(3), 10);
        assert_eq!(list.selection.offset, 0);
        assert_eq!(list.row_of(DocId(0)), None, "not shown");
        assert_eq!(rows, [DocId(2), DocId(1)], "the prefix before the word");
        assert!(list.filter_shown(false));
        // The open article filtered out: the best match is selected.
        list.refilter(&corpus, Some(DocId(0)));
        assert_eq!(list.selection.selected, 0);
        // No article to keep (a new query): the best match, at the top.
        list.selection.selected = 1;
        list.refilter(&corpus, None);
        assert_eq!((list.selection.selected, list.selection.offset), (0, 0));
        // An empty filter shows everything again.
        list.filter.clear();
        list.refilter(&corpus, Some(DocId(0)));
        assert!(list.rows.is_none());
    }

    #[test]
    fn substrings_come_before_fuzzy_matches_and_a_longer_query_narrows() {
        let doc = |id: &str, title: &str| {
            Document::from_bytes(id.into(), format!("{id}.txt").into(), title.as_bytes())
        };
        let corpus = Corpus::new(vec![
            doc("a", "Sparkassen öffnen wieder\n\nText"),
            doc(
                "b",
                "Parteitag: die SPÖ wählt ihren Vorsitzenden neu\n\nText",
            ),
            doc("c", "Wien: Bürgermeister der SPÖ\n\nText"),
        ]);
        let mut list = ArticleList {
            filter: "spö".into(),
            ..ArticleList::default()
        };
        list.refilter(&corpus, Some(DocId(0)));
        // Both SPÖ titles match as words, in corpus order; Sparkassen
        // (s…p…o fuzzily) after them.
        assert_eq!(list.rows.clone().unwrap(), [DocId(1), DocId(2), DocId(0)]);
        list.filter = "spö w".into();
        list.refilter(&corpus, Some(DocId(0)));
        assert_eq!(list.rows.clone().unwrap(), [DocId(1), DocId(2)]);
        list.filter = "spö wä".into();
        list.refilter(&corpus, Some(DocId(0)));
        assert_eq!(list.last.as_ref().map(|l| l.1), Some(3));
        assert_eq!(list.rows.clone().unwrap(), [DocId(1)], "narrowed");
        // Backspace: the rows of the shorter query come back as they were
        // (kept, not looked for again), and typing on narrows again.
        assert_eq!(list.steps.len(), 3);
        list.filter = "spö w".into();
        list.refilter(&corpus, None);
        assert_eq!(list.rows.clone().unwrap(), [DocId(1), DocId(2)]);
        assert_eq!(list.steps.len(), 2, "the longer query's step dropped");
        list.filter = "spö".into();
        list.refilter(&corpus, None);
        assert_eq!(list.rows.clone().unwrap(), [DocId(1), DocId(2), DocId(0)]);
        list.filter = "spö wi".into();
        list.refilter(&corpus, None);
        assert_eq!(list.rows.clone().unwrap(), [DocId(2)]);
        // A new article arriving makes the kept steps stale.
        let mut more: Vec<Document> = corpus.docs().iter().map(|d| (**d).clone()).collect();
        more.push(Document::from_bytes(
            "d".into(),
            "d.txt".into(),
            b"SPD und SP\xc3\x96 in Wien\n\nText",
        ));
        let bigger = Corpus::new(more);
        list.filter = "spö".into();
        list.refilter(&bigger, None);
        assert_eq!(list.rows.clone().unwrap().len(), 4, "looked for again");
        assert_eq!(list.steps.len(), 1, "the steps over three articles went");
    }

    #[test]
    fn a_limit_shows_its_articles_and_the_filter_filters_within_it() {
        let corpus = corpus();
        let mut list = ArticleList::default();
        let limit = Limit::new("Köln".into(), vec![DocId(2), DocId(1), DocId(2)]);
        assert_eq!(limit.docs, [DocId(1), DocId(2)], "sorted, once each");
        assert!(limit.contains(DocId(1)) && !limit.contains(DocId(0)));
        list.set_limit(Some(limit), &corpus, DocId(2));
        assert!(list.is_narrowed());
        assert_eq!(list.rows.clone().unwrap(), [DocId(1), DocId(2)]);
        assert_eq!(list.selection.selected, 1, "the open article kept");
        list.filter = "wählt".into();
        list.refilter(&corpus, None);
        assert_eq!(list.rows.clone().unwrap(), [DocId(2)]);
        list.filter = "wahl".into();
        list.refilter(&corpus, None);
        assert_eq!(list.rows.clone().unwrap(), [DocId(2)], "Bayern is outside");
        list.filter.clear();
        list.set_limit(None, &corpus, DocId(0));
        assert!(!list.is_narrowed() && list.selection.selected == 0);
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
