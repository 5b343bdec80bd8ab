//! Splits by the user ([`Split`]): one spelling of an entity leaves it,
//! with its mentions, as an entity of its own. Used when linking joined
//! two different people or places under one entry (`St. Pölten` joined to
//! `SPÖ`, the Land `Bayern` to `FC Bayern`).
//!
//! The spelling is compared folded (case, umlauts, diacritics) with the
//! surface of each mention, so every mention written that way goes, in
//! every article; the entity is found by a name or alias as merges find
//! it. The entity that stays keeps its key (and takes another of its
//! spellings as its name when its name left); the new one gets a key of
//! its own made from its name, and comes right after it in the list. A
//! split that finds no such entity, or whose spelling is the entity's only
//! one, changes nothing and is reported ([`Unapplied`]).

use super::cluster::slug;
use super::corrections::Split;
use crate::entity::evidence::Evidence;
use crate::entity::index::{Entity, LinkedEntity};
use std::collections::{HashMap, HashSet};

/// Why a split changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unapplied {
    /// No entity with that name or alias holds the spelling.
    NotFound,
    /// The spelling is the entity's only one: nothing would stay.
    OnlySpelling,
}

/// Apply `splits` in order to `linked`; `texts[d]` is the text of document
/// `d`, `fold` folds a name for comparison. The entities, and for each
/// split whether it was applied (`None`) or why not.
pub(super) fn split_off(
    linked: Vec<LinkedEntity>,
    splits: &[&Split],
    texts: &[&str],
    fold: impl Fn(&str) -> String,
) -> (Vec<LinkedEntity>, Vec<Option<Unapplied>>) {
    let mut outcome = Vec::with_capacity(splits.len());
    if splits.is_empty() {
        return (linked, outcome);
    }
    let mut linked = linked;
    // Each entity's name and aliases folded once, and where each folded
    // name is: by name first, then by alias (as merges look them up).
    let mut spellings: Vec<Vec<String>> = linked
        .iter()
        .map(|le| le.entity.aliases.iter().map(|a| fold(a)).collect())
        .collect();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_alias: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, le) in linked.iter().enumerate() {
        by_name.entry(fold(&le.entity.name)).or_default().push(i);
        for a in &spellings[i] {
            by_alias.entry(a.clone()).or_default().push(i);
        }
    }
    let mut keys: HashSet<String> = linked.iter().map(|le| le.entity.key.clone()).collect();
    // The entity each new one was split from (to place it after it).
    let mut parent: Vec<Option<usize>> = vec![None; linked.len()];
    for split in splits {
        let (spelling, from) = (fold(&split.name), fold(&split.from));
        let holds = |i: &usize| {
            spellings[*i].contains(&spelling) || fold(&linked[*i].entity.name) == spelling
        };
        let candidates = by_name
            .get(&from)
            .into_iter()
            .chain(by_alias.get(&from))
            .flatten();
        let Some(i) = candidates.copied().find(holds) else {
            outcome.push(Some(Unapplied::NotFound));
            continue;
        };
        let surface = |(d, s): &(crate::corpus::DocId, std::ops::Range<usize>)| {
            texts
                .get(d.index())
                .and_then(|t| t.get(s.clone()))
                .map(&fold)
                .unwrap_or_default()
        };
        let (leaving, staying): (Vec<_>, Vec<_>) = linked[i]
            .mentions
            .iter()
            .cloned()
            .partition(|m| surface(m) == spelling);
        if staying.is_empty() || leaving.is_empty() {
            outcome.push(Some(if leaving.is_empty() {
                Unapplied::NotFound
            } else {
                Unapplied::OnlySpelling
            }));
            continue;
        }
        let old = &mut linked[i];
        old.mentions = staying;
        let (gone, kept): (Vec<String>, Vec<String>) = std::mem::take(&mut old.entity.aliases)
            .into_iter()
            .partition(|a| fold(a) == spelling);
        old.entity.aliases = kept;
        let (gone_evidence, kept_evidence): (Vec<Evidence>, Vec<Evidence>) =
            std::mem::take(&mut old.entity.evidence)
                .into_iter()
                .partition(|e| fold(&e.alias) == spelling);
        old.entity.evidence = kept_evidence;
        if fold(&old.entity.name) == spelling {
            // Its name left: the fullest spelling that stays names it.
            let name = old
                .entity
                .aliases
                .iter()
                .enumerate()
                .max_by_key(|(p, a)| (a.split_whitespace().count(), std::cmp::Reverse(*p)))
                .map(|(_, a)| a.clone())
                .unwrap_or_default();
            by_name.entry(fold(&name)).or_default().push(i);
            old.entity.name = name;
        }
        let name = gone.first().cloned().unwrap_or_else(|| split.name.clone());
        let base = slug(&name);
        let mut key = base.clone();
        let mut k = 2;
        while !keys.insert(key.clone()) {
            key = format!("{base}-{k}");
            k += 1;
        }
        let mut entity = Entity::new(&name, old.entity.kind, gone);
        entity.key = key;
        entity.evidence = gone_evidence;
        let new = linked.len();
        spellings[i].retain(|a| *a != spelling);
        let named = by_name.entry(spelling.clone()).or_default();
        named.retain(|&j| j != i);
        named.push(new);
        if let Some(list) = by_alias.get_mut(&spelling) {
            list.retain(|&j| j != i);
            list.push(new);
        }
        spellings.push(vec![spelling.clone()]);
        parent.push(Some(i));
        linked.push(LinkedEntity {
            entity,
            mentions: leaving,
        });
        outcome.push(None);
    }
    // Each new entity right after the one it left (its own splits after it).
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); linked.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    let mut order = Vec::with_capacity(linked.len());
    fn visit(i: usize, children: &[Vec<usize>], order: &mut Vec<usize>) {
        order.push(i);
        for &c in &children[i] {
            visit(c, children, order);
        }
    }
    for (i, p) in parent.iter().enumerate() {
        if p.is_none() {
            visit(i, &children, &mut order);
        }
    }
    let mut slots: Vec<Option<LinkedEntity>> = linked.into_iter().map(Some).collect();
    let out = order.into_iter().filter_map(|i| slots[i].take()).collect();
    (out, outcome)
}

#[cfg(test)]
mod tests {
    use crate::corpus::DocId;
    use crate::entity::Kind;
    use crate::entity::fixture::{IndexBuilder, span_of};
    use crate::entity::index::{Entity, LinkedEntity};
    use crate::entity::link::corrections::Corrections;

    const TEXTS: [&str; 2] = [
        "Die SPÖ tagte in St. Pölten. Wien schwieg.",
        "Die SPÖ siegte, sagte Kim. Kim Jong-un schwieg.",
    ];

    /// What linking might hand over: `St. Pölten` wrongly joined to `SPÖ`
    /// (an acronym read into a place), and `Kim` to `Kim Jong-un`.
    fn linked() -> Vec<LinkedEntity> {
        IndexBuilder::over(&TEXTS)
            .with_entity(Entity::new(
                "SPÖ",
                Kind::Organization,
                vec!["SPÖ".into(), "St. Pölten".into()],
            ))
            .found(0, "SPÖ", 0)
            .found(0, "St. Pölten", 0)
            .found(1, "SPÖ", 0)
            .entity("Wien", Kind::Place)
            .found(0, "Wien", 0)
            .with_entity(Entity::new(
                "Kim Jong-un",
                Kind::Person,
                vec!["Kim Jong-un".into(), "Kim".into()],
            ))
            .found(1, "Kim", 0)
            .found(1, "Kim Jong-un", 0)
            .linked()
    }

    /// An entity's key, name, aliases and mentions.
    type Shape = (
        String,
        String,
        Vec<String>,
        Vec<(DocId, std::ops::Range<usize>)>,
    );

    /// Each entity's key, name, aliases and mentions, to compare results.
    fn shape(out: &[LinkedEntity]) -> Vec<Shape> {
        out.iter()
            .map(|le| {
                let e = &le.entity;
                (
                    e.key.clone(),
                    e.name.clone(),
                    e.aliases.clone(),
                    le.mentions.clone(),
                )
            })
            .collect()
    }

    fn names(out: &[LinkedEntity]) -> Vec<&str> {
        out.iter().map(|le| le.entity.name.as_str()).collect()
    }

    fn find<'a>(out: &'a [LinkedEntity], name: &str) -> &'a LinkedEntity {
        out.iter().find(|le| le.entity.name == name).expect(name)
    }

    fn apply(c: &Corrections) -> (Vec<LinkedEntity>, Vec<String>) {
        c.apply_noting(linked(), &TEXTS)
    }

    #[test]
    fn a_split_sets_one_spelling_apart_and_leaves_the_rest_joined() {
        let mut c = Corrections::default();
        c.add_split("st. pölten", "SPÖ");
        let (out, notes) = apply(&c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            names(&out),
            ["SPÖ", "St. Pölten", "Wien", "Kim Jong-un"],
            "the new entity comes right after the one it left"
        );
        let spoe = find(&out, "SPÖ");
        assert_eq!(
            spoe.entity.key, "spoe",
            "the entity that stays keeps its key"
        );
        assert_eq!(spoe.entity.aliases, ["SPÖ"]);
        assert_eq!(
            spoe.mentions,
            [(DocId(0), 4..8), (DocId(1), 4..8)],
            "both mentions of SPÖ stay joined, across articles"
        );
        let place = find(&out, "St. Pölten");
        assert_eq!(place.entity.key, "st-poelten");
        assert_eq!(place.entity.kind, Kind::Organization);
        assert_eq!(
            place.mentions,
            [(DocId(0), span_of(TEXTS[0], "St. Pölten", 0))]
        );
        // Untouched entities stay as they were.
        assert_eq!(find(&out, "Kim Jong-un").mentions.len(), 2);
        assert_eq!(find(&out, "Wien").mentions.len(), 1);
    }

    #[test]
    fn splitting_an_entitys_name_leaves_it_named_by_what_stays() {
        let mut c = Corrections::default();
        c.add_split("Kim Jong-un", "Kim");
        let (out, notes) = apply(&c);
        assert!(notes.is_empty(), "{notes:?}");
        let kim = find(&out, "Kim");
        assert_eq!(kim.entity.key, "kim-jong-un", "the key stays with the rest");
        assert_eq!(kim.mentions, [(DocId(1), span_of(TEXTS[1], "Kim", 0))]);
        let full = find(&out, "Kim Jong-un");
        assert_eq!(full.entity.key, "kim-jong-un-2", "keys stay unique");
        assert_eq!(
            full.mentions,
            [(DocId(1), span_of(TEXTS[1], "Kim Jong-un", 0))]
        );
    }

    #[test]
    fn a_split_that_names_nothing_present_is_reported_and_changes_nothing() {
        let plain = shape(&Corrections::default().apply(linked(), &TEXTS));
        for (name, from, why) in [
            ("Graz", "SPÖ", "no entity called “SPÖ” has it"),
            ("St. Pölten", "Nobody", "no entity called “Nobody” has it"),
            ("St. Pölten", "Wien", "no entity called “Wien” has it"),
            ("Wien", "Wien", "it is the only spelling of “Wien”"),
        ] {
            let mut c = Corrections::default();
            c.add_split(name, from);
            let (out, notes) = apply(&c);
            assert_eq!(shape(&out), plain, "{name} from {from}");
            assert_eq!(notes, [format!("split “{name}” from “{from}”: {why}")]);
        }
    }

    #[test]
    fn the_later_of_a_split_and_a_merge_of_the_same_pair_wins() {
        let mut c = Corrections::default();
        c.add_split("St. Pölten", "SPÖ");
        c.add_merge("st. pölten", "spö");
        assert!(c.split.is_empty(), "the merge replaced the split");
        let (out, _) = apply(&c);
        assert_eq!(find(&out, "SPÖ").mentions.len(), 3, "joined again");
        c.add_split("St. Pölten", "SPÖ");
        assert!(c.merge.is_empty(), "the split replaced the merge");
        let (out, _) = apply(&c);
        assert_eq!(find(&out, "SPÖ").mentions.len(), 2, "apart again");
        c.add_alias("SPÖ", "St. Pölten");
        assert!(c.split.is_empty(), "an alias is a merge too");
        // A merge of other names leaves the split alone.
        c.add_split("St. Pölten", "SPÖ");
        c.add_merge("Wien", "SPÖ");
        assert_eq!(c.split.len(), 1);
    }

    #[test]
    fn what_a_split_set_apart_can_be_merged_elsewhere() {
        let mut c = Corrections::default();
        c.add_split("St. Pölten", "SPÖ");
        c.add_merge("St. Pölten", "Wien");
        let (out, notes) = apply(&c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(names(&out), ["SPÖ", "Wien", "Kim Jong-un"]);
        assert_eq!(find(&out, "Wien").mentions.len(), 2);
        assert_eq!(find(&out, "SPÖ").mentions.len(), 2);
    }

    #[test]
    fn a_split_finds_a_spelling_a_merge_brought_in() {
        let mut c = Corrections::default();
        c.add_merge("Wien", "Kim Jong-un");
        c.add_split("Wien", "Kim Jong-un");
        assert!(c.merge.is_empty(), "the same pair: the split replaced it");
        let mut c = Corrections::default();
        c.add_merge("SPÖ", "Kim Jong-un");
        c.add_split("St. Pölten", "Kim Jong-un");
        let (out, notes) = apply(&c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(find(&out, "Kim Jong-un").mentions.len(), 4);
        assert_eq!(find(&out, "St. Pölten").mentions.len(), 1);
    }

    #[test]
    fn splits_round_trip_through_the_file() {
        let mut c = Corrections::default();
        c.add_split("St. Pölten", "SPÖ");
        c.add_split("St. Pölten", "SPÖ");
        assert_eq!(c.split.len(), 1, "duplicates are skipped");
        let text = c.to_toml();
        assert!(text.contains("[[split]]"), "{text}");
        assert_eq!(Corrections::parse(&text).unwrap(), c);
        assert!(!c.is_empty());
        assert!(Corrections::parse("[[split]]\nname = \"a\"\n").is_err());
    }
}
