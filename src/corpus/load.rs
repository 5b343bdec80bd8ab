//! Finding and reading article files.
//!
//! `dossier PATH...` opens files and folders (recursively) of `.txt` and `.md`
//! articles, and of record files (`.csv`, `.tsv`, `.jsonl`, `.ndjson`) with
//! one article per record (see [`super::records`]). Bad input never stops the
//! rest of the corpus from opening: each problem becomes a [`LoadError`] that
//! names the path and says what is wrong.

use super::Document;
use super::bytes::{MAX_FILE_BYTES, decode_utf16, io_message, looks_binary};
use super::error::{LoadError, LoadErrorKind};
use super::records::{self, RecordOptions, RecordSummary};
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What loading found: the article files to read, and the problems met.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Article files and record files, in a stable order (sorted within each
    /// folder); read each with [`read_path`].
    pub files: Vec<PathBuf>,
    /// Problems with paths.
    pub errors: Vec<LoadError>,
}

fn is_article(path: &Path) -> bool {
    records::is_record_file(path) || records::has_extension(path, &["txt", "md", "markdown"])
}

/// Find the article files under `paths`: files as named, folders recursively.
/// Hidden entries (names starting with `.`) inside folders are skipped, and
/// symlink loops are followed once.
pub fn discover(paths: &[PathBuf]) -> LoadReport {
    let mut report = LoadReport::default();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => report.errors.push(LoadError {
                path: path.clone(),
                kind: LoadErrorKind::Unreadable(io_message(&e)),
            }),
            Ok(m) if m.is_dir() => {
                let before = report.files.len();
                walk(path, &mut report, &mut seen_dirs);
                if report.files.len() == before {
                    report.errors.push(LoadError {
                        path: path.clone(),
                        kind: LoadErrorKind::NoArticles,
                    });
                }
            }
            Ok(m) if is_article(path) && !m.is_file() => report.errors.push(LoadError {
                path: path.clone(),
                kind: LoadErrorKind::Unreadable(
                    crate::regular_file::not_regular(&m).unwrap_or_default(),
                ),
            }),
            Ok(_) if is_article(path) => report.files.push(path.clone()),
            Ok(_) => report.errors.push(LoadError {
                path: path.clone(),
                kind: LoadErrorKind::NotAnArticle,
            }),
        }
    }
    report
}

fn walk(dir: &Path, report: &mut LoadReport, seen: &mut HashSet<PathBuf>) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            report.errors.push(LoadError {
                path: dir.to_path_buf(),
                kind: LoadErrorKind::Unreadable(io_message(&e)),
            });
            return;
        }
    };
    // Sorted by name: the entries share their folder, so this is the order
    // of their paths, without comparing the folder's components again.
    let mut entries: Vec<(std::ffi::OsString, Option<fs::FileType>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name(), e.file_type().ok()))
        .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in entries {
        let p = dir.join(name);
        // A regular file (not a link) is what its entry says: no `stat`.
        if file_type.is_some_and(|t| t.is_file()) {
            if is_article(&p) {
                report.files.push(p);
            }
            continue;
        }
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, report, seen),
            // A FIFO, socket or device named like an article: reading it
            // could block forever or never end.
            Ok(m) if is_article(&p) && !m.is_file() => report.errors.push(LoadError {
                kind: LoadErrorKind::Unreadable(
                    crate::regular_file::not_regular(&m).unwrap_or_default(),
                ),
                path: p,
            }),
            Ok(_) if is_article(&p) => report.files.push(p),
            Ok(_) => {}
            Err(e) => report.errors.push(LoadError {
                path: p,
                kind: LoadErrorKind::Unreadable(io_message(&e)),
            }),
        }
    }
}

/// Read one article file into a document with the given id.
pub fn read_file(path: &Path, id: String) -> Result<Document, LoadError> {
    read_opened(path, id, open_article(path)?)
}

/// Open the article file `path` for [`read_opened`]: only a regular file,
/// opened without blocking (checked again on the open file: it may have
/// been swapped for a FIFO since discovery).
pub fn open_article(path: &Path) -> Result<(fs::File, fs::Metadata), LoadError> {
    crate::regular_file::open(path).map_err(|e| open_error(path, &e))
}

/// Why the article file `path` could not be opened, `e` the error met.
pub fn open_error(path: &Path, e: &std::io::Error) -> LoadError {
    let message = match std::fs::metadata(path)
        .ok()
        .and_then(|m| crate::regular_file::not_regular(&m))
    {
        Some(m) => m,
        None => io_message(e),
    };
    LoadError {
        path: path.to_path_buf(),
        kind: LoadErrorKind::Unreadable(message),
    }
}

/// Read the article file `path`, opened by [`open_article`], into a
/// document with the given id.
pub fn read_opened(
    path: &Path,
    id: String,
    (file, meta): (fs::File, fs::Metadata),
) -> Result<Document, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let len = meta.len();
    if len > MAX_FILE_BYTES {
        return Err(err(LoadErrorKind::TooLarge(len)));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(LoadErrorKind::Unreadable(io_message(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(LoadErrorKind::TooLarge(bytes.len() as u64)));
    }
    let bytes = decode_utf16(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err(LoadErrorKind::Empty));
    }
    if looks_binary(&bytes) {
        return Err(err(LoadErrorKind::Binary));
    }
    let mut doc = Document::from_bytes(id, path.to_path_buf(), &bytes);
    doc.stamp = Some(super::FileStamp::of(&meta, &doc.text));
    Ok(doc)
}

/// What reading one path gave: its documents and the records skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The documents, in file order.
    pub docs: Vec<Document>,
    /// Records that were skipped (record files only).
    pub errors: Vec<LoadError>,
    /// How a record file was read; `None` for a single article.
    pub summary: Option<RecordSummary>,
}

/// Read one path found by [`discover`]: a single article, or every record of
/// a record file. `id` is the file's unique id (see [`super::ids::unique_ids`]); record
/// documents get `<id>-<N>` unless they carry an id field. To hand documents
/// on while a large file is still being read, use
/// [`records::read_records`] for record files instead.
pub fn read_path(path: &Path, id: &str, options: &RecordOptions) -> Result<Loaded, LoadError> {
    if records::is_record_file(path) {
        let (docs, errors, summary) = records::read_all(path, id, options)?;
        Ok(Loaded {
            docs,
            errors,
            summary: Some(summary),
        })
    } else {
        Ok(Loaded {
            docs: vec![read_file(path, id.to_string())?],
            ..Loaded::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_reported_and_good_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.txt"), "Ein Artikel.").unwrap();
        fs::write(d.join("empty.txt"), "  \n").unwrap();
        fs::write(d.join("bin.txt"), b"\x00\x01\x02PNG").unwrap();
        fs::write(d.join("skip.pdf"), "x").unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("sub/b.md"), "# Titel\nText").unwrap();
        fs::create_dir(d.join("nothing")).unwrap();
        let report = discover(&[d.to_path_buf(), d.join("missing"), d.join("nothing")]);
        let names: Vec<_> = report
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "bin.txt", "empty.txt", "b.md"]);
        assert_eq!(report.errors.len(), 2);
        assert!(report.errors[0].to_string().contains("no such file"));
        assert_eq!(report.errors[1].kind, LoadErrorKind::NoArticles);
        let ok = read_file(&d.join("a.txt"), "a".into()).unwrap();
        assert_eq!(&*ok.title, "Ein Artikel.");
        assert_eq!(
            read_file(&d.join("empty.txt"), "e".into())
                .unwrap_err()
                .kind,
            LoadErrorKind::Empty
        );
        assert_eq!(
            read_file(&d.join("bin.txt"), "b".into()).unwrap_err().kind,
            LoadErrorKind::Binary
        );
    }

    #[test]
    fn folders_are_walked_in_path_order_and_links_fifos_and_hidden_entries_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // Names whose byte order differs from a careless order of paths:
        // `a` before `a-b` before `a.b` before `a0`, upper case first.
        for sub in ["a", "a-b", "a.b", "a0", "B"] {
            fs::create_dir(d.join(sub)).unwrap();
            fs::write(d.join(sub).join("x.txt"), "Text.").unwrap();
        }
        fs::write(d.join("a.txt"), "Text.").unwrap();
        fs::write(d.join("Z.TXT"), "Text.").unwrap();
        fs::write(d.join("notes.Md"), "Text.").unwrap();
        fs::write(d.join("table.CSV"), "text\nEin Text.\n").unwrap();
        fs::write(d.join("image.png"), "x").unwrap();
        fs::write(d.join(".hidden.txt"), "Text.").unwrap();
        fs::create_dir(d.join(".git")).unwrap();
        fs::write(d.join(".git").join("y.txt"), "Text.").unwrap();
        // Links are followed: to a file, to a folder (once: this one is a
        // folder walked already); a dangling one and a FIFO named like
        // articles are reported, never read.
        std::os::unix::fs::symlink(d.join("a.txt"), d.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("B"), d.join("linked-folder")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
        crate::regular_file::make_fifo(&d.join("pipe.txt"));
        let report = discover(&[d.to_path_buf()]);
        let found: Vec<String> = report
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            found,
            [
                "B/x.txt",
                "Z.TXT",
                "a/x.txt",
                "a-b/x.txt",
                "a.b/x.txt",
                "a.txt",
                "a0/x.txt",
                "link.txt",
                // `linked-folder` is `B`, walked already.
                "notes.Md",
                "table.CSV",
            ]
        );
        let mut sorted = report.files.clone();
        sorted.sort();
        assert_eq!(report.files, sorted, "the order of the paths");
        let bad: Vec<String> = report
            .errors
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(bad, ["dangling.txt", "pipe.txt"]);
    }

    #[test]
    fn record_files_are_discovered_and_read_as_many_documents() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.txt"), "Ein Artikel.").unwrap();
        fs::write(
            d.join("b.jsonl"),
            "{\"text\": \"Eins.\"}\n{\"text\": \"Zwei.\"}\n",
        )
        .unwrap();
        fs::write(d.join("c.csv"), "title,text\nT,Drei.\n").unwrap();
        fs::write(d.join("d.json"), "{}").unwrap();
        let report = discover(&[d.to_path_buf(), d.join("d.json")]);
        let names: Vec<_> = report
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.jsonl", "c.csv"]);
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].kind, LoadErrorKind::NotAnArticle);
        let ids = super::super::ids::unique_ids(&report.files, &[d.to_path_buf()]);
        let loaded: Vec<Loaded> = report
            .files
            .iter()
            .zip(&ids)
            .map(|(p, id)| read_path(p, id, &RecordOptions::default()).unwrap())
            .collect();
        let counts: Vec<usize> = loaded.iter().map(|l| l.docs.len()).collect();
        assert_eq!(counts, [1, 2, 1]);
        assert!(loaded[0].summary.is_none());
        assert_eq!(&*loaded[1].docs[1].id, "b-2");
        assert_eq!(&*loaded[2].docs[0].title, "T");
    }

    #[test]
    fn a_file_that_vanishes_after_listing_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.txt");
        fs::write(&path, "Text.").unwrap();
        let report = discover(&[dir.path().to_path_buf()]);
        assert_eq!(report.files, std::slice::from_ref(&path));
        fs::remove_file(&path).unwrap();
        let err = read_file(&report.files[0], "gone".into()).unwrap_err();
        assert!(err.to_string().contains("no such file"), "{err}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_utf16(bytes), "Grüße".as_bytes());
    }

    #[test]
    fn a_file_over_the_limit_says_its_real_size() {
        let e = LoadError {
            path: "big.txt".into(),
            kind: LoadErrorKind::TooLarge(MAX_FILE_BYTES + 1),
        };
        assert_eq!(
            e.to_string(),
            "big.txt: 64.000001 MB is larger than the 64 MB limit; skipped"
        );
    }
}
