//! How the program's memory is kept: mimalloc as the allocator, the
//! memory the program frees given back to the system soon after, and at
//! once where the program asks ([`give_back`]).
//!
//! glibc's allocator was the program's until issue 20's twenty-eighth step.
//! Analysis and linking make and free many small blocks (names, keys, word
//! lists) on several threads at once, and glibc spent a fifth of the
//! analysis of the bench's varied articles and a third of the making of
//! the entities in `malloc` and `free`, walking and merging its free
//! lists. With mimalloc, on the 2-core bench host, a cold million articles
//! indexed in 177 s against 247 s in turns, at a lower peak (see
//! BENCHMARKS.md). Each of mimalloc's threads allocates from pages of its
//! own, with no lock, so the thread that answers keys does not wait for a
//! background thread's lock in `malloc` either (it did with glibc when the
//! two shared an arena).
//!
//! mimalloc keeps a freed page for a second before it returns it to the
//! system, and commits its arenas whole where the system overcommits. Both
//! raise the peak: a cold open of 100,000 articles peaked at 328 MB
//! against glibc's 252 MB. [`configure`] sets the delay to a few
//! milliseconds and commits arena memory as it is used; the same open then
//! peaked at 233 MB.

use std::os::raw::{c_int, c_long};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in the `mimalloc.h` of the
/// `libmimalloc-sys` version pinned in `Cargo.toml` (mimalloc 3.3.2): the
/// crate names only version 2's options.
const ARENA_EAGER_COMMIT: c_int = 4;

/// `mi_option_purge_delay`, as [`ARENA_EAGER_COMMIT`].
const PURGE_DELAY: c_int = 15;

/// `mi_option_allow_thp`, as [`ARENA_EAGER_COMMIT`].
const ALLOW_THP: c_int = 43;

/// How long a freed page is kept for reuse before it is returned to the
/// system, in milliseconds (mimalloc's default is 1,000).
pub const PURGE_AFTER_MS: c_long = 2;

/// Set the allocator's options for this program: freed pages returned
/// after [`PURGE_AFTER_MS`], arena memory committed as it is used. An
/// option set in the environment (`MIMALLOC_PURGE_DELAY`,
/// `MIMALLOC_ARENA_EAGER_COMMIT`) wins. Call it first thing, before threads
/// start.
pub fn configure() {
    // SAFETY: `mi_option_set_default` only stores a number the allocator
    // reads when it next purges or reserves memory; it takes no pointers,
    // and both options are in range for the pinned version.
    unsafe {
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, PURGE_AFTER_MS);
    }
}

/// Fault this process's memory in pages of the system's small size from
/// now on, never in transparent huge pages, for the reader: the thread
/// that answers keys should not wait for memory.
///
/// mimalloc asks for huge pages on its arenas (`MADV_HUGEPAGE`). The first
/// touch of a huge page zeroes all of its 2 MiB in the faulting thread,
/// and on a virtual machine whose host has not yet backed that memory
/// this took 2–8 ms of system time: a key that opened an article while a
/// cold open allocated on every core waited for it (12 of 64 of the bench's
/// cold 10k runs had a key of 5 ms or more, 1 of 64 in small pages; see
/// BENCHMARKS.md). The cold open is as fast at 100k and peaks lower;
/// linking a million articles took about 5 % longer (more misses in the
/// processor's page tables), so the command line keeps huge pages.
/// Where the system refuses, nothing changes but the allocator's option.
pub fn small_pages() {
    // SAFETY: `mi_option_set` only stores a number the allocator reads
    // when it next asks the system for memory; `prctl` takes plain
    // integers and sets a flag of this process only (inherited by
    // processes it starts).
    unsafe {
        libmimalloc_sys::mi_option_set(ALLOW_THP, 0);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Return the memory this thread's allocator heap has freed to the system
/// now, without waiting for the purge delay (mimalloc's `mi_collect`).
/// Freed memory is otherwise kept a while for the next allocations, and
/// after a large structure is dropped the process would go on showing its
/// peak.
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointers and only walks the allocator's
    // own pages of this thread.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Bytes resident in memory now (`/proc/self/statm`, in pages).
    fn resident() -> usize {
        let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
        let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
        pages * crate::mapped::page_size()
    }

    /// How the memory freed after making 64 MiB of small blocks (as names
    /// and keys are) is given back: at once, or after a wait.
    #[derive(Clone, Copy)]
    enum Then {
        /// [`give_back`] at once.
        GiveBack,
        /// Wait 50 ms (a long time past [`PURGE_AFTER_MS`], a short time
        /// before mimalloc's default second), then let the allocator
        /// collect what it is due to return, no more.
        Wait,
    }

    /// Resident bytes grown by making 64 MiB of small blocks, and those
    /// left grown after they are freed and `then` is done.
    fn kept_after_free(then: Then) -> (usize, usize) {
        let before = resident();
        let blocks: Vec<Box<[u8]>> = (0..1 << 18)
            .map(|i| vec![i as u8; 256].into_boxed_slice())
            .collect();
        let grown = resident().saturating_sub(before);
        drop(std::hint::black_box(blocks));
        match then {
            Then::GiveBack => give_back(),
            Then::Wait => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                // SAFETY: as in `give_back`; not forced, so pages are only
                // returned once their purge delay has passed.
                unsafe { libmimalloc_sys::mi_collect(false) }
            }
        }
        (grown, resident().saturating_sub(before))
    }

    /// Whether this process's memory is faulted in small pages only
    /// ([`small_pages`]); `None` where the system cannot say.
    fn small_pages_only() -> Option<bool> {
        // SAFETY: as in `small_pages`; this only reads the flag.
        match unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) } {
            -1 => None,
            flag => Some(flag == 1),
        }
    }

    /// Run test `test` of this module again for each of `cases`, each alone
    /// in a child process of this test binary (the allocator's options and
    /// pages are the process's), with `child` set to the case and the
    /// allocator's options `unset` left out of its environment; each must
    /// pass.
    fn each_alone(test: &str, child: &str, cases: &[&str], unset: &[&str]) {
        let name = format!("heap::tests::{test}");
        for case in cases {
            let mut command = std::process::Command::new(std::env::current_exe().unwrap());
            command
                .args(["--exact", &name, "--test-threads", "1", "--nocapture"])
                .env(child, case);
            for option in unset {
                command.env_remove(option);
            }
            let out = command.output().unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{case}: {said}{err}");
            assert!(said.contains("1 passed"), "{case} ran: {said}");
        }
    }

    #[test]
    fn the_reader_asks_for_small_pages_and_a_process_that_does_not_keeps_huge_ones() {
        // The flag is the process's, and inherited: each side in a child
        // process of this test binary, started with the flag cleared
        // (this process clears it for itself first, if it was set).
        const CHILD: &str = "DOSSIER_TEST_SMALL_PAGES";
        match std::env::var(CHILD).as_deref() {
            Ok("asked") => {
                small_pages();
                assert_eq!(small_pages_only(), Some(true));
                // SAFETY: reads an option of the allocator.
                assert_eq!(unsafe { libmimalloc_sys::mi_option_get(ALLOW_THP) }, 0);
            }
            Ok("not asked") => {
                configure();
                assert_eq!(small_pages_only(), Some(false));
                // SAFETY: as above.
                assert_eq!(unsafe { libmimalloc_sys::mi_option_get(ALLOW_THP) }, 1);
            }
            _ => {
                // SAFETY: as in `small_pages`, clearing the flag.
                unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) };
                each_alone(
                    "the_reader_asks_for_small_pages_and_a_process_that_does_not_keeps_huge_ones",
                    CHILD,
                    &["asked", "not asked"],
                    &["MIMALLOC_ALLOW_THP"],
                );
            }
        }
    }

    #[test]
    fn freed_memory_is_given_back_when_asked_or_soon_after_and_kept_by_default() {
        // The allocator's options and pages are the process's: each case
        // runs alone in a child process of this test binary, where no other
        // test allocates meanwhile.
        const CHILD: &str = "DOSSIER_TEST_HEAP_ALONE";
        let case = |configured: bool, then: Then| {
            if configured {
                configure();
            }
            let (grown, kept) = kept_after_free(then);
            assert!(grown >= 48 << 20, "grew {grown}");
            (grown, kept)
        };
        match std::env::var(CHILD).as_deref() {
            Ok("default") => {
                // mimalloc's own delay keeps the freed pages for reuse.
                let (grown, kept) = case(false, Then::Wait);
                assert!(kept >= grown / 2, "kept {kept} of {grown}");
            }
            Ok("configured") => {
                let (grown, kept) = case(true, Then::Wait);
                assert!(kept <= 8 << 20, "kept {kept} of {grown}");
            }
            Ok("given back") => {
                let (grown, kept) = case(false, Then::GiveBack);
                assert!(kept <= 8 << 20, "kept {kept} of {grown}");
            }
            _ => {
                each_alone(
                    "freed_memory_is_given_back_when_asked_or_soon_after_and_kept_by_default",
                    CHILD,
                    &["default", "configured", "given back"],
                    &["MIMALLOC_PURGE_DELAY", "MIMALLOC_ARENA_EAGER_COMMIT"],
                );
            }
        }
    }
}
