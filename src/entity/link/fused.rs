//! Mentions that fuse two names of their document (`Kim Putin` from "lud Kim
//! Putin ein", `Russland Nordkorea`) are split into the two.

use super::keys::{key_of_words, word_key};
use super::kinds::compatible;
use super::local::{Item, family_keys, item};
use crate::entity::Kind;
use rustc_hash::FxHashMap;

/// Split mentions that fuse two names the document also mentions apart
/// (`Kim Putin` from "lud Kim Putin ein", `Russland Nordkorea`): a one-off
/// multi-word mention whose words divide into two names of the document. A
/// part of several words must occur on its own; a one-word part of a person
/// mention must be the family name of another person's full name (so that
/// `Wladimir Putin` stays whole even where `Wladimir` occurs alone).
pub(super) fn split_fused(text: &str, items: Vec<Item>) -> Vec<Item> {
    let mut count: FxHashMap<&str, (usize, Kind)> = FxHashMap::default();
    let mut family: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for it in &items {
        count.entry(it.key.as_str()).or_insert((0, it.kind)).0 += 1;
        if it.kind == Kind::Person && it.words.len() > 1 {
            for (primary, k) in family_keys(&it.words) {
                if primary {
                    family.entry(k).or_default().push(it.key.as_str());
                }
            }
        }
    }
    let mut splits: Vec<Option<[Item; 2]>> = Vec::with_capacity(items.len());
    for it in &items {
        let mut found = None;
        if it.words.len() >= 2 && count.get(it.key.as_str()).is_some_and(|c| c.0 == 1) {
            let refs: Vec<&str> = it.words.iter().map(String::as_str).collect();
            for k in 1..refs.len() {
                let known = |ws: &[&str]| {
                    if it.kind == Kind::Person && ws.len() == 1 {
                        let k = word_key(ws[0]);
                        if family
                            .get(&k)
                            .is_some_and(|f| f.iter().any(|f| it.key != *f))
                        {
                            return Some(Kind::Person);
                        }
                        // A place or organization of the document (`Putin
                        // Nordkorea`), not a given name standing alone.
                        let key = key_of_words(ws, Kind::Place);
                        return count
                            .get(key.as_str())
                            .filter(|c| c.1 != Kind::Person)
                            .map(|c| c.1);
                    }
                    let key = key_of_words(ws, it.kind);
                    count
                        .get(key.as_str())
                        .filter(|c| c.0 > 0 && compatible(c.1, it.kind) || it.kind == Kind::Person)
                        .map(|c| c.1)
                };
                let (Some(lk), Some(rk)) = (known(&refs[..k]), known(&refs[k..])) else {
                    continue;
                };
                // Byte offsets of the two parts inside the surface.
                let mut at = 0;
                let mut bounds = Vec::with_capacity(refs.len());
                for w in &refs {
                    let Some(i) = it.surface[at..].find(w) else {
                        break;
                    };
                    bounds.push((at + i, at + i + w.len()));
                    at += i + w.len();
                }
                if bounds.len() != refs.len() {
                    break;
                }
                let base = it.span.start;
                let left = item(text, base + bounds[0].0..base + bounds[k - 1].1, lk);
                let right = item(
                    text,
                    base + bounds[k].0..base + bounds[refs.len() - 1].1,
                    rk,
                );
                if let (Some(l), Some(r)) = (left, right) {
                    found = Some([l, r]);
                }
                break;
            }
        }
        splits.push(found);
    }
    let mut out = Vec::with_capacity(items.len());
    for (it, split) in items.into_iter().zip(splits) {
        match split {
            Some([l, r]) => {
                out.push(l);
                out.push(r);
            }
            None => out.push(it),
        }
    }
    out
}
