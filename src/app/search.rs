//! The corpus search's state: the query, its hits in corpus order and the
//! current one, and a search still running a slice at a time between frames
//! (so a key press never waits for the whole corpus).

use crate::corpus::{DocId, Document};
use crate::search::{self, Hit};
use crate::store::reader::SearchPlan;
use std::sync::Arc;

/// How many bytes of text a search covers between two frames.
pub const SEARCH_SLICE: usize = 1 << 19;

/// Bytes searched in the key press that starts a search (the rest follow
/// between frames): enough for the first hit of a search the word index
/// narrowed, whose every article has one, and few enough articles read from
/// their files that the key is answered within a frame.
pub const FIRST_SLICE: usize = SEARCH_SLICE / 16;

/// The search state.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The query being typed or last run.
    pub query: String,
    /// Its hits in corpus order (those found so far while it runs).
    pub hits: Vec<Hit>,
    /// The current hit.
    pub current: Option<usize>,
    /// A search still running over the rest of the corpus, a slice at a
    /// time between frames (see [`super::App::search_more`]).
    pub pending: Option<PendingSearch>,
}

/// A search under way: it goes from the open article to the end of the
/// corpus, then from the start to the open article, through the articles
/// its plan names (positions in that list; every article without one).
#[derive(Debug, Clone)]
pub struct PendingSearch {
    /// The query.
    pub query: String,
    /// The next position to search.
    pub next: usize,
    /// Where the search started (and ends, after wrapping round).
    pub start: usize,
    /// Whether it has wrapped round to the start of the corpus.
    pub wrapped: bool,
    /// What the search engine said to look for, and where.
    pub plan: Arc<SearchPlan>,
}

impl PendingSearch {
    /// The number of positions, in a corpus of `docs` articles.
    fn len(&self, docs: usize) -> usize {
        self.plan.docs.as_ref().map_or(docs, Vec::len)
    }

    /// The article at position `pos`.
    fn doc_at(&self, pos: usize) -> usize {
        match &self.plan.docs {
            Some(d) => d.get(pos).map_or(usize::MAX, |d| d.index()),
            None => pos,
        }
    }

    /// Whether it has come round to where it started.
    pub fn finished(&self) -> bool {
        self.wrapped && self.next >= self.start
    }
}

impl Search {
    /// Whether a search is still running.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Drop the hits and any running search (the query stays).
    pub fn clear(&mut self) {
        self.hits.clear();
        self.current = None;
        self.pending = None;
    }

    /// Start searching for the query from article `open` of a corpus of
    /// `docs` articles; `false` when there is nothing to search for (an
    /// empty query or corpus). The hits of a former search are dropped.
    pub fn start(&mut self, open: usize, docs: usize) -> bool {
        let plan = SearchPlan::literal(&self.query);
        self.start_planned(plan, open, docs)
    }

    /// [`Search::start`] with what a search engine said to look for: only
    /// in the articles it names, if it names them (`false` too when it
    /// names none).
    pub fn start_planned(&mut self, plan: SearchPlan, open: usize, docs: usize) -> bool {
        let query = self.query.trim().to_string();
        self.clear();
        let positions = plan.docs.as_ref().map_or(docs, Vec::len);
        if query.is_empty() || docs == 0 || positions == 0 {
            return false;
        }
        let start = match &plan.docs {
            Some(d) => d.partition_point(|x| x.index() < open).min(positions - 1),
            None => open.min(docs - 1),
        };
        self.pending = Some(PendingSearch {
            query,
            next: start,
            start,
            wrapped: false,
            plan: Arc::new(plan),
        });
        true
    }

    /// Search the next slice of `docs` for `p` (about `budget` bytes:
    /// [`SEARCH_SLICE`] between frames, [`FIRST_SLICE`] in the key press;
    /// at least one article) and merge its hits in corpus order.
    pub fn advance(&mut self, p: &mut PendingSearch, docs: &[Arc<Document>], budget: usize) {
        let end = if p.wrapped {
            p.start
        } else {
            p.len(docs.len())
        };
        let mut to = p.next;
        let mut bytes = 0;
        while to < end && (to == p.next || bytes < budget) {
            bytes += docs.get(p.doc_at(to)).map_or(0, |d| d.text.len());
            to += 1;
        }
        let found = match &p.plan.docs {
            None if p.plan.terms == [p.query.clone()] && !p.plan.word_starts => {
                search::search_docs(&docs[p.next..to], DocId(p.next as u32), &p.query)
            }
            None => {
                let which: Vec<DocId> = (p.next..to).map(|d| DocId(d as u32)).collect();
                search::search_planned(docs, &which, &p.plan)
            }
            Some(d) => search::search_planned(docs, &d[p.next..to], &p.plan),
        };
        if !found.is_empty() {
            let first = p.doc_at(p.next);
            let at = self.hits.partition_point(|h| h.doc.index() < first);
            self.hits.splice(at..at, found);
        }
        p.next = to;
        if p.next >= end && !p.wrapped {
            p.wrapped = true;
            p.next = 0;
        }
    }

    /// The number of hits at or before `pos` (document, byte offset).
    pub fn hits_through(&self, pos: (DocId, usize)) -> usize {
        self.hits.partition_point(|h| (h.doc, h.range.start) <= pos)
    }

    /// Keep the current hit the one at `at` as hits before it come in.
    pub fn follow(&mut self, at: (DocId, usize)) {
        self.current = Some(self.hits.partition_point(|h| (h.doc, h.range.start) < at));
    }

    /// The hit after (or before) `pos`, wrapping round at either end. There
    /// must be hits.
    pub fn next_hit(&self, pos: (DocId, usize), forward: bool) -> usize {
        let hits = &self.hits;
        if forward {
            let i = hits.partition_point(|h| (h.doc, h.range.start) <= pos);
            if i == hits.len() { 0 } else { i }
        } else {
            let i = hits.partition_point(|h| (h.doc, h.range.start) < pos);
            if i == 0 { hits.len() - 1 } else { i - 1 }
        }
    }

    /// End a finished search: keep at most [`search::MAX_HITS`] hits (and
    /// the current one only if it is among them). `true` if nothing matched.
    pub fn finish(&mut self) -> bool {
        self.hits.truncate(search::MAX_HITS);
        if let Some(i) = self.current
            && i >= self.hits.len()
        {
            self.current = None;
        }
        self.hits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = format!("Titel {i}\n\n{t}");
                    Document::from_bytes(
                        format!("d{i}"),
                        format!("d{i}.txt").into(),
                        text.as_bytes(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn a_search_starts_at_the_open_article_and_comes_round() {
        let corpus = corpus(&["Köln", "nichts", "Köln und Köln", "Bonn"]);
        let mut s = Search {
            query: "  koln ".into(),
            ..Search::default()
        };
        assert!(s.start(2, corpus.len()));
        let mut p = s.pending.take().unwrap();
        assert_eq!((p.query.as_str(), p.next, p.start), ("koln", 2, 2));
        assert_eq!(p.plan.docs, None, "every article");
        let mut slices = 0;
        while !p.finished() {
            s.advance(&mut p, corpus.docs(), SEARCH_SLICE);
            slices += 1;
        }
        assert!(slices >= 2, "wrapped round");
        assert_eq!(
            s.hits,
            search::search(&corpus, "koln"),
            "all, in corpus order"
        );
        assert!(!s.finish());
    }

    #[test]
    fn a_planned_search_looks_only_where_its_engine_says() {
        let corpus = corpus(&["Häuser", "Haus", "nichts", "Rathaus", "Hausbau"]);
        let mut s = Search {
            query: "Häuser".into(),
            ..Search::default()
        };
        let plan = SearchPlan {
            docs: Some(vec![DocId(0), DocId(1), DocId(4)]),
            terms: vec!["haus".into()],
            word_starts: true,
        };
        assert!(s.start_planned(plan.clone(), 3, corpus.len()));
        let mut p = s.pending.take().unwrap();
        assert_eq!(p.start, 2, "the first named article from the open one");
        while !p.finished() {
            s.advance(&mut p, corpus.docs(), SEARCH_SLICE);
        }
        let found: Vec<(usize, &str)> = s
            .hits
            .iter()
            .map(|h| (h.doc.index(), &corpus.doc(h.doc).text[h.range.clone()]))
            .collect();
        assert_eq!(found, vec![(0, "Häuser"), (1, "Haus"), (4, "Hausbau")]);
        let none = SearchPlan {
            docs: Some(Vec::new()),
            ..plan
        };
        assert!(
            !s.start_planned(none, 0, corpus.len()),
            "no article answers"
        );
    }

    #[test]
    fn nothing_to_search_for() {
        let corpus = corpus(&["Köln"]);
        let mut s = Search {
            query: "   ".into(),
            ..Search::default()
        };
        assert!(!s.start(0, 1));
        assert!(!s.busy());
        s.query = "koln".into();
        assert!(!s.start(0, 0), "an empty corpus");
        assert!(s.start(9, corpus.len()), "starts at the last article");
        assert_eq!(s.pending.as_ref().map(|p| p.start), Some(0));
        assert!(s.busy());
        s.clear();
        assert!(!s.busy() && s.hits.is_empty() && s.current.is_none());
        assert_eq!(s.query, "koln", "the query stays");
    }

    #[test]
    fn next_and_previous_hits_wrap_round() {
        let corpus = corpus(&["Köln", "Köln Köln"]);
        let mut s = Search {
            hits: search::search(&corpus, "koln"),
            ..Search::default()
        };
        let at = |i: usize| (s.hits[i].doc, s.hits[i].range.start);
        let (first, second, last) = (at(0), at(1), at(2));
        assert_eq!(s.next_hit(first, true), 1);
        assert_eq!(s.next_hit(last, true), 0, "round to the first");
        assert_eq!(s.next_hit(second, false), 0);
        assert_eq!(s.next_hit(first, false), 2, "round to the last");
        assert_eq!(s.next_hit((DocId(0), 0), true), 0, "before the first hit");
        assert_eq!(s.hits_through(second), 2);
        s.follow(last);
        assert_eq!(s.current, Some(2));
    }

    #[test]
    fn finishing_drops_a_current_hit_cut_off() {
        let corpus = corpus(&["Köln"]);
        let mut s = Search {
            hits: search::search(&corpus, "koln"),
            current: Some(search::MAX_HITS),
            ..Search::default()
        };
        assert!(!s.finish());
        assert_eq!(s.current, None);
        s.hits.clear();
        assert!(s.finish(), "no match");
    }
}
