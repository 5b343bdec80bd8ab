//! Re-linking off the UI thread. After a correction (`x`, `m`) the corpus
//! is linked again on a worker thread while the reader keeps showing (and
//! answering keys on) the index it has; the event loop polls for the new
//! index between events and swaps it in when it is ready. A correction made
//! meanwhile starts a new re-link (with every correction saved so far) and
//! the older result is dropped.

use super::App;
use crate::entity::EntityIndex;
use crate::entity::link::corrections::Corrections;
use std::sync::{Arc, Mutex, mpsc};

/// A re-link running on a worker thread.
#[derive(Debug, Clone)]
pub struct Relinking {
    rx: Arc<Mutex<mpsc::Receiver<EntityIndex>>>,
    /// The entity to select by name once the new index is in (the one
    /// selected before, or a merge's target).
    select: Option<String>,
    /// What to say when it is done.
    done: String,
}

impl App {
    /// Re-link the corpus with `corrections` on a worker thread; `select`
    /// names the entity to select in the new index, `done` is said when it
    /// is in. Without the analyses (indexing not done) nothing happens.
    pub(super) fn start_relink(
        &mut self,
        corrections: Corrections,
        select: Option<String>,
        done: String,
    ) {
        let Some(analyses) = self.corrector.analyses.clone() else {
            self.corrector.waiting = Some((corrections, done));
            return;
        };
        let corpus = self.corpus.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("dossier-relink".into())
            .spawn(move || {
                // Read from the per-document cache the first time, after a
                // cached index.
                let analyses = analyses.get();
                let held = crate::corpus::texts_at_once(corpus.docs());
                let texts: Vec<&str> = held.iter().map(|t| t.as_ref()).collect();
                let index = crate::entity::pipeline::link_index(
                    corpus.len(),
                    &analyses,
                    &texts,
                    &corrections,
                );
                let _ = tx.send(index);
            });
        if let Err(e) = spawned {
            self.message = Some(format!("could not re-link: {e}"));
            return;
        }
        self.message = Some(format!("{done} · re-linking…"));
        self.corrector.relinking = Some(Relinking {
            rx: Arc::new(Mutex::new(rx)),
            select,
            done,
        });
    }

    /// Start the re-link asked for before the analyses arrived, if any.
    pub(super) fn start_waiting_relink(&mut self) {
        if self.corrector.analyses.is_some()
            && let Some((corrections, done)) = self.corrector.waiting.take()
        {
            let select = self
                .selected
                .map(|id| self.index.entity(id).name.to_string());
            self.start_relink(corrections, select, done);
        }
    }

    /// Whether a re-link is running.
    pub fn relinking(&self) -> bool {
        self.corrector.relinking.is_some()
    }

    /// Swap in the re-linked index if it is ready; whether it was (the
    /// frame then needs drawing).
    pub fn poll_relink(&mut self) -> bool {
        let Some(rx) = self.corrector.relinking.as_ref().map(|r| r.rx.clone()) else {
            return false;
        };
        let got = rx.lock().ok().map(|rx| rx.try_recv());
        match got {
            Some(Ok(index)) => {
                self.swap_index(index);
                true
            }
            Some(Err(mpsc::TryRecvError::Empty)) => false,
            // The worker died (a panic while linking): keep the old index.
            _ => {
                self.corrector.relinking = None;
                self.message = Some("re-linking failed; the corrections are saved".into());
                self.dirty = true;
                true
            }
        }
    }

    /// Wait for a running re-link and swap its index in (tests, and where
    /// there is no event loop).
    pub fn finish_relink(&mut self) {
        let Some(rx) = self.corrector.relinking.as_ref().map(|r| r.rx.clone()) else {
            return;
        };
        let got = rx.lock().ok().map(|rx| rx.recv());
        match got {
            Some(Ok(index)) => self.swap_index(index),
            _ => self.corrector.relinking = None,
        }
    }

    /// Point the why overlay, if open, at the entity called `name` in the
    /// index now shown (ids change with the index), else at the selected
    /// one; close it when neither is there.
    pub(super) fn follow_why(&mut self, name: Option<String>) {
        let Some(w) = self.why.as_mut() else {
            return;
        };
        match name.and_then(|n| self.index.find(&n)).or(self.selected) {
            Some(id) => {
                w.entity = id;
                let n = super::why::spellings(&self.index.entity(id)).len();
                w.pick = w.pick.min(n.saturating_sub(1));
                w.scroll = 0;
            }
            None => self.close_why(),
        }
    }

    fn swap_index(&mut self, index: EntityIndex) {
        let Some(r) = self.corrector.relinking.take() else {
            return;
        };
        // The why overlay follows its entity by name (the ids change),
        // else the entity selected now; closed when neither is there.
        let why_name = self
            .why
            .map(|w| self.index.entity(w.entity).name.to_string());
        self.index = Arc::new(index);
        self.sidebar.forget_index();
        self.sidebar.derive_in_background(&self.index);
        self.selected = r.select.and_then(|n| self.index.find(&n));
        self.follow_why(why_name);
        self.rebuild_sidebar();
        self.clamp();
        self.message = Some(r.done);
        self.dirty = true;
    }
}
