//! Index files read where they lie: a read-only map of the start of a file,
//! whose pages the process can hand back once it has checked them.
//!
//! A large index file read into memory stays in the process whole, though
//! a session looks at a few of its pages. Mapped, its pages come from the
//! system's page cache when they are read; [`Mapped::release`] hands them
//! back after the file has been checked, and the ones used later come back
//! as they are read. Three files are read this way: the linked index
//! ([`crate::ingest::linked_file`]: 750 MB at a million articles, of which
//! the index keeps 400 MB of tables and leaves the entities' evidence
//! there), the word index's table ([`crate::search::word_file`]: 160 MB)
//! and the quotation cache ([`crate::ingest::quote_cache`]: 180 MB). The page cache may hold a file
//! in large pieces (2 MB on this host's kernel), and a read maps the whole
//! piece, so a pass over many articles' mentions hands its pages back as
//! it goes.
//!
//! # Trust
//!
//! The bytes are checked once, when the file is opened, and trusted after:
//! a map shows the file as it is on disk at each read. dossier never changes
//! an index file in place (it writes a new file and renames it over the
//! old one, and the map keeps the old file), so only another program
//! writing into the file while dossier has it open could change what it
//! reads, and only if it may write the file. [`map`] therefore maps only a
//! file the user owns that no one else may write, in a folder no one else
//! may write (dossier makes its folders so, [`crate::atomic`]); any other
//! file is read into memory, as before, and the log says so. Such a program
//! cutting the file short would make reading the lost pages fail with
//! `SIGBUS`: the reader restores the terminal and says what happened
//! (see [`crate::tui`]).

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// A private, read-only map of the first `len` bytes of a file (at least
/// one byte), aligned to a page.
pub struct Mapped {
    ptr: *mut libc::c_void,
    len: usize,
    /// The file, to read a few bytes of without mapping their pages
    /// ([`Mapped::read_at`]); `None` if it could not be kept open.
    file: Option<File>,
}

// SAFETY: the map is read-only and never moved or resized; reading it from
// several threads is reading shared memory.
unsafe impl Send for Mapped {}
// SAFETY: as above: `&Mapped` only ever reads.
unsafe impl Sync for Mapped {}

impl Mapped {
    /// The mapped bytes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` maps `len` readable bytes for as long as `self`
        // lives (see `map`).
        unsafe { std::slice::from_raw_parts(self.ptr.cast::<u8>(), self.len) }
    }

    /// The number of mapped bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no bytes are mapped (never: [`map`] maps at least one).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Hand the pages read so far back to the system: the process no longer
    /// holds them, and reading them again brings them back from the page
    /// cache (or the disk). The bytes stay the same; only where they are
    /// held changes.
    pub fn release(&self) {
        // SAFETY: `ptr..ptr+len` is this map. MADV_DONTNEED on a private
        // file map drops the pages from this process; later reads fault
        // them in from the file again.
        unsafe {
            libc::madvise(self.ptr, self.len, libc::MADV_DONTNEED);
        }
    }

    /// Hand back the pages that hold `bytes` (offsets into the map), with
    /// the whole [`LARGEST_PIECE`]s they lie in: a read maps a piece of
    /// the page cache whole, so that is what reading these bytes brought
    /// in. For a read of a few bytes here and there (one article's
    /// mentions), where handing back the whole map each time would cost
    /// more than the read.
    pub fn release_around(&self, bytes: std::ops::Range<usize>) {
        let start = bytes.start.min(self.len) / LARGEST_PIECE * LARGEST_PIECE;
        let end = bytes
            .end
            .min(self.len)
            .div_ceil(LARGEST_PIECE)
            .saturating_mul(LARGEST_PIECE)
            .min(self.len);
        if start >= end {
            return;
        }
        // SAFETY: `start..end` lies in this map and `start` is a multiple
        // of the page size (the map starts on a page, and LARGEST_PIECE is
        // a multiple of every page size); as in `release`.
        unsafe {
            libc::madvise(
                self.ptr.cast::<u8>().add(start).cast(),
                end - start,
                libc::MADV_DONTNEED,
            );
        }
    }

    /// Copy the bytes from `offset` into `out` by reading the file, not
    /// the map: the process does not take in the pages (a read of the map
    /// would map a whole large piece of the page cache, and handing it
    /// back after each of many small reads costs more than the reads).
    /// The same bytes as the map's: the file is the one mapped, and
    /// dossier never changes an index file in place.
    pub fn read_at(&self, offset: usize, out: &mut [u8]) -> io::Result<()> {
        let end = offset
            .checked_add(out.len())
            .filter(|&e| e <= self.len)
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "past the map"))?;
        match &self.file {
            Some(f) => {
                use std::os::unix::fs::FileExt;
                f.read_exact_at(out, offset as u64)
            }
            None => {
                out.copy_from_slice(&self.bytes()[offset..end]);
                Ok(())
            }
        }
    }

    /// The number of the map's pages the process holds now (for tests and
    /// measurements).
    pub fn resident_pages(&self) -> usize {
        resident_in_process(self.ptr as usize, self.len).unwrap_or(0)
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: unmapping exactly the map made in `map`, once.
        unsafe {
            libc::munmap(self.ptr, self.len);
        }
    }
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mapped({} bytes)", self.len)
    }
}

/// How many bytes a pass over a whole mapped file (a check at open) reads
/// between hand-backs of its pages: a few large pieces, so that the pass
/// holds about this much of the file at a time rather than all of it.
pub const STRIDE: usize = 8 << 20;

/// `bytes` cut into stretches of [`STRIDE`] bytes, each with where it lies
/// in `bytes`: for a pass that hands each stretch back once read.
pub fn stretches(bytes: &[u8]) -> impl Iterator<Item = (std::ops::Range<usize>, &[u8])> {
    bytes
        .chunks(STRIDE)
        .enumerate()
        .map(|(i, s)| (i * STRIDE..i * STRIDE + s.len(), s))
}

/// A pass front to back over records of varying size in a mapped file:
/// tells, every [`STRIDE`] bytes, which bytes behind it to hand back.
#[derive(Debug, Default)]
pub struct Pass {
    released: usize,
}

impl Pass {
    /// The pass has read the bytes before `at`: those not handed back yet,
    /// once they are a [`STRIDE`] or more.
    pub fn reached(&mut self, at: usize) -> Option<std::ops::Range<usize>> {
        (at.saturating_sub(self.released) >= STRIDE).then(|| {
            let behind = self.released..at;
            self.released = at;
            behind
        })
    }

    /// The pass is over at `end`: the bytes not handed back yet.
    pub fn end(self, end: usize) -> std::ops::Range<usize> {
        self.released..end
    }
}

/// The largest piece of the page cache a read maps at once: 2 MiB, a
/// huge page on x86-64 (and more than the 64 KiB that a read maps around
/// it otherwise).
pub const LARGEST_PIECE: usize = 2 << 20;

/// The system's page size in bytes (4096 where it cannot be read).
pub(crate) fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(n).ok().filter(|&n| n > 0).unwrap_or(4096)
}

/// The pages of `start..start+len` this process holds, from
/// `/proc/self/smaps` (`Rss:` of the map that starts there), in pages.
fn resident_in_process(start: usize, len: usize) -> Option<usize> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
    let head = format!(
        "{start:x}-{:x} ",
        start + len.div_ceil(page_size()) * page_size()
    );
    let mut lines = smaps.lines().skip_while(|l| !l.starts_with(&head));
    lines.next()?;
    let rss = lines.find(|l| l.starts_with("Rss:"))?;
    let kb: usize = rss.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024 / page_size())
}

/// Whether no one but the user may write `meta`'s file or folder, and the
/// user owns it.
fn private_to_user(meta: &std::fs::Metadata) -> bool {
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    meta.uid() == me && meta.mode() & 0o022 == 0
}

/// Map the first `len` bytes of `file` (opened from `path`, `meta` its
/// metadata, checked to be a regular file of at least `len` bytes), or
/// `None` when it should be read instead: not the user's own or writable by
/// others, in a folder others may write, empty, or the map failed.
pub fn map(file: &File, path: &Path, meta: &std::fs::Metadata, len: usize) -> Option<Mapped> {
    if len == 0 || (meta.len() as u128) < len as u128 {
        return None;
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !private_to_user(meta) || !std::fs::metadata(folder).is_ok_and(|m| private_to_user(&m)) {
        tracing::info!(
            "{}: read into memory, not in place: it or its folder is not the \
             user's alone (see `chmod go-w`)",
            path.display()
        );
        return None;
    }
    // SAFETY: a new private read-only map of an open file; the kernel
    // chooses the address. The result is checked before use.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            libc::MAP_PRIVATE,
            file.as_raw_fd(),
            0,
        )
    };
    if ptr == libc::MAP_FAILED || ptr.is_null() {
        tracing::debug!("mmap failed: {}", io::Error::last_os_error());
        return None;
    }
    Some(Mapped {
        ptr,
        len,
        file: file.try_clone().ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    fn file_of(dir: &Path, bytes: &[u8], mode: u32) -> std::path::PathBuf {
        let path = dir.join("f.bin");
        let mut f = File::create(&path).expect("create");
        f.write_all(bytes).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        path
    }

    fn open(path: &Path) -> (File, std::fs::Metadata) {
        crate::regular_file::open(path).expect("open")
    }

    #[test]
    fn a_map_shows_the_file_and_hands_its_pages_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        let bytes: Vec<u8> = (0..4 << 20).map(|i: u32| (i * 7 % 251) as u8).collect();
        let path = file_of(dir.path(), &bytes, 0o600);
        let (f, meta) = open(&path);
        let m = map(&f, &path, &meta, 3 << 20).expect("mapped");
        assert_eq!(m.len(), 3 << 20);
        assert_eq!(m.bytes(), &bytes[..3 << 20]);
        assert_eq!(
            m.bytes().as_ptr() as usize % page_size(),
            0,
            "aligned to a page"
        );
        let pages = (3 << 20) / page_size();
        assert!(
            m.resident_pages() >= pages / 2,
            "{} of {pages}",
            m.resident_pages()
        );
        m.release();
        assert!(
            m.resident_pages() < pages / 10,
            "{} of {pages}",
            m.resident_pages()
        );
        // Read again, the same bytes.
        assert_eq!(m.bytes()[12345], bytes[12345]);
        assert_eq!(m.bytes(), &bytes[..3 << 20]);
    }

    #[test]
    fn the_pieces_around_a_few_bytes_go_back_and_the_rest_stays() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        // Three pieces and a half.
        let len = 3 * LARGEST_PIECE + LARGEST_PIECE / 2;
        let bytes: Vec<u8> = (0..len as u32).map(|i| (i * 13 % 251) as u8).collect();
        let path = file_of(dir.path(), &bytes, 0o600);
        let (f, meta) = open(&path);
        let m = map(&f, &path, &meta, len).expect("mapped");
        let piece = LARGEST_PIECE / page_size();
        let read_all = || assert_eq!(m.bytes(), &bytes[..]);
        read_all();
        let all = m.resident_pages();
        assert!(all >= len / page_size() / 2, "{all} pages held");
        // A few bytes inside the second piece: that piece goes, the others
        // stay.
        m.release_around(LARGEST_PIECE + 10..LARGEST_PIECE + 20);
        let after = m.resident_pages();
        assert!(all - after >= piece / 2, "{after} of {all} pages held");
        assert!(
            after >= all - piece,
            "{after} of {all}: more than one piece went"
        );
        // Bytes across the end of the first piece: the first two pieces.
        read_all();
        m.release_around(LARGEST_PIECE - 4..LARGEST_PIECE + 4);
        let after = m.resident_pages();
        assert!(after <= all - piece, "{after} of {all} pages held");
        assert!(after >= all - 2 * piece, "{after} of {all}");
        // The last, short piece, and bytes past the end: no fault, the
        // bytes the same.
        read_all();
        m.release_around(len - 1..len + 5 * LARGEST_PIECE);
        m.release_around(len + 1..len + 2);
        m.release_around(usize::MAX - 1..usize::MAX);
        assert!(m.resident_pages() < all);
        read_all();
    }

    #[test]
    fn bytes_read_from_the_file_are_the_maps_and_take_in_no_pages() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        let len = 3 * LARGEST_PIECE;
        let bytes: Vec<u8> = (0..len as u32).map(|i| (i * 31 % 253) as u8).collect();
        let path = file_of(dir.path(), &bytes, 0o600);
        let (f, meta) = open(&path);
        let m = map(&f, &path, &meta, len).expect("mapped");
        m.release();
        let before = m.resident_pages();
        let mut out = [0u8; 100];
        for at in [0, LARGEST_PIECE - 50, 2 * LARGEST_PIECE + 7, len - 100] {
            m.read_at(at, &mut out).expect("read");
            assert_eq!(out[..], bytes[at..at + 100], "at {at}");
        }
        assert!(m.resident_pages() <= before, "no pages taken in");
        // Past the end of the map (though not of the file): refused.
        assert!(m.read_at(len - 99, &mut out).is_err());
        assert!(m.read_at(usize::MAX, &mut out).is_err());
        let mut none = [0u8; 0];
        assert!(m.read_at(len, &mut none).is_ok());
    }

    #[test]
    fn stretches_cover_the_bytes_and_a_pass_hands_back_every_stride() {
        let bytes = vec![7u8; 2 * STRIDE + 5];
        let cut: Vec<_> = stretches(&bytes).map(|(r, s)| (r, s.len())).collect();
        assert_eq!(
            cut,
            [
                (0..STRIDE, STRIDE),
                (STRIDE..2 * STRIDE, STRIDE),
                (2 * STRIDE..2 * STRIDE + 5, 5)
            ]
        );
        assert_eq!(stretches(&[]).count(), 0);
        let mut pass = Pass::default();
        assert_eq!(pass.reached(STRIDE - 1), None);
        assert_eq!(pass.reached(STRIDE + 3), Some(0..STRIDE + 3));
        assert_eq!(pass.reached(2 * STRIDE), None, "not a stride since");
        assert_eq!(
            pass.reached(2 * STRIDE + 3),
            Some(STRIDE + 3..2 * STRIDE + 3)
        );
        assert_eq!(pass.end(2 * STRIDE + 10), 2 * STRIDE + 3..2 * STRIDE + 10);
    }

    #[test]
    fn files_others_may_write_are_not_mapped() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        let bytes = vec![7u8; 10_000];
        for (mode, mapped) in [(0o600, true), (0o644, true), (0o664, false), (0o666, false)] {
            let path = file_of(dir.path(), &bytes, mode);
            let (f, meta) = open(&path);
            assert_eq!(
                map(&f, &path, &meta, 10_000).is_some(),
                mapped,
                "mode {mode:o}"
            );
            // Past the end, or nothing: not mapped.
            assert!(map(&f, &path, &meta, 10_001).is_none());
            assert!(map(&f, &path, &meta, 0).is_none());
        }
        // A folder others may write: not mapped.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777))
            .expect("chmod");
        let path = file_of(dir.path(), &bytes, 0o600);
        let (f, meta) = open(&path);
        assert!(map(&f, &path, &meta, 10_000).is_none());
    }
}
