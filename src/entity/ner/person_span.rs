//! Where a person's name starts and ends, when the tagger took more: a role
//! or title before it (`Kremlchef Putin`, `AfD-Vize Gauland`, `ÖVP-Obmann
//! Reinhold Mitterlehner`, `Papst Franziskus`), or a number after it
//! (`Gerhardt 2001`). Linking then sees the name itself, so that the title
//! never becomes part of a full name, and every surname finds its person.

use super::lexicon::{Lexicon, WordFlags};
use std::ops::Range;

/// The person's name inside `r`: role words trimmed from the front while a
/// name word follows them, numbers trimmed from the end.
pub(super) fn trim(words: &[&str], mut r: Range<usize>) -> Range<usize> {
    while r.len() > 1 && words[r.end - 1].chars().all(|c| c.is_ascii_digit()) {
        r.end -= 1;
    }
    while r.len() > 1 && is_role(words[r.start]) && is_name_word(words[r.start + 1]) {
        r.start += 1;
    }
    r
}

/// A capitalised word that names a role, not a person: a German common
/// noun that is no first or family name (`Präsident`, `Papst`), a compound
/// whose last part is one (`Kremlchef`, `Kreml-Sprecher`, `AfD-Vize`).
/// Never a word the lexicon knows as a name (`Sieglinde`).
fn is_role(w: &str) -> bool {
    let lexicon = Lexicon::get();
    if !w.chars().next().is_some_and(char::is_uppercase) || lexicon.word(w).flags.is_proper_noun() {
        return false;
    }
    let common = |w: &str| {
        let flags = lexicon.word(w).flags;
        flags.contains(WordFlags::COMMON_NOUN) && !flags.is_proper_noun()
    };
    if common(w) {
        return true;
    }
    if let Some((_, last)) = w.rsplit_once('-') {
        return last.chars().next().is_some_and(char::is_uppercase) && common(last);
    }
    // A compound whose head is a common noun (`Kremlchef`).
    super::recognize::has_noun_head(w)
}

/// A word that may start a person's name: capitalised, and no common noun.
fn is_name_word(w: &str) -> bool {
    let flags = Lexicon::get().word(w).flags;
    w.chars().next().is_some_and(char::is_uppercase)
        && (!flags.contains(WordFlags::COMMON_NOUN) || flags.is_proper_noun())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<'a>(words: &[&'a str]) -> Vec<&'a str> {
        words[trim(words, 0..words.len())].to_vec()
    }

    #[test]
    fn roles_before_a_name_and_numbers_after_it_are_left_out() {
        assert_eq!(name(&["Kremlchef", "Putin"]), ["Putin"]);
        assert_eq!(
            name(&["Präsident", "Wladimir", "Putin"]),
            ["Wladimir", "Putin"]
        );
        assert_eq!(
            name(&["Kreml-Sprecher", "Dmitri", "Peskow"]),
            ["Dmitri", "Peskow"]
        );
        assert_eq!(name(&["Papst", "Franziskus"]), ["Franziskus"]);
        assert_eq!(name(&["Gerhardt", "2001"]), ["Gerhardt"]);
        assert_eq!(
            name(&["Oppositionspolitiker", "Alexej", "Nawalny"]),
            ["Alexej", "Nawalny"]
        );
    }

    #[test]
    fn names_stay_whole() {
        assert_eq!(name(&["Wladimir", "Putin"]), ["Wladimir", "Putin"]);
        assert_eq!(name(&["Kim", "Jong", "Un"]), ["Kim", "Jong", "Un"]);
        assert_eq!(name(&["Heinz", "Fischer"]), ["Heinz", "Fischer"]);
        assert_eq!(name(&["Angela", "Merkel"]), ["Angela", "Merkel"]);
        assert_eq!(
            name(&["Papst"]),
            ["Papst"],
            "a lone role word is left to the tagger"
        );
        assert_eq!(name(&["Richard", "Kaiser"]), ["Richard", "Kaiser"]);
    }
}
