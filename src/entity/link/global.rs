//! Linking across documents: the local entities of every document are
//! merged into corpus entities, step by step (see [`global`]), each join
//! recorded with the rule that made it so that the reader can show why an
//! entity holds what it holds.
//!
//! Every step blocks by keys in hash maps: no comparison of all pairs, so it
//! scales to a hundred thousand documents, and no step depends on hash
//! order or on the order of the files.

mod initials;
mod known;
mod short_form;
mod spelling;
mod surname;

use super::cluster::linked;
use super::cluster::slug;
use super::doc::{LocalDoc, LocalEntity};
use super::flat::Flat;
use super::kinds::class;
use super::surfaces::Surfaces;
use super::union::Union;
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::index::{Entity, EntityId, EntityIndex, LinkedEntity, Mention};
use crate::entity::intern::Name;
use crate::entity::stored_evidence::{EncodedEvidence, StoredEvidence};
use known::KnownEntries;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use spelling::FullNames;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::ops::Range;

/// Link the local entities of all documents (`docs[i]` is document `i`) into
/// corpus entities. Deterministic: the same input gives the same output.
///
/// The steps, in order (each reads what the earlier ones joined):
/// 1. [`Linker::join_equal_keys`]: entities that share a match key;
/// 2. [`Linker::join_stems`]: inflected-only names meet their stem;
/// 3. [`Linker::join_known_names`]: names of one country or body in the
///    tables of `assets/linking`;
/// 4. [`Linker::join_initials`]: acronyms and the long forms whose initials
///    they are;
/// 5. [`Linker::join_short_forms`]: shorter forms of organization names;
/// 6. [`Linker::join_spellings`]: spelling variants of full names;
/// 7. [`Linker::join_surnames`]: names known only by a surname, as a scored
///    decision between the full names that carry it.
///
/// What steps 3, 6 and 7 read of the entities alone (the known names they
/// name, the full names, the entities that may be surnames) is gathered on
/// another core while the steps before them join.
pub fn global(docs: &[LocalDoc]) -> Vec<LinkedEntity> {
    let flat = Flat::new(docs);
    let surfaces = Surfaces::new(&flat);
    let mut linker = Linker::new(docs.len(), &flat, &surfaces);
    join_all(&mut linker, &flat, &surfaces);
    linker.into_entities()
}

/// [`global`] made into the [`EntityIndex`] of the `docs.len()` documents:
/// the same index as [`EntityIndex::new`] of [`global`]'s entities, built
/// without a list of mentions per entity first (at a million articles,
/// eighteen million mentions held twice, and their sort), with the
/// entities' evidence held encoded, and the words of the surfaces let go
/// before the mentions are listed.
pub fn global_index(docs: &[LocalDoc]) -> EntityIndex {
    let flat = Flat::new(docs);
    let surfaces = Surfaces::new(&flat);
    let mut linker = Linker::new(docs.len(), &flat, &surfaces);
    join_all(&mut linker, &flat, &surfaces);
    let roots = linker.roots();
    let mut evidence = Evidence::default();
    let (entities, entity_roots) = linker.clusters(
        &roots,
        Made::Index,
        |linked| linked.entity,
        |bytes| evidence.push(bytes),
    );
    let doc_range = std::mem::take(&mut linker.doc_range);
    drop(linker);
    drop(surfaces);
    // What making the entities took (the edges and candidates by cluster,
    // each entity's evidence before it was encoded, the words of every
    // surface) is given back before the mentions are listed.
    crate::heap::give_back();
    let (entities, stored) = evidence.into_entities(entities);
    index_of(&flat, &roots, entities, &entity_roots, stored, &doc_range)
}

/// The evidence of the entities of an index as [`Linker::clusters`] makes
/// them, entity after entity: encoded in one buffer, unless it comes to
/// 4 GiB or more, when the rest is kept apart and all of it is decoded
/// into the entities ([`Evidence::into_entities`]).
#[derive(Default)]
struct Evidence {
    encoded: EncodedEvidence,
    /// The entities' encoded evidence that did not fit `encoded`, in order.
    over: Vec<Vec<u8>>,
}

impl Evidence {
    /// Add the next entity's encoded evidence.
    fn push(&mut self, bytes: &[u8]) {
        if !self.over.is_empty() || !self.encoded.push(bytes) {
            self.over.push(bytes.to_vec());
        }
    }

    /// The entities with their evidence stored encoded, or, when it did
    /// not all fit, decoded into each.
    fn into_entities(self, mut entities: Vec<Entity>) -> (Vec<Entity>, Option<StoredEvidence>) {
        let stored = self.encoded.stored();
        if self.over.is_empty() {
            return (entities, Some(stored));
        }
        let fit = stored.len();
        for (i, e) in entities.iter_mut().enumerate() {
            e.evidence = match i.checked_sub(fit) {
                None => stored.get(i),
                Some(o) => postcard::from_bytes(&self.over[o]).unwrap_or_default(),
            };
        }
        (entities, None)
    }
}

/// Steps 1 to 7 of [`global`], on `linker` (of `flat`, whose surfaces'
/// words are `surfaces`).
fn join_all<'a>(linker: &mut Linker<'a>, flat: &'a Flat<'a>, surfaces: &'a Surfaces) {
    let (known, ()) = rayon::join(
        || KnownEntries::of(flat, surfaces),
        || {
            let by_key = linker.join_equal_keys();
            // The entities by key are let go here, not held through the
            // steps after (12 MB at 100,000 articles, at the cold open's
            // peak).
            linker.join_stems(by_key);
        },
    );
    linker.join_known_names(known);
    let ((full_names, surnames), ()) = rayon::join(
        || {
            (
                FullNames::of(flat, surfaces),
                surname::Gathered::new(flat, surfaces),
            )
        },
        || {
            linker.join_initials();
            linker.join_short_forms();
        },
    );
    linker.join_spellings(full_names);
    linker.join_surnames(surnames);
    // What steps 6 and 7 read is let go, in many small blocks between the
    // analyses' and the linker's: given back now, before the entities are
    // made (at the bench's million articles, 1.05 GB of 2.9 GB resident).
    crate::heap::give_back();
}

/// The index of `entities` (as [`Linker::clusters`] made them for an
/// index, `entity_roots[e]` the root of entity `e`'s local entities) of
/// the local entities `flat`, whose roots are `roots` and whose documents'
/// ranges are `doc_range`: each document's mentions are read from its
/// local entities, with the number of the corpus entity each belongs to.
/// The entities' evidence is `stored` (else held by each).
fn index_of(
    flat: &Flat<'_>,
    roots: &[usize],
    entities: Vec<Entity>,
    entity_roots: &[usize],
    stored: Option<StoredEvidence>,
    doc_range: &[Range<usize>],
) -> EntityIndex {
    // The number of each cluster's entity, by its root.
    let mut number = vec![u32::MAX; roots.len()];
    for (e, &root) in entity_roots.iter().enumerate() {
        number[root] = e as u32;
    }
    let total = (0..flat.len())
        .map(|i| flat.entity(i).mentions().len())
        .sum();
    let mut mentions: Vec<Mention> = Vec::with_capacity(total);
    let mut in_doc: Vec<Mention> = Vec::new();
    for (d, range) in doc_range.iter().enumerate() {
        in_doc.clear();
        for i in range.clone() {
            let entity = EntityId(number[roots[i]]);
            in_doc.extend(flat.entity(i).mentions().iter().map(|m| Mention {
                doc: DocId(d as u32),
                start: m.start() as u32,
                end: m.end() as u32,
                entity,
            }));
        }
        // As `EntityIndex::new` orders them: by start, the longer first,
        // then by entity (its sort is stable over the entities in order).
        in_doc.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.entity.0));
        mentions.extend_from_slice(&in_doc);
    }
    EntityIndex::from_sorted(doc_range.len(), entities, mentions, stored)
}

/// The local entities of a corpus while they are being joined.
pub(super) struct Linker<'a> {
    /// Every local entity with its document, in document order.
    pub(super) flat: &'a Flat<'a>,
    /// Which entities are joined so far.
    pub(super) uf: Union,
    /// The range of `flat` that holds each document's entities.
    pub(super) doc_range: Vec<Range<usize>>,
    /// Every join that merged two clusters: (entity, entity, rule).
    pub(super) edges: Vec<(u32, u32, Rule)>,
    /// Ambiguous groups: a member of each, with the roots of its candidates.
    pub(super) ambiguous: Vec<(usize, Vec<usize>)>,
    /// The words of every surface, split once.
    pub(super) surfaces: &'a Surfaces,
}

impl<'a> Linker<'a> {
    /// The entities of `flat` (of `docs` documents), each on its own.
    fn new(docs: usize, flat: &'a Flat<'a>, surfaces: &'a Surfaces) -> Linker<'a> {
        // `flat` is in document order, so each document is one range of it.
        let mut doc_range: Vec<Range<usize>> = vec![0..0; docs];
        for (i, (d, _)) in flat.iter().enumerate() {
            let r = &mut doc_range[d.index()];
            if r.start == r.end {
                *r = i..i + 1;
            } else {
                r.end = i + 1;
            }
        }
        Linker {
            uf: Union::new(flat.len()),
            surfaces,
            flat,
            doc_range,
            edges: Vec::new(),
            ambiguous: Vec::new(),
        }
    }

    /// Join the clusters of `a` and `b`, recording why.
    pub(super) fn join(&mut self, a: usize, b: usize, rule: Rule) {
        if self.uf.find(a) != self.uf.find(b) {
            self.uf.union(a, b);
            self.edges.push((a as u32, b as u32, rule));
        }
    }

    /// The kind of local entity `i`.
    pub(super) fn kind(&self, i: usize) -> Kind {
        self.flat.kind(i)
    }

    /// Join the entries of a bucket whose kinds are compatible: each kind
    /// class's entries with each other, and `Other` entries with the first
    /// other class.
    pub(super) fn join_compatible(&mut self, bucket: &[usize], rule: Rule) {
        let mut first: [Option<usize>; 3] = [None; 3];
        for &i in bucket {
            let k = class(self.kind(i));
            match first[k] {
                Some(f) => self.join(f, i, rule),
                None => first[k] = Some(i),
            }
        }
        if let Some(other) = first[2]
            && let Some(&target) = first[..2].iter().flatten().min()
        {
            self.join(target, other, rule);
        }
    }

    /// Step 1: equal keys. Persons known only by one word wait for step 7:
    /// the same surname may name different people in different documents.
    /// Returns the entities by key, for step 2.
    fn join_equal_keys(&mut self) -> FxHashMap<Name, Vec<usize>> {
        let mut by_key: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            if !e.surname().is_empty() {
                continue;
            }
            for &k in e.keys() {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut buckets: Vec<&Vec<usize>> = by_key.values().collect();
        buckets.sort_unstable();
        for bucket in buckets {
            self.join_compatible(bucket, Rule::SameName);
            self.join_mistyped_full_names(bucket);
        }
        by_key
    }

    /// A person's full name that recognition typed as an organization or a
    /// place elsewhere (`Mitt Romney`) is the person, when the person's
    /// mentions of that name are at least as many.
    fn join_mistyped_full_names(&mut self, bucket: &[usize]) {
        let full_name =
            |i: &usize| self.kind(*i) == Kind::Person && !self.flat.entity(*i).family().is_empty();
        let Some(&person) = bucket.iter().find(|i| full_name(i)) else {
            return;
        };
        let multi_word = |i: &usize| {
            self.kind(*i) != Kind::Person
                && self
                    .flat
                    .entity(*i)
                    .mentions()
                    .iter()
                    .all(|m| self.surfaces.words(m.surface).len() >= 2)
        };
        let others: Vec<usize> = bucket.iter().copied().filter(multi_word).collect();
        let count = |is: &mut dyn Iterator<Item = usize>| -> usize {
            is.map(|i| self.flat.entity(i).mentions().len()).sum()
        };
        let persons = count(&mut bucket.iter().copied().filter(full_name));
        if !others.is_empty() && persons >= count(&mut others.iter().copied()) {
            for o in others {
                self.join(person, o, Rule::SameName);
            }
        }
    }

    /// Step 2: inflected-only names meet their stem, or each other. (Lone
    /// surnames keep their stems for step 7.)
    fn join_stems(&mut self, by_key: FxHashMap<Name, Vec<usize>>) {
        let mut orphan_stems: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        // The entities of each key, one per cluster and kind: a common name
        // has an entity in every article, and clusters only grow, so one
        // of each stands for all (read once per key, not once per stem).
        let mut representatives: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        for i in 0..self.flat.len() {
            let e = self.flat.entity(i);
            if !e.surname().is_empty() {
                continue;
            }
            for s in e.stems() {
                let list = match representatives.get(s) {
                    Some(list) => list,
                    None => {
                        let mut seen: FxHashSet<(usize, Kind)> = FxHashSet::default();
                        let list: Vec<usize> = by_key
                            .get(s)
                            .into_iter()
                            .flatten()
                            .copied()
                            .filter(|&j| seen.insert((self.uf.find(j), self.kind(j))))
                            .collect();
                        representatives.entry(*s).or_insert(list)
                    }
                };
                let fitting: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|&j| super::kinds::compatible(self.kind(j), e.kind()))
                    .collect();
                let mut targets: Vec<usize> = fitting.iter().map(|&j| self.uf.find(j)).collect();
                targets.sort_unstable();
                targets.dedup();
                match targets[..] {
                    [only] => {
                        self.join(only, i, Rule::Inflection);
                        break;
                    }
                    [] => orphan_stems.entry(s.as_str()).or_default().push(i),
                    _ => {}
                }
            }
        }
        for bucket in orphan_stems.values() {
            self.join_compatible(bucket, Rule::Inflection);
        }
    }

    /// `f` of each distinct surface of local entity `e`'s uninflected
    /// mentions, in order of first mention: a surface said twice adds
    /// nothing to a step whose lists are deduplicated. (The first few are
    /// remembered on the stack: this runs for every entity of a corpus.)
    pub(super) fn each_uninflected_surface(e: LocalEntity<'_>, mut f: impl FnMut(Name)) {
        const FEW: usize = 8;
        let mut few: [Option<Name>; FEW] = [None; FEW];
        let mut more: Vec<Name> = Vec::new();
        let mut seen = 0;
        for m in e.mentions().iter().filter(|m| !m.inflected) {
            let s = m.surface;
            if few[..seen.min(FEW)].contains(&Some(s)) || more.contains(&s) {
                continue;
            }
            if seen < FEW {
                few[seen] = Some(s);
            } else {
                more.push(s);
            }
            seen += 1;
            f(s);
        }
    }

    /// `f` of every distinct uninflected surface of the entities whose kind
    /// `wanted` accepts, worked out once per surface (a corpus repeats its
    /// names) on all cores.
    pub(super) fn per_surface<T: Send>(
        &self,
        wanted: impl Fn(Kind) -> bool,
        f: impl Fn(Name) -> T + Sync + Send,
    ) -> FxHashMap<Name, T> {
        let mut distinct: FxHashSet<Name> = FxHashSet::default();
        for (_, e) in self.flat.of_kinds(wanted) {
            distinct.extend(
                e.mentions()
                    .iter()
                    .filter(|m| !m.inflected)
                    .map(|m| m.surface),
            );
        }
        let distinct: Vec<Name> = distinct.into_iter().collect();
        distinct
            .into_par_iter()
            .map(|surface| (surface, f(surface)))
            .collect()
    }

    /// The current root of every entity.
    pub(super) fn roots(&mut self) -> Vec<usize> {
        (0..self.flat.len()).map(|j| self.uf.find(j)).collect()
    }

    /// The documents each cluster whose root is `wanted` appears in, by root
    /// (`roots` as [`Linker::roots`] gives them).
    pub(super) fn docs_by_root(
        &self,
        roots: &[usize],
        wanted: impl Fn(usize) -> bool,
    ) -> FxHashMap<usize, Vec<DocId>> {
        let mut docs_of: FxHashMap<usize, Vec<DocId>> = FxHashMap::default();
        for (j, &root) in roots.iter().enumerate() {
            if !wanted(root) {
                continue;
            }
            let d = self.flat.doc(j);
            let list = docs_of.entry(root).or_default();
            if list.last() != Some(&d) {
                list.push(d);
            }
        }
        docs_of
    }

    /// The clusters (as roots) that document `doc` mentions.
    pub(super) fn context(&self, doc: DocId, roots: &[usize]) -> FxHashSet<usize> {
        self.doc_range[doc.index()]
            .clone()
            .map(|j| roots[j])
            .collect()
    }

    /// The clusters as corpus entities, in order of first mention, each with
    /// a unique key made from its name and the evidence of its aliases.
    fn into_entities(mut self) -> Vec<LinkedEntity> {
        let roots = self.roots();
        self.clusters(&roots, Made::Entities, |l| l, |_| {}).0
    }

    /// Each cluster's entity, keyed and with the names of its candidates,
    /// in the order of their first mentions, made as `made` says and kept
    /// as `keep` makes it, with the root of each.
    /// For [`Made::Index`], each entity's evidence is encoded and given to
    /// `evidence`, in order, instead of kept.
    ///
    /// The entities are made on all cores a slice at a time, in their
    /// final order, straight into the list returned: at a million articles
    /// nothing else the size of that list is held beside it.
    fn clusters<T: Kept + Send>(
        &mut self,
        roots: &[usize],
        made: Made,
        keep: impl Fn(LinkedEntity) -> T + Sync,
        mut evidence: impl FnMut(&[u8]),
    ) -> (Vec<T>, Vec<usize>) {
        // The members of each cluster, clusters by root, members in order.
        let order = by_root(roots);
        let groups: Vec<&[u32]> = order
            .chunk_by(|&a, &b| roots[a as usize] == roots[b as usize])
            .collect();
        // The joins, cluster by cluster (by the root of their first
        // entity; in the order they were made within each).
        let mut edges = std::mem::take(&mut self.edges);
        edges.sort_by_key(|&(a, _, _)| roots[a as usize]);
        let edges_of = |root: usize| {
            let from = edges.partition_point(|&(a, _, _)| roots[a as usize] < root);
            let to = edges.partition_point(|&(a, _, _)| roots[a as usize] <= root);
            &edges[from..to]
        };
        let mut candidates_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (member, candidates) in std::mem::take(&mut self.ambiguous) {
            candidates_of
                .entry(roots[member])
                .or_default()
                .extend(candidates.iter().map(|&c| roots[c]));
        }
        for candidates in candidates_of.values_mut() {
            candidates.sort_unstable();
            candidates.dedup();
        }
        let members =
            |g: u32| -> Vec<usize> { groups[g as usize].iter().map(|&i| i as usize).collect() };
        // The clusters in order of their first mentions (those without a
        // mention first; ties in order of their roots).
        let firsts: Vec<Option<(DocId, u32)>> = groups
            .par_iter()
            .map(|g| super::cluster::first_mention(g, self.flat))
            .collect();
        let mut in_order: Vec<u32> = (0..groups.len() as u32).collect();
        in_order.sort_by_key(|&g| firsts[g as usize]);
        // Each cluster on its own, on all cores, a slice at a time; its
        // key is the base of its key until the keys are made unique below.
        const SLICE: usize = 1 << 15;
        let with_mentions = made == Made::Entities;
        let mut out: Vec<T> = Vec::with_capacity(groups.len());
        let mut out_roots: Vec<usize> = Vec::with_capacity(groups.len());
        // Whether each has a mention (only those name candidates).
        let mut mentioned: Vec<bool> = Vec::with_capacity(groups.len());
        for slice in in_order.chunks(SLICE) {
            let made_now: Vec<(T, Vec<u8>)> = slice
                .par_iter()
                .map(|&g| {
                    let members = members(g);
                    let root = roots[members[0]];
                    let mut linked = linked(
                        &members,
                        self.flat,
                        edges_of(root),
                        self.surfaces,
                        with_mentions,
                    );
                    linked.entity.key = slug(&linked.entity.name);
                    let bytes = match made {
                        Made::Entities => Vec::new(),
                        Made::Index => {
                            EncodedEvidence::encode(&std::mem::take(&mut linked.entity.evidence))
                        }
                    };
                    (keep(linked), bytes)
                })
                .collect();
            for ((kept, bytes), &g) in made_now.into_iter().zip(slice) {
                if made == Made::Index {
                    evidence(&bytes);
                }
                out.push(kept);
                out_roots.push(roots[groups[g as usize][0] as usize]);
                mentioned.push(firsts[g as usize].is_some());
            }
        }
        drop((in_order, firsts, groups));
        drop((order, edges));
        // The names of the candidates of ambiguous groups, by root.
        let wanted: FxHashSet<usize> = candidates_of.values().flatten().copied().collect();
        let name_of: FxHashMap<usize, String> = out
            .iter()
            .zip(&out_roots)
            .zip(&mentioned)
            .filter(|((_, root), mentioned)| **mentioned && wanted.contains(root))
            .map(|((e, &root), _)| (root, e.entity().name.clone()))
            .collect();
        // The keys made so far, as the entities that hold them.
        let mut used: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        fn key_of<T: Kept>(out: &[T], u: u32) -> &str {
            &out[u as usize].entity().key
        }
        for e in 0..out.len() {
            if let Some(candidates) = candidates_of.get(&out_roots[e]) {
                out[e].entity_mut().candidates = candidates
                    .iter()
                    .filter_map(|c| name_of.get(c).cloned())
                    .collect();
            }
            // The base of its key, or the first of `base-2`, `base-3`, …
            // not taken.
            let taken = |key: &str| {
                used.find(FxBuildHasher.hash_one(key), |&u| key_of(&out, u) == key)
                    .is_some()
            };
            let base = key_of(&out, e as u32);
            if taken(base) {
                let free = (2usize..)
                    .map(|k| format!("{base}-{k}"))
                    .find(|key| !taken(key))
                    .unwrap_or_default();
                out[e].entity_mut().key = free;
            }
            let hash = FxBuildHasher.hash_one(key_of(&out, e as u32));
            used.insert_unique(hash, e as u32, |&u| FxBuildHasher.hash_one(key_of(&out, u)));
        }
        (out, out_roots)
    }
}

/// What [`Linker::clusters`] keeps of each cluster: its entity, with or
/// without more.
trait Kept {
    fn entity(&self) -> &Entity;
    fn entity_mut(&mut self) -> &mut Entity;
}

impl Kept for Entity {
    fn entity(&self) -> &Entity {
        self
    }
    fn entity_mut(&mut self) -> &mut Entity {
        self
    }
}

impl Kept for LinkedEntity {
    fn entity(&self) -> &Entity {
        &self.entity
    }
    fn entity_mut(&mut self) -> &mut Entity {
        &mut self.entity
    }
}

/// What [`Linker::clusters`] makes of each cluster.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Made {
    /// Its linked entity with its mentions and evidence.
    Entities,
    /// Its entity for an index: no mentions (the index reads them from the
    /// local entities) and its evidence encoded.
    Index,
}

/// The entities `0..roots.len()` ordered by root, each root's in order:
/// what a stable sort by root gives, in one pass counting and one placing
/// (a root is an entity, so below `roots.len()`).
fn by_root(roots: &[usize]) -> Vec<u32> {
    // `start[r]`: where root `r`'s members begin (the entities of a corpus
    // are numbered in 32 bits, as its joins record them).
    let mut start = vec![0u32; roots.len() + 1];
    for &r in roots {
        start[r + 1] += 1;
    }
    for r in 0..roots.len() {
        start[r + 1] += start[r];
    }
    let mut order = vec![0; roots.len()];
    for (i, &r) in roots.iter().enumerate() {
        order[start[r] as usize] = i as u32;
        start[r] += 1;
    }
    order
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rule_tests;
