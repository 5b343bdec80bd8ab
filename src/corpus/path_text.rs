//! File paths as text that gives the file back. JSON strings are Unicode,
//! but a file name on Linux is any bytes: `path` in JSON output is the
//! path for display (an invalid byte shows as `�`), and a path that is not
//! valid UTF-8 also gets an escaped form, [`escaped`], from which
//! [`unescaped`] gives the exact path back: valid UTF-8 kept, every other
//! byte written `\xNN` (two hex digits), and a backslash written `\\`.
//! That is the form `printf '%b'` reads in a shell, and Python's
//! `codecs.escape_decode`.

use std::path::{Path, PathBuf};

/// The escaped form of `path` if it is not valid UTF-8 (`None` when its
/// display form is the path itself).
pub fn escaped(path: &Path) -> Option<String> {
    let bytes = path.as_os_str().as_encoded_bytes();
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    Some(out)
}

/// The path an [`escaped`] form stands for; `None` for text that is not
/// such a form (a lone backslash, a bad `\x`), or on a platform whose paths
/// are not bytes.
pub fn unescaped(text: &str) -> Option<PathBuf> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match rest {
            [b'\\', tail @ ..] => {
                bytes.push(b'\\');
                rest = tail;
            }
            [b'x', hi, lo, tail @ ..] => {
                let hex = std::str::from_utf8(&[*hi, *lo]).ok()?.to_string();
                bytes.push(u8::from_str_radix(&hex, 16).ok()?);
                rest = tail;
            }
            _ => return None,
        }
    }
    from_bytes(bytes)
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::os::unix::ffi::OsStrExt;

    fn path(bytes: &[u8]) -> PathBuf {
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }

    #[test]
    fn utf8_paths_need_no_escape() {
        assert_eq!(escaped(Path::new("Köln/bericht\\1.txt")), None);
    }

    #[test]
    fn invalid_bytes_and_backslashes_are_escaped() {
        let p = path(b"k\xf6ln/\\x41 \xc3\xa4.txt");
        let e = escaped(&p).unwrap();
        assert_eq!(e, "k\\xF6ln/\\\\x41 ä.txt");
        assert_eq!(unescaped(&e), Some(p));
    }

    #[test]
    fn text_that_is_no_escaped_form_is_refused() {
        for bad in ["a\\", "a\\x4", "a\\xZZ", "a\\n", "a\\xé"] {
            assert_eq!(unescaped(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_path_comes_back(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let p = path(&bytes);
            let text = escaped(&p).unwrap_or_else(|| p.to_str().unwrap().replace('\\', "\\\\"));
            prop_assert_eq!(unescaped(&text), Some(p));
        }
    }
}
