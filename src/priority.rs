//! Background work yields to the reader: the threads that read, analyse and
//! index a corpus run at a lower scheduling priority than the thread that
//! answers keys, so that a key press is answered at once while a large
//! corpus indexes on every core. When nothing else wants the processor they
//! get all of it, so indexing alone is no slower.

/// The niceness added to background threads (on Linux, where it is a
/// per-thread setting): at 10 more, a thread weighs about a tenth of one at
/// the reader's priority with the scheduler.
pub const BACKGROUND_NICENESS: i32 = 10;

/// Lower the calling thread's priority by [`BACKGROUND_NICENESS`] (at most
/// to the lowest, 19). Elsewhere than Linux, and where the system refuses,
/// nothing changes.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `gettid` takes no arguments and cannot fail.
        let tid = unsafe { libc::syscall(libc::SYS_gettid) };
        let Ok(tid) = libc::id_t::try_from(tid) else {
            return;
        };
        // SAFETY: these calls take plain integers: the thread's id (on
        // Linux a thread's niceness is its own) and the value to set.
        unsafe {
            *libc::__errno_location() = 0;
            let now = libc::getpriority(libc::PRIO_PROCESS, tid);
            if now == -1 && *libc::__errno_location() != 0 {
                return;
            }
            libc::setpriority(libc::PRIO_PROCESS, tid, (now + BACKGROUND_NICENESS).min(19));
        }
    }
}

/// Make the global thread pool (which analysis and indexing run on) of
/// threads at the lower priority, for the reader. Call it before anything
/// uses the pool; once the pool is built this does nothing.
pub fn background_pool() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| lower_this_thread())
        .build_global();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calling thread's niceness.
    fn niceness() -> i32 {
        // SAFETY: as in `lower_this_thread`.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::getpriority(libc::PRIO_PROCESS, tid)
        }
    }

    #[test]
    fn a_lowered_thread_is_nicer_and_the_others_are_not() {
        let before = niceness();
        let lowered = std::thread::spawn(|| {
            lower_this_thread();
            niceness()
        })
        .join()
        .unwrap();
        assert_eq!(lowered, (before + BACKGROUND_NICENESS).min(19));
        assert_eq!(niceness(), before, "the calling thread is left as it was");
        // Lowered again it stops at the lowest priority.
        let twice = std::thread::spawn(|| {
            lower_this_thread();
            lower_this_thread();
            niceness()
        })
        .join()
        .unwrap();
        assert_eq!(twice, (before + 2 * BACKGROUND_NICENESS).min(19));
    }
}
