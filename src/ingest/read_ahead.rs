//! Article files opened a few dozen at a time, and the kernel asked to read
//! all of them (`posix_fadvise(POSIX_FADV_WILLNEED)`) before the first is
//! read. From a cold page cache, reading one small file after another waits
//! for one request to the disk at a time, and each costs the kernel a round
//! trip to the device; asked for together, the requests are in flight at
//! once and the device takes them in batches. Measured on the bench host
//! (40,000 files of the million, page cache emptied): read one at a time on
//! four threads, 3.1–4.1 s and 2.6–3.0 s of system time; opened and
//! announced 256 at a time on one thread, 1.5–1.6 s and 1.3–1.4 s. At a
//! million, dossier's reading took 53–58 s instead of 87–101 s. Files
//! already in the page cache cost one system call more each.

use crate::corpus::LoadError;
use crate::corpus::bytes::MAX_FILE_BYTES;
use crate::corpus::{load, records};
use std::fs::{File, Metadata};
use std::io;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Most files each reading thread opens and announces before it reads the
/// first.
const MOST_AHEAD: usize = 64;

/// Files each reading thread opens ahead: [`MOST_AHEAD`], fewer when the
/// process may hold few files open (a sixteenth of its limit), so that the
/// readers never take the descriptors the rest of the program needs.
pub(super) fn ahead() -> usize {
    static AHEAD: OnceLock<usize> = OnceLock::new();
    *AHEAD.get_or_init(|| {
        open_files_limit().map_or(MOST_AHEAD, |n| {
            (n / 16).clamp(1, MOST_AHEAD as u64) as usize
        })
    })
}

/// The most files the process may hold open (its soft limit), if known.
fn open_files_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid rlimit for the call to fill.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        // `rlim_t` is not 64 bits on every unix.
        #[allow(clippy::unnecessary_cast)]
        ok.then_some(limit.rlim_cur as u64)
    }
    #[cfg(not(unix))]
    None
}

/// A file opened ahead of its reading, or why it could not be; `None` for a
/// path read another way (a record file, standard input) or not opened
/// ahead.
pub(super) type Opened = Option<Result<(File, Metadata), LoadError>>;

/// Open each of `files` that is a single article (as [`load::open_article`]
/// does: never a FIFO or device) and ask the kernel to start reading it.
pub(super) fn open(files: &[Arc<Path>]) -> Vec<Opened> {
    open_with(files, crate::regular_file::open)
}

/// [`open`], each file opened by `opener`. When the process has no file
/// descriptor left, this file and the rest are not opened ahead: each is
/// opened when it is read, after those before it have been closed.
fn open_with(
    files: &[Arc<Path>],
    opener: impl Fn(&Path) -> io::Result<(File, Metadata)>,
) -> Vec<Opened> {
    let mut out_of_descriptors = false;
    files
        .iter()
        .map(|f| {
            if out_of_descriptors || super::stdin::is_stdin(f) || records::is_record_file(f) {
                return None;
            }
            match opener(f) {
                Ok((file, meta)) => {
                    announce(&file, meta.len());
                    Some(Ok((file, meta)))
                }
                Err(e) if matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE)) => {
                    out_of_descriptors = true;
                    None
                }
                Err(e) => Some(Err(load::open_error(f, &e))),
            }
        })
        .collect()
}

/// Ask the kernel to read the first `len` bytes of `file` into the page
/// cache, without waiting for them. A hint: nothing else changes, and a
/// file too large to be read is not announced.
fn announce(file: &File, len: u64) {
    if len == 0 || len > MAX_FILE_BYTES {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for as long as `file` is borrowed;
        // the call only reads ahead into the page cache and its failure
        // changes nothing.
        unsafe {
            libc::posix_fadvise(
                file.as_raw_fd(),
                0,
                len as libc::off_t,
                libc::POSIX_FADV_WILLNEED,
            )
        };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LoadErrorKind;

    fn paths(dir: &Path, names: &[&str]) -> Vec<Arc<Path>> {
        names.iter().map(|n| Arc::from(dir.join(n))).collect()
    }

    #[test]
    fn articles_are_opened_and_the_rest_left_to_their_own_reading() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "Titel\n\nAnna Berger in Bonn.").unwrap();
        std::fs::write(d.join("feed.jsonl"), "{\"text\": \"Ein Satz.\"}\n").unwrap();
        std::fs::write(d.join("leer.txt"), "").unwrap();
        let files = paths(d, &["a.txt", "feed.jsonl", "weg.txt", "leer.txt"]);
        let opened = open(&files);
        assert_eq!(opened.len(), 4);
        // The article, open, with its size.
        let (_, meta) = opened[0].as_ref().unwrap().as_ref().unwrap();
        assert_eq!(meta.len(), 27);
        // A record file is read record by record, elsewhere.
        assert!(opened[1].is_none());
        // A file gone since it was found: the reading's own message.
        let gone = opened[2].as_ref().unwrap().as_ref().unwrap_err();
        assert!(matches!(gone.kind, LoadErrorKind::Unreadable(_)));
        assert_eq!(&*gone.path, d.join("weg.txt"));
        // An empty file opens (and is not announced); reading refuses it.
        assert!(opened[3].as_ref().unwrap().is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_an_article_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        crate::regular_file::make_fifo(&fifo);
        // Opening it for reading would wait for a writer: it is refused
        // before, with what it is.
        let opened = open(&[Arc::from(fifo)]);
        let err = opened[0].as_ref().unwrap().as_ref().unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

    #[test]
    fn files_past_the_last_descriptor_are_left_to_be_opened_when_read() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
        for n in names {
            std::fs::write(dir.path().join(n), "Titel\n\nText.").unwrap();
        }
        let files = paths(dir.path(), &names);
        let calls = std::cell::Cell::new(0);
        let opened = open_with(&files, |p| {
            calls.set(calls.get() + 1);
            if calls.get() > 2 {
                return Err(io::Error::from_raw_os_error(libc::EMFILE));
            }
            crate::regular_file::open(p)
        });
        // Two opened; at the third the descriptors ran out: not reported as
        // a file that cannot be read, and no more opens are tried.
        let open: Vec<bool> = opened.iter().map(|o| matches!(o, Some(Ok(_)))).collect();
        assert_eq!(open, [true, true, false, false, false]);
        assert!(opened[2..].iter().all(Option::is_none));
        assert_eq!(calls.get(), 3);
        // Another error is the file's own.
        let opened = open_with(&files[..1], |_| {
            Err(io::Error::from_raw_os_error(libc::EACCES))
        });
        let err = opened[0].as_ref().unwrap().as_ref().unwrap_err();
        assert_eq!(
            err.to_string(),
            load::open_error(&files[0], &io::Error::from_raw_os_error(libc::EACCES)).to_string()
        );
    }

    #[test]
    fn a_reading_thread_holds_at_most_a_sixteenth_of_the_descriptors() {
        let limit = open_files_limit().expect("a limit on unix");
        assert!((1..=MOST_AHEAD).contains(&ahead()));
        assert!(ahead() as u64 <= (limit / 16).max(1));
    }

    #[test]
    fn what_is_read_from_a_file_opened_ahead_is_what_reading_it_gives() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "Titel\n\nAnna Berger traf Jonas Keller.").unwrap();
        std::fs::write(d.join("bin.txt"), b"\x00\x01\x02PNG").unwrap();
        let files = paths(d, &["a.txt", "bin.txt"]);
        for (f, o) in files.iter().zip(open(&files)) {
            let ahead = load::read_opened(f, "x".into(), o.unwrap().unwrap());
            let alone = load::read_file(f, "x".into());
            match (ahead, alone) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.text.as_str(), b.text.as_str());
                    assert_eq!(a.title, b.title);
                    assert_eq!(a.stamp, b.stamp);
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{f:?}: {a:?} against {b:?}"),
            }
        }
    }
}
