//! Reading article files in parallel batches, in corpus order, with ids made
//! unique across the corpus.

use super::held_texts::{self, HandedText, TextBudget};
use super::{BATCH, Update, read_ahead};
use crate::corpus::records::RecordOptions;
use crate::corpus::{Document, FileStamp, ids, load};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Read every file (found under `roots`, the paths opened) in parallel
/// batches, in corpus order, sending each batch as it is read. `None` when
/// the receiver is gone. With `leave_texts`, the text of each article read
/// from its own file is let go once its title, furniture and stamp are
/// known, and read again when it is used ([`Document::leave_text_in_file`]):
/// the reader holds no corpus in memory.
pub(super) fn read_all(
    files: &[Arc<Path>],
    roots: &[PathBuf],
    options: &RecordOptions,
    leave_texts: bool,
    send: &dyn Fn(Update) -> bool,
) -> Option<Vec<Arc<Document>>> {
    let mut docs: Vec<Arc<Document>> = Vec::with_capacity(files.len());
    for Batch {
        docs: batch,
        problems,
        ..
    } in Batches::new(files, roots, options, leave_texts, None)
    {
        docs.extend(batch.iter().cloned());
        if !send(Update::Documents(batch)) {
            return None;
        }
        if !problems.is_empty() && !send(Update::Problems(problems)) {
            return None;
        }
    }
    Some(docs)
}

/// The articles of some files, read, in corpus order, and the problems met.
#[derive(Default)]
pub(super) struct Batch {
    /// The articles.
    pub docs: Vec<Arc<Document>>,
    /// The problems met reading them.
    pub problems: Vec<String>,
    /// The texts left in their files but handed on for the analysis, by
    /// article (`None` where the text was not held); empty when none was.
    pub texts: Vec<Option<HandedText>>,
}

/// The files of a corpus read a batch at a time, each batch in parallel on
/// the current pool, with ids unique across the corpus (see [`read_all`]).
pub(super) struct Batches<'a> {
    files: &'a [Arc<Path>],
    ids: Vec<String>,
    options: &'a RecordOptions,
    leave_texts: bool,
    budget: Option<&'a TextBudget>,
    seen_ids: HashSet<String>,
    at: usize,
    size: usize,
}

impl<'a> Batches<'a> {
    /// The batches of `files`, found under `roots`. With `leave_texts`
    /// and a `budget`, the texts left in their files are handed on in
    /// [`Batch::texts`] as far as the budget allows.
    pub(super) fn new(
        files: &'a [Arc<Path>],
        roots: &[PathBuf],
        options: &'a RecordOptions,
        leave_texts: bool,
        budget: Option<&'a TextBudget>,
    ) -> Batches<'a> {
        Batches {
            files,
            ids: ids::unique_ids(files, roots),
            options,
            leave_texts,
            budget,
            seen_ids: HashSet::new(),
            at: 0,
            // The first batch is small so the reader can draw at once;
            // later ones grow, as fewer, larger batches keep the cores
            // busier.
            size: BATCH,
        }
    }
}

impl Iterator for Batches<'_> {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        if self.at >= self.files.len() {
            return None;
        }
        let end = (self.at + self.size).min(self.files.len());
        let (files, ids) = (&self.files[self.at..end], &self.ids[self.at..end]);
        self.at = end;
        self.size = (self.size * 2).min(BATCH * 16);
        let (options, leave_texts, budget) = (self.options, self.leave_texts, self.budget);
        // Each thread opens a few dozen files and has the kernel read them
        // all before it reads the first (see `read_ahead`).
        let ahead = read_ahead::ahead();
        let read: Vec<_> = files
            .par_chunks(ahead)
            .zip(ids.par_chunks(ahead))
            .flat_map_iter(|(files, ids)| {
                let opened = read_ahead::open(files);
                files
                    .iter()
                    .zip(ids)
                    .zip(opened)
                    .map(move |((f, id), opened)| {
                        let mut read = read_one(f, id, options, opened);
                        let mut texts = Vec::new();
                        if let Ok(loaded) = &mut read {
                            // The document shares its file's path with the job.
                            for d in &mut loaded.docs {
                                if d.path == *f {
                                    d.path = Arc::clone(f);
                                }
                            }
                        }
                        if leave_texts && let Ok(loaded) = &mut read {
                            // Records share their file: they keep their texts.
                            if loaded.summary.is_none() {
                                texts =
                                    loaded.docs.iter_mut().map(|d| hand_on(d, budget)).collect();
                            }
                        }
                        (read, texts, id)
                    })
            })
            .collect();
        let mut batch = Batch {
            docs: Vec::with_capacity(read.len()),
            problems: Vec::new(),
            texts: Vec::new(),
        };
        let mut texts_read: Vec<Option<String>> = Vec::new();
        for (r, texts, file_id) in read {
            match r {
                Ok(loaded) => {
                    batch
                        .problems
                        .extend(loaded.errors.iter().map(|e| e.to_string()));
                    let mut texts = texts.into_iter();
                    for mut d in loaded.docs {
                        unique_id(&mut d, file_id, &mut self.seen_ids);
                        texts_read.push(texts.next().flatten());
                        batch.docs.push(Arc::new(d));
                    }
                }
                Err(e) => batch.problems.push(e.to_string()),
            }
        }
        if texts_read.iter().any(Option::is_some) {
            batch.texts = held_texts::gather(texts_read);
        }
        Some(batch)
    }
}

/// Leave the text of `d` in its file, handing it on when `budget` has room
/// for it.
fn hand_on(d: &mut Document, budget: Option<&TextBudget>) -> Option<String> {
    let len = d.text.len();
    match budget {
        Some(b) if b.hold(len) => {
            let text = d.take_text_leaving_file();
            if text.is_none() {
                // A text that stays with its document is not handed on.
                b.release(len);
            }
            text
        }
        _ => {
            d.leave_text_in_file();
            None
        }
    }
}

/// Give `d`, a document of the file with id `file_id`, an id not in
/// `seen`, and remember it. Article files have unique ids already (see
/// [`ids::unique_ids`]); a record whose id another file's record has taken
/// gets its file's id as a suffix (`7~feed`), then a number (`7~feed~2`).
fn unique_id(d: &mut Document, file_id: &str, seen: &mut HashSet<String>) {
    if seen.insert(d.id.to_string()) {
        return;
    }
    let base = format!("{}~{file_id}", d.id);
    let mut id = base.clone();
    let mut n = 1;
    while !seen.insert(id.clone()) {
        n += 1;
        id = format!("{base}~{n}");
    }
    d.id = id.into();
}

/// Read one file: an article (from the file `opened` ahead when it was) or
/// a record file; record documents carry the file's stamp so the index
/// cache can key them.
fn read_one(
    path: &Path,
    id: &str,
    options: &RecordOptions,
    opened: read_ahead::Opened,
) -> Result<load::Loaded, crate::corpus::LoadError> {
    if let Some(opened) = opened {
        return Ok(load::Loaded {
            docs: vec![load::read_opened(path, id.to_string(), opened?)?],
            ..load::Loaded::default()
        });
    }
    if super::stdin::is_stdin(path) {
        return Ok(load::Loaded {
            docs: vec![super::stdin::read()?],
            ..load::Loaded::default()
        });
    }
    let mut loaded = load::read_path(path, id, options)?;
    if loaded.summary.is_some()
        && let Ok(meta) = std::fs::metadata(path)
    {
        for d in &mut loaded.docs {
            d.stamp = Some(FileStamp::of(&meta, &d.text));
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_id_met_again_gets_its_file_as_suffix() {
        let mut seen = HashSet::new();
        let doc = |id: &str| Document::from_bytes(id.into(), "x.txt".into(), b"Titel\n\nText");
        let ids: Vec<String> = [
            ("7", "feed"),
            ("7", "other"),
            ("8", "other"),
            ("7", "other"),
            ("7~other", "x"),
        ]
        .iter()
        .map(|(id, file)| {
            let mut d = doc(id);
            unique_id(&mut d, file, &mut seen);
            d.id.to_string()
        })
        .collect();
        assert_eq!(ids, ["7", "7~other", "8", "7~other~2", "7~other~x"]);
    }
}
