//! Mentions cut where the tagger ran two names together: at a bracket
//! inside the span (`Heide Simonis (Schleswig-Holstein`), at a lower-case
//! preposition before a known place (`Kaká für Mailand`), and before a year
//! at its end (`Gerhardt 2001`). Each part gets its kind from the lexicon
//! where it can tell (a known place is a place, a first name starts a
//! person), else the kind the tagger gave the whole. And a given name that
//! the tagger put at the end of a place before a person's name goes to the
//! person (`Massachusetts Mitt` + `Romney`).

use super::lexicon::{Lexicon, WordFlags};
use crate::entity::Kind;
use std::ops::Range;

/// Prepositions that join a name to a place in running text, not inside a
/// name (`für Mailand`, `gegen Italien`).
const PREPOSITIONS: &[&str] = &["für", "gegen", "nach", "bei", "aus", "mit"];

/// The parts of mention `r` of kind `kind`.
pub(super) fn split(words: &[&str], r: Range<usize>, kind: Kind) -> Vec<(Range<usize>, Kind)> {
    let mut r = r;
    while r.len() > 1 && is_year(words[r.end - 1]) {
        r.end -= 1;
    }
    let at = (r.start + 1..r.end - 1).find(|&i| {
        matches!(words[i], "(" | ")" | "[" | "]")
            || (PREPOSITIONS.contains(&words[i])
                && kind != Kind::Place
                && is_place(&words[i + 1..r.end]))
    });
    let Some(at) = at else {
        return vec![(r, kind)];
    };
    let mut out = Vec::new();
    for part in [r.start..at, at + 1..r.end] {
        let part = trim_punct(words, part);
        if !part.is_empty() && words[part.start].starts_with(|c: char| c.is_uppercase()) {
            let k = kind_of(&words[part.clone()]).unwrap_or(kind);
            out.push((part, k));
        }
    }
    out
}

/// Move a given name that ends a place or organization mention to the
/// person mention right after it: `von Massachusetts Mitt Romney`, tagged
/// `Massachusetts Mitt` (place) and `Romney` (person), is `Massachusetts` and
/// `Mitt Romney`. The rest must be a known place, the moved word no place,
/// and nothing may stand between the two mentions.
pub(super) fn move_given_names(
    words: &[&str],
    tokens: &[crate::text::token::Token],
    mentions: &mut [(Range<usize>, Kind)],
) {
    for i in 1..mentions.len() {
        let (left, right) = mentions.split_at_mut(i);
        let (a, ka) = &mut left[i - 1];
        let (b, kb) = &mut right[0];
        if *kb != Kind::Person || *ka == Kind::Person || a.len() < 2 || a.end != b.start {
            continue;
        }
        let last = a.end - 1;
        let spaced = tokens[last].span.end < tokens[b.start].span.start;
        if spaced
            && words[last].starts_with(char::is_uppercase)
            && words[last].chars().all(char::is_alphabetic)
            && !is_place(&words[last..a.end])
            && is_place(&words[a.start..last])
        {
            a.end = last;
            b.start = last;
        }
    }
}

fn trim_punct(words: &[&str], mut r: Range<usize>) -> Range<usize> {
    let punct = |w: &str| !w.chars().any(char::is_alphanumeric);
    while r.start < r.end && punct(words[r.start]) {
        r.start += 1;
    }
    while r.end > r.start && punct(words[r.end - 1]) {
        r.end -= 1;
    }
    r
}

/// A year: four digits from 1000 to 2099.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with('1') || w.starts_with("20"))
}

/// Whether the words are a known place.
fn is_place(ws: &[&str]) -> bool {
    let lexicon = Lexicon::get();
    let phrase = ws.join(" ");
    !ws.is_empty()
        && (lexicon.place(&phrase).is_some() || lexicon.place_inflected(&phrase).is_some())
}

/// The kind the lexicon gives a part: a known place, or a person's name
/// (a first name and at least one more word).
fn kind_of(ws: &[&str]) -> Option<Kind> {
    if is_place(ws) {
        return Some(Kind::Place);
    }
    let first = Lexicon::get().word(ws[0]).flags;
    (ws.len() >= 2 && first.contains(WordFlags::FIRST_NAME)).then_some(Kind::Person)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(words: &[&str], kind: Kind) -> Vec<(String, Kind)> {
        split(words, 0..words.len(), kind)
            .into_iter()
            .map(|(r, k)| (words[r].join(" "), k))
            .collect()
    }

    #[test]
    fn names_run_together_are_cut() {
        let o = Kind::Organization;
        assert_eq!(
            parts(&["Heide", "Simonis", "(", "Schleswig-Holstein"], o),
            [
                ("Heide Simonis".to_string(), Kind::Person),
                ("Schleswig-Holstein".to_string(), Kind::Place)
            ]
        );
        assert_eq!(
            parts(&["Kaká", "für", "Mailand"], o),
            [
                ("Kaká".to_string(), o),
                ("Mailand".to_string(), Kind::Place)
            ]
        );
        assert_eq!(
            parts(&["Gerhardt", "2001"], o),
            [("Gerhardt".to_string(), o)]
        );
    }

    #[test]
    fn a_given_name_at_the_end_of_a_place_goes_to_the_person_after_it() {
        use crate::text::token::split_tokens;
        let text = "von Massachusetts Mitt Romney und Berlin Mitte Anna";
        let tokens = split_tokens(text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        let mut mentions = vec![(1..3, Kind::Place), (3..4, Kind::Person)];
        move_given_names(&words, &tokens, &mut mentions);
        assert_eq!(mentions, [(1..2, Kind::Place), (2..4, Kind::Person)]);
        // A place name that goes on is no given name (`Berlin Mitte`): only
        // its last word moves when the rest is a place and it is none.
        let mut mentions = vec![(5..7, Kind::Place), (7..8, Kind::Person)];
        move_given_names(&words, &tokens, &mut mentions);
        assert_eq!(mentions, [(5..7, Kind::Place), (7..8, Kind::Person)]);
    }

    #[test]
    fn names_with_prepositions_and_numbers_stay_whole() {
        let o = Kind::Organization;
        for ws in [
            &["Bündnis", "für", "Arbeit"][..],
            &["Bundesamt", "für", "Migration", "und", "Flüchtlinge"],
            &["Schalke", "04"],
            &["Hannover", "96"],
        ] {
            assert_eq!(parts(ws, o), [(ws.join(" "), o)], "{ws:?}");
        }
    }
}
