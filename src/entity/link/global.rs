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
use crate::entity::stored_evidence::EncodedEvidence;
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
    let clusters = linker.clusters(&roots, Made::Index);
    let doc_range = std::mem::take(&mut linker.doc_range);
    drop(linker);
    drop(surfaces);
    // What making the entities took (the edges and candidates by cluster,
    // each entity's evidence before it was encoded, the words of every
    // surface) is given back before the mentions are listed.
    crate::heap::give_back();
    index_of(&flat, &roots, clusters, &doc_range)
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

/// The index of the entities `clusters` (as [`Linker::clusters`] made them
/// for an index) of the local entities `flat`, whose roots are `roots` and
/// whose documents' ranges are `doc_range`: each document's mentions are
/// read from its local entities, with the number of the corpus entity each
/// belongs to, and the entities' evidence is held encoded
/// ([`crate::entity::stored_evidence::StoredEvidence`]).
fn index_of(
    flat: &Flat<'_>,
    roots: &[usize],
    clusters: Vec<Cluster>,
    doc_range: &[Range<usize>],
) -> EntityIndex {
    // The number of each cluster's entity, by its root.
    let mut number = vec![u32::MAX; roots.len()];
    for (e, c) in clusters.iter().enumerate() {
        number[c.root] = e as u32;
    }
    // The evidence stored encoded, unless it comes to 4 GiB or more: then
    // held by each entity, decoded again.
    let bytes: usize = clusters.iter().map(|c| c.evidence.len()).sum();
    let mut evidence = (bytes <= EncodedEvidence::MAX_BYTES).then(EncodedEvidence::default);
    let entities: Vec<Entity> = clusters
        .into_iter()
        .map(|mut c| {
            match evidence.as_mut() {
                // It fits, as counted above.
                Some(ev) => _ = ev.push(&c.evidence),
                None => {
                    c.linked.entity.evidence = postcard::from_bytes(&c.evidence).unwrap_or_default()
                }
            }
            c.linked.entity
        })
        .collect();
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
    EntityIndex::from_sorted(
        doc_range.len(),
        entities,
        mentions,
        evidence.map(EncodedEvidence::stored),
    )
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
        self.clusters(&roots, Made::Entities)
            .into_iter()
            .map(|c| c.linked)
            .collect()
    }

    /// Each cluster's entity, keyed and with the names of its candidates,
    /// in the order of their first mentions, made as `made` says.
    fn clusters(&mut self, roots: &[usize], made: Made) -> Vec<Cluster> {
        // The members of each cluster, clusters by root, members in order.
        let order = by_root(roots);
        let mut edges_of: FxHashMap<usize, Vec<(u32, u32, Rule)>> = FxHashMap::default();
        for &(a, b, rule) in &self.edges {
            edges_of
                .entry(roots[a as usize])
                .or_default()
                .push((a, b, rule));
        }
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
        // Each cluster on its own, on all cores; its key is the base of
        // its key until the keys are made unique below.
        let groups: Vec<&[usize]> = order.chunk_by(|&a, &b| roots[a] == roots[b]).collect();
        let mut out: Vec<Cluster> = groups
            .into_par_iter()
            .map(|members| {
                let root = roots[members[0]];
                let edges = edges_of.get(&root).map_or(&[][..], Vec::as_slice);
                let with_mentions = made == Made::Entities;
                let (mut linked, first) =
                    linked(members, self.flat, edges, self.surfaces, with_mentions);
                linked.entity.key = slug(&linked.entity.name);
                let evidence = match made {
                    Made::Entities => Vec::new(),
                    Made::Index => {
                        EncodedEvidence::encode(&std::mem::take(&mut linked.entity.evidence))
                    }
                };
                Cluster {
                    linked,
                    root,
                    first,
                    evidence,
                }
            })
            .collect();
        out.sort_by_key(|c| c.first);
        // The names of the candidates of ambiguous groups, by root.
        let wanted: FxHashSet<usize> = candidates_of.values().flatten().copied().collect();
        let name_of: FxHashMap<usize, String> = out
            .iter()
            .filter(|c| c.first.is_some() && wanted.contains(&c.root))
            .map(|c| (c.root, c.linked.entity.name.clone()))
            .collect();
        // The keys made so far, as the clusters that hold them.
        let mut used: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        fn key_of(out: &[Cluster], u: u32) -> &str {
            &out[u as usize].linked.entity.key
        }
        for e in 0..out.len() {
            if let Some(candidates) = candidates_of.get(&out[e].root) {
                out[e].linked.entity.candidates = candidates
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
                out[e].linked.entity.key = free;
            }
            let hash = FxBuildHasher.hash_one(key_of(&out, e as u32));
            used.insert_unique(hash, e as u32, |&u| FxBuildHasher.hash_one(key_of(&out, u)));
        }
        out
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

/// A cluster's corpus entity, as [`Linker::clusters`] makes it.
struct Cluster {
    /// The entity (and, for [`Made::Entities`], its mentions).
    linked: LinkedEntity,
    /// The root of its local entities.
    root: usize,
    /// Where it is first mentioned: (document, start).
    first: Option<(DocId, u32)>,
    /// Its evidence encoded, for [`Made::Index`].
    evidence: Vec<u8>,
}

/// The entities `0..roots.len()` ordered by root, each root's in order:
/// what a stable sort by root gives, in one pass counting and one placing
/// (a root is an entity, so below `roots.len()`).
fn by_root(roots: &[usize]) -> Vec<usize> {
    // `start[r]`: where root `r`'s members begin.
    let mut start = vec![0usize; roots.len() + 1];
    for &r in roots {
        start[r + 1] += 1;
    }
    for r in 0..roots.len() {
        start[r + 1] += start[r];
    }
    let mut order = vec![0; roots.len()];
    for (i, &r) in roots.iter().enumerate() {
        order[start[r]] = i;
        start[r] += 1;
    }
    order
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rule_tests;
