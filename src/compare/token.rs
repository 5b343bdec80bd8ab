//! Tokens of German running text for figure extraction: words, numbers and
//! single punctuation characters, each with its byte span in the text.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with digits and inner hyphens): `Container`, `US-Dollar`, `G7`.
    Word,
    /// Digits with inner `.` or `,` separators (and non-breaking spaces before
    /// groups of three): `7.000`, `4,8`, `12.06.2024`.
    Number,
    /// Any other single non-space character: `.`, `%`, `€`, `„`.
    Punct,
}

/// One token: a slice of the text with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text.
    pub text: &'a str,
    /// UTF-8 byte offset of its start.
    pub start: usize,
    /// UTF-8 byte offset of its end, exclusive.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// The byte range of the token.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the token is a word starting with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the token is a word starting with a lower-case letter.
    pub fn is_lowercase_word(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }
}

/// Whether a character separates groups of three digits (non-breaking,
/// narrow non-breaking and thin spaces).
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Whether a character joins the parts of a compound word.
fn is_inner_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2011}' | '\u{ad}')
}

/// Split a text into tokens. Whitespace separates tokens and is dropped.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let kind;
        let mut j = k + 1;
        if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || (matches!(d, '.' | ',') && next_is_digit) {
                    j += 1;
                } else if is_group_space(d)
                    && (1..=3).all(|o| chars.get(j + o).is_some_and(|&(_, n)| n.is_ascii_digit()))
                    && !chars.get(j + 4).is_some_and(|&(_, n)| n.is_ascii_digit())
                {
                    j += 4;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if d.is_alphanumeric() || (is_inner_hyphen(d) && next_is_alnum) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        let end = end_of(j);
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn numbers_keep_german_separators_and_split_from_units() {
        assert_eq!(
            texts("rund 7.000 Container, 4,8 Mio. und 20% am 4. Mai"),
            [
                "rund",
                "7.000",
                "Container",
                ",",
                "4,8",
                "Mio",
                ".",
                "und",
                "20",
                "%",
                "am",
                "4",
                ".",
                "Mai"
            ]
        );
        assert_eq!(
            texts("10\u{202f}000 US-Dollar"),
            ["10\u{202f}000", "US-Dollar"]
        );
        assert_eq!(
            texts("F-16-Kampfjets 2024-06-12"),
            ["F-16-Kampfjets", "2024", "-", "06", "-", "12"]
        );
    }

    #[test]
    fn spans_index_the_text() {
        let s = "„Fünf Millionen“ – über 300 €";
        for t in tokenize(s) {
            assert_eq!(&s[t.span()], t.text);
        }
        assert!(tokenize(s)[1].is_capitalized());
    }
}
