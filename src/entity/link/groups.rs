//! The steps of linking inside one document: mention groups, merged step
//! by step (titles, inflected forms, acronyms, designators, short forms).

use super::acronym::{LongForm, strict_initials};
use super::doc::{LocalDoc, with_builder};
use super::keys::{acronym_matches, genitive_stems, key_of_words, word_key};
use super::kinds::compatible;
use super::local::{Item, family_keys, parenthesised, push_entity, without_designator};
use crate::entity::Kind;
use rustc_hash::FxHashMap;

/// Whether a name beside an acronym in parentheses defines it: its strict
/// initials, or letters from inside its words when the acronym is no known
/// name (a known name in parentheses is often a credit: `… der
/// Alpinpolizei Axams (APA)` names the agency, not the police).
fn defines(acronym: &str, long: &str) -> bool {
    use crate::entity::known::KnownNames;
    let known = KnownNames::get()
        .by_key(&super::keys::match_key(acronym, Kind::Organization))
        .is_some();
    strict_initials(acronym, long) || (!known && acronym_matches(acronym, long))
}

/// Whether `long`, elsewhere in a document, may be what `acronym`
/// abbreviates (no parentheses tie them). For the acronym of a
/// known body (`APA`, the Austria Presse Agentur) that is one of the body's
/// own names, or one initial per word; letters from inside compounds fit
/// too many other names (`Alpinpolizei Axams`). For any other acronym, its
/// strict initials. `entry` is the acronym's [`known_entry`]; `form` is
/// the name tried, as a long form.
fn initials_fit(entry: Option<u32>, acronym: &str, form: &LongForm<'_>) -> bool {
    use super::acronym::word_initials;
    use super::keys::match_key;
    use crate::entity::known::KnownNames;
    let long = form.text();
    match entry {
        Some(entry) => {
            word_initials(acronym, long)
                || [Kind::Organization, Kind::Place].iter().any(|&kind| {
                    KnownNames::get()
                        .by_key(&match_key(long, kind))
                        .is_some_and(|k| k.entry == Some(entry))
                })
        }
        None => form.spelled_by(acronym),
    }
}

/// The known body an acronym names, if any: what [`initials_fit`] asks
/// first, the same for every name the acronym is tried against.
fn known_entry(acronym: &str) -> Option<u32> {
    crate::entity::known::KnownNames::get()
        .by_key(&super::keys::match_key(acronym, Kind::Organization))
        .and_then(|k| k.entry)
}

/// Mention groups of one document, merged step by step.
pub(super) struct Groups {
    /// Group of each item.
    of: Vec<usize>,
    /// Key each group was created for.
    keys: Vec<String>,
    /// Group by key.
    by_key: FxHashMap<String, usize>,
    /// Items of each group, perhaps with items that have left it since or
    /// twice: [`Groups::members`] checks them against `of`. A group's
    /// members are found without a scan over the document.
    lists: Vec<Vec<usize>>,
    /// How many items of each kind (by [`kind_index`]) each group has.
    counts: Vec<[u32; 4]>,
}

/// The position of a kind in [`Kind::ALL`], as [`super::kinds::majority`] counts it.
fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == kind).unwrap_or(3)
}

impl Groups {
    pub(super) fn new(items: &[Item]) -> Groups {
        let mut g = Groups {
            of: Vec::with_capacity(items.len()),
            keys: Vec::new(),
            by_key: FxHashMap::default(),
            lists: Vec::new(),
            counts: Vec::new(),
        };
        for (i, it) in items.iter().enumerate() {
            let id = match g.by_key.get(it.key.as_str()) {
                Some(&id) => id,
                None => {
                    let id = g.keys.len();
                    g.keys.push(it.key.to_string());
                    g.by_key.insert(it.key.to_string(), id);
                    g.lists.push(Vec::new());
                    g.counts.push([0; 4]);
                    id
                }
            };
            g.of.push(id);
            g.lists[id].push(i);
            g.counts[id][kind_index(it.kind)] += 1;
        }
        g
    }

    /// The items of a group, each at least once, in no particular order.
    pub(super) fn members(&self, group: usize) -> impl Iterator<Item = usize> + '_ {
        self.lists[group]
            .iter()
            .copied()
            .filter(move |&i| self.of[i] == group)
    }

    /// How many items a group has.
    fn size(&self, group: usize) -> usize {
        self.counts[group].iter().map(|&n| n as usize).sum()
    }

    /// The kind most items of a group have ([`super::kinds::majority`]: ties go to the earlier kind).
    pub(super) fn kind(&self, group: usize) -> Kind {
        let counts = &self.counts[group];
        let mut best = 0;
        for i in 1..4 {
            if counts[i] > counts[best] {
                best = i;
            }
        }
        Kind::ALL[best]
    }

    /// Move item `i` (of kind `kind`) into group `into`.
    fn assign(&mut self, i: usize, kind: Kind, into: usize) {
        let from = self.of[i];
        if from == into {
            return;
        }
        self.counts[from][kind_index(kind)] -= 1;
        self.counts[into][kind_index(kind)] += 1;
        self.of[i] = into;
        self.lists[into].push(i);
    }

    /// Move every item of group `from` into group `into`.
    pub(super) fn merge(&mut self, from: usize, into: usize) {
        if from == into {
            return;
        }
        let moved = std::mem::take(&mut self.lists[from]);
        for &i in &moved {
            if self.of[i] == from {
                self.of[i] = into;
                self.lists[into].push(i);
            }
        }
        let counts = std::mem::take(&mut self.counts[from]);
        for (into, n) in self.counts[into].iter_mut().zip(counts) {
            *into += n;
        }
    }

    /// A person mention that ends in the full name of another person group
    /// joins it: a title or function swallowed by recognition
    /// (`Präsident Wladimir Putin` → `Wladimir Putin`).
    pub(super) fn join_titled(&mut self, items: &[Item]) {
        for (i, it) in items.iter().enumerate() {
            if it.kind != Kind::Person || it.words.len() < 3 {
                continue;
            }
            for k in 1..it.words.len() - 1 {
                let tail: Vec<&str> = it.words[k..].iter().map(String::as_str).collect();
                let key = key_of_words(&tail, Kind::Person);
                if let Some(&g) = self.by_key.get(&key)
                    && g != self.of[i]
                    && self.kind(g) == Kind::Person
                {
                    self.assign(i, it.kind, g);
                    break;
                }
            }
        }
    }

    /// Inflected forms join their base: `Putins` → `Putin` when `Putin` is in
    /// the document; two inflected forms of one unattested stem join each other.
    pub(super) fn join_inflected(&mut self, items: &mut [Item]) {
        let mut orphan: FxHashMap<String, usize> = FxHashMap::default();
        for i in 0..items.len() {
            let own = self.of[i];
            let base = items[i].stems.iter().find_map(|s| {
                self.by_key
                    .get(s)
                    .copied()
                    .filter(|&g| g != own && self.members(g).any(|j| items[j].key == *s))
            });
            if let Some(g) = base {
                self.assign(i, items[i].kind, g);
                items[i].inflected = true;
                continue;
            }
            for s in &items[i].stems {
                match orphan.get(s) {
                    Some(&g) if g != self.of[i] => {
                        self.assign(i, items[i].kind, g);
                        items[i].inflected = true;
                        break;
                    }
                    Some(_) => {}
                    None => {
                        orphan.insert(s.clone(), self.of[i]);
                    }
                }
            }
        }
    }

    /// Acronyms join their expansion: the name in parentheses right before or
    /// after them, else the only name in the document they abbreviate.
    pub(super) fn join_acronyms(&mut self, text: &str, items: &[Item]) {
        let mut fits: FxHashMap<(&str, Kind), Vec<usize>> = FxHashMap::default();
        // Each name as a long form, made once for every acronym tried
        // against it.
        let mut forms: Vec<LongForm<'_>> = Vec::new();
        for i in 0..items.len() {
            if !items[i].acronym {
                continue;
            }
            let own = self.of[i];
            let mut target = None;
            // Parentheses: "Expansion (ACR)" or "ACR (Expansion)".
            if i > 0 && parenthesised(text, &items[i - 1].span, &items[i].span) {
                target = Some(i - 1);
            } else if i + 1 < items.len() && parenthesised(text, &items[i].span, &items[i + 1].span)
            {
                target = Some(i + 1);
            }
            if let Some(t) = target
                && !items[t].acronym
                && defines(&items[i].surface, &items[t].surface)
            {
                let into = self.of[t];
                self.merge(own, into);
                continue;
            }
            // Elsewhere in the document: only a unique expansion whose
            // initials the acronym is (letters from inside words fit too
            // many names: `SPÖ` in `St. Pölten`).
            // The names of a kind that an acronym's initials fit do not
            // change as groups merge: they are found once per acronym and
            // kind.
            let acronym = items[i].surface.as_str();
            let kind = self.kind(own);
            let fitting = fits.entry((acronym, kind)).or_insert_with(|| {
                let entry = known_entry(acronym);
                if forms.is_empty() {
                    forms = items.iter().map(|it| LongForm::of(&it.surface)).collect();
                }
                items
                    .iter()
                    .zip(&forms)
                    .enumerate()
                    .filter(|(_, (it, form))| {
                        !it.acronym
                            && it.words.len() >= 2
                            && compatible(kind, it.kind)
                            && initials_fit(entry, acronym, form)
                    })
                    .map(|(j, _)| j)
                    .collect()
            });
            let mut candidates: Vec<usize> = fitting
                .iter()
                .filter(|&&j| self.of[j] != own)
                .map(|&j| self.of[j])
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            if let [only] = candidates[..] {
                self.merge(own, only);
            }
        }
    }

    /// A one-word organization joins the document's compound of an acronym
    /// and that word (`Senat` → `US-Senat`, `Sicherheitsrates` →
    /// `UN-Sicherheitsrat`), when the document has only one such compound.
    pub(super) fn join_prefixed(&mut self, items: &[Item]) {
        let mut by_head: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, it) in items.iter().enumerate() {
            if it.kind != Kind::Organization || it.words.len() != 1 {
                continue;
            }
            let Some((prefix, head)) = it.words[0].rsplit_once('-') else {
                continue;
            };
            if super::keys::is_acronym(prefix) && head.starts_with(char::is_uppercase) {
                let mut keys = vec![word_key(head)];
                keys.extend(
                    genitive_stems(head, Kind::Organization)
                        .iter()
                        .map(|s| word_key(s)),
                );
                for k in keys {
                    let list = by_head.entry(k).or_default();
                    if !list.contains(&self.of[i]) {
                        list.push(self.of[i]);
                    }
                }
            }
        }
        if by_head.is_empty() {
            return;
        }
        for (i, it) in items.iter().enumerate() {
            if it.kind != Kind::Organization || it.words.len() != 1 || it.words[0].contains('-') {
                continue;
            }
            let mut groups: Vec<usize> = std::iter::once(word_key(&it.words[0]))
                .chain(
                    genitive_stems(&it.words[0], Kind::Organization)
                        .iter()
                        .map(|s| word_key(s)),
                )
                .filter_map(|k| by_head.get(&k))
                .flatten()
                .copied()
                .collect();
            groups.sort_unstable();
            groups.dedup();
            if let [g] = groups[..] {
                let own = self.of[i];
                self.merge(own, g);
            }
        }
    }

    /// `Name Designator` joins `Name` (`Yonhap News`, `Yonhap`).
    pub(super) fn join_designators(&mut self, items: &[Item]) {
        for (i, it) in items.iter().enumerate() {
            if let Some(short) = without_designator(it)
                && let Some(&g) = self.by_key.get(&short)
                && compatible(self.kind(g), it.kind)
            {
                let own = self.of[i];
                self.merge(g, own);
            }
        }
    }

    /// One-word person mentions join the full name whose family name they are.
    pub(super) fn join_short_forms(&mut self, items: &[Item]) {
        // Family-name keys of multi-word person names: (primary, key) → groups.
        let mut family: FxHashMap<String, Vec<(bool, usize)>> = FxHashMap::default();
        for (i, it) in items.iter().enumerate() {
            if it.kind != Kind::Person || it.words.len() < 2 || it.inflected {
                continue;
            }
            for (primary, k) in family_keys(&it.words) {
                let list = family.entry(k).or_default();
                let g = self.of[i];
                if !list.contains(&(primary, g)) {
                    list.push((primary, g));
                }
            }
        }
        for i in 0..items.len() {
            let it = &items[i];
            if it.words.len() != 1 || !matches!(it.kind, Kind::Person | Kind::Other) {
                continue;
            }
            let own = self.of[i];
            let multi = self.members(own).any(|j| items[j].words.len() > 1);
            if multi {
                continue;
            }
            let mut keys = vec![word_key(&it.words[0])];
            keys.extend(
                genitive_stems(&it.words[0], Kind::Person)
                    .iter()
                    .map(|s| word_key(s)),
            );
            let mut cands: Vec<(bool, usize)> = keys
                .iter()
                .filter_map(|k| family.get(k))
                .flatten()
                .copied()
                .filter(|&(_, g)| g != own)
                .collect();
            cands.sort_unstable();
            let mut primary: Vec<usize> = cands.iter().filter(|c| c.0).map(|c| c.1).collect();
            primary.dedup();
            let mut groups: Vec<usize> = if primary.is_empty() {
                cands.into_iter().map(|(_, g)| g).collect()
            } else {
                // A name whose family name the word is comes before one
                // whose first word it only is (`Merkel`: `Angela Merkel`,
                // not a pun `Merkel Roots`).
                primary.clone()
            };
            groups.sort_unstable();
            groups.dedup();
            // One candidate: it. Several: the one mentioned last before;
            // with none before (a headline), the one the document mentions
            // clearly most, else the only one whose family name it is.
            let target = match groups[..] {
                [] => None,
                [only] => Some(only),
                _ => self
                    .preceding(items, &groups, it.span.start)
                    .or_else(|| self.dominant(&groups))
                    .or(match primary[..] {
                        [only] => Some(only),
                        _ => None,
                    }),
            };
            if let Some(g) = target {
                self.assign(i, it.kind, g);
            }
        }
    }

    /// Of several groups, the one with at least twice the mentions of any other.
    pub(super) fn dominant(&self, groups: &[usize]) -> Option<usize> {
        let mut counts: Vec<(usize, usize)> = groups.iter().map(|&g| (self.size(g), g)).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        match counts[..] {
            [(a, g), (b, _), ..] if a >= 2 * b => Some(g),
            _ => None,
        }
    }

    /// Of several groups, the one with the nearest mention before `offset`.
    pub(super) fn preceding(
        &self,
        items: &[Item],
        groups: &[usize],
        offset: usize,
    ) -> Option<usize> {
        // The last of the items that start latest, as a scan in item order
        // keeps it.
        groups
            .iter()
            .flat_map(|&g| self.members(g))
            .filter(|&j| items[j].span.start < offset)
            .max_by_key(|&j| (items[j].span.start, j))
            .map(|j| self.of[j])
    }

    pub(super) fn into_doc(self, items: Vec<Item>) -> LocalDoc {
        // Groups in order of first mention, with their items.
        let mut slot: FxHashMap<usize, usize> = FxHashMap::default();
        let mut groups: Vec<Vec<&Item>> = Vec::new();
        for (i, &g) in self.of.iter().enumerate() {
            let k = *slot.entry(g).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[k].push(&items[i]);
        }
        with_builder(|b| {
            for members in &groups {
                push_entity(b, members);
            }
        })
    }
}
