//! A cold open analyses the articles while it reads them: the files are
//! read on threads of their own, and each chunk of articles is analysed on
//! the pool as soon as it has arrived, instead of all the files being read
//! before the first is analysed. Reading waits on the disk where the files
//! are not in the page cache (at a million articles on the bench host, for
//! most of a minute), and analysis then has the cores; an article analysed
//! soon after it was read is still in the page cache when analysis reads
//! it again; up to a budget, the readers hand their texts on and the
//! analysis does not read them again at all (see `held_texts`).

use super::Update;
use super::cache::IndexCache;
use super::held_texts::{self, HandedText, TextBudget};
use super::index::Analyser;
use super::read::{Batch, Batches};
use crate::corpus::Document;
use crate::corpus::records::RecordOptions;
use crate::entity::pipeline::Analysis;
use std::collections::VecDeque;
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
    let budget = TextBudget::new(held_texts::BUDGET);
    let budget = &budget;
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
                for batch in Batches::new(files, roots, options, leave_texts, Some(budget)) {
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
        let analysed = analyse_as_read(&rx, &mut docs, analyser, chunk, budget, send, read);
        // The receiver is dropped here: a reader still sending (the
        // receiver of the updates has gone) stops at its next batch, and
        // the texts it held are let go.
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
/// more has arrived; after the last batch, the rest. The texts the batches
/// hand on are given to the analysis with their articles, and their bytes
/// back to `budget` once analysed.
fn analyse_as_read(
    rx: &mpsc::Receiver<Batch>,
    docs: &mut Vec<Arc<Document>>,
    mut analyser: Analyser<'_>,
    chunk: usize,
    budget: &TextBudget,
    send: &dyn Fn(Update) -> bool,
    read: &dyn Fn(usize),
) -> Option<Vec<Analysis>> {
    // The texts handed on for the articles not analysed yet, from the
    // first of them.
    let mut texts: VecDeque<Option<HandedText>> = VecDeque::new();
    let mut handed = 0;
    // Texts in `texts`; and whether the memory they took was given back
    // once the last was analysed.
    let (mut left, mut given_back) = (0, false);
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
                    texts: mut held,
                }) => {
                    // One text or none for each article.
                    held.resize(batch.len(), None);
                    left += held.iter().flatten().count();
                    texts.extend(held);
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
            tracing::debug!(
                "{handed} of {} texts analysed as the readers handed them on",
                docs.len()
            );
            return Some(analyser.finish());
        }
        let from = analyser.done();
        let n = ready.min(chunk);
        let held: Vec<Option<HandedText>> = texts.drain(..n).collect();
        let now = held.iter().flatten().count();
        (handed, left) = (handed + now, left - now);
        let bytes = held.iter().flatten().map(HandedText::len).sum();
        analyser.add_held(&docs[from..from + n], held);
        budget.release(bytes);
        if !reading && left == 0 && handed > 0 && !given_back {
            // The texts were freed where the readers had them, and the
            // allocator keeps that memory for those threads, which read no
            // more: given back, so that the analysis's peak (at its end)
            // is no higher for them.
            crate::heap::give_back();
            given_back = true;
        }
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
            texts: Vec::new(),
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
            &TextBudget::new(0),
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
                &TextBudget::new(0),
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
        let (_dir, files, roots, options) = articles_found();
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

    /// The five articles of [`super::super::tests::articles`] (and its
    /// empty file), as a folder opened finds them.
    fn articles_found() -> (
        tempfile::TempDir,
        Vec<Arc<Path>>,
        Vec<PathBuf>,
        RecordOptions,
    ) {
        let dir = super::super::tests::articles();
        let roots = vec![dir.path().to_path_buf()];
        let crate::ingest::Job::Files { files, options, .. } = crate::ingest::Job::discover(&roots)
        else {
            panic!("a folder of files");
        };
        (dir, files, roots, options)
    }

    #[test]
    fn readers_hand_on_the_texts_within_their_budget_and_leave_the_rest() {
        let (dir, files, roots, options) = articles_found();
        let one = std::fs::metadata(dir.path().join("0.txt")).unwrap().len() as usize;
        // Room for three texts.
        let budget = TextBudget::new(3 * one + 1);
        let batches: Vec<Batch> =
            Batches::new(&files, &roots, &options, true, Some(&budget)).collect();
        let docs: Vec<&Arc<Document>> = batches.iter().flat_map(|b| &b.docs).collect();
        let texts: Vec<Option<&HandedText>> = batches
            .iter()
            .flat_map(|b| {
                let n = b.docs.len();
                (0..n).map(move |i| b.texts.get(i).and_then(Option::as_ref))
            })
            .collect();
        assert_eq!(docs.len(), 5);
        assert_eq!(texts.iter().filter(|t| t.is_some()).count(), 3);
        assert_eq!(
            budget.held(),
            texts.iter().flatten().map(|t| t.len()).sum::<usize>()
        );
        for (d, t) in docs.iter().zip(&texts) {
            // Every text is left in its file, whether handed on or not,
            // and one handed on is the text the file gives.
            assert!(!d.text.is_ready() && !d.text.is_loaded(), "{}", d.id);
            if let Some(t) = t {
                assert_eq!(t.as_str(), &*d.text.held());
            }
        }
        // With no budget, nothing is handed on.
        let none: Vec<Batch> = Batches::new(&files, &roots, &options, true, None).collect();
        assert!(none.iter().all(|b| b.texts.is_empty()));
        assert_eq!(none.iter().map(|b| b.docs.len()).sum::<usize>(), 5);
    }

    #[test]
    fn a_text_handed_on_is_analysed_as_it_was_read_and_its_bytes_given_back() {
        let (dir, files, roots, options) = articles_found();
        let budget = TextBudget::new(usize::MAX);
        let batches: Vec<Batch> =
            Batches::new(&files, &roots, &options, true, Some(&budget)).collect();
        assert!(budget.held() > 0);
        // The files now say something else: the analysis of the texts
        // handed on is that of the texts as they were read (which the
        // stamps and furniture of the articles were made from), not read
        // again.
        for i in 0..5 {
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!("Andere {i}\n\nHier steht nun Otto Lehmann aus Kiel."),
            )
            .unwrap();
        }
        let (tx, rx) = mpsc::channel();
        for b in batches {
            tx.send(b).unwrap();
        }
        drop(tx);
        let mut docs = Vec::new();
        let analyses = analyse_as_read(
            &rx,
            &mut docs,
            Analyser::new(None, 0),
            2,
            &budget,
            &|_| true,
            &|_| {},
        )
        .unwrap();
        assert_eq!(budget.held(), 0, "every text's bytes given back");
        let originals: Vec<Arc<Document>> = (0..5)
            .map(|i| {
                let text = format!("Titel {i}\n\nDer Bericht nennt Anna Berger aus Bonn.");
                Arc::new(Document::from_bytes(
                    i.to_string(),
                    format!("{i}.txt").into(),
                    text.as_bytes(),
                ))
            })
            .collect();
        let as_read = super::super::index::analyse_all(&originals, None, &|_| true).unwrap();
        assert_eq!(analyses, as_read);
        // Not handed on, each would be read from its changed file, which
        // no longer fits the article read.
        assert!(docs.iter().all(|d| d.text.problem().is_some()));
    }
}
