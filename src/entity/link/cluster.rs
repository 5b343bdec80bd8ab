//! The corpus entity of a cluster of local entities: its mentions, its
//! canonical name and its aliases.

use super::doc::{LocalEntity, LocalMention};
use super::flat::Flat;
use super::keys::stem_keys;
use super::kinds::majority;
use super::surfaces::Surfaces;
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::{Evidence, Rule};
use crate::entity::index::{Entity, LinkedEntity};
use crate::entity::intern::Name;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The corpus entity of a cluster of local entities.
pub(super) fn linked(
    members: &[usize],
    flat: &Flat<'_>,
    edges: &[(u32, u32, Rule)],
    surfaces: &Surfaces,
) -> LinkedEntity {
    // Exactly as many as there are: a corpus's mentions are millions, and
    // the linked entities are held until the index is built from them.
    let total = members
        .iter()
        .map(|&i| flat.get(i).1.mentions().len())
        .sum();
    let mut mentions: Vec<(DocId, Range<usize>)> = Vec::with_capacity(total);
    let mut kinds: Vec<Kind> = Vec::with_capacity(total);
    // surface → (count, first seen, inflected everywhere)
    let mut forms: Vec<(Name, usize, bool)> = Vec::new();
    let mut form_of: FxHashMap<Name, usize> = FxHashMap::default();
    for &i in members {
        let (doc, e) = flat.get(i);
        for m in e.mentions() {
            mentions.push((doc, m.span()));
            kinds.push(m.kind);
            let inflected = m.inflected || is_stem_form(e, m);
            match form_of.get(&m.surface) {
                Some(&f) => {
                    forms[f].1 += 1;
                    forms[f].2 &= inflected;
                }
                None => {
                    form_of.insert(m.surface, forms.len());
                    forms.push((m.surface, 1, inflected));
                }
            }
        }
    }
    mentions.sort_by_key(|(d, s)| (*d, s.start, s.end));
    let kind = majority(kinds.into_iter());
    let name = canonical(&forms, kind, surfaces);
    let mut aliases: Vec<(Name, usize, usize)> = forms
        .iter()
        .enumerate()
        .map(|(i, (s, c, _))| (*s, *c, i))
        .collect();
    aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let aliases: Vec<Name> = aliases.into_iter().map(|a| a.0).collect();
    let evidence = evidence(members, flat, edges, &name, &aliases, surfaces);
    let aliases: Vec<String> = aliases.into_iter().map(|a| a.to_string()).collect();
    LinkedEntity {
        entity: Entity {
            key: String::new(),
            name,
            kind,
            aliases,
            candidates: Vec::new(),
            evidence,
        },
        mentions,
    }
}

/// The name a local entity goes by: its longest uninflected form.
fn main_name(e: LocalEntity<'_>, surfaces: &Surfaces) -> &'static str {
    e.mentions()
        .iter()
        .filter(|m| !m.inflected)
        .max_by_key(|m| {
            (
                surfaces.words(m.surface).len(),
                std::cmp::Reverse(m.start()),
            )
        })
        .or(e.mentions().first())
        .map_or("", |m| m.surface.as_str())
}

/// Why each alias belongs to the cluster: the rule of the join through which
/// the first local entity that has it was reached from the one that has the
/// canonical name, or the in-article rule that put it beside that entity's
/// own name.
fn evidence(
    members: &[usize],
    flat: &Flat<'_>,
    edges: &[(u32, u32, Rule)],
    name: &str,
    aliases: &[Name],
    surfaces: &Surfaces,
) -> Vec<Evidence> {
    let anchor = members
        .iter()
        .copied()
        .find(|&i| {
            flat.entity(i)
                .mentions()
                .iter()
                .any(|m| m.surface.trim() == name)
        })
        .unwrap_or(members[0]);
    // Breadth first from the anchor: how each member was reached.
    let mut adjacent: FxHashMap<usize, Vec<(usize, Rule)>> = FxHashMap::default();
    for &(a, b, rule) in edges {
        adjacent
            .entry(a as usize)
            .or_default()
            .push((b as usize, rule));
        adjacent
            .entry(b as usize)
            .or_default()
            .push((a as usize, rule));
    }
    let mut reached: FxHashMap<usize, (Rule, usize)> = FxHashMap::default();
    let mut order = vec![anchor];
    reached.insert(anchor, (Rule::SameName, anchor));
    let mut next = 0;
    while next < order.len() {
        let at = order[next];
        next += 1;
        for &(to, rule) in adjacent.get(&at).into_iter().flatten() {
            if let std::collections::hash_map::Entry::Vacant(v) = reached.entry(to) {
                v.insert((rule, at));
                order.push(to);
            }
        }
    }
    // Members no edge reaches (joined in one step with others) come last.
    for &i in members {
        if let std::collections::hash_map::Entry::Vacant(v) = reached.entry(i) {
            v.insert((Rule::SameName, anchor));
            order.push(i);
        }
    }
    // The first member (in `order`) that has each surface.
    let mut holder_of: FxHashMap<Name, usize> = FxHashMap::default();
    for &i in &order {
        for m in flat.entity(i).mentions() {
            holder_of.entry(m.surface).or_insert(i);
        }
    }
    aliases
        .iter()
        .map(|&alias| {
            let Some(&i) = holder_of.get(&alias) else {
                return Evidence {
                    alias: alias.to_string(),
                    rule: Rule::SameName,
                    via: String::new(),
                };
            };
            let e = flat.entity(i);
            let own = main_name(e, surfaces);
            let inflected = e
                .mentions()
                .iter()
                .any(|m| m.surface == *alias && m.inflected);
            let (rule, via) = if alias.trim() == name {
                (Rule::SameName, String::new())
            } else if alias.as_str() != own {
                let rule = if inflected {
                    Rule::Inflection
                } else {
                    Rule::InArticle
                };
                (rule, own.to_string())
            } else {
                let (rule, from) = reached[&i];
                (rule, main_name(flat.entity(from), surfaces).to_string())
            };
            Evidence {
                alias: alias.to_string(),
                rule,
                via,
            }
        })
        .collect()
}

/// Whether a mention of an entity known only in inflected forms is one of them.
fn is_stem_form(e: LocalEntity<'_>, m: &LocalMention) -> bool {
    !e.stems().is_empty() && !stem_keys(&m.surface, m.kind).is_empty()
}

/// The most complete frequent form: uninflected forms first; for persons the
/// ones with most words; then the most frequent; then the first seen.
fn canonical(forms: &[(Name, usize, bool)], kind: Kind, surfaces: &Surfaces) -> String {
    let pool: Vec<&(Name, usize, bool)> = if forms.iter().any(|f| !f.2) {
        forms.iter().filter(|f| !f.2).collect()
    } else {
        forms.iter().collect()
    };
    let size = |s: Name| {
        surfaces
            .words(s)
            .iter()
            .map(|w| w.split('-').count())
            .sum::<usize>()
    };
    let max_words = pool.iter().map(|f| size(f.0)).max().unwrap_or(0);
    // For a person, how often a form's last word stands alone in the
    // cluster: between two full names seen equally often, the one whose
    // family name the articles also use alone is the right spelling
    // (`Wolfgang Gerhardt` beside `Gerhardt`, not `Wolfgang Gerhard`).
    let alone = |s: Name| -> usize {
        let last = surfaces.words(s).last().copied().unwrap_or_default();
        forms
            .iter()
            .filter(|f| f.0.trim() == last)
            .map(|f| f.1)
            .sum()
    };
    let mut best: Option<(&(Name, usize, bool), usize)> = None;
    for f in pool {
        if kind == Kind::Person && size(f.0) < max_words {
            continue;
        }
        let attested = if kind == Kind::Person { alone(f.0) } else { 0 };
        if best.is_none_or(|(b, a)| (f.1, attested) > (b.1, a)) {
            best = Some((f, attested));
        }
    }
    let best = best.map(|(f, _)| f);
    best.map(|f| f.0.trim().to_string()).unwrap_or_default()
}

/// A lowercase ASCII slug of a name (`Südkorea` → `suedkorea`).
pub fn slug(name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() {
        "entity".to_string()
    } else {
        trimmed
    }
}
