//! How the program's memory is kept: large blocks apart from the
//! allocator's arenas, and memory the program has freed given back to the
//! system.
//!
//! The number of arenas is glibc's own (eight per core), so that each
//! thread allocates in an arena of its own. It was one per core until
//! issue 20's thirteenth step: then the thread that answers keys shared its
//! arena with the background threads (which run at a lower priority, see
//! [`crate::priority`]) and waited for their arena lock in `malloc` and
//! `free`, for as long as the scheduler kept the holder waiting: keys that
//! take 0.5 ms took 3 to 6 ms while a corpus indexed. On the 2-core bench
//! host, a cold open of 100,000 articles peaks 3 to 4 MB higher with the
//! default (355 against 359 MB for the reader).

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
/// 100,000 articles peaks at 365–367 MiB with it (the same for thresholds
/// of 256 KiB to 4 MiB) and at 385–393 MiB with the default, in the same
/// time. Call it first thing, before threads start; elsewhere than glibc
/// it does nothing.
pub fn large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let bytes = libc::c_int::try_from(MAP_FROM).unwrap_or(libc::c_int::MAX);
        // SAFETY: `mallopt` only sets a number the allocator reads when it
        // next allocates a large block; it takes no pointers.
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

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// Bytes the allocator has mapped for blocks of their own.
    fn mapped() -> usize {
        // SAFETY: `mallinfo2` only reads the allocator's counters.
        unsafe { libc::mallinfo2().hblkhd }
    }

    /// Whether a block of `len` bytes, made just after a mapped 16 MiB
    /// block was freed, is mapped on its own.
    fn mapped_on_its_own(len: usize) -> bool {
        drop(std::hint::black_box(vec![1u8; 16 << 20]));
        let before = mapped();
        let block = std::hint::black_box(vec![1u8; len]);
        let mapped = mapped().saturating_sub(before) >= block.len();
        drop(block);
        mapped
    }

    #[test]
    fn a_large_block_is_mapped_on_its_own_even_after_a_larger_one_was_freed() {
        // The allocator's settings and counters are the process's: each
        // case runs alone in a child process of this test binary, where no
        // other test allocates meanwhile.
        const CHILD: &str = "DOSSIER_TEST_HEAP_ALONE";
        match std::env::var(CHILD).as_deref() {
            Ok("default") => {
                // Freeing the mapped 16 MiB block raises glibc's threshold to
                // 16 MiB, and a 2 MiB block after it comes from an arena.
                assert!(!mapped_on_its_own(2 << 20), "the default");
            }
            Ok("apart") => {
                large_blocks_apart();
                assert!(mapped_on_its_own(2 << 20), "2 MiB");
                assert!(mapped_on_its_own(MAP_FROM), "1 MiB");
                // Small blocks stay in the arenas.
                assert!(!mapped_on_its_own(MAP_FROM / 4), "256 KiB");
            }
            _ => {
                let name = "heap::tests::\
                            a_large_block_is_mapped_on_its_own_even_after_a_larger_one_was_freed";
                for case in ["default", "apart"] {
                    let out = std::process::Command::new(std::env::current_exe().unwrap())
                        .args(["--exact", name, "--test-threads", "1", "--nocapture"])
                        .env(CHILD, case)
                        .output()
                        .unwrap();
                    let said = String::from_utf8_lossy(&out.stdout);
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "{case}: {said}{err}");
                    assert!(said.contains("1 passed"), "{case} ran: {said}");
                }
            }
        }
    }
}
