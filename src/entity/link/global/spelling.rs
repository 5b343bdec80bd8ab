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
use crate::text::strings::Strings;
use rustc_hash::FxHashMap;

/// Blocks larger than this are too common a name to compare within.
const MAX_BLOCK: usize = 60;

/// A person's full name as word keys (numbers in [`FullNames::words`]),
/// with the position of the family name.
#[derive(Clone, Copy)]
struct FullName<'a> {
    keys: &'a [u32],
    family: usize,
    words: &'a Strings,
}

impl FullName<'_> {
    /// The word key at `p`.
    fn word(&self, p: usize) -> &str {
        self.words.get(self.keys[p])
    }

    /// The keys of the blocks it is compared in: the family name; the
    /// first word with the family name's first four letters (for a misspelt
    /// family name).
    fn block_keys(&self) -> [String; 2] {
        let fam = self.word(self.family);
        let given = self.word(if self.family == 0 { 1 } else { 0 });
        let prefix: String = fam.chars().take(4).collect();
        [format!("f:{fam}"), format!("g:{given}:{prefix}")]
    }
}

/// One distinct full name: where its word keys end in
/// [`FullNames::keys`], whether the family name comes first, and its two
/// blocks.
struct Form {
    end: u32,
    family_first: bool,
    blocks: [u32; 2],
}

/// The distinct full names of a corpus's persons, each worked out once
/// (a corpus repeats its names), and the entities that go by each. At a
/// million articles there are a million distinct full names in a million
/// blocks: names and blocks are numbers, their words and keys held once
/// each ([`Strings`]).
#[derive(Default)]
pub(super) struct FullNames {
    /// The word keys of the full names, each once.
    words: Strings,
    /// The word keys of each distinct full name, one after another.
    keys: Vec<u32>,
    /// Each distinct full name.
    forms: Vec<Form>,
    /// The form of each surface seen so far.
    form_of: FxHashMap<Name, u32>,
    /// The keys of the blocks, numbered.
    blocks: Strings,
    /// Every person entity with a full name: (entity, form).
    names: Vec<(u32, u32)>,
    /// The number of the word key of each word seen so far, while the
    /// names are gathered (a corpus's full names share their given and
    /// family names: each word's key made and numbered once).
    key_of: FxHashMap<&'static str, u32>,
}

impl FullNames {
    /// Add entity `entity`, whose longest name is `surface` with the words
    /// `ws` gives, asked for only when the form is new (not when its words
    /// or blocks are past what 32 bits number).
    fn add<W: std::ops::Deref<Target = [&'static str]>>(
        &mut self,
        entity: usize,
        surface: Name,
        ws: impl FnOnce() -> W,
    ) {
        let form = match self.form_of.get(&surface) {
            Some(&f) => f,
            None => {
                let ws = ws();
                let ws: &[&str] = &ws;
                let start = self.forms.last().map_or(0, |f| f.end as usize);
                for &w in ws {
                    let k = match self.key_of.get(w) {
                        Some(&k) => k,
                        None => {
                            let Some(k) = self.words.add(&word_key(w)) else {
                                self.keys.truncate(start);
                                return;
                            };
                            self.key_of.insert(w, k);
                            k
                        }
                    };
                    self.keys.push(k);
                }
                let family_first = family_name_first(ws);
                let name = FullName {
                    keys: &self.keys[start..],
                    family: if family_first { 0 } else { ws.len() - 1 },
                    words: &self.words,
                };
                let [Some(f), Some(g)] = name.block_keys().map(|k| self.blocks.add(&k)) else {
                    self.keys.truncate(start);
                    return;
                };
                let blocks = [f, g];
                self.forms.push(Form {
                    end: self.keys.len() as u32,
                    family_first,
                    blocks,
                });
                let f = (self.forms.len() - 1) as u32;
                self.form_of.insert(surface, f);
                f
            }
        };
        self.names.push((entity as u32, form));
    }

    /// Form `f`.
    fn form(&self, f: u32) -> FullName<'_> {
        let start = f
            .checked_sub(1)
            .map_or(0, |p| self.forms[p as usize].end as usize);
        let keys = &self.keys[start..self.forms[f as usize].end as usize];
        FullName {
            keys,
            family: if self.forms[f as usize].family_first {
                0
            } else {
                keys.len() - 1
            },
            words: &self.words,
        }
    }

    /// The full name of name `n`.
    fn name(&self, n: u32) -> FullName<'_> {
        self.form(self.names[n as usize].1)
    }

    /// The names in each block, block after block, each block's in order,
    /// and where each block's start (and the end).
    fn members(&self) -> (Vec<u32>, Vec<u32>) {
        let mut starts = vec![0u32; self.blocks.len() + 1];
        for &(_, f) in &self.names {
            for b in self.forms[f as usize].blocks {
                starts[b as usize + 1] += 1;
            }
        }
        for b in 0..self.blocks.len() {
            starts[b + 1] += starts[b];
        }
        let mut members = vec![0u32; starts[self.blocks.len()] as usize];
        let mut next = starts.clone();
        for (n, &(_, f)) in self.names.iter().enumerate() {
            for b in self.forms[f as usize].blocks {
                members[next[b as usize] as usize] = n as u32;
                next[b as usize] += 1;
            }
        }
        (members, starts)
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
            // The longest by its number of words; split only when its form
            // is new.
            let Some((surface, _)) = e
                .mentions()
                .iter()
                .filter(|m| !m.inflected)
                .map(|m| (m.surface, surfaces.count(m.surface)))
                .filter(|&(_, n)| n >= 2)
                .max_by_key(|&(_, n)| n)
            else {
                continue;
            };
            all.add(i, surface, || surfaces.words(surface));
        }
        // Not wanted once the names are gathered.
        all.key_of = FxHashMap::default();
        all
    }
}

impl Linker<'_> {
    /// Step 6: spelling variants of the full names `all` ([`FullNames::of`]
    /// this corpus).
    pub(super) fn join_spellings(&mut self, all: FullNames) {
        let (members, starts) = all.members();
        let mut order: Vec<u32> = (0..all.blocks.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| all.blocks.get(a).cmp(all.blocks.get(b)));
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for k in order {
            let block = &members[starts[k as usize] as usize..starts[k as usize + 1] as usize];
            if block.len() > MAX_BLOCK {
                continue;
            }
            for (x, &a) in block.iter().enumerate() {
                for &b in &block[x + 1..] {
                    if variant(all.name(a), all.name(b)) {
                        let entity = |n: u32| all.names[n as usize].0 as usize;
                        pairs.push((entity(a), entity(b)));
                    }
                }
            }
        }
        drop(members);
        // A name that is another's without its first given name (`Tayyip
        // Erdoğan`, `Recep Tayyip Erdogan`) is that person's, when it is the
        // only longer name that ends so.
        let mut longer: FxHashMap<&[u32], Vec<u32>> = FxHashMap::default();
        for n in 0..all.names.len() as u32 {
            let name = all.name(n);
            if name.keys.len() >= 3 && name.family == name.keys.len() - 1 {
                longer.entry(&name.keys[1..]).or_default().push(n);
            }
        }
        let roots = self.roots();
        // The one longer cluster each form is a shorter name of, if any.
        let only_longer: Vec<Option<usize>> = (0..all.forms.len() as u32)
            .map(|f| {
                let list = longer.get(all.form(f).keys)?;
                let mut found: Vec<usize> = list
                    .iter()
                    .map(|&n| roots.of(all.names[n as usize].0 as usize))
                    .collect();
                found.sort_unstable();
                found.dedup();
                match found[..] {
                    [only] => Some(only),
                    _ => None,
                }
            })
            .collect();
        for &(entity, form) in &all.names {
            if let Some(only) = only_longer[form as usize] {
                pairs.push((only, entity as usize));
            }
        }
        for (a, b) in pairs {
            self.join(a, b, Rule::Spelling);
        }
    }
}

/// Whether two full names are spelling variants of one name.
fn variant(a: FullName<'_>, b: FullName<'_>) -> bool {
    if a.keys.len() != b.keys.len() || a.family != b.family {
        return false;
    }
    // Equal words have equal numbers: both names' words are numbered in
    // one table.
    let mut differing = (0..a.keys.len()).filter(|&p| a.keys[p] != b.keys[p]);
    let (Some(p), None) = (differing.next(), differing.next()) else {
        return false;
    };
    let (x, y) = (a.word(p), b.word(p));
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

    /// The full names `a` and `b` (entities 0 and 1), numbered in one
    /// table as the step numbers a corpus's.
    fn two(a: &str, b: &str) -> FullNames {
        let mut all = FullNames::default();
        for (i, s) in [a, b].into_iter().enumerate() {
            all.add(i, Name::new(s), || words(Name::new(s).as_str()));
        }
        all
    }

    fn variants(a: &str, b: &str) -> bool {
        let all = two(a, b);
        variant(all.name(0), all.name(1))
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
            assert!(variants(a, b), "{a} = {b}");
        }
        // A doubled letter is no variant: the match keys are equal already.
        let all = two("Paul Kirchhof", "Paul Kirchhoff");
        assert_eq!(all.name(0).keys, all.name(1).keys);
        assert!(!variants("Paul Kirchhof", "Paul Kirchhoff"));
    }

    #[test]
    fn each_block_lists_its_names_in_order_and_no_other() {
        let people = [
            "Sigmar Gabriel",
            "Siegmar Gabriel",
            "Sigmar Gabriel",
            "Sigrid Gabriels",
            "Kim Jong Un",
            "Kim Jong Il",
            "Sigmar Gabel",
        ];
        let mut all = FullNames::default();
        for (i, s) in people.into_iter().enumerate() {
            all.add(i, Name::new(s), || words(Name::new(s).as_str()));
        }
        // A surface said again is one form, with its entity listed again.
        assert_eq!(all.forms.len(), 6);
        assert_eq!(all.names.len(), 7);
        let (members, starts) = all.members();
        assert_eq!(starts.len(), all.blocks.len() + 1);
        for b in 0..all.blocks.len() as u32 {
            let listed = &members[starts[b as usize] as usize..starts[b as usize + 1] as usize];
            // Brute force: the names whose block keys hold this block's.
            let expected: Vec<u32> = (0..all.names.len() as u32)
                .filter(|&n| {
                    all.name(n)
                        .block_keys()
                        .contains(&all.blocks.get(b).to_string())
                })
                .collect();
            assert_eq!(listed, expected, "block {}", all.blocks.get(b));
        }
        let family = all
            .blocks
            .find("f:gabriel")
            .expect("a block of the family name");
        let listed =
            &members[starts[family as usize] as usize..starts[family as usize + 1] as usize];
        assert_eq!(listed, [0, 1, 2]);
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
            assert!(!variants(a, b), "{a} ≠ {b}");
        }
    }
}
