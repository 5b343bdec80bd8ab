//! Sentence boundaries in German news text, as byte ranges.
//!
//! A sentence ends at a line break, or at `.`, `!` or `?` (with closing quotes
//! or brackets after it) followed by space and an upper-case letter, a digit or
//! an opening quote, unless the full stop ends an abbreviation or an ordinal
//! number before a month name.

use std::ops::Range;

/// Abbreviations whose full stop does not end a sentence (lower-cased, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mio", "mrd", "bio", "tsd", "ca", "dr", "prof", "nr", "st", "bzw", "vgl", "evtl", "ggf",
    "inkl", "zb", "usw", "etc", "abs", "art", "bd", "hrsg", "jh", "jr", "sen", "gen", "kap", "min",
    "max", "mind", "rd", "sog", "u", "a", "b", "z", "v", "chr", "jan", "feb", "febr", "apr", "aug",
    "sept", "okt", "nov", "dez", "mr", "mrs", "ms", "str", "tel",
];

/// Whether the word ending just before a full stop is an abbreviation.
fn ends_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !word.is_empty() && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether the text before a full stop ends with a number of one or two digits
/// (a day or an ordinal: `4. September`, `2. Liga`).
fn ends_short_number(before: &str) -> bool {
    let digits = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    (1..=2).contains(&digits)
        && !before[..before.len() - digits]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The sentences of a text as byte ranges, trimmed of surrounding whitespace,
/// in text order; empty lines yield no sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let s = &text[from..to];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if from + lead < to - trail {
            out.push(from + lead..to - trail);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence.
            while let Some(c) = text[j..].chars().next() {
                if matches!(c, '“' | '”' | '"' | '«' | '»' | '’' | '\'' | ')' | ']') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[j..];
            let spaced = rest.starts_with([' ', '\u{a0}']);
            let next = rest.trim_start_matches([' ', '\u{a0}']).chars().next();
            let opens = next.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '„' | '"' | '»' | '«' | '(' | '‚')
            });
            let before = &text[start..i];
            let is_stop = b != b'.' || (!ends_abbreviation(before) && !ends_short_number(before));
            if spaced && opens && is_stop {
                push(start, j, &mut out);
                start = j;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

/// The sentence containing a byte offset, if any.
pub fn sentence_at(sentences: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end <= offset);
    sentences.get(i).filter(|s| s.start <= offset).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_at_stops_and_lines_but_not_abbreviations_or_days() {
        let s = "Am 4. September kamen 4,8 Mio. Menschen. Sie sagte: „Nein.“ Dann ging sie!\nNeue Zeile ohne Punkt\n\nEnde im Jahr 2000. Der Rest";
        assert_eq!(
            split(s),
            [
                "Am 4. September kamen 4,8 Mio. Menschen.",
                "Sie sagte: „Nein.“",
                "Dann ging sie!",
                "Neue Zeile ohne Punkt",
                "Ende im Jahr 2000.",
                "Der Rest"
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
