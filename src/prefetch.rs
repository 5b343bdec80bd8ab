//! Asking the processor to fetch memory into its caches ahead of use: for
//! reads whose addresses no hardware prefetcher foresees (hashed buckets of
//! a table), so that their waits on memory overlap instead of following
//! one another. A hint only: it never faults and changes no result.

/// Bytes in a cache line.
const LINE: usize = 64;

/// Fetch the cache lines holding `value` (all of them, for a value larger
/// than a line).
#[inline]
pub(crate) fn fetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let start = std::ptr::from_ref(value).cast::<i8>();
        let size = std::mem::size_of::<T>().max(1);
        // The start, then the start of each further line the value reaches
        // (a value not aligned to a line spans one more), each line once.
        let to_next_line = LINE - start.addr() % LINE;
        for offset in std::iter::once(0).chain((to_next_line..size).step_by(LINE)) {
            // SAFETY: a prefetch never faults and changes nothing the
            // program can observe; every address is inside `value`.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
