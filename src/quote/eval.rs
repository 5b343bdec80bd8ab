//! Scoring quotations against a `quotes-wikinews/1` gold file, figure for
//! figure as the reference scorer `score_quotes.py` computes them (its
//! docstring defines each; a test checks that both agree): quotation
//! P/R/F1 with overlap, half (Jaccard ≥ 0.5) and exact matching, recall by
//! kind, speaker accuracy (anaphoric and other gold speakers apart), and
//! attribution P/R/F1.

use super::json::QuotesJson;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The coarse kinds of the gold file.
pub const KINDS: [&str; 3] = ["direct", "indirect", "reported"];

/// One gold quotation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// Fine kind.
    pub kind: String,
    /// `direct`, `indirect` or `reported`.
    pub kind_coarse: String,
    /// The quotation's spans.
    pub text_spans: Vec<[usize; 2]>,
    /// The speaker's spans (empty without a speaker).
    #[serde(default)]
    pub speaker_spans: Vec<[usize; 2]>,
    /// Whether the speaker is a pronoun.
    #[serde(default)]
    pub speaker_anaphoric: bool,
}

/// One gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Size of the article file.
    pub bytes: usize,
    /// Its quotations.
    pub quotes: Vec<GoldQuote>,
}

/// A gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Must be `quotes-wikinews/1`.
    pub format: String,
    /// Documents by id.
    pub documents: BTreeMap<String, GoldDoc>,
}

impl Gold {
    /// Parse a gold file.
    pub fn parse(text: &str) -> Result<Gold, String> {
        let g: Gold = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if g.format != "quotes-wikinews/1" {
            return Err(format!("format is {:?}, not quotes-wikinews/1", g.format));
        }
        Ok(g)
    }
}

type Intervals = Vec<[usize; 2]>;

fn union(spans: &[[usize; 2]]) -> Intervals {
    let mut v: Vec<[usize; 2]> = spans.to_vec();
    v.sort();
    let mut out: Intervals = Vec::new();
    for [s, e] in v {
        match out.last_mut() {
            Some(last) if s <= last[1] => last[1] = last[1].max(e),
            _ => out.push([s, e]),
        }
    }
    out
}

fn size(u: &Intervals) -> usize {
    u.iter().map(|[s, e]| e - s).sum()
}

fn inter(a: &Intervals, b: &Intervals) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i][0].max(b[j][0]);
        let hi = a[i][1].min(b[j][1]);
        if lo < hi {
            n += hi - lo;
        }
        if a[i][1] < b[j][1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// The system's mentions of one document: spans by entity.
type Mentions = HashMap<String, Vec<[usize; 2]>>;

struct Sys {
    u: Intervals,
    speaker: Option<[usize; 2]>,
    entity: Option<String>,
}

struct G<'a> {
    q: &'a GoldQuote,
    u: Intervals,
}

fn speaker_ok(g: &G, s: &Sys, mentions: &Mentions) -> Option<bool> {
    let gsp = union(&g.q.speaker_spans);
    if gsp.is_empty() {
        return None;
    }
    if let Some(sp) = s.speaker
        && inter(&gsp, &vec![sp]) > 0
    {
        return Some(true);
    }
    if let Some(e) = &s.entity
        && let Some(ms) = mentions.get(e)
        && ms.iter().any(|m| inter(&gsp, &vec![*m]) > 0)
    {
        return Some(true);
    }
    Some(false)
}

fn no_speaker_given(s: &Sys) -> bool {
    s.speaker.is_none() && s.entity.is_none()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Lenient,
    Half,
    Exact,
}

fn matching(golds: &[G], syss: &[Sys], mentions: &Mentions, mode: Mode) -> Vec<(usize, usize)> {
    // (-jaccard, -overlap, speaker wrong, gold, system), sorted ascending.
    let mut cands: Vec<(f64, i64, u8, usize, usize)> = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (si, s) in syss.iter().enumerate() {
            let ov = inter(&g.u, &s.u);
            if ov == 0 {
                continue;
            }
            let jac = ov as f64 / (size(&g.u) + size(&s.u) - ov) as f64;
            if mode == Mode::Half && jac < 0.5 {
                continue;
            }
            if mode == Mode::Exact && (ov != size(&g.u) || ov != size(&s.u)) {
                continue;
            }
            let ok = speaker_ok(g, s, mentions).unwrap_or_else(|| no_speaker_given(s));
            cands.push((-jac, -(ov as i64), u8::from(!ok), gi, si));
        }
    }
    cands.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    let mut gm = BTreeSet::new();
    let mut sm = BTreeSet::new();
    let mut pairs = Vec::new();
    for (_, _, _, gi, si) in cands {
        if gm.contains(&gi) || sm.contains(&si) {
            continue;
        }
        gm.insert(gi);
        sm.insert(si);
        pairs.push((gi, si));
    }
    pairs
}

/// Matched, system and gold counts of one matching mode, with P/R/F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched pairs.
    pub tp: usize,
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

/// `n / d`, or 0 when `d` is 0.
fn ratio(n: usize, d: usize) -> f64 {
    if d > 0 { n as f64 / d as f64 } else { 0.0 }
}

fn prf(tp: usize, nsys: usize, ngold: usize) -> Prf {
    let p = ratio(tp, nsys);
    let r = ratio(tp, ngold);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf { tp, p, r, f1 }
}

/// Recall of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct KindRecall {
    /// Gold quotations of the kind that were matched.
    pub found: usize,
    /// Gold quotations of the kind.
    pub gold: usize,
    /// found / gold.
    pub r: f64,
}

/// Speaker accuracy of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Matched gold quotations with a speaker in the group.
    pub n: usize,
    /// Of which the system's speaker is right.
    pub correct: usize,
    /// correct / n.
    pub accuracy: f64,
}

/// Every figure the reference scorer prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    /// The coarse kinds scored.
    pub kinds: Vec<String>,
    /// Documents in the gold file.
    pub documents: usize,
    /// Gold quotations of the kinds scored.
    pub gold_quotes: usize,
    /// System quotations counted.
    pub system_quotes_counted: usize,
    /// System quotations overlapping only gold quotations of dropped kinds.
    pub system_quotes_uncounted: usize,
    /// System quotations in documents the gold file does not have.
    pub system_quotes_other_docs_ignored: usize,
    /// Overlap matching.
    pub quotes_lenient: Prf,
    /// Jaccard ≥ 0.5.
    pub quotes_half: Prf,
    /// Exact spans.
    pub quotes_exact: Prf,
    /// Recall by fine kind and by `coarse:` kind.
    pub recall_by_kind: BTreeMap<String, KindRecall>,
    /// Speaker accuracy, all.
    pub speaker: Accuracy,
    /// Speaker accuracy for anaphoric gold speakers.
    pub speaker_anaphoric: Accuracy,
    /// Speaker accuracy for the other gold speakers.
    pub speaker_other: Accuracy,
    /// Matched gold quotations without a speaker.
    pub matched_without_gold_speaker: usize,
    /// Of which the system gave none.
    pub of_which_system_gave_none: usize,
    /// Attribution P/R/F1.
    pub attribution: Prf,
}

fn acc((correct, n): (usize, usize)) -> Accuracy {
    Accuracy {
        n,
        correct,
        accuracy: ratio(correct, n),
    }
}

/// Score system quotations against gold, for the given coarse kinds.
pub fn score(gold: &Gold, system: &QuotesJson, kinds: &[&str]) -> Score {
    let (quotes, ignored) = system_quotes(gold, system);
    let mentions = system_mentions(gold, system);
    let empty_q: Vec<Sys> = Vec::new();
    let empty_m: Mentions = HashMap::new();
    let mut c = Counts::default();
    for (doc, d) in &gold.documents {
        let syss = quotes.get(doc.as_str()).unwrap_or(&empty_q);
        let dm = mentions.get(doc.as_str()).unwrap_or(&empty_m);
        c.document(d, syss, dm, kinds);
    }
    c.into_score(gold, kinds, ignored)
}

/// The system quotations of the gold's documents, by document, and how
/// many stand in other documents.
fn system_quotes<'s>(gold: &Gold, system: &'s QuotesJson) -> (HashMap<&'s str, Vec<Sys>>, usize) {
    let mut quotes: HashMap<&str, Vec<Sys>> = HashMap::new();
    let mut ignored = 0;
    for q in &system.quotes {
        if !gold.documents.contains_key(&q.doc) {
            ignored += 1;
            continue;
        }
        quotes.entry(q.doc.as_str()).or_default().push(Sys {
            u: union(&q.spans),
            speaker: q.speaker.map(|s| [s.start, s.end]),
            entity: q.speaker_entity.clone(),
        });
    }
    (quotes, ignored)
}

/// The system mentions of the gold's documents, by document.
fn system_mentions<'s>(gold: &Gold, system: &'s QuotesJson) -> HashMap<&'s str, Mentions> {
    let mut mentions: HashMap<&str, Mentions> = HashMap::new();
    for m in &system.mentions {
        if gold.documents.contains_key(&m.doc) {
            mentions
                .entry(m.doc.as_str())
                .or_default()
                .entry(m.entity.clone())
                .or_default()
                .push([m.start, m.end]);
        }
    }
    mentions
}

/// What [`score`] adds up over the documents.
#[derive(Default)]
struct Counts {
    /// Gold quotations of the kinds scored.
    gold: usize,
    /// Matched pairs, by [`Mode`].
    tp: [usize; 3],
    /// System quotations counted, by [`Mode`].
    sys: [usize; 3],
    /// System quotations overlapping only gold quotations of dropped kinds
    /// (lenient matching).
    sys_uncounted: usize,
    /// `(found, gold)` by fine kind and by `coarse:` kind.
    recall: BTreeMap<String, (usize, usize)>,
    /// `(correct, n)` for anaphoric gold speakers.
    speaker_ana: (usize, usize),
    /// `(correct, n)` for the other gold speakers.
    speaker_other: (usize, usize),
    /// Matched gold quotations without a speaker.
    no_gold_speaker: usize,
    /// Of which the system gave none.
    no_speaker_either: usize,
    /// Matched quotations with the right speaker (or rightly none).
    attribution_tp: usize,
}

impl Counts {
    /// Count one gold document with its system quotations and mentions.
    fn document(&mut self, d: &GoldDoc, syss: &[Sys], dm: &Mentions, kinds: &[&str]) {
        let allg: Vec<G> = d
            .quotes
            .iter()
            .map(|q| G {
                q,
                u: union(&q.text_spans),
            })
            .collect();
        let (golds, dropped): (Vec<G>, Vec<G>) = allg
            .into_iter()
            .partition(|g| kinds.contains(&g.q.kind_coarse.as_str()));
        self.gold += golds.len();
        for mode in [Mode::Lenient, Mode::Half, Mode::Exact] {
            let pairs = matching(&golds, syss, dm, mode);
            let msys: BTreeSet<usize> = pairs.iter().map(|&(_, s)| s).collect();
            let uncounted = syss
                .iter()
                .enumerate()
                .filter(|(si, s)| {
                    !msys.contains(si) && dropped.iter().any(|g| inter(&g.u, &s.u) > 0)
                })
                .count();
            self.tp[mode as usize] += pairs.len();
            self.sys[mode as usize] += syss.len() - uncounted;
            if mode != Mode::Lenient {
                continue;
            }
            self.sys_uncounted += uncounted;
            self.recall(&golds, &pairs);
            self.speakers(&golds, syss, dm, &pairs);
        }
    }

    /// Recall by kind: which gold quotations the matching `pairs` found.
    fn recall(&mut self, golds: &[G], pairs: &[(usize, usize)]) {
        let found: BTreeSet<usize> = pairs.iter().map(|&(g, _)| g).collect();
        for (gi, g) in golds.iter().enumerate() {
            for k in [g.q.kind.clone(), format!("coarse:{}", g.q.kind_coarse)] {
                let e = self.recall.entry(k).or_default();
                e.1 += 1;
                e.0 += usize::from(found.contains(&gi));
            }
        }
    }

    /// Speaker accuracy and attribution over the matching `pairs`.
    fn speakers(&mut self, golds: &[G], syss: &[Sys], dm: &Mentions, pairs: &[(usize, usize)]) {
        for &(gi, si) in pairs {
            let (g, s) = (&golds[gi], &syss[si]);
            match speaker_ok(g, s, dm) {
                None => {
                    self.no_gold_speaker += 1;
                    if no_speaker_given(s) {
                        self.attribution_tp += 1;
                        self.no_speaker_either += 1;
                    }
                }
                Some(ok) => {
                    let group = if g.q.speaker_anaphoric {
                        &mut self.speaker_ana
                    } else {
                        &mut self.speaker_other
                    };
                    group.1 += 1;
                    if ok {
                        group.0 += 1;
                        self.attribution_tp += 1;
                    }
                }
            }
        }
    }

    /// The figures.
    fn into_score(self, gold: &Gold, kinds: &[&str], ignored: usize) -> Score {
        let [lenient, half, exact] = [Mode::Lenient, Mode::Half, Mode::Exact]
            .map(|m| prf(self.tp[m as usize], self.sys[m as usize], self.gold));
        let (ana, other) = (self.speaker_ana, self.speaker_other);
        Score {
            kinds: kinds.iter().map(|k| k.to_string()).collect(),
            documents: gold.documents.len(),
            gold_quotes: self.gold,
            system_quotes_counted: self.sys[Mode::Lenient as usize],
            system_quotes_uncounted: self.sys_uncounted,
            system_quotes_other_docs_ignored: ignored,
            quotes_lenient: lenient,
            quotes_half: half,
            quotes_exact: exact,
            recall_by_kind: self
                .recall
                .into_iter()
                .map(|(k, (found, gold))| {
                    let r = ratio(found, gold);
                    (k, KindRecall { found, gold, r })
                })
                .collect(),
            speaker: acc((ana.0 + other.0, ana.1 + other.1)),
            speaker_anaphoric: acc(ana),
            speaker_other: acc(other),
            matched_without_gold_speaker: self.no_gold_speaker,
            of_which_system_gave_none: self.no_speaker_either,
            attribution: prf(
                self.attribution_tp,
                self.sys[Mode::Lenient as usize],
                self.gold,
            ),
        }
    }
}

impl fmt::Display for Score {
    /// The figures as `score_quotes.py` prints them (without its first two
    /// lines, which name the files).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<24} {:>6} {:>6} {:>6} {:>6}",
            "", "tp", "P", "R", "F1"
        )?;
        for (label, q) in [
            ("quotes (overlap)", &self.quotes_lenient),
            ("quotes (J>=0.5)", &self.quotes_half),
            ("quotes (exact)", &self.quotes_exact),
            ("attribution (quote+spk)", &self.attribution),
        ] {
            writeln!(
                f,
                "{:<24} {:>6} {:>6.3} {:>6.3} {:>6.3}",
                label, q.tp, q.p, q.r, q.f1
            )?;
        }
        let s = &self.speaker;
        let (a, o) = (&self.speaker_anaphoric, &self.speaker_other);
        writeln!(
            f,
            "speaker accuracy {:.3} ({}/{} matched gold quotes with a speaker); anaphoric gold speakers {:.3} ({}/{}), other {:.3} ({}/{})",
            s.accuracy, s.correct, s.n, a.accuracy, a.correct, a.n, o.accuracy, o.correct, o.n
        )?;
        writeln!(
            f,
            "matched gold quotes without a speaker: {}, system gave none for {}",
            self.matched_without_gold_speaker, self.of_which_system_gave_none
        )?;
        let kinds: Vec<String> = self
            .recall_by_kind
            .iter()
            .map(|(k, v)| format!("{k} {:.3} ({}/{})", v.r, v.found, v.gold))
            .collect();
        writeln!(f, "recall by kind (overlap): {}", kinds.join(", "))
    }
}
