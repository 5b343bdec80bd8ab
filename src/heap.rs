//! Giving memory the program has freed back to the system.

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
