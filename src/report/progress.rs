//! Progress of a long headless run on stderr, as a bar that is cleared when
//! the index is built (indicatif). Shown only when stderr is a terminal:
//! when it is redirected or piped, not a byte is written, so logs and
//! scripts see only the problems.

use crate::ingest::Update;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::Cell;
use std::io::IsTerminal;

/// A progress bar for loading a corpus, or nothing.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Articles read so far.
    read: Cell<u64>,
    /// Article files found.
    found: Cell<u64>,
    /// Whether analysis has begun (a cold open analyses articles while it
    /// reads the rest).
    analysing: Cell<bool>,
}

impl Progress {
    /// A bar on stderr if stderr is a terminal, else one that draws nothing.
    pub fn on_stderr() -> Progress {
        Progress::new(std::io::stderr().is_terminal())
    }

    /// A bar on stderr when `shown`, else none.
    pub fn new(shown: bool) -> Progress {
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg:>10} {wide_bar} {pos}/{len} articles  {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            read: Cell::new(0),
            found: Cell::new(0),
            analysing: Cell::new(false),
        }
    }

    /// Whether anything is drawn.
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Follow one update of the load: files found and read, articles
    /// analysed, then linking until the index is built.
    pub fn observe(&self, update: &Update) {
        let Some(bar) = &self.bar else {
            return;
        };
        match update {
            Update::Found(n) => {
                self.found.set(*n as u64);
                bar.set_message("reading");
                bar.set_length(*n as u64);
                bar.set_position(0);
            }
            Update::Documents(docs) => {
                // Record files hold many articles: the count may outgrow
                // the files found.
                let read = self.read.get() + docs.len() as u64;
                self.read.set(read);
                if read > bar.length().unwrap_or(0) {
                    bar.set_length(read);
                }
                // Once analysis has begun, the bar counts the articles
                // analysed.
                if !self.analysing.get() {
                    bar.set_position(read);
                }
            }
            Update::Analysed(n) => {
                let (n, read) = (*n as u64, self.read.get());
                if !self.analysing.replace(true) {
                    bar.set_message("analysing");
                    bar.set_length(read.max(self.found.get()).max(n));
                }
                bar.set_position(n);
                if n >= read && read >= self.found.get() {
                    bar.set_message("linking");
                }
            }
            Update::Indexed(..) => self.finish(),
            Update::Problems(_) | Update::Analyses(_) | Update::Quotes(_) | Update::Words(_) => {}
        }
    }

    /// Clear the bar (the output follows on stdout).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-line article with the id `id`.
    fn doc(id: &str) -> std::sync::Arc<crate::corpus::Document> {
        std::sync::Arc::new(crate::corpus::Document::from_bytes(
            id.into(),
            "x.txt".into(),
            b"Titel\n\nText",
        ))
    }

    #[test]
    fn a_hidden_bar_follows_nothing() {
        let p = Progress::new(false);
        assert!(!p.is_shown());
        p.observe(&Update::Found(3));
        p.observe(&Update::Analysed(3));
        p.finish();
    }

    #[test]
    fn the_bar_counts_articles_read_then_analysed() {
        let p = Progress::new(true);
        let bar = p.bar.clone().unwrap();
        bar.set_draw_target(ProgressDrawTarget::hidden());
        p.observe(&Update::Found(2));
        assert_eq!(bar.length(), Some(2));
        p.observe(&Update::Documents(vec![doc("a"), doc("b"), doc("c")]));
        assert_eq!(
            (bar.position(), bar.length()),
            (3, Some(3)),
            "records outgrow files"
        );
        p.observe(&Update::Analysed(1));
        assert_eq!(bar.message(), "analysing");
        assert_eq!(bar.position(), 1);
        p.observe(&Update::Analysed(3));
        assert_eq!(bar.message(), "linking");
    }

    #[test]
    fn articles_read_while_others_are_analysed_lengthen_the_bar_not_move_it() {
        let p = Progress::new(true);
        let bar = p.bar.clone().unwrap();
        bar.set_draw_target(ProgressDrawTarget::hidden());
        let docs = |n: usize| (0..n).map(|i| doc(&i.to_string())).collect();
        p.observe(&Update::Found(4));
        p.observe(&Update::Documents(docs(2)));
        p.observe(&Update::Analysed(2));
        // All read so far are analysed, but not all that were found.
        assert_eq!(bar.message(), "analysing");
        assert_eq!((bar.position(), bar.length()), (2, Some(4)));
        p.observe(&Update::Documents(docs(2)));
        assert_eq!((bar.position(), bar.length()), (2, Some(4)));
        p.observe(&Update::Analysed(4));
        assert_eq!(bar.message(), "linking");
        assert_eq!(bar.position(), 4);
    }
}
