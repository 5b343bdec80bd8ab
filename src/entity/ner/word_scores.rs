//! Emission scores per word, remembered per thread, for fast tagging.
//!
//! Most features of a token depend on a single word: the token's own (its
//! form, affixes, shape, lexicon facts) or one neighbour's at a fixed offset
//! (its form, shape, suffixes, Brown cluster). Their weights add up to the
//! same per-tag sums wherever the word stands, so each distinct word's sums
//! — as the token itself, at the start of a sentence or not, and as the
//! neighbour at each of the four offsets — are worked out once and kept. A
//! token then costs six reads of kept sums plus the few features that join
//! it to its neighbours ([`SentenceFacts::joint_features`]). The sums are
//! integers, so the scores are those of
//! [`super::features::SentenceHashes::features`] to the bit, whatever order
//! they are added in.

use super::features::{Neighbour, Offset, SentenceFacts, WordFacts, WordFeatures};
use super::lexicon::Lexicon;
use super::tag::N_TAGS;
use super::tagger::Model;
use super::word_table::{Short, ShortTable};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// How many tokens ahead of the one being summed its joint features'
/// weights are fetched ([`Model::prefetch_weights`]).
const PREFETCH_AHEAD: usize = 4;

/// How many tokens ahead of the one being looked up in the memo its slot
/// is fetched ([`Generation::prefetch`]).
const LOOKUP_AHEAD: usize = 6;

/// Per-tag sums of stored weights.
type Scores = [i32; N_TAGS];

/// What one word contributes to emission scores under one model.
#[derive(Clone)]
struct WordScores {
    facts: WordFacts,
    /// As the token itself: not at the start of a sentence, at the start.
    own: [Scores; 2],
    /// As the neighbour at each [`Offset`], by [`Offset::index`].
    lends: [Scores; 4],
}

/// Most distinct words in one generation of the memos of all threads (see
/// [`Memo`]), about 60 MB (twice that while an old generation is kept):
/// each thread gets its share ([`generation_capacity`]), so memory stays
/// bounded on many cores. A share of 65,536 words was too few for the
/// 76,000 word forms of the 2,026 articles the scale bench repeats: words
/// went back and forth between generations and recognition took 15 % longer
/// at 100,000 articles on two cores.
const WORDS_ACROSS_THREADS: usize = 1 << 18;

/// Words in one generation of this thread's memo: its share of
/// [`WORDS_ACROSS_THREADS`] among the worker threads, 4,096 to 131,072.
fn generation_capacity() -> usize {
    (WORDS_ACROSS_THREADS / rayon::current_num_threads().max(1)).clamp(1 << 12, 1 << 17)
}

/// One thread's kept word scores, and scratch space for a sentence.
///
/// Words are kept in two generations: when the current one is full, it
/// becomes the old one (the old one is dropped) and a new one starts; a word
/// found in the old generation is copied to the current one. Words in use stay,
/// however many rare words a large corpus brings.
struct Memo {
    /// Most words in one generation ([`generation_capacity`]; smaller in
    /// tests).
    capacity: usize,
    /// The lexicon's and the model's serial numbers the words were scored
    /// with; (0, 0) before the first sentence.
    owner: (u64, u64),
    current: Generation,
    old: Generation,
    /// What the stand-ins before the start and past the end lend, by offset.
    pads: [Scores; 4],
    feats: Vec<u32>,
    /// Where each token's joint features start in `feats`.
    starts: Vec<usize>,
    ids: Vec<u32>,
    /// The [`short_of`] each token of the sentence, made once for its
    /// look-up and for its slot asked for ahead of it.
    shorts: Vec<Option<(Short, u64)>>,
    sentence: SentenceFacts,
    buf: String,
}

/// Words and their scores, numbered in order of arrival.
#[derive(Default)]
struct Generation {
    /// The numbers of the words of up to [`Short::MAX`] bytes (nearly
    /// every word).
    short: ShortTable,
    /// The numbers of longer words.
    long: FxHashMap<Box<[u8]>, u32>,
    words: Vec<WordScores>,
}

/// A word as the memo looks it up: a [`Short`] key with its hash, or the
/// bytes of a longer word.
#[derive(Clone, Copy)]
enum Key<'w> {
    Short(Short, u64),
    Long(&'w [u8]),
}

/// The short key of `w` and its hash, if `w` is short enough.
#[inline]
fn short_of(w: &[u8]) -> Option<(Short, u64)> {
    Short::new(w).map(|k| (k, k.hash()))
}

impl<'w> Key<'w> {
    /// The key of `w`, whose [`short_of`] is `short`.
    #[inline]
    fn with(short: Option<(Short, u64)>, w: &'w [u8]) -> Key<'w> {
        short.map_or(Key::Long(w), |(k, h)| Key::Short(k, h))
    }

    /// The key of `w`.
    #[cfg(test)]
    fn of(w: &'w [u8]) -> Key<'w> {
        Key::with(short_of(w), w)
    }
}

impl Generation {
    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.words.clear();
    }

    /// The number of the word `key`.
    #[inline]
    fn find(&self, key: Key<'_>) -> Option<u32> {
        match key {
            Key::Short(k, h) => self.short.find(k, h),
            Key::Long(w) => self.long.get(w).copied(),
        }
    }

    /// Ask for the memory where `key` is looked up (a hint; see
    /// [`ShortTable::prefetch`]).
    #[inline]
    fn prefetch(&self, key: Key<'_>) {
        if let Key::Short(_, h) = key {
            self.short.prefetch(h);
        }
    }

    fn push(&mut self, key: Key<'_>, scores: WordScores) -> u32 {
        let id = self.words.len() as u32;
        self.words.push(scores);
        match key {
            Key::Short(k, h) => self.short.insert(k, h, id),
            Key::Long(w) => {
                self.long.insert(w.into(), id);
            }
        }
        id
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new(generation_capacity()));
}

/// Let go of this thread's kept word scores (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_memo() {
    MEMO.with_borrow_mut(|m| *m = Memo::new(generation_capacity()));
}

/// The emission scores of each token of a sentence under `model`, with the O
/// penalty and the begin rule applied, as [`Model::tag_hashed`] computes
/// them.
pub(crate) fn emissions<S: AsRef<str>>(
    model: &Model,
    tokens: &[S],
    lex: &Lexicon,
) -> Vec<[f32; N_TAGS]> {
    MEMO.with_borrow_mut(|m| m.emissions(model, tokens, lex))
}

/// The sum of the weights of the features `push` pushes.
fn sum_of(model: &Model, feats: &mut Vec<u32>, push: impl FnOnce(&mut Vec<u32>)) -> Scores {
    feats.clear();
    push(feats);
    let mut acc = [0; N_TAGS];
    model.add_weights(feats, &mut acc);
    acc
}

fn add(acc: &mut Scores, more: &Scores) {
    for (a, m) in acc.iter_mut().zip(more) {
        *a += m;
    }
}

impl Memo {
    fn new(capacity: usize) -> Memo {
        Memo {
            capacity,
            owner: (0, 0),
            current: Generation::default(),
            old: Generation::default(),
            pads: [[0; N_TAGS]; 4],
            feats: Vec::new(),
            starts: Vec::new(),
            ids: Vec::new(),
            shorts: Vec::new(),
            sentence: SentenceFacts::default(),
            buf: String::new(),
        }
    }

    /// Start over if the model or lexicon changed; start a new generation
    /// if `n` more words might not fit in the current one.
    fn prepare(&mut self, model: &Model, lex: &Lexicon, n: usize) {
        let owner = (lex.serial(), model.serial());
        if self.owner != owner {
            self.owner = owner;
            self.current.clear();
            self.old.clear();
            let bits = model.bits();
            for offset in Offset::ALL {
                let pad = if offset.delta() < 0 {
                    Neighbour::BEFORE_START
                } else {
                    Neighbour::PAST_END
                };
                self.pads[offset.index()] = sum_of(model, &mut self.feats, |f| {
                    super::features::neighbour_features(offset, &pad, bits, f)
                });
            }
        } else if self.current.words.len() + n > self.capacity {
            std::mem::swap(&mut self.current, &mut self.old);
            self.current.clear();
        }
    }

    /// The number of the word `w` (whose key is `key`) in the current
    /// generation, copying it from the old one or scoring it if it is new.
    /// (A word copied stays in the old generation, unused, until that is
    /// let go.)
    fn id(&mut self, model: &Model, lex: &Lexicon, w: &str, key: Key<'_>) -> u32 {
        if let Some(id) = self.current.find(key) {
            return id;
        }
        if let Some(old_id) = self.old.find(key) {
            let scores = self.old.words[old_id as usize].clone();
            return self.current.push(key, scores);
        }
        let word = WordFeatures::of(lex, w, &mut self.buf);
        let bits = model.bits();
        let feats = &mut self.feats;
        let base = sum_of(model, feats, |f| word.own_features(bits, f));
        let own = [false, true].map(|initial| {
            let mut sum = sum_of(model, feats, |f| word.initial_features(initial, bits, f));
            add(&mut sum, &base);
            sum
        });
        let neighbour = word.neighbour();
        let lends = Offset::ALL.map(|offset| {
            sum_of(model, feats, |f| {
                super::features::neighbour_features(offset, &neighbour, bits, f)
            })
        });
        let facts = word.facts(lex, w);
        self.current.push(key, WordScores { facts, own, lends })
    }

    fn emissions<S: AsRef<str>>(
        &mut self,
        model: &Model,
        tokens: &[S],
        lex: &Lexicon,
    ) -> Vec<[f32; N_TAGS]> {
        let n = tokens.len();
        self.prepare(model, lex, n);
        self.ids.clear();
        // Most look-ups wait on memory for the word's slot: the slots of
        // the next few tokens are asked for while this one is looked up.
        let mut shorts = std::mem::take(&mut self.shorts);
        shorts.clear();
        shorts.extend(tokens.iter().map(|t| short_of(t.as_ref().as_bytes())));
        let key = |i: usize| Key::with(shorts[i], tokens[i].as_ref().as_bytes());
        for i in 0..LOOKUP_AHEAD.min(n) {
            self.current.prefetch(key(i));
        }
        for (i, t) in tokens.iter().enumerate() {
            if i + LOOKUP_AHEAD < n {
                self.current.prefetch(key(i + LOOKUP_AHEAD));
            }
            let id = self.id(model, lex, t.as_ref(), key(i));
            // Its scores are read next (its facts, for the sentence's, then
            // its sums): asked for now, while the next words are looked up.
            crate::prefetch::fetch(&self.current.words[id as usize]);
            self.ids.push(id);
        }
        self.shorts = shorts;
        let Memo {
            current,
            pads,
            feats,
            starts,
            ids,
            sentence,
            buf,
            ..
        } = self;
        let word = |i: usize| &current.words[ids[i] as usize];
        sentence.fill(tokens, |i| &word(i).facts, lex, buf);
        // The joint features of every token first, then the sums: the
        // weight reads, mostly cache misses, then run side by side.
        let bits = model.bits();
        feats.clear();
        starts.clear();
        for i in 0..n {
            starts.push(feats.len());
            sentence.joint_features(i, bits, feats);
        }
        starts.push(feats.len());
        model.prefetch_weights(&feats[..starts[PREFETCH_AHEAD.min(n)]]);
        (0..n)
            .map(|i| {
                // The weights of a token a few places on are fetched while
                // this one is summed.
                if let Some(ahead) = starts.get(i + PREFETCH_AHEAD..=i + PREFETCH_AHEAD + 1) {
                    model.prefetch_weights(&feats[ahead[0]..ahead[1]]);
                }
                let mut acc = word(i).own[usize::from(sentence.is_initial(i))];
                for offset in Offset::ALL {
                    let at = i as isize + offset.delta();
                    let lent = match usize::try_from(at) {
                        Ok(j) if j < n => &word(j).lends[offset.index()],
                        _ => &pads[offset.index()],
                    };
                    add(&mut acc, lent);
                }
                model.add_weights(&feats[starts[i]..starts[i + 1]], &mut acc);
                model.emission(&acc, sentence.can_begin(i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::ner::features::{FeatureContext, SentenceHashes};
    use crate::entity::ner::recognize::Recognizer;
    use crate::entity::ner::tagger::Model;

    const SENTENCES: &[&str] = &[
        "„ Kim Jong Un traf Wladimir Putin in Wladiwostok , teilte die Nachrichtenagentur KCNA mit .",
        "Der nordkoreanische Machthaber Kim Jong-un reiste mit dem Zug nach Russland .",
        "Berlin",
        "Die US-Medien berichteten über den Ukraine-Krieg und die Vereinten Nationen in New York .",
        "Laut dem Südkoreanischen Verteidigungsminister Shin Won-sik lieferte Pjöngjang Artillerie .",
        "",
    ];

    fn split(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn words_short_and_long_are_found_by_their_text() {
        let words = [
            "",
            "Putin",
            "Wladiwostok",
            "Ständigen",
            // 23 bytes (held in place), 24 (held apart), longer.
            "Bundesverfassungsgerich",
            "Bundesverfassungsgericht",
            "Bundesverfassungsgerichtspräsident",
            // 23 bytes with a two-byte character last.
            "Generalstaatsanwälteüx",
        ];
        assert!(Short::new(words[4].as_bytes()).is_some());
        assert!(Short::new(words[5].as_bytes()).is_none());
        let lex = FeatureContext::shipped().lexicon;
        let scores = WordScores {
            facts: WordFeatures::of(lex, "Putin", &mut String::new()).facts(lex, "Putin"),
            own: [[0; N_TAGS]; 2],
            lends: [[0; N_TAGS]; 4],
        };
        let mut g = Generation::default();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(g.push(Key::of(w.as_bytes()), scores.clone()), i as u32);
        }
        let find = |g: &Generation, w: &str| g.find(Key::of(w.as_bytes()));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(find(&g, w), Some(i as u32), "{w:?}");
        }
        // Words that share a beginning with a kept one are not it, nor is
        // one that differs only by the zero bytes a short key is padded
        // with.
        for w in [
            "Puti",
            "Putins",
            "Putin\0",
            "\0",
            "Bundesverfassungsgeric",
            "Bundesverfassungsgerichts",
        ] {
            assert_eq!(find(&g, w), None, "{w:?}");
        }
        // Cleared, short or long, no word is found.
        g.clear();
        for w in words {
            assert_eq!(find(&g, w), None, "{w:?}");
        }
    }

    #[test]
    fn remembered_scores_are_the_features_scores() {
        let shipped = Recognizer::shipped()
            .expect("shipped model")
            .model()
            .clone();
        // A second model with other weights: remembered scores must not leak
        // from one model to the other.
        let mut weights = vec![0f32; 8 << 10];
        for (i, w) in weights.iter_mut().enumerate() {
            *w = ((i * 7919) % 13) as f32 - 6.0;
        }
        let other = Model::quantize(10, &weights, &[[0.5; 8]; 9]).expect("valid sizes");
        let ctx = FeatureContext::shipped();
        for round in 0..2 {
            for model in [&shipped, &other] {
                for s in SENTENCES {
                    let tokens = split(s);
                    let hashes = SentenceHashes::new(&tokens, &ctx);
                    assert_eq!(
                        emissions(model, &tokens, ctx.lexicon),
                        model.emissions(&hashes, &mut Vec::new()),
                        "{s:?} in round {round}"
                    );
                    assert_eq!(model.tag_words(&tokens, &ctx), model.tag(&tokens, &ctx));
                }
            }
        }
        // Tiny generations: words move between them and are dropped, the
        // scores stay the same.
        let mut memo = Memo::new(12);
        for round in 0..3 {
            for s in SENTENCES.iter().rev().chain(SENTENCES) {
                let tokens = split(s);
                let hashes = SentenceHashes::new(&tokens, &ctx);
                assert_eq!(
                    memo.emissions(&shipped, &tokens, ctx.lexicon),
                    shipped.emissions(&hashes, &mut Vec::new()),
                    "{s:?} in round {round}"
                );
                assert!(memo.current.words.len() <= 12.max(tokens.len()));
            }
        }
        assert!(!memo.old.words.is_empty(), "a generation was handed on");
        // The two models score these words differently, so scores shared
        // between them would have failed above.
        let tokens = split(SENTENCES[0]);
        let hashes = SentenceHashes::new(&tokens, &ctx);
        assert_ne!(
            shipped.emissions(&hashes, &mut Vec::new()),
            other.emissions(&hashes, &mut Vec::new())
        );
    }
}
