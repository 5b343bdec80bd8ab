//! Bodies, regions and agencies the tagger leaves out or types wrongly,
//! found from dossier's tables of known names
//! ([`KnownNames`](crate::entity::known::KnownNames)):
//! institutions with common-noun names (`Bundestag`, `Kongress`, `Senat`,
//! `UN-Sicherheitsrates`), metonymic bodies (`Kreml`, `Weiße Haus`: the
//! administration, an organization), regions (`Nahost`, `Fernost`), and news
//! agencies in credit lines (`(sda/dpa/afp)`), where they are written in
//! lower case.

use super::recognize::{has_noun_head, is_common_noun};
use crate::entity::Kind;
use crate::entity::known::KnownNames;
use crate::text::token::Token;
use std::ops::Range;

/// Retype the mentions that are exactly a known name to its kind, and add
/// the known names of each sentence (longest first). A known name may take
/// the place of mentions inside it that are no known names themselves (the
/// tagger's `Mouvement Populaire` inside `Union pour un Mouvement Populaire`;
/// `CDU` and `CSU` of `CDU/CSU`), never cut one, and takes a capitalised
/// adjective before it along (`Nationalen Sicherheitsrats` is a body of its
/// own).
pub(super) fn add_known(
    words: &[&str],
    tokens: &[Token],
    sentences: &[Range<usize>],
    mentions: &mut Vec<(Range<usize>, Kind)>,
) {
    let known = KnownNames::get();
    let mut owner: Vec<Option<usize>> = vec![None; words.len()];
    for (m, (r, kind)) in mentions.iter_mut().enumerate() {
        // A common noun before a known name describes it (`Koalitionsparteien
        // CDU`, `Partei Die Linke`): the name starts after it.
        if r.len() > 1
            && *kind != Kind::Person
            && (is_common_noun(words[r.start]) || has_noun_head(words[r.start]))
            && known.find(&words[r.start + 1..r.end]).is_some()
        {
            r.start += 1;
        }
        owner[r.clone()].iter_mut().for_each(|o| *o = Some(m));
        if let Some(k) = known.find(&words[r.clone()])
            && *kind != Kind::Person
        {
            *kind = k;
        }
    }
    let mut added: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut replaced = vec![false; mentions.len()];
    for s in sentences {
        let mut i = s.start;
        while i < s.end {
            let found = if starts_name(words, i, known) && known.may_start(words[i]) {
                longest_known(words, tokens, i, s.end, &owner, mentions, known)
            } else {
                None
            };
            let Some((n, kind)) = found else {
                i += 1;
                continue;
            };
            let mut start = i;
            while start > s.start + 1
                && owner[start - 1].is_none()
                && is_capitalised_adjective(words[start - 1])
            {
                start -= 1;
            }
            for m in owner[i..i + n].iter().flatten() {
                replaced[*m] = true;
            }
            added.push((start..i + n, kind));
            i += n;
        }
    }
    if !added.is_empty() {
        let mut kept: Vec<(Range<usize>, Kind)> = mentions
            .drain(..)
            .zip(replaced)
            .filter(|(_, r)| !r)
            .map(|(m, _)| m)
            .collect();
        kept.extend(added);
        kept.sort_by_key(|(r, _)| r.start);
        *mentions = kept;
    }
}

/// The longest known name of `n` words from word `i` (before `end`) that
/// cuts no mention, and whose mentions inside it are no known names; a
/// mention that is a known name on its own is only replaced by a name that
/// joins it with a slash (`CDU/CSU`).
fn longest_known(
    words: &[&str],
    tokens: &[Token],
    i: usize,
    end: usize,
    owner: &[Option<usize>],
    mentions: &[(Range<usize>, Kind)],
    known: &KnownNames,
) -> Option<(usize, Kind)> {
    let mut most = (end - i).min(known.max_words() + 2);
    if !words[i..i + most].contains(&"/") {
        most = known.most_words(&words[i..i + most]);
    }
    for n in (1..=most).rev() {
        let cuts = |m: usize| {
            let r = &mentions[m].0;
            r.start < i || r.end > i + n
        };
        let mut inside = owner[i..i + n].iter().flatten().copied();
        if inside.clone().any(cuts) {
            continue;
        }
        // Most names have no slash: their words are the text's.
        let joined;
        let ws: &[&str] = if words[i..i + n].contains(&"/") {
            joined = slash_joined(words, tokens, i, i + n);
            &joined.iter().map(String::as_str).collect::<Vec<&str>>()
        } else {
            &words[i..i + n]
        };
        let Some(kind) = known.find(ws) else {
            continue;
        };
        let slashed = ws.len() < n;
        let first = inside.clone().next();
        let whole = inside.clone().count() == n && inside.clone().all(|m| Some(m) == first);
        let keeps_known =
            inside.any(|m| known.find(&words[mentions[m].0.clone()]).is_some() && !whole);
        if first.is_none() || whole || slashed || !keeps_known {
            return Some((n, kind));
        }
    }
    None
}

/// The words of `start..end` with a slash between two words written
/// together joined to one word (`CDU`, `/`, `CSU` → `CDU/CSU`).
fn slash_joined(words: &[&str], tokens: &[Token], start: usize, end: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut j = start;
    while j < end {
        if j + 2 < end
            && words[j + 1] == "/"
            && tokens[j].span.end == tokens[j + 1].span.start
            && tokens[j + 1].span.end == tokens[j + 2].span.start
        {
            out.push(format!("{}/{}", words[j], words[j + 2]));
            j += 3;
        } else {
            out.push(words[j].to_string());
            j += 1;
        }
    }
    out
}

/// A capitalised adjective (`Nationalen`, `Deutschen`): an adjective
/// ending, and the word more often written in lower case (not a noun such
/// as `Koalitionsparteien`).
fn is_capitalised_adjective(w: &str) -> bool {
    use super::lexicon::{Lexicon, WordFlags};
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && crate::text::adjective::has_adjective_ending(w)
        && Lexicon::get()
            .word(w)
            .flags
            .contains(WordFlags::LOWER_MORE_FREQUENT)
}

/// Whether a known name may start at word `i`: a capitalised word, or a
/// news agency's short name in a credit (`(dpa)`, `sda/afp`, `(red, APA)`).
fn starts_name(words: &[&str], i: usize, known: &KnownNames) -> bool {
    let w = words[i];
    if w.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let credit = |j: Option<usize>| {
        j.and_then(|j| words.get(j))
            .is_some_and(|n| matches!(*n, "(" | ")" | "/" | ","))
    };
    credit(i.checked_sub(1)) && credit(Some(i + 1)) && known.is_agency(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens for `words` as if written with one space between words.
    fn tokens(words: &[&str]) -> Vec<Token> {
        let mut at = 0;
        words
            .iter()
            .map(|w| {
                let t = Token {
                    span: at..at + w.len(),
                    newline_before: false,
                };
                at += w.len() + 1;
                t
            })
            .collect()
    }

    fn found(text: &[&str]) -> Vec<(String, Kind)> {
        let mut mentions = Vec::new();
        let whole = 0..text.len();
        add_known(
            text,
            &tokens(text),
            std::slice::from_ref(&whole),
            &mut mentions,
        );
        mentions
            .into_iter()
            .map(|(r, k)| (text[r].join(" "), k))
            .collect()
    }

    #[test]
    fn institutions_regions_and_credits_are_found() {
        assert_eq!(
            found(&[
                "Der",
                "Bundestag",
                "und",
                "der",
                "UN-Sicherheitsrates",
                "im",
                "Nahen",
                "Osten"
            ]),
            [
                ("Bundestag".to_string(), Kind::Organization),
                ("UN-Sicherheitsrates".to_string(), Kind::Organization),
                ("Nahen Osten".to_string(), Kind::Place),
            ]
        );
        assert_eq!(
            found(&["(", "sda", "/", "dpa", "/", "afp", ")"]),
            [
                ("sda".to_string(), Kind::Organization),
                ("dpa".to_string(), Kind::Organization),
                ("afp".to_string(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn common_words_and_lower_case_outside_credits_are_not() {
        assert!(found(&["Das", "Haus", "der", "Union", "und", "die", "Kommission"]).is_empty());
        assert!(found(&["die", "afp", "meldet", "dpa"]).is_empty());
        assert!(found(&["der", "Senator", "im", "Weißen"]).is_empty());
    }

    /// `add_known` over `words` written together where `joined` says so.
    fn with(
        words: &[&str],
        glued: &[usize],
        mentions: Vec<(Range<usize>, Kind)>,
    ) -> Vec<(String, Kind)> {
        let mut toks = tokens(words);
        for &g in glued {
            // Word `g` follows word `g - 1` without a space.
            let shift = toks[g].span.start - toks[g - 1].span.end;
            for t in &mut toks[g..] {
                t.span = t.span.start - shift..t.span.end - shift;
            }
        }
        let mut mentions = mentions;
        let whole = 0..words.len();
        add_known(words, &toks, std::slice::from_ref(&whole), &mut mentions);
        mentions
            .into_iter()
            .map(|(r, k)| (words[r].join(" "), k))
            .collect()
    }

    #[test]
    fn a_known_name_replaces_the_parts_the_tagger_found_but_never_a_known_one() {
        let o = Kind::Organization;
        // CDU/CSU written together is the joint name, not CDU and CSU.
        assert_eq!(
            with(
                &["die", "CDU", "/", "CSU", "sagt"],
                &[2, 3],
                vec![(1..2, o), (3..4, o)]
            ),
            [("CDU / CSU".to_string(), o)]
        );
        // With spaces, two parties stay two.
        assert_eq!(
            with(
                &["die", "CDU", "/", "CSU", "sagt"],
                &[],
                vec![(1..2, o), (3..4, o)]
            )
            .len(),
            2
        );
        // A part of a known name that the tagger took as a place.
        assert_eq!(
            with(
                &["die", "Union", "pour", "un", "Mouvement", "Populaire"],
                &[],
                vec![(4..6, Kind::Place)]
            ),
            [("Union pour un Mouvement Populaire".to_string(), o)]
        );
        // A known name inside a longer one stays (nested bodies are two).
        assert_eq!(
            with(
                &["Sicherheitsrat", "der", "Vereinten", "Nationen"],
                &[],
                vec![(2..4, o)]
            ),
            [
                ("Sicherheitsrat".to_string(), o),
                ("Vereinten Nationen".to_string(), o)
            ]
        );
        // A capitalised adjective makes a body of its own.
        assert_eq!(
            with(&["des", "Nationalen", "Sicherheitsrats"], &[], vec![]),
            [("Nationalen Sicherheitsrats".to_string(), o)]
        );
    }

    #[test]
    fn a_common_noun_before_a_known_name_is_left_out_but_not_before_others() {
        let o = Kind::Organization;
        assert_eq!(
            with(&["Koalitionsparteien", "CDU"], &[], vec![(0..2, o)]),
            [("CDU".to_string(), o)]
        );
        assert_eq!(
            with(&["Stiftung", "Warentest"], &[], vec![(0..2, o)]),
            [("Stiftung Warentest".to_string(), o)]
        );
    }

    #[test]
    fn a_metonymic_body_tagged_as_a_place_becomes_an_organization() {
        let words = ["Der", "Kreml", "schweigt"];
        let mut mentions = vec![(1..2, Kind::Place)];
        let whole = 0..3;
        add_known(
            &words,
            &tokens(&words),
            std::slice::from_ref(&whole),
            &mut mentions,
        );
        assert_eq!(mentions, [(1..2, Kind::Organization)]);
    }
}
