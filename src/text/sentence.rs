//! Sentences of German news text: where a full stop, a line break or a
//! dateline dash ends one. One splitter serves recognition (sentences as
//! token ranges, [`split_sentences`]) and the comparison (sentences as byte
//! ranges, [`sentences`]).
//!
//! Line breaks and spaced dashes (`Musterstadt – Der …`) are hard boundaries:
//! a sentence never runs across them, so names on neighbouring lines or
//! either side of a dateline cannot fuse into one mention. A full stop does
//! not end a sentence after an abbreviation, an ordinal or day number
//! (`am 3. Oktober`) or an initial (`J. R. R. Tolkien`).

use super::token::{Token, split_tokens};
use std::ops::Range;

/// Longest sentence handed to the tagger; longer runs are cut.
const MAX_SENTENCE: usize = 250;

/// Abbreviations after which a full stop does not end a sentence, as they
/// are written (without the stop). The case matters: `Art.` (Artikel) is an
/// abbreviation, `state of the art.` ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "a", "Abs", "Apr", "Art", "Aug", "B", "Bd", "Bio", "bspw", "bzw", "ca", "Chr", "Co", "d",
    "Dez", "Dipl", "Dr", "etc", "evtl", "Feb", "Febr", "Fr", "geb", "Gen", "gest", "ggf", "Hr",
    "Hrsg", "Ing", "inkl", "Jan", "Jh", "Jr", "Kap", "max", "Min", "min", "mind", "Mio", "Mr",
    "Mrd", "Mrs", "Ms", "Nov", "Nr", "o", "Okt", "Prof", "rd", "s", "Sen", "Sept", "sog", "St",
    "Str", "Tel", "Tsd", "u", "usw", "v", "vgl", "z", "zB", "zzgl",
];

/// Whether a word is one of the [`ABBREVIATIONS`].
fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Whether the token text is a dash standing alone (a dateline or aside separator).
fn is_spaced_dash(text: &str, tok: &Token) -> bool {
    let t = &text[tok.span.clone()];
    // Words and numbers, most tokens, are told apart by their first byte.
    if t.as_bytes().first().is_none_or(u8::is_ascii_alphanumeric) {
        return false;
    }
    let dash = matches!(t, "–" | "—" | "-" | "--" | "―");
    if !dash {
        return false;
    }
    let before = text[..tok.span.start].chars().next_back();
    let after = text[tok.span.end..].chars().next();
    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
}

/// Group tokens into sentences for the tagger (token ranges). Line breaks
/// and spaced dashes always end one, and none is longer than
/// [`MAX_SENTENCE`] tokens.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    split(text, tokens, Dashes::End, MAX_SENTENCE)
}

/// What a spaced dash does to a sentence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dashes {
    /// It ends one (a dateline: `Musterstadt – Der …`): for the tagger, so
    /// that names on either side never fuse.
    End,
    /// Nothing (`… – so werden sie genannt – …`): for reading sentences.
    Continue,
}

/// Group tokens into sentences (token ranges) by the rules of this module.
fn split(text: &str, tokens: &[Token], dashes: Dashes, max: usize) -> Vec<Range<usize>> {
    let dash = |t: &Token| dashes == Dashes::End && is_spaced_dash(text, t);
    // A word or number (most tokens) is neither a dash nor a full stop:
    // told by its first byte, it ends a sentence only at a line break or
    // the length limit.
    let bytes = text.as_bytes();
    let word = |t: &Token| t.span.is_empty() || bytes[t.span.start].is_ascii_alphanumeric();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let last = i + 1 == tokens.len();
        let end_here = last
            || tokens[i + 1].newline_before
            || i + 1 - start >= max
            || (!word(&tokens[i])
                && (dash(&tokens[i])
                    || (!dash(&tokens[i + 1]) && full_stop_ends(text, tokens, i))));
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

fn full_stop_ends(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &text[tokens[i].span.clone()];
    // Words and numbers, most tokens, are told apart by their first byte.
    if t.as_bytes().first().is_none_or(u8::is_ascii_alphanumeric) {
        return false;
    }
    if !matches!(t, "." | "!" | "?" | "…" | "..." | "?!" | "!!" | "??") {
        // A closing quote after a full stop ends the sentence too.
        if matches!(t, "\"" | "“" | "”" | "«" | "»" | "'") && i > 0 {
            let p = &text[tokens[i - 1].span.clone()];
            return matches!(p, "." | "!" | "?") && next_starts_sentence(text, tokens, i);
        }
        return false;
    }
    if !next_starts_sentence(text, tokens, i) {
        return false;
    }
    // A closing quote may follow: let it end the sentence instead.
    if let Some(n) = tokens.get(i + 1)
        && matches!(&text[n.span.clone()], "\"" | "“" | "”" | "«" | "»")
        && tokens.get(i + 2).is_some_and(|t2| {
            text[t2.span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    {
        return false;
    }
    if t == "." && i > 0 && tokens[i - 1].span.end == tokens[i].span.start {
        let p = &text[tokens[i - 1].span.clone()];
        if is_abbreviation(p) {
            return false;
        }
        // Ordinals and dates: "am 3. Oktober".
        if p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        // Single capital letters: initials "J. R. R. Tolkien".
        let mut cs = p.chars();
        if cs.next().is_some_and(char::is_uppercase) && cs.next().is_none() {
            return false;
        }
    }
    true
}

fn next_starts_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|n| {
        text[n.span.clone()]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())
    })
}

/// The sentences of a text as byte ranges from the first token's start to
/// the last token's end, in text order: the sentences a reader sees (a
/// spaced dash does not end one).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let tokens = split_tokens(text);
    split(text, &tokens, Dashes::Continue, usize::MAX)
        .into_iter()
        .map(|r| tokens[r.start].span.start..tokens[r.end - 1].span.end)
        .collect()
}

/// The sentence containing a byte offset, if any.
pub fn sentence_at(sentences: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end <= offset);
    sentences.get(i).filter(|s| s.start <= offset).cloned()
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn sentence_tokens(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.sentences
            .iter()
            .map(|r| {
                t.tokens[r.clone()]
                    .iter()
                    .map(|k| &text[k.span.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn line_breaks_and_datelines_are_hard_boundaries() {
        assert_eq!(
            sentence_tokens(
                "Ein Treffen mit Anna Berg\nMarkus Roth sprach\nHamburg – Der Senat tagte."
            ),
            [
                "Ein Treffen mit Anna Berg",
                "Markus Roth sprach",
                "Hamburg –",
                "Der Senat tagte ."
            ]
        );
    }

    #[test]
    fn full_stops_after_abbreviations_and_ordinals_do_not_split() {
        assert_eq!(
            sentence_tokens("Am 3. Oktober kam Dr. Weber. Er blieb z. B. lange. Dann ging er."),
            [
                "Am 3 . Oktober kam Dr . Weber .",
                "Er blieb z . B . lange .",
                "Dann ging er ."
            ]
        );
    }

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn reading_sentences_split_at_stops_and_lines_but_not_abbreviations_or_days() {
        let s = "Am 4. September kamen 4,8 Mio. Menschen. Sie sagte: „Nein.“ Dann ging sie!\nNeue Zeile ohne Punkt\n\nEnde im Jahr 2000. Der Rest – mit Strich – v. Chr. geboren. Es ist state of the art. Ederer";
        assert_eq!(
            split(s),
            [
                "Am 4. September kamen 4,8 Mio. Menschen.",
                "Sie sagte: „Nein.“",
                "Dann ging sie!",
                "Neue Zeile ohne Punkt",
                "Ende im Jahr 2000.",
                "Der Rest – mit Strich – v. Chr. geboren.",
                "Es ist state of the art.",
                "Ederer"
            ]
        );
    }

    #[test]
    fn sentence_at_finds_the_enclosing_range() {
        let s = "Eins zwei. Drei vier.";
        let ss = sentences(s);
        assert_eq!(sentence_at(&ss, 12).map(|r| &s[r]), Some("Drei vier."));
        assert_eq!(sentence_at(&ss, 10), None, "the space between sentences");
    }
}
