//! A reader's session on a shared store: one thread that owns the
//! connection, writes the reader's corrections as rows of `corrections`
//! (author: the connection's user), `LISTEN`s for everyone's
//! (`dossier_corrections`) and for a new link (`dossier_entities`),
//! answers searches through the German full-text index, and keeps the
//! reading state per user in `reading_state`.
//!
//! The reader talks to it through three handles, the store's side of the
//! traits in [`crate::store::reader`]: [`PgCorrections`], [`PgSearch`],
//! [`PgState`]. When the server goes away the thread says so
//! ([`LogEvent::Lost`]), keeps every correction made meanwhile in order,
//! reconnects every half second, writes them once it is back
//! ([`LogEvent::Back`]) and reads the corrections in force again (those
//! other readers made meanwhile). A correction the server refuses is said
//! ([`LogEvent::Refused`]), never silently dropped; those still unwritten
//! when the reader leaves are listed ([`CorrectionLog::unsent`]).

use super::connect::{self, Target};
use super::search_vector;
use super::{Error, reason};
use crate::corpus::DocId;
use crate::entity::link::corrections::Corrections;
use crate::reading_memory::ReadingState;
use crate::store::reader::{
    Change, CorrectionLog, LogEvent, Relinked, SearchIndex, SearchPlan, StateKeeper, UndoToken,
};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// How long the reader waits for an answer (a search, the reading state)
/// before saying the server does not answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);
/// How long the session waits for notifications between requests (a
/// request waits at most this long for the session to take it).
const NOTIFICATIONS_WAIT: Duration = Duration::from_millis(2);
/// How often a lost connection is tried again.
const RETRY_EVERY: Duration = Duration::from_millis(500);
/// How often an idle connection is checked.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How long a connection attempt may take (when the connection string
/// does not say).
const CONNECT_WITHIN: Duration = Duration::from_secs(2);

/// Something to write, in the order it was made.
#[derive(Debug, Clone)]
enum Op {
    Record { seq: u64, change: Change },
    Undo { seq: u64 },
}

/// What the handles ask of the session thread.
enum Request {
    Write(Op, String),
    Search(String, mpsc::Sender<Result<SearchPlan, String>>),
    LoadState(mpsc::Sender<Result<ReadingState, String>>),
    SaveState(
        Box<(ReadingState, ReadingState)>,
        mpsc::Sender<Result<ReadingState, String>>,
    ),
}

/// Corrections made but not written yet, with what each did.
type Unsent = Arc<Mutex<Vec<(u64, String)>>>;

/// The articles of the corpus shown: row ids and document ids in corpus
/// order.
#[derive(Debug, Clone, Default)]
pub struct Articles {
    /// `articles.id` of each document.
    pub ids: Vec<i64>,
    /// Its document id.
    pub doc_ids: Vec<String>,
}

/// Open a session on the store `conn` names for the reader of `articles`;
/// `wake` is called (from the session's thread) when there is something to
/// [`CorrectionLog::poll`]. Fails when the store cannot be reached now.
pub fn open(
    conn: &str,
    articles: Articles,
    wake: Box<dyn Fn() + Send>,
) -> Result<(PgCorrections, PgSearch, PgState), Error> {
    let (mut config, target) = connect::config(conn, &connect::process_env)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_WITHIN);
    }
    let tls = connect::tls(&target)?;
    let client = connect::open(&config, &target, &tls)?;
    let (tx, rx) = mpsc::channel();
    let (events_tx, events) = mpsc::channel();
    let unsent: Unsent = Arc::default();
    let mut worker = Worker {
        config,
        tls,
        target: target.clone(),
        client: Some(client),
        by_doc: articles
            .doc_ids
            .iter()
            .cloned()
            .zip(articles.ids.iter().copied())
            .collect(),
        articles,
        pending: VecDeque::new(),
        written: FxHashMap::default(),
        events: events_tx,
        wake,
        unsent: unsent.clone(),
        retry_at: Instant::now(),
        checked_at: Instant::now(),
    };
    worker.listen()?;
    worker.announce_corrections(true)?;
    std::thread::Builder::new()
        .name("dossier-store".into())
        .spawn(move || worker.run(&rx))
        .map_err(|e| Error::Connect {
            target: target.clone(),
            why: format!("cannot start the session thread: {e}"),
        })?;
    Ok((
        PgCorrections {
            tx: tx.clone(),
            events,
            target: target.clone(),
            next_seq: 0,
            known: Corrections::default(),
            unsent,
        },
        PgSearch {
            tx: tx.clone(),
            target: target.clone(),
        },
        PgState { tx, target },
    ))
}

/// The corrections in force in a store (those not undone), in the order
/// they were made, as a corrections file holds them; and how many rows
/// they are.
pub fn corrections_in_force(client: &mut Client) -> Result<(Corrections, usize), postgres::Error> {
    let rows = client.query(
        "SELECT c.kind, coalesce(c.subject, ''), coalesce(c.target, '')
         FROM corrections c
         WHERE c.kind <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM corrections u WHERE u.undoes = c.id
               AND NOT EXISTS (SELECT 1 FROM corrections uu WHERE uu.undoes = u.id))
         ORDER BY c.id",
        &[],
    )?;
    let mut c = Corrections::default();
    let mut applied = 0;
    for r in &rows {
        let kind: String = r.try_get(0)?;
        let subject: String = r.try_get(1)?;
        let target: String = r.try_get(2)?;
        match kind.as_str() {
            "merge" => c.add_merge(&subject, &target),
            "alias" => c.add_alias(&target, &subject),
            "split" => c.add_split(&subject, &target),
            "not-an-entity" => c.add_not_entity(&subject),
            other => {
                tracing::warn!("correction of kind {other} not applied");
                continue;
            }
        }
        applied += 1;
    }
    Ok((c, applied))
}

/// The rows a change is written as: (kind, subject, target).
fn rows_of(change: &Change) -> Vec<(&'static str, &str, Option<&str>)> {
    match change {
        Change::Merge { from, into } => vec![("merge", from, Some(into))],
        Change::Alias { name, alias } => vec![("alias", alias, Some(name))],
        Change::Split { name, from } => vec![("split", name, Some(from))],
        Change::NotEntity(names) => names
            .iter()
            .map(|n| ("not-an-entity", n.as_str(), None))
            .collect(),
    }
}

/// Whether `e` means the connection is gone (rather than a refused
/// statement).
fn connection_gone(e: &postgres::Error, client: &Client) -> bool {
    if client.is_closed() {
        return true;
    }
    match e.as_db_error() {
        None => true,
        // Connection exceptions, and the server shutting down.
        Some(d) => {
            let code = d.code().code();
            code.starts_with("08") || code.starts_with("57P")
        }
    }
}

/// The session thread's state.
struct Worker {
    config: postgres::Config,
    tls: postgres_native_tls::MakeTlsConnector,
    target: Target,
    client: Option<Client>,
    articles: Articles,
    by_doc: FxHashMap<String, i64>,
    pending: VecDeque<(Op, String)>,
    /// The rows each correction of this session was written as.
    written: FxHashMap<u64, Vec<i64>>,
    events: mpsc::Sender<LogEvent>,
    wake: Box<dyn Fn() + Send>,
    unsent: Unsent,
    retry_at: Instant,
    checked_at: Instant,
}

impl Worker {
    fn run(mut self, rx: &mpsc::Receiver<Request>) {
        loop {
            // A request wakes this at once; notifications are looked for
            // between requests, briefly (see [`NOTIFICATIONS_WAIT`]).
            let wait = if self.client.is_some() {
                Duration::from_millis(45)
            } else {
                Duration::from_millis(100)
            };
            match rx.recv_timeout(wait) {
                Ok(r) => self.handle(r),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            while let Ok(r) = rx.try_recv() {
                self.handle(r);
            }
            if self.client.is_none() && Instant::now() >= self.retry_at {
                self.reconnect();
            }
            self.flush();
            self.notifications();
            self.check();
        }
    }

    fn say(&self, e: LogEvent) {
        if self.events.send(e).is_ok() {
            (self.wake)();
        }
    }

    /// The connection is gone: say so (once), and try again soon.
    fn lost(&mut self, why: String) {
        if self.client.take().is_some() {
            tracing::warn!("lost the connection to {}: {why}", self.target);
            self.say(LogEvent::Lost(format!(
                "{} is out of reach ({why}); showing what was read, reconnecting…",
                self.target
            )));
        }
        self.retry_at = Instant::now() + RETRY_EVERY;
    }

    /// Run `f` on the connection; a lost connection is noted (and `None`).
    fn with_client<R>(
        &mut self,
        f: impl FnOnce(&mut Client) -> Result<R, postgres::Error>,
    ) -> Option<Result<R, postgres::Error>> {
        let client = self.client.as_mut()?;
        let r = f(client);
        if let Err(e) = &r
            && connection_gone(e, client)
        {
            let why = reason(e);
            self.lost(why);
            return None;
        }
        Some(r)
    }

    fn listen(&mut self) -> Result<(), Error> {
        let client = self.client.as_mut().ok_or_else(|| Error::Connect {
            target: self.target.clone(),
            why: "not connected".into(),
        })?;
        client
            .batch_execute("LISTEN dossier_corrections; LISTEN dossier_entities")
            .map_err(super::db("listening for corrections"))
    }

    /// Send the corrections in force to the reader: as already applied
    /// (`first`, when none is newer than the last link) or to re-link with.
    fn announce_corrections(&mut self, first: bool) -> Result<(), Error> {
        let got = self.with_client(|c| {
            let (corrections, _) = corrections_in_force(c)?;
            let newer: bool = c
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM corrections
                     WHERE at > coalesce((SELECT max(linked_at) FROM link_state), '-infinity'))",
                    &[],
                )?
                .try_get(0)?;
            Ok((corrections, newer))
        });
        match got {
            Some(Ok((c, newer))) => {
                self.say(if first && !newer {
                    LogEvent::InForce(c)
                } else {
                    LogEvent::Changed(c)
                });
                Ok(())
            }
            Some(Err(e)) => Err(super::db("reading the corrections")(e)),
            None => Ok(()),
        }
    }

    fn reconnect(&mut self) {
        match connect::open(&self.config, &self.target, &self.tls) {
            Ok(client) => {
                self.client = Some(client);
                if self.listen().is_err() {
                    self.lost("could not listen for corrections".into());
                    return;
                }
                let kept = self.pending.len();
                self.flush();
                if self.client.is_none() {
                    return;
                }
                tracing::info!("reconnected to {}", self.target);
                self.say(LogEvent::Back(match kept {
                    0 => format!("reconnected to {}", self.target),
                    n => format!(
                        "reconnected to {}; {n} corrections kept meanwhile written",
                        self.target
                    ),
                }));
                if let Err(e) = self.announce_corrections(false) {
                    self.say(LogEvent::Refused(e.to_string()));
                }
            }
            Err(_) => self.retry_at = Instant::now() + RETRY_EVERY,
        }
    }

    fn handle(&mut self, r: Request) {
        match r {
            Request::Write(op, what) => {
                self.pending.push_back((op, what));
                self.flush();
            }
            Request::Search(query, reply) => {
                let _ = reply.send(self.search(&query));
            }
            Request::LoadState(reply) => {
                let _ = reply.send(self.load_state());
            }
            Request::SaveState(states, reply) => {
                let (base, state) = *states;
                let _ = reply.send(self.save_state(&base, &state));
            }
        }
    }

    /// Write what is pending, in order, while connected.
    fn flush(&mut self) {
        while let Some((op, what)) = self.pending.front().cloned() {
            let author = self.target.user.clone();
            let written = self.written.clone();
            let result = self.with_client(|c| {
                let mut tx = c.transaction()?;
                let mut ids = Vec::new();
                match &op {
                    Op::Record { change, .. } => {
                        for (kind, subject, target) in rows_of(change) {
                            let id: i64 = tx
                                .query_one(
                                    "INSERT INTO corrections (author, kind, subject, target)
                                     VALUES ($1, $2, $3, $4) RETURNING id",
                                    &[&author, &kind, &subject, &target],
                                )?
                                .try_get(0)?;
                            ids.push(id);
                        }
                    }
                    Op::Undo { seq } => {
                        for id in written.get(seq).into_iter().flatten() {
                            let undo: i64 = tx
                                .query_one(
                                    "INSERT INTO corrections (author, kind, undoes)
                                     VALUES ($1, 'undo', $2) RETURNING id",
                                    &[&author, id],
                                )?
                                .try_get(0)?;
                            ids.push(undo);
                        }
                    }
                }
                tx.batch_execute("NOTIFY dossier_corrections")?;
                tx.commit()?;
                Ok(ids)
            });
            let seq = match op {
                Op::Record { seq, .. } | Op::Undo { seq } => seq,
            };
            match result {
                // Still out of reach: kept, in order.
                None => return,
                Some(Ok(ids)) => {
                    if let Op::Record { .. } = op {
                        self.written.insert(seq, ids);
                    }
                }
                Some(Err(e)) => self.say(LogEvent::Refused(format!(
                    "{} refused the correction “{what}”: {}",
                    self.target,
                    reason(&e)
                ))),
            }
            self.pending.pop_front();
            if let Ok(mut u) = self.unsent.lock()
                && let Some(i) = u.iter().position(|(s, _)| *s == seq)
            {
                u.remove(i);
            }
        }
    }

    /// Take the notifications that came: another reader's correction
    /// sends the corrections in force again; a new link (`dossier link`,
    /// perhaps over articles added since) sends the articles and entities
    /// first ([`LogEvent::Linked`]), then the corrections.
    fn notifications(&mut self) {
        // (A wait, however short, lets the connection read the socket: the
        // non-blocking iterator only sees what was read already.)
        let got = self.with_client(|c| {
            let (mut n, mut linked) = (0, false);
            let mut it = c.notifications();
            let mut iter = it.timeout_iter(NOTIFICATIONS_WAIT);
            while let Some(note) = iter.next()? {
                n += 1;
                linked |= note.channel() == "dossier_entities";
            }
            Ok((n, linked))
        });
        let Some(Ok((n, linked))) = got else {
            return;
        };
        if n == 0 {
            return;
        }
        let first = linked && self.reload();
        if let Err(e) = self.announce_corrections(first) {
            self.say(LogEvent::Refused(e.to_string()));
        }
    }

    /// Read the store as the new link left it and send it to the reader;
    /// whether it was sent. While it cannot be read (articles added and not
    /// analysed yet, or the link over fewer articles than the store holds)
    /// the reader keeps what it shows and is told why.
    fn reload(&mut self) -> bool {
        let Some(client) = self.client.take() else {
            return false;
        };
        let mut store = super::PgStore {
            client,
            target: self.target.clone(),
        };
        let got = super::read::load_with_ids(&mut store).and_then(|(corpus, ids, index)| {
            let analyses = super::read::analyses(&mut store, &corpus, &ids)?;
            Ok((corpus, ids, index, analyses))
        });
        let closed = store.client.is_closed();
        self.client = Some(store.client);
        match got {
            Ok((corpus, ids, index, analyses)) => {
                self.articles = Articles {
                    doc_ids: corpus.docs().iter().map(|d| d.id.to_string()).collect(),
                    ids,
                };
                self.by_doc = self
                    .articles
                    .doc_ids
                    .iter()
                    .cloned()
                    .zip(self.articles.ids.iter().copied())
                    .collect();
                self.say(LogEvent::Linked(Box::new(Relinked {
                    corpus,
                    index,
                    analyses: Arc::new(analyses),
                })));
                true
            }
            Err(e) if closed => {
                self.lost(e.to_string());
                false
            }
            Err(e) => {
                self.say(LogEvent::Refused(format!(
                    "{} was linked again, but cannot be read yet: {e}",
                    self.target
                )));
                false
            }
        }
    }

    /// Check an idle connection now and then, so that a server gone is
    /// noticed (and said) without waiting for the next write.
    fn check(&mut self) {
        if self.client.is_none() || self.checked_at.elapsed() < CHECK_EVERY {
            return;
        }
        self.checked_at = Instant::now();
        if let Some(client) = self.client.as_mut()
            && let Err(e) = client.is_valid(CHECK_EVERY)
        {
            let why = reason(&e);
            self.lost(why);
        }
    }

    fn ensure_connected(&mut self) -> Result<(), String> {
        if self.client.is_none() {
            self.reconnect();
        }
        match self.client {
            Some(_) => Ok(()),
            None => Err(format!(
                "{} is out of reach; try again when it is back",
                self.target
            )),
        }
    }

    fn search(&mut self, query: &str) -> Result<SearchPlan, String> {
        self.ensure_connected()?;
        // The query's lexemes, made as the workers make the articles'.
        let terms = search_vector::query_lexemes(query);
        let got = self.with_client(|c| {
            if terms.is_empty() {
                return Ok(Vec::new());
            }
            c.query(
                "SELECT article FROM analyses
                 WHERE search @@ $1::text::tsquery ORDER BY article",
                &[&search_vector::tsquery_all(&terms)],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<Vec<i64>, _>>()
        });
        match got {
            None => Err(format!(
                "{} is out of reach; try again when it is back",
                self.target
            )),
            Some(Err(e)) => Err(format!("the search failed: {}", reason(&e))),
            // Only stop words: nothing the index can look for; every
            // article is scanned for the words as typed.
            Some(Ok(_)) if terms.is_empty() => Ok(SearchPlan::literal(query)),
            Some(Ok(ids)) => {
                let docs = ids
                    .iter()
                    .filter_map(|id| self.articles.ids.binary_search(id).ok())
                    .map(|d| DocId(d as u32))
                    .collect();
                Ok(SearchPlan {
                    docs: Some(docs),
                    terms,
                    word_starts: true,
                })
            }
        }
    }

    fn load_state(&mut self) -> Result<ReadingState, String> {
        self.ensure_connected()?;
        let reader = self.target.user.clone();
        match self.with_client(|c| super::reading::load(c, &reader)) {
            None => Err(format!("{} is out of reach", self.target)),
            Some(Err(e)) => Err(format!("reading the reading state: {}", reason(&e))),
            Some(Ok(state)) => Ok(state),
        }
    }

    /// Save the state merged with what this user saved elsewhere since
    /// `base` (see [`super::reading::save`]).
    fn save_state(
        &mut self,
        base: &ReadingState,
        state: &ReadingState,
    ) -> Result<ReadingState, String> {
        let theirs = self.load_state()?;
        let merged = state.merged_into(base, theirs);
        let reader = self.target.user.clone();
        let by_doc = &self.by_doc;
        let got = self
            .client
            .as_mut()
            .map(|c| super::reading::save(c, &reader, by_doc, &merged));
        if let Some(Err(e)) = &got
            && self.client.as_ref().is_some_and(|c| connection_gone(e, c))
        {
            let why = reason(e);
            self.lost(why);
            return Err(format!(
                "{} is out of reach; the reading state was not saved",
                self.target
            ));
        }
        match got {
            None => Err(format!(
                "{} is out of reach; the reading state was not saved",
                self.target
            )),
            Some(Err(e)) => Err(format!("saving the reading state: {}", reason(&e))),
            Some(Ok(())) => Ok(merged),
        }
    }
}

/// Ask the session thread and wait for its answer (bounded).
fn ask<T>(
    tx: &mpsc::Sender<Request>,
    target: &Target,
    make: impl FnOnce(mpsc::Sender<Result<T, String>>) -> Request,
) -> Result<T, String> {
    let (reply, answer) = mpsc::channel();
    tx.send(make(reply))
        .map_err(|_| format!("the session with {target} has ended"))?;
    match answer.recv_timeout(ANSWER_WITHIN) {
        Ok(r) => r,
        Err(_) => Err(format!("{target} does not answer")),
    }
}

/// The corrections of a shared store ([`CorrectionLog`]).
#[derive(Debug)]
pub struct PgCorrections {
    tx: mpsc::Sender<Request>,
    events: mpsc::Receiver<LogEvent>,
    target: Target,
    next_seq: u64,
    /// The corrections in force as last heard, with this reader's since.
    known: Corrections,
    unsent: Unsent,
}

impl CorrectionLog for PgCorrections {
    fn describe(&self) -> String {
        format!("shared in {}", self.target)
    }

    fn record(&mut self, change: &Change) -> Result<(Corrections, UndoToken), String> {
        self.next_seq += 1;
        let seq = self.next_seq;
        let what = describe_change(change);
        if let Ok(mut u) = self.unsent.lock() {
            u.push((seq, what.clone()));
        }
        self.tx
            .send(Request::Write(
                Op::Record {
                    seq,
                    change: change.clone(),
                },
                what,
            ))
            .map_err(|_| format!("the session with {} has ended", self.target))?;
        change.apply(&mut self.known);
        Ok((self.known.clone(), UndoToken::Recorded(seq)))
    }

    fn undo(&mut self, token: UndoToken) -> Result<Option<Corrections>, String> {
        let UndoToken::Recorded(seq) = token else {
            return Err("not a correction of this store".into());
        };
        let what = format!("undo of correction {seq}");
        if let Ok(mut u) = self.unsent.lock() {
            u.push((seq, what.clone()));
        }
        self.tx
            .send(Request::Write(Op::Undo { seq }, what))
            .map_err(|_| format!("the session with {} has ended", self.target))?;
        Ok(None)
    }

    fn poll(&mut self) -> Vec<LogEvent> {
        let events: Vec<LogEvent> = self.events.try_iter().collect();
        for e in &events {
            if let LogEvent::InForce(c) | LogEvent::Changed(c) = e {
                self.known = c.clone();
            }
        }
        events
    }

    fn unsent(&self) -> Vec<String> {
        self.unsent
            .lock()
            .map(|u| u.iter().map(|(_, w)| w.clone()).collect())
            .unwrap_or_default()
    }
}

/// A change in words, for messages.
fn describe_change(change: &Change) -> String {
    match change {
        Change::Merge { from, into } => format!("merge “{from}” into “{into}”"),
        Change::Alias { name, alias } => format!("“{alias}” is another name of “{name}”"),
        Change::Split { name, from } => format!("split “{name}” from “{from}”"),
        Change::NotEntity(names) => format!(
            "“{}” is not an entity",
            names.first().map(String::as_str).unwrap_or_default()
        ),
    }
}

/// Searches through a shared store's German full-text index
/// ([`SearchIndex`]): the articles whose search vector holds every lexeme
/// of the query (made by [`search_vector::query_lexemes`] as the workers
/// make the articles'; a `tsquery` answered through the GIN index), and in
/// them the words that begin with those stems.
#[derive(Debug, Clone)]
pub struct PgSearch {
    tx: mpsc::Sender<Request>,
    target: Target,
}

impl SearchIndex for PgSearch {
    fn plan(&mut self, query: &str) -> Result<SearchPlan, String> {
        let query = query.to_string();
        ask(&self.tx, &self.target, |reply| {
            Request::Search(query, reply)
        })
    }
}

/// The reading state of the connection's user in a shared store
/// ([`StateKeeper`]).
#[derive(Debug, Clone)]
pub struct PgState {
    tx: mpsc::Sender<Request>,
    target: Target,
}

impl StateKeeper for PgState {
    fn load(&mut self) -> Result<ReadingState, String> {
        ask(&self.tx, &self.target, Request::LoadState)
    }

    fn save_merged(
        &mut self,
        base: &ReadingState,
        state: &ReadingState,
    ) -> Result<ReadingState, String> {
        let states = Box::new((base.clone(), state.clone()));
        ask(&self.tx, &self.target, |reply| {
            Request::SaveState(states, reply)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_become_rows_as_link_reads_them() {
        let merge = Change::Merge {
            from: "Kim".into(),
            into: "Kim Jong-un".into(),
        };
        assert_eq!(rows_of(&merge), vec![("merge", "Kim", Some("Kim Jong-un"))]);
        let alias = Change::Alias {
            name: "Kim Jong Un".into(),
            alias: "Kim Jong-un".into(),
        };
        // `link` reads an alias row as add_alias(target, subject).
        assert_eq!(
            rows_of(&alias),
            vec![("alias", "Kim Jong-un", Some("Kim Jong Un"))]
        );
        let split = Change::Split {
            name: "St. Pölten".into(),
            from: "SPÖ".into(),
        };
        // `link` reads a split row as add_split(subject, target).
        assert_eq!(rows_of(&split), vec![("split", "St. Pölten", Some("SPÖ"))]);
        let not = Change::NotEntity(vec!["A".into(), "B".into()]);
        assert_eq!(
            rows_of(&not),
            vec![("not-an-entity", "A", None), ("not-an-entity", "B", None)]
        );
    }
}
