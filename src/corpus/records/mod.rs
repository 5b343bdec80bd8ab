//! Corpora kept as records: CSV/TSV and JSON Lines files with one article per
//! record.
//!
//! Each record becomes a [`Document`] whose text is the record's text field
//! (unescaped), so offsets refer to that field. The document's path is the
//! file's with `#N` appended (`corpus.csv#12`, the 12th record), its id the
//! record's id field or `<stem>-<N>`, unique within the file. A title field,
//! where there is one, replaces the title found in the text.
//!
//! Bad records never stop a file: each is skipped with a
//! [`LoadErrorKind::BadRecord`] naming its line. Only an unreadable file, or
//! one where no text field can be found, fails as a whole.

pub mod delimited;
pub mod fields;
mod jsonl;
mod table;

pub use delimited::Dialect;

use super::bytes::{decode_utf16, io_message, looks_binary};
use super::error::{LoadError, LoadErrorKind};
use super::{Document, sanitize, title};
use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How to read record files; every field is optional and detected when unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordOptions {
    /// The field holding the article text: a name, or for files without a
    /// header a 1-based column number.
    pub text_field: Option<String>,
    /// The field holding the title.
    pub title_field: Option<String>,
    /// The field holding a unique id.
    pub id_field: Option<String>,
    /// The field holding the publication date.
    pub date_field: Option<String>,
    /// The CSV delimiter; detected among `,` `;` and tab when unset.
    pub delimiter: Option<u8>,
    /// The CSV quote character; detected among `"` and `'` when unset.
    pub quote: Option<u8>,
    /// Whether the CSV file has a header line; detected when unset.
    pub header: Option<bool>,
}

/// The layout a record file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// CSV or TSV.
    Delimited {
        /// Delimiter and quote character.
        dialect: Dialect,
        /// Whether the first record was a header.
        header: bool,
    },
    /// One JSON object per line.
    JsonLines,
}

/// What reading a record file did, for a status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSummary {
    /// The layout read.
    pub format: RecordFormat,
    /// The text field: its name, or `column N`.
    pub text_field: String,
    /// The title field, if any.
    pub title_field: Option<String>,
    /// The id field, if any.
    pub id_field: Option<String>,
    /// The date field, if any.
    pub date_field: Option<String>,
    /// The category field, if any.
    pub category_field: Option<String>,
    /// Documents made.
    pub documents: usize,
    /// Records skipped as bad.
    pub skipped: usize,
}

impl fmt::Display for RecordSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |b: u8| match b {
            b'\t' => "tab".to_string(),
            b => format!("'{}'", b as char),
        };
        match self.format {
            RecordFormat::Delimited { dialect, header } => write!(
                f,
                "delimiter {}, quote {}, {}",
                show(dialect.delimiter),
                show(dialect.quote),
                if header { "header" } else { "no header" }
            )?,
            RecordFormat::JsonLines => write!(f, "JSON Lines")?,
        }
        write!(f, "; text: {}", self.text_field)?;
        for (role, field) in [
            ("title", &self.title_field),
            ("id", &self.id_field),
            ("date", &self.date_field),
            ("category", &self.category_field),
        ] {
            if let Some(name) = field {
                write!(f, ", {role}: {name}")?;
            }
        }
        write!(f, "; {} articles", self.documents)?;
        if self.skipped > 0 {
            write!(f, ", {} records skipped", self.skipped)?;
        }
        Ok(())
    }
}

/// Whether a path names a record file (`.csv`, `.tsv`, `.tab`, `.jsonl`,
/// `.ndjson`), judged by its extension.
pub fn is_record_file(path: &Path) -> bool {
    has_extension(path, &["csv", "tsv", "tab", "jsonl", "ndjson"])
}

/// Whether the extension of `path` is one of `extensions` (lower case),
/// in any case.
pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Per-record problems listed for one file; further ones are only counted.
pub const MAX_LISTED_ERRORS: usize = 100;

/// How much of the start of a file detection looks at.
const HEAD_BYTES: usize = 64 * 1024;

/// Read a record file, handing each document or per-record problem to `sink`
/// in file order as soon as it is made. `stem` prefixes generated ids
/// (`<stem>-<N>`); pass the file's unique stem. Fails only when the file
/// cannot be read or has no text field.
pub fn read_records(
    path: &Path,
    stem: &str,
    options: &RecordOptions,
    sink: &mut dyn FnMut(Result<Document, LoadError>),
) -> Result<RecordSummary, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let unreadable = |e: io::Error| err(LoadErrorKind::Unreadable(io_message(&e)));
    let (mut file, _) = crate::regular_file::open(path).map_err(|e| {
        match std::fs::metadata(path)
            .ok()
            .and_then(|m| crate::regular_file::not_regular(&m))
        {
            Some(m) => err(LoadErrorKind::Unreadable(m)),
            None => unreadable(e),
        }
    })?;
    let (head, eof) = read_head(&mut file).map_err(unreadable)?;
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(err(LoadErrorKind::Empty));
    }
    // A few NUL bytes (a bad export, one corrupt record) do not make a
    // record file binary: they are read as spaces, like any control
    // character, and the file is said to have them.
    let nuls = memchr::memchr_iter(0, &head).count();
    let few_nuls = nuls > 0 && nuls <= (head.len() / 100).max(16) && {
        let without: Vec<u8> = head.iter().copied().filter(|&b| b != 0).collect();
        !looks_binary(&without)
    };
    if looks_binary(&head) && !few_nuls {
        return Err(err(LoadErrorKind::Binary));
    }
    if few_nuls {
        sink(Err(err(LoadErrorKind::Notice(format!(
            "{nuls} NUL bytes near the start; read as spaces, no record skipped for them"
        )))));
    }
    let mut builder = Builder {
        path,
        stem,
        ids: HashSet::new(),
        records: 0,
        documents: 0,
        skipped: 0,
        pending: Vec::new(),
        sink,
    };
    let is_jsonl = has_extension(path, &["jsonl", "ndjson"]);
    let mut summary = if is_jsonl {
        jsonl::read(file, head, eof, options, &mut builder)
    } else {
        let tabs_first = has_extension(path, &["tsv", "tab"]);
        table::read(file, head, eof, options, tabs_first, &mut builder)
    }
    .map_err(|e| match e {
        ReadError::Io(e) => unreadable(e),
        ReadError::Fields(message) => err(LoadErrorKind::NoTextField(message)),
    })?;
    builder.finish();
    summary.documents = builder.documents;
    summary.skipped = builder.skipped;
    Ok(summary)
}

/// Why a whole file failed.
enum ReadError {
    Io(io::Error),
    Fields(String),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// The first bytes of a file, with a UTF-8 byte-order mark removed and
/// UTF-16 decoded to UTF-8 (then the whole file is read); and whether that
/// is all of it.
fn read_head(file: &mut File) -> io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let mut eof = head.len() < HEAD_BYTES;
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        file.read_to_end(&mut head)?;
        head = decode_utf16(head);
        eof = true;
    }
    if head.starts_with(b"\xef\xbb\xbf") {
        head.drain(..3);
    }
    Ok((head, eof))
}

/// Records are turned into documents in parallel batches of this many.
const BATCH_RECORDS: usize = 256;

/// Turns records into documents and hands them on, in file order.
struct Builder<'a> {
    path: &'a Path,
    stem: &'a str,
    ids: HashSet<String>,
    records: usize,
    documents: usize,
    skipped: usize,
    /// Records waiting to become documents, and problems between them.
    pending: Vec<Pending>,
    sink: &'a mut dyn FnMut(Result<Document, LoadError>),
}

/// The parts of one record.
struct Parts {
    line: usize,
    text: Vec<u8>,
    title: Option<String>,
    id: Option<String>,
    date: Option<String>,
    category: Option<String>,
}

/// A record ready to become a document (its id decided), or a problem.
enum Pending {
    Record {
        number: usize,
        id: String,
        parts: Parts,
    },
    Problem(LoadError),
}

impl Builder<'_> {
    /// The next record's number (1-based), counting bad records too.
    fn next_number(&mut self) -> usize {
        self.records += 1;
        self.records
    }

    fn record(&mut self, number: usize, parts: Parts) {
        if parts.text.iter().all(u8::is_ascii_whitespace) {
            self.bad(parts.line, "empty text".into());
            return;
        }
        let id = self.unique_id(parts.id.as_deref(), number);
        self.pending.push(Pending::Record { number, id, parts });
        self.documents += 1;
        if self.pending.len() >= BATCH_RECORDS {
            self.flush();
        }
    }

    /// Make the pending records into documents, in parallel (sanitising and
    /// finding furniture cost far more than parsing), and hand them on.
    fn flush(&mut self) {
        let path = self.path;
        let made: Vec<Result<(Document, usize), LoadError>> = std::mem::take(&mut self.pending)
            .into_par_iter()
            .map(|p| match p {
                Pending::Record { number, id, parts } => {
                    let line = parts.line;
                    Ok((document(path, number, id, parts), line))
                }
                Pending::Problem(e) => Err(e),
            })
            .collect();
        for m in made {
            match m {
                // Only invalid bytes or control characters: nothing to read.
                Ok((doc, line)) if doc.text.trim().is_empty() => {
                    self.documents -= 1;
                    self.skipped += 1;
                    if self.skipped <= MAX_LISTED_ERRORS {
                        (self.sink)(Err(LoadError {
                            path: self.path.to_path_buf(),
                            kind: LoadErrorKind::BadRecord {
                                line,
                                message: "no readable text".into(),
                            },
                        }));
                    }
                }
                Ok((doc, _)) => (self.sink)(Ok(doc)),
                Err(e) => (self.sink)(Err(e)),
            }
        }
    }

    fn unique_id(&mut self, id: Option<&str>, number: usize) -> String {
        let base = id
            .map(one_line)
            .filter(|i| !i.is_empty())
            .map(|i| sanitize::visible(&i))
            .unwrap_or_else(|| format!("{}-{number}", self.stem));
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}~{n}");
        }
        id
    }

    fn bad(&mut self, line: usize, message: String) {
        self.skipped += 1;
        if self.skipped <= MAX_LISTED_ERRORS {
            self.pending.push(Pending::Problem(LoadError {
                path: self.path.to_path_buf(),
                kind: LoadErrorKind::BadRecord { line, message },
            }));
        }
    }

    fn finish(&mut self) {
        self.flush();
        if self.skipped > MAX_LISTED_ERRORS {
            (self.sink)(Err(LoadError {
                path: self.path.to_path_buf(),
                kind: LoadErrorKind::MoreBadRecords(self.skipped - MAX_LISTED_ERRORS),
            }));
        }
    }
}

/// The document for record `number` of the file at `path`.
fn document(path: &Path, number: usize, id: String, parts: Parts) -> Document {
    let mut doc_path = OsString::from(path.as_os_str());
    doc_path.push(format!("#{number}"));
    let mut doc = Document::from_bytes(id, PathBuf::from(doc_path), &parts.text);
    if let Some(t) = parts
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
    {
        doc.title = title::shorten(&sanitize::visible(&t), title::MAX_TITLE).into();
    }
    let short = |s: Option<&str>| {
        s.map(one_line)
            .filter(|d| !d.is_empty())
            .map(|d| sanitize::visible(&d))
    };
    doc.date = short(parts.date.as_deref()).map(String::into_boxed_str);
    doc.category = short(parts.category.as_deref()).map(String::into_boxed_str);
    doc
}

/// White space runs (line breaks included) as single spaces, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read a whole record file: the documents, and the per-record problems.
pub fn read_all(
    path: &Path,
    stem: &str,
    options: &RecordOptions,
) -> Result<(Vec<Document>, Vec<LoadError>, RecordSummary), LoadError> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let summary = read_records(path, stem, options, &mut |r| match r {
        Ok(d) => docs.push(d),
        Err(e) => errors.push(e),
    })?;
    Ok((docs, errors, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn read(
        name: &str,
        content: &[u8],
        options: &RecordOptions,
    ) -> (Vec<Document>, Vec<LoadError>, RecordSummary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        read_all(&path, &stem, options).unwrap()
    }

    /// 10kGNAD's layout: `label;text`, `;` and `'`, no header, quoting only
    /// where a field holds `;` or `'`, `'` doubled inside.
    const GNAD: &str = "Sport;'Rapid verliert in Graz. Die Wiener spielten schwach; der Trainer sagte: ''Wir waren nicht bereit.'' Mehr folgt.'\n\
Inland;Neue Regeln für Mieten. Die Regierung hat am Montag ein Gesetz vorgelegt, das \"faire Mieten\" sichern soll.\n\
Web;'Apple stellt neues Telefon vor. In Cupertino zeigte der Konzern sein ''iPhone''; Preise nannte er nicht.'\n";

    #[test]
    fn gnad_style_lines() {
        let (docs, errors, summary) = read("test.csv", GNAD.as_bytes(), &RecordOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            summary.format,
            RecordFormat::Delimited {
                dialect: Dialect {
                    delimiter: b';',
                    quote: b'\''
                },
                header: false
            }
        );
        assert_eq!(summary.text_field, "column 2");
        assert_eq!(docs.len(), 3);
        // The label is the category (records used to drop it).
        assert_eq!(summary.category_field.as_deref(), Some("column 1"));
        assert!(
            summary
                .to_string()
                .contains("; text: column 2, category: column 1;"),
            "{summary}"
        );
        let labels: Vec<_> = docs.iter().map(|d| d.category.as_deref()).collect();
        assert_eq!(labels, [Some("Sport"), Some("Inland"), Some("Web")]);
        assert_eq!(
            docs[0].text,
            "Rapid verliert in Graz. Die Wiener spielten schwach; der Trainer sagte: 'Wir waren nicht bereit.' Mehr folgt."
        );
        assert_eq!(&*docs[0].title, "Rapid verliert in Graz.");
        assert!(docs[1].text.contains("\"faire Mieten\""));
        assert!(docs[2].text.contains("sein 'iPhone'; Preise"));
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_ref()).collect();
        assert_eq!(ids, ["test-1", "test-2", "test-3"]);
        assert!(docs[1].path.to_string_lossy().ends_with("test.csv#2"));
        // Offsets refer to the unescaped field.
        let at = docs[2].text.find("iPhone").unwrap();
        assert_eq!(&docs[2].text[at..at + 6], "iPhone");
    }

    #[test]
    fn headered_csv_with_multiline_fields_bom_and_crlf() {
        let csv = "\u{feff}ID,Headline,Body,Date\r\n\
a1,\"Erste Meldung\",\"Der erste Absatz.\r\n\r\nDer zweite, mit \"\"Zitat\"\".\",2024-05-01\r\n\
a1,Zweite Meldung,Kurz und knapp.,2024-05-02\r\n\
,\"Dritte\nMeldung\",\"Text drei.\",\r\n";
        let (docs, errors, summary) = read("news.csv", csv.as_bytes(), &RecordOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(summary.text_field, "Body");
        assert_eq!(summary.title_field.as_deref(), Some("Headline"));
        assert_eq!(summary.id_field.as_deref(), Some("ID"));
        assert_eq!(summary.date_field.as_deref(), Some("Date"));
        assert_eq!(docs.len(), 3);
        assert_eq!(
            docs[0].text,
            "Der erste Absatz. \n \nDer zweite, mit \"Zitat\"."
        );
        assert_eq!(&*docs[0].title, "Erste Meldung");
        assert_eq!(docs[0].date.as_deref(), Some("2024-05-01"));
        assert_eq!(docs[0].category, None, "no category field, none made up");
        assert_eq!(&*docs[2].title, "Dritte Meldung");
        assert_eq!(docs[2].date, None);
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_ref()).collect();
        assert_eq!(ids, ["a1", "a1~2", "news-3"]);
    }

    #[test]
    fn tsv_with_named_fields() {
        let tsv = "label\tNachricht\tQuelle\nPolitik\tDer Rat tagte, beschloss; aber nichts.\tdpa\nSport\tEin Tor.\tapa\n";
        let options = RecordOptions {
            text_field: Some("nachricht".into()),
            id_field: Some("Quelle".into()),
            ..RecordOptions::default()
        };
        let (docs, errors, summary) = read("x.tsv", tsv.as_bytes(), &options);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            matches!(summary.format, RecordFormat::Delimited { dialect, header: true } if dialect.delimiter == b'\t')
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Der Rat tagte, beschloss; aber nichts.");
        assert_eq!(&*docs[1].id, "apa");
        assert_eq!(summary.category_field.as_deref(), Some("label"));
        assert_eq!(docs[1].category.as_deref(), Some("Sport"));
        let wrong = RecordOptions {
            text_field: Some("Inhalt".into()),
            ..RecordOptions::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.tsv");
        fs::write(&path, tsv).unwrap();
        let e = read_all(&path, "x", &wrong).unwrap_err();
        assert!(
            e.to_string().contains("Inhalt") && e.to_string().contains("label, Nachricht, Quelle"),
            "{e}"
        );
    }

    #[test]
    fn jsonl_with_missing_fields_and_a_broken_line() {
        let jsonl = "{\"id\": 7, \"title\": \"Erster\", \"text\": \"Text eins.\", \"date\": \"2024-01-01\", \"Ressort\": \"Kultur\"}\n\
\n\
{\"id\": 8, \"title\": \"Ohne Text\"}\n\
{\"id\": 9, \"text\": \"Text drei.\"\n\
[1, 2]\n\
{\"text\": \"   \"}\n\
{\"text\": 5}\n\
{\"id\": 7, \"text\": \"Text vier.\\nZweite Zeile.\", \"headline\": \"Vierter\\nTitel\"}\n";
        let (docs, errors, summary) =
            read("feed.jsonl", jsonl.as_bytes(), &RecordOptions::default());
        assert_eq!(summary.text_field, "text");
        assert_eq!(summary.documents, 2);
        assert_eq!(summary.skipped, 5);
        assert_eq!(&*docs[0].id, "7");
        assert_eq!(&*docs[0].title, "Erster");
        assert_eq!(docs[0].date.as_deref(), Some("2024-01-01"));
        assert_eq!(docs[0].category.as_deref(), Some("Kultur"));
        assert_eq!(summary.category_field.as_deref(), Some("Ressort"));
        assert_eq!(docs[1].category, None);
        assert_eq!(&*docs[1].id, "7~2");
        assert_eq!(&*docs[1].title, "Vierter Titel");
        assert_eq!(docs[1].text, "Text vier.\nZweite Zeile.");
        assert!(docs[1].path.to_string_lossy().ends_with("feed.jsonl#7"));
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| match e.kind {
                LoadErrorKind::BadRecord { line, .. } => line,
                _ => panic!("{e}"),
            })
            .collect();
        assert_eq!(lines, [3, 4, 5, 6, 7]);
        let shown = errors[1].to_string();
        assert!(
            shown.contains("feed.jsonl, line 4: invalid JSON"),
            "{shown}"
        );
        assert!(errors[0].to_string().contains("no \"text\" field"));
    }

    #[test]
    fn malformed_csv_records_are_skipped_not_fatal() {
        let csv = "title,text\nA,\"gut\"\nB,\"schlecht\"x\nC,\"auch gut\"\nD\n";
        let (docs, errors, summary) = read("m.csv", csv.as_bytes(), &RecordOptions::default());
        let texts: Vec<_> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["gut", "auch gut"]);
        assert_eq!(summary.skipped, 2);
        assert!(matches!(
            errors[0].kind,
            LoadErrorKind::BadRecord { line: 3, .. }
        ));
        assert!(matches!(
            errors[1].kind,
            LoadErrorKind::BadRecord { line: 5, .. }
        ));
        // Record numbers count the bad ones, so `#N` is the Nth record.
        assert!(docs[1].path.to_string_lossy().ends_with("m.csv#3"));
    }

    #[test]
    fn many_bad_records_are_counted_not_listed() {
        let mut csv = String::from("title,text\n");
        for i in 0..MAX_LISTED_ERRORS + 5 {
            csv.push_str(&format!("T{i},\n"));
        }
        let (docs, errors, summary) = read("e.csv", csv.as_bytes(), &RecordOptions::default());
        assert!(docs.is_empty());
        assert_eq!(summary.skipped, MAX_LISTED_ERRORS + 5);
        assert_eq!(errors.len(), MAX_LISTED_ERRORS + 1);
        assert_eq!(
            errors.last().unwrap().kind,
            LoadErrorKind::MoreBadRecords(5)
        );
    }

    #[test]
    fn a_file_without_a_text_column_fails_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.tsv");
        fs::write(&path, "id\tsplit\tdate\n1\ttrain\t2020-01-01\n").unwrap();
        let e = read_all(&path, "index", &RecordOptions::default()).unwrap_err();
        assert!(matches!(e.kind, LoadErrorKind::NoTextField(_)));
        assert!(e.to_string().contains("--text-field"), "{e}");
        let e = read_all(
            &dir.path().join("gone.csv"),
            "gone",
            &RecordOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(e.kind, LoadErrorKind::Unreadable(_)));
    }

    #[test]
    fn random_input_never_panics_and_keeps_invariants() {
        // A fixed pseudo-random sequence over the bytes that matter.
        let alphabet = b";,\t'\"\n\r {}:[]\\aZ\xc3\xa4\xff";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let dir = tempfile::tempdir().unwrap();
        for round in 0..300 {
            let len = (round * 7) % 300;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            for ext in ["csv", "jsonl"] {
                let path = dir.path().join(format!("r{round}.{ext}"));
                fs::write(&path, &bytes).unwrap();
                let Ok((docs, errors, summary)) = read_all(&path, "r", &RecordOptions::default())
                else {
                    continue;
                };
                assert_eq!(docs.len(), summary.documents);
                assert_eq!(errors.len(), summary.skipped.min(MAX_LISTED_ERRORS));
                let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_ref()).collect();
                assert_eq!(ids.len(), docs.len());
                assert!(docs.iter().all(|d| !d.text.trim().is_empty()));
            }
        }
    }

    #[test]
    fn real_10kgnad_test_split() {
        // The shared corpora sit beside the repository, or beside the
        // worktrees' folder.
        let manifest = env!("CARGO_MANIFEST_DIR");
        let path = ["/../shared", "/../../shared"]
            .iter()
            .map(|up| PathBuf::from(format!("{manifest}{up}/corpora/10kgnad/test.csv")))
            .find(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from("10kgnad/test.csv"));
        if !path.exists() {
            eprintln!("skipped: {} not found", path.display());
            return;
        }
        let (docs, errors, summary) = read_all(&path, "test", &RecordOptions::default()).unwrap();
        assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
        assert_eq!(docs.len(), 1028, "{summary}");
        assert_eq!(summary.text_field, "column 2");
        assert!(
            docs.iter()
                .all(|d| !d.title.is_empty() && &*d.title != "(untitled)")
        );
        assert!(
            docs[0]
                .title
                .starts_with("Die Gewerkschaft GPA-djp lanciert"),
            "{}",
            docs[0].title
        );
        let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_ref()).collect();
        assert_eq!(ids.len(), docs.len());
        // No record swallowed another: no text holds a line break or a label.
        assert!(docs.iter().all(|d| !d.text.contains('\n')));
    }
}
