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
            | '\u{E0000}'..='\u{E007F}'          // tags: invisible, can smuggle text
        )
}

/// Whether a byte can start an unsafe character: C0 controls and DEL, and the
/// lead bytes of C1 controls (`C2`), U+061C (`D8`), U+200E–U+2069 (`E2`),
/// U+FFF9–U+FFFB (`EF`) and the tags U+E0000–U+E007F (`F3`). Umlauts (`C3`)
/// and most other text are skipped.
fn may_start_unsafe(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef | 0xf3)
}

/// Replace everything unsafe in `bytes`, keeping the length.
///
/// Line ends are kept as `\n`: a CR before LF becomes a space, a lone CR a
/// line break, and a tab a space. Everything else that is unsafe becomes
/// spaces and is recorded in the returned list.
pub fn sanitize(bytes: &[u8]) -> (String, Vec<Replaced>) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = Vec::new();
    // Most files are valid UTF-8: checked at once, they are one run.
    if let Ok(valid) = std::str::from_utf8(bytes) {
        copy_safe(valid, bytes, 0, &mut out, &mut replaced);
        return (out, replaced);
    }
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        copy_safe(valid, bytes, pos, &mut out, &mut replaced);
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

/// Append the valid text `valid`, found at byte `pos` of `bytes`, to `out`
/// with its unsafe characters replaced (recorded in `replaced`).
fn copy_safe(
    valid: &str,
    bytes: &[u8],
    pos: usize,
    out: &mut String,
    replaced: &mut Vec<Replaced>,
) {
    let vb = valid.as_bytes();
    // Copy runs of safe text whole; stop only at bytes that can start an
    // unsafe character (see `may_start_unsafe`).
    let mut run = 0;
    let mut i = 0;
    while i < vb.len() {
        i = skip_safe_words(vb, i);
        if i >= vb.len() {
            break;
        }
        if !may_start_unsafe(vb[i]) {
            i += 1;
            continue;
        }
        let Some(c) = valid[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        let stand_in = match c {
            '\n' => None,
            '\t' => Some(" "),
            '\r' => {
                let next_is_lf = vb.get(i + 1) == Some(&b'\n')
                    || (i + 1 == vb.len() && bytes.get(pos + i + 1) == Some(&b'\n'));
                Some(if next_is_lf { " " } else { "\n" })
            }
            c if is_unsafe(c) => {
                replaced.push(Replaced {
                    range: pos + i..pos + i + n,
                    what: Replacement::Control(c),
                });
                Some("")
            }
            _ => None,
        };
        if let Some(stand_in) = stand_in {
            out.push_str(&valid[run..i]);
            if stand_in.is_empty() {
                out.extend(std::iter::repeat_n(' ', n));
            } else {
                out.push_str(stand_in);
            }
            run = i + n;
        }
        i += n;
    }
    out.push_str(&valid[run..]);
}

/// The first index from `i` on whose 8-byte word may hold a byte that
/// [`may_start_unsafe`]: words of printable ASCII (`0x20..0x7f`), most of
/// any text, are skipped whole. The index stays on the word boundary it
/// stopped at, so the caller checks the word byte by byte.
fn skip_safe_words(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w);
        // A byte below 0x20, or one of 0x7f and above (adding one sets the
        // high bit of 0x7f; the bytes above have it already).
        let low = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let high = (x.wrapping_add(ONES) | x) & HIGH;
        if low | high != 0 {
            break;
        }
        i += 8;
    }
    i
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

/// Make a text of several lines safe to print to a terminal: as
/// [`visible`], but line breaks are kept. Every human-readable text dossier
/// prints (reports on stdout, messages on stderr) goes through this, because
/// document ids, file names, entity names and titles come from the files.
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sanitising character by character, with no fast paths: what
    /// [`sanitize`] must give for any bytes.
    fn sanitize_char_by_char(bytes: &[u8]) -> (String, Vec<Replaced>) {
        let mut out = String::new();
        let mut replaced: Vec<Replaced> = Vec::new();
        let mut pos = 0;
        for chunk in bytes.utf8_chunks() {
            for (i, c) in chunk.valid().char_indices() {
                let at = pos + i;
                match c {
                    '\t' => out.push(' '),
                    '\r' if bytes.get(at + 1) == Some(&b'\n') => out.push(' '),
                    '\r' => out.push('\n'),
                    '\n' => out.push('\n'),
                    c if is_unsafe(c) => {
                        out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                        replaced.push(Replaced {
                            range: at..at + c.len_utf8(),
                            what: Replacement::Control(c),
                        });
                    }
                    c => out.push(c),
                }
            }
            pos += chunk.valid().len();
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
        (out, replaced)
    }

    #[test]
    fn word_at_a_time_scanning_replaces_what_a_char_by_char_pass_does() {
        // Pieces that are safe, unsafe, or start like unsafe characters
        // (umlauts, dashes, quotes, a BOM), valid or broken, joined at
        // random so that they fall on every position of an 8-byte word.
        let pieces: &[&[u8]] = &[
            b"Wort",
            b" ",
            b"abcdefgh",
            b"\n",
            b"\r\n",
            b"\r",
            b"\t",
            b"\x1b[31m",
            b"\x07",
            b"\x7f",
            "ä".as_bytes(),
            "–".as_bytes(),
            "„“".as_bytes(),
            "\u{85}".as_bytes(),
            "\u{200E}".as_bytes(),
            "\u{2066}".as_bytes(),
            "\u{FEFF}".as_bytes(),
            "\u{FFFB}".as_bytes(),
            "\u{E0041}".as_bytes(),
            "\u{61C}".as_bytes(),
            b"\xff",
            b"\xe2\x80",
            b"\xc3",
            b"\xf3\xa0",
            b"~}",
            b"0123456789",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut unsafe_found = 0;
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                let pick = (seed.rotate_left(k as u32 * 5) % pieces.len() as u64) as usize;
                bytes.extend_from_slice(pieces[pick]);
            }
            let (text, rep) = sanitize(&bytes);
            let (want_text, want_rep) = sanitize_char_by_char(&bytes);
            assert_eq!(text, want_text, "{bytes:?}");
            assert_eq!(rep, want_rep, "{bytes:?}");
            assert_eq!(text.len(), bytes.len());
            unsafe_found += rep.len();
        }
        assert!(
            unsafe_found > 1000,
            "the inputs must hold unsafe characters"
        );
        // Long safe runs with one unsafe byte at every offset.
        for at in 0..40 {
            let mut bytes = vec![b'x'; 40];
            bytes[at] = 0x1b;
            let (text, rep) = sanitize(&bytes);
            assert_eq!(rep.len(), 1, "escape at {at}");
            assert_eq!(rep[0].range, at..at + 1);
            assert_eq!(text.as_bytes()[at], b' ');
        }
    }

    #[test]
    fn tags_and_escapes_are_shown_not_passed() {
        // U+E0041 TAG LATIN CAPITAL LETTER A: invisible, but a terminal or a
        // language model reading the output would take it in.
        let s = "id\u{1b}]52;c;eA==\u{7}x\u{E0041}\u{E007F}\nnext\u{9b}";
        let v = visible_lines(s);
        assert_eq!(v, "id␛]52;c;eA==␇x¤¤\nnext¤");
        let (text, rep) = sanitize("a\u{E0041}b".as_bytes());
        assert_eq!(text, "a    b");
        assert_eq!(rep[0].what, Replacement::Control('\u{E0041}'));
    }

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
    fn every_unsafe_character_is_replaced_among_safe_ones() {
        let unsafe_chars: Vec<char> = (0..0x110000)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(unsafe_chars.len() > 60);
        for c in unsafe_chars {
            let raw = format!("Grüße{c}–„x“\u{202f}é{c}");
            let (text, rep) = sanitize(raw.as_bytes());
            assert_eq!(text.len(), raw.len());
            assert_eq!(rep.len(), 2, "{c:?}");
            assert!(
                text.starts_with("Grüße ") && text.contains("–„x“\u{202f}é"),
                "{c:?}"
            );
            assert_eq!(rep[0].range.start, "Grüße".len());
        }
    }

    #[test]
    fn visible_shows_controls() {
        assert_eq!(visible("a\x1bb\u{202e}"), "a␛b¤");
    }
}
