//! What the lexicon says about a word, reduced to small values, and the
//! facts of words and sentences that tagging keeps once the per-word sums
//! are made; remembered per thread.

use super::super::lexicon::Lexicon;
use super::hash::{ShapeClass, TokenHashes};
use super::sentence::mark_matches;
use super::templates::{
    Neighbour, PAD_AFTER, PAD_BEFORE, can_begin, initial_features, is_initial, joint_features,
    own_features,
};
use rustc_hash::FxHashMap;

/// What the lexicon says about one token, reduced to small values.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LexInfo {
    /// Brown cluster + 1 (0: none) of the exact form.
    pub(super) cluster: u32,
    /// Brown cluster + 1 of the lowercase form, for capitalised words.
    pub(super) lower_cluster: u32,
    /// Word flags.
    pub(super) flags: u16,
    /// Log-probability bucket / 4, 255 if unknown.
    pub(super) logp: u8,
    /// Place flags of the single word (inflected forms too), bit 7: inflected.
    pub(super) place: u8,
    /// Place gazetteer match position: 0 none, 1 begin, 2 inside.
    pub(super) place_pos: u8,
    /// Gold-name match: position (1 begin, 2 inside) × 4 + majority kind.
    pub(super) gold: u8,
    /// Flags and place bits of the first part of a hyphenated compound.
    pub(super) first_part: u32,
    /// Brown cluster + 1 of the last part of a hyphenated compound.
    pub(super) last_part_cluster: u32,
}

pub(super) fn word_info(lex: &Lexicon, w: &str, buf: &mut String) -> LexInfo {
    let info = lex.word(w);
    let mut out = LexInfo {
        cluster: info.cluster.map_or(0, |c| c + 1),
        flags: info.flags.0,
        logp: info.logprob_bucket.map_or(255, |b| b / 4),
        ..LexInfo::default()
    };
    let mut cs = w.chars();
    if let Some(c) = cs.next()
        && c.is_uppercase()
    {
        buf.clear();
        buf.extend(c.to_lowercase());
        buf.push_str(cs.as_str());
        out.lower_cluster = lex.word(buf).cluster.map_or(0, |c| c + 1);
        if let Some((p, matched)) = lex.place_inflected(w) {
            out.place = p.flags.0 | if matched.len() != w.len() { 0x80 } else { 0 };
        }
        if let Some((first, last)) = w.split_once('-') {
            let fi = lex.word(first);
            let fp = lex.place(first).map_or(0, |p| p.flags.0);
            out.first_part = u32::from(fi.flags.0) << 8 | u32::from(fp);
            let last = last.rsplit('-').next().unwrap_or(last);
            out.last_part_cluster = lex.word(last).cluster.map_or(0, |c| c + 1);
        }
    }
    out
}

/// Most distinct words one thread remembers before it starts over (about
/// 20 MB per thread when full).
pub(super) const MEMO_CAPACITY: usize = 1 << 18;

/// Per thread: the lexicon the memo was filled from ([`Lexicon::serial`]),
/// and [`word_info`] of the words seen recently.
pub(super) type WordMemo = (u64, FxHashMap<Box<str>, LexInfo>);

thread_local! {
    static WORD_MEMO: std::cell::RefCell<WordMemo> =
        std::cell::RefCell::new((0, FxHashMap::default()));
}

/// Let go of this thread's memo of [`remembered_word_info`] (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_word_memo() {
    WORD_MEMO.with_borrow_mut(|m| *m = (0, FxHashMap::default()));
}

/// [`word_info`], remembered per thread. Words recur within and across
/// articles, and each costs one to a dozen lookups in tables far larger than
/// the processor's caches; a small memo of the recent ones stays in cache.
/// The result is the same either way.
pub(super) fn remembered_word_info(lex: &Lexicon, w: &str, buf: &mut String) -> LexInfo {
    WORD_MEMO.with_borrow_mut(|(owner, memo)| {
        let id = lex.serial();
        if *owner != id || memo.len() >= MEMO_CAPACITY {
            memo.clear();
            *owner = id;
        }
        if let Some(info) = memo.get(w) {
            return *info;
        }
        let info = word_info(lex, w, buf);
        memo.insert(w.into(), info);
        info
    })
}

/// Everything about one word that its features need, wherever it stands: its
/// hashes and what the lexicon says about it. Tagging works out the sums of
/// a word's own and neighbour features from this once per word (see
/// `word_scores`) and keeps only [`WordFacts`].
#[derive(Debug, Clone, Copy)]
pub struct WordFeatures {
    pub(super) hashes: TokenHashes,
    pub(super) lex: LexInfo,
}

impl WordFeatures {
    /// Hash `w` and look it up in `lex` (`buf` is scratch space).
    pub fn of(lex: &Lexicon, w: &str, buf: &mut String) -> WordFeatures {
        WordFeatures {
            hashes: TokenHashes::of(w),
            lex: word_info(lex, w, buf),
        }
    }

    /// What the word lends to the features of the tokens near it.
    pub fn neighbour(&self) -> Neighbour {
        Neighbour::of(&self.hashes, &self.lex)
    }

    /// Push the features the word has on its own, wherever it stands (see
    /// [`SentenceHashes::features`]).
    pub fn own_features(&self, bits: u32, out: &mut Vec<u32>) {
        own_features(&self.hashes, &self.lex, bits, out);
    }

    /// Push the features of the word that depend on whether it stands at the
    /// start of a sentence.
    pub fn initial_features(&self, initial: bool, bits: u32, out: &mut Vec<u32>) {
        initial_features(&self.hashes, &self.lex, initial, bits, out);
    }

    /// What a sentence needs of the word once its own and neighbour
    /// features are summed: the parts of the joint features, and how place
    /// names may start with it (`lex` must be the one it came from).
    pub fn facts(&self, lex: &Lexicon, w: &str) -> WordFacts {
        let capitalised = w.starts_with(|c: char| c.is_uppercase());
        WordFacts {
            joint: JointFacts::of(&self.hashes, &self.lex),
            place_words: if capitalised {
                lex.max_place_words(w).clamp(1, 8) as u8
            } else {
                0
            },
            is_place: capitalised && lex.place(w).is_some(),
        }
    }
}

/// What the features that join a token to its neighbours need of each token
/// ([`SentenceFacts::joint_features`]).
#[derive(Debug, Clone, Copy)]
pub struct JointFacts {
    pub(super) lower: u64,
    pub(super) shape: u64,
    /// Lowercase suffix of 3 characters, 0 if the word is shorter.
    pub(super) suffix3: u64,
    pub(super) class: ShapeClass,
    /// Place gazetteer match position in the sentence: 0 none, 1 begin, 2
    /// inside.
    pub(super) place_pos: u8,
    /// Gold-name match (see `LexInfo::gold`).
    pub(super) gold: u8,
}

impl JointFacts {
    pub(super) fn of(h: &TokenHashes, lx: &LexInfo) -> JointFacts {
        JointFacts {
            lower: h.lower,
            shape: h.shape,
            suffix3: h.suffix[2],
            class: h.class,
            place_pos: lx.place_pos,
            gold: lx.gold,
        }
    }

    /// The stand-in for positions before the start of a sentence.
    pub(super) const BEFORE_START: JointFacts = JointFacts {
        lower: PAD_BEFORE,
        shape: PAD_BEFORE,
        suffix3: PAD_BEFORE,
        class: ShapeClass::Punct,
        place_pos: 0,
        gold: 0,
    };

    /// The stand-in for positions past the end of a sentence.
    pub(super) const PAST_END: JointFacts = JointFacts {
        lower: PAD_AFTER,
        shape: PAD_AFTER,
        suffix3: PAD_AFTER,
        class: ShapeClass::Punct,
        place_pos: 0,
        gold: 0,
    };
}

/// The facts of one word that a sentence needs after the word's own and
/// neighbour features are summed (see [`WordFeatures::facts`]).
#[derive(Debug, Clone, Copy)]
pub struct WordFacts {
    pub(super) joint: JointFacts,
    /// Capitalised words: the most words of a place name starting with the
    /// word, at least 1; 0 for other words.
    pub(super) place_words: u8,
    /// Whether the word alone is a place name.
    pub(super) is_place: bool,
}

/// A sentence as [`WordFacts`] of its words and their place-name matches:
/// what tagging with summed word scores needs (see `word_scores`); the same
/// joint features as [`SentenceHashes`] without the gold-name list.
#[derive(Debug, Clone, Default)]
pub struct SentenceFacts {
    pub(super) tokens: Vec<JointFacts>,
}

impl SentenceFacts {
    /// Make this the sentence `tokens`, whose words' facts are `facts(i)`
    /// (from the lexicon `lex`), reusing the buffers.
    pub fn fill<'f, S: AsRef<str>>(
        &mut self,
        tokens: &[S],
        facts: impl Fn(usize) -> &'f WordFacts,
        lex: &Lexicon,
        buf: &mut String,
    ) {
        self.tokens.clear();
        self.tokens
            .extend((0..tokens.len()).map(|i| facts(i).joint));
        let joint = &mut self.tokens;
        mark_matches(
            tokens,
            |i, _| usize::from(facts(i).place_words),
            |i, len, p| {
                let hit = if len == 1 {
                    facts(i).is_place
                } else {
                    lex.place(p).is_some()
                };
                hit.then_some(1)
            },
            buf,
            |i, _, first| joint[i].place_pos = if first { 1 } else { 2 },
        );
    }

    /// Whether token `i` stands at the start of the sentence (see
    /// [`SentenceHashes::is_initial`]).
    pub fn is_initial(&self, i: usize) -> bool {
        is_initial(i, self.tokens.first().map(|t| t.class))
    }

    /// Whether token `i` may begin a mention (see
    /// [`SentenceHashes::can_begin`]).
    pub fn can_begin(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| can_begin(t.class))
    }

    /// Push the features that join token `i` to its neighbours.
    pub fn joint_features(&self, i: usize, bits: u32, out: &mut Vec<u32>) {
        let prev = match i.checked_sub(1) {
            Some(p) => &self.tokens[p],
            None => &JointFacts::BEFORE_START,
        };
        let next = self.tokens.get(i + 1).unwrap_or(&JointFacts::PAST_END);
        joint_features(prev, &self.tokens[i], next, bits, out);
    }
}
