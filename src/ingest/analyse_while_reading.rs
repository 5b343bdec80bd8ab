//! A cold open analyses the articles while it reads them: the files are
//! read on threads of their own, and each chunk of articles is analysed on
//! the pool as soon as it has arrived, instead of all the files being read
//! before the first is analysed. Reading waits on the disk where the files
//! are not in the page cache (at a million articles on the bench host, for
//! most of a minute), and analysis then has the cores; an article analysed
//! soon after it was read is still in the page cache when analysis reads
//! it again.

use super::Update;
use super::cache::IndexCache;
use super::index::Analyser;
use super::read::{Batch, Batches};
use crate::corpus::Document;
use crate::corpus::records::RecordOptions;
use crate::entity::pipeline::Analysis;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};

/// Threads that read the files: more than the cores, as they mostly wait
/// for the disk.
const READERS: usize = 4;

/// What a cold open read and analysed.
pub(super) struct ReadAndAnalysed {
    /// The articles, in corpus order.
    pub docs: Vec<Arc<Document>>,
    /// Their analyses, in the same order.
    pub analyses: Vec<Analysis>,
    /// The per-document cache the analyses were taken from where it had
    /// them.
    pub per_doc: Option<IndexCache>,
}

/// Read `files` (found under `roots`) as [`super::read::read_all`] does,
/// sending each batch of articles and its problems, and analyse them as
/// they arrive, taking what `per_doc` has, sending the count analysed after
/// each chunk. `read` is told how many articles were read when the last
/// file has been. `None` when the receiver is gone (the reading stops).
pub(super) fn read_and_analyse(
    files: &[Arc<Path>],
    roots: &[PathBuf],
    options: &RecordOptions,
    leave_texts: bool,
    mut per_doc: Option<IndexCache>,
    send: &dyn Fn(Update) -> bool,
    read: &dyn Fn(usize),
) -> Option<ReadAndAnalysed> {
    let mut docs: Vec<Arc<Document>> = Vec::with_capacity(files.len());
    let analysing = std::time::Instant::now();
    let analyses = std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<Batch>();
        s.spawn(move || {
            // Started here, its threads take this thread's priority.
            let readers = rayon::ThreadPoolBuilder::new()
                .num_threads(READERS)
                .thread_name(|i| format!("dossier-read-{i}"))
                .build()
                .ok();
            let each = || {
                for batch in Batches::new(files, roots, options, leave_texts) {
                    if tx.send(batch).is_err() {
                        break;
                    }
                }
            };
            match &readers {
                Some(pool) => pool.install(each),
                None => each(),
            }
        });
        let chunk = Analyser::chunk_len();
        let analyser = Analyser::new(per_doc.as_mut(), files.len());
        let analysed = analyse_as_read(&rx, &mut docs, analyser, chunk, send, read);
        // The receiver is dropped here: a reader still sending (the
        // receiver of the updates has gone) stops at its next batch.
        drop(rx);
        analysed
    })?;
    tracing::info!(
        "read and analysed {} articles in {} ms ({} from the index cache)",
        analyses.len(),
        analysing.elapsed().as_millis(),
        per_doc.as_ref().map_or(0, |c| c.hits())
    );
    Some(ReadAndAnalysed {
        docs,
        analyses,
        per_doc,
    })
}

/// Take the batches `rx` gives into `docs`, sending them on, and give
/// `analyser` `chunk` articles whenever that many are waiting and nothing
/// more has arrived; after the last batch, the rest.
fn analyse_as_read(
    rx: &mpsc::Receiver<Batch>,
    docs: &mut Vec<Arc<Document>>,
    mut analyser: Analyser<'_>,
    chunk: usize,
    send: &dyn Fn(Update) -> bool,
    read: &dyn Fn(usize),
) -> Option<Vec<Analysis>> {
    let mut reading = true;
    loop {
        let ready = docs.len() - analyser.done();
        if reading {
            // Wait for the reading only with too little to analyse.
            let next = if ready >= chunk {
                rx.try_recv()
            } else {
                rx.recv().map_err(|_| TryRecvError::Disconnected)
            };
            match next {
                Ok(Batch {
                    docs: batch,
                    problems,
                }) => {
                    docs.extend(batch.iter().cloned());
                    if !send(Update::Documents(batch))
                        || (!problems.is_empty() && !send(Update::Problems(problems)))
                    {
                        return None;
                    }
                    continue;
                }
                Err(TryRecvError::Disconnected) => {
                    // Every file has been read.
                    reading = false;
                    read(docs.len());
                    continue;
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if ready == 0 {
            return Some(analyser.finish());
        }
        let from = analyser.done();
        analyser.add(&docs[from..from + ready.min(chunk)]);
        if !send(Update::Analysed(analyser.done())) {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn article(i: usize) -> Arc<Document> {
        let text = format!("Bericht {i}\n\nAnna Berger traf Jonas Keller in Bonn, Nummer {i}.");
        Arc::new(Document::from_bytes(
            i.to_string(),
            format!("{i}.txt").into(),
            text.as_bytes(),
        ))
    }

    fn batch(range: std::ops::Range<usize>) -> Batch {
        Batch {
            docs: range.map(article).collect(),
            problems: Vec::new(),
        }
    }

    /// What the updates said, in order: `D n` for n articles read, `P` for
    /// problems, `A n` for n analysed.
    fn said(u: &Update) -> String {
        match u {
            Update::Documents(d) => format!("D {}", d.len()),
            Update::Problems(_) => "P".into(),
            Update::Analysed(n) => format!("A {n}"),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn articles_are_analysed_while_the_rest_are_read_as_analysis_alone_would() {
        let (tx, rx) = mpsc::channel();
        let (analysed_tx, analysed_rx) = mpsc::channel();
        // Three batches, then the rest only once a chunk has been analysed:
        // the reading waits for the disk.
        for b in [batch(0..4), batch(4..8), batch(8..10)] {
            tx.send(b).unwrap();
        }
        let reading = std::thread::spawn(move || {
            // (Not forever: analysis that waited for every file would
            // see the rest arrive before its first chunk.)
            let _ = analysed_rx.recv_timeout(std::time::Duration::from_secs(5));
            let mut last = batch(10..13);
            last.problems.push("13.txt: empty".into());
            tx.send(last).unwrap();
        });
        let updates = Mutex::new(Vec::new());
        let read_when = Mutex::new(None);
        let mut docs = Vec::new();
        let analyses = analyse_as_read(
            &rx,
            &mut docs,
            Analyser::new(None, 0),
            8,
            &|u| {
                if matches!(u, Update::Analysed(_)) {
                    let _ = analysed_tx.send(());
                }
                updates.lock().unwrap().push(said(&u));
                true
            },
            &|n| *read_when.lock().unwrap() = Some((n, updates.lock().unwrap().len())),
        )
        .unwrap();
        reading.join().unwrap();
        let updates = updates.into_inner().unwrap();
        assert_eq!(
            updates,
            ["D 4", "D 4", "D 2", "A 8", "D 3", "P", "A 13"],
            "a chunk analysed before the last batch arrived"
        );
        // Told when the last file had been read: 13 articles, after the
        // last batch and before the rest was analysed.
        assert_eq!(read_when.into_inner().unwrap(), Some((13, 6)));
        let ids: Vec<String> = docs.iter().map(|d| d.id.to_string()).collect();
        assert_eq!(ids, (0..13).map(|i| i.to_string()).collect::<Vec<_>>());
        // The same analyses as analysing them all at once.
        let alone = super::super::index::analyse_all(&docs, None, &|_| true).unwrap();
        assert_eq!(analyses, alone);
        assert!(analyses.iter().all(|a| !a.is_empty()));
    }

    #[test]
    fn a_receiver_gone_stops_the_analysis() {
        for stop_at in ["D 4", "A 4"] {
            let (tx, rx) = mpsc::channel();
            for b in [batch(0..4), batch(4..8)] {
                tx.send(b).unwrap();
            }
            drop(tx);
            let seen = Mutex::new(Vec::new());
            let mut docs = Vec::new();
            let analysed = analyse_as_read(
                &rx,
                &mut docs,
                Analyser::new(None, 0),
                4,
                &|u| {
                    let s = said(&u);
                    seen.lock().unwrap().push(s.clone());
                    s != stop_at
                },
                &|_| {},
            );
            assert!(analysed.is_none(), "{stop_at}");
            assert_eq!(seen.into_inner().unwrap().last().unwrap(), stop_at);
        }
    }

    #[test]
    fn files_read_and_analysed_at_once_are_those_read_then_analysed() {
        let dir = super::super::tests::articles();
        let roots = vec![dir.path().to_path_buf()];
        let crate::ingest::Job::Files { files, options, .. } = crate::ingest::Job::discover(&roots)
        else {
            panic!("a folder of files");
        };
        let updates = Mutex::new(Vec::new());
        let read = Mutex::new(0);
        let done = read_and_analyse(
            &files,
            &roots,
            &options,
            true,
            None,
            &|u| {
                updates.lock().unwrap().push(said(&u));
                true
            },
            &|n| *read.lock().unwrap() = n,
        )
        .unwrap();
        assert_eq!(*read.lock().unwrap(), 5);
        let updates = updates.into_inner().unwrap();
        assert_eq!(updates.last().map(String::as_str), Some("A 5"));
        assert!(updates.iter().any(|u| u == "P"), "the empty file");
        let before =
            super::super::read::read_all(&files, &roots, &options, true, &|_| true).unwrap();
        let ids = |docs: &[Arc<Document>]| -> Vec<String> {
            docs.iter()
                .map(|d| format!("{} {:?}", d.id, d.title))
                .collect()
        };
        assert_eq!(ids(&done.docs), ids(&before));
        // Texts left in their files, as the reader leaves them.
        assert!(done.docs.iter().all(|d| !d.text.is_loaded()));
        let alone = super::super::index::analyse_all(&before, None, &|_| true).unwrap();
        assert_eq!(done.analyses, alone);
        assert!(done.analyses.iter().all(|a| !a.is_empty()));
        assert!(done.per_doc.is_none());
    }
}
