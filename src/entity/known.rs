//! Known names: countries, international bodies, institutions, parties,
//! news agencies and regions from the tables in `assets/` (each with its
//! source and licence in its header).
//!
//! Linking reads them to join the names of one body across articles
//! (`UNO`, `Vereinte Nationen`); recognition reads them to find the bodies
//! the tagger leaves out (`Bundestag`, `Sicherheitsrat`, `Kongress`) or types
//! as something else (`Kreml`, `Weiße Haus`: organizations), and the news
//! agencies of credit lines (`(sda/dpa/afp)`).

use super::Kind;
use super::intern::Name;
use super::link::keys::{is_acronym, key_of_words, match_key, push_head_key, word_key, words};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Most words [`KnownNames::may_start`] remembers per thread before it
/// starts over.
const MAY_START_MEMO: usize = 1 << 16;

thread_local! {
    /// Per thread: [`KnownNames::may_start`] of the words seen lately.
    static SEEN: std::cell::RefCell<FxHashMap<Box<str>, bool>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Let go of this thread's memo of [`KnownNames::may_start`] (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_seen() {
    SEEN.with_borrow_mut(|s| *s = FxHashMap::default());
}

/// A known name's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// The body or country it names (names of one entry name one thing);
    /// `None` for an institution word that may name several bodies.
    pub entry: Option<u32>,
    /// What it is.
    pub kind: Kind,
    /// Whether this name is an acronym (`USA`, `UNO`).
    pub acronym: bool,
}

/// All known names.
pub struct KnownNames {
    /// Every name by match key.
    by_key: FxHashMap<String, Known>,
    /// The names recognition looks for, by match key.
    to_find: FxHashMap<String, Kind>,
    /// The word keys of their first words.
    first_words: FxHashSet<String>,
    /// The first letters of their first words ([`letters_key`]): a cheap
    /// filter before the word key is made.
    first_letters: FxHashSet<u64>,
    /// The most words a name to find has.
    max_words: usize,
    /// News agencies' short names, lower-cased.
    agencies: FxHashSet<String>,
    /// Hashes of every start of the keys of the names to find (a filter: a
    /// collision only lets a candidate through to the exact lookup).
    key_starts: FxHashSet<u64>,
    /// [`KnownNames::by_key`] by the interned key ([`KnownNames::by_name`]),
    /// made when first asked for.
    by_name: OnceLock<FxHashMap<Name, Known>>,
}

impl KnownNames {
    /// The shipped tables, read once.
    pub fn get() -> &'static KnownNames {
        static TABLE: OnceLock<KnownNames> = OnceLock::new();
        TABLE.get_or_init(KnownNames::load)
    }

    fn load() -> KnownNames {
        let mut t = KnownNames {
            by_key: FxHashMap::default(),
            to_find: FxHashMap::default(),
            first_words: FxHashSet::default(),
            first_letters: FxHashSet::default(),
            max_words: 1,
            agencies: FxHashSet::default(),
            key_starts: FxHashSet::default(),
            by_name: OnceLock::new(),
        };
        let mut entry = 0;
        let mut codes: FxHashMap<&str, u32> = FxHashMap::default();
        for file in [
            include_str!("../../assets/linking/country-names-cldr.tsv"),
            include_str!("../../assets/linking/country-names-iso.tsv"),
        ] {
            for (code, name) in file
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
            {
                let id = *codes.entry(code).or_insert_with(|| {
                    entry += 1;
                    entry
                });
                t.add(name, Kind::Place, Some(id), false);
            }
        }
        for fields in rows(include_str!("../../assets/linking/other-names.tsv")) {
            if fields[0] == "country" {
                // More names of a country, by its ISO code.
                if let Some(&id) = fields.get(1).and_then(|c| codes.get(c)) {
                    for name in &fields[2..] {
                        t.add(name, Kind::Place, Some(id), false);
                    }
                }
                continue;
            }
            let agency = fields[0] == "agency";
            let Some(kind) = Kind::parse(if agency { "organization" } else { fields[0] }) else {
                continue;
            };
            entry += 1;
            for name in &fields[1..] {
                t.add(name, kind, Some(entry), true);
                if agency && !name.contains(' ') {
                    t.agencies.insert(name.to_lowercase());
                }
            }
        }
        for fields in rows(include_str!("../../assets/lexicon/institutions.tsv")) {
            if let (Some(kind), Some(name)) = (Kind::parse(fields[0]), fields.get(1)) {
                t.add(name, kind, None, true);
            }
        }
        t
    }

    /// Add one name; `find`: recognition looks for it too.
    fn add(&mut self, name: &str, kind: Kind, entry: Option<u32>, find: bool) {
        let acronym = is_acronym(name);
        let key = match_key(name, kind);
        if key.is_empty() {
            return;
        }
        self.by_key.entry(key.clone()).or_insert(Known {
            entry,
            kind,
            acronym,
        });
        let ws = words(name);
        // Short acronyms (`UN`, `IS`, `AP`) are too easily something else to
        // be looked for; the tagger finds them.
        if find && !(acronym && name.chars().count() < 3) && !ws.is_empty() {
            for (at, _) in key.char_indices().skip(1) {
                self.key_starts.insert(hash_str(&key[..at]));
            }
            self.key_starts.insert(hash_str(&key));
            self.to_find.entry(key).or_insert(kind);
            self.first_words.insert(first_word_key(ws[0]));
            // As written and with umlauts spelt out (`Österreich`,
            // `Oesterreich`): a text may use either.
            for w in [ws[0].to_string(), crate::text::fold(ws[0])] {
                self.first_letters.insert(letters_keys(&w)[0]);
            }
            self.max_words = self.max_words.max(ws.len());
        }
    }

    /// The entry of a match key, if it is a known name.
    pub fn by_key(&self, key: &str) -> Option<Known> {
        self.by_key.get(key).copied()
    }

    /// [`KnownNames::by_key`] of an interned match key: looked up by the
    /// name's number, its text not read (linking across documents asks
    /// for every key of every entity, at a million articles ten million,
    /// and each text read is a cache miss of its own).
    pub fn by_name(&self, key: Name) -> Option<Known> {
        self.by_name
            .get_or_init(|| {
                self.by_key
                    .iter()
                    .map(|(k, known)| (Name::new(k), *known))
                    .collect()
            })
            .get(&key)
            .copied()
    }

    /// The kind of the known name that `ws` (a name's words) spells, if any,
    /// in its written or in an inflected form (`Sicherheitsrates`).
    pub fn find(&self, ws: &[&str]) -> Option<Kind> {
        let first = ws.first()?;
        if ws.len() > self.max_words {
            return None;
        }
        if ws.iter().any(|w| !w.chars().any(char::is_alphanumeric)) || !self.may_start(first) {
            return None;
        }
        let key = key_of_words(ws, Kind::Organization);
        if let Some(&k) = self.to_find.get(&key) {
            return Some(k);
        }
        super::link::keys::stem_keys_of_words(ws, Kind::Organization)
            .iter()
            .find_map(|k| self.to_find.get(k).copied())
    }

    /// How many words from the start of `ws` a known name to find may have
    /// (one, or none for no words; at most `ws.len()`): a name of `n` words has a key
    /// that starts with the keys of its first `n - 1` words as
    /// [`KnownNames::find`] makes them, so once those are the start of no
    /// name's key, no longer name can be found. A filter before `find`.
    pub fn most_words(&self, ws: &[&str]) -> usize {
        let mut head = String::new();
        let mut k = 0;
        while k + 1 < ws.len() {
            push_head_key(&mut head, ws[k], Kind::Organization);
            if !self.key_starts.contains(&hash_str(&head)) {
                break;
            }
            k += 1;
        }
        (k + 1).min(ws.len())
    }

    /// Whether a known name to find may start with `word` (a filter: most
    /// capitalised words start none). Remembered per thread and word.
    pub fn may_start(&self, word: &str) -> bool {
        // Most capitalised words start with letters no known name starts
        // with; a short name's inflected form (`EUs`) has one letter more.
        if !letters_keys(word)
            .iter()
            .any(|k| self.first_letters.contains(k))
        {
            return false;
        }
        SEEN.with_borrow_mut(|seen| {
            if let Some(&known) = seen.get(word) {
                return known;
            }
            if seen.len() >= MAY_START_MEMO {
                seen.clear();
            }
            let known = self.first_words.contains(&first_word_key(word));
            seen.insert(word.into(), known);
            known
        })
    }

    /// The most words a name recognition looks for has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Whether a word is a news agency's short name in any case (`dpa`,
    /// `AFP`, `afp`).
    pub fn is_agency(&self, word: &str) -> bool {
        word.len() <= 12 && self.agencies.contains(&word.to_lowercase())
    }
}

/// A string's hash for [`KnownNames::most_words`].
fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// How many first letters of a word [`KnownNames::may_start`] compares
/// before it makes the word's key: inflection changes only the end.
const FIRST_LETTERS: usize = 3;

/// The first [`FIRST_LETTERS`] letters of `word` and the one fewer,
/// lower-cased and folded to their base letters (`Ö` → `o`), each packed
/// into a number; fewer for a shorter word. No allocation: this runs for
/// every capitalised word.
fn letters_keys(word: &str) -> [u64; 2] {
    let (mut key, mut shorter, mut count) = (0u64, 0u64, 0usize);
    let mut folded = String::new();
    for c in word.chars() {
        let base = if c.is_ascii() {
            None
        } else {
            crate::text::fold::base_letters(c)
        };
        let mut push = |c: char| {
            if count < FIRST_LETTERS {
                key = (key << 21) | u64::from(u32::from(c));
                count += 1;
                if count < FIRST_LETTERS {
                    shorter = key;
                }
            }
        };
        match base {
            _ if c.is_ascii() => push(c.to_ascii_lowercase()),
            Some(base) => base.chars().for_each(push),
            None => {
                folded.clear();
                folded.extend(c.to_lowercase());
                folded.chars().for_each(push);
            }
        }
        if count >= FIRST_LETTERS {
            break;
        }
    }
    [key, shorter]
}

/// The key by which a name's first word is looked up: its word key without
/// an adjective or genitive ending (`Vereinten` and `Vereinte`, `Bundestages`
/// and `Bundestag` look alike), so that inflected forms pass (a filter only:
/// the whole name's key decides).
fn first_word_key(word: &str) -> String {
    let key = word_key(word);
    let stem = crate::text::adjective::adjective_stem(&key);
    stem.strip_suffix('s').unwrap_or(stem).to_string()
}

/// The tab-separated rows of a table, comments and blank lines left out,
/// fields trimmed.
fn rows(file: &str) -> impl Iterator<Item = Vec<&str>> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split('\t')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect::<Vec<&str>>()
        })
        .filter(|f| f.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_letters_filter_passes_every_form_of_a_first_word() {
        let t = KnownNames::get();
        for w in [
            "Vereinten",
            "Vereinte",
            "Bundestages",
            "Österreich",
            "Oesterreich",
        ] {
            assert!(t.first_letters.contains(&letters_keys(w)[0]), "{w}");
        }
        // A short name's inflected form passes by its shorter key.
        assert_eq!(letters_keys("EUs")[1], letters_keys("EU")[0]);
        // A word whose key no known name starts with is refused.
        assert!(!t.may_start("Zwiebelkuchen"));
        assert_eq!(letters_keys("Ös"), letters_keys("os"));
        assert_ne!(letters_keys("Bundestag")[0], letters_keys("Bundestag")[1]);
    }

    #[test]
    fn the_word_count_filter_never_cuts_a_name_it_can_find() {
        let t = KnownNames::get();
        // Every name to find that a text spells word for word is still
        // reachable: the filter allows at least its words.
        for ws in [
            &["Vereinte", "Nationen", "haben", "heute"][..],
            &["Vereinten", "Nationen", "."],
            &["Europäische", "Union", "und", "Russland"],
        ] {
            let n = t.most_words(ws);
            assert!(n >= 2, "{ws:?}: {n}");
            assert!(t.find(&ws[..2]).is_some(), "{ws:?}");
        }
        // Words that start no name's key allow one word only, and never
        // more than there are.
        assert_eq!(t.most_words(&["Gestern", "Abend", "regnete", "es"]), 1);
        assert_eq!(t.most_words(&["Vereinte"]), 1);
        assert_eq!(t.most_words(&[]), 0);
    }

    #[test]
    fn bodies_are_found_in_their_forms_and_kinds() {
        let t = KnownNames::get();
        for (ws, kind) in [
            (&["Bundestag"][..], Kind::Organization),
            (&["Bundestages"], Kind::Organization),
            (&["UN-Sicherheitsrates"], Kind::Organization),
            (&["Vereinten", "Nationen"], Kind::Organization),
            (&["Kreml"], Kind::Organization),
            (&["Weißen", "Haus"], Kind::Organization),
            (&["Nahen", "Osten"], Kind::Place),
            (&["Senat"], Kind::Organization),
        ] {
            assert_eq!(t.find(ws), Some(kind), "{ws:?}");
        }
        for ws in [
            &["Haus"][..],
            &["Union"],
            &["UN"],
            &["Kommission"],
            &["Berlin"],
        ] {
            assert_eq!(t.find(ws), None, "{ws:?}");
        }
    }

    #[test]
    fn names_of_one_body_share_an_entry_and_ambiguous_words_have_none() {
        let t = KnownNames::get();
        let entry = |s: &str| {
            t.by_key(&match_key(s, Kind::Organization))
                .and_then(|k| k.entry)
        };
        assert!(entry("UNO").is_some());
        assert_eq!(entry("UNO"), entry("Vereinte Nationen"));
        assert_eq!(entry("IAEA"), entry("Internationale Atomenergiebehörde"));
        assert_ne!(entry("IAEA"), entry("UNO"));
        assert_eq!(entry("Senat"), None);
        assert!(t.is_agency("afp") && t.is_agency("dpa") && !t.is_agency("red"));
    }

    #[test]
    fn a_key_looked_up_by_its_interned_name_finds_what_its_text_finds() {
        let t = KnownNames::get();
        assert!(!t.by_key.is_empty());
        for (key, known) in &t.by_key {
            assert_eq!(t.by_name(Name::new(key)), Some(*known), "{key}");
        }
        for s in ["UNO", "Vereinte Nationen", "USA", "Senat", "Wladiwostok"] {
            let key = match_key(s, Kind::Organization);
            assert_eq!(t.by_name(Name::new(&key)), t.by_key(&key), "{s}");
        }
        assert!(t.by_name(Name::new("kein bekannter name")).is_none());
    }
}
