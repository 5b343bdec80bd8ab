//! Hashed features of tokens in a sentence, for the sequence tagger.
//!
//! Each feature is a template number mixed with a value hash and cut to a
//! bucket index of the weight table (the "hashing trick"): no feature strings
//! are built. The token's own strings (lowercase form, prefixes, suffixes,
//! shape, hyphen parts) are hashed once per token by [`TokenHashes::of`]; the
//! features of a position then only mix those hashes with a template id.
//!
//! Lexicon features come from [`Lexicon`]: Brown clusters (prefixes of 4, 8,
//! 12 and 16 bits) of the word and its neighbours, german-nouns and frequency
//! flags, log-probability, and matches of the place gazetteer and of the gold
//! name list over the sentence (longest match first, as B/I positions).
//!
//! Changing anything here changes which buckets a model's weights live in:
//! bump [`FEATURE_VERSION`] and retrain.

use super::conll::spans;
use super::kind::Kind;
use super::lexicon::{Lexicon, Sources};
use super::tagger::Tag;
use rustc_hash::FxHashMap;

/// Version of the feature set; stored in the model file and checked on load.
pub const FEATURE_VERSION: u32 = 3;

/// Where lexicon features come from.
#[derive(Debug, Clone, Copy)]
pub struct FeatureContext<'l> {
    /// The lexicon and gazetteers.
    pub lexicon: &'l Lexicon,
    /// Which gold corpora the gold-name list counts: [`Sources::All`] for the
    /// shipped model, [`Sources::WithoutGermEval`] when cross-validating on
    /// GermEval dev.
    pub sources: Sources,
    /// Whether to use the gold-name list at all.
    pub gold_names: bool,
}

impl FeatureContext<'static> {
    /// The shipped lexicon, all sources.
    pub fn shipped() -> FeatureContext<'static> {
        FeatureContext {
            lexicon: Lexicon::get(),
            sources: Sources::All,
            gold_names: USE_GOLD_NAMES,
        }
    }
}

/// Whether the shipped feature set uses the gold-name list: it does not, as
/// every training name is in that list, so the tagger learns to trust it more
/// than it deserves on unseen text (5-fold CV: typed F1 0.691 with it, 0.709
/// without).
pub const USE_GOLD_NAMES: bool = false;

/// What the lexicon says about one token, reduced to small values.
#[derive(Debug, Clone, Copy, Default)]
struct LexInfo {
    /// Brown cluster + 1 (0: none) of the exact form.
    cluster: u32,
    /// Brown cluster + 1 of the lowercase form, for capitalised words.
    lower_cluster: u32,
    /// Word flags.
    flags: u16,
    /// Log-probability bucket / 4, 255 if unknown.
    logp: u8,
    /// Place flags of the single word (inflected forms too), bit 7: inflected.
    place: u8,
    /// Place gazetteer match position: 0 none, 1 begin, 2 inside.
    place_pos: u8,
    /// Gold-name match: position (1 begin, 2 inside) × 4 + majority kind.
    gold: u8,
    /// Flags and place bits of the first part of a hyphenated compound.
    first_part: u32,
    /// Brown cluster + 1 of the last part of a hyphenated compound.
    last_part_cluster: u32,
}

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// Coarse word class by capitalisation and characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ShapeClass {
    /// Starts upper case, has lower case letters: `Berlin`.
    Capitalized = 1,
    /// All letters upper case, two or more: `NATO`, `USA`.
    AllCaps = 2,
    /// All lower case: `sagte`.
    Lower = 3,
    /// Digits only, perhaps with separators.
    Number = 4,
    /// Letters and digits or other mixtures: `iPhone`, `G7`.
    Mixed = 5,
    /// No letter or digit.
    Punct = 6,
}

/// The per-token hashes that features are built from.
#[derive(Debug, Clone, Copy)]
pub struct TokenHashes {
    /// The exact form.
    pub exact: u64,
    /// The lowercase form.
    pub lower: u64,
    /// Lowercase prefixes of 2, 3, 4 characters (0 if the word is shorter).
    pub prefix: [u64; 3],
    /// Lowercase suffixes of 1 to 4 characters (0 if the word is shorter).
    pub suffix: [u64; 4],
    /// Shape with runs collapsed: `Xx`, `X-Xx`, `d.d`.
    pub shape: u64,
    /// Coarse class.
    pub class: ShapeClass,
    /// Lowercase last part of a hyphenated compound, 0 if none.
    pub last_part: u64,
    /// Lowercase first part of a hyphenated compound, 0 if none.
    pub first_part: u64,
    /// Length in characters, capped at 15.
    pub len: u8,
}

impl TokenHashes {
    /// Hash the strings of one token.
    pub fn of(word: &str) -> TokenHashes {
        let mut exact = 0x9e37_79b9_u64;
        let mut lower = 0x7f4a_7c15_u64;
        let mut prefix = [0u64; 3];
        let mut shape = 0x2545_f491_u64;
        let mut last_shape = 0u8;
        let mut n = 0usize;
        let (mut up, mut lo, mut dig, mut other) = (0usize, 0usize, 0usize, 0usize);
        let mut first_upper = false;
        let mut part = 0x1234_5678_u64;
        let mut first_part = 0u64;
        let mut hyphens = 0;
        for c in word.chars() {
            exact = step(exact, c as u64);
            let lc = lower_char(c);
            lower = step(lower, lc as u64);
            n += 1;
            if (2..=4).contains(&n) {
                prefix[n - 2] = lower;
            }
            let s = if c.is_uppercase() {
                up += 1;
                if n == 1 {
                    first_upper = true;
                }
                b'X'
            } else if c.is_lowercase() {
                lo += 1;
                b'x'
            } else if c.is_numeric() {
                dig += 1;
                b'd'
            } else if c == '-' {
                other += 1;
                b'-'
            } else {
                other += 1;
                b'.'
            };
            if s != last_shape {
                shape = step(shape, s as u64);
                last_shape = s;
            }
            if c == '-' {
                hyphens += 1;
                if first_part == 0 {
                    first_part = finish(part);
                }
                part = 0x1234_5678;
            } else {
                part = step(part, lc as u64);
            }
        }
        let mut suffix = [0u64; 4];
        let mut h = 0x3c6e_f372_u64;
        for (k, c) in word.chars().rev().take(4).enumerate() {
            h = step(h, lower_char(c) as u64);
            suffix[k] = h;
        }
        let class = if up + lo + dig == 0 {
            ShapeClass::Punct
        } else if dig > 0 && up + lo == 0 {
            ShapeClass::Number
        } else if dig == 0 && lo == 0 && up >= 2 {
            ShapeClass::AllCaps
        } else if dig == 0 && up == 0 {
            ShapeClass::Lower
        } else if dig == 0 && first_upper && up == 1 {
            ShapeClass::Capitalized
        } else if dig == 0 && first_upper && other > 0 {
            // Hyphenated names: "Jong-un", "Ukraine-Krieg", "US-Medien".
            ShapeClass::Capitalized
        } else {
            ShapeClass::Mixed
        };
        TokenHashes {
            exact: finish(exact),
            lower: finish(lower),
            prefix: prefix.map(|p| if p == 0 { 0 } else { finish(p) }),
            suffix: suffix.map(|p| if p == 0 { 0 } else { finish(p) }),
            shape: finish(shape),
            class,
            last_part: if hyphens > 0 { finish(part) } else { 0 },
            first_part,
            len: n.min(15) as u8,
        }
    }
}

#[inline]
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// A sentence's tokens prepared for feature extraction.
#[derive(Debug, Clone, Default)]
pub struct SentenceHashes {
    hashes: Vec<TokenHashes>,
    lex: Vec<LexInfo>,
}

fn word_info(lex: &Lexicon, w: &str, buf: &mut String) -> LexInfo {
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

/// Everything about one word that its features need, wherever it stands: its
/// hashes and what the lexicon says about it. Tagging works out the sums of
/// a word's own and neighbour features from this once per word (see
/// `word_scores`) and keeps only [`WordFacts`].
#[derive(Debug, Clone, Copy)]
pub struct WordFeatures {
    hashes: TokenHashes,
    lex: LexInfo,
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
    lower: u64,
    shape: u64,
    /// Lowercase suffix of 3 characters, 0 if the word is shorter.
    suffix3: u64,
    class: ShapeClass,
    /// Place gazetteer match position in the sentence: 0 none, 1 begin, 2
    /// inside.
    place_pos: u8,
    /// Gold-name match (see `LexInfo::gold`).
    gold: u8,
}

impl JointFacts {
    fn of(h: &TokenHashes, lx: &LexInfo) -> JointFacts {
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
    const BEFORE_START: JointFacts = JointFacts {
        lower: PAD_BEFORE,
        shape: PAD_BEFORE,
        suffix3: PAD_BEFORE,
        class: ShapeClass::Punct,
        place_pos: 0,
        gold: 0,
    };

    /// The stand-in for positions past the end of a sentence.
    const PAST_END: JointFacts = JointFacts {
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
    joint: JointFacts,
    /// Capitalised words: the most words of a place name starting with the
    /// word, at least 1; 0 for other words.
    place_words: u8,
    /// Whether the word alone is a place name.
    is_place: bool,
}

/// A sentence as [`WordFacts`] of its words and their place-name matches:
/// what tagging with summed word scores needs (see `word_scores`); the same
/// joint features as [`SentenceHashes`] without the gold-name list.
#[derive(Debug, Clone, Default)]
pub struct SentenceFacts {
    tokens: Vec<JointFacts>,
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

/// Whether token `i` stands at the start of a sentence whose first token has
/// class `first`: capitals say little there, and an opening quote or dash at
/// the start counts as part of the start.
fn is_initial(i: usize, first: Option<ShapeClass>) -> bool {
    i == 0 || (i == 1 && first == Some(ShapeClass::Punct))
}

/// Whether a token of this class may begin a mention: it must hold an
/// upper-case letter or a digit (lower-case adjectives such as `deutschen`
/// and punctuation never begin a name; the recognizer drops such mentions
/// anyway, so the tagger is not allowed to spend a mention on them).
fn can_begin(class: ShapeClass) -> bool {
    !matches!(class, ShapeClass::Lower | ShapeClass::Punct)
}

/// The features that join token `cur` to its neighbours (word pairs, shape
/// triples, gazetteer positions around it): they cannot be worked out from
/// one word alone.
fn joint_features(
    prev: &JointFacts,
    cur: &JointFacts,
    next: &JointFacts,
    bits: u32,
    out: &mut Vec<u32>,
) {
    let mut push = pusher(bits, out);
    push(19, step(prev.lower, cur.lower));
    push(20, step(cur.lower, next.lower));
    push(24, step(step(prev.shape, cur.shape), next.shape));
    push(25, step(prev.lower, cur.class as u64));
    if cur.suffix3 != 0 {
        push(26, step(cur.suffix3, prev.lower));
    }
    push(
        42,
        (prev.place_pos as u64) << 8 | (cur.place_pos as u64) << 4 | next.place_pos as u64,
    );
    if cur.gold != 0 {
        push(43, cur.gold as u64);
        push(46, step(cur.gold as u64, next.gold as u64));
    }
}

/// Most distinct words one thread remembers before it starts over (about
/// 20 MB per thread when full).
const MEMO_CAPACITY: usize = 1 << 18;

/// Per thread: the lexicon the memo was filled from ([`Lexicon::serial`]),
/// and [`word_info`] of the words seen recently.
type WordMemo = (u64, FxHashMap<Box<str>, LexInfo>);

thread_local! {
    static WORD_MEMO: std::cell::RefCell<WordMemo> =
        std::cell::RefCell::new((0, FxHashMap::default()));
}

/// [`word_info`], remembered per thread. Words recur within and across
/// articles, and each costs one to a dozen lookups in tables far larger than
/// the processor's caches; a small memo of the recent ones stays in cache.
/// The result is the same either way.
fn remembered_word_info(lex: &Lexicon, w: &str, buf: &mut String) -> LexInfo {
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

/// Mark longest gazetteer matches over a sentence: for each start `i`, try
/// the longest phrase first (`max_words(i, word)` words at most); `found`
/// gives a value for a matching phrase of `len` words starting at `i`.
fn mark_matches<S: AsRef<str>>(
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

/// Stand-in hashes for positions before the start and after the end.
const PAD_BEFORE: u64 = 0xdead_beef_0001;
const PAD_AFTER: u64 = 0xdead_beef_0002;

/// Where a neighbour stands relative to the token whose features are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offset {
    /// Two tokens before.
    Before2,
    /// The token before.
    Before1,
    /// The token after.
    After1,
    /// Two tokens after.
    After2,
}

impl Offset {
    /// All offsets, in the order [`Offset::index`] gives.
    pub const ALL: [Offset; 4] = [
        Offset::Before2,
        Offset::Before1,
        Offset::After1,
        Offset::After2,
    ];

    /// Position relative to the token: -2, -1, 1, 2.
    pub fn delta(self) -> isize {
        match self {
            Offset::Before2 => -2,
            Offset::Before1 => -1,
            Offset::After1 => 1,
            Offset::After2 => 2,
        }
    }

    /// Index 0..4 in [`Offset::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a token lends to the features of the tokens near it: its hashes and
/// Brown cluster, or stand-ins before the start and past the end.
#[derive(Debug, Clone, Copy)]
pub struct Neighbour {
    lower: u64,
    shape: u64,
    suffix3: u64,
    suffix4: u64,
    cluster: u32,
}

impl Neighbour {
    fn of(h: &TokenHashes, lx: &LexInfo) -> Neighbour {
        Neighbour {
            lower: h.lower,
            shape: h.shape,
            suffix3: h.suffix[2],
            suffix4: h.suffix[3],
            cluster: lx.cluster,
        }
    }

    /// The stand-in for positions before the start of a sentence.
    pub const BEFORE_START: Neighbour = Neighbour {
        lower: PAD_BEFORE,
        shape: PAD_BEFORE,
        suffix3: PAD_BEFORE,
        suffix4: PAD_BEFORE,
        cluster: u32::MAX,
    };

    /// The stand-in for positions past the end of a sentence.
    pub const PAST_END: Neighbour = Neighbour {
        lower: PAD_AFTER,
        shape: PAD_AFTER,
        suffix3: PAD_AFTER,
        suffix4: PAD_AFTER,
        cluster: u32::MAX - 1,
    };
}

/// A closure that pushes the bucket of a template and value onto `out`.
fn pusher(bits: u32, out: &mut Vec<u32>) -> impl FnMut(u64, u64) + '_ {
    let shift = 64 - bits;
    move |template: u64, value: u64| {
        out.push((finish(step(template.wrapping_mul(K), value)) >> shift) as u32);
    }
}

/// A Brown-cluster prefix of `k` bits as a feature value; the stand-ins of
/// [`Neighbour`] and "no cluster" (0) pass through.
fn cluster_prefix(c: u32, k: u32) -> u64 {
    if c == 0 || c >= u32::MAX - 1 {
        c as u64
    } else {
        ((c - 1) & ((1 << k) - 1)) as u64 | (k as u64) << 20
    }
}

/// The features of a token that depend on the word and on whether it stands
/// at the start of the sentence ([`SentenceHashes::is_initial`]), where
/// capitals say little.
fn initial_features(h: &TokenHashes, lx: &LexInfo, initial: bool, bits: u32, out: &mut Vec<u32>) {
    let mut push = pusher(bits, out);
    push(12, (h.class as u64) << 1 | initial as u64);
    push(
        39,
        (lx.flags as u64) << 8 | (h.class as u64) << 1 | initial as u64,
    );
}

/// The features of a token that depend on the word alone.
fn own_features(h: &TokenHashes, lx: &LexInfo, bits: u32, out: &mut Vec<u32>) {
    let mut push = pusher(bits, out);
    push(1, 0);
    push(2, h.exact);
    push(3, h.lower);
    for (k, p) in h.prefix.iter().enumerate() {
        if *p != 0 {
            push(4 + k as u64, *p);
        }
    }
    for (k, s) in h.suffix.iter().enumerate() {
        if *s != 0 {
            push(7 + k as u64, *s);
        }
    }
    push(11, h.shape);
    if h.last_part != 0 {
        push(21, h.last_part);
        push(22, h.first_part);
    }
    push(23, (h.len as u64) << 4 | h.class as u64);
    if lx.cluster != 0 {
        for (t, k) in [(30, 4), (31, 8), (32, 12), (33, 16)] {
            push(t, cluster_prefix(lx.cluster, k));
        }
    } else {
        push(34, h.class as u64);
        if lx.lower_cluster != 0 {
            push(37, cluster_prefix(lx.lower_cluster, 8));
        }
    }
    push(38, lx.flags as u64);
    push(40, (lx.logp as u64) << 4 | h.class as u64);
    if lx.place != 0 {
        push(41, lx.place as u64);
    }
    if h.last_part != 0 {
        push(44, lx.first_part as u64);
        push(45, cluster_prefix(lx.last_part_cluster, 8));
    }
}

/// The features a token gets from one neighbour at `offset`: its word,
/// shape, suffixes and Brown cluster. They depend on that neighbour alone.
pub fn neighbour_features(offset: Offset, n: &Neighbour, bits: u32, out: &mut Vec<u32>) {
    let mut push = pusher(bits, out);
    match offset {
        Offset::Before2 => {
            push(15, n.lower);
            push(55, cluster_prefix(n.cluster, 8));
        }
        Offset::Before1 => {
            push(13, n.lower);
            push(17, n.shape);
            push(35, cluster_prefix(n.cluster, 8));
            // Suffixes of the neighbours: the head of an organization name
            // (`Sicherheitsrats`, `Verbandes`) lends ORG evidence to the
            // words before it.
            push(52, n.suffix3);
            push(57, cluster_prefix(n.cluster, 12));
        }
        Offset::After1 => {
            push(14, n.lower);
            push(18, n.shape);
            push(36, cluster_prefix(n.cluster, 8));
            push(50, n.suffix3);
            push(51, n.suffix4);
            push(58, cluster_prefix(n.cluster, 12));
        }
        Offset::After2 => {
            push(16, n.lower);
            push(56, cluster_prefix(n.cluster, 8));
        }
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
                    if best < super::lexicon::MIN_GOLD_COUNT {
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
    fn neighbour_at(&self, i: isize) -> Neighbour {
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
    fn joint_at(&self, i: isize) -> JointFacts {
        self.at(
            i,
            JointFacts::BEFORE_START,
            JointFacts::PAST_END,
            JointFacts::of,
        )
    }

    /// `of` the token at `i`, or a stand-in before the start or past the end.
    fn at<T>(&self, i: isize, before: T, after: T, of: impl Fn(&TokenHashes, &LexInfo) -> T) -> T {
        match usize::try_from(i) {
            Err(_) => before,
            Ok(i) if i >= self.hashes.len() => after,
            Ok(i) => of(&self.hashes[i], &self.lex[i]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(tokens: &[&str], i: usize) -> Vec<u32> {
        let s = SentenceHashes::new(tokens, &FeatureContext::shipped());
        let mut out = Vec::new();
        s.features(i, 18, &mut out);
        out
    }

    #[test]
    fn remembered_word_facts_are_the_lexicons_own_and_kept_per_lexicon() {
        let shipped = Lexicon::get();
        let empty = Lexicon::empty();
        let mut buf = String::new();
        let words = ["Berlin", "der", "Nordkoreas", "US-Medien", "Artillerie"];
        for round in 0..2 {
            for lex in [shipped, &empty] {
                for w in words {
                    let direct = format!("{:?}", word_info(lex, w, &mut buf));
                    let remembered = format!("{:?}", remembered_word_info(lex, w, &mut buf));
                    assert_eq!(remembered, direct, "{w} in round {round}");
                }
            }
        }
        // The two lexicons really differ on these words, so a memo shared
        // between them would have failed above.
        assert_ne!(
            format!("{:?}", word_info(shipped, "Berlin", &mut buf)),
            format!("{:?}", word_info(&empty, "Berlin", &mut buf))
        );
    }

    #[test]
    fn shape_classes() {
        assert_eq!(TokenHashes::of("Berlin").class, ShapeClass::Capitalized);
        assert_eq!(TokenHashes::of("NATO").class, ShapeClass::AllCaps);
        assert_eq!(TokenHashes::of("sagte").class, ShapeClass::Lower);
        assert_eq!(TokenHashes::of("3,5").class, ShapeClass::Number);
        assert_eq!(TokenHashes::of("US-Medien").class, ShapeClass::Capitalized);
        assert_eq!(TokenHashes::of("„").class, ShapeClass::Punct);
        assert_eq!(TokenHashes::of("G7").class, ShapeClass::Mixed);
    }

    #[test]
    fn lowercase_hash_ignores_case_but_exact_does_not() {
        let a = TokenHashes::of("Berlin");
        let b = TokenHashes::of("BERLIN");
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.suffix[1], TokenHashes::of("Mein").suffix[1]);
    }

    #[test]
    fn features_stay_in_range_and_depend_on_context() {
        let a = feats(&["Der", "Präsident", "Putin", "sagte"], 2);
        let b = feats(&["Der", "Kanzler", "Putin", "sagte"], 2);
        assert!(a.iter().all(|&f| f < 1 << 18));
        assert!(a.len() >= 20);
        // Same word, same own features; the left-context feature differs.
        assert_eq!(a[..3], b[..3]);
        assert_ne!(a, b);
    }

    #[test]
    fn hyphen_parts_are_features() {
        let a = feats(&["die", "US-Medien"], 1);
        let b = feats(&["die", "EU-Medien"], 1);
        let shared = a.iter().filter(|f| b.contains(f)).count();
        // The last part, suffixes and shape are shared; the word is not.
        assert!(shared >= 6, "{shared}");
        assert_ne!(a[1], b[1]);
    }
}
