//! Step 5 of linking across documents: shorter forms of an organization's
//! name join the full one: `Schalke 04` and `FC Schalke 04` (a club prefix
//! from `assets/linking/organization-prefixes.txt` aside), `FC Bayern` and
//! `FC Bayern München` (the only longer name that goes on from it). A word
//! alone never stands for a longer name this way: `Sony` is not `Sony
//! Music`, nor `Samsung` the `Samsung Cups`.

use super::Linker;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::intern::Name;
use crate::entity::link::keys::key_of_words;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Club and association prefixes (assets/linking/organization-prefixes.txt).
fn prefixes() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../../assets/linking/organization-prefixes.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// A name split into its prefix words (club prefix, leading number) and
/// its core.
fn split_prefix<'w>(ws: &[&'w str]) -> (Vec<&'w str>, Vec<&'w str>) {
    let set = prefixes();
    let mut i = 0;
    while i + 1 < ws.len() && (set.contains(ws[i]) || ws[i].chars().all(|c| c.is_ascii_digit())) {
        i += 1;
    }
    (ws[..i].to_vec(), ws[i..].to_vec())
}

/// What one organization name gives this step (worked out once per
/// distinct name: a corpus repeats its names).
#[derive(Default)]
struct Forms {
    /// The key of its core, when it has a prefix and a core of two words
    /// or more.
    core: Option<String>,
    /// The keys of the starts it goes on from: its prefix with its core's
    /// first word, and that word alone after a prefix.
    longer: Vec<String>,
    /// Its key, when it is a club prefix and a one-word core.
    short: Option<String>,
}

impl Forms {
    /// Whether there is no form to join by (a name of one word without a
    /// prefix has none).
    fn is_empty(&self) -> bool {
        self.core.is_none() && self.longer.is_empty() && self.short.is_none()
    }

    /// The forms of a name with words `ws`.
    fn of(ws: &[&str]) -> Forms {
        let (prefix, core) = split_prefix(ws);
        let mut forms = Forms::default();
        if core.len() >= 2 {
            if !prefix.is_empty() {
                forms.core = Some(key_of_words(&core, Kind::Organization));
            }
            // A model or product after a name (`Airbus A380`) is no longer
            // form of it.
            let named = core[1..].iter().all(|w| w.chars().all(char::is_alphabetic));
            let mut start = prefix.clone();
            start.push(core[0]);
            if named || !prefix.is_empty() {
                forms.longer.push(key_of_words(&start, Kind::Organization));
            }
            if !prefix.is_empty() {
                forms
                    .longer
                    .push(key_of_words(&core[..1], Kind::Organization));
            }
        } else if core.len() == 1 && !prefix.is_empty() {
            forms.short = Some(key_of_words(ws, Kind::Organization));
        }
        forms
    }
}

impl Linker<'_> {
    /// Step 5: shorter forms of organization names.
    pub(super) fn join_short_forms(&mut self) {
        let forms = self.short_forms();
        let organization = |k: Kind| k == Kind::Organization;
        // Cores of two words or more by key, and the short forms, gathered
        // on all cores, put together in order.
        type Found<'f> = (Vec<(&'f str, usize)>, Vec<(usize, &'f str)>);
        let found: Vec<Found<'_>> = self.each_range(organization, |found: &mut Found<'_>, i, e| {
            let (cores, short) = found;
            Self::each_uninflected_surface(e, |surface| {
                let Some(f) = forms.get(&surface) else {
                    return;
                };
                if let Some(core) = &f.core {
                    cores.push((core, i));
                }
                if let Some(key) = &f.short {
                    short.push((i, key));
                }
            });
        });
        let mut by_core: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut short: Vec<(usize, &str)> = Vec::new();
        for (cores, shorts) in found {
            for (core, i) in cores {
                by_core.entry(core).or_default().push(i);
            }
            short.extend(shorts);
        }
        // For every short form, the clusters that go on from it (that start
        // with its words): listed for the short forms there are, not for
        // every first word of an organization (90 MB at a million
        // articles), with each entity's root as it is before any join
        // below (looked up here, not listed for every entity).
        let wanted: FxHashSet<&str> = short.iter().map(|&(_, key)| key).collect();
        let mut longer: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        if !wanted.is_empty() {
            let found: Vec<Vec<(&str, usize)>> =
                self.each_range(organization, |found: &mut Vec<(&str, usize)>, i, e| {
                    Self::each_uninflected_surface(e, |surface| {
                        for start in forms.get(&surface).iter().flat_map(|f| &f.longer) {
                            if let Some(&start) = wanted.get(start.as_str()) {
                                found.push((start, i));
                            }
                        }
                    });
                });
            for (start, i) in found.into_iter().flatten() {
                longer.entry(start).or_default().push(i);
            }
        }
        for list in longer.values_mut() {
            for i in list.iter_mut() {
                *i = self.uf.find(*i);
            }
        }
        // `FC Schalke 04` = `Schalke 04`: the core of a prefixed name is a
        // name of its own (its key is that of the unprefixed form). Only
        // the keys that are cores are listed.
        let mut org_by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        if !by_core.is_empty() {
            let found: Vec<Vec<(&str, usize)>> =
                self.each_range(organization, |found: &mut Vec<(&str, usize)>, j, e| {
                    for k in e.keys() {
                        if by_core.contains_key(k.as_str()) {
                            found.push((k.as_str(), j));
                        }
                    }
                });
            for (k, j) in found.into_iter().flatten() {
                org_by_key.entry(k).or_default().push(j);
            }
        }
        for (core, members) in by_core {
            let mut bucket = members;
            bucket.extend(org_by_key.get(core).into_iter().flatten().copied());
            bucket.sort_unstable();
            bucket.dedup();
            for w in bucket.windows(2) {
                self.join(w[0], w[1], Rule::ShortForm);
            }
        }
        for list in longer.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        for (i, key) in short {
            if let Some(list) = longer.get(key)
                && let [only] = list[..]
            {
                self.join(only, i, Rule::ShortForm);
            }
        }
    }

    /// The forms of every distinct uninflected organization name that has
    /// any, worked out on all cores.
    fn short_forms(&self) -> FxHashMap<Name, Forms> {
        self.per_surface(
            |k| k == Kind::Organization,
            |surface| Some(Forms::of(&self.surfaces.words(surface))).filter(|f| !f.is_empty()),
        )
    }
}
