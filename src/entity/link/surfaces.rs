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
use rustc_hash::FxHashMap;
use std::ops::Deref;

/// The words ([`words`]) of every distinct surface of a set of entities,
/// held as where each word lies in its surface's interned text: four
/// bytes a word and twelve a surface (at a million articles seven million
/// surfaces: 160 MB, where a list of words per surface took 490 MB).
pub(super) struct Surfaces {
    /// Where each surface's words are in `spans`: the first, and how many.
    at: FxHashMap<Name, (u32, u32)>,
    spans: Vec<Span>,
}

/// Where a word lies in its surface: byte offset and length.
#[derive(Clone, Copy)]
struct Span {
    start: u16,
    len: u16,
}

impl Span {
    /// The span of `word`, a slice of `text`, if it lies within the first
    /// 64 KiB of it.
    fn of(text: &str, word: &str) -> Option<Span> {
        let start = (word.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let span = Span {
            start: u16::try_from(start).ok()?,
            len: u16::try_from(word.len()).ok()?,
        };
        (span.word(text) == Some(word)).then_some(span)
    }

    /// Its word in `text`.
    fn word(self, text: &str) -> Option<&str> {
        let start = usize::from(self.start);
        text.get(start..start + usize::from(self.len))
    }
}

/// Names a core splits between handing its share over.
const SHARE: usize = 1 << 16;

impl Surfaces {
    /// Split every distinct surface of the mentions of `flat`.
    pub(super) fn new(flat: &Flat<'_>) -> Surfaces {
        // Read in the order of their numbers (see
        // `Flat::distinct_surfaces`).
        let names = flat.distinct_surfaces(|_| true, |_| true);
        // Each core splits shares of the names into spans of its own, put
        // together after. A surface whose words do not all lie in its
        // first 64 KiB is split again each time it is asked for.
        type Share = (Vec<(Name, u32, u32)>, Vec<Span>);
        let shares: Vec<Share> = names
            .par_chunks(SHARE)
            .map(|names| {
                let mut found = Vec::with_capacity(names.len());
                let mut spans = Vec::with_capacity(names.len() * 2);
                for &n in names {
                    let text = n.as_str();
                    let ws = words(text);
                    let from = spans.len();
                    let all: Option<Vec<Span>> = ws.iter().map(|w| Span::of(text, w)).collect();
                    if let Some(all) = all {
                        spans.extend(all);
                        found.push((n, from as u32, ws.len() as u32));
                    }
                }
                (found, spans)
            })
            .collect();
        drop(names);
        let total: usize = shares.iter().map(|(f, _)| f.len()).sum();
        let mut at = FxHashMap::with_capacity_and_hasher(total, Default::default());
        let mut spans: Vec<Span> = Vec::with_capacity(shares.iter().map(|(_, s)| s.len()).sum());
        for (found, share) in shares {
            // Fewer than 2^32 spans, or the rest are split when asked for.
            let Ok(base) = u32::try_from(spans.len()) else {
                break;
            };
            if u32::try_from(spans.len() + share.len()).is_err() {
                break;
            }
            at.extend(
                found
                    .into_iter()
                    .map(|(n, from, len)| (n, (base + from, len))),
            );
            spans.extend(share);
        }
        Surfaces { at, spans }
    }

    /// How many words `surface` has, as [`words`] splits it: for a surface
    /// of these entities read from where its words are held alone, not
    /// from its text (at a million articles a step that wants the longest
    /// of an entity's names reads millions of surfaces, and each text read
    /// is a cache miss of its own).
    pub(super) fn count(&self, surface: Name) -> usize {
        match self.at.get(&surface) {
            Some(&(_, len)) => len as usize,
            None => words(surface.as_str()).len(),
        }
    }

    /// The words of `surface`, as [`words`] splits it (split now if it is
    /// no surface of these entities).
    pub(super) fn words(&self, surface: Name) -> WordList {
        let text = surface.as_str();
        let held = self.at.get(&surface).and_then(|&(from, len)| {
            let spans = self.spans.get(from as usize..(from + len) as usize)?;
            let mut list = WordList::default();
            for s in spans {
                list.push(s.word(text)?);
            }
            Some(list)
        });
        held.unwrap_or_else(|| WordList::Many(words(text)))
    }
}

/// Words of a surface held inline, no allocation, up to this many.
const FEW: usize = 6;

/// The words of one surface ([`Surfaces::words`]): a few inline, more in a
/// list of their own. Read as a slice.
pub(super) enum WordList {
    Few([&'static str; FEW], usize),
    Many(Vec<&'static str>),
}

impl Default for WordList {
    fn default() -> WordList {
        WordList::Few([""; FEW], 0)
    }
}

impl WordList {
    fn push(&mut self, word: &'static str) {
        match self {
            WordList::Few(ws, n) if *n < FEW => {
                ws[*n] = word;
                *n += 1;
            }
            WordList::Few(ws, n) => {
                let mut many = ws[..*n].to_vec();
                many.push(word);
                *self = WordList::Many(many);
            }
            WordList::Many(ws) => ws.push(word),
        }
    }
}

impl Deref for WordList {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        match self {
            WordList::Few(ws, n) => &ws[..*n],
            WordList::Many(ws) => ws,
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
        assert_eq!(s.at.len(), 2, "one entry per distinct surface");
        for m in &mentions {
            assert_eq!(s.count(m.surface), words(m.surface.as_str()).len());
        }
        assert_eq!(s.count(Name::new("Kim Jong Un")), 3, "no surface of these");
    }

    #[test]
    fn long_surfaces_and_many_words_are_split_alike_held_or_not() {
        // A mention's span is shorter than 64 KiB; its surface is what is
        // split here.
        let mention = |s: &str, at: usize| {
            let span = at..at + s.len().min(1000);
            LocalMention::new(span, Name::new(s), Kind::Organization, false).unwrap()
        };
        // More words than are held inline; words past the first 64 KiB of
        // a surface (not held: split when asked for); a surface of no
        // words; quotes and hyphens trimmed off the words.
        let many = "Vereinigung der Freunde und Förderer des Deutschen Museums in München";
        let far = format!("{} Ende Gelände", "Wort ".repeat(14_000));
        let odd = "„Bündnis-“ 90 Die Grünen";
        let surfaces = [many, far.as_str(), "…", odd, "Kim"];
        let mentions: Vec<LocalMention> = surfaces
            .iter()
            .enumerate()
            .map(|(i, s)| mention(s, i * 100_000))
            .collect();
        let docs = [one_entity(Kind::Organization, &mentions)];
        let s = Surfaces::new(&Flat::new(&docs));
        for text in surfaces {
            let expected = words(text);
            assert_eq!(&*s.words(Name::new(text)), &expected[..], "{text:.40}");
        }
        assert!(words(many).len() > FEW);
        assert!(words(&far).len() > 14_000);
        assert!(!s.at.contains_key(&Name::new(&far)), "not held");
        assert!(s.at.contains_key(&Name::new(many)), "held");
        assert!(s.words(Name::new("…")).is_empty());
    }

    #[test]
    fn a_word_list_reads_as_the_words_pushed() {
        let mut list = WordList::default();
        let mut expected = Vec::new();
        for w in ["a", "bb", "c", "d", "e", "f", "g", "h"] {
            list.push(w);
            expected.push(w);
            assert_eq!(&*list, &expected[..]);
        }
        assert!(matches!(list, WordList::Many(_)));
        // A span is refused outside its text or past 64 KiB.
        let text = "Angela Merkel";
        assert!(Span::of(text, &text[7..]).is_some());
        let copy = String::from("Merkel");
        assert!(Span::of(text, &copy).is_none(), "another string");
        let long = "x".repeat(70_000);
        assert!(Span::of(&long, &long[66_000..66_001]).is_none());
    }
}
