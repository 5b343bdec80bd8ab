//! Step 3 of linking across documents: names of one country or one body in
//! dossier's tables join (`USA`, `Vereinigte Staaten`; `UNO`, `Vereinte
//! Nationen`; `IAEA`, `Internationale Atomenergiebehörde`). The tables are
//! data with their sources ([`KnownNames`]).

use super::Linker;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::intern::Name;
use crate::entity::known::{Known, KnownNames};
use crate::entity::link::flat::Flat;
use crate::entity::link::keys::key_of_words;
use crate::entity::link::surfaces::Surfaces;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Words before a country's name that name its form of state: `Republik
/// Israel`, `Vereinigtes Königreich Großbritannien` are the country.
const STATE_FORMS: &[&str] = &[
    "republik",
    "bundesrepublik",
    "volksrepublik",
    "koenigreich",
    "staat",
    "freistaat",
    "fuerstentum",
    "grossherzogtum",
    "emirat",
    "sultanat",
    "foederation",
];

/// The entities of a corpus that name an entry of the known-names tables,
/// by entry, each list in order. It reads the entities alone, not how they
/// are joined, so it is gathered while the first steps run.
pub(super) struct KnownEntries(BTreeMap<u32, Vec<usize>>);

impl KnownEntries {
    /// The known entries the entities of `flat` name.
    pub(super) fn of(flat: &Flat<'_>, surfaces: &Surfaces) -> KnownEntries {
        let table = KnownNames::get();
        let mut by_entry: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        // The country each place surface names through its form of state.
        let mut countries: FxHashMap<Name, Option<String>> = FxHashMap::default();
        for (i, (_, e)) in flat.iter().enumerate() {
            let kind = e.kind();
            let fits = |known: Option<Known>| {
                let known = known?;
                let fits = if known.acronym {
                    kind == known.kind || kind == Kind::Other
                } else {
                    known.kind == Kind::Place || kind != Kind::Person
                };
                if fits { known.entry } else { None }
            };
            let mut found = e
                .keys()
                .iter()
                .chain(e.stems())
                .find_map(|&k| fits(table.by_name(k)));
            if found.is_none() && kind == Kind::Place {
                let country = e.mentions().iter().find_map(|m| {
                    countries
                        .entry(m.surface)
                        .or_insert_with(|| state_form_country(&surfaces.words(m.surface)))
                        .clone()
                });
                found = country.and_then(|k| fits(table.by_key(&k)));
            }
            if let Some(entry) = found {
                by_entry.entry(entry).or_default().push(i);
            }
        }
        KnownEntries(by_entry)
    }
}

impl Linker<'_> {
    /// Step 3: names of one country or body (`known`, [`KnownEntries::of`]
    /// this corpus). An acronym among the names (`USA`, `UNO`) joins only
    /// entities of the entry's own kind: as an organization `USA` may be
    /// something else. A "person" named exactly like a country is a
    /// recognition error and joins it.
    pub(super) fn join_known_names(&mut self, known: KnownEntries) {
        for bucket in known.0.values() {
            for w in bucket.windows(2) {
                self.join(w[0], w[1], Rule::KnownName);
            }
        }
    }
}

/// The key of the country a place's name (its words) names through its form
/// of state: the name without leading adjectives and a state-form noun
/// (`Republik Israel` → `israel`, `Vereinigten Königreich Großbritannien` →
/// `grossbritannien`).
fn state_form_country(ws: &[&str]) -> Option<String> {
    let at = ws.iter().position(|w| {
        let f = crate::text::fold(w);
        STATE_FORMS
            .iter()
            .any(|s| f == *s || f.strip_suffix('s') == Some(s))
    })?;
    let before_adjectives = ws[..at]
        .iter()
        .all(|w| crate::text::adjective::has_adjective_ending(w));
    (before_adjectives && at + 1 < ws.len()).then(|| key_of_words(&ws[at + 1..], Kind::Place))
}
