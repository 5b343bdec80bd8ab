//! Side-by-side comparison of two reports: the entities they share and those
//! only one mentions, and the figures (counts, money, percentages, dates) on
//! which they agree or differ, each with its sentence.
//!
//! The pipeline: [`figure::extract`] finds figures in each report (with
//! [`number`] and [`date`] parsing German numbers and dates); [`diff`] pairs
//! figures across the reports by what they count ([`head`]) and the entities
//! and words around them; [`compare`] puts it together with the
//! [`shared`] entity strip; [`report`] prints it; [`similar`] picks the report
//! to compare with; [`survey`] lists what the comparison says over the most
//! similar pairs of a corpus, for judging.

pub mod casualty;
pub mod date;
pub mod diff;
pub mod figure;
pub mod frequency;
pub mod head;
pub mod number;
pub mod report;
pub mod shared;
pub mod similar;
pub mod stopword;
pub mod survey;
pub mod token;

pub use diff::Relation;
pub use figure::{Figure, FigureValue};
pub use report::text_report;
pub use shared::{EntityCount, EntityStrip};
pub use similar::most_similar;

use crate::corpus::{Corpus, DocId, Document};
use crate::entity::{EntityId, EntityIndex};
use diff::{Context, Setting, Specificity, pair_figures, specificity};
use frequency::WordFrequencies;
use serde::Serialize;

/// Which report a side of the comparison shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocSide {
    /// Index of the document in the corpus.
    pub index: u32,
    /// The document's identifier.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// A figure of one report with its sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRef {
    /// The figure (spans are byte ranges into the report's text).
    pub figure: Figure,
    /// The text of its sentence.
    pub sentence: String,
    /// The 1-based line the figure is on.
    pub line: usize,
}

/// Two figures, one from each report, taken to state the same fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureDiff {
    /// The left report's figure.
    pub left: FigureRef,
    /// The right report's figure.
    pub right: FigureRef,
    /// How they relate.
    pub relation: Relation,
    /// Why they are listed, in one line.
    pub why: String,
    /// How confident the match is (higher is surer; at least 2 for counts).
    pub score: f64,
}

/// The comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The left report.
    pub left: DocSide,
    /// The right report.
    pub right: DocSide,
    /// Shared and unique entities.
    pub entities: EntityStrip,
    /// Matched figures that differ, in the left report's order.
    pub differences: Vec<FigureDiff>,
    /// Matched figures that say the same (dates: agree where both are
    /// specific), in the left report's order.
    pub agreements: Vec<FigureDiff>,
    /// How many figures each report has (left, right), matched or not.
    pub figure_counts: (usize, usize),
}

fn side(d: &Document, id: DocId) -> DocSide {
    DocSide {
        index: id.0,
        id: d.id.to_string(),
        title: d.title.to_string(),
    }
}

/// The figures of a document outside its page furniture, with their
/// contexts. A credit line's date (`(APA, 31.1.2016)`) dates the report, not
/// an event: it is no figure to compare, but it dates its sentence.
pub fn figures_with_context(
    doc: &Document,
    id: DocId,
    index: &EntityIndex,
) -> (Vec<Figure>, Vec<Context>) {
    let all: Vec<Figure> = figure::extract(&doc.text)
        .into_iter()
        .filter(|f| !doc.is_hidden(&f.span))
        .collect();
    let dates: Vec<(std::ops::Range<usize>, date::DateValue)> = all
        .iter()
        .filter_map(|f| f.date().map(|d| (f.span.clone(), *d)))
        .collect();
    let figures: Vec<Figure> = all
        .into_iter()
        .filter(|f| f.date().is_none() || !figure::is_credit_date(&doc.text, &f.span))
        .collect();
    let mentions = index.mentions_in(id);
    let sentences = crate::text::sentence::sentences(&doc.text);
    let kind = |e: EntityId| index.entity(e).kind;
    let setting = Setting {
        kind: &kind,
        sentences: &sentences,
        dates: &dates,
    };
    let contexts = figures
        .iter()
        .map(|f| Context::in_report(&doc.text, f, mentions, &setting))
        .collect();
    (figures, contexts)
}

/// Weights of shared entities and words from their document frequencies in
/// the corpus (see [`diff::specificity`]).
pub struct CorpusSpecificity<'a> {
    /// The corpus's entity index.
    pub index: &'a EntityIndex,
    /// Document frequencies of content words.
    pub words: &'a WordFrequencies,
}

impl Specificity for CorpusSpecificity<'_> {
    fn entity(&self, entity: EntityId) -> f64 {
        specificity(self.words.doc_count(), self.index.doc_count(entity))
    }
    fn word(&self, stem: &str) -> f64 {
        specificity(self.words.doc_count(), self.words.doc_frequency(stem))
    }
}

fn figure_ref(doc: &Document, f: &Figure) -> FigureRef {
    FigureRef {
        sentence: doc
            .text
            .get(f.sentence.clone())
            .unwrap_or_default()
            .to_string(),
        line: doc.line_of(f.span.start),
        figure: f.clone(),
    }
}

/// Compare two reports of a corpus; `None` if either is not in the corpus.
/// `index` is the corpus's entity index. This counts word frequencies over
/// the whole corpus first; a caller that compares often should keep a
/// [`WordFrequencies`] and call [`compare_with`].
pub fn compare(
    corpus: &Corpus,
    left: DocId,
    right: DocId,
    index: &EntityIndex,
) -> Option<Comparison> {
    compare_with(corpus, left, right, index, &WordFrequencies::new(corpus))
}

/// Compare two reports of a corpus with word frequencies counted beforehand;
/// `None` if either is not in the corpus.
pub fn compare_with(
    corpus: &Corpus,
    left: DocId,
    right: DocId,
    index: &EntityIndex,
    words: &WordFrequencies,
) -> Option<Comparison> {
    let (ld, rd) = (
        corpus.docs().get(left.index())?,
        corpus.docs().get(right.index())?,
    );
    let (lf, lc) = figures_with_context(ld, left, index);
    let (rf, rc) = figures_with_context(rd, right, index);
    let weights = CorpusSpecificity { index, words };
    let mut differences = Vec::new();
    let mut agreements = Vec::new();
    for p in pair_figures(&lf, &lc, &rf, &rc, &weights) {
        let d = FigureDiff {
            left: figure_ref(ld, &lf[p.left]),
            right: figure_ref(rd, &rf[p.right]),
            relation: p.relation,
            why: p.why,
            score: p.score,
        };
        // A date that one report gives more precisely agrees with the other.
        if matches!(p.relation, Relation::Same | Relation::MorePrecise) {
            agreements.push(d);
        } else {
            differences.push(d);
        }
    }
    Some(Comparison {
        left: side(ld, left),
        right: side(rd, right),
        entities: shared::entity_strip(corpus, index, left, right),
        differences,
        agreements,
        figure_counts: (lf.len(), rf.len()),
    })
}

#[cfg(test)]
mod judged;
#[cfg(test)]
mod tests;
