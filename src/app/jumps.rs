//! The jump history, as in vim and less: every jump (`Enter` on an entity,
//! `n`/`N`, a quotation or a bookmark taking the reader to another article,
//! or a bookmark opened) remembers where the reader was, and
//! [`super::Action::JumpBack`] / [`super::Action::JumpForward`] walk that
//! history back and forward; `''` ([`super::Action::JumpLast`] twice)
//! goes back to where the last jump left and, typed again, comes back, as
//! vim's and less's `''` toggle between the last two places. Moving by
//! lines, pages or `]`/`[` is no jump.

use super::{App, Cursor};
use crate::corpus::DocId;

/// How many places the history keeps; the oldest go first.
pub const MAX_JUMPS: usize = 100;

/// A place in the corpus: the open article, its scroll and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The open article.
    pub doc: DocId,
    /// The reader's first visible row.
    pub scroll: usize,
    /// The reader's cursor, if any.
    pub cursor: Option<Cursor>,
}

/// The places jumped from (back) and those gone back from (forward).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    /// Where earlier jumps left from, oldest first.
    back: Vec<Place>,
    /// Where `back` came from, the next one last.
    ahead: Vec<Place>,
}

impl Jumps {
    /// A jump leaves `from`: remember it, and forget what lay ahead (a new
    /// jump starts a new branch, as in vim). The same place twice running
    /// is kept once.
    pub fn push(&mut self, from: Place) {
        self.ahead.clear();
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > MAX_JUMPS {
                self.back.remove(0);
            }
        }
    }

    /// Go back from `here`: the place to return to, with `here` kept to go
    /// forward to again; `None` at the start of the history.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.ahead.push(here);
        Some(to)
    }

    /// Go forward from `here` again after going back; `None` at the end of
    /// the history.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let to = self.ahead.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// `''` from `here`: the place the last jump left, with `here`
    /// remembered as a jump's start, so that `''` again comes back (the
    /// two places swap at the end of the history); `None` when nothing lies
    /// back. What lay ahead is forgotten, as after any jump.
    pub fn toggle(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.push(here);
        Some(to)
    }

    /// How many places lie back and ahead.
    pub fn counts(&self) -> (usize, usize) {
        (self.back.len(), self.ahead.len())
    }
}

impl App {
    /// Where the reader is: the open article, its scroll and the cursor.
    pub fn place(&self) -> Place {
        Place {
            doc: self.reader.doc,
            scroll: self.reader.scroll,
            cursor: self.reader.cursor.clone(),
        }
    }

    /// Remember the reader's place before a jump.
    pub(super) fn note_jump(&mut self) {
        if !self.corpus.is_empty() {
            let here = self.place();
            self.jumps.push(here);
        }
    }

    /// `Ctrl-o`: back to where the last jump left from.
    pub(super) fn jump_back(&mut self) {
        let here = self.place();
        match self.jumps.back(here) {
            Some(to) => self.go_to_place(to),
            None => self.message = Some("no earlier jump".into()),
        }
    }

    /// `Ctrl-n`: forward again after going back.
    pub(super) fn jump_forward(&mut self) {
        let here = self.place();
        match self.jumps.forward(here) {
            Some(to) => self.go_to_place(to),
            None => self.message = Some("no later jump".into()),
        }
    }

    /// `''`: back to where the last jump left; again, back here.
    pub(super) fn jump_last(&mut self) {
        let here = self.place();
        match self.jumps.toggle(here) {
            Some(to) => self.go_to_place(to),
            None => self.message = Some("no earlier jump".into()),
        }
    }

    fn go_to_place(&mut self, to: Place) {
        if to.doc.index() >= self.corpus.len() {
            return;
        }
        self.visit(to.doc);
        self.reader.cursor = to.cursor.filter(|c| c.doc == to.doc);
        self.reader.scroll = to.scroll;
        self.clamp();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: u32, scroll: usize) -> Place {
        Place {
            doc: DocId(doc),
            scroll,
            cursor: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_history() {
        let mut j = Jumps::default();
        assert_eq!(j.back(at(0, 0)), None, "nothing to go back to");
        assert_eq!(j.forward(at(0, 0)), None);
        j.push(at(0, 3));
        j.push(at(1, 0));
        // Now at (2, 5).
        assert_eq!(j.back(at(2, 5)), Some(at(1, 0)));
        assert_eq!(j.back(at(1, 0)), Some(at(0, 3)));
        assert_eq!(j.back(at(0, 3)), None, "the oldest");
        assert_eq!(j.counts(), (0, 2));
        assert_eq!(j.forward(at(0, 3)), Some(at(1, 0)));
        assert_eq!(j.forward(at(1, 0)), Some(at(2, 5)));
        assert_eq!(j.forward(at(2, 5)), None, "the newest");
        assert_eq!(j.counts(), (2, 0));
    }

    #[test]
    fn a_new_jump_drops_what_lay_ahead_and_repeats_are_kept_once() {
        let mut j = Jumps::default();
        j.push(at(0, 0));
        j.push(at(0, 0));
        assert_eq!(j.counts(), (1, 0), "the same place once");
        assert_eq!(j.back(at(1, 0)), Some(at(0, 0)));
        assert_eq!(j.counts(), (0, 1));
        j.push(at(0, 0));
        assert_eq!(j.counts(), (1, 0), "a new branch");
    }

    #[test]
    fn quote_quote_swaps_the_last_two_places() {
        let mut j = Jumps::default();
        assert_eq!(j.toggle(at(0, 0)), None, "no jump yet");
        j.push(at(0, 3));
        j.push(at(1, 0));
        // Now at (2, 5): '' goes where the last jump left, and back.
        assert_eq!(j.toggle(at(2, 5)), Some(at(1, 0)));
        assert_eq!(j.toggle(at(1, 0)), Some(at(2, 5)));
        assert_eq!(j.toggle(at(2, 5)), Some(at(1, 0)));
        assert_eq!(j.counts(), (2, 0), "older places stay behind");
        // Ctrl-o then goes on to the older place.
        assert_eq!(j.back(at(1, 0)), Some(at(2, 5)));
        assert_eq!(j.back(at(2, 5)), Some(at(0, 3)));
        // At the start of the history '' has nowhere to go.
        assert_eq!(j.counts(), (0, 2));
        assert_eq!(j.toggle(at(0, 3)), None);
        assert_eq!(j.counts(), (0, 2), "what lies ahead stays");
    }

    #[test]
    fn the_oldest_places_go_first() {
        let mut j = Jumps::default();
        for i in 0..MAX_JUMPS + 5 {
            j.push(at(i as u32, 0));
        }
        assert_eq!(j.counts(), (MAX_JUMPS, 0));
        let mut oldest = None;
        while let Some(p) = j.back(at(0, 0)) {
            oldest = Some(p);
        }
        assert_eq!(oldest, Some(at(5, 0)));
    }
}
