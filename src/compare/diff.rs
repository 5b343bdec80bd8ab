//! Matching figures across two reports and saying how they differ.
//!
//! Two figures are candidates for the same fact when they measure the same
//! thing (the same unit; for counts, counted nouns with a common compound head)
//! and their sentences share context: entities and content words, weighted
//! by [`Specificity`] so that those found everywhere in the corpus count less. Dates need a
//! field in common (year or month) and more shared context, since a sentence
//! can hold several dates. The best-scoring candidates are paired one to one.
//!
//! Before any of that, the two figures are aligned, as diff tools align
//! hunks before marking changes: they are compared only when they can report
//! the same event ([`Context::misaligned`]): the places of their sentences
//! (or paragraphs) meet, the dates of their sentences can agree, and a count
//! of named persons names the same persons. Counts of the dead, injured,
//! missing or displaced must share that fate and count the same people
//! (`Soldaten` are not `Menschen`). Saying that two figures differ needs
//! more: money and shares need a noun in common, the figures' clauses must
//! say the same of them (or the figures count the same rare noun), and a
//! requirement or possibility (`müsste`, `wenn`) is never set against a
//! result.

use super::casualty::counts_people_in_general;
use super::date::{DateValue, Part};
use super::figure::{Figure, FigureValue, content_words, is_countable_noun, word_stem};
use super::head::head_match;
use super::number::{Quantity, Unit, format_german};
use super::token::{TokenKind, tokenize};
use crate::entity::{EntityId, Kind, Mention};
use crate::text::sentence::sentence_at;
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

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

/// What a figure's sentence is about, and where and when what it reports
/// happened: the alignment that decides whether two figures can state the
/// same fact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Entities mentioned in the sentence.
    pub entities: BTreeSet<EntityId>,
    /// Stems of the sentence's content words (a date's own words excluded).
    pub words: BTreeSet<String>,
    /// Entities mentioned in the figure's clause (with the relative clauses
    /// that hang on it).
    pub clause_entities: BTreeSet<EntityId>,
    /// Content-word stems of the figure's clause, the figure's own words
    /// left out: what is said of the figure (`getötet`, `geliefert`).
    pub clause_words: BTreeSet<String>,
    /// The nouns the figure can be about: its counted noun, its topic and
    /// the other nouns of its clause before it, names left out.
    pub nouns: Vec<String>,
    /// Where: the places the sentence names or, when it names none, those
    /// of the last sentence before it in its paragraph that does (`Die
    /// dortige Vorwahl`).
    pub places: BTreeSet<EntityId>,
    /// When: the anchored dates of the sentence other than the figure
    /// itself, a credit line's date included.
    pub dates: Vec<DateValue>,
    /// Whether the clause says what must, would or could be rather than
    /// what is (`er müsste 70 Prozent gewinnen`; `assets/compare/modality.txt`).
    pub hypothetical: bool,
    /// For a small count, the persons it counts when its sentence names
    /// exactly that many after it (`drei Kandidaten … Griss, Van der Bellen
    /// und Hundstorfer`).
    pub members: Option<BTreeSet<EntityId>>,
}

/// What a report says beyond one sentence: the kinds of its entities, its
/// sentences and its dates (for [`Context::in_report`]).
pub struct Setting<'a> {
    /// The kind of an entity.
    pub kind: &'a dyn Fn(EntityId) -> Kind,
    /// The report's sentences, in text order.
    pub sentences: &'a [Range<usize>],
    /// The report's dates with their spans, in text order.
    pub dates: &'a [(Range<usize>, DateValue)],
}

/// Words that open a relative clause, alone or after a preposition (`, bei
/// dem 148 Bewohner getötet wurden`).
fn is_relative(word: &str) -> bool {
    matches!(
        word,
        "der"
            | "die"
            | "das"
            | "dem"
            | "den"
            | "deren"
            | "dessen"
            | "denen"
            | "welche"
            | "welcher"
            | "welches"
            | "welchem"
            | "welchen"
            | "wo"
    )
}

/// The figure's clause within its sentence: from the punctuation before it
/// to the punctuation after it, relative clauses after it joined to it and,
/// when it stands in a relative clause, the clause that clause hangs on.
pub fn clause(text: &str, sentence: &Range<usize>, figure: &Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(sentence.clone()) else {
        return sentence.clone();
    };
    let tokens = tokenize(slice);
    let at = |k: usize| tokens[k].start + sentence.start;
    let is_boundary = |k: usize| {
        let t = &tokens[k];
        t.kind == TokenKind::Punct
            && matches!(t.text, "," | ";" | ":" | "–" | "—" | "(" | ")" | "?" | "!")
    };
    let opens_relative = |k: usize| {
        let word = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| t.kind == TokenKind::Word && is_relative(t.text))
        };
        tokens.get(k).is_some_and(|t| t.is_punct(','))
            && (word(k + 1)
                || (tokens.get(k + 1).is_some_and(|t| t.is_lowercase_word()) && word(k + 2)))
    };
    let first = tokens.iter().position(|t| at_end(t, sentence, figure));
    let Some(first) = first else {
        return sentence.clone();
    };
    let last = tokens
        .iter()
        .rposition(|t| t.start + sentence.start < figure.end)
        .unwrap_or(first);
    let mut start = (0..first)
        .rev()
        .find(|&k| is_boundary(k))
        .map_or(0, |k| k + 1);
    if start > 0 && opens_relative(start - 1) {
        start = (0..start - 1)
            .rev()
            .find(|&k| is_boundary(k))
            .map_or(0, |k| k + 1);
    }
    let mut end = (last + 1..tokens.len())
        .find(|&k| is_boundary(k))
        .unwrap_or(tokens.len());
    while end < tokens.len() && opens_relative(end) {
        end = (end + 1..tokens.len())
            .find(|&k| is_boundary(k))
            .unwrap_or(tokens.len());
    }
    let from = tokens.get(start).map_or(sentence.start, |_| at(start));
    let to = end
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .map_or(sentence.end, |t| t.end + sentence.start);
    from..to.max(from)
}

/// Whether token `t` of the sentence is the figure's first token.
fn at_end(t: &super::token::Token, sentence: &Range<usize>, figure: &Range<usize>) -> bool {
    t.start + sentence.start >= figure.start
}

impl Context {
    /// The context of a figure: the entities mentioned in its sentence (from
    /// `mentions`, the document's mentions in text order) and its content
    /// words; without a report around it, no places, dates or members.
    pub fn of(text: &str, figure: &Figure, mentions: &[Mention]) -> Context {
        let setting = Setting {
            kind: &|_| Kind::Other,
            sentences: &[],
            dates: &[],
        };
        Context::in_report(text, figure, mentions, &setting)
    }

    /// The context of a figure in its report (see [`Setting`]).
    pub fn in_report(
        text: &str,
        figure: &Figure,
        mentions: &[Mention],
        setting: &Setting,
    ) -> Context {
        let s = &figure.sentence;
        let within = |r: &Range<usize>| {
            let r = r.clone();
            mentions
                .iter()
                .filter(move |m| r.start <= m.start as usize && m.end as usize <= r.end)
        };
        let inside: Vec<&Mention> = within(s).collect();
        let mut skip: Vec<_> = inside.iter().map(|m| m.span()).collect();
        if figure.date().is_some() {
            // `Jahr` in `im Jahr 2000` says nothing about the event.
            skip.push(figure.span.clone());
        }
        let clause_range = clause(text, s, &figure.span);
        let mut own = skip.clone();
        own.push(figure.span.clone());
        if let Some(t) = &figure.topic {
            own.push(t.span.clone());
        }
        let is_place = |m: &&Mention| (setting.kind)(m.entity) == Kind::Place;
        let mut places: BTreeSet<EntityId> = inside
            .iter()
            .copied()
            .filter(is_place)
            .map(|m| m.entity)
            .collect();
        if places.is_empty()
            && let Some(last) = mentions
                .iter()
                .filter(|m| (m.end as usize) <= s.start)
                .rfind(is_place)
            && let Some(before) = sentence_at(setting.sentences, last.start as usize)
            && !text
                .get(before.end..s.start)
                .is_none_or(|gap| gap.contains('\n'))
        {
            places = within(&before).filter(is_place).map(|m| m.entity).collect();
        }
        let dates = setting
            .dates
            .iter()
            .filter(|(r, d)| {
                s.start <= r.start && r.end <= s.end && *r != figure.span && d.is_anchored()
            })
            .map(|(_, d)| *d)
            .collect();
        Context {
            entities: inside.iter().map(|m| m.entity).collect(),
            words: content_words(text, s.clone(), &skip).into_iter().collect(),
            clause_entities: within(&clause_range).map(|m| m.entity).collect(),
            clause_words: content_words(text, clause_range.clone(), &own)
                .into_iter()
                .collect(),
            nouns: nouns_of(text, figure, &clause_range, &skip),
            hypothetical: hypothetical(text, &clause_range),
            places,
            dates,
            members: members(figure, &inside, setting),
        }
    }

    /// The share of content words two sentences have in common (Dice's
    /// coefficient: twice the shared words over all words).
    fn word_share(&self, other: &Context) -> f64 {
        let all = self.words.len() + other.words.len();
        if all == 0 {
            return 0.0;
        }
        2.0 * self.words.intersection(&other.words).count() as f64 / all as f64
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

    /// The weight of what the two figures' clauses share.
    fn clause_overlap(&self, other: &Context, weights: &dyn Specificity) -> f64 {
        let entities: f64 = self
            .clause_entities
            .intersection(&other.clause_entities)
            .map(|&e| weights.entity(e))
            .sum();
        let words: f64 = self
            .clause_words
            .intersection(&other.clause_words)
            .map(|w| weights.word(w))
            .sum();
        entities + words
    }

    /// Why two figures in these contexts cannot report the same event, if
    /// they cannot: different places, dates that cannot both hold, or
    /// different persons counted.
    pub fn misaligned(&self, other: &Context) -> Option<&'static str> {
        if !self.places.is_empty()
            && !other.places.is_empty()
            && self.places.is_disjoint(&other.places)
        {
            return Some("different places");
        }
        if !self.dates.is_empty()
            && !other.dates.is_empty()
            && !self.dates.iter().any(|a| {
                other
                    .dates
                    .iter()
                    .any(|b| date_relation(a, b) != Relation::Contradicts)
            })
        {
            return Some("different dates");
        }
        if let (Some(a), Some(b)) = (&self.members, &other.members)
            && a != b
        {
            return Some("different persons counted");
        }
        None
    }
}

/// The modal words (`assets/compare/modality.txt`).
const MODALITY: &str = include_str!("../../assets/compare/modality.txt");

/// Whether a clause holds a modal word (see [`Context::hypothetical`]).
fn hypothetical(text: &str, clause: &Range<usize>) -> bool {
    static WORDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        MODALITY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    });
    // Lower case, umlauts kept: `würden` is modal, `wurden` is not.
    text.get(clause.clone()).is_some_and(|c| {
        tokenize(c)
            .iter()
            .any(|t| t.kind == TokenKind::Word && words.contains(&t.text.to_lowercase()))
    })
}

/// The nouns a figure can be about (see [`Context::nouns`]).
fn nouns_of(
    text: &str,
    figure: &Figure,
    clause: &Range<usize>,
    names: &[Range<usize>],
) -> Vec<String> {
    let mut out: Vec<String> = figure
        .counted
        .iter()
        .chain(&figure.topic)
        .map(|n| n.text.clone())
        .collect();
    let Some(slice) = text.get(clause.start..figure.span.start.max(clause.start)) else {
        return out;
    };
    for t in tokenize(slice) {
        let (s, e) = (t.start + clause.start, t.end + clause.start);
        if is_countable_noun(&t) && !names.iter().any(|n| s < n.end && n.start < e) {
            out.push(t.text.to_string());
        }
    }
    out
}

/// The persons a small count counts, if its sentence names exactly that many
/// after it (see [`Context::members`]).
fn members(figure: &Figure, inside: &[&Mention], setting: &Setting) -> Option<BTreeSet<EntityId>> {
    let q = figure.quantity()?;
    let n = q.value;
    if q.unit != Unit::Count || q.upper.is_some() || n.fract() != 0.0 || !(2.0..=20.0).contains(&n)
    {
        return None;
    }
    let persons: BTreeSet<EntityId> = inside
        .iter()
        .filter(|m| m.start as usize >= figure.span.end)
        .filter(|m| (setting.kind)(m.entity) == Kind::Person)
        .map(|m| m.entity)
        .collect();
    (persons.len() == n as usize).then_some(persons)
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
    // Figures of different places, dates or persons report different events.
    if ca.misaligned(cb).is_some() {
        return None;
    }
    match (&a.value, &b.value) {
        (FigureValue::Quantity(qa), FigureValue::Quantity(qb)) => {
            if !same_unit(qa, qb) {
                return None;
            }
            let differ = quantity_relation(qa, qb) != Relation::Same;
            // People counted as killed in one report and injured in the
            // other are different facts; as killed in both, the same fact
            // however named (`Tote`, `Todesopfer`, `Menschen … ums Leben`),
            // unless they are different people (`Soldaten`, `Menschen`).
            // People killed and people trained are different facts too.
            let head = match (a.casualty, b.casualty) {
                (Some(x), Some(y)) if x != y => return None,
                (Some(_), Some(_)) => {
                    if let (Some(x), Some(y)) = (&a.counted, &b.counted)
                        && head_match(&x.text, &y.text).is_none()
                        && !(counts_people_in_general(&x.text) && counts_people_in_general(&y.text))
                    {
                        return None;
                    }
                    0.8
                }
                (Some(_), None) | (None, Some(_)) => return None,
                _ => match (&a.counted, &b.counted, &a.topic, &b.topic) {
                    (Some(x), Some(y), _, _) => head_match(&x.text, &y.text)?,
                    (_, _, Some(x), Some(y)) if qa.unit != Unit::Count => {
                        head_match(&x.text, &y.text).map_or(0.0, |h| h / 2.0)
                    }
                    _ if qa.unit != Unit::Count => 0.0,
                    _ => return None,
                },
            };
            let head = match (&a.counted, &b.counted) {
                (Some(x), Some(y)) => head_match(&x.text, &y.text).map_or(head, |h| h.max(head)),
                _ => head,
            };
            let detail = match (&a.detail, &b.detail) {
                (Some(x), Some(y)) if head_match(&x.text, &y.text).is_some() => 0.5,
                _ => 0.0,
            };
            // With a common head, one shared specific entity or word will do
            // if the sentences are alike; otherwise twice as much.
            let needed = if head > 0.0 && ca.word_share(cb) >= 0.2 {
                1.0
            } else {
                2.0
            };
            if context < needed {
                return None;
            }
            if differ {
                // Saying two figures differ needs them to measure the same
                // thing: money and shares a common noun (`Geldbuße` is not
                // what `notwendig` is), and the clauses to say the same of
                // it (`getötet`, `geliefert`), not just sentences alike.
                if qa.unit != Unit::Count && !nouns_match(ca, cb) {
                    return None;
                }
                let same_fate = a.casualty.is_some() && a.casualty == b.casualty;
                if !same_fate
                    && !same_specific_count(a, b, weights)
                    && ca.clause_overlap(cb, weights) < CLAUSE_NEEDED
                {
                    return None;
                }
                // A requirement or a possibility is no result (`müsste 70
                // Prozent gewinnen` against `erhielt 35 Prozent`).
                if ca.hypothetical != cb.hypothetical {
                    return None;
                }
            }
            Some(2.0 * head + detail + context + if differ { 0.0 } else { 0.5 })
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
            // Dates of different events of one story share much context, so
            // a disagreement also needs the two sentences to be close
            // paraphrases (more than a third of their words in common).
            let (needed, share) = match relation {
                Relation::Same => (0.5, 0.0),
                Relation::MorePrecise => (1.0, 0.0),
                Relation::Contradicts | Relation::Differs => (2.0, 1.0 / 3.0),
            };
            if context < needed || ca.word_share(cb) <= share {
                return None;
            }
            let agrees = matches!(relation, Relation::Same | Relation::MorePrecise);
            Some(context + if agrees { 0.5 } else { 0.0 })
        }
        _ => None,
    }
}

/// What two clauses must share, weighed by [`Specificity`], for their
/// figures to be listed as differing.
const CLAUSE_NEEDED: f64 = 0.2;

/// How specific a counted noun must be to say by itself what two counts
/// are of (`Briefwähler`, not `Kandidaten`).
const SPECIFIC_COUNT: f64 = 0.6;

/// Whether two counts count the same specific thing: the same counted noun,
/// rare in the corpus (`rund 850.000` in `Die Zahl der Briefwähler` and
/// `Mehr als 900.000 Briefwähler`).
fn same_specific_count(a: &Figure, b: &Figure, weights: &dyn Specificity) -> bool {
    let (Some(x), Some(y)) = (&a.counted, &b.counted) else {
        return false;
    };
    let (x, y) = (word_stem(&x.text), word_stem(&y.text));
    a.quantity().is_some_and(|q| q.unit == Unit::Count)
        && x == y
        && weights.word(&x) >= SPECIFIC_COUNT
}

/// Whether two figures share a noun they are about (see [`Context::nouns`]).
fn nouns_match(a: &Context, b: &Context) -> bool {
    a.nouns
        .iter()
        .any(|x| b.nouns.iter().any(|y| head_match(x, y).is_some()))
}

/// How two quantities relate, their qualifiers taken into account.
pub fn quantity_relation(a: &Quantity, b: &Quantity) -> Relation {
    let scale = a.value.abs().max(b.value.abs()).max(f64::MIN_POSITIVE);
    let close = |x: f64, y: f64| (x - y).abs() <= 0.005 * scale;
    let same_upper = match (a.upper, b.upper) {
        (None, None) => true,
        (Some(x), Some(y)) => close(x, y),
        _ => false,
    };
    if close(a.value, b.value) && same_upper {
        return Relation::Same;
    }
    let (la, ha) = a.range();
    let (lb, hb) = b.range();
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
    if !part_holds(a, b) || !part_holds(b, a) {
        return Relation::Differs;
    }
    match (a.part, b.part) {
        (Some(x), Some(y)) if x != y => Relation::Differs,
        (Some(_), None) | (None, Some(_)) => Relation::MorePrecise,
        _ if one_sided => Relation::MorePrecise,
        _ => Relation::Same,
    }
}

/// Whether `a`'s part of a period (`Mitte 1999`, `Anfang Juni`) holds the
/// finer field `b` gives (`24. März 1999` is not mid-1999; `3. Juni` is
/// early June). Thirds: months 1–4, 5–8, 9–12; days 1–10, 11–20, 21–31.
fn part_holds(a: &DateValue, b: &DateValue) -> bool {
    let Some(part) = a.part else {
        return true;
    };
    let third = |v: u8, size: u8| match part {
        Part::Early => v <= size,
        Part::Middle => v > size && v <= 2 * size,
        Part::Late => v > 2 * size,
    };
    match (a.month, a.day, b.month, b.day) {
        (None, None, Some(m), _) if a.year.is_some() => third(m, 4),
        (Some(_), None, Some(_), Some(d)) => third(d, 10),
        _ => true,
    }
}

/// A short name for what a figure counts, for explanations.
fn what(f: &Figure) -> String {
    f.counted
        .as_ref()
        .or(f.topic.as_ref())
        .map_or_else(String::new, |n| n.text.clone())
}

/// Explain a pairing in one line.
fn explain(a: &Figure, b: &Figure, relation: Relation) -> String {
    match (&a.value, &b.value) {
        (FigureValue::Quantity(qa), FigureValue::Quantity(qb)) => {
            let (wa, wb) = (what(a), what(b));
            let noun = if wa == wb || wb.is_empty() {
                wa
            } else if wa.is_empty() {
                wb
            } else {
                format!("{wa} / {wb}")
            };
            let noun = if noun.is_empty() {
                noun
            } else {
                format!(" {noun}")
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
                Relation::Same if qa.qualifier == qb.qualifier => format!("both say {qa}{noun}"),
                Relation::Same => format!(
                    "same number ({}), hedged differently: {qa} vs {qb}",
                    format_german(qa.value)
                ),
                Relation::Contradicts => {
                    format!("{qa} vs {qb}{noun}: {change}; the stated ranges do not overlap")
                }
                Relation::Differs | Relation::MorePrecise => {
                    format!("{qa} vs {qb}{noun}: {change}; the stated ranges overlap")
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
mod tests;
