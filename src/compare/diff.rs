//! Matching figures across two reports and saying how they differ.
//!
//! Two figures are candidates for the same fact when they measure the same
//! thing (the same unit; for counts, counted nouns with a common compound head)
//! and their sentences share context: entities and content words, weighted
//! by [`Specificity`] so that those found everywhere in the corpus count less. Dates need a
//! field in common (year or month) and more shared context, since a sentence
//! can hold several dates. The best-scoring candidates are paired one to one.

use super::date::DateValue;
use super::figure::{Figure, FigureValue, content_words};
use super::head::head_match;
use super::number::{Quantity, Unit, format_german};
use crate::entity::{EntityId, Mention};
use serde::Serialize;
use std::collections::BTreeSet;

/// How two matched figures relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// They say the same.
    Same,
    /// They cannot both be true: different values whose hedged ranges do not
    /// overlap, or dates that differ in a field both give.
    Contradicts,
    /// Different values whose hedged ranges overlap (`mehr als 9.000` and
    /// `mindestens 10.000`), or dates in different parts of a period.
    Differs,
    /// Dates that agree where both are specific, one being more precise
    /// (`April 2019` and `2019`).
    MorePrecise,
}

/// What a figure's sentence is about: entities and content-word stems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Entities mentioned in the sentence.
    pub entities: BTreeSet<EntityId>,
    /// Stems of the sentence's content words (a date's own words excluded).
    pub words: BTreeSet<String>,
}

impl Context {
    /// The context of a figure: the entities mentioned in its sentence (from
    /// `mentions`, the document's mentions in text order) and its content words.
    pub fn of(text: &str, figure: &Figure, mentions: &[Mention]) -> Context {
        let s = &figure.sentence;
        let inside: Vec<&Mention> = mentions
            .iter()
            .filter(|m| s.start <= m.start as usize && m.end as usize <= s.end)
            .collect();
        let mut skip: Vec<_> = inside.iter().map(|m| m.span()).collect();
        if figure.date().is_some() {
            // `Jahr` in `im Jahr 2000` says nothing about the event.
            skip.push(figure.span.clone());
        }
        Context {
            entities: inside.iter().map(|m| m.entity).collect(),
            words: content_words(text, s.clone(), &skip).into_iter().collect(),
        }
    }

    /// The shared context of two figures: the weights of shared entities and
    /// shared content words, and the number of shared words.
    fn overlap(&self, other: &Context, weights: &dyn Specificity) -> (f64, usize) {
        let entities: f64 = self
            .entities
            .intersection(&other.entities)
            .map(|&e| weights.entity(e))
            .sum();
        let shared: Vec<&String> = self.words.intersection(&other.words).collect();
        let words: f64 = shared.iter().map(|w| weights.word(w)).sum();
        (entities + words, shared.len())
    }
}

/// How much a shared entity or word says about two sentences being about the
/// same thing: 1 for one that only the two compared reports contain, near 0
/// for one that every report of the corpus contains.
pub trait Specificity {
    /// The weight of a shared entity.
    fn entity(&self, entity: EntityId) -> f64;
    /// The weight of a shared content-word stem.
    fn word(&self, stem: &str) -> f64;
}

/// Every shared entity and word weighs 1 (two reports with no corpus around).
#[derive(Debug, Clone, Copy, Default)]
pub struct Uniform;

impl Specificity for Uniform {
    fn entity(&self, _: EntityId) -> f64 {
        1.0
    }
    fn word(&self, _: &str) -> f64 {
        1.0
    }
}

/// The specificity of something found in `df` of `n` documents:
/// `ln((n + 1) / df) / ln((n + 1) / 2)`, clamped to 0–1. It is 1 when only
/// two documents have it and falls towards 0 as it becomes ubiquitous; in a
/// corpus of two documents everything shared weighs 1.
pub fn specificity(n: usize, df: usize) -> f64 {
    if n <= 2 {
        return 1.0;
    }
    let n = n as f64 + 1.0;
    ((n / df.max(1) as f64).ln() / (n / 2.0).ln()).clamp(0.0, 1.0)
}

/// A pairing of a left and a right figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pairing {
    /// Index into the left figures.
    pub left: usize,
    /// Index into the right figures.
    pub right: usize,
    /// How confident the match is (head match plus shared context).
    pub score: f64,
    /// How they relate.
    pub relation: Relation,
    /// A one-line explanation.
    pub why: String,
}

/// Whether two quantities measure in the same unit.
fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
}

/// The score of a candidate pair, or `None` when they do not measure the same
/// thing or share too little context.
fn candidate(
    a: &Figure,
    ca: &Context,
    b: &Figure,
    cb: &Context,
    weights: &dyn Specificity,
) -> Option<f64> {
    let (context, words) = ca.overlap(cb, weights);
    match (&a.value, &b.value) {
        (FigureValue::Quantity(qa), FigureValue::Quantity(qb)) => {
            if !same_unit(qa, qb) {
                return None;
            }
            let head = match (&a.counted, &b.counted, &a.topic, &b.topic) {
                (Some(x), Some(y), _, _) => head_match(&x.text, &y.text)?,
                (_, _, Some(x), Some(y)) if qa.unit != Unit::Count => {
                    head_match(&x.text, &y.text).map_or(0.0, |h| h / 2.0)
                }
                _ if qa.unit != Unit::Count => 0.0,
                _ => return None,
            };
            let detail = match (&a.detail, &b.detail) {
                (Some(x), Some(y)) if head_match(&x.text, &y.text).is_some() => 0.5,
                _ => 0.0,
            };
            let needed = if head > 0.0 { 1.0 } else { 2.0 };
            if context < needed {
                return None;
            }
            let same = quantity_relation(qa, qb) == Relation::Same;
            Some(2.0 * head + detail + context + if same { 0.5 } else { 0.0 })
        }
        (FigureValue::Date(da), FigureValue::Date(db)) => {
            let shares_field = (da.year.is_some() && db.year.is_some())
                || (da.month.is_some() && db.month.is_some());
            if !da.is_anchored() || !db.is_anchored() || !shares_field || words == 0 {
                return None;
            }
            // A report holds many dates; saying two disagree needs more
            // evidence that they date the same event than saying they agree.
            let relation = date_relation(da, db);
            let needed = match relation {
                Relation::Same => 0.5,
                Relation::MorePrecise => 1.0,
                Relation::Contradicts | Relation::Differs => 2.0,
            };
            if context < needed {
                return None;
            }
            let agrees = matches!(relation, Relation::Same | Relation::MorePrecise);
            Some(context + if agrees { 0.5 } else { 0.0 })
        }
        _ => None,
    }
}

/// How two quantities relate, their qualifiers taken into account.
pub fn quantity_relation(a: &Quantity, b: &Quantity) -> Relation {
    let scale = a.value.abs().max(b.value.abs()).max(f64::MIN_POSITIVE);
    if (a.value - b.value).abs() <= 0.005 * scale {
        return Relation::Same;
    }
    let (la, ha) = a.qualifier.range(a.value);
    let (lb, hb) = b.qualifier.range(b.value);
    if la <= hb && lb <= ha {
        Relation::Differs
    } else {
        Relation::Contradicts
    }
}

/// How two dates relate: fields both give must agree.
pub fn date_relation(a: &DateValue, b: &DateValue) -> Relation {
    let fields = [
        (a.year.map(i64::from), b.year.map(i64::from)),
        (a.month.map(i64::from), b.month.map(i64::from)),
        (a.day.map(i64::from), b.day.map(i64::from)),
    ];
    let mut one_sided = false;
    for (x, y) in fields {
        match (x, y) {
            (Some(x), Some(y)) if x != y => return Relation::Contradicts,
            (Some(_), None) | (None, Some(_)) => one_sided = true,
            _ => {}
        }
    }
    match (a.part, b.part) {
        (Some(x), Some(y)) if x != y => Relation::Differs,
        (Some(_), None) | (None, Some(_)) => Relation::MorePrecise,
        _ if one_sided => Relation::MorePrecise,
        _ => Relation::Same,
    }
}

/// A short name for what a figure counts, for explanations.
fn what(f: &Figure) -> String {
    match (&f.counted, f.quantity().map(|q| q.unit)) {
        (Some(n), _) => n.text.clone(),
        (None, Some(Unit::Money(c))) => c.code().to_string(),
        (None, Some(Unit::Percent)) => "%".into(),
        (None, Some(Unit::PercentagePoints)) => "Prozentpunkte".into(),
        _ => String::new(),
    }
}

/// Explain a pairing in one line.
fn explain(a: &Figure, b: &Figure, relation: Relation) -> String {
    match (&a.value, &b.value) {
        (FigureValue::Quantity(qa), FigureValue::Quantity(qb)) => {
            let (wa, wb) = (what(a), what(b));
            let noun = if wa == wb || wb.is_empty() {
                wa
            } else {
                format!("{wa} / {wb}")
            };
            let change = if qa.value != 0.0 {
                let pct = (qb.value - qa.value) / qa.value.abs() * 100.0;
                format!(
                    "the right report's figure is {} % {}",
                    format_german(pct.abs().round()),
                    if pct > 0.0 { "higher" } else { "lower" }
                )
            } else {
                String::new()
            };
            match relation {
                Relation::Same if qa.qualifier == qb.qualifier => format!("both say {qa} {noun}"),
                Relation::Same => format!(
                    "same number ({}), hedged differently: {qa} vs {qb}",
                    format_german(qa.value)
                ),
                Relation::Contradicts => {
                    format!("{qa} vs {qb} {noun}: {change}; the stated ranges do not overlap")
                }
                Relation::Differs | Relation::MorePrecise => {
                    format!("{qa} vs {qb} {noun}: {change}; the stated ranges overlap")
                }
            }
        }
        (FigureValue::Date(da), FigureValue::Date(db)) => match relation {
            Relation::Same => format!("both date it {da}"),
            Relation::Contradicts => format!("{da} vs {db}: the dates disagree"),
            Relation::Differs => format!("{da} vs {db}: different parts of the period"),
            Relation::MorePrecise => {
                let side =
                    if da.precision > db.precision || (da.part.is_some() && db.part.is_none()) {
                        "left"
                    } else {
                        "right"
                    };
                format!(
                    "{da} vs {db}: they agree where both are specific; the {side} report is more precise"
                )
            }
        },
        _ => String::new(),
    }
}

/// Pair the figures of two reports one to one, best candidates first, and
/// classify each pair. `weights` weigh shared entities and words.
pub fn pair_figures(
    left: &[Figure],
    left_context: &[Context],
    right: &[Figure],
    right_context: &[Context],
    weights: &dyn Specificity,
) -> Vec<Pairing> {
    let mut candidates = Vec::new();
    for (i, (a, ca)) in left.iter().zip(left_context).enumerate() {
        for (j, (b, cb)) in right.iter().zip(right_context).enumerate() {
            if let Some(score) = candidate(a, ca, b, cb, weights) {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_left = vec![false; left.len()];
    let mut used_right = vec![false; right.len()];
    let mut out = Vec::new();
    for (score, i, j) in candidates {
        if used_left[i] || used_right[j] {
            continue;
        }
        used_left[i] = true;
        used_right[j] = true;
        let (a, b) = (&left[i], &right[j]);
        let relation = match (&a.value, &b.value) {
            (FigureValue::Quantity(qa), FigureValue::Quantity(qb)) => quantity_relation(qa, qb),
            (FigureValue::Date(da), FigureValue::Date(db)) => date_relation(da, db),
            _ => continue,
        };
        out.push(Pairing {
            left: i,
            right: j,
            score,
            relation,
            why: explain(a, b, relation),
        });
    }
    out.sort_by_key(|p| (p.left, p.right));
    out
}

#[cfg(test)]
mod tests {
    use super::super::figure::extract;
    use super::super::number::Qualifier;
    use super::*;
    use crate::corpus::DocId;

    fn q(value: f64, qualifier: Qualifier) -> Quantity {
        Quantity {
            value,
            qualifier,
            unit: Unit::Count,
        }
    }

    #[test]
    fn specificity_falls_with_document_frequency() {
        assert_eq!(specificity(2, 2), 1.0);
        assert_eq!(specificity(5, 2), 1.0);
        assert!(specificity(5, 5) < 0.2);
        assert!(specificity(100, 100) < 0.01);
        assert!(specificity(5, 3) > specificity(5, 4));
    }

    #[test]
    fn hedged_ranges_decide_between_contradiction_and_difference() {
        use Qualifier::*;
        assert_eq!(
            quantity_relation(&q(7000.0, About), &q(10_000.0, AtLeast)),
            Relation::Contradicts
        );
        assert_eq!(
            quantity_relation(&q(9000.0, MoreThan), &q(10_000.0, AtLeast)),
            Relation::Differs
        );
        assert_eq!(
            quantity_relation(&q(4.8e6, UpTo), &q(5e6, Almost)),
            Relation::Differs
        );
        assert_eq!(
            quantity_relation(&q(23.0, Exact), &q(31.0, Exact)),
            Relation::Contradicts
        );
        assert_eq!(
            quantity_relation(&q(7000.0, About), &q(7000.0, Exact)),
            Relation::Same
        );
    }

    #[test]
    fn dates_agree_where_both_are_specific() {
        let d = |s: &str| super::super::date::parse_date(s).unwrap();
        assert_eq!(
            date_relation(&d("im April 2019"), &d("2019 trafen")),
            Relation::MorePrecise
        );
        assert_eq!(
            date_relation(&d("im April 2019"), &d("im Juli 2000")),
            Relation::Contradicts
        );
        assert_eq!(
            date_relation(&d("im Jahr 2000"), &d("seit 2000 nicht")),
            Relation::Same
        );
        assert_eq!(
            date_relation(&d("Ende Mai"), &d("Anfang Mai")),
            Relation::Differs
        );
        assert_eq!(
            date_relation(&d("im vergangenen September"), &d("im September 2023")),
            Relation::MorePrecise
        );
    }

    fn contexts(text: &str, figs: &[Figure]) -> Vec<Context> {
        figs.iter().map(|f| Context::of(text, f, &[])).collect()
    }

    #[test]
    fn matching_uses_compound_heads_and_context() {
        let left = "Der Minister sagte, Nordkorea habe rund 7.000 Container mit Munition nach Russland geliefert. \
                    Bei dem Brand starben 12 Menschen.";
        let right = "Nordkorea habe nach Angaben des Ministers mindestens 10.000 Schiffscontainer mit Munition nach Russland geliefert. \
                     Auf dem Markt wurden 40 Granaten gefunden.";
        let (lf, rf) = (extract(left), extract(right));
        let pairs = pair_figures(
            &lf,
            &contexts(left, &lf),
            &rf,
            &contexts(right, &rf),
            &Uniform,
        );
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        let p = &pairs[0];
        assert_eq!(lf[p.left].text, "rund 7.000 Container");
        assert_eq!(rf[p.right].text, "mindestens 10.000 Schiffscontainer");
        assert_eq!(p.relation, Relation::Contradicts);
        assert!(p.why.contains("43 % higher"), "{}", p.why);
    }

    #[test]
    fn same_head_without_shared_context_is_not_a_match() {
        let left = "Im Hafen von Hamburg standen 7.000 Container.";
        let right = "Die Firma bestellte 500 Kühlcontainer bei einem Hersteller in Asien.";
        let (lf, rf) = (extract(left), extract(right));
        assert_eq!(
            pair_figures(
                &lf,
                &contexts(left, &lf),
                &rf,
                &contexts(right, &rf),
                &Uniform
            ),
            Vec::new()
        );
    }

    #[test]
    fn pairing_is_one_to_one_and_prefers_shared_entities() {
        let left = "Rund 7.000 Container gingen von Nordkorea nach Russland. Mehr als 9.000 Container kamen zurück nach Nordkorea.";
        let right = "Mindestens 10.000 Container gingen von Nordkorea nach Russland.";
        let (lf, rf) = (extract(left), extract(right));
        // Entities by hand: 0 = Nordkorea, 1 = Russland.
        let mention = |text: &str, name: &str, entity: u32| -> Vec<Mention> {
            text.match_indices(name)
                .map(|(s, n)| Mention {
                    doc: DocId(0),
                    start: s as u32,
                    end: (s + n.len()) as u32,
                    entity: EntityId(entity),
                })
                .collect()
        };
        let ml: Vec<Mention> =
            [mention(left, "Nordkorea", 0), mention(left, "Russland", 1)].concat();
        let mr: Vec<Mention> = [
            mention(right, "Nordkorea", 0),
            mention(right, "Russland", 1),
        ]
        .concat();
        let cl: Vec<Context> = lf.iter().map(|f| Context::of(left, f, &ml)).collect();
        let cr: Vec<Context> = rf.iter().map(|f| Context::of(right, f, &mr)).collect();
        assert!(cl[0].entities.contains(&EntityId(1)) && !cl[1].entities.contains(&EntityId(1)));
        let pairs = pair_figures(&lf, &cl, &rf, &cr, &Uniform);
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            (pairs[0].left, pairs[0].right),
            (0, 0),
            "7.000 pairs with 10.000, not 9.000"
        );
    }
}
