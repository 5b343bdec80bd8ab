//! A table of fixed-size records that is either owned (built in memory) or
//! a range of a buffer shared with other tables (the linked index read from
//! disk, used where it lies instead of copied into vectors of its own).

use std::ops::Deref;
use std::sync::Arc;

/// A buffer of 8-byte words, so that every table in it at a multiple of 8
/// bytes is aligned for the records it holds (at most 8-byte aligned).
pub type Buffer = Arc<Words>;

/// 8-byte words read into memory, or a file mapped where it lies
/// ([`crate::mapped`], aligned to a page); either way the bytes start
/// 8-byte aligned.
pub enum Words {
    /// Read into memory.
    Heap(Vec<u64>),
    /// Mapped from the file.
    Mapped(crate::mapped::Mapped),
}

impl Words {
    /// Hand a mapped file's pages back to the system once they have been
    /// checked ([`crate::mapped::Mapped::release`]); nothing for words in
    /// memory.
    pub fn release(&self) {
        if let Words::Mapped(m) = self {
            m.release();
        }
    }

    /// Copy the bytes from `offset` into `out`; for a mapped file, read
    /// from the file rather than the map ([`crate::mapped::Mapped::read_at`]).
    pub fn read_at(&self, offset: usize, out: &mut [u8]) -> std::io::Result<()> {
        match self {
            Words::Heap(_) => {
                let bytes = self.bytes();
                let src = offset
                    .checked_add(out.len())
                    .and_then(|end| bytes.get(offset..end))
                    .ok_or_else(|| {
                        std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "past the words")
                    })?;
                out.copy_from_slice(src);
                Ok(())
            }
            Words::Mapped(m) => m.read_at(offset, out),
        }
    }

    /// Hand back the pages of a mapped file that hold `bytes`
    /// ([`crate::mapped::Mapped::release_around`]); nothing for words in
    /// memory.
    pub fn release_around(&self, bytes: std::ops::Range<usize>) {
        if let Words::Mapped(m) = self {
            m.release_around(bytes);
        }
    }

    /// The bytes: all of a mapped file's (its length need not be a
    /// multiple of 8), or the words' in memory.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Words::Heap(v) => bytemuck::cast_slice(v),
            Words::Mapped(m) => m.bytes(),
        }
    }

    /// Whether the words are a mapped file's.
    pub fn is_mapped(&self) -> bool {
        matches!(self, Words::Mapped(_))
    }
}

impl From<Vec<u64>> for Words {
    fn from(v: Vec<u64>) -> Words {
        Words::Heap(v)
    }
}

/// A slice of `T` records, owned or in a shared [`Buffer`]; either way a
/// clone shares the records rather than copying them.
#[derive(Clone)]
pub struct Table<T: bytemuck::Pod> {
    store: Store<T>,
}

#[derive(Clone)]
enum Store<T> {
    Owned(Arc<Vec<T>>),
    /// `len` records from byte `start` of the buffer; checked at
    /// construction to be in bounds and aligned.
    Shared {
        buf: Buffer,
        start: usize,
        len: usize,
    },
}

impl<T: bytemuck::Pod> Table<T> {
    /// `len` records from byte `start` of `buf`; `None` when they do not
    /// lie inside the buffer or `start` is not aligned for `T`.
    pub fn shared(buf: Buffer, start: usize, len: usize) -> Option<Table<T>> {
        let bytes = buf.bytes();
        let end = len
            .checked_mul(std::mem::size_of::<T>())?
            .checked_add(start)?;
        bytemuck::try_cast_slice::<u8, T>(bytes.get(start..end)?).ok()?;
        Some(Table {
            store: Store::Shared { buf, start, len },
        })
    }

    /// Hand the pages of the mapped file the records lie in back to the
    /// system ([`Words::release`]), after a pass over them; nothing for
    /// records in memory.
    pub fn release(&self) {
        if let Store::Shared { buf, .. } = &self.store {
            buf.release();
        }
    }

    /// A copy of the records `range`, read from the file when they lie in
    /// a mapped one, so that the process does not take in the pages
    /// around them (for a check of a few records here and there, such as
    /// one article's mentions when its text is read); `None` when the
    /// range is out of bounds or the file cannot be read.
    pub fn copied(&self, range: std::ops::Range<usize>) -> Option<Vec<T>> {
        match &self.store {
            Store::Shared { buf, start, len } if buf.is_mapped() => {
                if range.start > range.end || range.end > *len {
                    return None;
                }
                let mut out = vec![T::zeroed(); range.end - range.start];
                let at = start + range.start * std::mem::size_of::<T>();
                buf.read_at(at, bytemuck::cast_slice_mut(&mut out)).ok()?;
                Some(out)
            }
            _ => self.get(range).map(<[T]>::to_vec),
        }
    }

    /// Whether the records lie in a shared buffer.
    pub fn is_shared(&self) -> bool {
        matches!(self.store, Store::Shared { .. })
    }
}

impl<T: bytemuck::Pod> From<Vec<T>> for Table<T> {
    fn from(v: Vec<T>) -> Table<T> {
        Table {
            store: Store::Owned(Arc::new(v)),
        }
    }
}

impl<T: bytemuck::Pod> Default for Table<T> {
    fn default() -> Table<T> {
        Vec::new().into()
    }
}

impl<T: bytemuck::Pod> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match &self.store {
            Store::Owned(v) => v,
            Store::Shared { buf, start, len } => {
                let bytes = buf.bytes();
                let end = start + len * std::mem::size_of::<T>();
                // In bounds and aligned: checked in `shared`, and the
                // buffer never changes (it is shared read-only).
                bytemuck::cast_slice(&bytes[*start..end])
            }
        }
    }
}

impl<T: bytemuck::Pod + std::fmt::Debug> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.is_shared() { "shared" } else { "owned" };
        write!(f, "Table({kind}, {} records)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_tables_are_checked_for_bounds_and_alignment() {
        // Words 1, 2 as little-endian bytes: [1,0,0,0,0,0,0,0, 2,0,...].
        let buf: Buffer = Arc::new(vec![1u64, 2].into());
        let t = Table::<u32>::shared(buf.clone(), 8, 2).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0],
            u32::from_ne_bytes(2u64.to_ne_bytes()[..4].try_into().unwrap())
        );
        assert!(t.is_shared());
        assert!(
            Table::<u32>::shared(buf.clone(), 8, 3).is_none(),
            "past the end"
        );
        assert!(
            Table::<u32>::shared(buf.clone(), 2, 1).is_none(),
            "misaligned"
        );
        assert!(Table::<u32>::shared(buf.clone(), 16, 0).is_some_and(|t| t.is_empty()));
        assert!(
            Table::<u32>::shared(buf, usize::MAX, 2).is_none(),
            "overflow"
        );
        let owned: Table<u32> = vec![7, 8].into();
        assert_eq!(&owned[..], &[7, 8]);
        assert!(!owned.is_shared());
        let copy = owned.clone();
        assert!(
            std::ptr::eq(copy.as_ptr(), owned.as_ptr()),
            "a clone shares the records"
        );
    }
}
