//! How the program's memory is kept: few allocator arenas, and memory the
//! program has freed given back to the system.

/// Keep the allocator to one arena per core (glibc's `M_ARENA_MAX`; its
/// default is eight per core). Each thread that allocates gets an arena of
/// its own up to that number, and memory freed in one arena serves only
/// that arena's threads: analysis, linking and writing the caches run on
/// different threads one after the other, and with an arena each, memory
/// freed by one step is not there for the next. On the 2-core bench host a
/// cold open of 100,000 articles peaks at 383 MB with two arenas and 402 MB
/// with the default, in the same time. Call it first thing, before threads
/// start; elsewhere than glibc it does nothing.
pub fn few_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
        // SAFETY: `mallopt` only sets a number the allocator reads when a
        // thread needs an arena; it takes no pointers.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}

/// Blocks of at least this many bytes are mapped from the system on their
/// own and given back when freed (see [`large_blocks_apart`]).
pub const MAP_FROM: usize = 1 << 20;

/// Give large blocks ([`MAP_FROM`] bytes or more) their own pages from the
/// system, returned to it when freed (glibc's `M_MMAP_THRESHOLD`). By
/// default glibc raises that threshold each time a mapped block is freed,
/// up to 32 MB, so that later buffers of a few megabytes (a batch of
/// texts, a table being built, a vector growing) come from the arenas and
/// their pages stay there after they are freed. A fixed threshold keeps
/// them apart: on the 2-core bench host, the reader's cold open of
/// 100,000 articles peaks at 366 MiB with it (373–376 MB for thresholds of
/// 256 KiB to 4 MiB) and at 385–393 MiB with the default, in the same
/// time. Call it first thing, with [`few_arenas`]; elsewhere than glibc
/// it does nothing.
pub fn large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let bytes = libc::c_int::try_from(MAP_FROM).unwrap_or(libc::c_int::MAX);
        // SAFETY: as in `few_arenas`: a number the allocator reads when it
        // next allocates a large block; no pointers.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, bytes);
        }
    }
}

/// Return the free memory the allocator keeps to the system, where the
/// allocator allows it (glibc's `malloc_trim`, which also releases free
/// pages inside its arenas); elsewhere nothing. Freed memory is otherwise
/// kept for the next allocations, and after a large structure is dropped the
/// process would go on showing its peak.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and only walks the allocator's
    // own free lists, under its own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
