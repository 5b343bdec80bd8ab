//! What happened to the people a figure counts: killed, injured, missing or
//! displaced. Reports of one disaster count the dead as `Tote`,
//! `Todesopfer` or `Menschen … ums Leben gekommen`; this puts those on one
//! footing, and keeps `30 Menschen verletzt` apart from `6 Menschen getötet`.
//!
//! The class comes from the counted noun itself (`Tote`, `Verletzte`) or,
//! failing that, from the nearest cue word in the figure's clause (`getötet`,
//! `ums Leben`, `verletzt`, `vermisst`, `evakuiert`).

use super::head::fold;
use super::token::{Token, TokenKind, tokenize};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// What happened to the people counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Casualty {
    /// Killed or dead.
    Dead,
    /// Injured.
    Injured,
    /// Missing.
    Missing,
    /// Driven from their homes: evacuated, fled, homeless.
    Displaced,
}

/// The cue words of each class (`assets/compare/casualty.txt`).
const CUES: &str = include_str!("../../assets/compare/casualty.txt");

/// The cue words, folded, with their classes.
fn cues() -> &'static HashMap<String, Casualty> {
    static CUE_MAP: OnceLock<HashMap<String, Casualty>> = OnceLock::new();
    CUE_MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in CUES.lines().map(str::trim) {
            let Some((class, words)) = line.split_once(':') else {
                continue;
            };
            let class = match class.trim() {
                "dead" => Casualty::Dead,
                "injured" => Casualty::Injured,
                "missing" => Casualty::Missing,
                "displaced" => Casualty::Displaced,
                _ => continue,
            };
            for w in words.split_whitespace() {
                map.insert(fold(w), class);
            }
        }
        map
    })
}

/// The class a (folded) word signals, as a noun or as a cue in the clause.
fn cue(folded: &str) -> Option<Casualty> {
    cues().get(folded).copied()
}

/// Nouns that count people in general (`assets/compare/people.txt`).
const PEOPLE: &str = include_str!("../../assets/compare/people.txt");

/// Whether a counted noun counts people in general (`Menschen`, `Personen`,
/// `Todesopfer`, `Tote`) rather than a particular group (`Soldaten`,
/// `Rebellen`): two counts of the dead are the same fact only if both count
/// people in general or both count the same group.
pub fn counts_people_in_general(noun: &str) -> bool {
    let folded = fold(noun);
    cue(&folded).is_some()
        || PEOPLE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .any(|l| fold(l) == folded)
}

/// Whether tokens `k`, `k + 1` are `ums Leben` (killed).
fn ums_leben(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| t.text == "ums")
        && tokens.get(k + 1).is_some_and(|t| t.text == "Leben")
}

/// The class of a count: from its counted noun (`Todesopfer`), else from the
/// nearest cue after the figure in its clause, else before it. `sentence` is
/// the figure's sentence in `text`, `figure` the figure's span.
pub fn classify(
    text: &str,
    sentence: &Range<usize>,
    figure: &Range<usize>,
    counted: Option<&str>,
) -> Option<Casualty> {
    if let Some(noun) = counted
        && let Some(c) = cue(&fold(noun))
    {
        return Some(c);
    }
    let slice = text.get(sentence.clone())?;
    let tokens = tokenize(slice);
    let at = |k: usize| tokens[k].start + sentence.start;
    let first_after = tokens
        .iter()
        .position(|t| t.start + sentence.start >= figure.end)?;
    let stops =
        |t: &Token| t.kind == TokenKind::Number || matches!(t.text, "," | ";" | ":" | "." | "und");
    let mut k = first_after;
    while k < tokens.len() && !stops(&tokens[k]) {
        if ums_leben(&tokens, k) {
            return Some(Casualty::Dead);
        }
        if let Some(c) = cue(&fold(tokens[k].text)) {
            return Some(c);
        }
        k += 1;
    }
    let mut k = tokens
        .iter()
        .position(|t| t.start + sentence.start >= figure.start)?;
    while k > 0 {
        k -= 1;
        if at(k) >= figure.start || stops(&tokens[k]) {
            break;
        }
        if ums_leben(&tokens, k) {
            return Some(Casualty::Dead);
        }
        if let Some(c) = cue(&fold(tokens[k].text)) {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(sentence: &str, figure: &str, counted: Option<&str>) -> Option<Casualty> {
        let start = sentence.find(figure).unwrap();
        classify(
            sentence,
            &(0..sentence.len()),
            &(start..start + figure.len()),
            counted,
        )
    }

    #[test]
    fn cue_file_reads_every_class() {
        use Casualty::*;
        for (w, c) in [
            ("getötet", Dead),
            ("getotet", Dead),
            ("umgebracht", Dead),
            ("Verletzte", Injured),
            ("verschüttet", Missing),
            ("evakuiert", Displaced),
        ] {
            assert_eq!(cue(&fold(w)), Some(c), "{w}");
        }
        assert_eq!(cue(&fold("ausgebildet")), None);
        assert!(counts_people_in_general("Menschen") && counts_people_in_general("Tote"));
        assert!(!counts_people_in_general("Soldaten") && !counts_people_in_general("Rebellen"));
    }

    #[test]
    fn classes_from_nouns_and_cues() {
        use Casualty::*;
        assert_eq!(
            class("Es gab 12 Todesopfer.", "12 Todesopfer", Some("Todesopfer")),
            Some(Dead)
        );
        assert_eq!(
            class(
                "Dabei kamen sechs Menschen ums Leben.",
                "sechs Menschen",
                Some("Menschen")
            ),
            Some(Dead)
        );
        assert_eq!(
            class(
                "Sechs Menschen wurden getötet, 30 verletzt.",
                "Sechs Menschen",
                Some("Menschen")
            ),
            Some(Dead)
        );
        assert_eq!(
            class(
                "Sechs Menschen wurden getötet, 30 Menschen verletzt.",
                "30 Menschen",
                Some("Menschen")
            ),
            Some(Injured)
        );
        assert_eq!(
            class(
                "Mehr als 5.000 Menschen mussten ihre Häuser verlassen.",
                "Mehr als 5.000 Menschen",
                Some("Menschen")
            ),
            Some(Displaced)
        );
        assert_eq!(
            class(
                "Nach Angaben der Behörden werden 40 Menschen vermisst.",
                "40 Menschen",
                Some("Menschen")
            ),
            Some(Missing)
        );
        assert_eq!(
            class(
                "Die Stadt hat 5.000 Einwohner.",
                "5.000 Einwohner",
                Some("Einwohner")
            ),
            None
        );
    }
}
