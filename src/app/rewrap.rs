//! Re-wrapping off the UI thread. A resize (or anything else that changes
//! the reading width) on a large article wraps it again on a worker thread
//! while the reader keeps showing, and answering keys on, the wrap it has;
//! the event loop polls for the new wrap between events and swaps it in
//! when it is ready, as [`super::relink`] does for the index. Another
//! width meanwhile starts a new wrap and stops the older one; opening
//! another article drops it. Small articles wrap at once, where the
//! thread would cost more than the wrap.

use super::App;
use crate::corpus::DocId;
use crate::wrap::{self, Wrapped};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

/// Articles of at least this many bytes are re-wrapped on a worker thread
/// (a wrap costs about a millisecond per 100 KB).
pub const BACKGROUND_WRAP_BYTES: usize = 256 * 1024;

/// A wrap running on a worker thread; dropping it stops the worker.
#[derive(Debug)]
pub struct Rewrapping {
    /// The article being wrapped.
    doc: DocId,
    /// The width it is wrapped to.
    width: usize,
    rx: mpsc::Receiver<Wrapped>,
    stop: Arc<AtomicBool>,
}

impl Drop for Rewrapping {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl App {
    /// Wrap the open article again if the article or the width changed: at
    /// once, or for a large article already shown (at another width) on a
    /// worker thread, the old wrap staying on screen until the new one is
    /// in (see [`App::poll_rewrap`]).
    pub fn rewrap(&mut self) {
        if self.corpus.is_empty() {
            self.rewrapping = None;
            self.reader.clear();
            return;
        }
        let (width, height) = (self.reader_text_width(), self.reader_height());
        let doc = self.reader.doc;
        if !self.reader.needs_wrap(width) {
            // Back to the width on screen: a wrap under way is not needed.
            self.rewrapping = None;
            return;
        }
        let large = self.corpus.doc(doc).text.len() >= BACKGROUND_WRAP_BYTES;
        if large && self.reader.is_wrapped() {
            if self
                .rewrapping
                .as_ref()
                .is_some_and(|r| r.doc == doc && r.width == width.max(1))
            {
                return;
            }
            match self.spawn_rewrap(doc, width) {
                Ok(r) => {
                    self.rewrapping = Some(r);
                    return;
                }
                Err(e) => tracing::warn!("could not re-wrap on a thread: {e}"),
            }
        }
        self.rewrapping = None;
        self.reader.rewrap(self.corpus.doc(doc), width, height);
    }

    fn spawn_rewrap(&self, doc: DocId, width: usize) -> std::io::Result<Rewrapping> {
        let d = self.corpus.docs()[doc.index()].clone();
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("dossier-rewrap".into())
            .spawn(move || {
                let done = wrap::wrap_unless(&d.text, &d.hidden, width, &|| {
                    stopped.load(Ordering::Relaxed)
                });
                if let Some(w) = done {
                    let _ = tx.send(w);
                }
            })?;
        Ok(Rewrapping {
            doc,
            width: width.max(1),
            rx,
            stop,
        })
    }

    /// Whether a wrap is running on a worker thread.
    pub fn rewrapping(&self) -> bool {
        self.rewrapping.is_some()
    }

    /// Swap in the new wrap if it is ready; whether it was (the frame then
    /// needs drawing).
    pub fn poll_rewrap(&mut self) -> bool {
        let got = match &self.rewrapping {
            None => return false,
            Some(r) => r.rx.try_recv(),
        };
        match got {
            Ok(w) => self.swap_wrap(Some(w)),
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => self.swap_wrap(None),
        }
        true
    }

    /// Wait for a running wrap and swap it in (tests, and where there is no
    /// event loop).
    pub fn finish_rewrap(&mut self) {
        let got = match &self.rewrapping {
            None => return,
            Some(r) => r.rx.recv().ok(),
        };
        self.swap_wrap(got);
    }

    /// Show the worker's wrap; without one (the worker died) wrap here.
    fn swap_wrap(&mut self, wrapped: Option<Wrapped>) {
        let Some(r) = self.rewrapping.take() else {
            return;
        };
        let height = self.reader_height();
        let width = self.reader_text_width().max(1);
        match wrapped {
            Some(w) if r.doc == self.reader.doc && r.width == width => {
                self.reader.set_wrapped(w, height);
            }
            // Wrapped for what is no longer shown: wrap for what is.
            Some(_) => self.rewrap(),
            None => {
                let width = self.reader_text_width();
                self.reader
                    .rewrap(self.corpus.doc(self.reader.doc), width, height);
            }
        }
        self.clamp();
        self.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Cursor};
    use crate::corpus::{Corpus, Document};
    use crate::entity::EntityIndex;
    use ratatui::layout::Rect;

    /// A large article (over [`BACKGROUND_WRAP_BYTES`]) and a small one.
    fn app() -> App {
        let para = "Die Abgeordneten des Landtags beraten über den Haushalt. ".repeat(8);
        let mut big = String::from("Haushalt\n\n");
        while big.len() < BACKGROUND_WRAP_BYTES + 1000 {
            big.push_str(&para);
            big.push_str("\n\n");
        }
        let small = "Klein\n\nEin kurzer Text.";
        let docs = [("big", big.as_str()), ("small", small)]
            .iter()
            .map(|(id, t)| {
                Document::from_bytes(id.to_string(), format!("{id}.txt").into(), t.as_bytes())
            })
            .collect();
        let mut app = App::new(
            Corpus::new(docs),
            EntityIndex::default(),
            Rect::new(0, 0, 120, 40),
        );
        app.refresh();
        app
    }

    #[test]
    fn a_resize_on_a_large_article_wraps_on_a_worker() {
        let mut app = app();
        assert!(
            app.reader.is_wrapped() && !app.rewrapping(),
            "opened: wrapped at once"
        );
        let wide = app.reader.wrapped.clone();
        app.reader.scroll = 500;
        let top = app.reader.top();
        let text = &app.corpus.doc(DocId(0)).text;
        let end = text.len() - 20;
        let end = (end..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        app.reader.cursor = Some(Cursor {
            doc: DocId(0),
            range: end..end + 3,
        });

        app.apply(Action::Resize(70, 30));
        // The call returned without wrapping: the old wrap is still shown.
        assert!(app.rewrapping());
        assert_eq!(app.reader.wrapped, wide, "the old wrap until the new is in");
        assert_eq!(app.reader.top(), top);
        assert!(!app.poll_rewrap() || app.reader.wrapped != wide);

        app.finish_rewrap();
        assert!(!app.rewrapping() && app.dirty);
        let narrow = app.reader_text_width();
        assert_eq!(app.reader.wrapped.width, narrow);
        assert!(app.reader.wrapped.len() > wide.len(), "narrower: more rows");
        let row = app.reader.wrapped.row_of(end);
        let height = app.reader_height();
        assert!(
            app.reader.scroll <= row && row < app.reader.scroll + height,
            "the cursor is in view after the swap"
        );
    }

    #[test]
    fn the_top_line_stays_when_the_new_wrap_comes_in() {
        let mut app = app();
        app.apply(Action::Resize(70, 30));
        // Scrolling goes on in the old wrap meanwhile.
        app.reader.scroll = 300;
        let top = app.reader.top();
        app.finish_rewrap();
        let row = app.reader.scroll;
        let lines = &app.reader.wrapped.lines;
        assert!(lines[row].range.start <= top && top < lines[row + 1].range.start);
    }

    #[test]
    fn only_the_last_width_is_wrapped_to() {
        let mut app = app();
        let wide = app.reader.wrapped.clone();
        app.apply(Action::Resize(70, 30));
        app.apply(Action::Resize(90, 30));
        let width = app.reader_text_width();
        app.finish_rewrap();
        assert_eq!(app.reader.wrapped.width, width);
        assert!(!app.rewrapping());

        // Back to the width on screen before the wrap is in: no wrap needed.
        app.apply(Action::Resize(120, 40));
        assert!(app.rewrapping());
        app.apply(Action::Resize(90, 30));
        assert!(
            !app.rewrapping(),
            "the width shown again: the worker is dropped"
        );
        assert_eq!(app.reader.wrapped.width, width);
        assert_ne!(app.reader.wrapped, wide);
    }

    #[test]
    fn opening_another_article_drops_the_wrap_under_way() {
        let mut app = app();
        app.apply(Action::Resize(70, 30));
        assert!(app.rewrapping());
        app.open(DocId(1));
        assert!(!app.rewrapping());
        assert!(app.reader.is_wrapped() && app.reader.doc == DocId(1));
        assert_eq!(app.reader.wrapped.width, app.reader_text_width());
        app.finish_rewrap();
        assert_eq!(app.reader.doc, DocId(1), "nothing stale comes in");
    }

    #[test]
    fn small_articles_wrap_at_once() {
        let mut app = app();
        app.open(DocId(1));
        app.apply(Action::Resize(70, 30));
        assert!(!app.rewrapping());
        assert_eq!(app.reader.wrapped.width, app.reader_text_width());
    }
}
