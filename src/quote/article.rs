//! One article as quotation analysis sees it: its tokens (from the crate's
//! tokenizer), the recognised mention over each token, the direct quotations
//! found in it, and its *outer* sentences, in which a quotation in marks is
//! one opaque unit (the tokenizer's sentences may end inside a quotation;
//! these never do).

use super::words::{Class, Words};
use crate::entity::Recognized;
use crate::text::token::tokenize;
use std::ops::Range;

/// A token's Konjunktiv class, as [`Article::is_konjunktiv`] keeps it:
/// neither, a Konjunktiv I form, a Konjunktiv II form only.
const KONJ_NONE: u8 = 1;
const KONJ_1: u8 = 2;
const KONJ_2: u8 = 3;

/// Tokens and sentences of one article.
pub(crate) struct Article<'a> {
    /// The article text.
    pub text: &'a str,
    /// Token byte spans.
    pub toks: Vec<Range<usize>>,
    /// Whether a line break precedes each token.
    pub newline: Vec<bool>,
    /// The tokenizer's sentences (token ranges).
    pub raw_sentences: Vec<Range<usize>>,
    /// Outer sentences (token ranges), set by [`Article::set_quotes`].
    pub sentences: Vec<Range<usize>>,
    /// Per token: 1 + the index of the direct quotation containing it
    /// (marks included), or 0.
    pub quote_of: Vec<u32>,
    /// Per token: 1 + the index of the recognised mention covering it, or 0.
    pub mention_of: Vec<u32>,
    /// The recognised mentions, sorted by start.
    pub mentions: Vec<Recognized>,
    /// The word lists.
    pub words: &'static Words,
    /// The person mentions with the gender they show, worked out once
    /// (see `attribute::person_genders`).
    pub person_genders: std::cell::OnceCell<Vec<(Range<usize>, Option<bool>)>>,
    /// Per token, its Konjunktiv class once looked up (`KONJ_…`; 0: not
    /// yet): the question is asked of most tokens more than once.
    konj: Vec<std::cell::Cell<u8>>,
}

impl<'a> Article<'a> {
    /// Tokenize an article and place its mentions on the tokens.
    pub fn new(text: &'a str, mentions: &[Recognized]) -> Article<'a> {
        let t = tokenize(text);
        let toks: Vec<Range<usize>> = t.tokens.iter().map(|k| k.span.clone()).collect();
        let newline = t.tokens.iter().map(|k| k.newline_before).collect();
        let mut mentions: Vec<Recognized> = mentions
            .iter()
            .filter(|m| m.span.end <= text.len() && m.span.start < m.span.end)
            .cloned()
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let mut mention_of = vec![0u32; toks.len()];
        for (mi, m) in mentions.iter().enumerate() {
            for slot in &mut mention_of[tokens_of(&toks, &m.span)] {
                if *slot == 0 {
                    *slot = mi as u32 + 1;
                }
            }
        }
        let toks_len = toks.len();
        Article {
            text,
            quote_of: vec![0; toks.len()],
            sentences: t.sentences.clone(),
            raw_sentences: t.sentences,
            toks,
            newline,
            mention_of,
            mentions,
            words: Words::get(),
            person_genders: std::cell::OnceCell::new(),
            konj: vec![std::cell::Cell::new(0); toks_len],
        }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text of token `i` ("" past the end).
    pub fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |s| &self.text[s.clone()])
    }

    /// The index of the token starting at byte `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|s| s.start < at);
        (self.toks.get(i)?.start == at).then_some(i)
    }

    /// Byte range of the tokens `r` (empty ranges give an empty span).
    pub fn bytes(&self, r: Range<usize>) -> Range<usize> {
        if r.start >= r.end {
            let at = self.toks.get(r.start).map_or(self.text.len(), |s| s.start);
            return at..at;
        }
        self.toks[r.start].start..self.toks[r.end - 1].end
    }

    /// The closed class of token `i`.
    pub fn class(&self, i: usize) -> Option<Class> {
        self.words.class(self.w(i))
    }

    /// Whether token `i` starts with an upper-case letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.w(i).starts_with(char::is_uppercase)
    }

    /// Whether token `i` is a word (starts with a letter or digit).
    pub fn is_word(&self, i: usize) -> bool {
        self.w(i).starts_with(char::is_alphanumeric)
    }

    /// Whether token `i` is punctuation that ends a sentence.
    pub fn is_full_stop(&self, i: usize) -> bool {
        matches!(
            self.w(i),
            "." | "!" | "?" | "…" | "..." | "?!" | "!!" | "??"
        )
    }

    /// The tokens that a mention covers, in part or whole.
    pub fn mention_tokens(&self, m: &Recognized) -> Range<usize> {
        tokens_of(&self.toks, &m.span)
    }

    /// The recognised mention covering token `i`.
    pub fn mention(&self, i: usize) -> Option<&Recognized> {
        let m = *self.mention_of.get(i)?;
        (m > 0).then(|| &self.mentions[m as usize - 1])
    }

    /// Whether token `i` lies inside a direct quotation (marks included).
    pub fn in_quote(&self, i: usize) -> bool {
        self.quote_of.get(i).is_some_and(|&q| q > 0)
    }

    /// Whether token `i` is a Konjunktiv form outside quotation marks
    /// (`sei`, `habe`; not `ich habe`). `strict` leaves out the Konjunktiv II.
    pub fn is_konjunktiv(&self, i: usize, strict: bool) -> bool {
        let known = self.konj.get(i).map_or(0, std::cell::Cell::get);
        let konj = if known != 0 {
            known
        } else {
            let w = self.w(i);
            let found = if self.words.is_konj1(w) {
                KONJ_1
            } else if self.words.is_konj2(w) {
                KONJ_2
            } else {
                KONJ_NONE
            };
            if let Some(c) = self.konj.get(i) {
                c.set(found);
            }
            found
        };
        match konj {
            KONJ_1 => {
                let prev = if i > 0 { self.w(i - 1) } else { "" };
                !matches!(prev, "ich" | "Ich")
            }
            KONJ_2 => !strict,
            _ => false,
        }
    }

    /// Record the direct quotations (token ranges, marks included) and cut
    /// the outer sentences: a boundary inside a quotation is removed, and
    /// one is set after a quotation that ends a sentence.
    pub fn set_quotes(&mut self, quotes: &[Range<usize>]) {
        for (qi, q) in quotes.iter().enumerate() {
            for t in q.clone() {
                if self.quote_of[t] == 0 {
                    self.quote_of[t] = qi as u32 + 1;
                }
            }
        }
        let n = self.toks.len();
        let mut starts = vec![false; n + 1];
        for s in &self.raw_sentences {
            starts[s.start] = true;
        }
        for q in quotes {
            for s in starts.iter_mut().take(q.end.min(n)).skip(q.start + 1) {
                *s = false;
            }
            // After the closing mark: a new sentence when the quotation ended
            // with a full stop and what follows starts like a sentence.
            let c = q.end;
            if c < n {
                let ended = q.end >= 2 && self.is_full_stop(q.end - 2);
                let next = self.w(c);
                let starts_sentence = self.newline[c]
                    || next.starts_with(char::is_uppercase)
                    || next.starts_with('„');
                starts[c] = (ended && starts_sentence) || self.newline[c];
                if !ended && starts[c] && !self.newline[c] {
                    // "„…“ Er sagte" without a full stop: keep the boundary
                    // only at a line break.
                    starts[c] = false;
                }
            }
        }
        starts[0] = true;
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &s) in starts.iter().enumerate().take(n).skip(1) {
            if s {
                out.push(start..i);
                start = i;
            }
        }
        if n > 0 {
            out.push(start..n);
        }
        self.sentences = out;
    }

    /// Index of the outer sentence containing token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= i)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Whether a paragraph break (blank line) lies before token `i`.
    pub fn paragraph_before(&self, i: usize) -> bool {
        if i == 0 || !self.newline[i] {
            return i == 0;
        }
        let between = &self.text[self.toks[i - 1].end..self.toks[i].start];
        between.matches('\n').count() >= 2
    }
}

/// The tokens (of `toks`, in text order) that overlap the byte range `span`.
fn tokens_of(toks: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    let first = toks.partition_point(|s| s.end <= span.start);
    let end = toks.partition_point(|s| s.start < span.end);
    first..end.max(first)
}
