//! Pairing quotation marks: every German and English style (`„…“`, `„…”`,
//! `»…«`, `«…»`, `‚…‘`, `‹…›`, `"…"`, `“…”`), nested, and across
//! paragraphs when a quotation runs on and the next paragraph opens with
//! the same mark (the typographic convention for long quotations).
//!
//! Apostrophes (`Strauss'`, `geht’s`) are told from closing single marks
//! by what follows them. Marks left unclosed at the end of a paragraph
//! that does not continue the quotation are dropped.

use std::ops::Range;

/// The style of a quotation-mark pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `„…“` or `„…”`.
    Low,
    /// `»…«`.
    Guillemets,
    /// `«…»`.
    ReverseGuillemets,
    /// `‚…‘`, `‹…›`, `›…‹` and English `‘…’`: single marks.
    Single,
    /// `"…"`.
    Straight,
    /// `“…”` (English).
    English,
}

/// A pair of quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Byte range of the opening mark.
    pub open: Range<usize>,
    /// Byte range of the closing mark.
    pub close: Range<usize>,
    /// Its style.
    pub style: Style,
}

impl Pair {
    /// The quotation with its marks.
    pub fn span(&self) -> Range<usize> {
        self.open.start..self.close.end
    }

    /// The text between the marks.
    pub fn inner(&self) -> Range<usize> {
        self.open.end..self.close.start
    }
}

/// What a character can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open(Style),
    Close(Style),
    /// `«`, `»`, `‹`, `›`: opens or closes, depending on what is open.
    Guillemet(Style, bool),
    /// `"`: opens or closes.
    Straight,
    /// `“`: closes `„`, or opens an English quotation.
    LeftDouble,
    /// `‘`: closes `‚`, or opens an English single quotation.
    LeftSingle,
    /// `’`: closes a single quotation, unless it is an apostrophe.
    RightSingle,
}

fn role(c: char) -> Option<Role> {
    Some(match c {
        '„' => Role::Open(Style::Low),
        '‚' => Role::Open(Style::Single),
        '“' => Role::LeftDouble,
        '”' => Role::Close(Style::English),
        '»' => Role::Guillemet(Style::Guillemets, true),
        '«' => Role::Guillemet(Style::ReverseGuillemets, false),
        '›' => Role::Guillemet(Style::Single, true),
        '‹' => Role::Guillemet(Style::Single, false),
        '"' => Role::Straight,
        '‘' => Role::LeftSingle,
        '’' => Role::RightSingle,
        _ => return None,
    })
}

/// An open mark waiting for its partner.
#[derive(Debug, Clone)]
struct Open {
    at: Range<usize>,
    style: Style,
    /// For guillemets: whether the opening mark pointed right (`»`).
    right: bool,
}

/// Find the quotation-mark pairs of a text, in order of their opening mark.
pub fn pairs(text: &str) -> Vec<Pair> {
    let mut p = Pairing::default();
    let bytes = text.as_bytes();
    let mut from = 0;
    // Only line breaks and marks matter: each begins with one of these
    // bytes (the marks are `"`, U+00AB/U+00BB and U+2018–U+203A), which in
    // UTF-8 only ever begin a character; the bytes between are skipped.
    while let Some(skip) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'\n' | b'"' | 0xC2 | 0xE2))
    {
        let i = from + skip;
        let c = text[i..].chars().next().unwrap_or('\n');
        from = i + c.len_utf8();
        if c == '\n' {
            p.line_break(&text[from..], from);
        } else if let Some(r) = role(c) {
            let prev = text[..i].chars().next_back();
            let next = text[from..].chars().next();
            p.mark(i..from, r, prev, next);
        }
    }
    p.out.sort_by_key(|p| p.open.start);
    p.out
}

/// The state of [`pairs`] as it walks the text: the pairs found, the open
/// marks, and an opening mark to pass over.
#[derive(Default)]
struct Pairing {
    /// The pairs closed so far.
    out: Vec<Pair>,
    /// The marks still open, innermost last.
    stack: Vec<Open>,
    /// The opening mark at this offset continues a quotation across a
    /// paragraph break and must not open a new one.
    skip_open: Option<usize>,
}

impl Pairing {
    /// At a line break, with `rest` the text after it (starting at byte
    /// `at`): the innermost open quotation runs on when the next non-empty
    /// line opens with its mark again, and every other open mark is
    /// dropped.
    fn line_break(&mut self, rest: &str, at: usize) {
        if self.stack.is_empty() {
            return;
        }
        // The first character of the next non-empty line.
        let lead = rest.len() - rest.trim_start().len();
        let first = rest.trim_start().chars().next();
        let continues = first.and_then(role).is_some_and(|r| {
            self.stack.last().is_some_and(|o| match r {
                Role::Open(s) => s == o.style,
                Role::Guillemet(s, right) => s == o.style || right == o.right,
                Role::Straight => o.style == Style::Straight,
                Role::LeftDouble => o.style == Style::English,
                _ => false,
            })
        });
        if continues {
            self.skip_open = Some(at + lead);
            // Only the innermost quotation runs on.
            let keep = self.stack.pop();
            self.stack.clear();
            self.stack.extend(keep);
        } else {
            self.stack.clear();
        }
    }

    /// A quotation mark of role `r` at byte range `at`, between the
    /// characters `prev` and `next`: it opens a quotation, closes one, or
    /// is passed over (an apostrophe, a stray mark, the continuation of a
    /// quotation across a paragraph).
    fn mark(&mut self, at: Range<usize>, r: Role, prev: Option<char>, next: Option<char>) {
        if self.skip_open == Some(at.start) {
            self.skip_open = None;
            return;
        }
        let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{–—-/".contains(p));
        let word_after = next.is_some_and(|n| n.is_alphanumeric() || "„‚»«\"'…([".contains(n));
        let word_before = prev.is_some_and(|p| !p.is_whitespace());
        match r {
            Role::Open(style) => self.open(at, style, false),
            Role::Close(_) => {
                if let Some(pos) =
                    self.innermost(|o| matches!(o.style, Style::Low | Style::English))
                {
                    self.close(pos, at);
                }
            }
            Role::LeftDouble => {
                if let Some(pos) = self.innermost(|o| o.style == Style::Low) {
                    self.close(pos, at);
                } else if let Some(pos) = self.innermost(|o| o.style == Style::English)
                    && word_before
                {
                    self.close(pos, at);
                } else if space_before && word_after {
                    self.open(at, Style::English, false);
                }
            }
            Role::Guillemet(style, right) => {
                // Closes an open guillemet pointing the other way.
                let pos = self.innermost(|o| {
                    matches!(o.style, Style::Guillemets | Style::ReverseGuillemets)
                        == matches!(style, Style::Guillemets | Style::ReverseGuillemets)
                        && o.right != right
                        && (o.style == Style::Single) == (style == Style::Single)
                });
                match pos {
                    Some(pos) if word_before || !word_after => self.close(pos, at),
                    _ => self.open(at, style, right),
                }
            }
            Role::Straight => {
                let pos = self.innermost(|o| o.style == Style::Straight);
                match pos {
                    Some(pos) if word_before || !word_after => self.close(pos, at),
                    None if word_after => self.open(at, Style::Straight, false),
                    _ => {}
                }
            }
            Role::LeftSingle => {
                if let Some(pos) = self.innermost(|o| o.style == Style::Single) {
                    self.close(pos, at);
                } else if space_before && word_after {
                    self.open(at, Style::Single, false);
                }
            }
            Role::RightSingle => {
                let apostrophe = word_before && next.is_some_and(char::is_alphabetic);
                if !apostrophe && let Some(pos) = self.innermost(|o| o.style == Style::Single) {
                    self.close(pos, at);
                }
            }
        }
    }

    /// The position in the stack of the innermost open mark that `f` accepts.
    fn innermost(&self, f: impl Fn(&Open) -> bool) -> Option<usize> {
        self.stack.iter().rposition(f)
    }

    /// Open a quotation with the mark at `at`.
    fn open(&mut self, at: Range<usize>, style: Style, right: bool) {
        self.stack.push(Open { at, style, right });
    }

    /// Close the open mark at stack position `pos` with the mark at `at`;
    /// the marks opened inside it are dropped.
    fn close(&mut self, pos: usize, at: Range<usize>) {
        let o = self.stack.remove(pos);
        self.stack.truncate(pos);
        self.out.push(Pair {
            open: o.at,
            close: at,
            style: o.style,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`pairs`] as it was written first, one character at a time: the
    /// oracle of the byte-skipping walk.
    fn pairs_by_chars(text: &str) -> Vec<Pair> {
        let mut p = Pairing::default();
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            if c == '\n' {
                p.line_break(&text[i + 1..], i + 1);
            } else if let Some(r) = role(c) {
                p.mark(i..i + c.len_utf8(), r, prev, next);
            }
            prev = Some(c);
        }
        p.out.sort_by_key(|p| p.open.start);
        p.out
    }

    #[test]
    fn skipping_to_the_marks_pairs_as_walking_every_character() {
        // Random texts of marks, letters (some sharing the marks' lead
        // bytes: § and the no-break space, ≠, €), spaces, punctuation and
        // line breaks.
        let alphabet: Vec<char> = "„“”»«›‹\"‘’‚'aBöß €≠§\u{a0}.,:-–\n\n (".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut tested = 0;
        for len in 0..60 {
            for _ in 0..300 {
                let text: String = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                assert_eq!(pairs(&text), pairs_by_chars(&text), "{text:?}");
                tested += usize::from(!pairs(&text).is_empty());
            }
        }
        assert!(tested > 1000, "most texts hold pairs: {tested}");
    }

    fn quoted(text: &str) -> Vec<&str> {
        pairs(text).iter().map(|p| &text[p.span()]).collect()
    }

    #[test]
    fn every_style() {
        assert_eq!(quoted("Er sagte: „Ja.“ Gut."), ["„Ja.“"]);
        assert_eq!(quoted("Er sagte: „Ja.” Gut."), ["„Ja.”"]);
        assert_eq!(quoted("Er sagte: »Ja.« Gut."), ["»Ja.«"]);
        assert_eq!(quoted("Er sagte: «Ja.» Gut."), ["«Ja.»"]);
        assert_eq!(quoted("Er sagte: ‚Ja.‘ Gut."), ["‚Ja.‘"]);
        assert_eq!(quoted("Er sagte: \"Ja.\" Gut."), ["\"Ja.\""]);
        assert_eq!(quoted("He said “yes” today."), ["“yes”"]);
    }

    #[test]
    fn nesting_and_apostrophes() {
        assert_eq!(
            quoted("„Wir sagen ‚nein‘ dazu“, sagte er."),
            ["„Wir sagen ‚nein‘ dazu“", "‚nein‘"]
        );
        assert_eq!(
            quoted("„Geht’s gut?“, fragte Strauss’ Frau."),
            ["„Geht’s gut?“"]
        );
    }

    #[test]
    fn across_paragraphs_only_when_the_next_opens_again() {
        let t = "„Erster Absatz.\n\n„Zweiter Absatz.“ Ende.";
        assert_eq!(quoted(t), [t.strip_suffix(" Ende.").unwrap()]);
        let t = "„Nie geschlossen.\n\nNeuer Absatz „mit Zitat“.";
        assert_eq!(quoted(t), ["„mit Zitat“"]);
    }
}
