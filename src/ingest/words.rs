//! The word index of a corpus for the reader's search
//! ([`crate::search::words`]): from its cache file
//! (`index-<hash>.words.bin`) when that was built for the same articles,
//! else built into it, each text read once more (a part at a time:
//! [`crate::search::word_runs`]).

use super::Update;
use super::cache::{self, file_for};
use crate::corpus::Document;
use crate::search::word_file::{self, Rejected};
use crate::search::word_runs;
use crate::search::words::{self, WordIndex};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The word index file of the corpus opened from `roots`, in `dir`.
pub fn words_file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    file_for(dir, roots).with_extension("words.bin")
}

/// What a word index depends on: every article's path and stamp (its text),
/// in corpus order, and the engine version; not the corrections.
fn key(docs: &[Arc<Document>]) -> Option<u64> {
    cache::corpus_key(docs.iter().map(|d| (&*d.path, d.stamp)), &[])
}

/// The word index of `docs`: from `file` when it holds theirs, else built
/// and written to `file` (kept in memory when there is no file, or it
/// cannot be written). `None` when the corpus is too large to number.
pub fn word_index(docs: &[Arc<Document>], file: Option<&Path>) -> Option<WordIndex> {
    let started = std::time::Instant::now();
    let key = key(docs);
    if let (Some(file), Some(key)) = (file, key) {
        match word_file::open(file, key, docs.len()) {
            Ok(ix) => {
                tracing::info!(
                    "word index read in {} ms ({} words)",
                    started.elapsed().as_millis(),
                    ix.words()
                );
                return Some(ix);
            }
            Err(Rejected::Missing) => {}
            Err(Rejected::OtherCorpus) => {
                tracing::info!("word index cache not used: built for other articles")
            }
            Err(why) => tracing::warn!(
                "word index cache {} not used: {why}; building it again",
                file.display()
            ),
        }
    }
    if let (Some(file), Some(key)) = (file, key) {
        // Built into the file a part at a time; the lists stay there, read
        // when a search needs them.
        match word_runs::write(file, docs, key) {
            Ok(()) => match word_file::open(file, key, docs.len()) {
                Ok(ix) => {
                    tracing::info!(
                        "word index built in {} ms ({} words)",
                        started.elapsed().as_millis(),
                        ix.words()
                    );
                    return Some(ix);
                }
                Err(why) => tracing::warn!("word index just written cannot be read: {why}"),
            },
            Err(e) => tracing::warn!("word index not saved to {}: {e}", file.display()),
        }
    }
    // Without a file (or when it cannot be written), in memory.
    let built = words::build(docs)?;
    tracing::info!(
        "word index built in memory in {} ms ({} words)",
        started.elapsed().as_millis(),
        built.words.len()
    );
    let key = key.unwrap_or(0);
    word_file::from_bytes(&word_file::encode(&built, key), key, docs.len()).ok()
}

/// Send the word index of `docs` ([`word_index`]), if it can be made.
pub(super) fn send(docs: &[Arc<Document>], file: Option<&Path>, send: &dyn Fn(Update) -> bool) {
    if let Some(ix) = word_index(docs, file) {
        send(Update::Words(ix));
    }
}
