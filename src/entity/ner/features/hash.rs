//! Hashing the strings of a token once: exact and lowercase form, affixes,
//! shape and hyphen parts, mixed with template ids into weight buckets.

pub(super) const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
pub(super) fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
pub(super) fn finish(h: u64) -> u64 {
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
pub(super) fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}
