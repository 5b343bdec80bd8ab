//! A sentence prepared for feature extraction: its tokens' hashes, lexicon
//! facts and gazetteer matches, and the features of each position.

use super::FeatureContext;
use super::facts::JointFacts;
use super::facts::{LexInfo, remembered_word_info};
use super::hash::TokenHashes;
use super::templates::{
    Neighbour, Offset, can_begin, initial_features, is_initial, joint_features, neighbour_features,
    own_features,
};

use super::super::tag::{Tag, spans};
use crate::entity::Kind;

/// A sentence's tokens prepared for feature extraction.
#[derive(Debug, Clone, Default)]
pub struct SentenceHashes {
    pub(super) hashes: Vec<TokenHashes>,
    pub(super) lex: Vec<LexInfo>,
}

/// Mark longest gazetteer matches over a sentence: for each start `i`, try
/// the longest phrase first (`max_words(i, word)` words at most); `found`
/// gives a value for a matching phrase of `len` words starting at `i`.
pub(super) fn mark_matches<S: AsRef<str>>(
    tokens: &[S],
    max_words: impl Fn(usize, &str) -> usize,
    found: impl Fn(usize, usize, &str) -> Option<u8>,
    buf: &mut String,
    mut set: impl FnMut(usize, u8, bool),
) {
    let mut i = 0;
    while i < tokens.len() {
        let w = tokens[i].as_ref();
        if !w.starts_with(|c: char| c.is_uppercase()) {
            i += 1;
            continue;
        }
        let n = max_words(i, w).clamp(1, 8).min(tokens.len() - i);
        let mut matched = 0;
        for len in (1..=n).rev() {
            let phrase = if len == 1 {
                w
            } else {
                buf.clear();
                for (k, t) in tokens[i..i + len].iter().enumerate() {
                    if k > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(t.as_ref());
                }
                buf.as_str()
            };
            if let Some(v) = found(i, len, phrase) {
                for k in 0..len {
                    set(i + k, v, k == 0);
                }
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
}

impl SentenceHashes {
    /// Hash every token of a sentence and look it up in the lexicon.
    pub fn new<S: AsRef<str>>(tokens: &[S], ctx: &FeatureContext) -> SentenceHashes {
        SentenceHashes::leaving_out(tokens, ctx, None)
    }

    /// Like [`SentenceHashes::new`], for a training sentence whose gold
    /// `tags` were counted in the gold-name list: its own names are taken out
    /// of the counts (leave-one-out), so that the tagger learns how far the
    /// list can be trusted for names it has not seen in training.
    pub fn leaving_out<S: AsRef<str>>(
        tokens: &[S],
        ctx: &FeatureContext,
        tags: Option<&[Tag]>,
    ) -> SentenceHashes {
        let lex = ctx.lexicon;
        let own: Vec<(String, Kind)> = match tags {
            Some(t) if ctx.gold_names => spans(t)
                .into_iter()
                .map(|(r, k)| {
                    let words: Vec<&str> = tokens[r].iter().map(|w| w.as_ref()).collect();
                    (words.join(" "), k)
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut buf = String::new();
        let mut infos: Vec<LexInfo> = tokens
            .iter()
            .map(|t| remembered_word_info(lex, t.as_ref(), &mut buf))
            .collect();
        let mut buf2 = String::new();
        mark_matches(
            tokens,
            |_, w| lex.max_place_words(w),
            |_, _, p| lex.place(p).map(|_| 1),
            &mut buf2,
            |i, _, first| infos[i].place_pos = if first { 1 } else { 2 },
        );
        if ctx.gold_names {
            mark_matches(
                tokens,
                |_, w| lex.max_gold_name_words(w),
                |_, _, p| {
                    let mut g = lex.gold_name(p, ctx.sources)?;
                    for (name, kind) in &own {
                        if name == p {
                            let c = match kind {
                                Kind::Person => &mut g.per,
                                Kind::Place => &mut g.loc,
                                _ => &mut g.org,
                            };
                            *c = c.saturating_sub(1);
                        }
                    }
                    let best = g.per.max(g.loc).max(g.org);
                    if best < super::super::lexicon::MIN_GOLD_COUNT {
                        return None;
                    }
                    Some(if best == g.per {
                        1
                    } else if best == g.loc {
                        2
                    } else {
                        3
                    })
                },
                &mut buf2,
                |i, v, first| infos[i].gold = if first { 4 } else { 8 } | v,
            );
        }
        SentenceHashes {
            hashes: tokens.iter().map(|t| TokenHashes::of(t.as_ref())).collect(),
            lex: infos,
        }
    }

    /// Whether token `i` may begin a mention: it must hold an upper-case
    /// letter or a digit (lower-case adjectives such as `deutschen` and
    /// punctuation never begin a name; the recognizer drops such mentions
    /// anyway, so the tagger is not allowed to spend a mention on them).
    pub fn can_begin(&self, i: usize) -> bool {
        self.hashes.get(i).is_some_and(|h| can_begin(h.class))
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the sentence is empty.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Whether token `i` stands at the start of the sentence, where capitals
    /// say little; an opening quote or dash at the start counts as part of
    /// the start.
    pub fn is_initial(&self, i: usize) -> bool {
        is_initial(i, self.hashes.first().map(|h| h.class))
    }

    /// What the token at `i` lends to the features of a token near it.
    pub(super) fn neighbour_at(&self, i: isize) -> Neighbour {
        self.at(
            i,
            Neighbour::BEFORE_START,
            Neighbour::PAST_END,
            Neighbour::of,
        )
    }

    /// Push the bucket indices (below `1 << bits`) of the features of token
    /// `i` onto `out`: its own, those of its neighbours
    /// ([`neighbour_features`]) and those that join it to its neighbours.
    pub fn features(&self, i: usize, bits: u32, out: &mut Vec<u32>) {
        own_features(&self.hashes[i], &self.lex[i], bits, out);
        initial_features(&self.hashes[i], &self.lex[i], self.is_initial(i), bits, out);
        let ii = i as isize;
        for offset in Offset::ALL {
            neighbour_features(offset, &self.neighbour_at(ii + offset.delta()), bits, out);
        }
        joint_features(
            &self.joint_at(ii - 1),
            &self.joint_at(ii),
            &self.joint_at(ii + 1),
            bits,
            out,
        );
    }

    /// The joint-feature facts of the token at `i`.
    pub(super) fn joint_at(&self, i: isize) -> JointFacts {
        self.at(
            i,
            JointFacts::BEFORE_START,
            JointFacts::PAST_END,
            JointFacts::of,
        )
    }

    /// `of` the token at `i`, or a stand-in before the start or past the end.
    pub(super) fn at<T>(
        &self,
        i: isize,
        before: T,
        after: T,
        of: impl Fn(&TokenHashes, &LexInfo) -> T,
    ) -> T {
        match usize::try_from(i) {
            Err(_) => before,
            Ok(i) if i >= self.hashes.len() => after,
            Ok(i) => of(&self.hashes[i], &self.lex[i]),
        }
    }
}
