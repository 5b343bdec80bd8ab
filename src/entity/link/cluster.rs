//! The corpus entity of a cluster of local entities: its mentions, its
//! canonical name and its aliases.

use super::doc::{LocalEntity, LocalMention};
use super::flat::Flat;
use super::global::Edge;
use super::keys::stem_keys;
use super::kinds::Tally;
use super::surfaces::Surfaces;
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::{Evidence, Rule};
use crate::entity::index::{Entity, LinkedEntity};
use crate::entity::intern::Name;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Up to how many forms (or surfaces) a cluster's are found by scanning
/// instead of through a hash map.
const FEW_FORMS: usize = 8;

/// Where a cluster of local entities (`members`, in order) is first
/// mentioned: (document, start), the least of its mentions'. Members are
/// in document order, so only those in the first one's document are read.
pub(super) fn first_mention(members: &[u32], flat: &Flat<'_>) -> Option<(DocId, u32)> {
    let first = |members: &mut dyn Iterator<Item = usize>| {
        members
            .filter_map(|i| {
                let (doc, e) = flat.get(i);
                e.mentions().iter().map(|m| (doc, m.start() as u32)).min()
            })
            .min()
    };
    let doc = flat.doc(*members.first()? as usize);
    let all = || members.iter().map(|&i| i as usize);
    // The first document's members may have no mentions: then all are read.
    first(&mut all().take_while(|&i| flat.doc(i) == doc)).or_else(|| first(&mut all()))
}

/// The corpus entity of a cluster of local entities; its mentions are
/// listed only `with_mentions` (an index built straight from the local
/// entities reads them there).
pub(super) fn linked(
    members: &[u32],
    flat: &Flat<'_>,
    edges: &[Edge],
    surfaces: &Surfaces,
    with_mentions: bool,
) -> LinkedEntity {
    // Exactly as many as there are: a corpus's mentions are millions, and
    // the linked entities are held until the index is built from them.
    let mut mentions: Vec<(DocId, Range<usize>)> = if with_mentions {
        let total = members
            .iter()
            .map(|&i| flat.entity(i as usize).mentions().len())
            .sum();
        Vec::with_capacity(total)
    } else {
        Vec::new()
    };
    let (mut forms, kind) = forms_of(members, flat, with_mentions.then_some(&mut mentions));
    mentions.sort_by_key(|(d, s)| (*d, s.start, s.end));
    let name = canonical(&forms, kind, surfaces);
    // The forms by count, the more frequent first, ties in order of first
    // sight (the sort is stable, and sorts a few forms in place).
    forms.sort_by_key(|f| std::cmp::Reverse(f.1));
    let aliases: Vec<Name> = forms.iter().map(|f| f.0).collect();
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

/// The canonical name of the cluster of local entities `members` (in
/// order): [`linked`]'s, without its mentions, aliases and evidence.
pub(super) fn cluster_name(members: &[u32], flat: &Flat<'_>, surfaces: &Surfaces) -> String {
    let (forms, kind) = forms_of(members, flat, None);
    canonical(&forms, kind, surfaces)
}

/// A form of a cluster's names: its surface, how often it is mentioned,
/// and whether it is inflected everywhere; in order of first mention.
type Form = (Name, usize, bool);

/// The forms of the mentions of the cluster of `members` (in order), and
/// the kind most of them have; each mention listed in `listed` (by
/// document and span) when it is given.
fn forms_of(
    members: &[u32],
    flat: &Flat<'_>,
    mut listed: Option<&mut Vec<(DocId, Range<usize>)>>,
) -> (Vec<Form>, Kind) {
    let mut kinds = Tally::default();
    let mut forms: Vec<Form> = Vec::new();
    // Looked up by scanning `forms` while they are few (most clusters are
    // one article's entity with a form or two).
    let mut form_of: FxHashMap<Name, usize> = FxHashMap::default();
    for &i in members {
        let (doc, e) = flat.get(i as usize);
        for m in e.mentions() {
            if let Some(listed) = listed.as_deref_mut() {
                listed.push((doc, m.span()));
            }
            kinds.add(m.kind);
            // Whether the surface is inflected, worked out only while it
            // can still decide the form's (stem keys are costly).
            let inflected = || m.inflected || is_stem_form(e, m);
            let found = if forms.len() <= FEW_FORMS {
                forms.iter().position(|f| f.0 == m.surface)
            } else {
                if form_of.is_empty() {
                    form_of.extend(forms.iter().enumerate().map(|(f, (s, ..))| (*s, f)));
                }
                form_of.get(&m.surface).copied()
            };
            match found {
                Some(f) => {
                    forms[f].1 += 1;
                    forms[f].2 = forms[f].2 && inflected();
                }
                None => {
                    if !form_of.is_empty() {
                        form_of.insert(m.surface, forms.len());
                    }
                    forms.push((m.surface, 1, inflected()));
                }
            }
        }
    }
    (forms, kinds.majority())
}

/// The name a local entity goes by: its longest uninflected form.
fn main_name(e: LocalEntity<'_>, surfaces: &Surfaces) -> &'static str {
    e.mentions()
        .iter()
        .filter(|m| !m.inflected)
        .max_by_key(|m| (surfaces.count(m.surface), std::cmp::Reverse(m.start())))
        .or(e.mentions().first())
        .map_or("", |m| m.surface.as_str())
}

/// Why each alias belongs to the cluster: the rule of the join through which
/// the first local entity that has it was reached from the one that has the
/// canonical name, or the in-article rule that put it beside that entity's
/// own name.
fn evidence(
    members: &[u32],
    flat: &Flat<'_>,
    edges: &[Edge],
    name: &str,
    aliases: &[Name],
    surfaces: &Surfaces,
) -> Vec<Evidence> {
    let anchor = members
        .iter()
        .map(|&i| i as usize)
        .find(|&i| {
            flat.entity(i)
                .mentions()
                .iter()
                .any(|m| m.surface.trim() == name)
        })
        .unwrap_or(members[0] as usize);
    if let [only] = members {
        // One local entity: nothing was joined to it.
        let only = *only as usize;
        return aliases
            .iter()
            .map(|&alias| alias_evidence(alias, only, (Rule::SameName, only), flat, name, surfaces))
            .collect();
    }
    // Breadth first from the anchor: how each member was reached. Members
    // are told by their place in `members` (in order), the edges of each
    // held in one array (each member's in the order of `edges`).
    debug_assert!(members.is_sorted());
    let at = |i: u32| members.binary_search(&i).ok();
    let mut starts = vec![0usize; members.len() + 1];
    for &e in edges {
        let (a, b, _) = e.parts();
        for x in [a, b].into_iter().filter_map(at) {
            starts[x + 1] += 1;
        }
    }
    for x in 0..members.len() {
        starts[x + 1] += starts[x];
    }
    let mut filled = starts.clone();
    let mut adjacent = vec![(0usize, Rule::SameName); starts[members.len()]];
    for &e in edges {
        let (a, b, rule) = e.parts();
        if let (Some(x), Some(y)) = (at(a), at(b)) {
            adjacent[filled[x]] = (y, rule);
            filled[x] += 1;
            adjacent[filled[y]] = (x, rule);
            filled[y] += 1;
        }
    }
    let anchor_at = at(anchor as u32).unwrap_or(0);
    let mut reached: Vec<Option<(Rule, usize)>> = vec![None; members.len()];
    let mut order = vec![anchor_at];
    reached[anchor_at] = Some((Rule::SameName, anchor));
    let mut next = 0;
    while next < order.len() {
        let x = order[next];
        next += 1;
        for &(y, rule) in &adjacent[starts[x]..starts[x + 1]] {
            if reached[y].is_none() {
                reached[y] = Some((rule, members[x] as usize));
                order.push(y);
            }
        }
    }
    // Members no edge reaches (joined in one step with others) come last.
    for (x, r) in reached.iter_mut().enumerate() {
        if r.is_none() {
            *r = Some((Rule::SameName, anchor));
            order.push(x);
        }
    }
    // The first member (in `order`) that has each surface.
    let mut holder_of: FxHashMap<Name, usize> = FxHashMap::default();
    for &x in &order {
        for m in flat.entity(members[x] as usize).mentions() {
            holder_of.entry(m.surface).or_insert(x);
        }
    }
    aliases
        .iter()
        .map(|&alias| match holder_of.get(&alias) {
            Some(&x) => {
                let reached = reached[x].unwrap_or((Rule::SameName, anchor));
                alias_evidence(alias, members[x] as usize, reached, flat, name, surfaces)
            }
            None => Evidence {
                alias: alias.to_string(),
                rule: Rule::SameName,
                via: String::new(),
            },
        })
        .collect()
}

/// Why `alias` belongs to a cluster named `name`, when `holder` is the first
/// member that has it, reached through `reached` (the rule of the join and
/// the member it was reached from).
fn alias_evidence(
    alias: Name,
    holder: usize,
    reached: (Rule, usize),
    flat: &Flat<'_>,
    name: &str,
    surfaces: &Surfaces,
) -> Evidence {
    let e = flat.entity(holder);
    // The holder's own name is read only for an alias that is not the
    // cluster's name (most clusters have one name).
    let (rule, via) = if alias.trim() == name {
        (Rule::SameName, String::new())
    } else {
        let own = main_name(e, surfaces);
        if alias.as_str() != own {
            let inflected = e
                .mentions()
                .iter()
                .any(|m| m.surface == alias && m.inflected);
            let rule = if inflected {
                Rule::Inflection
            } else {
                Rule::InArticle
            };
            (rule, own.to_string())
        } else {
            let (rule, from) = reached;
            (rule, main_name(flat.entity(from), surfaces).to_string())
        }
    };
    Evidence {
        alias: alias.to_string(),
        rule,
        via,
    }
}

/// Whether a mention of an entity known only in inflected forms is one of them.
fn is_stem_form(e: LocalEntity<'_>, m: &LocalMention) -> bool {
    !e.stems().is_empty() && !stem_keys(&m.surface, m.kind).is_empty()
}

/// The most complete frequent form: uninflected forms first; for persons the
/// ones with most words; then the most frequent; then the first seen.
fn canonical(forms: &[Form], kind: Kind, surfaces: &Surfaces) -> String {
    // Only the uninflected forms, when there are any.
    let any_uninflected = forms.iter().any(|f| !f.2);
    let pool = || forms.iter().filter(move |f| !any_uninflected || !f.2);
    let mut first_two = pool();
    if let (Some(only), None) = (first_two.next(), first_two.next()) {
        return only.0.trim().to_string();
    }
    let size = |s: Name| {
        surfaces
            .words(s)
            .iter()
            .map(|w| w.split('-').count())
            .sum::<usize>()
    };
    // Only a person's forms are weighed by their words.
    let max_words = match kind {
        Kind::Person => pool().map(|f| size(f.0)).max().unwrap_or(0),
        _ => 0,
    };
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
    let mut best: Option<(&Form, usize)> = None;
    for f in pool() {
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
    // No longer than the folded name: one allocation for each of a
    // corpus's entities.
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    if out.is_empty() {
        "entity".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::link::doc::LocalDoc;
    use crate::entity::link::doc::LocalMention;
    use crate::entity::link::testing::{doc_of, one_entity};

    /// A document of entities, each with mentions at the starts given.
    fn doc(entities: &[&[usize]]) -> LocalDoc {
        doc_of(entities.iter().map(|s| (Kind::Place, s.to_vec())))
    }

    #[test]
    fn the_first_mention_is_the_least_of_all_the_members() {
        // Entities 0..3 in document 0, 3..5 in document 1, 5 in document 2.
        let docs = [
            doc(&[&[40, 90], &[10], &[]]),
            doc(&[&[7], &[3]]),
            doc(&[&[1]]),
        ];
        let flat = Flat::new(&docs);
        let first = |members: &[u32]| first_mention(members, &flat);
        // The later member of the first document starts earlier.
        assert_eq!(first(&[0, 1, 3, 5]), Some((DocId(0), 10)));
        assert_eq!(first(&[0, 4]), Some((DocId(0), 40)));
        assert_eq!(first(&[3, 4, 5]), Some((DocId(1), 3)));
        // The first document's member has no mentions: the next document.
        assert_eq!(first(&[2, 4, 5]), Some((DocId(1), 3)));
        assert_eq!(first(&[2]), None);
        assert_eq!(first(&[]), None);
    }

    /// One local entity mentioned by `surfaces` in order, each with its
    /// kind, uninflected, linked on its own.
    fn linked_alone(surfaces: &[(&str, Kind)]) -> LinkedEntity {
        let mentions: Vec<LocalMention> = surfaces
            .iter()
            .enumerate()
            .map(|(i, &(s, kind))| {
                LocalMention::new(i * 100..i * 100 + s.len(), Name::new(s), kind, false).unwrap()
            })
            .collect();
        let docs = [one_entity(surfaces[0].1, &mentions)];
        let flat = Flat::new(&docs);
        let words = Surfaces::new(&flat);
        linked(&[0], &flat, &[], &words, true)
    }

    #[test]
    fn aliases_go_by_count_then_by_first_sight_and_the_name_is_the_first() {
        use Kind::Organization as O;
        let e = linked_alone(&[
            ("Vereinte Nationen", O),
            ("UNO", O),
            ("UN", O),
            ("UN", O),
            ("UNO", O),
        ]);
        // `UNO` and `UN` twice each, `UNO` seen first; the long form once.
        assert_eq!(e.entity.aliases, ["UNO", "UN", "Vereinte Nationen"]);
        assert_eq!(e.entity.name, "UNO");
        assert_eq!(e.mentions.len(), 5);
        // One form: it is the name and the only alias.
        let one = linked_alone(&[("Wladiwostok", Kind::Place), ("Wladiwostok", Kind::Place)]);
        assert_eq!(one.entity.aliases, ["Wladiwostok"]);
        assert_eq!(one.entity.name, "Wladiwostok");
        // Each alias has its evidence, in the same order.
        let evidence: Vec<&str> = e
            .entity
            .evidence
            .iter()
            .map(|ev| ev.alias.as_str())
            .collect();
        assert_eq!(evidence, ["UNO", "UN", "Vereinte Nationen"]);
    }

    #[test]
    fn the_kind_is_the_most_frequent_and_a_tie_goes_to_the_earlier_kind() {
        use Kind::{Organization as O, Place as P};
        let more_organizations = linked_alone(&[("Moskau", P), ("Moskau", O), ("Moskau", O)]);
        assert_eq!(more_organizations.entity.kind, O);
        let more_places = linked_alone(&[("Moskau", O), ("Moskau", P), ("Moskau", P)]);
        assert_eq!(more_places.entity.kind, P);
        // Places come before organizations in `Kind::ALL`.
        let tie = linked_alone(&[("Moskau", O), ("Moskau", P)]);
        assert_eq!(tie.entity.kind, P);
    }

    #[test]
    fn a_slug_is_folded_lowercase_ascii_joined_by_single_hyphens() {
        assert_eq!(slug("Südkorea"), "suedkorea");
        assert_eq!(slug("Kim Jong-un"), "kim-jong-un");
        assert_eq!(slug("Kim  Jong – Un"), "kim-jong-un");
        // Nothing before the first letter or after the last.
        assert_eq!(slug("„Hamas“ –"), "hamas");
        assert_eq!(slug("- Élysée -"), "elysee");
        // A name with no letter or digit to keep.
        assert_eq!(slug("–"), "entity");
        assert_eq!(slug(""), "entity");
        assert_eq!(slug("G20"), "g20");
    }
}
