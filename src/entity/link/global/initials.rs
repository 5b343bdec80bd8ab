//! Step 4 of linking across documents: an acronym joins a long form from
//! another article when its letters are exactly the long form's initials
//! ([`strict_initials`](crate::entity::link::acronym::strict_initials)), both
//! are organizations, and the pair is unique: one long form fits the
//! letters, and the long form fits one acronym.

use super::Linker;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::link::acronym::{acronym_letters, sounded, spellings};
use crate::entity::link::keys::words;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Most spellings tried per long form.
const SPELLINGS: usize = 32;

impl Linker<'_> {
    /// Step 4: acronyms and the long forms whose initials they are.
    pub(super) fn join_initials(&mut self) {
        let roots = self.roots();
        // Acronym clusters by their letters.
        let mut acronyms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        // Long-form clusters by the letters they may spell.
        let mut longs: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (_, e)) in self.flat.iter().enumerate() {
            if !matches!(e.kind, Kind::Organization | Kind::Other) {
                continue;
            }
            for m in e.mentions.iter().filter(|m| !m.inflected) {
                let ws = words(&m.surface);
                match ws[..] {
                    [one] if acronym_letters(one).is_some() => {
                        if let Some(letters) = acronym_letters(one) {
                            acronyms.entry(sounded(&letters)).or_default().push(i);
                        }
                    }
                    _ => {
                        for s in spellings(&ws.join(" "), SPELLINGS) {
                            longs.entry(s).or_default().push(roots[i]);
                        }
                    }
                }
            }
        }
        for list in longs.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        // How many acronyms each long-form cluster fits.
        let mut fits: FxHashMap<usize, usize> = FxHashMap::default();
        for (letters, members) in &acronyms {
            if let Some(list) = longs.get(letters) {
                let mut own: Vec<usize> = members.iter().map(|&i| roots[i]).collect();
                own.sort_unstable();
                own.dedup();
                for l in list.iter().filter(|l| !own.contains(l)) {
                    *fits.entry(*l).or_default() += 1;
                }
            }
        }
        for (letters, members) in &acronyms {
            let Some(list) = longs.get(letters) else {
                continue;
            };
            let own: Vec<usize> = members.iter().map(|&i| roots[i]).collect();
            let others: Vec<usize> = list.iter().copied().filter(|l| !own.contains(l)).collect();
            if let [long] = others[..]
                && fits.get(&long) == Some(&1)
            {
                for &m in members {
                    self.join(long, m, Rule::Initials);
                }
            }
        }
    }
}
