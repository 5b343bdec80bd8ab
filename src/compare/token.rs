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

/// Whether digits read so far are whole thousands groups (`10`, `1 000`),
/// so that a plain space and three more digits continue the number.
fn plain_groups(so_far: &str) -> bool {
    let mut groups = so_far.split([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a character joins the parts of a compound word.
fn is_inner_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2011}' | '\u{ad}')
}

/// Split a text into tokens. Whitespace separates tokens and is dropped.
///
/// Built on the crate's tokenizer ([`crate::text::token`]): each of its
/// tokens is cut finer (numbers apart from units and dashes, punctuation
/// one character at a time, `O'Neill` in three), and numbers whose groups
/// of three digits stand apart (`10 000`, `10\u{202f}000`) are joined again.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    for base in crate::text::token::split_tokens(text) {
        let first = out.len();
        cut(text, base.span, &mut out);
        if first > 0 && first < out.len() && joins_groups(text, &out[first - 1], &out[first]) {
            let next = out.remove(first);
            let prev = &mut out[first - 1];
            prev.end = next.end;
            prev.text = &text[prev.start..prev.end];
        }
    }
    out
}

/// Whether number `next` continues number `prev` as its next group of three
/// digits: one group space (or a plain space after whole groups) between
/// them, and exactly three digits before anything else.
fn joins_groups(text: &str, prev: &Token<'_>, next: &Token<'_>) -> bool {
    if prev.kind != TokenKind::Number || next.kind != TokenKind::Number {
        return false;
    }
    let gap = &text[prev.end..next.start];
    let mut gap_chars = gap.chars();
    let (Some(space), None) = (gap_chars.next(), gap_chars.next()) else {
        return false;
    };
    let spaced = is_group_space(space) || (space == ' ' && plain_groups(prev.text));
    let digits = next.text.bytes().take_while(u8::is_ascii_digit).count();
    spaced && digits == 3
}

/// Cut one token of the crate's tokenizer into the tokens of this module.
fn cut<'a>(text: &'a str, span: Range<usize>, out: &mut Vec<Token<'a>>) {
    let piece = &text[span.clone()];
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let end_of = |k: usize| span.start + chars.get(k).map_or(piece.len(), |&(b, _)| b);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let start = end_of(k);
        let kind;
        let mut j = k + 1;
        if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while j < chars.len() {
                let d = chars[j].1;
                let next_is_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || (matches!(d, '.' | ',') && next_is_digit) {
                    j += 1;
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
            texts("rund 10 000 Menschen"),
            ["rund", "10 000", "Menschen"]
        );
        assert_eq!(
            texts("im Jahr 2019 150 Menschen"),
            ["im", "Jahr", "2019", "150", "Menschen"]
        );
        assert_eq!(
            texts("1 000 000,5 und 12 3456"),
            ["1 000 000,5", "und", "12", "3456"]
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
