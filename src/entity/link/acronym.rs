//! Strict initials: when an acronym may stand for a long form it was not
//! defined with.
//!
//! Inside a document, an acronym in parentheses beside its expansion
//! (`Koreanische Zentralnachrichtenagentur (KCNA)`) is evidence enough for a
//! loose match ([`super::keys::acronym_matches`], letters from inside
//! words allowed). Anywhere else the letters alone must prove the pair, and
//! loose matching proves too much: `SPÖ` fits `St. Pölten`, `ARD` fits
//! `Alternative für Deutschland`, `BND` fits `Bundesrepublik Deutschland`.
//! So an acronym joins an undefined long form only when its capitals are
//! exactly the initials of the long form's content words (function words in
//! German, English and French skipped, hyphenated parts counted as words):
//! `BDI` = `Bundesverband der Deutschen Industrie`, `AfD` = `Alternative für
//! Deutschland`, `UMP` = `Union pour un Mouvement Populaire`. Acronyms are
//! compared by their letters only, never by a fuzzy key: `BVB` and `BWB`
//! stay apart.

use crate::text::fold_to_base;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

/// Words an acronym skips in its long form (folded to base letters).
const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "und", "fur", "von", "vom", "zur", "zum", "am", "im",
    "in", "an", "auf", "of", "the", "for", "and", "on", "de", "du", "la", "le", "les", "pour",
    "un", "une", "et", "en", "y", "del", "della", "di", "da",
];

/// The letters an acronym spells: every capital letter and digit, folded to
/// its base letter (`SPÖ` → `spo`, `AfD` → `ad`, `MoDem` → `md`). `None` for
/// a word that is no acronym: fewer than two capitals, more than eight
/// characters, or anything but letters and digits.
pub fn acronym_letters(short: &str) -> Option<String> {
    let s = short.trim();
    let n = s.chars().count();
    if !(2..=8).contains(&n) || !s.chars().all(char::is_alphanumeric) {
        return None;
    }
    let capitals: String = s
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .collect();
    if capitals.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    // A capitalised word with one more capital inside (`McCain`, `DiCaprio`)
    // is a name, not an acronym: acronyms start with two capitals or have
    // at most one lower-case letter between capitals.
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    if lower > upper {
        return None;
    }
    Some(fold_to_base(&capitals))
}

/// The content words of a long form, folded to base letters, or `None`
/// when a word is itself an acronym (`US-Außenministerium` is no long form).
fn content_words(long: &str) -> Option<Vec<(String, &str)>> {
    let mut out = Vec::new();
    for word in long.split([' ', '-', '/']).filter(|w| !w.is_empty()) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        if acronym_letters(word).is_some() {
            // An acronym inside (`US-Außenministerium`, `VfL Bochum`): no
            // long form.
            return None;
        }
        let folded = fold_to_base(word);
        if !FUNCTION_WORDS.contains(&folded.as_str()) {
            out.push((folded, word));
        }
    }
    Some(out)
}

/// Letters acronyms use interchangeably for one sound across languages
/// (`Central`/`Zentral`, `Korea`/`Corea`).
fn sound(c: char) -> char {
    match c {
        'c' | 'k' | 'z' | 'q' => 'k',
        other => other,
    }
}

/// Whether `short` is an acronym of `long` by strict initials: each content
/// word gives its first letter, and a German compound may give the first
/// letter of each part that is a noun of its own (`Bundesnachrichtendienst`
/// → `B`, `N`, `D`; `Zentralnachrichtenagentur` → `Z`, `N`, `A`), in order,
/// every letter used. One word alone is a long form only through its
/// compound parts (`BND`, not `EU` for `Europa`).
pub fn strict_initials(short: &str, long: &str) -> bool {
    LongForm::of(long).spelled_by(short)
}

/// A name as the long form of acronyms under [`strict_initials`], for
/// trying many acronyms against it: its content words are found when the
/// first acronym comes, and their compound parts (lexicon lookups of every
/// part of a long word) when the first acronym long enough for them comes;
/// both are kept for the next.
pub struct LongForm<'a> {
    long: &'a str,
    /// The content words, `None` when the name is no long form.
    words: OnceCell<Option<Vec<(String, &'a str)>>>,
    parts: OnceCell<Vec<Vec<char>>>,
}

impl<'a> LongForm<'a> {
    /// `long` as a long form.
    pub fn of(long: &'a str) -> LongForm<'a> {
        LongForm {
            long,
            words: OnceCell::new(),
            parts: OnceCell::new(),
        }
    }

    /// The name.
    pub fn text(&self) -> &'a str {
        self.long
    }

    /// [`strict_initials`]`(short, long)`.
    pub fn spelled_by(&self, short: &str) -> bool {
        let Some(letters) = acronym_letters(short) else {
            return false;
        };
        let Some(words) = self.words.get_or_init(|| content_words(self.long)) else {
            return false;
        };
        let letters: Vec<char> = letters.chars().map(sound).collect();
        if words.is_empty()
            || letters.len() < words.len()
            || (words.len() == 1 && letters.len() < 3)
        {
            return false;
        }
        let parts = self.parts.get_or_init(|| {
            words
                .iter()
                .map(|(folded, word)| part_initials(folded, word))
                .collect()
        });
        spell(&letters, parts)
    }
}

/// Whether `short` spells the first letters of `long`'s content words, one
/// letter per word (`APA`, `Austria Presse Agentur`), with no letters from
/// inside compounds.
pub fn word_initials(short: &str, long: &str) -> bool {
    let (Some(letters), Some(words)) = (acronym_letters(short), content_words(long)) else {
        return false;
    };
    let letters: Vec<char> = letters.chars().map(sound).collect();
    words.len() >= 2
        && letters.len() == words.len()
        && words
            .iter()
            .zip(&letters)
            .all(|((folded, _), &l)| folded.chars().next().map(sound) == Some(l))
}

/// The first letter of a word and of each later compound part, marked by
/// a leading `\0` so that they are optional. The parts are found right to
/// left: a part is a common noun of four letters or more that ends where
/// the next part starts, perhaps before a linking `s` (`Wettbewerb|s|behörde`).
fn part_initials(folded: &str, word: &str) -> Vec<char> {
    use crate::entity::ner::lexicon::{Lexicon, WordFlags};
    let chars: Vec<char> = folded.chars().collect();
    let mut out = vec![chars.first().copied().map(sound).unwrap_or(' ')];
    let original: Vec<char> = word.chars().collect();
    if original.len() != chars.len() || original.len() < 7 {
        return out;
    }
    let lexicon = Lexicon::get();
    let noun = |from: usize, to: usize| {
        let part: String = original[from]
            .to_uppercase()
            .chain(original[from + 1..to].iter().copied())
            .collect();
        lexicon.word(&part).flags.contains(WordFlags::COMMON_NOUN)
    };
    let n = original.len();
    let mut starts = vec![false; n + 1];
    starts[n] = true;
    for i in (3..n.saturating_sub(3)).rev() {
        starts[i] = (i + 4..=n).any(|j| {
            starts[j] && (noun(i, j) || (j - i > 4 && original[j - 1] == 's' && noun(i, j - 1)))
        });
    }
    for (i, &part) in starts.iter().enumerate().take(n).skip(3) {
        if part {
            out.push('\0');
            out.push(sound(chars[i]));
        }
    }
    out
}

/// The initials of the compound parts of the words met so far
/// ([`part_initials`]), for [`spellings`]: a corpus's long forms
/// share their words (`Bundesministerium`), and finding a word's parts
/// looks up each of its ends in the lexicon.
#[derive(Default)]
pub struct PartsKnown(FxHashMap<String, Vec<char>>);

/// At most how many words a [`PartsKnown`] holds before it starts again.
const PARTS_KNOWN: usize = 1 << 16;

impl PartsKnown {
    /// [`part_initials`] of `word` (folded `folded`), found once.
    fn of(&mut self, folded: &str, word: &str) -> Vec<char> {
        // Shorter words have no parts to look up.
        if word.len() < 7 {
            return part_initials(folded, word);
        }
        if let Some(known) = self.0.get(word) {
            return known.clone();
        }
        if self.0.len() >= PARTS_KNOWN {
            self.0.clear();
        }
        let found = part_initials(folded, word);
        self.0.insert(word.to_string(), found.clone());
        found
    }
}

/// Every way the initials of `long` may spell an acronym under
/// [`strict_initials`] (each word's first letter, and any of its compound
/// parts' in order), at most `limit` of them; empty when `long` is no long
/// form. Linking across documents looks acronyms up by these.
/// The parts of the words met before are read from `known`.
pub fn spellings(long: &str, limit: usize, known: &mut PartsKnown) -> Vec<String> {
    let Some(words) = content_words(long) else {
        return Vec::new();
    };
    let parts: Vec<Vec<char>> = words
        .iter()
        .map(|(folded, word)| known.of(folded, word))
        .collect();
    if parts.is_empty() || (parts.len() == 1 && parts[0].len() < 3) {
        return Vec::new();
    }
    let mut out: Vec<String> = vec![String::new()];
    for word in &parts {
        let optional: Vec<char> = word[1..].iter().copied().filter(|c| *c != '\0').collect();
        let mut next = Vec::new();
        for prefix in &out {
            // The word's first letter, then every subsequence of its parts'.
            let mut tails = vec![String::new()];
            for &c in &optional {
                let with: Vec<String> = tails.iter().map(|t| format!("{t}{c}")).collect();
                tails.extend(with);
                if tails.len() > limit {
                    break;
                }
            }
            for t in &tails {
                next.push(format!("{prefix}{}{t}", word[0]));
            }
            if next.len() > limit {
                return Vec::new();
            }
        }
        out = next;
    }
    // A single word spells an acronym only with a compound part.
    if parts.len() == 1 {
        out.retain(|s| s.chars().count() >= 3);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The letters of an acronym as [`strict_initials`] compares them (`c`,
/// `k`, `z`, `q` as one).
pub fn sounded(letters: &str) -> String {
    letters.chars().map(sound).collect()
}

/// Whether the letters spell the words: each word its first letter, then
/// any of its optional part initials in order.
fn spell(letters: &[char], parts: &[Vec<char>]) -> bool {
    let Some((word, rest)) = parts.split_first() else {
        return letters.is_empty();
    };
    let Some((&first, more)) = letters.split_first() else {
        return false;
    };
    if word[0] != first {
        return false;
    }
    let optional: Vec<char> = word[1..].iter().copied().filter(|c| *c != '\0').collect();
    from_parts(more, &optional, rest)
}

/// Letters taken from the optional part initials of the current word, then
/// the next words.
fn from_parts(letters: &[char], optional: &[char], rest: &[Vec<char>]) -> bool {
    if spell(letters, rest) {
        return true;
    }
    let Some((&c, more)) = letters.split_first() else {
        return false;
    };
    optional
        .iter()
        .enumerate()
        .any(|(i, &o)| o == c && from_parts(more, &optional[i + 1..], rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_join_the_long_forms_whose_initials_they_are() {
        for (short, long) in [
            ("BDI", "Bundesverband der Deutschen Industrie"),
            ("NRA", "National Rifle Association"),
            ("UMP", "Union pour un Mouvement Populaire"),
            ("AfD", "Alternative für Deutschland"),
            ("SPÖ", "Sozialdemokratische Partei Österreichs"),
            ("CDU", "Christlich Demokratische Union"),
            ("KfW", "Kreditanstalt für Wiederaufbau"),
            ("FDP", "Freie Demokratische Partei"),
            ("KCNA", "Koreanische Zentralnachrichtenagentur"),
            ("BND", "Bundesnachrichtendienst"),
            ("BWB", "Bundeswettbewerbsbehörde"),
        ] {
            assert!(strict_initials(short, long), "{short} = {long}");
        }
    }

    #[test]
    fn word_initials_take_one_letter_per_word() {
        assert!(word_initials("APA", "Austria Presse Agentur"));
        // Letters from inside compounds are no word initials: a known
        // acronym takes such a long form only as one of its own names.
        assert!(!word_initials("EZB", "Europäische Zentralbank"));
        assert!(!word_initials("APA", "Alpinpolizei Axams"));
        assert!(!word_initials("BND", "Bundesnachrichtendienst"));
    }

    #[test]
    fn letters_that_merely_occur_in_a_name_are_refused() {
        for (short, long) in [
            ("SPÖ", "St. Pölten"),
            ("SPÖ", "Sankt Pölten"),
            ("ARD", "Alternative für Deutschland"),
            ("BND", "Bundesrepublik Deutschland"),
            ("BVB", "Bundeswettbewerbsbehörde"),
            ("IAEA", "Internationale Atomenergiebehörde"),
            ("USA", "US-Außenministerium"),
            ("EU", "Europa"),
            ("FDP", "Freien Demokraten"),
            ("EZB", "Energie Cottbus"),
            ("VfB", "VfL Bochum"),
        ] {
            assert!(!strict_initials(short, long), "{short} ≠ {long}");
        }
    }

    #[test]
    fn a_long_form_tried_against_many_acronyms_answers_as_a_fresh_one() {
        let longs = [
            "Koreanische Zentralnachrichtenagentur",
            "Bundesverband der Deutschen Industrie",
            "Bundesnachrichtendienst",
            "US-Außenministerium",
            "St. Pölten",
        ];
        // Short acronyms first (refused before the compound parts are
        // needed), then longer ones that need them, and back.
        let shorts = [
            "EU", "BND", "KCNA", "BDI", "KZN", "USA", "SPÖ", "BN", "KCNA",
        ];
        for long in longs {
            let form = LongForm::of(long);
            for short in shorts {
                assert_eq!(
                    form.spelled_by(short),
                    LongForm::of(long).spelled_by(short),
                    "{short} against {long}"
                );
            }
            assert_eq!(
                form.spelled_by("KCNA"),
                long.starts_with("Koreanische"),
                "{long}"
            );
            assert_eq!(form.spelled_by("BND"), long == "Bundesnachrichtendienst");
        }
    }

    /// [`spellings`] with nothing known before.
    fn spellings_alone(long: &str, limit: usize) -> Vec<String> {
        spellings(long, limit, &mut PartsKnown::default())
    }

    #[test]
    fn spellings_are_what_strict_initials_accepts() {
        let s = spellings_alone("Koreanische Zentralnachrichtenagentur", 64);
        assert!(s.contains(&sounded("kcna")), "{s:?}");
        assert!(spellings_alone("Bundesnachrichtendienst", 64).contains(&"bnd".to_string()));
        assert!(spellings_alone("Europa", 64).is_empty());
        for long in [
            "Bundesverband der Deutschen Industrie",
            "Alternative für Deutschland",
        ] {
            for sp in spellings_alone(long, 64) {
                let upper = sp.to_uppercase();
                assert!(strict_initials(&upper, long), "{upper} {long}");
            }
        }
    }

    #[test]
    fn words_met_before_spell_as_they_do_alone() {
        // One memo through long forms that share their words, met again,
        // with more words than it holds: each spelt as it is alone.
        let longs = [
            "Bundesnachrichtendienst",
            "Koreanische Zentralnachrichtenagentur",
            "Bundesverband der Deutschen Industrie",
            "Zentralnachrichtenagentur",
            "Bundesnachrichtendienst Zentralnachrichtenagentur",
            "Europa",
            "Alternative für Deutschland",
        ];
        let mut known = PartsKnown::default();
        for _ in 0..2 {
            for long in longs {
                assert_eq!(
                    spellings(long, 64, &mut known),
                    spellings_alone(long, 64),
                    "{long}"
                );
            }
        }
        for n in 0..PARTS_KNOWN + 8 {
            known.of(&format!("bundeswort{n}"), &format!("Bundeswort{n}"));
        }
        assert!(known.0.len() <= PARTS_KNOWN);
        for long in longs {
            assert_eq!(spellings(long, 64, &mut known), spellings_alone(long, 64));
        }
    }

    #[test]
    fn names_with_inner_capitals_are_no_acronyms() {
        assert_eq!(acronym_letters("McCain"), None);
        assert_eq!(acronym_letters("Berlin"), None);
        assert_eq!(acronym_letters("USA"), Some("usa".into()));
        assert_eq!(acronym_letters("SPÖ"), Some("spo".into()));
        assert_eq!(acronym_letters("AfD"), Some("ad".into()));
    }
}
