//! Name normalisation for linking: match keys that survive spelling variants.
//!
//! A match key is built in four steps (see the research notes, §5):
//!
//! 1. **fold**: lowercase, German umlauts to `ae`/`oe`/`ue`, `ß` to `ss`,
//!    other diacritics removed (`é` → `e`, `č` → `c`);
//! 2. **inflection**: adjectives inside organization and place names lose
//!    their declension ending (`Weißen Haus` → `weiss haus`), and callers may
//!    strip a genitive `-s`/`-es` from the last word ([`genitive_stems`]);
//! 3. **transliteration**: spellings that German, English and agency copy use
//!    for the same sound are mapped to one ([`translit`]: `sch`/`sh`, `w`/`v`,
//!    `ck`/`k`, final `-ej`/`-ei`/`-ij`/`-y`, …);
//! 4. hyphens and spaces inside the name are removed (`Kim Jong-un` and
//!    `Kim Jong Un` share the key `kimjongun`).
//!
//! Keys are only compared for equality; the rules are deliberately narrow, so
//! that different names (`Kim Jong Un`, `Kim Jong Il`) keep different keys.

use crate::entity::Kind;
use crate::text::adjective::adjective_stem;
use crate::text::fold;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// The words of a name as written: split at whitespace, punctuation at the
/// edges (quotes, brackets, commas) removed, empty words dropped.
///
/// Leading words that cannot start a name are dropped when a name follows:
/// lowercase words (`und Russland`) and function words capitalised at the
/// start of a sentence (`Die USA`, `Laut Reuters`).
pub fn words(surface: &str) -> Vec<&str> {
    let mut ws: Vec<&str> = surface
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .map(|w| w.trim_end_matches('-'))
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    while ws.len() > 1 && ws[1..].iter().any(|w| capital(w)) {
        let first = ws[0];
        let lower = !capital(first) && first.chars().next().is_some_and(char::is_alphabetic);
        if lower || is_leading_function_word(first) {
            ws.remove(0);
        } else {
            break;
        }
    }
    ws
}

/// Whether a word is one of [`LEADING_FUNCTION_WORDS`], in any case.
fn is_leading_function_word(w: &str) -> bool {
    if w.is_ascii() {
        // Folding an ASCII word lowercases it and drops what is neither a
        // letter, a digit nor a hyphen.
        let folded = || {
            w.bytes()
                .filter(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .map(|b| b.to_ascii_lowercase())
        };
        LEADING_FUNCTION_WORDS
            .iter()
            .any(|f| f.bytes().eq(folded()))
    } else {
        LEADING_FUNCTION_WORDS.contains(&fold(w).as_str())
    }
}

/// German function words that may precede a name at the start of a sentence.
const LEADING_FUNCTION_WORDS: [&str; 34] = [
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "im", "in", "am",
    "an", "auf", "aus", "bei", "mit", "nach", "von", "vom", "vor", "zu", "zum", "zur", "und",
    "oder", "laut", "ueber", "unter", "fuer", "gegen", "wie", "auch",
];

/// Whether a surface form is an acronym: two to eight characters, at least
/// two letters, every letter uppercase (`KCNA`, `USA`, `G7`).
pub fn is_acronym(surface: &str) -> bool {
    let s = surface.trim();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let n = s.chars().count();
    (2..=8).contains(&n)
        && letters >= 2
        && s.chars().all(|c| c.is_alphanumeric())
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// Transliteration canonicalisation of one folded word (output of [`fold`],
/// hyphens removed), mapping spellings of the same sound to one form:
///
/// - `tsch` → `ch`, `sch` → `sh`, `kh` → `ch` (German and English spellings of
///   Russian ч, ш, х);
/// - `ck` → `k`, `ks` → `x`, `w` → `v`;
/// - word-initial `ja`/`je`/`ju` → `ya`/`ye`/`yu` (German and English spellings
///   of я, е, ю);
/// - a doubled consonant → single (`Beloussow`, `Belousov`);
/// - in words of five letters or more, a final `ej`, `ei`, `ij`, `yj`, `iy`,
///   `ii` or `y` → `i` (`Sergej`, `Sergei`; `Wostotschny`, `Wostotschnij`).
pub fn translit(word: &str) -> String {
    let mut s = word.to_string();
    for (from, to) in [
        ("tsch", "ch"),
        ("sch", "sh"),
        ("kh", "ch"),
        ("ck", "k"),
        ("ks", "x"),
        ("w", "v"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    if s.starts_with("ja") || s.starts_with("je") || s.starts_with("ju") {
        s.replace_range(0..1, "y");
    }
    // Doubled consonants.
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if prev == Some(c) && c.is_alphabetic() && !"aeiouy".contains(c) {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    if out.chars().count() >= 5 {
        for ending in ["ej", "ei", "ij", "yj", "iy", "ii", "y"] {
            if let Some(stem) = out.strip_suffix(ending) {
                out = format!("{stem}i");
                break;
            }
        }
    }
    out
}

/// Whether the names of a kind are declined like German noun phrases
/// (adjective + noun), so that non-final words lose their adjective endings.
fn declines(kind: Kind) -> bool {
    !matches!(kind, Kind::Person)
}

/// The match key of a name as written (no genitive stripping): folded,
/// adjectives stemmed (not for persons), transliterated word by word, with
/// spaces and hyphens removed.
pub fn match_key(surface: &str, kind: Kind) -> String {
    key_of_words(&words(surface), kind)
}

/// The match key of a sequence of words (see [`match_key`]).
pub fn key_of_words(words: &[&str], kind: Kind) -> String {
    let mut key = String::new();
    let n = words.len();
    with_word_keys(|keys| {
        for (i, w) in words.iter().enumerate() {
            key.push_str(keys.get(w, i + 1 < n && declines(kind)));
        }
    });
    key
}

/// Add the key of `word` as a word before the last of a name of `kind` (as
/// [`key_of_words`] makes it) to `key`: the keys of a name's first words
/// are the start of its key.
pub fn push_head_key(key: &mut String, word: &str, kind: Kind) {
    with_word_keys(|keys| key.push_str(keys.get(word, declines(kind))));
}

/// The key of one word alone (for family names): folded and transliterated.
pub fn word_key(word: &str) -> String {
    with_word_keys(|keys| keys.get(word, false).to_string())
}

/// The key of one word of a name: folded, hyphens removed, a declension
/// ending stripped if `adjective`, transliterated; an acronym only folded.
fn word_piece(word: &str, adjective: bool) -> String {
    let folded: String = fold(word).chars().filter(|c| *c != '-').collect();
    if is_acronym(word) {
        // Acronyms are compared by their letters: `BWB` is not `BVB`.
        return folded;
    }
    let w = if adjective {
        adjective_stem(&folded)
    } else {
        &folded
    };
    translit(w)
}

/// Most words one thread remembers the keys of before it starts over.
const WORD_KEYS_CAPACITY: usize = 1 << 16;

/// The keys of words seen recently ([`word_piece`]), per thread: names
/// recur within and across articles, and folding and transliteration cost
/// a dozen small allocations per word. The result is the same either way.
#[derive(Default)]
struct WordKeys {
    /// By `adjective`: as a last word, before another word.
    seen: [Seen; 2],
}

/// Words and their keys, numbered in order of arrival.
#[derive(Default)]
struct Seen {
    index: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
}

impl WordKeys {
    fn get(&mut self, word: &str, adjective: bool) -> &str {
        let seen = &mut self.seen[usize::from(adjective)];
        let id = match seen.index.get(word) {
            Some(&id) => id,
            None => {
                if seen.keys.len() >= WORD_KEYS_CAPACITY {
                    seen.index.clear();
                    seen.keys.clear();
                }
                let id = seen.keys.len() as u32;
                seen.keys.push(word_piece(word, adjective).into());
                seen.index.insert(word.into(), id);
                id
            }
        };
        &seen.keys[id as usize]
    }
}

thread_local! {
    static WORD_KEYS: RefCell<WordKeys> = RefCell::new(WordKeys::default());
}

/// Let go of this thread's [`WordKeys`] (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_word_keys() {
    WORD_KEYS.with_borrow_mut(|k| *k = WordKeys::default());
}

fn with_word_keys<T>(f: impl FnOnce(&mut WordKeys) -> T) -> T {
    WORD_KEYS.with_borrow_mut(f)
}

/// Candidate stems of an inflected last word, most likely first: `Putins` →
/// `Putin`; `Sicherheitsrates` → `Sicherheitsrat`, `Sicherheitsrate` (the
/// `-es` form only for kinds other than persons); `Kims'` / `Kims’` → `Kims`…
/// Returns nothing for words that cannot carry a genitive ending, acronyms
/// included, and never a stem shorter than three letters.
pub fn genitive_stems(word: &str, kind: Kind) -> Vec<String> {
    stems_with_min(word, kind, 3)
}

/// [`genitive_stems`] with a minimum number of letters for a stem.
fn stems_with_min(word: &str, kind: Kind, min: usize) -> Vec<String> {
    let mut out = Vec::new();
    if is_acronym(word) {
        return out;
    }
    let w = word.trim_end_matches(['\'', '’']);
    if w.len() < word.len() {
        // An apostrophe genitive: `Kims'` → `Kims` is written, `Kim` meant,
        // or `Boris'` → `Boris`.
        out.push(w.to_string());
    }
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    if w.len() < word.len() && !out.iter().any(|o| o == w) {
        out.push(w.to_string());
    }
    let long_enough = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count() >= min;
    if let Some(stem) = w.strip_suffix('s')
        && long_enough(stem)
        && !stem.ends_with('s')
        && !stem.ends_with('-')
    {
        out.push(stem.to_string());
    }
    if kind != Kind::Person
        && let Some(stem) = w.strip_suffix("es")
        && long_enough(stem)
        && !stem.ends_with('-')
    {
        out.push(stem.to_string());
    }
    out
}

/// The match keys of a name read as an inflected form: for every candidate
/// genitive stem of its last word, the key of the name with that stem.
pub fn stem_keys(surface: &str, kind: Kind) -> Vec<String> {
    stem_keys_of_words(&words(surface), kind)
}

/// [`stem_keys`] of a name already cut into [`words`].
pub fn stem_keys_of_words(ws: &[&str], kind: Kind) -> Vec<String> {
    let Some((last, head)) = ws.split_last() else {
        return Vec::new();
    };
    // After other words, a short last word may carry the ending (`Kim Jong Uns`).
    let min = if head.is_empty() { 3 } else { 2 };
    stems_with_min(last, kind, min)
        .into_iter()
        .map(|stem| {
            let mut all: Vec<&str> = head.to_vec();
            all.push(&stem);
            key_of_words(&all, kind)
        })
        .collect()
}

/// Whether a person's name has the East Asian structure "family name first":
/// a short family name (at most four letters) followed by a given name written
/// as romanised syllables, either hyphenated (`Won-sik`, `Jong-un`) or as
/// separate short words (`Jong Un`).
pub fn family_name_first(words: &[&str]) -> bool {
    let short_syllable = |w: &str| {
        let n = w.chars().count();
        (1..=5).contains(&n) && w.chars().all(|c| c.is_alphabetic())
    };
    match words {
        [family, given] => {
            short_syllable(family)
                && given.contains('-')
                && given.split('-').all(short_syllable)
                && given.split('-').count() == 2
        }
        [family, a, b] => {
            short_syllable(family)
                && short_syllable(a)
                && short_syllable(b)
                && (2..=4).contains(&a.chars().count())
                && (2..=4).contains(&b.chars().count())
        }
        _ => false,
    }
}

/// Letters that acronyms use interchangeably for the same sound across
/// languages (`Central`/`Zentral`, `Korea`/`Corea`).
fn acronym_letter(c: char) -> char {
    match c {
        'c' | 'k' | 'z' | 'q' => 'k',
        other => other,
    }
}

/// Short words an acronym skips in its expansion.
const ACRONYM_SKIP: [&str; 20] = [
    "der", "die", "das", "des", "dem", "den", "und", "fuer", "von", "vom", "zur", "zum", "am",
    "im", "of", "the", "for", "and", "de", "du",
];

/// Whether `acronym` abbreviates `expansion`: every word of the expansion
/// (short function words aside) starts with the next letter of the acronym,
/// and may supply further letters from inside the word, in order (compounds:
/// `DVRK` for `Demokratische Volksrepublik Korea`, `KCNA` for `Koreanische
/// Zentralnachrichtenagentur`). All letters must be used.
pub fn acronym_matches(acronym: &str, expansion: &str) -> bool {
    let letters: Vec<char> = fold(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(acronym_letter)
        .collect();
    let folded = fold(expansion);
    let words: Vec<Vec<char>> = folded
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !ACRONYM_SKIP.contains(w))
        .map(|w| w.chars().map(acronym_letter).collect())
        .collect();
    if letters.len() < 2 || words.is_empty() || letters.len() < words.len() {
        return false;
    }
    // An expansion spells its words out: a compound with an acronym in it
    // (`US-Außenministerium`) is not one.
    if expansion.split([' ', '-']).any(is_acronym) {
        return false;
    }
    if words.len() == 1 && letters.len() > 3 {
        // A single word yields an acronym only through its compound parts,
        // which cannot be told apart reliably from arbitrary letters.
        return false;
    }
    match_words(&letters, &words)
}

/// Match the letters against the words: each word consumes its first letter
/// and then any number of further letters found later in the word.
fn match_words(letters: &[char], words: &[Vec<char>]) -> bool {
    let Some((word, rest_words)) = words.split_first() else {
        return letters.is_empty();
    };
    let Some((&first, rest_letters)) = letters.split_first() else {
        return false;
    };
    if word.first() != Some(&first) {
        return false;
    }
    inside(rest_letters, &word[1..], rest_words)
}

/// Letters taken from the inside of the current word, then the next words.
fn inside(letters: &[char], word_rest: &[char], words: &[Vec<char>]) -> bool {
    if match_words(letters, words) {
        return true;
    }
    let Some((&c, more)) = letters.split_first() else {
        return words.is_empty();
    };
    // Letters used from inside a word must be at least as many as the words
    // still to come allow: try each later position of `c` in the word.
    for (i, &w) in word_rest.iter().enumerate() {
        // A letter from inside a word starts a compound part, which leaves
        // at least four letters (`Volks|republik`, not `Nort|h`).
        if word_rest.len() - i < 4 {
            break;
        }
        if w == c && inside(more, &word_rest[i + 1..], words) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_found_as_folding_finds_them() {
        for w in [
            "Der", "DIE", "über", "Ueber", "Für", "d.e.r", "Laut", "Kim", "Dera", "", "Zu-",
        ] {
            assert_eq!(
                is_leading_function_word(w),
                LEADING_FUNCTION_WORDS.contains(&fold(w).as_str()),
                "{w}"
            );
        }
        assert!(is_leading_function_word("Der") && is_leading_function_word("Über"));
        assert!(!is_leading_function_word("Kim"));
    }

    #[test]
    fn remembered_word_keys_are_computed_ones() {
        let words = [
            "Vereinigten",
            "Staaten",
            "Kim",
            "Jong-un",
            "USA",
            "Weißen",
            "Schoigu",
        ];
        for round in 0..3 {
            for (i, w) in words.iter().enumerate() {
                for adjective in [false, true] {
                    let remembered = with_word_keys(|k| k.get(w, adjective).to_string());
                    assert_eq!(remembered, word_piece(w, adjective), "{w} in round {round}");
                }
                assert_eq!(word_key(w), word_piece(w, false));
                let pair = [words[i], words[(i + 1) % words.len()]];
                let direct = word_piece(pair[0], true) + &word_piece(pair[1], false);
                assert_eq!(key_of_words(&pair, Kind::Place), direct);
            }
        }
        // The two forms differ where an adjective ending is stripped.
        assert_ne!(
            word_piece("Vereinigten", true),
            word_piece("Vereinigten", false)
        );
    }

    fn key(s: &str, kind: Kind) -> String {
        match_key(s, kind)
    }

    #[test]
    fn folding_handles_umlauts_sharp_s_and_diacritics() {
        assert_eq!(fold("Pjöngjang"), "pjoengjang");
        assert_eq!(fold("Weiße"), "weisse");
        assert_eq!(fold("Škoda Čapek"), "skoda capek");
        assert_eq!(fold("Kim Jong-un's"), "kim jong-uns");
    }

    #[test]
    fn korean_given_names_match_with_and_without_hyphens_and_spaces() {
        let p = Kind::Person;
        assert_eq!(key("Kim Jong Un", p), key("Kim Jong-un", p));
        assert_eq!(key("Shin Won-sik", p), key("Shin Wonsik", p));
        assert_eq!(key("Lee Sang-Sook", p), key("Lee Sang Sook", p));
    }

    #[test]
    fn different_korean_names_keep_different_keys() {
        let p = Kind::Person;
        let un = key("Kim Jong Un", p);
        assert_ne!(un, key("Kim Jong Il", p));
        assert_ne!(un, key("Kim Dae-jung", p));
        assert_ne!(un, key("Seyoon Kim", p));
        assert_ne!(key("Shin Won-sik", p), key("Shinhye Kang", p));
    }

    #[test]
    fn russian_transliteration_variants_share_a_key() {
        let p = Kind::Person;
        assert_eq!(key("Sergej Schoigu", p), key("Sergei Shoigu", p));
        assert_eq!(key("Sergei Schoigu", p), key("Sergej Schoigu", p));
        assert_eq!(key("Juri Uschakow", p), key("Yuri Ushakov", p));
        assert_eq!(key("Andrej Beloussow", p), key("Andrei Belousov", p));
        let l = Kind::Place;
        assert_eq!(key("Wladiwostok", l), key("Wladiwostock", l));
        assert_eq!(key("Wostotschny", l), key("Wostotschnij", l));
        assert_eq!(key("Wostotschny", l), key("Vostochny", l));
        assert_eq!(key("Chabarowsk", l), key("Khabarovsk", l));
    }

    #[test]
    fn transliteration_keeps_different_names_apart() {
        let p = Kind::Person;
        assert_ne!(key("Sergej Lawrow", p), key("Sergej Schoigu", p));
        assert_ne!(key("Lei", p), key("Li", p), "short words keep final vowels");
        assert_ne!(key("Nordkorea", Kind::Place), key("Südkorea", Kind::Place));
        assert_ne!(key("Shin", p), key("Kim", p));
    }

    #[test]
    fn declined_adjectives_in_place_and_organization_names() {
        let o = Kind::Organization;
        assert_eq!(key("Weiße Haus", o), key("Weißen Haus", o));
        assert_eq!(
            key("Vereinigten Staaten", Kind::Place),
            key("Vereinigte Staaten", Kind::Place)
        );
        assert_eq!(
            key("Fernen Osten", Kind::Place),
            key("Ferner Osten", Kind::Place)
        );
        assert_eq!(
            key("Nationalen Sicherheitsrat", o),
            key("Nationaler Sicherheitsrat", o)
        );
        // Persons are not declined: first names ending in -er stay whole.
        assert_ne!(
            key("Peter Schmidt", Kind::Person),
            key("Pet Schmidt", Kind::Person)
        );
    }

    #[test]
    fn genitive_stems_of_names() {
        let p = Kind::Person;
        assert_eq!(genitive_stems("Putins", p), vec!["Putin"]);
        assert_eq!(genitive_stems("Kims", p), vec!["Kim"]);
        assert!(genitive_stems("Putin", p).is_empty());
        assert!(genitive_stems("USA", Kind::Place).is_empty());
        assert!(genitive_stems("Jens", p).contains(&"Jen".to_string()));
        assert!(genitive_stems("Haus", p).contains(&"Hau".to_string()));
        assert!(genitive_stems("Klaus", p).contains(&"Klau".to_string()));
        assert!(genitive_stems("Boss", p).is_empty(), "no stem ending in s");
        assert_eq!(genitive_stems("Kims'", p), vec!["Kims", "Kim"]);
        let o = Kind::Organization;
        assert_eq!(
            genitive_stems("Sicherheitsrates", o),
            vec!["Sicherheitsrate", "Sicherheitsrat"]
        );
        assert_eq!(stem_keys("Kim Jong-uns", p), vec![key("Kim Jong Un", p)]);
        assert_eq!(stem_keys("Kim Jong Uns", p), vec![key("Kim Jong Un", p)]);
        assert!(stem_keys("Uns", p).is_empty());
        assert_eq!(
            stem_keys("Nordkoreas", Kind::Place),
            vec![key("Nordkorea", Kind::Place)]
        );
        assert!(
            stem_keys("Nationalen Sicherheitsrats", o)
                .contains(&key("Nationaler Sicherheitsrat", o))
        );
        assert!(
            stem_keys("Nationalen Sicherheitsrates", o)
                .contains(&key("Nationaler Sicherheitsrat", o))
        );
        assert!(stem_keys("Nordkorea", Kind::Place).is_empty());
    }

    #[test]
    fn acronyms_are_recognised() {
        assert!(is_acronym("KCNA"));
        assert!(is_acronym("USA"));
        assert!(is_acronym("DVRK"));
        assert!(is_acronym("UN"));
        assert!(!is_acronym("G7"), "one letter is not enough");
        assert!(!is_acronym("Tass"));
        assert!(!is_acronym("kcna"));
        assert!(!is_acronym("A"));
        assert!(!is_acronym("UN-Sicherheitsrat"));
    }

    #[test]
    fn acronyms_match_their_expansions() {
        assert!(acronym_matches(
            "KCNA",
            "Koreanische Zentralnachrichtenagentur"
        ));
        assert!(acronym_matches("KCNA", "Korean Central News Agency"));
        assert!(acronym_matches("DVRK", "Demokratische Volksrepublik Korea"));
        assert!(acronym_matches("USA", "United States of America"));
        assert!(acronym_matches(
            "SPD",
            "Sozialdemokratische Partei Deutschlands"
        ));
        assert!(acronym_matches("EU", "Europäische Union"));
    }

    #[test]
    fn acronyms_reject_other_names() {
        assert!(!acronym_matches("KCNA", "Wladimir Putin"));
        assert!(!acronym_matches("NHK", "Nationaler Sicherheitsrat"));
        assert!(!acronym_matches("USA", "Vereinigte Staaten"));
        assert!(!acronym_matches("AFP", "Agence"));
        assert!(
            !acronym_matches("DVRK", "Nordkorea"),
            "one word cannot give four letters"
        );
        assert!(!acronym_matches("UN", "Vereinte Nationen"));
        assert!(
            !acronym_matches("NHK", "North Korea"),
            "h ends a word, it starts no part"
        );
        assert!(
            !acronym_matches("USA", "US-Außenministeriums"),
            "a compound with the acronym"
        );
    }

    #[test]
    fn family_name_first_by_structure() {
        assert!(family_name_first(&["Kim", "Jong", "Un"]));
        assert!(family_name_first(&["Kim", "Jong-un"]));
        assert!(family_name_first(&["Shin", "Won-sik"]));
        assert!(family_name_first(&["Kim", "Dae-jung"]));
        assert!(!family_name_first(&["Seyoon", "Kim"]));
        assert!(!family_name_first(&["John", "Kirby"]));
        assert!(!family_name_first(&["Wladimir", "Putin"]));
        assert!(!family_name_first(&["Hans-Peter", "Friedrich"]));
    }

    #[test]
    fn words_trim_punctuation() {
        assert_eq!(words("„Kim Jong-un“"), vec!["Kim", "Jong-un"]);
        assert_eq!(words("Nord-"), vec!["Nord"]);
        assert_eq!(words("  Putin, "), vec!["Putin"]);
        assert_eq!(words("Die USA"), vec!["USA"]);
        assert_eq!(words("und Russland"), vec!["Russland"]);
        assert_eq!(words("von der Leyen"), vec!["Leyen"]);
        assert_eq!(
            words("Komsomolsk am Amur"),
            vec!["Komsomolsk", "am", "Amur"]
        );
        assert_eq!(words("kcna"), vec!["kcna"]);
        assert_eq!(words("Die"), vec!["Die"]);
    }
}
