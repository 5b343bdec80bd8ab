//! Filtering the article list off the UI thread. Ranking 100,000 titles
//! takes longer than a frame, so in a large corpus a key typed into the
//! list's filter hands the query to a worker thread and the list goes on
//! showing the rows it has; the event loop polls for the answer and swaps
//! it in (as [`super::rewrap`] does for a wrap). Every request carries a
//! generation: a newer query makes the answers to older ones stale, and
//! the worker skips requests that a newer one has overtaken.
//!
//! The worker keeps the titles folded (each folded once, as they arrive)
//! and is stateless otherwise: it ranks the pool it is given (the rows of a
//! shorter query this one narrows, the limit's articles, or every article)
//! with the same [`rank_titles`] the list uses on the UI thread, so its
//! answer is the one a synchronous filter gives.

use crate::corpus::{Corpus, DocId, Document};
use crate::fuzzy::{Query, Rank};
use std::sync::{Arc, mpsc};

/// Corpora of at least this many articles filter their list on the worker
/// (ranking costs about a millisecond per 1,000 titles; below this the
/// thread would cost more than it saves).
pub const BACKGROUND_FILTER_TITLES: usize = 5_000;

/// The articles a query is ranked over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pool {
    /// Every article of a corpus of this many.
    All(usize),
    /// These articles (a limit's, or the rows of a shorter query).
    Docs(Vec<DocId>),
}

/// The titles that match `query` among `pool`, best tier first and in
/// corpus order within a tier. `folded` holds every title folded
/// ([`crate::fuzzy::fold`]); articles without one, or from `upto` on, are
/// left out.
/// The ranking runs on one core: on the worker it leaves the other to the
/// UI thread, whose frames would otherwise wait for a core.
pub fn rank_titles(folded: &FoldedTitles, upto: usize, pool: Pool, query: &Query) -> Vec<DocId> {
    let upto = upto.min(folded.len());
    let rank = |d: DocId| {
        let hay = (d.index() < upto).then(|| folded.get(d.index()))?;
        crate::fuzzy::rank(query, hay).map(|r| (r, d))
    };
    let mut ranked: Vec<(Rank, DocId)> = match pool {
        Pool::All(n) => (0..n as u32).map(DocId).filter_map(rank).collect(),
        Pool::Docs(docs) => docs.into_iter().filter_map(rank).collect(),
    };
    ranked.sort_unstable_by(|a, b| a.0.tier.cmp(&b.0.tier).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, d)| d).collect()
}

/// Fold the titles of `docs` onto the end of `folded`.
pub fn fold_titles(folded: &mut FoldedTitles, docs: &[Arc<Document>]) {
    for d in docs {
        folded.push(&crate::fuzzy::fold(&d.title));
    }
}

/// Every article's title, folded for matching, one after the other in one
/// string with their ends: at a million articles 78 MB, against 114 MB as
/// a string each.
pub type FoldedTitles = crate::text::strings::StringList;

/// What the UI thread asks of the worker.
#[derive(Debug)]
enum Request {
    /// Fold these titles (of the articles after those it has).
    Titles(Vec<Arc<Document>>),
    /// Rank a query.
    Rank(Ranking),
}

/// A query for the worker.
#[derive(Debug)]
struct Ranking {
    generation: u64,
    query: Query,
    pool: Pool,
    /// Articles whose titles the worker has not folded yet.
    titles: Vec<Arc<Document>>,
    /// The articles the pool is drawn from (see [`TitleWorker::request`]).
    scope: u64,
    /// The corpus's size when the query was typed.
    docs: usize,
}

/// The worker's answer to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The request it answers.
    pub generation: u64,
    /// The query.
    pub query: Query,
    /// The corpus's size the rows are for.
    pub docs: usize,
    /// The matching articles, ranked.
    pub rows: Vec<DocId>,
}

/// The filter worker as the UI thread sees it: the channel to the thread,
/// the newest generation, and how many titles the thread has.
#[derive(Debug)]
pub struct TitleWorker {
    tx: mpsc::Sender<Request>,
    rx: mpsc::Receiver<Answer>,
    /// The generation of the newest request (answers to others are stale).
    generation: u64,
    /// Whether the newest request is still unanswered.
    waiting: bool,
    /// Articles whose titles the thread has been sent.
    sent: usize,
}

impl TitleWorker {
    /// Start the worker thread; it ends when this is dropped.
    pub fn spawn() -> std::io::Result<TitleWorker> {
        let (tx, requests) = mpsc::channel::<Request>();
        let (answers, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("dossier-filter".into())
            .spawn(move || serve(&requests, &answers))?;
        Ok(TitleWorker {
            tx,
            rx,
            generation: 0,
            waiting: false,
            sent: 0,
        })
    }

    /// Ask for `query` ranked over `pool` in `corpus` (the titles the
    /// thread lacks go with it). `scope` names the articles the pool is
    /// drawn from (all, or a limit's): the thread narrows the rows of its
    /// last query instead of `pool` when this one narrows it in the same
    /// scope. Answers to earlier requests become stale. `false` if the
    /// thread is gone.
    pub fn request(&mut self, query: Query, pool: Pool, scope: u64, corpus: &Corpus) -> bool {
        let docs = corpus.docs();
        self.generation += 1;
        let titles = docs[self.sent.min(docs.len())..].to_vec();
        let sent = self.tx.send(Request::Rank(Ranking {
            generation: self.generation,
            query,
            pool,
            scope,
            titles,
            docs: docs.len(),
        }));
        self.sent = docs.len();
        self.waiting = sent.is_ok();
        self.waiting
    }

    /// Whether the newest request is still unanswered.
    pub fn waiting(&self) -> bool {
        self.waiting
    }

    /// Forget the request under way: its answer will be stale.
    pub fn cancel(&mut self) {
        self.generation += 1;
        self.waiting = false;
    }

    /// The answer to the newest request, if it has come; stale answers are
    /// dropped. `Err` when the thread died.
    pub fn poll(&mut self) -> Result<Option<Answer>, WorkerGone> {
        loop {
            match self.rx.try_recv() {
                Ok(a) if a.generation == self.generation => return Ok(self.take(a)),
                Ok(_) => {}
                Err(mpsc::TryRecvError::Empty) => return Ok(None),
                Err(mpsc::TryRecvError::Disconnected) => return Err(WorkerGone),
            }
        }
    }

    /// Wait for the answer to the newest request (`None` when nothing is
    /// asked). `Err` when the thread died.
    pub fn wait(&mut self) -> Result<Option<Answer>, WorkerGone> {
        while self.waiting {
            match self.rx.recv() {
                Ok(a) if a.generation == self.generation => return Ok(self.take(a)),
                Ok(_) => {}
                Err(_) => return Err(WorkerGone),
            }
        }
        Ok(None)
    }

    /// How many articles' titles the thread has been sent.
    pub fn sent(&self) -> usize {
        self.sent
    }

    /// Send the thread the titles of `corpus` it lacks, to fold before the
    /// first query (as articles arrive, so that no key waits for 100,000
    /// titles to be handed over). `false` if the thread is gone.
    pub fn add_titles(&mut self, corpus: &Corpus) -> bool {
        let docs = corpus.docs();
        if self.sent >= docs.len() {
            return true;
        }
        let titles = docs[self.sent..].to_vec();
        self.sent = docs.len();
        self.tx.send(Request::Titles(titles)).is_ok()
    }

    fn take(&mut self, a: Answer) -> Option<Answer> {
        self.waiting = false;
        Some(a)
    }
}

/// The filter thread died (a panic while ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerGone;

/// The worker's loop: fold the titles that come with each request, answer
/// the newest waiting request only.
fn serve(requests: &mpsc::Receiver<Request>, answers: &mpsc::Sender<Answer>) {
    let mut folded = FoldedTitles::default();
    // The last query ranked, its scope and corpus size, and its rows.
    let mut last: Option<(Query, (u64, usize), Vec<DocId>)> = None;
    while let Ok(first) = requests.recv() {
        let mut newest = None;
        for req in std::iter::once(first).chain(requests.try_iter()) {
            match req {
                Request::Titles(titles) => fold_titles(&mut folded, &titles),
                Request::Rank(r) => {
                    fold_titles(&mut folded, &r.titles);
                    newest = Some(r);
                }
            }
        }
        let Some(req) = newest else { continue };
        // A query grown from the last one matches a subset of its rows.
        let mut pool = req.pool;
        if let Some((q, scope, rows)) = &last
            && *scope == (req.scope, req.docs)
            && req.query.narrows(q)
            && match &pool {
                Pool::All(n) => rows.len() < *n,
                Pool::Docs(d) => rows.len() < d.len(),
            }
        {
            pool = Pool::Docs(rows.clone());
        }
        let rows = rank_titles(&folded, req.docs, pool, &req.query);
        last = Some((req.query.clone(), (req.scope, req.docs), rows.clone()));
        let answer = Answer {
            generation: req.generation,
            query: req.query,
            docs: req.docs,
            rows,
        };
        if answers.send(answer).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(titles: &[&str]) -> Corpus {
        Corpus::new(
            titles
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Document::from_bytes(
                        format!("d{i}"),
                        format!("d{i}.txt").into(),
                        format!("{t}\n\nText").as_bytes(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn folded_titles_come_back_each_as_it_was_pushed() {
        let c = corpus(&["Köln wählt", "", "Bonn"]);
        let mut f = FoldedTitles::default();
        assert!(f.is_empty());
        fold_titles(&mut f, c.docs());
        assert_eq!(f.len(), 3);
        let titles: Vec<&str> = f.iter().collect();
        assert_eq!(titles[0], crate::fuzzy::fold(&c.docs()[0].title));
        assert_eq!(titles[2], "bonn");
        // An article past the folded titles is left out, not looked up.
        let q = Query::new("bonn");
        assert_eq!(rank_titles(&f, 9, Pool::All(5), &q), [DocId(2)]);
        assert_eq!(
            rank_titles(&f, 9, Pool::Docs(vec![DocId(2), DocId(4)]), &q),
            [DocId(2)]
        );
    }

    #[test]
    fn ranking_puts_tiers_first_then_corpus_order() {
        let c = corpus(&["Köln wählt", "Sturm über Köln", "Kolbe", "Köln"]);
        let mut folded = FoldedTitles::default();
        fold_titles(&mut folded, c.docs());
        let q = Query::new("köln");
        assert_eq!(
            rank_titles(&folded, 4, Pool::All(4), &q),
            [DocId(3), DocId(0), DocId(1)],
            "exact, prefix, word start; Kolbe does not hold k-o-l-n in order"
        );
        assert_eq!(
            rank_titles(&folded, 4, Pool::Docs(vec![DocId(1), DocId(2)]), &q),
            [DocId(1)],
            "only the pool"
        );
        assert_eq!(
            rank_titles(&folded, 2, Pool::All(4), &q),
            [DocId(0), DocId(1)],
            "articles without a folded title are left out"
        );
    }

    #[test]
    fn the_worker_answers_the_newest_request_as_the_ui_thread_would() {
        let c = corpus(&["Wahl in Bayern", "Sturm über Köln", "Köln wählt", "Bonn"]);
        let mut folded = FoldedTitles::default();
        fold_titles(&mut folded, c.docs());
        let mut w = TitleWorker::spawn().unwrap();
        assert_eq!(w.wait(), Ok(None), "nothing asked");
        assert!(w.request(Query::new("k"), Pool::All(4), 0, &c));
        assert_eq!(w.sent(), 4, "the titles went with the first request");
        assert!(w.request(Query::new("köl"), Pool::All(4), 0, &c));
        assert!(w.waiting());
        let a = w.wait().unwrap().expect("an answer");
        assert_eq!(a.query, Query::new("köl"), "the newest query's answer");
        assert_eq!(a.rows, rank_titles(&folded, 4, Pool::All(4), &a.query));
        assert!(!w.waiting());
        assert_eq!(w.poll(), Ok(None), "the stale answer to `k` is dropped");
        // Titles sent ahead go with no request; a query then carries none.
        let more = corpus(&[
            "Wahl in Bayern",
            "Sturm über Köln",
            "Köln wählt",
            "Bonn",
            "Köln",
        ]);
        assert!(w.add_titles(&more));
        assert_eq!(w.sent(), 5);
        assert!(w.request(Query::new("köln"), Pool::All(5), 0, &more));
        let a = w.wait().unwrap().expect("an answer");
        assert_eq!(a.rows, [DocId(4), DocId(2), DocId(1)]);
        // A cancelled request's answer never shows.
        assert!(w.request(Query::new("bonn"), Pool::All(4), 0, &c));
        w.cancel();
        assert_eq!(w.wait(), Ok(None));
        assert_eq!(w.poll(), Ok(None));
    }
}
