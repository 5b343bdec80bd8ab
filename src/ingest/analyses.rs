//! The per-document analyses a corpus was linked from, kept to link it
//! again after the user's corrections. After a cold index they are in
//! memory already; after a cached index they stay on disk, in the
//! per-document cache, until a correction needs them: reading and decoding
//! every article's analysis is most of what a warm open would otherwise
//! spend after the index is shown, and most of its memory.

use super::cache::IndexCache;
use crate::corpus::Document;
use crate::entity::pipeline::Analysis;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The analyses of a corpus, loaded or to load: a cheap handle to share.
#[derive(Clone)]
pub struct Analyses(Arc<Inner>);

struct Inner {
    loaded: OnceLock<Arc<Vec<Analysis>>>,
    /// Where to load them from, when they are not loaded.
    source: Option<OnDisk>,
}

/// A per-document cache and the documents to look up in it.
struct OnDisk {
    dir: PathBuf,
    roots: Vec<PathBuf>,
    docs: Vec<Arc<Document>>,
}

impl Analyses {
    /// Analyses already in memory.
    pub fn ready(analyses: Arc<Vec<Analysis>>) -> Analyses {
        let loaded = OnceLock::new();
        let _ = loaded.set(analyses);
        Analyses(Arc::new(Inner {
            loaded,
            source: None,
        }))
    }

    /// The analyses of `docs` in the per-document cache of `roots` in
    /// `dir`, loaded at the first [`Analyses::get`].
    pub fn on_disk(dir: PathBuf, roots: Vec<PathBuf>, docs: Vec<Arc<Document>>) -> Analyses {
        Analyses(Arc::new(Inner {
            loaded: OnceLock::new(),
            source: Some(OnDisk { dir, roots, docs }),
        }))
    }

    /// Whether they are in memory.
    pub fn is_loaded(&self) -> bool {
        self.0.loaded.get().is_some()
    }

    /// The analyses, in corpus order. The first call on analyses on disk
    /// reads them from the per-document cache (an article the cache lacks
    /// or whose analysis does not fit its text is analysed again), which
    /// takes a while for a large corpus: call it off the UI thread.
    pub fn get(&self) -> Arc<Vec<Analysis>> {
        self.0
            .loaded
            .get_or_init(|| {
                let Some(s) = &self.0.source else {
                    return Arc::default();
                };
                let started = std::time::Instant::now();
                let mut cache = IndexCache::open(&s.dir, &s.roots);
                let analyses = super::index::analyse_all(&s.docs, Some(&mut cache), &|_| true)
                    .unwrap_or_default();
                tracing::info!(
                    "loaded {} analyses in {} ms ({} from the index cache) to re-link",
                    analyses.len(),
                    started.elapsed().as_millis(),
                    cache.hits()
                );
                Arc::new(analyses)
            })
            .clone()
    }
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.loaded.get() {
            Some(a) => write!(f, "Analyses({} loaded)", a.len()),
            None => write!(f, "Analyses(on disk)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileStamp;
    use crate::entity::pipeline;

    fn doc(name: &str, text: &str) -> Arc<Document> {
        let mut d = Document::from_bytes(
            name.into(),
            format!("/c/{name}.txt").into(),
            text.as_bytes(),
        );
        d.stamp = Some(FileStamp {
            ctime_ns: 0,
            ino: 0,
            size: text.len() as u64,
            mtime_ns: 1,
            hash: 2,
        });
        Arc::new(d)
    }

    #[test]
    fn analyses_on_disk_are_loaded_at_the_first_get_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![PathBuf::from("/c")];
        let docs = vec![
            doc("a", "Titel\n\nAnna Berger besuchte Bonn."),
            doc("b", "Titel\n\nPeter Schmidt reiste nach Köln."),
        ];
        let fresh: Vec<Analysis> = docs.iter().map(|d| pipeline::analyse(d)).collect();
        // Only the first article is in the cache: the second is analysed.
        let mut cache = IndexCache::open(dir.path(), &roots);
        cache.put(
            docs[0].path.to_path_buf(),
            docs[0].stamp.unwrap(),
            fresh[0].clone(),
        );
        cache.save().unwrap();
        let lazy = Analyses::on_disk(dir.path().to_path_buf(), roots, docs.clone());
        assert!(!lazy.is_loaded());
        assert_eq!(format!("{lazy:?}"), "Analyses(on disk)");
        let shared = lazy.clone();
        let got = lazy.get();
        assert!(shared.is_loaded(), "loaded once for every handle");
        assert_eq!(*got, fresh);
        assert!(Arc::ptr_eq(&got, &shared.get()));
        let ready = Analyses::ready(Arc::new(Vec::new()));
        assert!(ready.is_loaded() && ready.get().is_empty());
    }
}
