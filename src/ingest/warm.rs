//! A warm open without reading the articles: when the linked index on disk
//! has a document table ([`linked_file::DocTable`]) for exactly the files
//! found, and each file's `stat` is what it was when the index was built
//! (and settled then: see [`FileStamp::settled`]), the documents are made
//! from the table (title, furniture, stamp) with texts read when first used
//! ([`Text::lazy`]), and the index is used as it lies. A file whose `stat`
//! changed, or changed too recently to tell, is read as usual; if its text
//! is what it was, its stamp and so the corpus key are too.

use super::cache;
use super::linked_file::{self, LinkedFile, Rejected};
use crate::corpus::text::{Expected, TextCheck};
use crate::corpus::{Document, FileStamp, Text, ids, load, records};
use crate::entity::EntityIndex;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the warm open did not happen.
#[derive(Debug)]
pub(super) enum NotWarm {
    /// The corpus or the file does not allow it (no document table, other
    /// files, a record file, a changed article): open as usual.
    Changed,
    /// The file was refused: open as usual, without it.
    Rejected(Rejected),
}

/// How each file is to be had.
enum Source {
    /// From the table, its text read when first used.
    Table,
    /// Read now.
    Read(Box<Document>),
}

/// The documents and the index of the corpus of `files` (found under
/// `roots`), from `file`, when nothing changed; `corrections` are the bytes
/// of the user's corrections file (they key the index).
pub(super) fn open(
    file: &LinkedFile,
    files: &[Arc<Path>],
    roots: &[PathBuf],
    corrections: &[u8],
) -> Result<(Vec<Arc<Document>>, EntityIndex), NotWarm> {
    if files
        .iter()
        .any(|f| records::is_record_file(f) || super::stdin::is_stdin(f))
    {
        return Err(NotWarm::Changed);
    }
    let parsed = linked_file::parse(file).map_err(NotWarm::Rejected)?;
    let table = parsed
        .doc_table()
        .map_err(NotWarm::Rejected)?
        .ok_or(NotWarm::Changed)?;
    if table.docs.len() != files.len()
        || table
            .docs
            .iter()
            .zip(files)
            .any(|(e, f)| e.path != f.as_os_str().as_encoded_bytes())
    {
        return Err(NotWarm::Changed);
    }
    let ids = ids::unique_ids(files, roots);
    let sources: Vec<Source> = table
        .docs
        .par_iter()
        .zip(files.par_iter().zip(ids.par_iter()))
        .map(|(e, (path, id))| {
            let unchanged = std::fs::metadata(path).is_ok_and(|m| {
                m.is_file()
                    && e.stamp.same_file(&FileStamp::stat(&m))
                    && e.stamp.settled(table.read_ns)
            });
            if unchanged && !e.replaced {
                Ok(Source::Table)
            } else {
                load::read_file(path, id.clone())
                    .map(|d| Source::Read(Box::new(d)))
                    .map_err(|_| NotWarm::Changed)
            }
        })
        .collect::<Result<_, _>>()?;
    let stamps = sources.iter().zip(&table.docs).map(|(s, e)| match s {
        Source::Table => Some(e.stamp),
        Source::Read(d) => d.stamp,
    });
    let key = cache::corpus_key(files.iter().map(|f| &**f).zip(stamps), corrections)
        .ok_or(NotWarm::Changed)?;
    let lens: Vec<usize> = sources
        .iter()
        .zip(&table.docs)
        .map(|(s, e)| match s {
            Source::Table => usize::try_from(e.len).unwrap_or(usize::MAX),
            Source::Read(d) => d.text.len(),
        })
        .collect();
    let index = match parsed.index(key, &lens) {
        Ok(index) => index,
        Err(Rejected::OtherCorpus) => return Err(NotWarm::Changed),
        Err(why) => return Err(NotWarm::Rejected(why)),
    };
    let tables = index.tables();
    for (d, s) in sources.iter().enumerate() {
        if let Source::Read(doc) = s {
            linked_file::fits(&tables, d as u32, &doc.text)
                .map_err(|why| NotWarm::Rejected(Rejected::Corrupt(why)))?;
        }
    }
    let check: TextCheck = Arc::new(Box::new(move |d, text| linked_file::fits(&tables, d, text)));
    let docs = sources
        .into_iter()
        .zip(table.docs)
        .zip(files.iter().zip(ids))
        .enumerate()
        .map(|(d, ((s, e), (path, id)))| {
            Arc::new(match s {
                Source::Read(doc) => *doc,
                Source::Table => from_table(d as u32, &e, path, id, check.clone()),
            })
        })
        .collect();
    Ok((docs, index))
}

/// Document number `d` of the table, its text left in its file.
fn from_table(
    d: u32,
    e: &linked_file::DocEntry<'_>,
    path: &Arc<Path>,
    id: String,
    check: TextCheck,
) -> Document {
    let hidden: Vec<_> = e
        .hidden
        .iter()
        .map(|&(s, end)| s as usize..end as usize)
        .collect();
    let path = Arc::clone(path);
    Document {
        id: id.into(),
        path: path.clone(),
        text: Text::lazy(Expected {
            path,
            len: e.len as usize,
            hash: e.stamp.hash,
            layout: crate::corpus::text::layout_hash(&hidden, &[]),
            doc: d,
            check: Some(check),
        }),
        replaced: Box::default(),
        title: e.title.into(),
        hidden: hidden.into(),
        date: None,
        category: None,
        stamp: Some(e.stamp),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Job, load_job};
    use std::path::Path;

    /// Set the modification time of `path` to `secs` seconds since the
    /// epoch (as an editor that keeps it, or `touch -d`, would).
    fn set_mtime(path: &Path, secs: i64) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        let t = libc::timespec {
            tv_sec: secs as libc::time_t,
            tv_nsec: 0,
        };
        // SAFETY: a valid C string and two valid timespecs.
        let r = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), [t, t].as_ptr(), 0) };
        assert_eq!(r, 0);
    }

    /// The job of the reader for `dir` with its cache in `cache`, its
    /// linked index read early as [`Job::discover`] does.
    fn job(dir: &Path, cache: &Path) -> Job {
        let mut job = Job::discover(&[dir.to_path_buf()]);
        if let Job::Files {
            cache: c,
            early,
            roots,
            ..
        } = &mut job
        {
            *c = Some(cache.to_path_buf());
            *early =
                super::super::EarlyRead::start(super::super::cache::linked_file_for(cache, roots));
        }
        job
    }

    #[test]
    fn an_unchanged_corpus_opens_without_reading_its_texts_and_a_changed_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        for (i, who) in ["Anna Berger", "Peter Schmidt", "Anna Berger"]
            .iter()
            .enumerate()
        {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, format!("Titel {i}\n\n{who} sprach in Bonn.")).unwrap();
            set_mtime(&path, 1_000_000_000);
        }
        // Their change times must lie 2 s before the first reading for a
        // stat to prove them unchanged (see FileStamp::settled).
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let cold = load_job(job(dir.path(), cache.path()));
        let (mentions, titles): (Vec<_>, Vec<_>) = (
            cold.index.mentions().to_vec(),
            cold.corpus.docs().iter().map(|d| d.title.clone()).collect(),
        );
        drop(cold);

        let warm = load_job(job(dir.path(), cache.path()));
        assert!(
            warm.corpus.docs().iter().all(|d| !d.text.is_loaded()),
            "no text read"
        );
        assert!(
            warm.corpus
                .docs()
                .iter()
                .all(|d| std::sync::Arc::strong_count(&d.path) == 2),
            "each path held once, by the document and its text"
        );
        assert_eq!(warm.index.mentions(), mentions);
        let warm_titles: Vec<_> = warm.corpus.docs().iter().map(|d| d.title.clone()).collect();
        assert_eq!(warm_titles, titles);
        assert_eq!(
            warm.corpus.docs()[1].text.as_str(),
            "Titel 1\n\nPeter Schmidt sprach in Bonn."
        );
        assert!(warm.corpus.docs()[1].text.problem().is_none());
        // A text not read yet whose file changed (same length) or vanished
        // since the open is not served: a notice of its length, no panic.
        std::fs::write(
            dir.path().join("0.txt"),
            "Titel 0\n\nAnna Bergen sprach in Bonn.",
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("2.txt")).unwrap();
        for (d, why) in [(0, "changed since it was indexed"), (2, "no such file")] {
            let text = &warm.corpus.docs()[d].text;
            assert!(text.problem().unwrap().contains(why), "{d}");
            assert_eq!(text.as_str().len(), text.len());
            assert!(text.as_str().starts_with("This article cannot be shown"));
        }
        drop(warm);
        for i in [0, 2] {
            let who = ["Anna Berger", "", "Anna Berger"][i];
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!("Titel {i}\n\n{who} sprach in Bonn."),
            )
            .unwrap();
        }
        // The same size, the modification time kept: the change time tells.
        let path = dir.path().join("1.txt");
        std::fs::write(&path, "Titel 1\n\nMaria Schulze sprach in Bonn.").unwrap();
        set_mtime(&path, 1_000_000_000);
        let again = load_job(job(dir.path(), cache.path()));
        let doc = &again.corpus.docs()[1];
        assert!(doc.text.is_loaded(), "the changed file was read");
        assert_eq!(
            doc.text.as_str(),
            "Titel 1\n\nMaria Schulze sprach in Bonn."
        );
        assert_ne!(again.index.mentions(), mentions, "linked anew");
        assert!(again.index.find("Peter Schmidt").is_none());
    }
}
