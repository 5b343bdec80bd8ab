//! `-` as a path: one article read from standard input (`curl … | dossier
//! entities -`), as ripgrep, fd and bat take `-`. The article's id is
//! [`STDIN_ID`] and its path `-`; it has no file stamp, so it is never
//! cached. Standard input is read once: a second `-` is reported.

use crate::corpus::bytes::{MAX_FILE_BYTES, decode_utf16, io_message, looks_binary};
use crate::corpus::load::{self, LoadReport};
use crate::corpus::{Document, LoadError, LoadErrorKind};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// The document id of the article read from standard input.
pub const STDIN_ID: &str = "stdin";

/// Whether `path` names standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// [`load::discover`], with `-` kept in its place among the files. A second
/// `-` is a problem: standard input holds one article.
pub fn discover(paths: &[PathBuf]) -> LoadReport {
    let mut report = LoadReport::default();
    let mut stdin_seen = false;
    for run in paths.split_inclusive(|p| is_stdin(p)) {
        let (files, dash) = match run.split_last() {
            Some((last, files)) if is_stdin(last) => (files, Some(last)),
            _ => (run, None),
        };
        if !files.is_empty() {
            let found = load::discover(files);
            report.files.extend(found.files);
            report.errors.extend(found.errors);
        }
        if let Some(dash) = dash {
            if stdin_seen {
                report.errors.push(LoadError {
                    path: dash.clone(),
                    kind: LoadErrorKind::Unreadable(
                        "standard input was named twice; it is read once".into(),
                    ),
                });
            } else {
                stdin_seen = true;
                report.files.push(dash.clone());
            }
        }
    }
    report
}

/// Read the article on standard input, with the checks a file gets (size,
/// empty, binary; UTF-16 decoded). A terminal is refused: the reader needs
/// it for keys, and an article is piped or redirected.
pub fn read() -> Result<Document, LoadError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(error(LoadErrorKind::Unreadable(
            "standard input is a terminal; pipe an article in (`… | dossier -`)".into(),
        )));
    }
    read_from(stdin.lock())
}

/// [`read`] from any reader.
pub fn read_from(input: impl Read) -> Result<Document, LoadError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(LoadErrorKind::Unreadable(io_message(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(error(LoadErrorKind::TooLarge(bytes.len() as u64)));
    }
    let bytes = decode_utf16(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(error(LoadErrorKind::Empty));
    }
    if looks_binary(&bytes) {
        return Err(error(LoadErrorKind::Binary));
    }
    Ok(Document::from_bytes(
        STDIN_ID.into(),
        PathBuf::from("-"),
        &bytes,
    ))
}

fn error(kind: LoadErrorKind) -> LoadError {
    LoadError {
        path: PathBuf::from("-"),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_keeps_its_place_and_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "Titel\n\nText").unwrap();
        std::fs::write(&b, "Titel\n\nText").unwrap();
        let dash = PathBuf::from("-");
        let report = discover(&[a.clone(), dash.clone(), b.clone(), dash.clone()]);
        assert_eq!(report.files, [a, dash.clone(), b]);
        assert_eq!(report.errors.len(), 1);
        assert!(report.errors[0].to_string().contains("named twice"));
        assert_eq!(discover(std::slice::from_ref(&dash)).files, [dash]);
    }

    #[test]
    fn an_article_from_a_reader_gets_the_stdin_id() {
        let d = read_from("Titel\n\nAngela Merkel in Bonn.".as_bytes()).unwrap();
        assert_eq!(&*d.id, STDIN_ID);
        assert_eq!(&*d.path, Path::new("-"));
        assert!(d.stamp.is_none(), "never cached");
        let empty = read_from(" \n".as_bytes()).unwrap_err();
        assert_eq!(empty.kind, LoadErrorKind::Empty);
        let binary = read_from(&b"\x00\x01\x02\x00bin"[..]).unwrap_err();
        assert_eq!(binary.kind, LoadErrorKind::Binary);
    }
}
