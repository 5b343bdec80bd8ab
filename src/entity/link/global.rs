//! Linking across documents: the local entities of every document are
//! merged into corpus entities by equal match keys, stems, country names and
//! surnames (see the steps of [`global`]).

use super::cluster::linked;
use super::cluster::slug;
use super::keys::{is_acronym, match_key};
use super::kinds::{class, compatible};
use super::local::{LocalDoc, LocalEntity};
use super::union::Union;
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::index::LinkedEntity;
use crate::entity::intern::Name;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Country names by match key → (ISO code, whether the name is an acronym),
/// from assets/linking/country-names-*.tsv.
fn countries() -> &'static FxHashMap<String, (String, bool)> {
    static MAP: OnceLock<FxHashMap<String, (String, bool)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for file in [
            include_str!("../../../assets/linking/country-names-cldr.tsv"),
            include_str!("../../../assets/linking/country-names-iso.tsv"),
        ] {
            for line in file.lines().filter(|l| !l.starts_with('#')) {
                if let Some((code, name)) = line.split_once('\t') {
                    map.entry(match_key(name, Kind::Place))
                        .or_insert_with(|| (code.to_string(), is_acronym(name)));
                }
            }
        }
        map
    })
}

/// Link the local entities of all documents (`docs[i]` is document `i`) into
/// corpus entities. Deterministic: the same input gives the same output.
///
/// The steps, in order (each reads what the earlier ones joined):
/// 1. [`Linker::join_equal_keys`]: entities that share a match key;
/// 2. [`Linker::join_stems`]: inflected-only names meet their stem;
/// 3. [`Linker::join_countries`]: names of one country;
/// 4. [`Linker::join_surnames`]: persons known only by a surname.
pub fn global(docs: &[LocalDoc]) -> Vec<LinkedEntity> {
    let mut linker = Linker::new(docs);
    let by_key = linker.join_equal_keys();
    linker.join_stems(&by_key);
    linker.join_countries();
    linker.join_surnames();
    linker.into_entities()
}

/// The local entities of a corpus while they are being joined.
struct Linker<'a> {
    /// Every local entity with its document, in document order.
    flat: Vec<(DocId, &'a LocalEntity)>,
    /// Which entities are joined so far.
    uf: Union,
    /// The range of `flat` that holds each document's entities.
    doc_range: Vec<Range<usize>>,
}

impl<'a> Linker<'a> {
    fn new(docs: &'a [LocalDoc]) -> Linker<'a> {
        let flat: Vec<(DocId, &LocalEntity)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| doc.entities.iter().map(move |e| (DocId(d as u32), e)))
            .collect();
        // `flat` is in document order, so each document is one range of it.
        let mut doc_range: Vec<Range<usize>> = vec![0..0; docs.len()];
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
            flat,
            doc_range,
        }
    }

    /// Step 1: equal keys. Persons known only by one word wait for step 4:
    /// the same surname may name different people in different documents.
    /// Returns the entities by key, for step 2.
    fn join_equal_keys(&mut self) -> FxHashMap<Name, Vec<usize>> {
        let mut by_key: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            if !e.surname.is_empty() {
                continue;
            }
            for &k in &e.keys {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut buckets: Vec<&Vec<usize>> = by_key.values().collect();
        buckets.sort_unstable();
        for bucket in buckets {
            union_compatible(&mut self.uf, bucket, &self.flat);
        }
        by_key
    }

    /// Step 2: inflected-only names meet their stem, or each other. (Lone
    /// surnames keep their stems for step 4.)
    fn join_stems(&mut self, by_key: &FxHashMap<Name, Vec<usize>>) {
        let flat = &self.flat;
        let uf = &mut self.uf;
        let mut orphan_stems: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (_, e)) in flat.iter().enumerate() {
            if !e.surname.is_empty() {
                continue;
            }
            for s in &e.stems {
                let targets: Vec<usize> = by_key
                    .get(s)
                    .map(|b| {
                        let mut r: Vec<usize> = b
                            .iter()
                            .filter(|&&j| compatible(flat[j].1.kind, e.kind))
                            .map(|&j| uf.find(j))
                            .collect();
                        r.sort_unstable();
                        r.dedup();
                        r
                    })
                    .unwrap_or_default();
                match targets[..] {
                    [only] => {
                        uf.union(i, only);
                        break;
                    }
                    [] => orphan_stems.entry(s.as_str()).or_default().push(i),
                    _ => {}
                }
            }
        }
        for bucket in orphan_stems.values() {
            union_compatible(uf, bucket, flat);
        }
    }

    /// Step 3: names of one country (CLDR and iso-codes names).
    fn join_countries(&mut self) {
        let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let table = countries();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            // Acronyms of official names (`USA`, `DPRK`) only for places: as
            // organizations the same letters often mean something else. A
            // "person" named exactly like a country is a recognition error.
            let kind = e.kind;
            if let Some(code) = e.keys.iter().chain(&e.stems).find_map(|k| {
                let (code, acronym) = table.get(k.as_str())?;
                (!acronym || kind == Kind::Place || kind == Kind::Other).then_some(code)
            }) {
                by_country.entry(code.as_str()).or_default().push(i);
            }
        }
        for bucket in by_country.values() {
            for w in bucket.windows(2) {
                self.uf.union(w[0], w[1]);
            }
        }
    }

    /// Step 4: surname-only persons. A surname that matches no full name
    /// makes one person per surname; one that matches one joins it; one that
    /// matches several is decided by context ([`Linker::by_context`]).
    fn join_surnames(&mut self) {
        let n = self.flat.len();
        let mut by_family: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            for &k in &e.family {
                by_family.entry(k).or_default().push(i);
            }
        }
        // Roots as the earlier steps left them: candidates and their context
        // are read from this snapshot, so the order of surname entities
        // cannot matter.
        let roots_before: Vec<usize> = (0..n).map(|j| self.uf.find(j)).collect();
        let mut lone: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut ambiguous: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            if e.surname.is_empty() {
                continue;
            }
            let mut roots: Vec<usize> = e
                .surname
                .iter()
                .filter_map(|k| by_family.get(k))
                .flatten()
                .map(|&j| roots_before[j])
                .collect();
            roots.sort_unstable();
            roots.dedup();
            match roots[..] {
                [] => {
                    if let Some(k) = e.surname.first() {
                        lone.entry(k.as_str()).or_default().push(i);
                    }
                }
                [only] => self.uf.union(i, only),
                _ => ambiguous.push((i, roots)),
            }
        }
        for bucket in lone.values() {
            for w in bucket.windows(2) {
                self.uf.union(w[0], w[1]);
            }
        }
        if !ambiguous.is_empty() {
            self.by_context(ambiguous);
        }
    }

    /// A surname with several candidate full names joins the one whose
    /// documents share clearly more co-mentioned entities with its own.
    fn by_context(&mut self, ambiguous: Vec<(usize, Vec<usize>)>) {
        let n = self.flat.len();
        let now: Vec<usize> = (0..n).map(|j| self.uf.find(j)).collect();
        let mut docs_of: FxHashMap<usize, Vec<DocId>> = FxHashMap::default();
        for (j, (d, _)) in self.flat.iter().enumerate() {
            let list = docs_of.entry(now[j]).or_default();
            if list.last() != Some(d) {
                list.push(*d);
            }
        }
        for (i, candidates) in ambiguous {
            let doc = self.flat[i].0;
            let mine: FxHashSet<usize> = self.doc_range[doc.index()]
                .clone()
                .map(|j| now[j])
                .filter(|&r| r != now[i])
                .collect();
            let mut scored: Vec<(usize, usize)> = candidates
                .iter()
                .map(|&c| {
                    let r = now[c];
                    let mut theirs: FxHashSet<usize> = FxHashSet::default();
                    // Enough documents to judge; bounded for huge clusters.
                    for d in docs_of.get(&r).into_iter().flatten().take(256) {
                        theirs.extend(self.doc_range[d.index()].clone().map(|j| now[j]));
                    }
                    theirs.remove(&r);
                    (theirs.intersection(&mine).count(), r)
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            if scored[0].0 >= 3 && scored[0].0 >= 2 * scored[1].0 {
                self.uf.union(i, scored[0].1);
            }
        }
    }

    /// The clusters as corpus entities, in order of first mention, each with
    /// a unique key made from its name.
    fn into_entities(mut self) -> Vec<LinkedEntity> {
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.flat.len() {
            let r = self.uf.find(i);
            clusters.entry(r).or_default().push(i);
        }
        let mut out: Vec<LinkedEntity> = clusters
            .into_values()
            .map(|members| linked(&members, &self.flat))
            .collect();
        out.sort_by_key(|le| le.mentions.first().map(|(d, s)| (*d, s.start)));
        let mut used: FxHashSet<String> = FxHashSet::default();
        for le in &mut out {
            let base = slug(&le.entity.name);
            let mut key = base.clone();
            let mut k = 2;
            while !used.insert(key.clone()) {
                key = format!("{base}-{k}");
                k += 1;
            }
            le.entity.key = key;
        }
        out
    }
}

/// Union the entries of a bucket whose kinds are compatible: each kind
/// class's entries with each other, and `Other` entries with the first other
/// class.
fn union_compatible(uf: &mut Union, bucket: &[usize], flat: &[(DocId, &LocalEntity)]) {
    let mut first: [Option<usize>; 3] = [None; 3];
    for &i in bucket {
        let k = class(flat[i].1.kind);
        match first[k] {
            Some(f) => uf.union(f, i),
            None => first[k] = Some(i),
        }
    }
    if let Some(other) = first[2]
        && let Some(target) = first[..2].iter().flatten().min()
    {
        uf.union(other, *target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Recognized;
    use crate::entity::eval::score;
    use crate::entity::link::testing::{L, P, cluster_of, link_texts, roll, seeds_with};
    use std::collections::HashSet;

    #[test]
    fn variants_merge_across_documents() {
        let out = link_texts(
            &[
                "Kim Jong Un in Wladiwostok. Sergej Schoigu kam. Wostotschny. Nordkorea.",
                "Kim Jong-un in Wladiwostock. Sergei Schoigu kam, Shoigu ging. Wostotschnij. Nordkoreas Chef.",
                "Shin Won-sik sagte. Shin Wonsik im Sicherheitsrates. Putins Reise.",
                "Wladimir Putin und Shin. Im Nationalen Sicherheitsrats.",
            ],
            &[
                ("Kim Jong Un", P),
                ("Kim Jong-un", P),
                ("Wladiwostok", L),
                ("Wladiwostock", L),
                ("Sergej Schoigu", P),
                ("Sergei Schoigu", P),
                ("Shoigu", P),
                ("Wostotschny", L),
                ("Wostotschnij", L),
                ("Nordkoreas", L),
                ("Nordkorea", L),
                ("Shin Won-sik", P),
                ("Shin Wonsik", P),
                ("Putins", P),
                ("Wladimir Putin", P),
                ("Shin", P),
            ],
        );
        for (a, b) in [
            ("Kim Jong Un", "Kim Jong-un"),
            ("Wladiwostok", "Wladiwostock"),
            ("Sergej Schoigu", "Shoigu"),
            ("Sergei Schoigu", "Sergej Schoigu"),
            ("Wostotschny", "Wostotschnij"),
            ("Nordkorea", "Nordkoreas"),
            ("Shin Won-sik", "Shin Wonsik"),
            ("Shin", "Shin Won-sik"),
            ("Putins", "Wladimir Putin"),
        ] {
            assert_eq!(
                cluster_of(&out, a).entity.key,
                cluster_of(&out, b).entity.key,
                "{a} / {b}"
            );
        }
        assert_eq!(cluster_of(&out, "Putins").entity.name, "Wladimir Putin");
        let slugs: HashSet<&str> = out.iter().map(|e| e.entity.key.as_str()).collect();
        assert_eq!(slugs.len(), out.len(), "keys are unique");
    }

    #[test]
    fn different_people_and_places_stay_apart_across_documents() {
        let out = link_texts(
            &[
                "Kim Jong Un lobte. Kim lachte. Nordkorea und Südkorea.",
                "Kim Jong Il regierte. Kim Dae-jung kam. Seyoon Kim schrieb.",
                "Kim sagte etwas.",
                "Sergej Lawrow und Sergej Schoigu.",
            ],
            &[
                ("Kim Jong Un", P),
                ("Kim Jong Il", P),
                ("Kim Dae-jung", P),
                ("Seyoon Kim", P),
                ("Kim", P),
                ("Nordkorea", L),
                ("Südkorea", L),
                ("Sergej Lawrow", P),
                ("Sergej Schoigu", P),
            ],
        );
        let keys: Vec<&str> = ["Kim Jong Un", "Kim Jong Il", "Kim Dae-jung", "Seyoon Kim"]
            .iter()
            .map(|a| cluster_of(&out, a).entity.key.as_str())
            .collect();
        let unique: HashSet<&&str> = keys.iter().collect();
        assert_eq!(unique.len(), 4, "{keys:?}");
        assert_ne!(
            cluster_of(&out, "Nordkorea").entity.key,
            cluster_of(&out, "Südkorea").entity.key
        );
        assert_ne!(
            cluster_of(&out, "Sergej Lawrow").entity.key,
            cluster_of(&out, "Sergej Schoigu").entity.key
        );
        // Genitives of an ambiguous surname do not meet through their stem.
        let out2 = link_texts(
            &[
                "Kim Jong Un kam.",
                "Kim Dae-jung kam.",
                "Kims Zug fuhr.",
                "Kims Rede war lang.",
            ],
            &[("Kim Jong Un", P), ("Kim Dae-jung", P), ("Kims", P)],
        );
        assert_eq!(out2.len(), 4);
        // The lone "Kim" of document 2 is ambiguous: it joins nobody.
        let lone = out
            .iter()
            .find(|e| e.mentions.iter().any(|(d, _)| *d == DocId(2)))
            .unwrap();
        assert_eq!(lone.mentions.len(), 1);
    }

    #[test]
    fn an_ambiguous_surname_follows_the_clearly_shared_context() {
        let spans = [
            ("Kim Jong Un", P),
            ("Kim Dae-jung", P),
            ("Kim", P),
            ("Pjöngjang", L),
            ("Putin", P),
            ("Moskau", L),
            ("Seoul", L),
            ("Busan", L),
            ("Incheon", L),
            ("Sapporo", L),
        ];
        let out = link_texts(
            &[
                "Kim Jong Un in Pjöngjang mit Putin aus Moskau.",
                "Kim Dae-jung in Seoul, Busan und Incheon.",
                "Kim reiste von Pjöngjang nach Moskau zu Putin.",
                "Kim kam nach Sapporo.",
            ],
            &spans,
        );
        let un = cluster_of(&out, "Kim Jong Un");
        assert!(
            un.mentions.iter().any(|(d, _)| *d == DocId(2)),
            "shares three entities"
        );
        assert!(
            !out.iter()
                .any(|e| e.mentions.iter().any(|(d, _)| *d == DocId(3)) && e.mentions.len() > 1),
            "no shared context: the Kim of document 3 stays alone"
        );
        assert!(
            !cluster_of(&out, "Kim Dae-jung")
                .mentions
                .iter()
                .any(|(d, _)| *d == DocId(2))
        );
    }

    #[test]
    fn country_names_from_the_assets_link_languages_and_official_forms() {
        let out = link_texts(
            &[
                "Nordkorea droht.",
                "North Korea says.",
                "Die DVRK (Demokratische Volksrepublik Korea) und die Vereinigten Staaten.",
                "Die USA warnen.",
            ],
            &[
                ("Nordkorea", L),
                ("North Korea", L),
                ("DVRK", L),
                ("Demokratische Volksrepublik Korea", L),
                ("Vereinigten Staaten", L),
                ("USA", L),
            ],
        );
        let nk = &cluster_of(&out, "Nordkorea").entity.key;
        for a in ["North Korea", "DVRK", "Demokratische Volksrepublik Korea"] {
            assert_eq!(&cluster_of(&out, a).entity.key, nk, "{a}");
        }
        assert_eq!(
            cluster_of(&out, "USA").entity.key,
            cluster_of(&out, "Vereinigten Staaten").entity.key
        );
        assert_ne!(cluster_of(&out, "USA").entity.key, *nk);
        // A country recognised as a person still joins its country.
        let out = link_texts(
            &["Südkorea wächst, Südkorea baut.", "South Korea grows."],
            &[("Südkorea", L), ("South Korea", P)],
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].entity.kind, Kind::Place);
        // Different countries, and a US state named like a country in English.
        let out = link_texts(
            &["Georgien und Südkorea.", "Georgia und Korea."],
            &[
                ("Georgien", L),
                ("Georgia", L),
                ("Südkorea", L),
                ("Korea", L),
            ],
        );
        assert_eq!(
            out.len(),
            4,
            "{:?}",
            out.iter().map(|e| &e.entity.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn linking_is_deterministic() {
        let texts = ["Anna Schmidt traf Bonn. Schmidt ging.", "Schmidt in Bonn."];
        let spans = [("Anna Schmidt", P), ("Schmidt", P), ("Bonn", L)];
        let a = link_texts(&texts, &spans);
        let b = link_texts(&texts, &spans);
        let show = |v: &[LinkedEntity]| {
            format!(
                "{:?}",
                v.iter()
                    .map(|e| (&e.entity, &e.mentions))
                    .collect::<Vec<_>>()
            )
        };
        assert_eq!(show(&a), show(&b));
        assert_eq!(
            cluster_of(&a, "Schmidt").mentions.len(),
            3,
            "the lone surname joins the only Schmidt"
        );
    }

    #[test]
    fn seeds_link_under_noisy_recognition() {
        // Wrong kinds on one mention in six (person ↔ place ↔ organization).
        let retype = |_: &str, rs: Vec<Recognized>| -> Vec<Recognized> {
            rs.into_iter()
                .map(|mut r| {
                    if roll(&r, 1) < 16 {
                        r.kind = match r.kind {
                            Kind::Person => Kind::Other,
                            Kind::Place => Kind::Organization,
                            Kind::Organization => Kind::Place,
                            Kind::Other => Kind::Person,
                        };
                    }
                    r
                })
                .collect()
        };
        // One mention in five missing.
        let drop = |_: &str, rs: Vec<Recognized>| -> Vec<Recognized> {
            rs.into_iter().filter(|r| roll(r, 2) >= 20).collect()
        };
        // The word before swallowed into one span in three (titles, articles,
        // prepositions: `Präsident Putin`, `Die USA`, `mit Russland`).
        let widen = |text: &str, rs: Vec<Recognized>| -> Vec<Recognized> {
            let mut last_end = 0;
            rs.into_iter()
                .map(|mut r| {
                    let before = &text[..r.span.start];
                    let trimmed = before.trim_end();
                    let word_start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                    let prev = &trimmed[word_start..];
                    if roll(&r, 3) < 33
                        && word_start >= last_end
                        && trimmed.len() + 1 == before.len()
                        && prev.chars().count() > 1
                        && prev.chars().all(char::is_alphabetic)
                    {
                        r.span.start = word_start;
                    }
                    last_end = r.span.end;
                    r
                })
                .collect()
        };
        for (what, noise) in [
            (
                "retyped",
                &retype as &dyn Fn(&str, Vec<Recognized>) -> Vec<Recognized>,
            ),
            ("dropped", &drop),
            ("widened", &widen),
        ] {
            let (gold, out) = seeds_with(noise);
            let s = score(&gold, &out);
            eprintln!("{what}:\n{s:#}");
            assert_eq!(s.merges, 0, "{what}: {s:#}");
            assert!(s.b3_precision >= 0.99, "{what}: {s:#}");
            if what != "dropped" {
                // Every mention is there: linking alone decides recall.
                assert!(s.b3_f1 >= 0.93, "{what}: {s:#}");
            }
        }
    }

    #[test]
    fn seeds_link_with_gold_mentions() {
        let (gold, out) = seeds_with(&|_, rs| rs);
        let s = score(&gold, &out);
        eprintln!("{s:#}");
        assert!(s.b3_f1 >= 0.98, "{s:#}");
        assert_eq!((s.splits, s.merges), (0, 0), "{s:#}");
        assert_eq!(s.recall, 1.0, "{s:#}");
    }
}
