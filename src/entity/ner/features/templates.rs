//! The feature templates: what a token gets from itself, from its position
//! at the sentence start, from each neighbour, and from joint patterns with
//! its neighbours.

use super::facts::{JointFacts, LexInfo};
use super::hash::{K, ShapeClass, TokenHashes, finish, step};

/// Whether token `i` stands at the start of a sentence whose first token has
/// class `first`: capitals say little there, and an opening quote or dash at
/// the start counts as part of the start.
pub(super) fn is_initial(i: usize, first: Option<ShapeClass>) -> bool {
    i == 0 || (i == 1 && first == Some(ShapeClass::Punct))
}

/// Whether a token of this class may begin a mention: it must hold an
/// upper-case letter or a digit (lower-case adjectives such as `deutschen`
/// and punctuation never begin a name; the recognizer drops such mentions
/// anyway, so the tagger is not allowed to spend a mention on them).
pub(super) fn can_begin(class: ShapeClass) -> bool {
    !matches!(class, ShapeClass::Lower | ShapeClass::Punct)
}

/// The features that join token `cur` to its neighbours (word pairs, shape
/// triples, gazetteer positions around it): they cannot be worked out from
/// one word alone.
pub(super) fn joint_features(
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

/// Stand-in hashes for positions before the start and after the end.
pub(super) const PAD_BEFORE: u64 = 0xdead_beef_0001;
pub(super) const PAD_AFTER: u64 = 0xdead_beef_0002;

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
    pub(super) fn of(h: &TokenHashes, lx: &LexInfo) -> Neighbour {
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
pub(super) fn pusher(bits: u32, out: &mut Vec<u32>) -> impl FnMut(u64, u64) + '_ {
    let shift = 64 - bits;
    move |template: u64, value: u64| {
        out.push((finish(step(template.wrapping_mul(K), value)) >> shift) as u32);
    }
}

/// A Brown-cluster prefix of `k` bits as a feature value; the stand-ins of
/// [`Neighbour`] and "no cluster" (0) pass through.
pub(super) fn cluster_prefix(c: u32, k: u32) -> u64 {
    if c == 0 || c >= u32::MAX - 1 {
        c as u64
    } else {
        ((c - 1) & ((1 << k) - 1)) as u64 | (k as u64) << 20
    }
}

/// The features of a token that depend on the word and on whether it stands
/// at the start of the sentence ([`SentenceHashes::is_initial`]), where
/// capitals say little.
pub(super) fn initial_features(
    h: &TokenHashes,
    lx: &LexInfo,
    initial: bool,
    bits: u32,
    out: &mut Vec<u32>,
) {
    let mut push = pusher(bits, out);
    push(12, (h.class as u64) << 1 | initial as u64);
    push(
        39,
        (lx.flags as u64) << 8 | (h.class as u64) << 1 | initial as u64,
    );
}

/// The features of a token that depend on the word alone.
pub(super) fn own_features(h: &TokenHashes, lx: &LexInfo, bits: u32, out: &mut Vec<u32>) {
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
