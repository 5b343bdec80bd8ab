//! A document's text, held from the start or read from its file the first
//! time it is needed.
//!
//! A warm open of an unchanged corpus does not read the articles: their
//! titles, page furniture and stamps come from the linked index on disk
//! (see `ingest::warm`), and each text is read when an article is shown,
//! searched or compared. The file is untrusted and may have changed or
//! vanished since it was indexed: a text read late is checked against what
//! the index was built from (length, content hash, the furniture and
//! replaced bytes recomputed from it, and a check the index gives, such as
//! its mentions lying on character boundaries). A text that fails is
//! replaced by a notice of the same length, in ASCII, so that every offset
//! into it stays valid and nothing slices it apart; [`Text::problem`] says
//! what went wrong.

use super::sanitize::Replaced;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A check of a text read late against what an index holds for its
/// document (the document's number in the corpus, its text); `Err` with a
/// reason when they do not fit. Boxed behind the shared pointer so that
/// the pointer is one word: every document left in its file holds one
/// (at a million articles, 8 bytes each make a document's allocation 256
/// bytes instead of 272).
pub type TextCheck = Arc<CheckFn>;

/// The function of a [`TextCheck`].
pub type CheckFn = Box<dyn Fn(u32, &str) -> Result<(), String> + Send + Sync>;

/// What a text read late must match: what was known of it when the corpus
/// was indexed.
#[derive(Clone)]
pub struct Expected {
    /// The file to read (shared with its document).
    pub path: Arc<Path>,
    /// The text's length in bytes.
    pub len: usize,
    /// Its [`super::content_hash`].
    pub hash: u64,
    /// [`layout_hash`] of the page furniture found in it and the bytes
    /// sanitising replaced (a hash rather than a copy: a million documents
    /// waiting to be read hold no second copy of their furniture).
    pub layout: u64,
    /// The document's number, for `check`.
    pub doc: u32,
    /// A further check (an index's mentions fit the text).
    pub check: Option<TextCheck>,
}

/// A hash of a document's page furniture (`hidden`) and replaced bytes,
/// which a text read late must give again ([`Expected::layout`]).
pub fn layout_hash(hidden: &[Range<usize>], replaced: &[Replaced]) -> u64 {
    let mut bytes = Vec::with_capacity(8 + 16 * hidden.len() + 24 * replaced.len());
    bytes.extend((hidden.len() as u64).to_le_bytes());
    for h in hidden {
        bytes.extend((h.start as u64).to_le_bytes());
        bytes.extend((h.end as u64).to_le_bytes());
    }
    for r in replaced {
        bytes.extend((r.range.start as u64).to_le_bytes());
        bytes.extend((r.range.end as u64).to_le_bytes());
        let what = match r.what {
            super::Replacement::Invalid => u64::MAX,
            super::Replacement::Control(c) => c as u64,
        };
        bytes.extend(what.to_le_bytes());
    }
    super::content_hash(&bytes)
}

/// The text of a document: a string, or a file read on first use.
#[derive(Clone)]
pub struct Text {
    inner: Inner,
}

/// The text, given or to read. A text to read is held in place, not
/// behind a pointer of its own: a million documents waiting to be read
/// are a million allocations fewer (48 bytes each). A copy is read again
/// on its own (documents are shared, not copied).
#[derive(Clone)]
enum Inner {
    Ready(String),
    Lazy(Lazy),
}

#[derive(Clone)]
struct Lazy {
    expected: Expected,
    /// Boxed: most texts of a large corpus are never read.
    loaded: OnceLock<Box<Loaded>>,
}

#[derive(Clone)]
struct Loaded {
    text: String,
    problem: Option<String>,
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            Inner::Ready(s) => std::fmt::Debug::fmt(s, f),
            Inner::Lazy(l) => match l.loaded.get() {
                Some(t) => std::fmt::Debug::fmt(&t.text, f),
                None => write!(f, "Text(not read yet: {})", l.expected.path.display()),
            },
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from(String::new())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text {
            inner: Inner::Ready(s),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_string())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Text {
    /// A text read from its file the first time it is used, checked against
    /// `expected`.
    pub fn lazy(expected: Expected) -> Text {
        Text {
            inner: Inner::Lazy(Lazy {
                expected,
                loaded: OnceLock::new(),
            }),
        }
    }

    /// The text (read from its file now if it was not yet).
    pub fn as_str(&self) -> &str {
        match &self.inner {
            Inner::Ready(s) => s,
            Inner::Lazy(l) => &l.loaded.get_or_init(|| Box::new(l.load())).text,
        }
    }

    /// The text as a `String` (read from its file now if it was not yet).
    pub fn into_string(self) -> String {
        match self.inner {
            Inner::Ready(s) => s,
            Inner::Lazy(l) => l.loaded.get_or_init(|| Box::new(l.load())).text.clone(),
        }
    }

    /// The length in bytes, known without reading the file.
    pub fn len(&self) -> usize {
        match &self.inner {
            Inner::Ready(s) => s.len(),
            Inner::Lazy(l) => l.expected.len,
        }
    }

    /// Whether the text is empty (known without reading the file).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the text was given, not left in its file.
    pub fn is_ready(&self) -> bool {
        matches!(self.inner, Inner::Ready(_))
    }

    /// Whether the text is in memory (given, or read already).
    pub fn is_loaded(&self) -> bool {
        match &self.inner {
            Inner::Ready(_) => true,
            Inner::Lazy(l) => l.loaded.get().is_some(),
        }
    }

    /// Why the text read late could not be used (the file vanished, changed
    /// since it was indexed, or does not fit the index), when it could not;
    /// the text is then a notice saying so. Reads the file if it was not yet.
    pub fn problem(&self) -> Option<&str> {
        match &self.inner {
            Inner::Ready(_) => None,
            Inner::Lazy(l) => l
                .loaded
                .get_or_init(|| Box::new(l.load()))
                .problem
                .as_deref(),
        }
    }

    /// The text: borrowed when it is in memory, else read from its file
    /// into a copy the caller holds, which is not kept here (as with
    /// [`Text::with`], for longer than a closure).
    pub fn held(&self) -> std::borrow::Cow<'_, str> {
        match &self.inner {
            Inner::Ready(s) => std::borrow::Cow::Borrowed(s),
            Inner::Lazy(l) => match l.loaded.get() {
                Some(t) => std::borrow::Cow::Borrowed(&t.text),
                None => std::borrow::Cow::Owned(l.load().text),
            },
        }
    }

    /// Run `f` on the text without keeping it in memory when it was not
    /// read yet (for passes over the whole corpus, such as a search).
    pub fn with<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match &self.inner {
            Inner::Ready(s) => f(s),
            Inner::Lazy(l) => match l.loaded.get() {
                Some(t) => f(&t.text),
                None => f(&l.load().text),
            },
        }
    }
}

impl Lazy {
    fn load(&self) -> Loaded {
        let e = &self.expected;
        match read_checked(e) {
            Ok(text) => Loaded {
                text,
                problem: None,
            },
            Err(why) => {
                let problem = format!(
                    "This article cannot be shown: {why}. Open the corpus again to index it anew."
                );
                tracing::warn!("{problem}");
                Loaded {
                    text: notice(&problem, e.len),
                    problem: Some(problem),
                }
            }
        }
    }
}

/// Read `e.path` and check it against `e`.
fn read_checked(e: &Expected) -> Result<String, String> {
    let doc = super::load::read_file(&e.path, String::new()).map_err(|err| err.to_string())?;
    let path = super::sanitize::visible(&e.path.display().to_string());
    let text = doc.text.as_str();
    // The stamp made when the file was read holds the text's hash.
    let hash = doc
        .stamp
        .map_or_else(|| super::content_hash(text.as_bytes()), |s| s.hash);
    if text.len() != e.len || hash != e.hash {
        return Err(format!("{path} changed since it was indexed"));
    }
    if layout_hash(&doc.hidden, &doc.replaced) != e.layout {
        return Err(format!(
            "{path} does not fit the index (furniture or replaced bytes differ)"
        ));
    }
    if let Some(check) = &e.check {
        check(e.doc, text)?;
    }
    match doc.text.inner {
        Inner::Ready(s) => Ok(s),
        Inner::Lazy(_) => Ok(text.to_string()),
    }
}

/// A notice of exactly `len` bytes, ASCII only (every offset is a character
/// boundary): `message` with anything but printable ASCII as `?`, cut or
/// padded with spaces.
fn notice(message: &str, len: usize) -> String {
    let mut s: String = message
        .chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .take(len)
        .collect();
    while s.len() < len {
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected(dir: &std::path::Path, body: &str) -> Expected {
        let path = dir.join("a.txt");
        std::fs::write(&path, body).unwrap();
        let doc = crate::corpus::load::read_file(&path, "a".into()).unwrap();
        Expected {
            path: path.into(),
            len: doc.text.len(),
            hash: crate::corpus::content_hash(doc.text.as_bytes()),
            layout: layout_hash(&doc.hidden, &doc.replaced),
            doc: 0,
            check: None,
        }
    }

    #[test]
    fn a_lazy_text_is_read_once_at_first_use() {
        let dir = tempfile::tempdir().unwrap();
        let text = Text::lazy(expected(dir.path(), "Titel\n\nGrüße aus Bonn."));
        assert!(!text.is_loaded());
        assert_eq!(text.len(), "Titel\n\nGrüße aus Bonn.".len());
        assert!(!text.is_loaded(), "the length is known without reading");
        assert_eq!(text.with(str::len), text.len());
        assert!(!text.is_loaded(), "with() does not keep it");
        let held = text.held();
        assert!(matches!(held, std::borrow::Cow::Owned(_)));
        assert_eq!(held, "Titel\n\nGrüße aus Bonn.");
        assert!(!text.is_loaded(), "held() does not keep it");
        assert_eq!(text.as_str(), "Titel\n\nGrüße aus Bonn.");
        assert!(matches!(text.held(), std::borrow::Cow::Borrowed(_)));
        assert!(text.is_loaded() && text.problem().is_none());
        std::fs::write(dir.path().join("a.txt"), "changed").unwrap();
        assert_eq!(&*text, "Titel\n\nGrüße aus Bonn.", "kept once read");
        // A copy made after it was read keeps the text read.
        let copy = text.clone();
        assert!(copy.is_loaded() && copy.problem().is_none());
        assert_eq!(&*copy, "Titel\n\nGrüße aus Bonn.");
    }

    #[test]
    fn a_copy_of_a_text_not_read_yet_is_read_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let text = Text::lazy(expected(dir.path(), "Titel\n\nGrüße aus Bonn."));
        let copy = text.clone();
        assert_eq!(copy.as_str(), "Titel\n\nGrüße aus Bonn.");
        assert!(
            copy.is_loaded() && !text.is_loaded(),
            "each reads for itself"
        );
        // Changed behind the index's back: the other copy, read now, is
        // refused, not served.
        std::fs::write(dir.path().join("a.txt"), "Titel\n\nGrüße aus Köln.").unwrap();
        assert!(text.problem().is_some());
        assert_eq!(text.len(), copy.len());
        assert!(copy.problem().is_none());
    }

    #[test]
    fn a_changed_or_vanished_file_gives_a_notice_of_the_same_length() {
        let dir = tempfile::tempdir().unwrap();
        let body = "Titel\n\nGrüße aus Köln, Düsseldorf und Münster.";
        // Same length, other bytes.
        let changed = Text::lazy(expected(dir.path(), body));
        std::fs::write(
            dir.path().join("a.txt"),
            "Titel\n\nGrüße aus Kiel, Düsseldorf und Münster..",
        )
        .unwrap();
        assert_eq!(changed.len(), body.len());
        assert_eq!(changed.as_str().len(), body.len());
        assert!(changed.as_str().is_ascii());
        let why = changed.problem().unwrap();
        assert!(why.contains("changed since it was indexed"), "{why}");
        assert!(changed.as_str().starts_with(&why[..20]));

        let gone = Text::lazy(expected(dir.path(), body));
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        assert_eq!(gone.as_str().len(), body.len());
        assert!(gone.problem().unwrap().contains("no such file"));

        // A short text: the notice is cut to its length.
        let short = Text::lazy(expected(dir.path(), "Kurz."));
        std::fs::write(dir.path().join("a.txt"), "Lang genug jetzt.").unwrap();
        assert_eq!(short.as_str().len(), 5);
        assert!(short.problem().is_some());
    }

    #[test]
    fn a_text_that_fails_the_index_check_is_not_served() {
        let dir = tempfile::tempdir().unwrap();
        let mut e = expected(dir.path(), "Titel\n\nÄrger in Überlingen.");
        e.check = Some(Arc::new(Box::new(|_, t: &str| {
            if t.is_char_boundary(8) {
                Ok(())
            } else {
                Err("a mention does not fit".into())
            }
        })));
        let text = Text::lazy(e);
        assert!(text.problem().unwrap().contains("a mention does not fit"));
        assert!(text.as_str().is_ascii());

        let mut e = expected(dir.path(), "Titel\n\nÄrger in Überlingen.");
        e.layout = layout_hash(&[Range { start: 0, end: 5 }], &[]);
        assert!(
            Text::lazy(e)
                .problem()
                .unwrap()
                .contains("does not fit the index")
        );
    }

    #[test]
    fn a_ready_text_is_its_string() {
        let t = Text::from("Hallo");
        assert!(t.is_loaded() && t.problem().is_none());
        assert_eq!(t, "Hallo");
        assert_eq!(t.len(), 5);
        assert_eq!(format!("{t:?}"), "\"Hallo\"");
    }
}
