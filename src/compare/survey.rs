//! The measurement behind "figures that differ": the most similar pairs of a
//! corpus (each report with the one most like it, by [`super::similar`]), and
//! every difference the comparison lists over them, printed so that a person
//! can judge each one. The pair list is kept as a fixture of ids and short
//! text hashes (the corpora themselves may not be copied), which
//! [`parse_fixture`] reads back and [`fixture_line`] writes.

use super::frequency::WordFrequencies;
use super::similar::Vectors;
use super::{Relation, compare_with};
use crate::corpus::{Corpus, DocId};
use crate::entity::EntityIndex;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Two reports of a corpus and how similar they are.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarPair {
    /// The report that comes first in the corpus.
    pub left: DocId,
    /// The other report.
    pub right: DocId,
    /// Their similarity (cosine of the entity vectors).
    pub score: f64,
}

/// The `n` most similar pairs of a corpus: every report paired with the
/// report most similar to it, each pair once (the earlier report on the
/// left), the pairs ranked by similarity and then by corpus order.
pub fn most_similar_pairs(corpus: &Corpus, index: &EntityIndex, n: usize) -> Vec<SimilarPair> {
    let vectors = Vectors::new(corpus, index);
    let mut best: BTreeMap<(DocId, DocId), f64> = BTreeMap::new();
    for d in (0..corpus.len() as u32).map(DocId) {
        if let Some(&(other, score)) = vectors.ranked(d).first() {
            best.insert((d.min(other), d.max(other)), score);
        }
    }
    let mut pairs: Vec<SimilarPair> = best
        .into_iter()
        .map(|((left, right), score)| SimilarPair { left, right, score })
        .collect();
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    pairs.truncate(n);
    pairs
}

/// A short, stable hash of a text (FNV-1a, 64 bits, the first 40 bits in
/// hex), to tell that a fixture's report is still the text it was made from.
pub fn short_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:010x}", h >> 24)
}

/// One line of the pair fixture: corpus name, left id and hash, right id and
/// hash, similarity, separated by tabs.
pub fn fixture_line(name: &str, corpus: &Corpus, pair: &SimilarPair) -> String {
    let (l, r) = (corpus.doc(pair.left), corpus.doc(pair.right));
    format!(
        "{name}\t{}\t{}\t{}\t{}\t{:.4}",
        l.id,
        short_hash(&l.text),
        r.id,
        short_hash(&r.text),
        pair.score
    )
}

/// A pair as the fixture names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixturePair {
    /// The corpus's name (`10kgnad`, `wikinews-de`).
    pub corpus: String,
    /// The left report's id.
    pub left: String,
    /// The short hash of its text.
    pub left_hash: String,
    /// The right report's id.
    pub right: String,
    /// The short hash of its text.
    pub right_hash: String,
}

/// Read the pair fixture: one pair a line as [`fixture_line`] writes it;
/// blank lines and lines starting with `#` are passed over.
pub fn parse_fixture(text: &str) -> Result<Vec<FixturePair>, String> {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            return Err(format!("line {}: {line:?} has {} fields", k + 1, f.len()));
        }
        out.push(FixturePair {
            corpus: f[0].to_string(),
            left: f[1].to_string(),
            left_hash: f[2].to_string(),
            right: f[3].to_string(),
            right_hash: f[4].to_string(),
        });
    }
    Ok(out)
}

/// One difference the comparison lists, as a person judges it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The left report's id.
    pub left_id: String,
    /// The right report's id.
    pub right_id: String,
    /// The left figure as written.
    pub left: String,
    /// The right figure as written.
    pub right: String,
    /// How the comparison relates them.
    pub relation: Relation,
    /// The left figure's sentence.
    pub left_sentence: String,
    /// The right figure's sentence.
    pub right_sentence: String,
    /// The comparison's explanation.
    pub why: String,
}

/// Which figures of a comparison to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The figures that differ.
    Differences,
    /// The figures that agree.
    Agreements,
}

/// Every difference (or agreement) the comparison lists for the pairs (ids
/// of `corpus`), in pair order.
pub fn listed(
    corpus: &Corpus,
    index: &EntityIndex,
    words: &WordFrequencies,
    pairs: &[(DocId, DocId)],
    which: Which,
) -> Vec<Listed> {
    let mut out = Vec::new();
    for &(a, b) in pairs {
        let Some(c) = compare_with(corpus, a, b, index, words) else {
            continue;
        };
        let list = match which {
            Which::Differences => &c.differences,
            Which::Agreements => &c.agreements,
        };
        out.extend(list.iter().map(|d| Listed {
            left_id: c.left.id.clone(),
            right_id: c.right.id.clone(),
            left: d.left.figure.text.clone(),
            right: d.right.figure.text.clone(),
            relation: d.relation,
            left_sentence: d.left.sentence.clone(),
            right_sentence: d.right.sentence.clone(),
            why: d.why.clone(),
        }));
    }
    out
}

/// The listed differences as text for reading and judging: ids, the two
/// figures, the relation, the explanation and both sentences.
pub fn format_listed(list: &[Listed]) -> String {
    let mut out = String::new();
    for (k, l) in list.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} | {}: {} ≠ {} [{:?}]\n   {}\n   L: {}\n   R: {}",
            k + 1,
            l.left_id,
            l.right_id,
            l.left,
            l.right,
            l.relation,
            l.why,
            l.left_sentence.trim(),
            l.right_sentence.trim()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_lines_read_back() {
        let text = "# corpus\tleft\n\nwiki\t12\tabc\t13\tdef\t0.9\n";
        let pairs = parse_fixture(text).unwrap();
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            (pairs[0].left.as_str(), pairs[0].right_hash.as_str()),
            ("12", "def")
        );
        assert!(parse_fixture("a\tb\n").is_err());
    }

    #[test]
    fn hashes_are_short_and_stable() {
        assert_eq!(short_hash("Container").len(), 10);
        assert_eq!(short_hash("Container"), short_hash("Container"));
        assert_ne!(short_hash("Container"), short_hash("Containers"));
    }
}
