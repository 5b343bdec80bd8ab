//! Step 4 of linking across documents: an acronym joins a long form from
//! another article when its letters are exactly the long form's initials
//! ([`strict_initials`](crate::entity::link::acronym::strict_initials)), both
//! are organizations, the pair is unique (one long form fits the letters, and
//! the long form fits one acronym), the acronym has no expansion yet (`EU`,
//! defined as `Europäische Union`, takes no `Erlanger Universitätsklinik`),
//! and the articles of both share at least three other entities.

use super::{Linker, Roots};
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::intern::Name;
use crate::entity::link::acronym::{PartsKnown, acronym_letters, sounded, spellings};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// Most spellings tried per long form.
const SPELLINGS: usize = 32;

/// Documents read per cluster for the context check.
const CONTEXT_DOCS: usize = 64;

/// Fewest clusters the articles of an acronym and of its long form must
/// both mention: letters alone prove too little across articles (`PKK`,
/// `Pekinger Kanzlei Qianqian`).
const MIN_SHARED: usize = 3;

impl Linker<'_> {
    /// Step 4: acronyms and the long forms whose initials they are.
    pub(super) fn join_initials(&mut self) {
        let roots = self.roots();
        let org = |k: Kind| matches!(k, Kind::Organization | Kind::Other);
        let surfaces = self.distinct_surfaces(org);
        // What every one-word surface that is an acronym spells: its
        // letters as they sound ([`sounded`]).
        let letters: FxHashMap<Name, String> = surfaces
            .par_iter()
            .filter_map(|&surface| {
                let letters = match self.surfaces.words(surface)[..] {
                    [one] => acronym_letters(one),
                    _ => None,
                }?;
                Some((surface, sounded(&letters)))
            })
            .collect();
        // Acronym clusters by their letters.
        let mut acronyms: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.flat.of_kinds(org) {
            Self::each_uninflected_surface(e, |surface| {
                if let Some(letters) = letters.get(&surface) {
                    acronyms.entry(letters).or_default().push(i);
                }
            });
        }
        // What every other surface may spell ([`spellings`]): of those, the
        // letters of the corpus's acronyms alone (a corpus has millions of
        // long forms, few of them an acronym's), once per surface.
        let long_forms: FxHashMap<Name, Vec<&str>> = surfaces
            .into_par_iter()
            .filter(|surface| !letters.contains_key(surface))
            .map_init(PartsKnown::default, |known, surface| {
                let ws = self.surfaces.words(surface);
                let spelt = spellings(&ws.join(" "), SPELLINGS, known);
                let found = spelt
                    .iter()
                    .filter_map(|s| acronyms.get_key_value(s.as_str()).map(|(k, _)| *k))
                    .collect();
                (!spelt.is_empty()).then_some((surface, found))
            })
            .flatten()
            .collect();
        // Long-form clusters by the acronyms' letters they may spell, and
        // every cluster that has a long form: an acronym with its expansion
        // (defined in an article, or a known name) takes no other.
        let mut longs: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut expanded: FxHashSet<usize> = FxHashSet::default();
        for (i, e) in self.flat.of_kinds(org) {
            Self::each_uninflected_surface(e, |surface| {
                if let Some(spelt) = long_forms.get(&surface) {
                    expanded.insert(roots.of(i));
                    for s in spelt {
                        longs.entry(s).or_default().push(roots.of(i));
                    }
                }
            });
        }
        for list in longs.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        // How many acronyms each long-form cluster fits.
        let mut fits: FxHashMap<usize, usize> = FxHashMap::default();
        for (letters, members) in &acronyms {
            if let Some(list) = longs.get(letters) {
                let mut own: Vec<usize> = members.iter().map(|&i| roots.of(i)).collect();
                own.sort_unstable();
                own.dedup();
                for l in list.iter().filter(|l| !own.contains(l)) {
                    *fits.entry(*l).or_default() += 1;
                }
            }
        }
        // Clusters that have an acronym already: a long form takes no other
        // (`Weltwährungsfonds`, a name of the `IWF`, takes no `WWF`).
        let abbreviated: FxHashSet<usize> =
            acronyms.values().flatten().map(|&i| roots.of(i)).collect();
        // The pairs the letters allow, then those whose articles agree.
        let mut pairs: Vec<(usize, &[usize])> = Vec::new();
        for (letters, members) in &acronyms {
            let Some(list) = longs.get(letters) else {
                continue;
            };
            let own: Vec<usize> = members.iter().map(|&i| roots.of(i)).collect();
            if own.iter().any(|r| expanded.contains(r)) {
                continue;
            }
            let others: Vec<usize> = list.iter().copied().filter(|l| !own.contains(l)).collect();
            if let [long] = others[..]
                && fits.get(&long) == Some(&1)
                && !abbreviated.contains(&long)
            {
                pairs.push((long, members));
            }
        }
        // The documents of only the clusters a pair names.
        let named: FxHashSet<usize> = pairs
            .iter()
            .flat_map(|&(long, members)| [long, roots.of(members[0])])
            .collect();
        let docs_of = self.docs_by_root(&roots, |r| named.contains(&r));
        let mut joins: Vec<(usize, usize)> = Vec::new();
        for (long, members) in pairs {
            if self.shared_context(roots.of(members[0]), long, &roots, &docs_of) >= MIN_SHARED {
                joins.extend(members.iter().map(|&m| (long, m)));
            }
        }
        for (long, m) in joins {
            self.join(long, m, Rule::Initials);
        }
    }

    /// How many clusters the documents of clusters `a` and `b` both mention
    /// (each read in at most [`CONTEXT_DOCS`] documents), `a` and `b` aside.
    fn shared_context(
        &self,
        a: usize,
        b: usize,
        roots: &Roots,
        docs_of: &FxHashMap<usize, Vec<DocId>>,
    ) -> usize {
        let around = |c: usize| -> FxHashSet<usize> {
            let mut set = FxHashSet::default();
            for d in docs_of.get(&c).into_iter().flatten().take(CONTEXT_DOCS) {
                set.extend(self.context(*d, roots));
            }
            set.remove(&a);
            set.remove(&b);
            set
        };
        around(a).intersection(&around(b)).count()
    }
}
