//! The evidence of an index's entities left where it lies in a mapped index
//! file, and decoded when a reader asks why an entity holds its names.
//!
//! At a million articles the evidence (for each alias, the rule that joined
//! it and the name it was joined to) is a third of the entities' memory, and
//! only the `why` view and the JSON output read it, one entity at a time. A
//! warm open of a mapped file checks every entity's evidence once (it must
//! decode) and keeps only where each one starts.

use super::evidence::Evidence;
use super::table::{Buffer, Words};
use std::sync::Arc;

/// Each entity's evidence as a postcard list of [`Evidence`] in a shared
/// buffer (a mapped file: its pages are read again when asked for).
pub struct StoredEvidence {
    buf: Buffer,
    /// The byte of `buf` that `at` counts from.
    base: usize,
    /// For each entity, where its evidence starts, from `base`.
    at: Vec<u32>,
}

impl StoredEvidence {
    /// The evidence of entity `e` starts `at[e]` bytes after byte `base`
    /// of `buf`. Nothing is read until asked for.
    pub fn new(buf: Buffer, base: usize, at: Vec<u32>) -> StoredEvidence {
        StoredEvidence { buf, base, at }
    }

    /// The number of entities it has evidence for.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether it has evidence for no entity.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The bytes from where entity `e`'s evidence starts to the end of the
    /// buffer (its encoded list, then whatever follows it), if it has any.
    pub fn bytes_from(&self, e: usize) -> Option<&[u8]> {
        let at = *self.at.get(e)?;
        self.buf.bytes().get(self.base.checked_add(at as usize)?..)
    }

    /// The evidence of entity `e`, decoded now. The bytes were checked when
    /// the file was opened, but a mapped file can still be changed in place
    /// by another program: evidence that no longer decodes is none, with a
    /// warning in the log.
    pub fn get(&self, e: usize) -> Vec<Evidence> {
        let Some(&at) = self.at.get(e) else {
            return Vec::new();
        };
        let bytes = self
            .buf
            .bytes()
            .get(self.base.saturating_add(at as usize)..)
            .unwrap_or_default();
        match postcard::take_from_bytes::<Vec<Evidence>>(bytes) {
            Ok((evidence, _)) => evidence,
            Err(why) => {
                tracing::warn!("the evidence of entity {e} no longer decodes: {why}");
                Vec::new()
            }
        }
    }
}

/// Evidence encoded entity after entity as a linked-index file holds it,
/// to become the [`StoredEvidence`] of an index built in memory: at a
/// million articles a list of [`Evidence`] per entity, each alias and name
/// a string of its own, is a quarter of what the entities hold.
#[derive(Default)]
pub struct EncodedEvidence {
    /// The lists, one after the other, in 8-byte words.
    words: Vec<u64>,
    /// Bytes of `words` used.
    len: usize,
    /// Where each entity's list starts.
    at: Vec<u32>,
}

impl EncodedEvidence {
    /// Most bytes of evidence it holds: where a list starts must fit in
    /// 32 bits.
    pub const MAX_BYTES: usize = u32::MAX as usize;

    /// One entity's evidence, encoded (postcard, as [`StoredEvidence`]
    /// reads it).
    pub fn encode(evidence: &[Evidence]) -> Vec<u8> {
        // A list of strings and a unit enum always encodes; were it not
        // to, the entity would have no evidence rather than wrong one.
        // Its size is known closely enough ahead (each string's bytes,
        // a few more for their lengths and the rule): one allocation, not
        // a vector grown from empty, for each of a corpus's entities.
        let ahead = 1 + evidence
            .iter()
            .map(|e| e.alias.len() + e.via.len() + 6)
            .sum::<usize>();
        postcard::to_extend(evidence, Vec::with_capacity(ahead)).unwrap_or_else(|_| vec![0])
    }

    /// Add the next entity's encoded evidence. Returns false, adding
    /// nothing, once [`EncodedEvidence::MAX_BYTES`] would be passed.
    pub fn push(&mut self, encoded: &[u8]) -> bool {
        let Some(end) = Self::end(self.len, encoded.len()) else {
            return false;
        };
        self.at.push(self.len as u32);
        self.words.resize(end.div_ceil(8), 0);
        bytemuck::cast_slice_mut::<u64, u8>(&mut self.words)[self.len..end]
            .copy_from_slice(encoded);
        self.len = end;
        true
    }

    /// Where a list of `add` bytes after `len` bytes ends, if it fits.
    fn end(len: usize, add: usize) -> Option<usize> {
        len.checked_add(add).filter(|&e| e <= Self::MAX_BYTES)
    }

    /// The evidence of the entities pushed, in order, stored.
    pub fn stored(mut self) -> StoredEvidence {
        self.words.shrink_to_fit();
        self.at.shrink_to_fit();
        StoredEvidence::new(Arc::new(Words::from(self.words)), 0, self.at)
    }
}

impl std::fmt::Debug for StoredEvidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoredEvidence({} entities)", self.at.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::evidence::Rule;

    fn ev(alias: &str, rule: Rule, via: &str) -> Evidence {
        Evidence {
            alias: alias.into(),
            rule,
            via: via.into(),
        }
    }

    /// A buffer of `lead` zero bytes then each list's postcard bytes, with
    /// where each list starts from `lead`.
    fn stored(lead: usize, lists: &[Vec<Evidence>]) -> (Buffer, Vec<u32>) {
        let mut bytes = vec![0u8; lead];
        let mut at = Vec::new();
        for l in lists {
            at.push((bytes.len() - lead) as u32);
            bytes.extend(postcard::to_stdvec(l).unwrap());
        }
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(&bytes);
        (Arc::new(Words::from(words)), at)
    }

    /// Three entities' evidence: one alias, none, two.
    fn three_lists() -> Vec<Vec<Evidence>> {
        vec![
            vec![ev("Kim Jong Un", Rule::SameName, "")],
            vec![],
            vec![
                ev("Putin", Rule::OnlyFullName, "Wladimir Putin"),
                ev("Putins", Rule::Inflection, "Putin"),
            ],
        ]
    }

    #[test]
    fn each_entity_gets_its_own_evidence_back() {
        let lists = three_lists();
        let (buf, at) = stored(13, &lists);
        let s = StoredEvidence::new(buf, 13, at);
        assert_eq!(s.len(), 3);
        for (e, l) in lists.iter().enumerate() {
            assert_eq!(&s.get(e), l, "entity {e}");
        }
        assert!(s.get(3).is_empty(), "no such entity: none, no panic");
    }

    #[test]
    fn evidence_that_no_longer_decodes_is_none() {
        let lists = vec![vec![ev("Moskau", Rule::SameName, "")]];
        let (buf, _) = stored(0, &lists);
        // A list that claims more entries than the bytes hold, and a start
        // past the end of the buffer.
        let s = StoredEvidence::new(buf.clone(), 0, vec![1, 10_000]);
        assert!(s.get(0).is_empty());
        assert!(s.get(1).is_empty());
        let s = StoredEvidence::new(buf, usize::MAX, vec![5]);
        assert!(s.get(0).is_empty(), "an offset that overflows is none");
    }

    #[test]
    fn evidence_encoded_in_memory_reads_back_as_it_was() {
        let mut lists = three_lists();
        lists.push(vec![ev("Ü", Rule::Spelling, "Ö")]);
        let mut encoded = EncodedEvidence::default();
        for l in &lists {
            assert!(encoded.push(&EncodedEvidence::encode(l)));
        }
        let s = encoded.stored();
        assert_eq!(s.len(), lists.len());
        for (e, l) in lists.iter().enumerate() {
            assert_eq!(&s.get(e), l, "entity {e}");
        }
        assert!(s.get(lists.len()).is_empty(), "past the end");
        assert!(EncodedEvidence::default().stored().is_empty());
    }

    #[test]
    fn encoded_evidence_stops_where_offsets_would_not_fit() {
        let max = EncodedEvidence::MAX_BYTES;
        assert_eq!(EncodedEvidence::end(0, 5), Some(5));
        assert_eq!(EncodedEvidence::end(max - 5, 5), Some(max));
        assert_eq!(EncodedEvidence::end(max - 5, 6), None);
        assert_eq!(EncodedEvidence::end(usize::MAX, 1), None);
    }
}
