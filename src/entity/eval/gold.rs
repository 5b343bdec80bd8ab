//! Scoring entity output against a gold file (format `seeds-gold/1`), as the
//! gold README defines it:
//!
//! - **mentions**: a required gold mention is found when an output mention
//!   overlaps it; an output mention that overlaps no gold mention (required or
//!   optional) is a false positive, one that overlaps only optional ones is not
//!   counted. Precision, recall, F1; typed recall also asks the kinds to match.
//! - **linking**: B-cubed precision, recall and F1 over the required gold
//!   mentions, each counted in the output entity of its best-overlapping
//!   output mention (a missed mention is a singleton of its own); gold
//!   entities split over several output entities, and output entities that
//!   merge several gold entities.
//!
//! Documents are matched by file stem (`000_x.txt` ↔ id `000_x`).

use crate::entity::Kind;
use crate::entity::json::JsonOutput;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The gold format this module reads.
pub const GOLD_FORMAT: &str = "seeds-gold/1";

/// A gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Format tag, `seeds-gold/1`.
    pub format: String,
    /// The documents.
    pub documents: Vec<GoldDocument>,
    /// The entities.
    pub entities: Vec<GoldEntity>,
    /// The mentions.
    pub mentions: Vec<GoldMention>,
}

/// A gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// File name.
    pub file: String,
    /// Size in bytes.
    #[serde(default)]
    pub bytes: usize,
}

/// A gold entity.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
}

/// A gold mention.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldMention {
    /// File name of the document.
    pub doc: String,
    /// UTF-8 byte offset of the start.
    pub start: usize,
    /// UTF-8 byte offset of the end, exclusive.
    pub end: usize,
    /// The text.
    pub text: String,
    /// The gold entity id.
    pub entity: String,
    /// Whether a reader may leave it out without penalty.
    #[serde(default)]
    pub optional: bool,
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Not valid JSON of the expected shape.
    #[error("gold file is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// Another format.
    #[error("gold file has format {found:?}, expected {GOLD_FORMAT:?}")]
    Format {
        /// The format found.
        found: String,
    },
    /// A mention names an entity the file does not define.
    #[error("gold mention {text:?} refers to unknown entity {entity:?}")]
    UnknownEntity {
        /// The mention text.
        text: String,
        /// The unknown id.
        entity: String,
    },
}

impl Gold {
    /// Parse and check a gold file.
    pub fn parse(json: &str) -> Result<Gold, GoldError> {
        let gold: Gold = serde_json::from_str(json)?;
        if gold.format != GOLD_FORMAT {
            return Err(GoldError::Format { found: gold.format });
        }
        let ids: BTreeSet<&str> = gold.entities.iter().map(|e| e.id.as_str()).collect();
        if let Some(m) = gold
            .mentions
            .iter()
            .find(|m| !ids.contains(m.entity.as_str()))
        {
            return Err(GoldError::UnknownEntity {
                text: m.text.clone(),
                entity: m.entity.clone(),
            });
        }
        Ok(gold)
    }
}

/// One line of the detail list (as JSON, tagged by `"type"`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Detail {
    /// A required gold mention no output mention overlaps.
    Missed {
        /// Document id.
        doc: String,
        /// Byte range.
        span: (usize, usize),
        /// Text.
        text: String,
        /// Gold entity id.
        entity: String,
    },
    /// A found gold mention whose output kind differs.
    WrongKind {
        /// Document id.
        doc: String,
        /// Text.
        text: String,
        /// Gold kind.
        gold: Kind,
        /// Output kind.
        output: Kind,
    },
    /// An output mention overlapping no gold mention.
    FalsePositive {
        /// Document id.
        doc: String,
        /// Byte range.
        span: (usize, usize),
        /// Text.
        text: String,
        /// Output entity name.
        entity: String,
    },
    /// A gold entity spread over several output entities.
    Split {
        /// Gold entity id.
        gold: String,
        /// Output entity names with how many of its mentions each holds.
        parts: Vec<(String, usize)>,
    },
    /// An output entity holding mentions of several gold entities.
    Merged {
        /// Output entity name.
        output: String,
        /// Gold entity ids with their mention counts.
        parts: Vec<(String, usize)>,
    },
}

/// Every figure of a scoring run, with the details behind them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GoldScore {
    /// Required gold mentions.
    pub required: usize,
    /// Required gold mentions found.
    pub found: usize,
    /// Found with the right kind.
    pub typed_found: usize,
    /// Output mentions overlapping a required gold mention.
    pub true_positives: usize,
    /// Output mentions overlapping no gold mention.
    pub false_positives: usize,
    /// Mention precision.
    pub precision: f64,
    /// Mention recall.
    pub recall: f64,
    /// Mention F1.
    pub f1: f64,
    /// Typed recall.
    pub typed_recall: f64,
    /// B-cubed precision.
    pub b3_precision: f64,
    /// B-cubed recall.
    pub b3_recall: f64,
    /// B-cubed F1.
    pub b3_f1: f64,
    /// Gold entities split over several output entities.
    pub splits: usize,
    /// Output entities merging several gold entities.
    pub merges: usize,
    /// Misses, false positives, wrong kinds, splits and merges.
    pub details: Vec<Detail>,
}

/// The file stem of a document name: `000_x.txt` → `000_x`.
fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// An output mention flattened for scoring.
struct Out<'a> {
    span: (usize, usize),
    entity: usize,
    kind: Kind,
    text: &'a str,
}

/// Score an output against gold, as `../shared/tools/score.py` does.
pub fn score(gold: &Gold, output: &JsonOutput) -> GoldScore {
    let outs = output_mentions(output);
    let mut details = Vec::new();
    let found = find_gold(gold, &outs, &mut details);
    let (tp, fp) = precision_counts(gold, output, &outs, &mut details);
    let (b3_precision, b3_recall) = b_cubed(&found.assigned);
    let (splits, merges) = splits_and_merges(output, &found.assigned, &mut details);
    let precision = ratio(tp, tp + fp);
    let recall = ratio(found.found, found.required);
    GoldScore {
        required: found.required,
        found: found.found,
        typed_found: found.typed_found,
        true_positives: tp,
        false_positives: fp,
        precision,
        recall,
        f1: harmonic(precision, recall),
        typed_recall: ratio(found.typed_found, found.required),
        b3_precision,
        b3_recall,
        b3_f1: harmonic(b3_precision, b3_recall),
        splits,
        merges,
        details,
    }
}

/// Output mentions by document id.
fn output_mentions(output: &JsonOutput) -> HashMap<&str, Vec<Out<'_>>> {
    let mut outs: HashMap<&str, Vec<Out>> = HashMap::new();
    for (i, e) in output.entities.iter().enumerate() {
        for m in &e.mentions {
            outs.entry(stem(&m.doc)).or_default().push(Out {
                span: (m.start, m.end),
                entity: i,
                kind: e.kind,
                text: &m.text,
            });
        }
    }
    outs
}

/// What became of the required gold mentions.
struct Found<'a> {
    /// Required gold mentions.
    required: usize,
    /// Those an output mention overlaps.
    found: usize,
    /// Those whose best-overlapping output mention has the gold kind.
    typed_found: usize,
    /// (gold entity, output entity) per required mention; `None` for a
    /// missed mention (a singleton of its own).
    assigned: Vec<(&'a str, Option<usize>)>,
}

/// Match each required gold mention to the output mention that overlaps it
/// most (the first of equals).
fn find_gold<'a>(
    gold: &'a Gold,
    outs: &HashMap<&str, Vec<Out>>,
    details: &mut Vec<Detail>,
) -> Found<'a> {
    let kinds: HashMap<&str, Kind> = gold
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.kind))
        .collect();
    let mut f = Found {
        required: 0,
        found: 0,
        typed_found: 0,
        assigned: Vec::new(),
    };
    for g in gold.mentions.iter().filter(|g| !g.optional) {
        f.required += 1;
        let gspan = (g.start, g.end);
        let doc_outs = outs.get(stem(&g.doc)).map(Vec::as_slice).unwrap_or(&[]);
        let mut best: Option<(&Out, usize)> = None;
        for o in doc_outs {
            let ov = overlap(gspan, o.span);
            if ov > 0 && best.is_none_or(|(_, b)| ov > b) {
                best = Some((o, ov));
            }
        }
        let gold_kind = kinds.get(g.entity.as_str()).copied().unwrap_or(Kind::Other);
        let Some((o, _)) = best else {
            details.push(Detail::Missed {
                doc: stem(&g.doc).to_string(),
                span: gspan,
                text: g.text.clone(),
                entity: g.entity.clone(),
            });
            f.assigned.push((g.entity.as_str(), None));
            continue;
        };
        f.found += 1;
        if o.kind == gold_kind {
            f.typed_found += 1;
        } else {
            details.push(Detail::WrongKind {
                doc: stem(&g.doc).to_string(),
                text: g.text.clone(),
                gold: gold_kind,
                output: o.kind,
            });
        }
        f.assigned.push((g.entity.as_str(), Some(o.entity)));
    }
    f
}

/// True and false positives among the output mentions of the gold's
/// documents: an output mention that overlaps a required gold mention is
/// right, one that overlaps none is wrong, one that overlaps only optional
/// ones is not counted.
fn precision_counts(
    gold: &Gold,
    output: &JsonOutput,
    outs: &HashMap<&str, Vec<Out>>,
    details: &mut Vec<Detail>,
) -> (usize, usize) {
    let mut golds: HashMap<&str, Vec<&GoldMention>> = HashMap::new();
    for g in &gold.mentions {
        golds.entry(stem(&g.doc)).or_default().push(g);
    }
    let (mut tp, mut fp) = (0, 0);
    let mut docs: Vec<&&str> = golds.keys().collect();
    docs.sort();
    for doc in docs {
        let doc_golds = &golds[*doc];
        for o in outs.get(*doc).map(Vec::as_slice).unwrap_or(&[]) {
            let hits: Vec<&&GoldMention> = doc_golds
                .iter()
                .filter(|g| overlap((g.start, g.end), o.span) > 0)
                .collect();
            if hits.iter().any(|g| !g.optional) {
                tp += 1;
            } else if hits.is_empty() {
                fp += 1;
                details.push(Detail::FalsePositive {
                    doc: doc.to_string(),
                    span: o.span,
                    text: o.text.to_string(),
                    entity: output.entities[o.entity].name.clone(),
                });
            }
        }
    }
    (tp, fp)
}

/// B-cubed precision and recall over the required gold mentions.
fn b_cubed(assigned: &[(&str, Option<usize>)]) -> (f64, f64) {
    if assigned.is_empty() {
        return (1.0, 1.0);
    }
    let mut pair: HashMap<(&str, Option<usize>), usize> = HashMap::new();
    let mut by_gold: HashMap<&str, usize> = HashMap::new();
    let mut by_out: HashMap<usize, usize> = HashMap::new();
    for &(g, o) in assigned {
        *pair.entry((g, o)).or_default() += 1;
        *by_gold.entry(g).or_default() += 1;
        if let Some(o) = o {
            *by_out.entry(o).or_default() += 1;
        }
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for &(g, o) in assigned {
        match o {
            Some(e) => {
                let both = pair[&(g, o)] as f64;
                bp += both / by_out[&e] as f64;
                br += both / by_gold[g] as f64;
            }
            None => {
                bp += 1.0;
                br += 1.0 / by_gold[g] as f64;
            }
        }
    }
    let n = assigned.len() as f64;
    (bp / n, br / n)
}

/// Gold entities split over several output entities, and output entities
/// that merge several gold entities (found mentions only).
fn splits_and_merges(
    output: &JsonOutput,
    assigned: &[(&str, Option<usize>)],
    details: &mut Vec<Detail>,
) -> (usize, usize) {
    let mut gold_parts: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut out_parts: BTreeMap<usize, BTreeMap<&str, usize>> = BTreeMap::new();
    for &(g, o) in assigned {
        if let Some(o) = o {
            *gold_parts.entry(g).or_default().entry(o).or_default() += 1;
            *out_parts.entry(o).or_default().entry(g).or_default() += 1;
        }
    }
    let mut splits = 0;
    for (g, parts) in &gold_parts {
        if parts.len() > 1 {
            splits += 1;
            details.push(Detail::Split {
                gold: g.to_string(),
                parts: parts
                    .iter()
                    .map(|(o, c)| (output.entities[*o].name.clone(), *c))
                    .collect(),
            });
        }
    }
    let mut merges = 0;
    for (o, parts) in &out_parts {
        if parts.len() > 1 {
            merges += 1;
            details.push(Detail::Merged {
                output: output.entities[*o].name.clone(),
                parts: parts.iter().map(|(g, c)| (g.to_string(), *c)).collect(),
            });
        }
    }
    (splits, merges)
}

impl GoldScore {
    /// A readable report: the figures, and with `detail` every miss, false
    /// positive, wrong kind, split and merge.
    pub fn report(&self, detail: bool) -> String {
        if detail {
            format!("{self:#}")
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for GoldScore {
    /// The summary; with the alternate flag (`{:#}`), every detail too.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "mentions  precision {:.3}  recall {:.3}  F1 {:.3}  ({} of {} required found, {} false positives)",
            self.precision, self.recall, self.f1, self.found, self.required, self.false_positives
        )?;
        writeln!(
            f,
            "typed     recall {:.3}  ({} with the right kind)",
            self.typed_recall, self.typed_found
        )?;
        writeln!(
            f,
            "linking   B³ precision {:.3}  recall {:.3}  F1 {:.3}",
            self.b3_precision, self.b3_recall, self.b3_f1
        )?;
        writeln!(f, "entities  {} split, {} merged", self.splits, self.merges)?;
        if f.alternate() {
            for d in &self.details {
                match d {
                    Detail::Missed {
                        doc,
                        span,
                        text,
                        entity,
                    } => writeln!(
                        f,
                        "  missed     {doc} {}..{} {text:?} ({entity})",
                        span.0, span.1
                    )?,
                    Detail::WrongKind {
                        doc,
                        text,
                        gold,
                        output,
                    } => writeln!(f, "  wrong kind {doc} {text:?}: {output}, gold {gold}")?,
                    Detail::FalsePositive {
                        doc,
                        span,
                        text,
                        entity,
                    } => writeln!(
                        f,
                        "  false pos. {doc} {}..{} {text:?} (as {entity})",
                        span.0, span.1
                    )?,
                    Detail::Split { gold, parts } => {
                        let p: Vec<String> =
                            parts.iter().map(|(n, c)| format!("{n:?}×{c}")).collect();
                        writeln!(f, "  split      {gold} over {}", p.join(", "))?
                    }
                    Detail::Merged { output, parts } => {
                        let p: Vec<String> =
                            parts.iter().map(|(n, c)| format!("{n}×{c}")).collect();
                        writeln!(f, "  merged     {output:?} holds {}", p.join(", "))?
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::json::{JsonDocument, JsonEntity, JsonMention};

    fn gold() -> Gold {
        Gold::parse(
            r#"{"format": "seeds-gold/1", "documents": [{"file": "a.txt", "bytes": 100}],
            "entities": [{"id": "p", "name": "P", "kind": "person"}, {"id": "q", "name": "Q", "kind": "place"}],
            "mentions": [
              {"doc": "a.txt", "start": 0, "end": 5, "text": "Peter", "entity": "p", "optional": false},
              {"doc": "a.txt", "start": 10, "end": 15, "text": "Peter", "entity": "p", "optional": false},
              {"doc": "a.txt", "start": 20, "end": 25, "text": "Quarz", "entity": "q", "optional": false},
              {"doc": "a.txt", "start": 30, "end": 35, "text": "Quarz", "entity": "q", "optional": true}
            ]}"#,
        )
        .unwrap()
    }

    /// An output entity for tests: name, kind, mention spans.
    type TestEntity<'a> = (&'a str, Kind, Vec<(usize, usize)>);

    fn out(entities: Vec<TestEntity>) -> JsonOutput {
        JsonOutput {
            documents: vec![JsonDocument {
                id: "a".into(),
                path: "a.txt".into(),
                title: String::new(),
                path_escaped: None,
            }],
            entities: entities
                .into_iter()
                .map(|(name, kind, spans)| JsonEntity {
                    id: name.to_lowercase(),
                    name: name.into(),
                    kind,
                    aliases: vec![name.into()],
                    articles: 1,
                    ambiguous: false,
                    candidates: Vec::new(),
                    evidence: Vec::new(),
                    mentions: spans
                        .into_iter()
                        .map(|(s, e)| JsonMention {
                            doc: "a".into(),
                            start: s,
                            end: e,
                            text: String::new(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn perfect_output_scores_one() {
        let s = score(
            &gold(),
            &out(vec![
                ("P", Kind::Person, vec![(0, 5), (10, 15)]),
                ("Q", Kind::Place, vec![(20, 25), (30, 35)]),
            ]),
        );
        assert_eq!((s.required, s.found, s.typed_found), (3, 3, 3));
        assert_eq!((s.f1, s.b3_f1), (1.0, 1.0));
        assert_eq!((s.splits, s.merges, s.false_positives), (0, 0, 0));
    }

    #[test]
    fn merges_splits_misses_and_false_positives_are_counted() {
        // One entity holds everything (merge); an extra mention at 40 is false.
        let s = score(
            &gold(),
            &out(vec![(
                "X",
                Kind::Person,
                vec![(1, 3), (10, 15), (20, 25), (40, 44)],
            )]),
        );
        assert_eq!(s.merges, 1);
        assert_eq!(s.false_positives, 1);
        assert_eq!(s.typed_found, 2, "Quarz is found as a person");
        // B³ precision: each mention's cluster holds 3, of which 2 (P) or 1 (Q) agree.
        assert!((s.b3_precision - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert_eq!(s.b3_recall, 1.0);

        let s = score(
            &gold(),
            &out(vec![
                ("P1", Kind::Person, vec![(0, 5)]),
                ("P2", Kind::Person, vec![(10, 15)]),
            ]),
        );
        assert_eq!(s.splits, 1);
        assert_eq!(s.found, 2);
        assert!(
            s.details
                .iter()
                .any(|d| matches!(d, Detail::Missed { text, .. } if text == "Quarz"))
        );
        // Recall: P mentions 1/2 each, the missed Q singleton 1/1.
        assert!((s.b3_recall - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-9);
        let report = s.report(true);
        assert!(!s.report(false).contains("missed"));
        assert!(report.contains("split"), "{report}");
        assert!(report.contains("missed"), "{report}");
    }

    #[test]
    fn mentions_overlapping_only_optional_gold_are_not_counted() {
        let s = score(&gold(), &out(vec![("Q", Kind::Place, vec![(31, 33)])]));
        assert_eq!((s.true_positives, s.false_positives), (0, 0));
        assert_eq!(s.found, 0);
    }

    #[test]
    fn best_overlapping_mention_decides_the_cluster() {
        // Two output mentions overlap the first gold mention; the larger wins.
        let s = score(
            &gold(),
            &out(vec![
                ("Small", Kind::Person, vec![(0, 1)]),
                ("P", Kind::Person, vec![(1, 5), (10, 15)]),
                ("Q", Kind::Place, vec![(20, 25)]),
            ]),
        );
        assert_eq!(s.splits, 0);
        assert_eq!(s.b3_f1, 1.0);
    }

    #[test]
    fn bad_gold_files_are_reported() {
        assert!(matches!(Gold::parse("{}"), Err(GoldError::Json(_))));
        let wrong = r#"{"format": "other/2", "documents": [], "entities": [], "mentions": []}"#;
        assert!(matches!(Gold::parse(wrong), Err(GoldError::Format { .. })));
        let unknown = r#"{"format": "seeds-gold/1", "documents": [], "entities": [],
            "mentions": [{"doc": "a.txt", "start": 0, "end": 1, "text": "x", "entity": "nope"}]}"#;
        assert!(matches!(
            Gold::parse(unknown),
            Err(GoldError::UnknownEntity { .. })
        ));
    }
}
