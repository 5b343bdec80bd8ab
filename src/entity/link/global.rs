//! Linking across documents: the local entities of every document are
//! merged into corpus entities, step by step (see [`global`]), each join
//! recorded with the rule that made it so that the reader can show why an
//! entity holds what it holds.
//!
//! Every step blocks by keys in hash maps: no comparison of all pairs, so it
//! scales to a hundred thousand documents, and no step depends on hash
//! order or on the order of the files.

mod by_key;
mod initials;
mod known;
mod short_form;
mod spelling;
mod surname;

use super::cluster::slug;
use super::cluster::{cluster_name, linked};
use super::doc::{LocalDoc, LocalEntity};
use super::flat::Flat;
use super::kinds::class;
use super::surfaces::Surfaces;
use super::union::Union;
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::index::{Beside, Entity, EntityId, EntityIndex, LinkedEntity, Mention, Tables};
use crate::entity::intern::Name;
use crate::entity::stored_evidence::{EncodedEvidence, StoredEvidence};
use crate::text::strings::Strings;
use by_key::ByKey;
use known::KnownEntries;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use spelling::FullNames;
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
    joined(&flat, &surfaces).into_entities()
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
    let mut linker = joined(&flat, &surfaces);
    let plan = linker.plan();
    let mut evidence = Evidence::default();
    let mut entities = Vec::with_capacity(plan.len());
    linker.make(
        &plan,
        Made::Index,
        |linked| linked.entity,
        |e, bytes| {
            entities.push(e);
            evidence.push(bytes);
            true
        },
    );
    drop(linker);
    drop(surfaces);
    // What making the entities took (the edges and candidates by cluster,
    // each entity's evidence before it was encoded, the words of every
    // surface) is given back before the mentions are listed.
    crate::heap::give_back();
    let (entities, stored) = evidence.into_entities(entities);
    let mentions = mention_table(&flat, &plan);
    drop(plan);
    EntityIndex::from_sorted(flat.docs(), entities.into(), mentions, stored)
}

/// [`global_index`] given away as it is made, for a caller that writes it
/// where it goes rather than hold it: first the mentions the index's
/// tables are made of (`tables`, which may read them document by document
/// as often as it needs), then each entity in order with its evidence
/// encoded (`entity`, until it fails), none of it held once given.
/// Returns the first failure. The same index: [`global_index`]'s tables
/// ([`Mentions::tables`]), entities and evidence, each entity's evidence
/// as [`EncodedEvidence::encode`] gives it.
pub fn global_given<E>(
    docs: &[LocalDoc],
    tables: impl FnOnce(&Mentions<'_>) -> Result<(), E>,
    mut entity: impl FnMut(&Entity, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let mut clock = StepClock::start();
    let flat = Flat::new(docs);
    let surfaces = Surfaces::new(&flat);
    clock.lap("entities and surfaces flattened");
    let mut linker = joined(&flat, &surfaces);
    clock.lap("steps 1-7");
    let plan = linker.plan();
    clock.lap("plan");
    tables(&Mentions {
        flat: &flat,
        numbers: plan.numbers(),
        plan: &plan,
    })?;
    clock.lap("mention tables");
    let mut failed = None;
    linker.make(
        &plan,
        Made::Index,
        |linked| linked.entity,
        |e, bytes| match entity(&e, bytes) {
            Ok(()) => true,
            Err(why) => {
                failed = Some(why);
                false
            }
        },
    );
    clock.lap("entities made");
    failed.map_or(Ok(()), Err)
}

/// The evidence of the entities of an index as [`Linker::make`] makes
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

/// The local entities `flat` (whose surfaces' words are `surfaces`)
/// joined by steps 1 to 7 of [`global`].
fn joined<'a>(flat: &'a Flat<'a>, surfaces: &'a Surfaces) -> Linker<'a> {
    let mut clock = StepClock::start();
    let mut linker = Linker::new(flat, surfaces);
    let (known, ()) = rayon::join(
        || KnownEntries::of(flat, surfaces),
        || {
            let by_key = linker.join_equal_keys();
            // The entities by key are let go here, not held through the
            // steps after (12 MB at 100,000 articles, at the cold open's
            // peak).
            linker.join_stems(by_key);
            // And given back (at a million articles, 250 MB in small
            // blocks) before steps 4 to 7 gather theirs.
            crate::heap::give_back();
        },
    );
    clock.lap("steps 1-2, known names gathered");
    linker.join_known_names(known);
    clock.lap("step 3");
    // Step 6 gathers its full names beside steps 4 and 5, and step 7 its
    // surnames beside step 6: not all of them at once (at a million
    // articles, steps 4 and 5 hold 180 MB while they run, step 7's
    // gathered names take 150 MB and step 6's 100 MB).
    let (full_names, ()) = rayon::join(
        || FullNames::of(flat, surfaces),
        || {
            linker.join_initials();
            linker.join_short_forms();
        },
    );
    crate::heap::give_back();
    clock.lap("steps 4-5, full names gathered");
    let (surnames, ()) = rayon::join(
        || surname::Gathered::new(flat, surfaces),
        || linker.join_spellings(full_names),
    );
    clock.lap("step 6, surnames gathered");
    // What step 6 read is let go (at a million articles, 300 MB in
    // small blocks), before step 7 joins.
    crate::heap::give_back();
    linker.join_surnames(surnames);
    clock.lap("step 7");
    // What steps 6 and 7 read is let go, in many small blocks between the
    // analyses' and the linker's: given back now, before the entities are
    // made (at the bench's million articles, 1.05 GB of 2.9 GB resident).
    crate::heap::give_back();
    linker
}

/// How long each step of linking took, logged at debug level
/// (`--log-level debug`): where linking's time goes.
struct StepClock(std::time::Instant);

impl StepClock {
    fn start() -> StepClock {
        StepClock(std::time::Instant::now())
    }

    /// Log the time since the last lap as `what`'s.
    fn lap(&mut self, what: &str) {
        let now = std::time::Instant::now();
        tracing::debug!("linking: {what} in {} ms", (now - self.0).as_millis());
        self.0 = now;
    }
}

/// The mentions of the local entities `flat`, clustered as `plan` says,
/// document by document, each
/// with the number of its corpus entity, in the order `EntityIndex::new`
/// gives: read from the local entities, not from lists per entity.
fn mention_table(flat: &Flat<'_>, plan: &Plan) -> Vec<Mention> {
    let source = Mentions {
        flat,
        plan,
        numbers: plan.numbers(),
    };
    let total = (0..flat.len())
        .map(|i| flat.entity(i).mentions().len())
        .sum();
    let mut mentions: Vec<Mention> = Vec::with_capacity(total);
    let Ok(()) = source.each_doc::<std::convert::Infallible>(&mut |ms| {
        mentions.extend_from_slice(ms);
        Ok(())
    });
    mentions
}

/// The mentions of a linked corpus, read document by document from its
/// local entities as often as they are wanted ([`global_given`] gives
/// them for the index's tables): at a million articles, 18.7 million
/// mentions (300 MB) that are never all held.
pub struct Mentions<'a> {
    flat: &'a Flat<'a>,
    plan: &'a Plan,
    /// The number of the entity of each cluster, by root ([`Plan::numbers`]).
    numbers: Vec<u32>,
}

impl Mentions<'_> {
    /// The number of documents.
    pub fn docs(&self) -> usize {
        self.flat.docs()
    }

    /// The number of entities.
    pub fn entities(&self) -> usize {
        self.plan.len()
    }

    /// `f` of each document's mentions in corpus order, each with the
    /// number of its entity, in the order `EntityIndex::new` gives (by
    /// start, the longer first, then by entity), until `f` fails.
    ///
    /// The documents' mentions are made on the pool a block of documents
    /// at a time, while `f` reads the block made before. Made on this
    /// thread alone, a million articles' tables (two passes over 18.7
    /// million mentions, and their writing) took 1.7–2.7 s.
    pub fn each_doc<E>(&self, f: &mut dyn FnMut(&[Mention]) -> Result<(), E>) -> Result<(), E> {
        let blocks = (0..self.flat.docs()).step_by(DOCS_PER_BLOCK).map(|from| {
            let to = (from + DOCS_PER_BLOCK).min(self.flat.docs());
            from..to
        });
        let make_block = |docs: Range<usize>| -> Vec<DocMentions> {
            docs.into_par_iter()
                .with_max_len(DOCS_PER_SHARE)
                .fold(DocMentions::default, |mut made, d| {
                    self.add_doc(DocId(d as u32), &mut made);
                    made
                })
                .collect()
        };
        each_made_ahead(blocks, make_block, |made| {
            for part in &made {
                let mut from = 0;
                for &to in &part.ends {
                    f(&part.mentions[from..to as usize])?;
                    from = to as usize;
                }
            }
            Ok(())
        })
    }

    /// Add the mentions of document `d` to `made`, sorted.
    fn add_doc(&self, d: DocId, made: &mut DocMentions) {
        let roots = &self.plan.roots;
        let from = made.mentions.len();
        for i in self.flat.range(d) {
            let entity = EntityId(self.numbers[roots.of(i)]);
            made.mentions
                .extend(self.flat.entity(i).mentions().iter().map(|m| Mention {
                    doc: d,
                    start: m.start() as u32,
                    end: m.end() as u32,
                    entity,
                }));
        }
        // As `EntityIndex::new` orders them (its sort is stable over the
        // entities in order).
        made.mentions[from..]
            .sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.entity.0));
        made.ends.push(made.mentions.len() as u32);
    }

    /// The index's tables, as [`Tables::of_sorted`] makes them of these
    /// mentions, but for the mentions themselves: `kept` gets them,
    /// document by document, as they are placed (those that overlap the
    /// one kept before them left out by [`Tables::drop_overlapping`], as
    /// `of_sorted` leaves them out).
    pub fn tables<E>(&self, kept: impl FnMut(&[Mention]) -> Result<(), E>) -> Result<Beside, E> {
        let buf = std::cell::RefCell::new(Vec::new());
        let each_doc = |f: &mut dyn FnMut(&[Mention]) -> Result<(), E>| {
            self.each_doc(&mut |ms: &[Mention]| {
                let mut in_doc = buf.borrow_mut();
                in_doc.clear();
                in_doc.extend_from_slice(ms);
                Tables::drop_overlapping(&mut in_doc);
                f(&in_doc)
            })
        };
        Beside::of(self.docs(), self.entities(), each_doc, kept)
    }
}

/// The fewest entities in one range of [`Linker::each_range`] (two under
/// test, so that the tests' few entities are passed over in several
/// ranges).
const RANGE_MIN: usize = if cfg!(test) { 2 } else { 1 << 14 };

/// How many of `n` items one core takes at a time when they are shared
/// out on all cores: a few shares per core, so that a core that finishes
/// first takes another, and never fewer than `min`.
pub(super) fn share_for_cores(n: usize, min: usize) -> usize {
    n.div_ceil(SHARES_PER_CORE * rayon::current_num_threads())
        .max(min)
}

/// How many shares [`share_for_cores`] and [`shares_by_weight`] make for
/// each core.
const SHARES_PER_CORE: usize = 4;

/// Items whose work is about their `weights` cut into consecutive shares
/// for all cores, each of about the same weight (a few per core, as
/// [`share_for_cores`]), and of at least `min` of the weight where there
/// is as much: the ranges of the items of each share, in order. An item
/// heavier than a share is one alone.
pub(super) fn shares_by_weight(weights: &[usize], min: usize) -> Vec<Range<usize>> {
    let total: usize = weights.iter().sum();
    let share = share_for_cores(total, min).max(1);
    let mut shares = Vec::new();
    let (mut from, mut held) = (0, 0);
    for (i, &w) in weights.iter().enumerate() {
        if held > 0 && held + w > share {
            shares.push(from..i);
            (from, held) = (i, 0);
        }
        held += w;
    }
    if from < weights.len() {
        shares.push(from..weights.len());
    }
    shares
}

/// The groups of `map` in the order of their keys' text (distinct names
/// are distinct texts: the order a map keyed by the text keeps), sorted on
/// all cores by the first eight bytes of each text, read once, and by the
/// whole text only where those are the same (a comparison of texts reads
/// two of them, each a cache miss: at a million articles, step 7 orders
/// 700,000 surnames so).
pub(super) fn by_text<T: Send>(map: FxHashMap<Name, T>) -> Vec<(Name, T)> {
    let mut groups: Vec<(u64, Name, T)> = map
        .into_iter()
        .map(|(k, t)| (text_prefix(k.as_str()), k, t))
        .collect();
    groups.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.as_str().cmp(b.1.as_str())));
    groups.into_iter().map(|(_, k, t)| (k, t)).collect()
}

/// The first eight bytes of `text` as a number that orders as they do (a
/// shorter text's missing bytes as zeros): texts whose prefixes differ
/// are in the order of their prefixes.
fn text_prefix(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = text.len().min(8);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// How many documents' mentions [`Mentions::each_doc`] makes at a time.
const DOCS_PER_BLOCK: usize = if cfg!(test) { 2 } else { 1 << 13 };

/// At most how many documents' mentions a thread makes as one share of a
/// block (see [`SHARE`]).
const DOCS_PER_SHARE: usize = if cfg!(test) { 1 } else { 256 };

/// The mentions of consecutive documents, each document's sorted, and
/// where each document's mentions end.
#[derive(Default)]
struct DocMentions {
    mentions: Vec<Mention>,
    ends: Vec<u32>,
}

/// The local entities of a corpus while they are being joined.
pub(super) struct Linker<'a> {
    /// Every local entity with its document, in document order.
    pub(super) flat: &'a Flat<'a>,
    /// Which entities are joined so far.
    pub(super) uf: Union,
    /// Every join that merged two clusters.
    pub(super) edges: Vec<Edge>,
    /// Ambiguous groups: a member of each, with the roots of its candidates.
    pub(super) ambiguous: Vec<(usize, Vec<usize>)>,
    /// The words of every surface, split once.
    pub(super) surfaces: &'a Surfaces,
}

impl<'a> Linker<'a> {
    /// The entities of `flat`, each on its own.
    fn new(flat: &'a Flat<'a>, surfaces: &'a Surfaces) -> Linker<'a> {
        Linker {
            uf: Union::new(flat.len()),
            surfaces,
            flat,
            edges: Vec::new(),
            ambiguous: Vec::new(),
        }
    }

    /// Join the clusters of `a` and `b`, recording why.
    pub(super) fn join(&mut self, a: usize, b: usize, rule: Rule) {
        if self.uf.find(a) != self.uf.find(b) {
            self.uf.union(a, b);
            self.edges.push(Edge::new(a as u32, b as u32, rule));
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
    fn join_equal_keys(&mut self) -> ByKey {
        let by_key = ByKey::new(
            self.flat
                .iter()
                .enumerate()
                .filter(|(_, (_, e))| e.surname().is_empty())
                .flat_map(|(i, (_, e))| e.keys().iter().map(move |&k| (k, i))),
        );
        by_key.each_bucket(|bucket| {
            self.join_compatible(bucket, Rule::SameName);
            self.join_mistyped_full_names(bucket);
        });
        by_key
    }

    /// A person's full name that recognition typed as an organization or a
    /// place elsewhere (`Mitt Romney`) is the person, when the person's
    /// mentions of that name are at least as many.
    fn join_mistyped_full_names(&mut self, bucket: &[usize]) {
        // A bucket of persons alone, or of no person, has none: told by
        // the kinds alone, without reading its entities (at a million
        // articles, ten million of them in one pass).
        let person_kind = |i: &usize| self.kind(*i) == Kind::Person;
        if !bucket.iter().any(person_kind) || bucket.iter().all(person_kind) {
            return;
        }
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
                    .all(|m| self.surfaces.count(m.surface) >= 2)
        };
        let others: Vec<usize> = bucket.iter().copied().filter(multi_word).collect();
        if others.is_empty() {
            return;
        }
        let count = |is: &mut dyn Iterator<Item = usize>| -> usize {
            is.map(|i| self.flat.entity(i).mentions().len()).sum()
        };
        let persons = count(&mut bucket.iter().copied().filter(full_name));
        if persons >= count(&mut others.iter().copied()) {
            for o in others {
                self.join(person, o, Rule::SameName);
            }
        }
    }

    /// Step 2: inflected-only names meet their stem, or each other. (Lone
    /// surnames keep their stems for step 7.)
    fn join_stems(&mut self, by_key: ByKey) {
        // Taken in the order of their text at the end.
        let mut orphan_stems: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
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
                            .get(*s)
                            .filter(|&j| seen.insert((self.uf.find(j), self.kind(j))))
                            .collect();
                        representatives.entry(*s).or_insert(list)
                    }
                };
                // The cluster of the fitting entities, if they are of one
                // (`Some(None)` when there are none).
                let mut target: Option<Option<usize>> = Some(None);
                for &j in list {
                    if !super::kinds::compatible(self.kind(j), e.kind()) {
                        continue;
                    }
                    let root = self.uf.find(j);
                    match target {
                        Some(None) => target = Some(Some(root)),
                        Some(Some(r)) if r != root => {
                            target = None;
                            break;
                        }
                        _ => {}
                    }
                }
                match target {
                    Some(Some(only)) => {
                        self.join(only, i, Rule::Inflection);
                        break;
                    }
                    Some(None) => orphan_stems.entry(*s).or_default().push(i),
                    None => {}
                }
            }
        }
        for (_, bucket) in by_text(orphan_stems) {
            self.join_compatible(&bucket, Rule::Inflection);
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
        wanted: impl Fn(Kind) -> bool + Sync,
        f: impl Fn(Name) -> Option<T> + Sync + Send,
    ) -> FxHashMap<Name, T> {
        self.distinct_surfaces(wanted)
            .into_par_iter()
            .filter_map(|surface| Some((surface, f(surface)?)))
            .collect()
    }

    /// What `f` gathers from the entities whose kind `wanted` accepts, in
    /// order, into a `T` per range of entity numbers: the ranges are
    /// passed over on all cores, and their `T`s come back in the order of
    /// the ranges, so that what is put together from them in turn is what
    /// one pass in order gathers (at a million articles, a pass over the
    /// organizations took a second of one core).
    pub(super) fn each_range<T: Default + Send>(
        &self,
        wanted: impl Fn(Kind) -> bool + Sync,
        f: impl Fn(&mut T, usize, LocalEntity<'a>) + Sync,
    ) -> Vec<T> {
        let n = self.flat.len();
        let range = share_for_cores(n, RANGE_MIN);
        (0..n.div_ceil(range))
            .into_par_iter()
            .map(|r| {
                let mut gathered = T::default();
                for i in r * range..n.min((r + 1) * range) {
                    if wanted(self.flat.kind(i)) {
                        f(&mut gathered, i, self.flat.entity(i));
                    }
                }
                gathered
            })
            .collect()
    }

    /// Every distinct uninflected surface of the entities whose kind
    /// `wanted` accepts, each once, in the order of their numbers
    /// ([`Flat::distinct_surfaces`]).
    pub(super) fn distinct_surfaces(&self, wanted: impl Fn(Kind) -> bool + Sync) -> Vec<Name> {
        self.flat.distinct_surfaces(wanted, |m| !m.inflected)
    }

    /// The current root of every entity.
    pub(super) fn roots(&mut self) -> Roots {
        Roots(self.uf.roots().to_vec())
    }

    /// The documents each cluster whose root is `wanted` appears in, by root
    /// (`roots` as [`Linker::roots`] gives them).
    pub(super) fn docs_by_root(
        &self,
        roots: &Roots,
        wanted: impl Fn(usize) -> bool,
    ) -> FxHashMap<usize, Vec<DocId>> {
        let mut docs_of: FxHashMap<usize, Vec<DocId>> = FxHashMap::default();
        for (j, root) in roots.iter().enumerate() {
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
    pub(super) fn context(&self, doc: DocId, roots: &Roots) -> FxHashSet<usize> {
        self.flat.range(doc).map(|j| roots.of(j)).collect()
    }

    /// The clusters as corpus entities, in order of first mention, each with
    /// a unique key made from its name and the evidence of its aliases.
    fn into_entities(mut self) -> Vec<LinkedEntity> {
        let plan = self.plan();
        let mut out = Vec::with_capacity(plan.len());
        self.make(
            &plan,
            Made::Entities,
            |l| l,
            |l, _| {
                out.push(l);
                true
            },
        );
        out
    }

    /// The clusters as joined so far and the order their entities take.
    fn plan(&mut self) -> Plan {
        let roots = self.roots();
        let order = by_root(&roots);
        let mut starts: Vec<u32> = Vec::new();
        for (at, &i) in order.iter().enumerate() {
            if at == 0 || roots.of(i as usize) != roots.of(order[at - 1] as usize) {
                starts.push(at as u32);
            }
        }
        starts.push(order.len() as u32);
        let clusters = starts.len() - 1;
        let members = |g: usize| &order[starts[g] as usize..starts[g + 1] as usize];
        let firsts: Vec<Option<(DocId, u32)>> = (0..clusters)
            .into_par_iter()
            .map(|g| super::cluster::first_mention(members(g), self.flat))
            .collect();
        // By first mention (those without a mention first; ties in order
        // of their roots).
        let mut in_order: Vec<u32> = (0..clusters as u32).collect();
        in_order.sort_by_key(|&g| firsts[g as usize]);
        let mentioned = firsts.iter().map(Option::is_some).collect();
        Plan {
            roots,
            order,
            starts,
            in_order,
            mentioned,
        }
    }

    /// Each cluster of `plan`'s entity, keyed and with the names of its
    /// candidates, in the plan's order, made as `made` says, kept as `keep`
    /// makes it, and given to `give` with its evidence encoded (for
    /// [`Made::Index`]; else no bytes) until it returns false.
    ///
    /// The entities are made on all cores a slice at a time, in their
    /// final order, and given away as they are made: at a million articles
    /// nothing the size of the list of them is held here.
    fn make<T: Kept + Send>(
        &mut self,
        plan: &Plan,
        made: Made,
        keep: impl Fn(LinkedEntity) -> T + Sync,
        mut give: impl FnMut(T, &[u8]) -> bool,
    ) {
        let roots = &plan.roots;
        let mut candidates_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (member, candidates) in std::mem::take(&mut self.ambiguous) {
            candidates_of
                .entry(roots.of(member))
                .or_default()
                .extend(candidates.iter().map(|&c| roots.of(c)));
        }
        for candidates in candidates_of.values_mut() {
            candidates.sort_unstable();
            candidates.dedup();
        }
        // The names of the candidates of ambiguous groups (those with a
        // mention), by root, found first (a candidate may come after the
        // group that names it), on the pool, while the joins are sorted
        // here, cluster by cluster (by the root of their first entity; in
        // the order they were made within each).
        let mut wanted: Vec<usize> = candidates_of.values().flatten().copied().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut edges = std::mem::take(&mut self.edges);
        let mut name_of: FxHashMap<usize, String> = FxHashMap::default();
        rayon::in_place_scope(|scope| {
            let (name_of, wanted, flat, surfaces) =
                (&mut name_of, &wanted, self.flat, self.surfaces);
            scope.spawn(move |_| {
                *name_of = wanted
                    .par_iter()
                    .with_max_len(SHARE)
                    .filter_map(|&root| {
                        let g = plan.cluster_of(root)?;
                        plan.mentioned[g as usize]
                            .then(|| (root, cluster_name(plan.members(g), flat, surfaces)))
                    })
                    .collect();
            });
            edges.sort_by_key(|e| roots.of(e.a() as usize));
        });
        let edges_of = |root: usize| {
            let from = edges.partition_point(|e| roots.of(e.a() as usize) < root);
            let to = edges.partition_point(|e| roots.of(e.a() as usize) <= root);
            &edges[from..to]
        };
        let with_mentions = made == Made::Entities;
        let entity_of = |g: u32| -> (LinkedEntity, Vec<u8>) {
            let members = plan.members(g);
            let root = roots.of(members[0] as usize);
            let mut linked = linked(
                members,
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
            (linked, bytes)
        };
        // Each entity on its own, on all cores, a slice at a time; then, in
        // order, its candidates named and its key made unique: the base of
        // its key, or the first of `base-2`, `base-3`, … not taken. A slice
        // is given away here while the pool makes the next one: giving
        // (at a million articles, each entity written to the index file)
        // takes about as long as making, and each would otherwise wait
        // for the other. (Two slices are held at once: each is half of what
        // one was when the pool waited.)
        let make_slice = |slice: &[u32]| -> Vec<(T, Vec<u8>)> {
            slice
                .par_iter()
                .with_max_len(SHARE)
                .map(|&g| {
                    let (linked, bytes) = entity_of(g);
                    (keep(linked), bytes)
                })
                .collect()
        };
        let mut keys = Keys::default();
        // What the entities made so far were made with, let go on each
        // core, is given back now and then, not only at the end (at a
        // million articles, about 200 MB in small blocks): before slice `n`
        // is made when this says so.
        let slices = plan.in_order.chunks(SLICE).enumerate().inspect(|&(n, _)| {
            if n.is_multiple_of(GIVE_BACK_EVERY) {
                crate::heap::give_back();
            }
        });
        // Stopped early only when `give` says so: nothing is left to do then.
        let _ = each_made_ahead(
            slices,
            |(_, slice)| (slice, make_slice(slice)),
            |(slice, made_now)| {
                for ((mut kept, bytes), &g) in made_now.into_iter().zip(slice) {
                    let root = plan.root(g);
                    let e = kept.entity_mut();
                    if let Some(candidates) = candidates_of.get(&root) {
                        e.candidates = candidates
                            .iter()
                            .filter_map(|c| name_of.get(c).cloned())
                            .collect();
                    }
                    if let Some(free) = keys.take(&e.key) {
                        e.key = free;
                    }
                    if !give(kept, &bytes) {
                        return Err(());
                    }
                }
                Ok(())
            },
        );
    }
}

/// How many entities [`Linker::make`] makes at a time (a few under test,
/// so that every test corpus is made over several).
const SLICE: usize = if cfg!(test) { 3 } else { 1 << 14 };

/// At most how many clusters a thread takes as one share of a slice of
/// entities (and of the candidates named before them). Rayon cuts a slice
/// into a few parts only, one per thread and a few more, and cuts again
/// only a part another thread takes: a part holding the largest clusters
/// (at a million articles, clusters of up to 111,928 local entities, the
/// first slice full of them) was made by one thread alone while the other
/// waited: under `perf`, 1.5 s at the start of the million's entities.
const SHARE: usize = 32;

/// Every how many slices [`Linker::make`] gives memory back.
const GIVE_BACK_EVERY: usize = if cfg!(test) { 2 } else { 16 };

/// Each of `parts` made by `make` and given to `give` in order, the next
/// one made on the pool while this one is given here, until `give` fails;
/// returns its failure. `parts` is read here, a part just before it is
/// made.
fn each_made_ahead<P: Send, M: Send, E>(
    mut parts: impl Iterator<Item = P>,
    make: impl Fn(P) -> M + Sync,
    mut give: impl FnMut(M) -> Result<(), E>,
) -> Result<(), E> {
    let make = &make;
    let mut ready = parts.next().map(make);
    while let Some(made) = ready.take() {
        let next = parts.next();
        rayon::in_place_scope(|scope| {
            if let Some(p) = next {
                let ready = &mut ready;
                scope.spawn(move |_| *ready = Some(make(p)));
            }
            give(made)
        })?;
    }
    Ok(())
}

/// One join of the log a cluster's evidence is read from: two local
/// entities and the rule that joined them, in 9 bytes (packed: 12 as a
/// tuple; at a million articles, 9.2 million joins are held from step 1 to
/// the making of the entities).
#[derive(Clone, Copy)]
#[repr(C, packed)]
pub(super) struct Edge {
    a: u32,
    b: u32,
    rule: Rule,
}

impl Edge {
    /// The join of `a` and `b` by `rule`.
    pub(super) fn new(a: u32, b: u32, rule: Rule) -> Edge {
        Edge { a, b, rule }
    }

    /// The first entity.
    pub(super) fn a(self) -> u32 {
        self.a
    }

    /// The two entities and the rule.
    pub(super) fn parts(self) -> (u32, u32, Rule) {
        (self.a, self.b, self.rule)
    }
}

/// The root of every local entity ([`Linker::roots`]), in 32 bits: at a
/// million articles 48 MB instead of 96, in each of step 7's rounds and
/// in the plan.
pub(super) struct Roots(Vec<u32>);

impl Roots {
    /// The root of entity `j`.
    pub(super) fn of(&self, j: usize) -> usize {
        self.0[j] as usize
    }

    /// The number of entities.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// Each entity's root, in order.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.0.iter().map(|&r| r as usize)
    }
}

/// The clusters of a corpus and the order their entities take
/// ([`Linker::plan`]): clusters are numbered by root, entities by first
/// mention.
pub(super) struct Plan {
    /// The root of each local entity.
    roots: Roots,
    /// The local entities by root, each root's in order.
    order: Vec<u32>,
    /// Where each cluster's members start in `order`, and the end.
    starts: Vec<u32>,
    /// The clusters in the order of their entities.
    in_order: Vec<u32>,
    /// Whether each cluster has a mention.
    mentioned: Vec<bool>,
}

impl Plan {
    /// The number of clusters.
    fn len(&self) -> usize {
        self.in_order.len()
    }

    /// The members of cluster `g`, in order.
    fn members(&self, g: u32) -> &[u32] {
        &self.order[self.starts[g as usize] as usize..self.starts[g as usize + 1] as usize]
    }

    /// The root of cluster `g`.
    fn root(&self, g: u32) -> usize {
        self.roots.of(self.members(g)[0] as usize)
    }

    /// The cluster whose root is `root` (clusters are in order of their
    /// roots).
    fn cluster_of(&self, root: usize) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.starts.len() - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.root(mid as u32) < root {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < self.starts.len() - 1 && self.root(lo as u32) == root).then_some(lo as u32)
    }

    /// The number of the entity of each local entity's cluster, by root
    /// (`u32::MAX` for what is no root).
    fn numbers(&self) -> Vec<u32> {
        let mut number = vec![u32::MAX; self.roots.len()];
        for (e, &g) in self.in_order.iter().enumerate() {
            number[self.root(g)] = e as u32;
        }
        number
    }
}

/// The keys given so far, to make each new one unique.
#[derive(Default)]
struct Keys {
    given: Strings,
}

impl Keys {
    /// Whether `key` was given.
    fn taken(&self, key: &str) -> bool {
        self.given.find(key).is_some()
    }

    /// Give `base`, or the first of `base-2`, `base-3`, … not given yet:
    /// `None` when `base` itself is free, else the free key.
    fn take(&mut self, base: &str) -> Option<String> {
        // Most bases are free: given in one look-up. Past 2^32 - 1 keys
        // given, the rest are not remembered (no corpus comes near: local
        // entities are numbered in 32 bits).
        let before = self.given.len();
        match self.given.add(base) {
            Some(k) if k as usize != before => {}
            _ => return None,
        }
        let free = (2usize..)
            .map(|k| format!("{base}-{k}"))
            .find(|key| !self.taken(key))
            .unwrap_or_default();
        let _ = self.given.add(&free);
        Some(free)
    }
}

/// What [`Linker::make`] keeps of each cluster: its entity, with or
/// without more.
trait Kept {
    fn entity_mut(&mut self) -> &mut Entity;
}

impl Kept for Entity {
    fn entity_mut(&mut self) -> &mut Entity {
        self
    }
}

impl Kept for LinkedEntity {
    fn entity_mut(&mut self) -> &mut Entity {
        &mut self.entity
    }
}

/// What [`Linker::make`] makes of each cluster.
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
fn by_root(roots: &Roots) -> Vec<u32> {
    // `start[r]`: where root `r`'s members begin (the entities of a corpus
    // are numbered in 32 bits, as its joins record them).
    let mut start = vec![0u32; roots.len() + 1];
    for r in roots.iter() {
        start[r + 1] += 1;
    }
    for r in 0..roots.len() {
        start[r + 1] += start[r];
    }
    let mut order = vec![0; roots.len()];
    for (i, r) in roots.iter().enumerate() {
        order[start[r] as usize] = i as u32;
        start[r] += 1;
    }
    order
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rule_tests;
