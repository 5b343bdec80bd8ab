//! A simple stand-in recogniser and linker: runs of capitalised words that do
//! not start a sentence, linked by their exact text with a genitive `-s`
//! removed. It keeps the reader usable until the statistical engine lands.

use super::index::{Entity, LinkedEntity};
use super::pipeline::{Analysis, doc_of};
use super::{Kind, Recognized};
use std::collections::HashMap;

/// Capitalised runs not at a sentence start.
pub fn recognize(text: &str) -> Vec<Recognized> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut sentence_start = true;
    let mut pos = 0;
    for word in text.split_inclusive([' ', '\n']) {
        let w = word.trim_end();
        let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let lead = w.find(core).unwrap_or(0);
        let cap = core.chars().next().is_some_and(char::is_uppercase) && core.chars().count() > 1;
        if cap && !sentence_start {
            let s = pos + lead;
            let e = s + core.len();
            run = Some(run.map_or((s, e), |(rs, _)| (rs, e)));
        } else if let Some((s, e)) = run.take() {
            out.push(Recognized {
                span: s..e,
                kind: Kind::Other,
            });
        }
        let ends = w.ends_with(['.', '!', '?', ':']) || word.ends_with('\n') || w.is_empty();
        if (ends || core.len() != w.len() - lead)
            && let Some((s, e)) = run.take()
        {
            {
                out.push(Recognized {
                    span: s..e,
                    kind: Kind::Other,
                });
            }
        }
        sentence_start = ends;
        pos += word.len();
    }
    if let Some((s, e)) = run {
        out.push(Recognized {
            span: s..e,
            kind: Kind::Other,
        });
    }
    out
}

/// Link mentions with the same text (a final `s` removed when the shorter
/// form occurs too).
pub fn link(analyses: &[Analysis]) -> Vec<LinkedEntity> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<LinkedEntity> = Vec::new();
    let forms: std::collections::HashSet<&str> = analyses
        .iter()
        .flat_map(|a| a.surfaces.iter().map(String::as_str))
        .collect();
    for (d, a) in analyses.iter().enumerate() {
        for (m, s) in a.mentions.iter().zip(&a.surfaces) {
            let key = match s.strip_suffix('s') {
                Some(base) if forms.contains(base) => base.to_string(),
                _ => s.clone(),
            };
            let i = *by_key.entry(key.clone()).or_insert_with(|| {
                out.push(LinkedEntity {
                    entity: Entity {
                        key: key.to_lowercase().replace(' ', "-"),
                        name: key.clone(),
                        kind: m.kind,
                        aliases: Vec::new(),
                    },
                    mentions: Vec::new(),
                });
                out.len() - 1
            });
            let e = &mut out[i];
            if !e.entity.aliases.contains(s) {
                e.entity.aliases.push(s.clone());
            }
            e.mentions.push((doc_of(d), m.span.clone()));
        }
    }
    out
}
