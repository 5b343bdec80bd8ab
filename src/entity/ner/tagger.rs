//! The sequence tagger: BIO tags over PER/LOC/ORG, a linear model over hashed
//! features, and constrained Viterbi decoding.
//!
//! # Model file format (`assets/model/ner-de.bin`, little endian)
//!
//! | offset | size | what |
//! |---|---|---|
//! | 0 | 8 | magic `DSNER01\0` |
//! | 8 | 4 | u32 feature version ([`FEATURE_VERSION`]) |
//! | 12 | 4 | u32 bucket bits `b`: the table has `2^b` buckets |
//! | 16 | 4 | u32 number of tags (8) |
//! | 20 | 4 | f32 scale: a stored i16 is the weight times the scale |
//! | 24 | 144 | transitions: 9 rows (start, then previous tag 0..8) × 8 i16 columns (next tag) |
//! | 168 | `2^b` × 16 | weights: per bucket 8 i16 (tag 0..8) |
//!
//! A model is read in place from the bytes (no copy, no parsing beyond the
//! header), so the shipped model loads in microseconds through `include_bytes!`.

use super::features::{FEATURE_VERSION, FeatureContext, SentenceHashes};
use super::tag::{N_TAGS, Tag};
use super::word_scores;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Transition scores (`[0]` from the start, `[1 + p]` from tag `p`).
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// The transitions with the BIO constraints of [`Tag::allowed`] folded in:
/// a forbidden step scores minus infinity.
pub fn constrained(trans: &Transitions) -> Transitions {
    let mut allowed = *trans;
    for (r, row) in allowed.iter_mut().enumerate() {
        let prev = r.checked_sub(1).map(Tag::from_index);
        for (t, v) in row.iter_mut().enumerate() {
            if !Tag::allowed(prev, Tag::ALL[t]) {
                *v = f32::NEG_INFINITY;
            }
        }
    }
    allowed
}

/// Find the best tag sequence for per-token emission scores and transition
/// scores (`trans[0]` from the start, `trans[1 + p]` from tag `p`), under the
/// BIO constraints of [`Tag::allowed`].
pub fn viterbi(emissions: &[[f32; N_TAGS]], trans: &Transitions) -> Vec<Tag> {
    viterbi_constrained(emissions, &constrained(trans))
}

/// [`viterbi`] with transitions already [`constrained`], so the inner loop
/// is a plain maximum.
fn viterbi_constrained(emissions: &[[f32; N_TAGS]], allowed: &Transitions) -> Vec<Tag> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; N_TAGS]; n];
    let mut score = [0f32; N_TAGS];
    for t in 0..N_TAGS {
        score[t] = allowed[0][t] + emissions[0][t];
    }
    for i in 1..n {
        // Previous tags in the outer loop, all next tags side by side in
        // the inner one (vector code); for each next tag the first best
        // previous tag wins, as a scan over previous tags finds it.
        let mut best = [f32::NEG_INFINITY; N_TAGS];
        let mut arg = [0u32; N_TAGS];
        for p in 0..N_TAGS {
            let from = score[p];
            let row = &allowed[1 + p];
            for t in 0..N_TAGS {
                let s = from + row[t];
                let better = s > best[t];
                best[t] = if better { s } else { best[t] };
                arg[t] = if better { p as u32 } else { arg[t] };
            }
        }
        for t in 0..N_TAGS {
            score[t] = best[t] + emissions[i][t];
            back[i][t] = arg[t] as u8;
        }
    }
    let mut best = 0;
    for t in 1..N_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    let mut tags = vec![Tag::O; n];
    let mut cur = best;
    for i in (0..n).rev() {
        tags[i] = Tag::ALL[cur];
        cur = back[i][cur] as usize;
    }
    tags
}

/// Rule a token out as the first token of a mention (see
/// [`SentenceHashes::can_begin`]).
pub fn forbid_begin(e: &mut [f32; N_TAGS]) {
    for t in [Tag::BPer, Tag::BLoc, Tag::BOrg] {
        e[t.index()] = f32::NEG_INFINITY;
    }
}

/// Subtracted from the O score of every token when tagging (in weight units):
/// the perceptron leans towards O, and this trades a little precision for
/// more recall. Chosen by 5-fold cross-validation on GermEval dev (typed F1
/// 0.723 at 4, 0.721 at 8, 0.723 at 12, 0.720 at 16; untyped 0.772, 0.780,
/// 0.786, 0.782); not used in training.
pub const O_PENALTY: f32 = 12.0;

const MAGIC: &[u8; 8] = b"DSNER02\0";
const HEADER: usize = 24;
const TRANS_BYTES: usize = (N_TAGS + 1) * 8 * 2;
/// Where the weights start in a model file.
pub(crate) const WEIGHTS_AT: usize = HEADER + TRANS_BYTES;

/// Why a model file could not be used.
#[derive(Debug, Error)]
pub enum ModelError {
    /// The file does not start with the model magic.
    #[error("not a dossier NER model (bad magic)")]
    Magic,
    /// The file was made for another feature set.
    #[error("model was trained with feature version {found}, this build has {expected}")]
    FeatureVersion {
        /// Version in the file.
        found: u32,
        /// Version of this build.
        expected: u32,
    },
    /// The header or sizes are inconsistent.
    #[error("model file is damaged: {0}")]
    Damaged(&'static str),
}

/// A trained tagger model: quantized weights read in place from bytes.
#[derive(Debug, Clone)]
pub struct Model {
    bytes: Cow<'static, [u8]>,
    /// Tells models apart within one process, for the per-thread word
    /// scores of [`Model::tag_words`]; a clone keeps it (same weights).
    serial: u64,
    bits: u32,
    scale: f32,
    /// The transitions, [`constrained`] once at load.
    allowed: Transitions,
    o_penalty: f32,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn i16_at(b: &[u8], at: usize) -> i16 {
    i16::from_le_bytes([b[at], b[at + 1]])
}

impl Model {
    /// Read a model from its file bytes.
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        if bytes.len() < WEIGHTS_AT || &bytes[..8] != MAGIC {
            return Err(ModelError::Magic);
        }
        let version = u32_at(&bytes, 8);
        if version != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion {
                found: version,
                expected: FEATURE_VERSION,
            });
        }
        let bits = u32_at(&bytes, 12);
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Damaged("bucket bits out of range"));
        }
        if u32_at(&bytes, 16) as usize != N_TAGS {
            return Err(ModelError::Damaged("wrong number of tags"));
        }
        let scale = f32::from_le_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError::Damaged("bad scale"));
        }
        if bytes.len() != WEIGHTS_AT + (16usize << bits) {
            return Err(ModelError::Damaged("size does not match the bucket count"));
        }
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        for (r, row) in trans.iter_mut().enumerate() {
            for (c, v) in row.iter_mut().enumerate() {
                *v = i16_at(&bytes, HEADER + (r * 8 + c) * 2) as f32;
            }
        }
        static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);
        Ok(Model {
            bytes,
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
            bits,
            scale,
            allowed: constrained(&trans),
            o_penalty: O_PENALTY,
        })
    }

    /// Quantize float weights (`2^bits` buckets × 8, transitions 9 × 8) into
    /// a model.
    pub fn quantize(bits: u32, weights: &[f32], trans: &Transitions) -> Result<Model, ModelError> {
        let max = weights
            .iter()
            .chain(trans.iter().flatten())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut bytes = Vec::with_capacity(WEIGHTS_AT + weights.len() * 2);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        bytes.extend_from_slice(&bits.to_le_bytes());
        bytes.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        bytes.extend_from_slice(&scale.to_le_bytes());
        let q = |w: f32| ((w * scale).round().clamp(-32767.0, 32767.0) as i16).to_le_bytes();
        for w in trans.iter().flatten() {
            bytes.extend_from_slice(&q(*w));
        }
        for w in weights {
            bytes.extend_from_slice(&q(*w));
        }
        Model::from_bytes(Cow::Owned(bytes))
    }

    /// The same model with another O penalty (default [`O_PENALTY`]); tiny
    /// models with small weights want 0.
    pub fn with_o_penalty(mut self, penalty: f32) -> Model {
        self.o_penalty = penalty;
        self
    }

    /// The file bytes of the model.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Bucket bits of the weight table.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Scale between stored integers and weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Which model this is, within this process (see [`Model::tag_words`]).
    pub(crate) fn serial(&self) -> u64 {
        self.serial
    }

    /// Add the weights of features (bucket indices) into per-tag sums.
    #[inline]
    pub(crate) fn add_weights(&self, feats: &[u32], acc: &mut [i32; N_TAGS]) {
        let w = &self.bytes[WEIGHTS_AT..];
        for &f in feats {
            let at = (f as usize) << 4;
            let Some(b) = w.get(at..at + 16) else {
                continue;
            };
            for (t, a) in acc.iter_mut().enumerate() {
                *a += i16::from_le_bytes([b[2 * t], b[2 * t + 1]]) as i32;
            }
        }
    }

    /// Ask the processor to fetch the weights of `feats` into its caches
    /// ahead of [`Model::add_weights`]: a hint, with no effect on any
    /// result. The weights are read in an order no cache foresees (each
    /// feature is a hashed bucket of the table), so without it the reads
    /// of one token wait on memory one after another.
    #[inline]
    pub(crate) fn prefetch_weights(&self, feats: &[u32]) {
        let w = &self.bytes[WEIGHTS_AT..];
        for &f in feats {
            if let Some(b) = w.get((f as usize) << 4) {
                crate::prefetch::fetch(b);
            }
        }
    }

    /// The emission scores of a token from the sum of its features'
    /// weights: the O penalty taken off, and the begin tags ruled out
    /// unless the token may begin a mention.
    #[inline]
    pub(crate) fn emission(&self, sum: &[i32; N_TAGS], can_begin: bool) -> [f32; N_TAGS] {
        let mut e = sum.map(|a| a as f32);
        e[Tag::O.index()] -= self.o_penalty * self.scale;
        if !can_begin {
            forbid_begin(&mut e);
        }
        e
    }

    /// Tag one sentence of tokens.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S], ctx: &FeatureContext) -> Vec<Tag> {
        let hashes = SentenceHashes::new(tokens, ctx);
        self.tag_hashed(&hashes, &mut Vec::new())
    }

    /// Tag one sentence of tokens, as [`Model::tag`] does, faster: the
    /// scores each word contributes on its own and to its neighbours are
    /// worked out once per word and remembered per thread
    /// ([`word_scores`]), so most tokens cost a few table reads and the
    /// features that join neighbours. The gold-name list is not remembered:
    /// with it, this is [`Model::tag`].
    pub fn tag_words<S: AsRef<str>>(&self, tokens: &[S], ctx: &FeatureContext) -> Vec<Tag> {
        if ctx.gold_names {
            return self.tag(tokens, ctx);
        }
        let emissions = word_scores::emissions(self, tokens, ctx.lexicon);
        viterbi_constrained(&emissions, &self.allowed)
    }

    /// Tag a sentence already hashed, reusing `scratch` for features.
    pub fn tag_hashed(&self, hashes: &SentenceHashes, scratch: &mut Vec<u32>) -> Vec<Tag> {
        viterbi_constrained(&self.emissions(hashes, scratch), &self.allowed)
    }

    /// The emission scores of each token of a hashed sentence, with the O
    /// penalty and the begin rule applied.
    pub(crate) fn emissions(
        &self,
        hashes: &SentenceHashes,
        scratch: &mut Vec<u32>,
    ) -> Vec<[f32; N_TAGS]> {
        (0..hashes.len())
            .map(|i| {
                scratch.clear();
                hashes.features(i, self.bits, scratch);
                let mut sum = [0i32; N_TAGS];
                self.add_weights(scratch, &mut sum);
                self.emission(&sum, hashes.can_begin(i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_to_outer_per_loc_org() {
        assert_eq!(Tag::parse("B-PER"), Tag::BPer);
        assert_eq!(Tag::parse("I-ORG"), Tag::IOrg);
        assert_eq!(Tag::parse("B-LOCderiv"), Tag::O);
        assert_eq!(Tag::parse("I-OTH"), Tag::Oth);
        assert_eq!(Tag::parse("B-OTH").kind(), None);
        assert_eq!(Tag::parse("O"), Tag::O);
        for t in Tag::ALL {
            assert_eq!(Tag::parse(t.label()), t);
        }
    }

    #[test]
    fn viterbi_follows_scores_and_constraints() {
        let trans = [[0f32; N_TAGS]; N_TAGS + 1];
        // Token 1 prefers I-PER, but an I-PER cannot start a sentence: the
        // best legal path is B-PER I-PER only if token 0 can be B-PER.
        let mut e = vec![[0f32; N_TAGS]; 2];
        e[0][Tag::O.index()] = 1.0;
        e[0][Tag::BPer.index()] = 0.5;
        e[1][Tag::IPer.index()] = 3.0;
        e[1][Tag::O.index()] = 1.0;
        assert_eq!(viterbi(&e, &trans), [Tag::BPer, Tag::IPer]);
        // With a lone token preferring I-LOC, it cannot be I-LOC.
        let e1 = vec![[0.0, 0.0, 0.0, 0.0, 5.0, 1.0, 0.0, 0.0]];
        assert_eq!(viterbi(&e1, &trans), [Tag::BOrg]);
        // Transitions count: a strong penalty on O→O breaks a run of O.
        let mut t2 = trans;
        t2[1 + Tag::O.index()][Tag::O.index()] = -10.0;
        let e2 = vec![
            [1.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0],
            [1.0, 0.0, 0.0, 0.8, 0.0, 0.0, 0.0, 0.0],
        ];
        assert_eq!(viterbi(&e2, &t2), [Tag::O, Tag::BLoc]);
    }

    /// Viterbi as a plain scan: for each next tag, previous tags in order,
    /// the first best kept.
    fn viterbi_by_scan(emissions: &[[f32; N_TAGS]], allowed: &Transitions) -> Vec<Tag> {
        let n = emissions.len();
        let mut back = vec![[0usize; N_TAGS]; n];
        let mut score: [f32; N_TAGS] = std::array::from_fn(|t| allowed[0][t] + emissions[0][t]);
        for i in 1..n {
            let mut next = [0f32; N_TAGS];
            for t in 0..N_TAGS {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
                for p in 0..N_TAGS {
                    let s = score[p] + allowed[1 + p][t];
                    if s > best {
                        (best, arg) = (s, p);
                    }
                }
                next[t] = best + emissions[i][t];
                back[i][t] = arg;
            }
            score = next;
        }
        let mut cur = (1..N_TAGS).fold(0, |b, t| if score[t] > score[b] { t } else { b });
        let mut tags = vec![Tag::O; n];
        for i in (0..n).rev() {
            tags[i] = Tag::ALL[cur];
            cur = back[i][cur];
        }
        tags
    }

    #[test]
    fn viterbi_finds_what_a_plain_scan_finds_ties_included() {
        // Small integer scores make many ties; some tokens may not begin a
        // mention; transitions with a few forbidden and favoured steps.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as f32
        };
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = next(4) - 2.0;
            }
        }
        let allowed = constrained(&trans);
        for len in [1, 2, 3, 7, 40] {
            for _ in 0..200 {
                let e: Vec<[f32; N_TAGS]> = (0..len)
                    .map(|_| {
                        let mut e = std::array::from_fn(|_| next(3));
                        if next(4) == 0.0 {
                            forbid_begin(&mut e);
                        }
                        e
                    })
                    .collect();
                assert_eq!(
                    viterbi_constrained(&e, &allowed),
                    viterbi_by_scan(&e, &allowed)
                );
            }
        }
    }

    #[test]
    fn quantized_model_round_trips_and_rejects_damage() {
        let bits = 8;
        let mut w = vec![0f32; 8 << bits];
        w[8 * 3 + Tag::BLoc.index()] = 2.0;
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        trans[0][Tag::O.index()] = -1.0;
        let m = Model::quantize(bits, &w, &trans).expect("valid sizes");
        let again = Model::from_bytes(Cow::Owned(m.as_bytes().to_vec())).expect("valid model");
        assert_eq!(again.bits(), bits);
        let mut sum = [0i32; N_TAGS];
        again.add_weights(&[3, 3], &mut sum);
        assert_eq!(sum[Tag::BLoc.index()] as f32, 2.0 * 2.0 * again.scale());
        assert!(matches!(
            Model::from_bytes(Cow::Owned(m.as_bytes()[..100].to_vec())),
            Err(ModelError::Magic | ModelError::Damaged(_))
        ));
        let mut bad = m.as_bytes().to_vec();
        bad[0] = b'X';
        assert!(matches!(
            Model::from_bytes(Cow::Owned(bad)),
            Err(ModelError::Magic)
        ));
    }
}
