//! CoNLL-style NER gold files and exact-span scoring.
//!
//! Two formats are read: GermEval 2014 TSV (`#` comment lines, then
//! `number<TAB>token<TAB>outer<TAB>inner`) and the normalized
//! `token<TAB>tag` IOB2 files of the other corpora. Only the outer labels
//! are kept: PER/LOC/ORG, OTH/MISC as [`Tag::Oth`] (learned, never a
//! mention); `*deriv` and `*part` become O.
//! Scores are exact-span precision, recall and F1, typed (span and kind must
//! match) and untyped (span only), in the conlleval way of reading spans.

use crate::entity::Kind;
use crate::entity::ner::tag::{Tag, spans};
use std::ops::AddAssign;
use std::path::Path;

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One gold tag per token.
    pub tags: Vec<Tag>,
}

/// Parse GermEval 2014 TSV text (outer column).
pub fn parse_germeval(text: &str) -> Vec<Sentence> {
    parse_columns(text, |cols| {
        if cols.first().is_some_and(|c| c.starts_with('#')) || cols.len() < 3 {
            return None;
        }
        Some((cols[1], cols[2]))
    })
}

/// Parse `token<TAB>tag` IOB2 text.
pub fn parse_normalized(text: &str) -> Vec<Sentence> {
    parse_columns(text, |cols| {
        if cols.len() < 2 {
            return None;
        }
        Some((cols[0], cols[cols.len() - 1]))
    })
}

fn parse_columns<'a>(
    text: &'a str,
    pick: impl Fn(&[&'a str]) -> Option<(&'a str, &'a str)>,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if let Some((tok, tag)) = pick(&cols)
            && !tok.is_empty()
        {
            cur.tokens.push(tok.to_string());
            cur.tags.push(Tag::parse(tag.trim()));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Read a GermEval TSV file or a normalized file, by looking at its first
/// data line (GermEval lines have four columns and a number first).
pub fn read(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    let germeval = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            cols.len() >= 4 && cols[0].chars().all(|c| c.is_ascii_digit())
        });
    Ok(if germeval {
        parse_germeval(&text)
    } else {
        parse_normalized(&text)
    })
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans that are in the gold.
    pub tp: usize,
    /// Predicted spans that are not.
    pub fp: usize,
    /// Gold spans not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when the gold is empty).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Exact-span scores, micro-averaged over all sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanScores {
    /// Span and kind must match.
    pub typed: Counts,
    /// Span must match, kind is ignored.
    pub untyped: Counts,
    /// Typed counts for person, place, organization.
    pub per_kind: [Counts; 3],
}

impl SpanScores {
    /// Counts for one kind (person, place or organization).
    pub fn kind(&self, kind: Kind) -> Counts {
        match kind {
            Kind::Person => self.per_kind[0],
            Kind::Place => self.per_kind[1],
            Kind::Organization => self.per_kind[2],
            Kind::Other => Counts::default(),
        }
    }
}

impl AddAssign for SpanScores {
    fn add_assign(&mut self, o: SpanScores) {
        self.typed += o.typed;
        self.untyped += o.untyped;
        for k in 0..3 {
            self.per_kind[k] += o.per_kind[k];
        }
    }
}

fn kind_slot(k: Kind) -> Option<usize> {
    match k {
        Kind::Person => Some(0),
        Kind::Place => Some(1),
        Kind::Organization => Some(2),
        Kind::Other => None,
    }
}

/// Score predicted tag sequences against gold ones, sentence by sentence.
/// Sentences missing on either side count as having no mentions.
pub fn score<G: AsRef<[Tag]>, P: AsRef<[Tag]>>(gold: &[G], predicted: &[P]) -> SpanScores {
    let mut s = SpanScores::default();
    let n = gold.len().max(predicted.len());
    for i in 0..n {
        let g = gold.get(i).map(|g| spans(g.as_ref())).unwrap_or_default();
        let p = predicted
            .get(i)
            .map(|p| spans(p.as_ref()))
            .unwrap_or_default();
        for (r, k) in &p {
            let typed = g.contains(&(r.clone(), *k));
            let untyped = g.iter().any(|(gr, _)| gr == r);
            count(&mut s.typed, typed);
            count(&mut s.untyped, untyped);
            if let Some(slot) = kind_slot(*k) {
                count(&mut s.per_kind[slot], typed);
            }
        }
        for (r, k) in &g {
            if !p.contains(&(r.clone(), *k)) {
                s.typed.fn_ += 1;
                if let Some(slot) = kind_slot(*k) {
                    s.per_kind[slot].fn_ += 1;
                }
            }
            if !p.iter().any(|(pr, _)| pr == r) {
                s.untyped.fn_ += 1;
            }
        }
    }
    s
}

fn count(c: &mut Counts, hit: bool) {
    if hit {
        c.tp += 1;
    } else {
        c.fp += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GERMEVAL: &str = "#\thttp://example.org\t[2009-01-01]\t\n\
1\tDer\tO\tO\n\
2\tADAC\tB-ORG\tO\n\
3\tGT\tI-ORG\tO\n\
4\tin\tO\tO\n\
5\tdeutschen\tB-LOCderiv\tO\n\
6\tLausitz\tB-LOC\tO\n\
\n\
#\tx\t[2009-01-01]\t\n\
1\tEcce\tB-OTH\tO\n\
2\tJesu\tB-PER\tO\n";

    #[test]
    fn reads_germeval_outer_column() {
        let s = parse_germeval(GERMEVAL);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].tokens,
            ["Der", "ADAC", "GT", "in", "deutschen", "Lausitz"]
        );
        assert_eq!(
            s[0].tags,
            [Tag::O, Tag::BOrg, Tag::IOrg, Tag::O, Tag::O, Tag::BLoc]
        );
        // Other names get their own tag, which is no mention.
        assert_eq!(s[1].tags, [Tag::Oth, Tag::BPer]);
        assert_eq!(spans(&s[1].tags).len(), 1);
    }

    #[test]
    fn reads_normalized_files() {
        let s = parse_normalized("Angela\tB-PER\nMerkel\tI-PER\n\nBerlin\tB-LOC\r\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, [Tag::BPer, Tag::IPer]);
        assert_eq!(s[1].tokens, ["Berlin"]);
    }

    #[test]
    fn spans_follow_conlleval() {
        use Tag::*;
        let t = [BPer, IPer, O, ILoc, ILoc, BOrg, IPer];
        assert_eq!(
            spans(&t),
            [
                (0..2, Kind::Person),
                (3..5, Kind::Place),
                (5..6, Kind::Organization),
                (6..7, Kind::Person)
            ]
        );
    }

    #[test]
    fn scores_typed_and_untyped_exact_spans() {
        use Tag::*;
        let gold = vec![vec![BPer, IPer, O, BLoc], vec![BOrg, O]];
        let pred = vec![vec![BPer, O, O, BOrg], vec![BOrg, O]];
        let s = score(&gold, &pred);
        // Predicted: [0..1 PER] wrong span, [3 ORG] right span wrong kind, [0 ORG] right.
        assert_eq!(
            s.typed,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            s.untyped,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.kind(Kind::Organization),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.kind(Kind::Place),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert!((s.typed.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.untyped.f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
