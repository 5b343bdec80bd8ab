//! The words of every distinct mention surface of a corpus, split once.
//!
//! Linking across documents reads a mention's words in several steps, and a
//! corpus repeats its names: `Wladimir Putin` may be written ten thousand
//! times, but it is one interned [`Name`]. Splitting each distinct surface
//! once (on all cores) keeps the cross-document step proportional to the
//! number of distinct names rather than to the number of mentions.

use super::flat::Flat;
use super::keys::words;
use crate::entity::intern::Name;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

/// The words ([`words`]) of every distinct surface of a set of entities.
pub(super) struct Surfaces {
    words: FxHashMap<Name, Box<[&'static str]>>,
}

impl Surfaces {
    /// Split every distinct surface of the mentions of `flat`.
    pub(super) fn new(flat: &Flat<'_>) -> Surfaces {
        let mut distinct: FxHashSet<Name> = FxHashSet::default();
        for (_, e) in flat.iter() {
            distinct.extend(e.mentions().iter().map(|m| m.surface));
        }
        let names: Vec<Name> = distinct.into_iter().collect();
        let words = names
            .into_par_iter()
            .map(|n| (n, words(n.as_str()).into_boxed_slice()))
            .collect();
        Surfaces { words }
    }

    /// The words of `surface`, as [`words`] splits it (split now if it is
    /// no surface of these entities).
    pub(super) fn words(&self, surface: Name) -> Cow<'_, [&'static str]> {
        match self.words.get(&surface) {
            Some(ws) => Cow::Borrowed(ws),
            None => Cow::Owned(words(surface.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Kind;
    use crate::entity::link::doc::LocalMention;
    use crate::entity::link::testing::one_entity;

    #[test]
    fn every_surface_is_split_as_words_splits_it() {
        let mention = |s: &str, at: usize| {
            LocalMention::new(at..at + s.len(), Name::new(s), Kind::Person, false).unwrap()
        };
        let mentions = [
            mention("Präsident Wladimir Putin", 0),
            mention("Putins", 40),
            mention("Präsident Wladimir Putin", 80),
        ];
        let docs = [one_entity(Kind::Person, &mentions)];
        let s = Surfaces::new(&Flat::new(&docs));
        for m in &mentions {
            assert_eq!(&*s.words(m.surface), &words(m.surface.as_str())[..]);
        }
        assert_eq!(&*s.words(Name::new("Putins")), &["Putins"]);
        assert_eq!(&*s.words(Name::new("Kim Jong Un")), &["Kim", "Jong", "Un"]);
        assert_eq!(s.words.len(), 2, "one entry per distinct surface");
    }
}
