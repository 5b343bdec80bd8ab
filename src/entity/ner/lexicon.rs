//! Word lexicon and gazetteers for German NER: fast per-word and per-phrase
//! lookups over the tables embedded from `assets/lexicon/`.
//!
//! The tables are built by `assets/tools/build_lexicons.py` (sources, versions
//! and licences in `assets/README.md`) and read zero-copy through
//! [`crate::entity::ner::table`]. Building the [`Lexicon`] only checks headers and
//! lengths; there is no parsing of text at start-up (the tests verify every
//! slot of the embedded tables).
//!
//! | file | table | key | value (u32 unless noted) |
//! |---|---|---|---|
//! | `words.bin` (spaCy, MIT) | `words` | word form | bits 0–15 Brown cluster (0 = none), 16–23 log-prob bucket `round(−logprob·8)`, 24 lowercase form more frequent, 25 capitalised form more frequent, 26 other-case form known |
//! | `nouns.bin` (german-nouns, CC BY-SA 4.0) | `forms` | any inflected form not starting with a-z | bits 0–5 [`WordFlags`] noun bits, 7 starts a multi-word entry, 8–11 its longest word count |
//! | | `proper_lemmas` | inflected proper-noun form | packed blob reference of its lemma |
//! | `places-geonames.bin` (CC BY 4.0), `places-cldr.bin` (Unicode-3.0) | `places` | place name, words joined by one space | bits 0–5 [`PlaceFlags`], 7 starts a multi-word name, 8–11 its longest word count, 12–16 `round(3·log10(population))` |
//! | `gold.bin` (CC BY-SA 4.0) | `names` (u64) | name as tokens joined by one space | six 10-bit counts: ORG, ORG in GermEval, PER, PER in GermEval, LOC, LOC in GermEval; bits 60–63 longest multi-word name starting with this word |
//! | | `name_parts` (u64) | capitalised token of a PER span | four 16-bit counts: first token of a multi-token PER span, the same in GermEval, last token of a PER span, the same in GermEval |
//!
//! **Brown clusters.** spaCy stores a cluster's bit path reversed before
//! `int(path[::-1], 2)` ("decode as a little-endian string, so that we can do
//! `& 15` to get the first 4 bits", spaCy's vocabulary builder). So the *low*
//! bits are the top of the cluster tree, and the `k`-bit path prefix is
//! `cluster & (2^k − 1)` ([`WordInfo::cluster_prefix`]). Trailing zeros of the
//! path are lost in that encoding, so a prefix longer than a word's path is
//! padded with zeros.
//!
//! **Gold names and cross-validation.** `gold.bin` counts PER/LOC/ORG spans in
//! the openly licensed gold corpora, GermEval 2014 dev included but counted
//! apart. A tagger cross-validated on GermEval dev must look names up with
//! [`Sources::WithoutGermEval`], which drops the GermEval counts before the
//! minimum-count rule ([`MIN_GOLD_COUNT`]) is applied.
//!
//! # Example
//!
//! ```
//! use dossier::entity::ner::lexicon::{Lexicon, PlaceFlags, Sources, WordFlags};
//!
//! let lex = Lexicon::get();
//! let w = lex.word("Artillerie");
//! assert!(w.flags.contains(WordFlags::COMMON_NOUN));
//! let coarse = w.cluster_prefix(6); // a 6-bit Brown-cluster path prefix
//! assert!(coarse.is_some());
//! // Longest place name at the start of a token slice.
//! let (n, place) = lex.match_place(&["Frankfurt", "am", "Main", "ist"]).unwrap();
//! assert_eq!(n, 3);
//! assert!(place.flags.contains(PlaceFlags::CITY));
//! // Gold organization names; leave GermEval out when evaluating on it.
//! let _ = lex.org("Bundesregierung", Sources::WithoutGermEval);
//! ```
//!
//! Keys are stored in Unicode NFC, exactly cased; callers pass NFC tokens.

use std::sync::OnceLock;

use super::table::{Table, TableError};

static WORDS: &[u8] = include_bytes!("../../../assets/lexicon/words.bin");
static NOUNS: &[u8] = include_bytes!("../../../assets/lexicon/nouns.bin");
static PLACES_GEONAMES: &[u8] = include_bytes!("../../../assets/lexicon/places-geonames.bin");
static PLACES_CLDR: &[u8] = include_bytes!("../../../assets/lexicon/places-cldr.bin");
static GOLD: &[u8] = include_bytes!("../../../assets/lexicon/gold.bin");

/// A name counts as a gold name when seen at least this often (per kind, in the
/// chosen sources).
pub const MIN_GOLD_COUNT: u32 = 2;

/// Bit 7 of noun and place values: the key starts a longer multi-word entry.
const MULTI_START: u64 = 1 << 7;

/// Properties of a single word (flags are a bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WordFlags(pub u16);

impl WordFlags {
    /// A form of a common noun (german-nouns `Substantiv` without a proper-noun tag).
    pub const COMMON_NOUN: WordFlags = WordFlags(1 << 0);
    /// A form of a first name (`Vorname`).
    pub const FIRST_NAME: WordFlags = WordFlags(1 << 1);
    /// A form of a surname (`Nachname`).
    pub const SURNAME: WordFlags = WordFlags(1 << 2);
    /// A form of a place name (`Toponym`).
    pub const TOPONYM: WordFlags = WordFlags(1 << 3);
    /// A form of another proper noun (`Eigenname`, street names).
    pub const PROPER: WordFlags = WordFlags(1 << 4);
    /// A form of an abbreviation noun (`Abkürzung`).
    pub const ABBREVIATION: WordFlags = WordFlags(1 << 5);
    /// Capitalised word whose lowercase-initial form is more frequent.
    pub const LOWER_MORE_FREQUENT: WordFlags = WordFlags(1 << 8);
    /// Lowercase-initial word whose capitalised form is more frequent.
    pub const CAPITAL_MORE_FREQUENT: WordFlags = WordFlags(1 << 9);
    /// The word's other-case form (first letter case flipped) is in spaCy's lexicon.
    pub const OTHER_CASE_KNOWN: WordFlags = WordFlags(1 << 10);

    /// Whether every bit of `other` is set.
    pub fn contains(self, other: WordFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any proper-noun bit (first name, surname, toponym, proper) is set.
    pub fn is_proper_noun(self) -> bool {
        self.0 & 0b1_1110 != 0
    }
}

impl std::ops::BitOr for WordFlags {
    type Output = WordFlags;
    fn bitor(self, rhs: WordFlags) -> WordFlags {
        WordFlags(self.0 | rhs.0)
    }
}

/// What the lexicon knows about one word form (exact, case-sensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// spaCy Brown cluster id (bit path reversed: low bits are the top of the tree).
    pub cluster: Option<u32>,
    /// Quantised log-probability: `logprob ≈ −bucket / 8`; `None` if unknown.
    pub logprob_bucket: Option<u8>,
    /// Flags from german-nouns and the spaCy frequencies.
    pub flags: WordFlags,
    /// Longest german-nouns multi-word entry starting with this word (0: none).
    pub noun_phrase_words: u8,
}

impl WordInfo {
    /// The first `k` bits of the cluster's path (`k` ≤ 16), if the word has a cluster.
    pub fn cluster_prefix(&self, k: u32) -> Option<u32> {
        let k = k.min(16);
        self.cluster.map(|c| c & ((1u32 << k) - 1))
    }

    /// The log-probability, or spaCy's out-of-vocabulary value −20.
    pub fn logprob(&self) -> f32 {
        self.logprob_bucket.map_or(-20.0, |b| -f32::from(b) / 8.0)
    }

    /// Whether the word is in the spaCy lexicon or in german-nouns.
    pub fn is_known(&self) -> bool {
        self.logprob_bucket.is_some() || self.flags.0 & 0xff != 0
    }
}

/// What kind of place a name denotes (flags are a bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PlaceFlags(pub u8);

impl PlaceFlags {
    /// A country or territory.
    pub const COUNTRY: PlaceFlags = PlaceFlags(1 << 0);
    /// A city or town.
    pub const CITY: PlaceFlags = PlaceFlags(1 << 1);
    /// A region: first-level subdivision, US state and the like.
    pub const REGION: PlaceFlags = PlaceFlags(1 << 2);
    /// A continent or world region (`Afrika`, `Westeuropa`).
    pub const CONTINENT: PlaceFlags = PlaceFlags(1 << 3);
    /// The name comes from a German-language table (CLDR German, GeoNames German).
    pub const GERMAN_NAME: PlaceFlags = PlaceFlags(1 << 4);
    /// Only known as an untagged GeoNames alternate name (noisier).
    pub const ALT_NAME_ONLY: PlaceFlags = PlaceFlags(1 << 5);

    /// Whether every bit of `other` is set.
    pub fn contains(self, other: PlaceFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for PlaceFlags {
    type Output = PlaceFlags;
    fn bitor(self, rhs: PlaceFlags) -> PlaceFlags {
        PlaceFlags(self.0 | rhs.0)
    }
}

/// A place-gazetteer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceInfo {
    /// Kinds and provenance of the name.
    pub flags: PlaceFlags,
    /// `round(3·log10(population))` of the largest place of this name (0: unknown).
    pub population_bucket: u8,
}

impl PlaceInfo {
    /// Approximate population of the largest place with this name, if known.
    pub fn population(&self) -> Option<u64> {
        (self.population_bucket > 0)
            .then(|| 10f64.powf(f64::from(self.population_bucket) / 3.0) as u64)
    }
}

/// Which gold corpora count when looking up [`GoldName`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// All corpora the table was built from.
    All,
    /// All but GermEval 2014 dev: for training and scoring on GermEval dev.
    WithoutGermEval,
}

/// How often a name was annotated as each kind in the gold corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GoldName {
    /// Mentions as an organization.
    pub org: u32,
    /// Mentions as a person.
    pub per: u32,
    /// Mentions as a location.
    pub loc: u32,
}

/// How often a token was the first or last token of a gold person name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NamePart {
    /// As the first token of a person name of two or more tokens (a given name).
    pub first: u32,
    /// As the last token of a person name, single-token names included (a surname).
    pub last: u32,
}

/// The embedded lexicon: see the module documentation for the tables.
#[derive(Debug)]
pub struct Lexicon {
    words: Table<'static>,
    forms: Table<'static>,
    proper_lemmas: Table<'static>,
    places: [Table<'static>; 2],
    gold: Table<'static>,
    name_parts: Table<'static>,
    /// Distinguishes lexicons built in one process (see [`Lexicon::serial`]).
    serial: u64,
}

/// The serial number of the next lexicon built.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_serial() -> u64 {
    NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Finds the table called `name` in a parsed file.
fn named(tables: &[Table<'static>], name: &'static str) -> Result<Table<'static>, TableError> {
    tables
        .iter()
        .find(|t| t.name() == name)
        .copied()
        .ok_or(TableError::BadHeader(name))
}

/// Longest multi-word entry starting with a key, from bits 8–11 of a value.
fn phrase_words(v: u64) -> u8 {
    if v & MULTI_START != 0 {
        ((v >> 8) & 0xf) as u8
    } else {
        0
    }
}

/// Tries `tokens[..n]` joined by spaces for `n` from `longest` down to 1.
fn longest_match<T>(
    tokens: &[&str],
    longest: usize,
    lookup: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    if longest > 1 {
        let mut phrase = String::with_capacity(64);
        for n in (2..=longest).rev() {
            phrase.clear();
            for (i, t) in tokens[..n].iter().enumerate() {
                if i > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(t);
            }
            if let Some(v) = lookup(&phrase) {
                return Some((n, v));
            }
        }
    }
    lookup(tokens.first()?).map(|v| (1, v))
}

impl Lexicon {
    /// The lexicon built from the embedded assets, once per process.
    ///
    /// Should the embedded data be corrupt (a build error, caught by the tests),
    /// this is an empty lexicon; [`Lexicon::try_get`] tells why.
    pub fn get() -> &'static Lexicon {
        static EMPTY: OnceLock<Lexicon> = OnceLock::new();
        match Lexicon::try_get() {
            Ok(lex) => lex,
            Err(_) => EMPTY.get_or_init(Lexicon::empty),
        }
    }

    /// The lexicon built from the embedded assets, or why it could not be read.
    pub fn try_get() -> Result<&'static Lexicon, &'static TableError> {
        static LEXICON: OnceLock<Result<Lexicon, TableError>> = OnceLock::new();
        LEXICON
            .get_or_init(|| Lexicon::from_bytes(WORDS, NOUNS, PLACES_GEONAMES, PLACES_CLDR, GOLD))
            .as_ref()
    }

    /// A lexicon that knows no word.
    pub fn empty() -> Lexicon {
        let e = Table::empty();
        Lexicon {
            words: e,
            forms: e,
            proper_lemmas: e,
            places: [e, e],
            gold: e,
            name_parts: e,
            serial: next_serial(),
        }
    }

    /// Builds a lexicon from the bytes of the five asset files.
    pub fn from_bytes(
        words: &'static [u8],
        nouns: &'static [u8],
        places_geonames: &'static [u8],
        places_cldr: &'static [u8],
        gold: &'static [u8],
    ) -> Result<Lexicon, TableError> {
        let nouns = Table::parse_all(nouns)?;
        let gold = Table::parse_all(gold)?;
        Ok(Lexicon {
            words: named(&Table::parse_all(words)?, "words")?,
            forms: named(&nouns, "forms")?,
            proper_lemmas: named(&nouns, "proper_lemmas")?,
            places: [
                named(&Table::parse_all(places_geonames)?, "places")?,
                named(&Table::parse_all(places_cldr)?, "places")?,
            ],
            gold: named(&gold, "names")?,
            name_parts: named(&gold, "name_parts")?,
            serial: next_serial(),
        })
    }

    /// A number no other lexicon built in this process has: memos of
    /// lookups are kept per lexicon by it.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// Everything known about one exact (case-sensitive) word form.
    #[inline]
    pub fn word(&self, w: &str) -> WordInfo {
        let mut info = WordInfo::default();
        if let Some(v) = self.words.get(w) {
            let c = (v & 0xffff) as u32;
            info.cluster = (c != 0).then_some(c);
            info.logprob_bucket = Some(((v >> 16) & 0xff) as u8);
            info.flags.0 |= (((v >> 24) & 0x7) as u16) << 8;
        }
        // The noun table holds no form starting with a-z (see the build script),
        // so lowercase words, most of running text, skip it.
        if !w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            && let Some(v) = self.forms.get(w)
        {
            info.flags.0 |= (v & 0x3f) as u16;
            info.noun_phrase_words = phrase_words(v);
        }
        info
    }

    /// The lemma of an inflected proper-noun form (`…s` genitives), from german-nouns.
    pub fn proper_lemma(&self, w: &str) -> Option<&'static str> {
        let r = self.proper_lemmas.get(w)?;
        self.proper_lemmas.blob_str(u32::try_from(r).ok()?)
    }

    /// The place-gazetteer entry for an exact name (words joined by single spaces).
    pub fn place(&self, phrase: &str) -> Option<PlaceInfo> {
        let mut flags = 0u8;
        let mut alt_only = true;
        let mut pop = 0u8;
        for t in &self.places {
            if let Some(v) = t.get(phrase) {
                let f = (v & 0x3f) as u8;
                if f == 0 {
                    continue;
                }
                alt_only &= f & PlaceFlags::ALT_NAME_ONLY.0 != 0;
                flags |= f;
                pop = pop.max(((v >> 12) & 0x1f) as u8);
            }
        }
        if flags == 0 {
            return None;
        }
        if !alt_only {
            flags &= !PlaceFlags::ALT_NAME_ONLY.0;
        }
        Some(PlaceInfo {
            flags: PlaceFlags(flags),
            population_bucket: pop,
        })
    }

    /// A place entry for `w` or, failing that, for its proper-noun lemma or its
    /// form without a genitive `-s` (`Nordkoreas`), with the name that matched.
    pub fn place_inflected<'w>(&self, w: &'w str) -> Option<(PlaceInfo, &'w str)> {
        if let Some(p) = self.place(w) {
            return Some((p, w));
        }
        if let Some(lemma) = self.proper_lemma(w)
            && let Some(p) = self.place(lemma)
        {
            return Some((p, lemma));
        }
        let stem = w.strip_suffix('s')?;
        self.place(stem).map(|p| (p, stem))
    }

    /// The longest place name made of the first tokens of `tokens` (joined by
    /// single spaces): how many tokens it spans, and its entry.
    pub fn match_place(&self, tokens: &[&str]) -> Option<(usize, PlaceInfo)> {
        let first = tokens.first()?;
        let longest = self.max_place_words(first).min(tokens.len());
        longest_match(tokens, longest, |p| self.place(p))
    }

    /// The longest gold name made of the first tokens of `tokens`: how many
    /// tokens it spans, and its counts in `sources`.
    pub fn match_gold_name(&self, tokens: &[&str], sources: Sources) -> Option<(usize, GoldName)> {
        let first = tokens.first()?;
        let longest = self.max_gold_name_words(first).min(tokens.len());
        longest_match(tokens, longest, |p| self.gold_name(p, sources))
    }

    /// Whether some multi-word place name starts with the word `w`.
    pub fn starts_multiword_place(&self, w: &str) -> bool {
        self.max_place_words(w) > 1
    }

    /// The most words of any place name starting with `w` (0 if none is multi-word).
    pub fn max_place_words(&self, w: &str) -> usize {
        self.places
            .iter()
            .filter_map(|t| t.get(w))
            .map(|v| usize::from(phrase_words(v)))
            .max()
            .unwrap_or(0)
    }

    /// How often the gold corpora in `sources` annotate `phrase` (tokens joined
    /// by single spaces) as each kind; `None` if the name is not in the table.
    pub fn gold_name(&self, phrase: &str, sources: Sources) -> Option<GoldName> {
        let v = self.gold.get(phrase)?;
        let count = |i: u32| ((v >> (10 * i)) & 0x3ff) as u32;
        let pick = |i: u32| match sources {
            Sources::All => count(2 * i) + count(2 * i + 1),
            Sources::WithoutGermEval => count(2 * i),
        };
        let g = GoldName {
            org: pick(0),
            per: pick(1),
            loc: pick(2),
        };
        (g != GoldName::default()).then_some(g)
    }

    /// How often the token `w` began or ended a gold person name in `sources`;
    /// `None` if never.
    pub fn name_part(&self, w: &str, sources: Sources) -> Option<NamePart> {
        let v = self.name_parts.get(w)?;
        let count = |i: u32| ((v >> (16 * i)) & 0xffff) as u32;
        let pick = |i: u32| match sources {
            Sources::All => count(2 * i) + count(2 * i + 1),
            Sources::WithoutGermEval => count(2 * i),
        };
        let p = NamePart {
            first: pick(0),
            last: pick(1),
        };
        (p != NamePart::default()).then_some(p)
    }

    /// The number of gold ORG mentions of `phrase`, if at least [`MIN_GOLD_COUNT`].
    pub fn org(&self, phrase: &str, sources: Sources) -> Option<u32> {
        self.gold_name(phrase, sources)
            .map(|g| g.org)
            .filter(|&n| n >= MIN_GOLD_COUNT)
    }

    /// The most tokens of any gold name starting with the token `w` (0 if none
    /// is multi-word).
    pub fn max_gold_name_words(&self, w: &str) -> usize {
        self.gold.get(w).map_or(0, |v| (v >> 60) as usize)
    }

    /// Entries per table: (words, noun forms, places, gold names).
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.words.len(),
            self.forms.len(),
            self.places[0].len() + self.places[1].len(),
            self.gold.len(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::try_get().expect("embedded lexicon is valid")
    }

    #[test]
    fn embedded_tables_verify() {
        let l = lex();
        for t in [
            l.words,
            l.forms,
            l.proper_lemmas,
            l.places[0],
            l.places[1],
            l.gold,
            l.name_parts,
        ] {
            assert_eq!(t.verify(), Ok(()), "{}", t.name());
            // Every stored key is found again by hashing: writer and reader agree.
            let mut n = 0;
            for (key, value) in t.iter() {
                assert_eq!(t.get(key), Some(value), "{}: {key}", t.name());
                n += 1;
            }
            assert_eq!(n, t.len(), "{}", t.name());
        }
    }

    #[test]
    fn embedded_tables_load_and_are_large() {
        let (words, forms, places, gold) = lex().sizes();
        assert!(words > 300_000, "{words}");
        assert!(forms > 250_000, "{forms}");
        assert!(places > 100_000, "{places}");
        assert!(gold > 3_000, "{gold}");
    }

    #[test]
    fn common_nouns_are_flagged_in_every_form() {
        for w in [
            "Gegenzug",
            "Gegenzugs",
            "Artillerie",
            "Machthaber",
            "Machthabern",
        ] {
            let info = lex().word(w);
            assert!(info.flags.contains(WordFlags::COMMON_NOUN), "{w}: {info:?}");
            assert!(!info.flags.is_proper_noun(), "{w}: {info:?}");
        }
        assert!(
            !lex()
                .word("gegenzug")
                .flags
                .contains(WordFlags::COMMON_NOUN)
        );
    }

    #[test]
    fn proper_nouns_carry_their_kind() {
        assert!(lex().word("Wladimir").flags.contains(WordFlags::FIRST_NAME));
        assert!(lex().word("Nordkorea").flags.contains(WordFlags::TOPONYM));
        assert!(
            !lex()
                .word("Nordkorea")
                .flags
                .contains(WordFlags::COMMON_NOUN)
        );
        assert_eq!(lex().proper_lemma("Nordkoreas"), Some("Nordkorea"));
        assert_eq!(lex().proper_lemma("Nordkorea"), None);
    }

    #[test]
    fn frequencies_and_case() {
        let der = lex().word("der");
        let haus = lex().word("Haus");
        assert!(der.logprob() > haus.logprob());
        assert!(der.logprob() > -5.0 && der.logprob() < -3.0, "{der:?}");
        // Sentence-initial "Die" is rarer than "die".
        assert!(
            lex()
                .word("Die")
                .flags
                .contains(WordFlags::LOWER_MORE_FREQUENT)
        );
        assert!(!haus.flags.contains(WordFlags::LOWER_MORE_FREQUENT));
        let unknown = lex().word("Xqzzyvort");
        assert!(!unknown.is_known());
        assert_eq!(unknown.logprob(), -20.0);
    }

    #[test]
    fn clusters_group_cities_apart_from_people() {
        let berlin = lex().word("Berlin");
        let hamburg = lex().word("Hamburg");
        let moskau = lex().word("Moskau");
        let merkel = lex().word("Merkel");
        // spaCy's data: Berlin and Hamburg share their whole cluster; Moskau
        // shares the first 7 bits of the path with them but not 8.
        assert_eq!(berlin.cluster, hamburg.cluster);
        assert_eq!(berlin.cluster_prefix(7), moskau.cluster_prefix(7));
        assert_ne!(berlin.cluster_prefix(8), moskau.cluster_prefix(8));
        assert_ne!(berlin.cluster_prefix(6), merkel.cluster_prefix(6));
        assert!(berlin.cluster.is_some());
        assert_eq!(lex().word("Xqzzyvort").cluster_prefix(4), None);
    }

    #[test]
    fn places_are_typed() {
        let russland = lex().place("Russland").expect("Russland");
        assert!(
            russland
                .flags
                .contains(PlaceFlags::COUNTRY | PlaceFlags::GERMAN_NAME)
        );
        let moskau = lex().place("Moskau").expect("Moskau");
        assert!(moskau.flags.contains(PlaceFlags::CITY));
        assert!(
            moskau.population().is_some_and(|p| p > 5_000_000),
            "{moskau:?}"
        );
        assert!(
            lex()
                .place("Afrika")
                .expect("Afrika")
                .flags
                .contains(PlaceFlags::CONTINENT)
        );
        assert!(lex().place("Machthaber").is_none());
        assert!(
            lex()
                .place("Bayern")
                .expect("Bayern")
                .flags
                .contains(PlaceFlags::REGION)
        );
        // Both place files type country names on their own.
        for t in &lex().places {
            let v = t.get("Deutschland").expect("Deutschland");
            assert_ne!(v & u64::from(PlaceFlags::COUNTRY.0), 0, "{}", t.name());
        }
        let (p, lemma) = lex().place_inflected("Russlands").expect("genitive");
        assert!(p.flags.contains(PlaceFlags::COUNTRY));
        assert_eq!(lemma, "Russland");
    }

    #[test]
    fn multiword_places_are_matchable() {
        assert!(lex().place("Sankt Petersburg").is_some());
        assert!(lex().starts_multiword_place("Sankt"));
        assert!(lex().max_place_words("Frankfurt") >= 3);
        assert!(lex().place("Frankfurt am Main").is_some());
        // "Sankt" alone is no place, only the start of one.
        assert!(lex().place("Sankt").is_none());
        let (n, p) = lex()
            .match_place(&["Frankfurt", "am", "Main", "liegt"])
            .expect("Frankfurt am Main");
        assert_eq!(n, 3);
        assert!(p.flags.contains(PlaceFlags::CITY));
        assert_eq!(
            lex().match_place(&["Sankt", "Petersburg"]).map(|m| m.0),
            Some(2)
        );
        assert_eq!(lex().match_place(&["Moskau", "und"]).map(|m| m.0), Some(1));
        assert_eq!(lex().match_place(&["Sankt", "und"]), None);
        assert_eq!(lex().match_place(&[]), None);
    }

    #[test]
    fn gold_names_count_sources_apart() {
        let all = lex().org("Bundesregierung", Sources::All);
        assert!(all.is_some_and(|n| n >= MIN_GOLD_COUNT), "{all:?}");
        // Every count without GermEval is at most the count with it.
        let mut seen_germeval_only = false;
        for (key, _) in lex().gold.iter().take(5000) {
            let a = lex().gold_name(key, Sources::All);
            let b = lex().gold_name(key, Sources::WithoutGermEval);
            if let (Some(a), Some(b)) = (a, b) {
                assert!(b.org <= a.org && b.per <= a.per && b.loc <= a.loc, "{key}");
            }
            seen_germeval_only |= a.is_some() && b.is_none();
        }
        assert!(seen_germeval_only, "some names come from GermEval only");
        let multi = lex()
            .gold
            .iter()
            .map(|(k, _)| k)
            .find(|k| k.contains(' ') && lex().gold_name(k, Sources::All).is_some())
            .expect("a multi-word gold name");
        let tokens: Vec<&str> = multi.split(' ').chain(["und"]).collect();
        let (n, _) = lex()
            .match_gold_name(&tokens, Sources::All)
            .expect("matches itself");
        assert_eq!(n, tokens.len() - 1, "{multi}");
    }

    #[test]
    fn person_name_parts_come_from_gold_person_names() {
        let angela = lex()
            .name_part("Angela", Sources::All)
            .expect("a given name");
        assert!(angela.first > 0, "{angela:?}");
        assert!(lex().name_part("und", Sources::All).is_none());
        let mut germeval_only = 0;
        for (key, _) in lex().name_parts.iter() {
            let all = lex()
                .name_part(key, Sources::All)
                .expect("stored parts count");
            match lex().name_part(key, Sources::WithoutGermEval) {
                Some(p) => assert!(p.first <= all.first && p.last <= all.last, "{key}"),
                None => germeval_only += 1,
            }
        }
        assert!(germeval_only > 0);
    }

    #[test]
    fn empty_lexicon_knows_nothing() {
        let e = Lexicon::empty();
        assert_eq!(e.word("der"), WordInfo::default());
        assert!(e.place("Moskau").is_none());
        assert_eq!(e.max_place_words("Sankt"), 0);
    }
}
