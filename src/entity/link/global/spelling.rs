//! Step 6 of linking across documents: full names that differ in one letter
//! of one word join (`Georg W. Bush` / `George W. Bush`, `Siegmar Gabriel` /
//! `Sigmar Gabriel`, `Franz Münteferin` / `Franz Müntefering`). The rest of
//! the name must be equal, word for word; a given name may differ by any one
//! edit (five letters or more), a family name only by a letter left out or
//! doubled (six letters or more), so that different families with one vowel
//! apart stay apart (`Müller` / `Möller`, `Scholz` / `Schulz`), and short
//! words never vary (`Kim Jong Un` / `Kim Jong Il`). A name without its
//! first given name joins the only longer one that ends so (`Tayyip
//! Erdoğan`, `Recep Tayyip Erdogan`).

use super::Linker;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::intern::Name;
use crate::entity::link::flat::Flat;
use crate::entity::link::keys::{family_name_first, word_key};
use crate::entity::link::surfaces::Surfaces;
use rustc_hash::FxHashMap;

/// Blocks larger than this are too common a name to compare within.
const MAX_BLOCK: usize = 60;

/// A person's full name as word keys, with the position of the family name.
struct FullName {
    keys: Vec<String>,
    family: usize,
}

impl FullName {
    /// The full name of a name's words (two or more).
    fn of(ws: &[&str]) -> FullName {
        FullName {
            keys: ws.iter().map(|w| word_key(w)).collect(),
            family: if family_name_first(ws) {
                0
            } else {
                ws.len() - 1
            },
        }
    }

    /// The keys of the blocks it is compared in: the family name; the
    /// first word with the family name's first four letters (for a misspelt
    /// family name).
    fn block_keys(&self) -> [String; 2] {
        let fam = &self.keys[self.family];
        let given = &self.keys[if self.family == 0 { 1 } else { 0 }];
        let prefix: String = fam.chars().take(4).collect();
        [format!("f:{fam}"), format!("g:{given}:{prefix}")]
    }
}

/// The distinct full names of a corpus's persons, each worked out once
/// (a corpus repeats its names), and the entities that go by each.
#[derive(Default)]
pub(super) struct FullNames {
    /// Each distinct full name, with its blocks.
    forms: Vec<(FullName, [usize; 2])>,
    /// The form of each surface seen so far.
    form_of: FxHashMap<Name, usize>,
    /// Blocks: key, and the names (indices into `names`) in it.
    blocks: Vec<(String, Vec<usize>)>,
    block_of: FxHashMap<String, usize>,
    /// Every person entity with a full name: (entity, form).
    names: Vec<(usize, usize)>,
}

impl FullNames {
    /// Add entity `entity`, whose longest name is `surface` with words `ws`.
    fn add(&mut self, entity: usize, surface: Name, ws: &[&str]) {
        let form = match self.form_of.get(&surface) {
            Some(&f) => f,
            None => {
                let name = FullName::of(ws);
                let blocks = name.block_keys().map(|k| {
                    let next = self.blocks.len();
                    let id = *self.block_of.entry(k.clone()).or_insert(next);
                    if id == next {
                        self.blocks.push((k, Vec::new()));
                    }
                    id
                });
                self.forms.push((name, blocks));
                self.form_of.insert(surface, self.forms.len() - 1);
                self.forms.len() - 1
            }
        };
        let n = self.names.len();
        self.names.push((entity, form));
        for b in self.forms[form].1 {
            self.blocks[b].1.push(n);
        }
    }

    /// The full name of name `n`.
    fn name(&self, n: usize) -> &FullName {
        &self.forms[self.names[n].1].0
    }

    /// The full names of a corpus's persons: each person entity with a
    /// family name, by the longest of its uninflected surfaces (of two
    /// words or more). It reads the entities alone, not how they are
    /// joined, so it is gathered while the earlier steps run.
    pub(super) fn of(flat: &Flat<'_>, surfaces: &Surfaces) -> FullNames {
        let mut all = FullNames::default();
        for (i, e) in flat.of_kinds(|k| k == Kind::Person) {
            if e.family().is_empty() {
                continue;
            }
            let Some((surface, longest)) = e
                .mentions()
                .iter()
                .filter(|m| !m.inflected)
                .map(|m| (m.surface, surfaces.words(m.surface)))
                .filter(|(_, ws)| ws.len() >= 2)
                .max_by_key(|(_, ws)| ws.len())
            else {
                continue;
            };
            all.add(i, surface, &longest);
        }
        all
    }
}

impl Linker<'_> {
    /// Step 6: spelling variants of the full names `all` ([`FullNames::of`]
    /// this corpus).
    pub(super) fn join_spellings(&mut self, all: FullNames) {
        let mut order: Vec<usize> = (0..all.blocks.len()).collect();
        order.sort_unstable_by(|&a, &b| all.blocks[a].0.cmp(&all.blocks[b].0));
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for k in order {
            let block = &all.blocks[k].1;
            if block.len() > MAX_BLOCK {
                continue;
            }
            for (x, &a) in block.iter().enumerate() {
                for &b in &block[x + 1..] {
                    if variant(all.name(a), all.name(b)) {
                        pairs.push((all.names[a].0, all.names[b].0));
                    }
                }
            }
        }
        // A name that is another's without its first given name (`Tayyip
        // Erdoğan`, `Recep Tayyip Erdogan`) is that person's, when it is the
        // only longer name that ends so.
        let mut longer: FxHashMap<&[String], Vec<usize>> = FxHashMap::default();
        for n in 0..all.names.len() {
            let name = all.name(n);
            if name.keys.len() >= 3 && name.family == name.keys.len() - 1 {
                longer.entry(&name.keys[1..]).or_default().push(n);
            }
        }
        let roots = self.roots();
        // The one longer cluster each form is a shorter name of, if any.
        let only_longer: Vec<Option<usize>> = all
            .forms
            .iter()
            .map(|(name, _)| {
                let list = longer.get(name.keys.as_slice())?;
                let mut found: Vec<usize> = list.iter().map(|&n| roots[all.names[n].0]).collect();
                found.sort_unstable();
                found.dedup();
                match found[..] {
                    [only] => Some(only),
                    _ => None,
                }
            })
            .collect();
        for &(entity, form) in &all.names {
            if let Some(only) = only_longer[form] {
                pairs.push((only, entity));
            }
        }
        for (a, b) in pairs {
            self.join(a, b, Rule::Spelling);
        }
    }
}

/// Whether two full names are spelling variants of one name.
fn variant(a: &FullName, b: &FullName) -> bool {
    if a.keys.len() != b.keys.len() || a.family != b.family {
        return false;
    }
    let mut differing = (0..a.keys.len()).filter(|&p| a.keys[p] != b.keys[p]);
    let (Some(p), None) = (differing.next(), differing.next()) else {
        return false;
    };
    let (x, y) = (&a.keys[p], &b.keys[p]);
    let shorter = x.chars().count().min(y.chars().count());
    if p == a.family {
        shorter >= 6 && one_letter_more(x, y)
    } else {
        // A final `a` makes another given name (`Martin`, `Martina`).
        let gendered = x.strip_suffix('a') == Some(y) || y.strip_suffix('a') == Some(x);
        shorter >= 5 && one_edit(x, y) && !gendered
    }
}

/// Whether one string is the other with one letter more (left out or
/// doubled).
pub(crate) fn one_letter_more(x: &str, y: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let i = short
        .iter()
        .zip(&long)
        .position(|(s, l)| s != l)
        .unwrap_or(short.len());
    short[i..] == long[i + 1..]
}

/// Whether two strings are one edit apart: a letter more, a letter changed,
/// or two neighbours swapped.
fn one_edit(x: &str, y: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if a.len() != b.len() {
        return one_letter_more(x, y);
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match diff[..] {
        [_] => true,
        [i, j] => j == i + 1 && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::link::keys::words;

    fn name(s: &str) -> FullName {
        FullName::of(&words(s))
    }

    #[test]
    fn one_letter_apart_in_one_word_is_one_name() {
        for (a, b) in [
            ("Georg W. Bush", "George W. Bush"),
            ("Siegmar Gabriel", "Sigmar Gabriel"),
            ("Franz Münteferin", "Franz Müntefering"),
            ("Wolfgang Gerhard", "Wolfgang Gerhardt"),
            ("Carolyn McCarty", "Carolyn McCarthy"),
        ] {
            assert!(variant(&name(a), &name(b)), "{a} = {b}");
        }
        // A doubled letter is no variant: the match keys are equal already.
        assert_eq!(name("Paul Kirchhof").keys, name("Paul Kirchhoff").keys);
    }

    #[test]
    fn different_people_stay_apart() {
        for (a, b) in [
            ("Kim Jong Un", "Kim Jong Il"),
            ("Thomas Müller", "Thomas Möller"),
            ("Olaf Scholz", "Olaf Schulz"),
            ("George W. Bush", "George H. W. Bush"),
            ("Jeb Bush", "George W. Bush"),
            ("Anna Meier", "Anna Mayer"),
            ("Hans Bush", "Hans Busch"),
            ("Peter Stöger", "Alois Stöger"),
            ("Georg Gabriel", "George Gabriels"),
            ("Martin Schenk", "Martina Schenk"),
        ] {
            assert!(!variant(&name(a), &name(b)), "{a} ≠ {b}");
        }
    }
}
