//! Tokenizing German news text into words with byte spans (and, through
//! [`super::sentence`], into sentences).
//!
//! Words keep their inner hyphens and apostrophes (`US-Medien`, `Jong-un`,
//! `O'Neill`), numbers keep inner separators (`3,5`, `1.000`), and an
//! elliptical hyphen stays on its word (`Vor-` in `Vor- und Nachteile`).
//! Line breaks and spaced dashes (`Musterstadt – Der …`) are hard boundaries:
//! a sentence never runs across them, so names on neighbouring lines or either
//! side of a dateline cannot fuse into one mention.

use super::sentence::split_sentences;
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
    // The character at byte `i`, if any; most are ASCII, read as one byte.
    let at = |i: usize| match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..).and_then(|r| r.chars().next()),
    };
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
                // Elliptical compound ("Vor- und Nachteile"), or a genitive
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        split_tokens(text)
            .iter()
            .map(|t| &text[t.span.clone()])
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
}
