//! The texts a cold open's readers hand on to the analysis, so that an
//! article read for the list is not read from its file a second time to be
//! analysed: up to a budget of bytes, as the readers run far ahead of the
//! analysis (at 100,000 articles on the bench host they have read every
//! file when a fifth has been analysed) and a corpus may be far larger than
//! memory. A text past the budget is left in its file and read again when
//! it is analysed, as every text was before.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The bytes of text held for the analysis at most. On the bench host
/// that hands on every text of 10,000 articles and three in ten of
/// 100,000, whose re-reading took 7 % of the analysis's time; and it
/// leaves the peak of a million (when the analysis ends, every held text
/// let go) where it was.
pub const BUDGET: usize = 64 << 20;

/// How many bytes of text are held, against a limit; shared by the readers,
/// which hold, and the analysis, which lets go.
#[derive(Debug)]
pub struct TextBudget {
    held: AtomicUsize,
    limit: usize,
}

impl TextBudget {
    /// A budget of `limit` bytes, none held.
    pub fn new(limit: usize) -> TextBudget {
        TextBudget {
            held: AtomicUsize::new(0),
            limit,
        }
    }

    /// Hold `len` bytes more if that stays within the limit; whether it
    /// did.
    pub fn hold(&self, len: usize) -> bool {
        self.held
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                held.checked_add(len).filter(|&n| n <= self.limit)
            })
            .is_ok()
    }

    /// Let go of `len` bytes held.
    pub fn release(&self, len: usize) {
        // Never below nothing, whatever a caller says.
        let _ = self
            .held
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                Some(held.saturating_sub(len))
            });
    }

    /// The bytes held now.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.held.load(Ordering::Acquire)
    }
}

/// The text of one article handed on: a part of one buffer holding the
/// texts of a batch of articles, one large allocation instead of one per
/// article. Small ones would be freed by the analysis among the articles'
/// other allocations (their titles, furniture and paths, which stay), where
/// the holes they leave cannot be given back to the system: at a million
/// articles that kept tens of megabytes more at the index's peak.
#[derive(Debug, Clone)]
pub struct HandedText {
    buffer: Arc<String>,
    at: Range<usize>,
}

impl HandedText {
    /// The text.
    pub fn as_str(&self) -> &str {
        // The ranges are those `gather` made, on character boundaries.
        self.buffer.get(self.at.clone()).unwrap_or_default()
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.at.len()
    }
}

/// The texts `texts` (one or none for each article) gathered into one
/// buffer, each handed on as its part of it.
pub fn gather(texts: Vec<Option<String>>) -> Vec<Option<HandedText>> {
    let total = texts.iter().flatten().map(String::len).sum();
    let mut buffer = String::with_capacity(total);
    let ats: Vec<Option<Range<usize>>> = texts
        .into_iter()
        .map(|t| {
            let t = t?;
            let start = buffer.len();
            buffer.push_str(&t);
            Some(start..buffer.len())
        })
        .collect();
    let buffer = Arc::new(buffer);
    ats.into_iter()
        .map(|at| {
            at.map(|at| HandedText {
                buffer: Arc::clone(&buffer),
                at,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_gathered_into_one_buffer_are_each_handed_on_whole() {
        let texts = vec![
            Some("Bericht über Köln".to_string()),
            None,
            Some(String::new()),
            Some("Zweiter — Text".to_string()),
        ];
        let handed = gather(texts.clone());
        assert_eq!(handed.len(), 4);
        for (t, h) in texts.iter().zip(&handed) {
            assert_eq!(t.as_deref(), h.as_ref().map(HandedText::as_str));
            assert_eq!(t.as_ref().map(String::len), h.as_ref().map(HandedText::len));
        }
        // One buffer for all of them.
        let (a, d) = (handed[0].as_ref().unwrap(), handed[3].as_ref().unwrap());
        assert!(Arc::ptr_eq(&a.buffer, &d.buffer));
        assert!(gather(vec![None, None]).iter().all(Option::is_none));
        assert!(gather(Vec::new()).is_empty());
    }

    #[test]
    fn texts_are_held_up_to_the_limit_and_again_once_let_go() {
        let b = TextBudget::new(100);
        assert!(b.hold(60));
        assert!(b.hold(40), "exactly the limit");
        assert!(!b.hold(1), "past the limit");
        assert_eq!(b.held(), 100);
        b.release(40);
        assert!(!b.hold(41));
        assert!(b.hold(10));
        assert_eq!(b.held(), 70);
    }

    #[test]
    fn a_budget_never_overflows_nor_goes_below_nothing() {
        let b = TextBudget::new(usize::MAX);
        assert!(b.hold(usize::MAX - 1));
        assert!(!b.hold(2), "an overflow is refused, not wrapped");
        b.release(usize::MAX);
        assert_eq!(b.held(), 0);
        b.release(5);
        assert_eq!(b.held(), 0);
        let none = TextBudget::new(0);
        assert!(none.hold(0));
        assert!(!none.hold(1));
    }

    #[test]
    fn readers_on_many_threads_never_hold_more_than_the_limit() {
        let b = TextBudget::new(1000);
        let held = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        if b.hold(7) {
                            held.fetch_add(7, Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(b.held(), held.load(Ordering::Relaxed));
        assert!(b.held() <= 1000 && b.held() > 1000 - 7);
    }
}
