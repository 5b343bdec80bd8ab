//! Sanitising untrusted article text for display.
//!
//! Article text must never put control sequences on the terminal. The display
//! copy replaces every control character, bidi override and invalid byte with
//! spaces, byte for byte, so that offsets into the file stay valid; each
//! replacement is recorded so that the reader can show it visibly.

use std::ops::Range;

/// What a replaced byte range held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    /// Bytes that are not valid UTF-8.
    Invalid,
    /// A control character, or a formatting character that could reorder or
    /// hide text (bidi overrides and isolates).
    Control(char),
}

/// A byte range of the file that the display text shows replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The byte range.
    pub range: Range<usize>,
    /// What was there.
    pub what: Replacement,
}

impl Replaced {
    /// The visible stand-in the reader draws: `�` for invalid bytes, the
    /// Unicode control picture (`␛`, `␇`) for C0 controls, `¤` for others.
    pub fn symbol(&self) -> char {
        match self.what {
            Replacement::Invalid => '\u{FFFD}',
            Replacement::Control(c) if (c as u32) < 0x20 => {
                char::from_u32(0x2400 + c as u32).unwrap_or('¤')
            }
            Replacement::Control('\u{7f}') => '\u{2421}',
            Replacement::Control(_) => '¤',
        }
    }
}

/// Whether a character must not reach the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'              // LRM, RLM
            | '\u{202A}'..='\u{202E}'            // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'            // bidi isolates
            | '\u{061C}'                         // Arabic letter mark
            | '\u{2028}' | '\u{2029}'            // line and paragraph separators
            | '\u{FFF9}'..='\u{FFFB}'            // interlinear annotation
        )
}

/// Replace everything unsafe in `bytes`, keeping the length.
///
/// Line ends are kept as `\n`: a CR before LF becomes a space, a lone CR a
/// line break, and a tab a space. Everything else that is unsafe becomes
/// spaces and is recorded in the returned list.
pub fn sanitize(bytes: &[u8]) -> (String, Vec<Replaced>) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.bytes().any(|b| b < 0x20 || b == 0x7f || b >= 0xc2) {
            out.push_str(valid);
        } else {
            let vb = valid.as_bytes();
            for (i, c) in valid.char_indices() {
                let at = pos + i;
                match c {
                    '\n' => out.push('\n'),
                    '\t' => out.push(' '),
                    '\r' => {
                        let next_is_lf = vb.get(i + 1) == Some(&b'\n')
                            || (i + 1 == vb.len() && bytes.get(pos + i + 1) == Some(&b'\n'));
                        out.push(if next_is_lf { ' ' } else { '\n' });
                    }
                    c if is_unsafe(c) => {
                        let n = c.len_utf8();
                        out.extend(std::iter::repeat_n(' ', n));
                        replaced.push(Replaced {
                            range: at..at + n,
                            what: Replacement::Control(c),
                        });
                    }
                    c => out.push(c),
                }
            }
        }
        pos += valid.len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            out.extend(std::iter::repeat_n(' ', bad));
            match replaced.last_mut() {
                Some(r) if r.what == Replacement::Invalid && r.range.end == pos => {
                    r.range.end = pos + bad;
                }
                _ => replaced.push(Replaced {
                    range: pos..pos + bad,
                    what: Replacement::Invalid,
                }),
            }
            pos += bad;
        }
    }
    debug_assert_eq!(out.len(), bytes.len());
    (out, replaced)
}

/// Make any string safe to show: unsafe characters become visible stand-ins.
/// For short strings such as file names and titles, where offsets don't matter.
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('¤'),
            '\u{7f}' => '\u{2421}',
            c if is_unsafe(c) => '¤',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_length_and_replaces_escapes() {
        let raw = b"a\x1b[31mred\x07\r\nnext\rline\tend\xff\xfez";
        let (text, rep) = sanitize(raw);
        assert_eq!(text.len(), raw.len());
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(text, "a [31mred  \nnext\nline end  z");
        assert_eq!(rep[0].range, 1..2);
        assert_eq!(rep[0].symbol(), '␛');
        assert_eq!(rep[1].symbol(), '␇');
        assert_eq!(rep.last().unwrap().what, Replacement::Invalid);
        assert_eq!(rep.last().unwrap().range, 25..27);
    }

    #[test]
    fn replaces_c1_and_bidi_controls() {
        let raw = "x\u{9b}31m\u{202e}evil\u{2066}".as_bytes();
        let (text, rep) = sanitize(raw);
        assert_eq!(text.len(), raw.len());
        assert_eq!(rep.len(), 3);
        assert!(text.chars().all(|c| !is_unsafe(c) || c == '\n'));
    }

    #[test]
    fn umlauts_and_quotes_survive() {
        let raw = "Pjöngjang „epochemachend“ – ok".as_bytes();
        let (text, rep) = sanitize(raw);
        assert_eq!(text.as_bytes(), raw);
        assert!(rep.is_empty());
    }

    #[test]
    fn visible_shows_controls() {
        assert_eq!(visible("a\x1bb\u{202e}"), "a␛b¤");
    }
}
