//! Reading files that may be hostile: only regular files, opened without
//! blocking, read up to a size limit into memory whose allocation may fail
//! with an error instead of aborting.
//!
//! Every file dossier reads (articles, record files, the index caches, the
//! reading state, the config and corrections) goes through [`read`], so that
//! a FIFO named `x.txt` cannot hang it, a cache symlinked to `/dev/zero`
//! cannot fill the memory, and a device is never opened for reading.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// A size in bytes as people read it: `512 bytes`, `64.0 MB`, `64.000001 MB`
/// (enough digits that a size just over a limit does not read as the limit).
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < 1024 * 10 {
        return format!("{bytes} bytes");
    }
    if bytes.is_multiple_of(MB) {
        return format!("{} MB", bytes / MB);
    }
    let mb = bytes as f64 / MB as f64;
    // As few decimals as show that it is not a round number of MB.
    for decimals in 1..=6 {
        let s = format!("{mb:.decimals$}");
        let shown: f64 = s.parse().unwrap_or(mb);
        if (shown * MB as f64).round() as u64 != bytes / MB * MB || decimals == 6 {
            return format!("{s} MB");
        }
    }
    format!("{mb} MB")
}

/// Why a file was not read (the caller names the file).
fn refuse(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what)
}

/// Files of the user's own (state, config, corrections) larger than this are
/// not read.
pub const USER_FILE_LIMIT: u64 = 16 * 1024 * 1024;

/// Why a file of this kind is not read, or `None` for a regular file.
pub fn not_regular(meta: &fs::Metadata) -> Option<String> {
    (!meta.is_file()).then(|| format!("is {}, not a regular file", kind_of(meta)))
}

/// Read `path` as [`read`] does, to text; `Ok(None)` when it does not exist.
pub fn read_if_exists(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    match read(path, limit) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a file is when it is not a regular file.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Open `path` for reading if it is a regular file (symlinks are followed),
/// without blocking: checked before opening (so a FIFO is never opened) and
/// again on the open file (so a file swapped in between is caught). Errors
/// do not name the file: the caller does.
pub fn open(path: &Path) -> io::Result<(File, fs::Metadata)> {
    let before = fs::metadata(path)?;
    if !before.is_file() {
        return Err(refuse(format!(
            "is {}, not a regular file",
            kind_of(&before)
        )));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let after = file.metadata()?;
    if !after.is_file() {
        return Err(refuse(format!(
            "is {}, not a regular file",
            kind_of(&after)
        )));
    }
    Ok((file, after))
}

/// Read all of a regular file of at most `limit` bytes. Anything else is an
/// error: not a regular file, larger than the limit (also when it grows while
/// being read), or too large to allocate.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, meta) = open(path)?;
    read_open(file, meta.len(), limit)
}

/// [`read`] for a file already opened with [`open`], whose size is `len`.
/// Errors do not name the file: the caller does.
pub fn read_open(file: File, len: u64, limit: u64) -> io::Result<Vec<u8>> {
    let too_large = |n: u64| {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "is {}, larger than the {} limit",
                human_size(n),
                human_size(limit)
            ),
        )
    };
    if len > limit {
        return Err(too_large(len));
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len as usize)
        .map_err(|_| io::Error::new(io::ErrorKind::OutOfMemory, "not enough memory"))?;
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The next `bytes` bytes of `file` in a zeroed vector of `T`, rounded up
/// to whole `T`s (the rest left zero), so that records of a fixed layout are
/// used where they were read (a `u64` vector for 8-byte alignment). The
/// allocation may fail with an error instead of aborting: `bytes` comes from
/// a file's header, which the caller checked against the file's size.
pub fn read_records<T: bytemuck::Pod>(file: &mut impl Read, bytes: usize) -> io::Result<Vec<T>> {
    let n = bytes.div_ceil(std::mem::size_of::<T>().max(1));
    let mut records: Vec<T> = Vec::new();
    records
        .try_reserve_exact(n)
        .map_err(|_| io::Error::new(io::ErrorKind::OutOfMemory, "too large to read"))?;
    records.resize(n, T::zeroed());
    file.read_exact(&mut bytemuck::cast_slice_mut::<T, u8>(&mut records)[..bytes])?;
    Ok(records)
}

/// Make a FIFO (named pipe) at `path`, for tests of what dossier does
/// when it meets one.
#[cfg(all(test, unix))]
pub(crate) fn make_fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_whole_padded_with_zeros_and_a_short_file_is_an_error() {
        let bytes: Vec<u8> = (1..=12).collect();
        let mut file = &bytes[..];
        let words: Vec<u64> = read_records(&mut file, 12).unwrap();
        assert_eq!(words.len(), 2, "rounded up to whole words");
        let read: &[u8] = bytemuck::cast_slice(&words);
        assert_eq!(&read[..12], &bytes[..]);
        assert_eq!(&read[12..], &[0; 4], "the rest zero");
        let mut file = &bytes[..];
        let first: Vec<u8> = read_records(&mut file, 5).unwrap();
        assert_eq!(first, [1, 2, 3, 4, 5]);
        let next: Vec<u8> = read_records(&mut file, 7).unwrap();
        assert_eq!(next, [6, 7, 8, 9, 10, 11, 12], "read on from there");
        let err = read_records::<u8>(&mut file, 1).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn sizes_read_as_they_are() {
        assert_eq!(human_size(300), "300 bytes");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MB");
        assert_eq!(human_size(64 * 1024 * 1024 + 1), "64.000001 MB");
        assert_eq!(human_size(96 * 1024 * 1024 + 512 * 1024), "96.5 MB");
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("a.txt");
        fs::write(&ok, "Text").unwrap();
        assert_eq!(read(&ok, 10).unwrap(), b"Text");
        let err = read(&ok, 3).unwrap_err();
        assert!(
            err.to_string()
                .contains("4 bytes, larger than the 3 bytes limit"),
            "{err}"
        );
        assert!(
            read(dir.path(), 10)
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
        let fifo = dir.path().join("pipe.txt");
        make_fifo(&fifo);
        // A FIFO with no writer would block a plain open forever.
        let err = read(&fifo, 10).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        let zero = dir.path().join("zero.bin");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = read(&zero, 10).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
    }
}
