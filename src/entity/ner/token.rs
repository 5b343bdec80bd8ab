//! Tokenizing German news text into words with byte spans, and splitting the
//! tokens into sentences for the tagger.
//!
//! Words keep their inner hyphens and apostrophes (`US-Medien`, `Jong-un`,
//! `O'Neill`), numbers keep inner separators (`3,5`, `1.000`), and an
//! elliptical hyphen stays on its word (`Süd-` in `Süd- und Nordkorea`).
//! Line breaks and spaced dashes (`Pjöngjang – Der …`) are hard boundaries:
//! a sentence never runs across them, so names on neighbouring lines or either
//! side of a dateline cannot fuse into one mention.

use std::ops::Range;

/// One token: a byte span into the text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// UTF-8 byte range into the text, end exclusive.
    pub span: Range<usize>,
    /// A line break lies between the previous token and this one.
    pub newline_before: bool,
}

/// Tokens of a text and the sentences they form.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// All tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences as ranges of token indices, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
}

/// Longest sentence handed to the tagger; longer runs are cut.
const MAX_SENTENCE: usize = 250;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Abs", "Art", "bzw", "ca", "Co", "Dr", "etc", "evtl", "Fr", "ggf", "Hr", "Hrsg", "inkl", "Jh",
    "Mio", "Mrd", "Nr", "Prof", "St", "Str", "usw", "vgl", "z", "B", "u", "a", "o", "d", "s", "Mr",
    "Mrs", "Jr", "Sen", "Gen", "Bd", "Dipl", "Ing", "geb", "gest", "bspw", "sog", "zzgl", "Tel",
];

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}'
}

/// Cut `text` into tokens and sentences.
pub fn tokenize(text: &str) -> Tokenized {
    let tokens = split_tokens(text);
    let sentences = split_sentences(text, &tokens);
    Tokenized { tokens, sentences }
}

/// Cut `text` into tokens only.
pub fn split_tokens(text: &str) -> Vec<Token> {
    // The character at byte `i`, if any.
    let at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut newline = false;
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        i += c.len_utf8();
        if is_word_char(c) {
            let mut prev = c;
            while let Some(c) = at(i) {
                if is_word_char(c) {
                    prev = c;
                    i += c.len_utf8();
                    continue;
                }
                let after = i + c.len_utf8();
                let next = at(after);
                let next_word = next.is_some_and(is_word_char);
                let joins = (is_hyphen(c) && next_word)
                    || (is_apostrophe(c)
                        && prev.is_alphabetic()
                        && next.is_some_and(char::is_alphabetic))
                    || ((c == '.' || c == ',' || c == ':')
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
                    || (c == '&' && prev.is_uppercase() && next.is_some_and(char::is_uppercase));
                if let (true, Some(n)) = (joins, next) {
                    prev = n;
                    i = after + n.len_utf8();
                    continue;
                }
                // Elliptical compound ("Süd- und Nordkorea"), or a genitive
                // apostrophe after a sibilant ("Strauss'").
                let elliptic = is_hyphen(c)
                    && prev.is_alphabetic()
                    && next.is_some_and(char::is_whitespace)
                    && elliptic_follows(&text[after..]);
                let genitive = is_apostrophe(c)
                    && matches!(prev, 's' | 'x' | 'z' | 'ß')
                    && text[start..].starts_with(char::is_uppercase)
                    && !next_word;
                if elliptic || genitive {
                    i = after;
                }
                break;
            }
        } else {
            // Runs of the same punctuation (..., --) stay one token.
            while at(i) == Some(c) && !c.is_alphanumeric() {
                i += c.len_utf8();
            }
        }
        out.push(Token {
            span: start..i,
            newline_before: newline,
        });
        newline = false;
    }
    out
}

/// Whether the text after an elliptical hyphen goes on with a conjunction
/// (`und`, `oder`, `bzw`, `sowie`) or a comma.
fn elliptic_follows(rest: &str) -> bool {
    let rest = rest.trim_start();
    // Enough letters to tell the conjunctions from longer words.
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(7)
        .collect();
    matches!(word.as_str(), "und" | "oder" | "bzw" | "sowie")
        || (word.is_empty() && rest[word.len()..].starts_with(','))
}

/// Whether the token text is a dash standing alone (a dateline or aside separator).
fn is_spaced_dash(text: &str, tok: &Token) -> bool {
    let t = &text[tok.span.clone()];
    let dash = matches!(t, "–" | "—" | "-" | "--" | "―");
    if !dash {
        return false;
    }
    let before = text[..tok.span.start].chars().next_back();
    let after = text[tok.span.end..].chars().next();
    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
}

/// Group tokens into sentences. Line breaks and spaced dashes always end one.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let last = i + 1 == tokens.len();
        let end_here = last
            || tokens[i + 1].newline_before
            || i + 1 - start >= MAX_SENTENCE
            || is_spaced_dash(text, &tokens[i])
            || (!is_spaced_dash(text, &tokens[i + 1]) && full_stop_ends(text, tokens, i));
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

fn full_stop_ends(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &text[tokens[i].span.clone()];
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
        if ABBREVIATIONS.contains(&p) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        split_tokens(text)
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect()
    }

    fn sentences(text: &str) -> Vec<String> {
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
    fn keeps_hyphenated_compounds_and_names_whole() {
        assert_eq!(
            words("Die US-Medien und Lee Jae-myung, sagte er."),
            [
                "Die",
                "US-Medien",
                "und",
                "Lee",
                "Jae-myung",
                ",",
                "sagte",
                "er",
                "."
            ]
        );
    }

    #[test]
    fn quotes_numbers_and_apostrophes() {
        assert_eq!(
            words("„Wir zahlen 3,5 Mio. Euro“, sagte O'Neill zu Strauss' Plan."),
            [
                "„", "Wir", "zahlen", "3,5", "Mio", ".", "Euro", "“", ",", "sagte", "O'Neill",
                "zu", "Strauss'", "Plan", "."
            ]
        );
    }

    #[test]
    fn elliptic_hyphen_stays_on_its_word() {
        assert_eq!(words("Süd- und Nordkorea"), ["Süd-", "und", "Nordkorea"]);
        assert_eq!(words("Berlin - Die"), ["Berlin", "-", "Die"]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "Über Köln";
        let t = split_tokens(text);
        assert_eq!(t[1].span, 6..11);
        assert_eq!(&text[t[1].span.clone()], "Köln");
    }

    #[test]
    fn line_breaks_and_datelines_are_hard_boundaries() {
        assert_eq!(
            sentences("Ein Treffen mit Anna Berg\nMarkus Roth sprach\nHamburg – Der Senat tagte."),
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
            sentences("Am 3. Oktober kam Dr. Weber. Er blieb z. B. lange. Dann ging er."),
            [
                "Am 3 . Oktober kam Dr . Weber .",
                "Er blieb z . B . lange .",
                "Dann ging er ."
            ]
        );
    }
}
