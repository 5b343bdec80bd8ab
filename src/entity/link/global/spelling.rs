//! Step 6 of linking across documents: full names that differ in one letter
//! of one word join (`Georg W. Bush` / `George W. Bush`, `Siegmar Gabriel` /
//! `Sigmar Gabriel`, `Franz Münteferin` / `Franz Müntefering`). The rest of
//! the name must be equal, word for word; a given name may differ by any one
//! edit (five letters or more), a family name only by a letter left out or
//! doubled (six letters or more), so that different families with one vowel
//! apart stay apart (`Müller` / `Möller`, `Scholz` / `Schulz`), and short
//! words never vary (`Kim Jong Un` / `Kim Jong Il`).

use super::Linker;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::link::keys::{family_name_first, word_key, words};
use rustc_hash::FxHashMap;

/// Blocks larger than this are too common a name to compare within.
const MAX_BLOCK: usize = 60;

/// A person's full name as word keys, with the position of the family name.
struct FullName {
    entity: usize,
    keys: Vec<String>,
    family: usize,
}

impl Linker<'_> {
    /// Step 6: spelling variants of full names.
    pub(super) fn join_spellings(&mut self) {
        let mut names: Vec<FullName> = Vec::new();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            if e.kind != Kind::Person || e.family.is_empty() {
                continue;
            }
            let Some(longest) = e
                .mentions
                .iter()
                .filter(|m| !m.inflected)
                .map(|m| words(&m.surface))
                .filter(|ws| ws.len() >= 2)
                .max_by_key(|ws| ws.len())
            else {
                continue;
            };
            let family = if family_name_first(&longest) {
                0
            } else {
                longest.len() - 1
            };
            names.push(FullName {
                entity: i,
                keys: longest.iter().map(|w| word_key(w)).collect(),
                family,
            });
        }
        // Blocks: the family name; the first word with the family name's
        // first four letters (for a misspelt family name).
        let mut blocks: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (n, name) in names.iter().enumerate() {
            let fam = &name.keys[name.family];
            blocks.entry(format!("f:{fam}")).or_default().push(n);
            let given = &name.keys[if name.family == 0 { 1 } else { 0 }];
            let prefix: String = fam.chars().take(4).collect();
            blocks
                .entry(format!("g:{given}:{prefix}"))
                .or_default()
                .push(n);
        }
        let mut keys: Vec<&String> = blocks.keys().collect();
        keys.sort_unstable();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for k in keys {
            let block = &blocks[k];
            if block.len() > MAX_BLOCK {
                continue;
            }
            for (x, &a) in block.iter().enumerate() {
                for &b in &block[x + 1..] {
                    if variant(&names[a], &names[b]) {
                        pairs.push((names[a].entity, names[b].entity));
                    }
                }
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
    let differing: Vec<usize> = (0..a.keys.len())
        .filter(|&p| a.keys[p] != b.keys[p])
        .collect();
    let [p] = differing[..] else {
        return false;
    };
    let (x, y) = (&a.keys[p], &b.keys[p]);
    let shorter = x.chars().count().min(y.chars().count());
    if p == a.family {
        shorter >= 6 && one_letter_more(x, y)
    } else {
        shorter >= 5 && one_edit(x, y)
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

    fn name(s: &str) -> FullName {
        let ws = words(s);
        FullName {
            entity: 0,
            keys: ws.iter().map(|w| word_key(w)).collect(),
            family: if family_name_first(&ws) {
                0
            } else {
                ws.len() - 1
            },
        }
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
        ] {
            assert!(!variant(&name(a), &name(b)), "{a} ≠ {b}");
        }
    }
}
