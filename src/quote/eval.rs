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

struct Sys {
    u: Intervals,
    speaker: Option<[usize; 2]>,
    entity: Option<String>,
}

struct G<'a> {
    q: &'a GoldQuote,
    u: Intervals,
}

fn speaker_ok(g: &G, s: &Sys, mentions: &HashMap<String, Vec<[usize; 2]>>) -> Option<bool> {
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

fn matching(
    golds: &[G],
    syss: &[Sys],
    mentions: &HashMap<String, Vec<[usize; 2]>>,
    mode: Mode,
) -> Vec<(usize, usize)> {
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

fn prf(tp: usize, nsys: usize, ngold: usize) -> Prf {
    let p = if nsys > 0 {
        tp as f64 / nsys as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
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

fn acc(correct: usize, n: usize) -> Accuracy {
    Accuracy {
        n,
        correct,
        accuracy: if n > 0 {
            correct as f64 / n as f64
        } else {
            0.0
        },
    }
}

/// Score system quotations against gold, for the given coarse kinds.
pub fn score(gold: &Gold, system: &QuotesJson, kinds: &[&str]) -> Score {
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
    let mut mentions: HashMap<&str, HashMap<String, Vec<[usize; 2]>>> = HashMap::new();
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
    let empty_q: Vec<Sys> = Vec::new();
    let empty_m: HashMap<String, Vec<[usize; 2]>> = HashMap::new();
    let mut c: HashMap<&str, usize> = HashMap::new();
    let mut rk: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (doc, d) in &gold.documents {
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
        let syss = quotes.get(doc.as_str()).unwrap_or(&empty_q);
        let dm = mentions.get(doc.as_str()).unwrap_or(&empty_m);
        *c.entry("gold").or_default() += golds.len();
        for (mode, name) in [
            (Mode::Lenient, "lenient"),
            (Mode::Half, "half"),
            (Mode::Exact, "exact"),
        ] {
            let pairs = matching(&golds, syss, dm, mode);
            let msys: BTreeSet<usize> = pairs.iter().map(|&(_, s)| s).collect();
            let uncounted = syss
                .iter()
                .enumerate()
                .filter(|(si, s)| {
                    !msys.contains(si) && dropped.iter().any(|g| inter(&g.u, &s.u) > 0)
                })
                .count();
            *c.entry(if name == "lenient" {
                "lenient:tp"
            } else if name == "half" {
                "half:tp"
            } else {
                "exact:tp"
            })
            .or_default() += pairs.len();
            *c.entry(if name == "lenient" {
                "lenient:sys"
            } else if name == "half" {
                "half:sys"
            } else {
                "exact:sys"
            })
            .or_default() += syss.len() - uncounted;
            if mode != Mode::Lenient {
                continue;
            }
            *c.entry("sys_uncounted").or_default() += uncounted;
            let found: BTreeSet<usize> = pairs.iter().map(|&(g, _)| g).collect();
            for (gi, g) in golds.iter().enumerate() {
                for k in [g.q.kind.clone(), format!("coarse:{}", g.q.kind_coarse)] {
                    let e = rk.entry(k).or_default();
                    e.1 += 1;
                    e.0 += usize::from(found.contains(&gi));
                }
            }
            for &(gi, si) in &pairs {
                let (g, s) = (&golds[gi], &syss[si]);
                match speaker_ok(g, s, dm) {
                    None => {
                        *c.entry("mng").or_default() += 1;
                        if no_speaker_given(s) {
                            *c.entry("attr_tp").or_default() += 1;
                            *c.entry("mng_none").or_default() += 1;
                        }
                    }
                    Some(ok) => {
                        let grp = if g.q.speaker_anaphoric {
                            "ana"
                        } else {
                            "other"
                        };
                        *c.entry("spk_n").or_default() += 1;
                        *c.entry(if grp == "ana" { "n_ana" } else { "n_other" })
                            .or_default() += 1;
                        if ok {
                            *c.entry("spk_ok").or_default() += 1;
                            *c.entry(if grp == "ana" { "ok_ana" } else { "ok_other" })
                                .or_default() += 1;
                            *c.entry("attr_tp").or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    let n = |k: &str| c.get(k).copied().unwrap_or(0);
    Score {
        kinds: kinds.iter().map(|k| k.to_string()).collect(),
        documents: gold.documents.len(),
        gold_quotes: n("gold"),
        system_quotes_counted: n("lenient:sys"),
        system_quotes_uncounted: n("sys_uncounted"),
        system_quotes_other_docs_ignored: ignored,
        quotes_lenient: prf(n("lenient:tp"), n("lenient:sys"), n("gold")),
        quotes_half: prf(n("half:tp"), n("half:sys"), n("gold")),
        quotes_exact: prf(n("exact:tp"), n("exact:sys"), n("gold")),
        recall_by_kind: rk
            .into_iter()
            .map(|(k, (found, gold))| {
                let r = if gold > 0 {
                    found as f64 / gold as f64
                } else {
                    0.0
                };
                (k, KindRecall { found, gold, r })
            })
            .collect(),
        speaker: acc(n("spk_ok"), n("spk_n")),
        speaker_anaphoric: acc(n("ok_ana"), n("n_ana")),
        speaker_other: acc(n("ok_other"), n("n_other")),
        matched_without_gold_speaker: n("mng"),
        of_which_system_gave_none: n("mng_none"),
        attribution: prf(n("attr_tp"), n("lenient:sys"), n("gold")),
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
