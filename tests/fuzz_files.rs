//! Fuzzing the files dossier reads back (the index caches and the reading
//! state) with crafted headers and random bytes, for a bounded time: every
//! input is refused or read, quickly, never a panic, an abort or a huge
//! allocation. The machine has only stable Rust (no cargo-fuzz), so this is
//! a time-bounded mutation loop in the test binary: `DOSSIER_FUZZ_SECS`
//! (default 2) per target; `.ci/run` gives each target longer.

use dossier::entity::fixture::IndexBuilder;
use dossier::entity::{EntityId, Kind};
use dossier::ingest::cache::{self, IndexCache};
use dossier::ingest::linked_file::{self, LinkedFile};
use dossier::reading_memory::StateFile;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A small, seeded generator (xorshift64*): reproducible failures.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn budget() -> Duration {
    let secs = std::env::var("DOSSIER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(secs)
}

fn seed() -> u64 {
    std::env::var("DOSSIER_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_ef01)
}

/// A postcard varint.
fn varint(mut n: u64, out: &mut Vec<u8>) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Interesting numbers for counts and lengths.
const EDGES: [u64; 10] = [
    0,
    1,
    2,
    3,
    127,
    128,
    u32::MAX as u64,
    u32::MAX as u64 + 1,
    1 << 40,
    u64::MAX,
];

/// Change `bytes` a little: flip, insert, delete, splice a varint edge case,
/// truncate.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            3 => {
                let mut v = Vec::new();
                varint(EDGES[rng.below(EDGES.len())], &mut v);
                bytes.splice(at..at, v);
            }
            4 => bytes.truncate(at),
            _ => {
                let mut v = vec![0u8; rng.below(16)];
                v.iter_mut().for_each(|b| *b = rng.next() as u8);
                bytes.splice(at..at, v);
            }
        }
    }
}

/// The corpus the caches are checked against.
const TEXTS: [&str; 3] = ["Bonn liegt am Rhein.", "Köln auch.", "Anna Berger, Bonn."];

/// A valid linked-index file for [`TEXTS`] with corpus key `key`.
fn linked_file(key: u64) -> Vec<u8> {
    let index = IndexBuilder::new(3)
        .entity("Bonn", Kind::Place)
        .at(0, 0..4)
        .at(2, 13..17)
        .entity("Köln", Kind::Place)
        .at(1, 0..5)
        .entity("Anna Berger", Kind::Person)
        .at(2, 0..11)
        .build();
    // With the document table a warm open reads (layout 2).
    let docs: Vec<_> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = dossier::corpus::Document::from_bytes(
                format!("{i}"),
                format!("/c/{i}.txt").into(),
                t.as_bytes(),
            );
            d.stamp = Some(dossier::corpus::FileStamp {
                size: t.len() as u64,
                ctime_ns: 5,
                ino: 6,
                mtime_ns: 7,
                hash: dossier::corpus::content_hash(t.as_bytes()),
            });
            std::sync::Arc::new(d)
        })
        .collect();
    linked_file::encode_with_docs(&index, key, &docs, 9).expect("encodes")
}

/// Crafted headers: the right prefix and layout with edge-case key and
/// counts, then random words.
fn crafted(rng: &mut Rng, key: u64) -> Vec<u8> {
    let key = if rng.below(2) == 0 { key } else { rng.next() };
    let mut count = || (EDGES[rng.below(EDGES.len())] & 0xffff_ffff) as u32;
    let (docs, entities, mentions, records) = (count(), count(), count(), count());
    let docs = if docs % 2 == 0 { 3 } else { docs };
    let mut b = linked_file::crafted_header(key, docs, entities, mentions, records);
    for _ in 0..rng.below(64) * 8 {
        b.push(rng.next() as u8);
    }
    b
}

#[test]
fn linked_index_files_never_panic_or_blow_up() {
    let key = 77;
    let valid = linked_file(key);
    let read = |bytes: &[u8]| linked_file::open(&LinkedFile::from_bytes(bytes), key, &TEXTS);
    let index = read(&valid).expect("the valid file reads");
    assert_eq!(index.len(), 3);
    let mut rng = Rng(seed());
    let started = Instant::now();
    let (mut runs, mut accepted, mut resealed) = (0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while started.elapsed() < budget() || runs < 300 {
        let mut bytes = match rng.below(3) {
            0 => valid.clone(),
            1 => crafted(&mut rng, key),
            _ => (0..rng.below(200)).map(|_| rng.next() as u8).collect(),
        };
        mutate(&mut rng, &mut bytes);
        // Most changes die at the checksum: half the time it is made right
        // again, so that the structural checks meet the change.
        if rng.below(2) == 0 {
            linked_file::reseal(&mut bytes);
            resealed += 1;
        }
        let one = Instant::now();
        // The document table (what a warm open reads before the index):
        // whatever is accepted has one entry per document, furniture in
        // order inside each text.
        let file = LinkedFile::from_bytes(&bytes);
        if let Ok(Some(table)) = linked_file::parse(&file).and_then(|p| p.doc_table()) {
            assert!(!table.docs.is_empty());
            for e in &table.docs {
                assert!(e.hidden.iter().all(|&(s, end)| s <= end && end <= e.len));
            }
        }
        if let Ok(index) = read(&bytes) {
            accepted += 1;
            // Whatever was accepted fits the texts, and every query answers.
            for m in index.mentions() {
                let text = TEXTS[m.doc.index()];
                assert!(text.get(m.start as usize..m.end as usize).is_some());
                let e = m.entity;
                assert!(index.ordinal(m).is_some());
                assert!(index.next_mention(e, m.doc, m.start as usize).is_some());
                assert!(index.prev_mention(e, m.doc, m.start as usize).is_some());
            }
            for (i, _) in index.entities().iter().enumerate() {
                let e = EntityId(i as u32);
                assert!(index.doc_count(e) <= index.mention_count(e));
                let _ = (index.spread(e), index.co_mentions(e, 5));
            }
            for d in 0..TEXTS.len() {
                let _ = index.entities_in(dossier::corpus::DocId(d as u32));
            }
        }
        slowest = slowest.max(one.elapsed());
        runs += 1;
    }
    eprintln!(
        "linked index: {runs} inputs ({resealed} resealed, {accepted} accepted), slowest {slowest:?}"
    );
    assert!(
        slowest < Duration::from_secs(1),
        "slowest input took {slowest:?}"
    );
}

/// Write mutated files to `file` for the time budget (100 at least), one
/// in four made of random bytes and the others from `valid`, and call
/// `read_back` after each; returns how many were written.
fn fuzz_file(seed: u64, file: &std::path::Path, valid: &[u8], mut read_back: impl FnMut()) -> u64 {
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut runs = 0u64;
    while started.elapsed() < budget() || runs < 100 {
        let mut bytes = if rng.below(4) == 0 {
            (0..rng.below(200)).map(|_| rng.next() as u8).collect()
        } else {
            valid.to_vec()
        };
        mutate(&mut rng, &mut bytes);
        std::fs::write(file, &bytes).unwrap();
        read_back();
        runs += 1;
    }
    runs
}

#[test]
fn per_document_caches_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("/fuzz/corpus")];
    let file = cache::file_for(dir.path(), &roots);
    // A valid file to mutate: one written by the cache itself.
    let doc = dossier::corpus::Document::from_bytes(
        "a".into(),
        "/fuzz/corpus/a.txt".into(),
        b"Bonn und Anna Berger.",
    );
    let stamp = dossier::corpus::FileStamp {
        ctime_ns: 0,
        ino: 0,
        size: 21,
        mtime_ns: 1,
        hash: 2,
    };
    let mut c = IndexCache::open(dir.path(), &roots);
    c.put(
        doc.path.to_path_buf(),
        stamp,
        dossier::entity::pipeline::analyse(&doc),
    );
    c.save().unwrap();
    let valid = std::fs::read(&file).unwrap();
    let runs = fuzz_file(seed() ^ 1, &file, &valid, || {
        let c = IndexCache::open(dir.path(), &roots);
        if let Some(a) = c.get(&doc.path, stamp) {
            // An analysis read back is checked against the text before use.
            let _ = cache::fits(a, &doc.text);
        }
    });
    eprintln!("per-document cache: {runs} inputs");
}

#[test]
fn quotation_caches_never_panic() {
    use dossier::ingest::quote_cache::{QuoteCache, fits, input_key, quotes_file_for};
    let dir = tempfile::tempdir().unwrap();
    let file = quotes_file_for(dir.path(), &[PathBuf::from("/fuzz/corpus")]);
    let text = "„Wir bleiben hier“, sagte Anna Berger. Sie erklärte, die Lage sei ruhig.";
    let at = text.find("Anna Berger").unwrap();
    let mentions = [dossier::entity::Recognized {
        span: at..at + "Anna Berger".len(),
        kind: Kind::Person,
    }];
    let doc = dossier::quote::analyse(text, &mentions);
    let key = input_key(text, &mentions);
    let stamp = dossier::corpus::FileStamp {
        ctime_ns: 0,
        ino: 0,
        size: text.len() as u64,
        mtime_ns: 1,
        hash: 2,
    };
    let path = std::path::Path::new("/fuzz/corpus/a.txt");
    let encoded = dossier::ingest::quote_cache::encode_doc(&doc);
    let valid = QuoteCache::encode([(path, stamp, key, &encoded[..])]);
    std::fs::write(&file, &valid).unwrap();
    assert_eq!(
        QuoteCache::read(&file).get(path, stamp, key, text),
        Some(doc)
    );
    let runs = fuzz_file(seed() ^ 3, &file, &valid, || {
        // Whatever is read back fits the text, or is not given at all.
        if let Some(d) = QuoteCache::read(&file).get(path, stamp, key, text) {
            assert!(fits(&d, text));
        }
    });
    eprintln!("quotation cache: {runs} inputs");
}

#[test]
fn state_files_never_panic_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let f = StateFile::in_dir(dir.path(), &[PathBuf::from("/fuzz")]);
    let valid = "last_doc = \"b\"\nselected_entity = \"Anna Berger\"\nread = [\"a\", \"b\"]\n\n\
                 [positions]\nb = 120\n\n[[bookmarks]]\ndoc = \"a\"\noffset = 40\nlabel = \"x\"\n";
    let mut rng = Rng(seed() ^ 2);
    let started = Instant::now();
    let mut runs = 0u64;
    std::fs::create_dir_all(f.path.parent().unwrap()).unwrap();
    while started.elapsed() < budget() || runs < 100 {
        let mut bytes = valid.as_bytes().to_vec();
        mutate(&mut rng, &mut bytes);
        std::fs::write(&f.path, &bytes).unwrap();
        match f.load() {
            Ok(state) => {
                // What was read is saved and read back the same.
                let base = state.clone();
                let saved = f.save_merged(&base, &state).unwrap();
                assert_eq!(f.load().unwrap(), saved);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        runs += 1;
    }
    eprintln!("state: {runs} inputs");
}

#[test]
fn word_index_files_never_panic_and_answer_within_the_corpus() {
    use dossier::search::{word_file, words};
    let docs: Vec<std::sync::Arc<dossier::corpus::Document>> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            std::sync::Arc::new(dossier::corpus::Document::from_bytes(
                format!("d{i}"),
                format!("/fuzz/d{i}.txt").into(),
                t.as_bytes(),
            ))
        })
        .collect();
    let built = words::build(&docs).unwrap();
    let key = 78;
    let valid = word_file::encode(&built, key);
    let queries = ["bonn", "Köln auch", "rhein", "a", "anna berger", "zz"];
    let mut ix = word_file::from_bytes(&valid, key, TEXTS.len()).expect("the valid file reads");
    assert!(ix.candidates("bonn").is_ok());
    let mut rng = Rng(seed() ^ 4);
    let started = Instant::now();
    let (mut runs, mut accepted, mut answered) = (0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while started.elapsed() < budget() || runs < 300 {
        let mut bytes = if rng.below(4) == 0 {
            (0..rng.below(200)).map(|_| rng.next() as u8).collect()
        } else {
            valid.clone()
        };
        mutate(&mut rng, &mut bytes);
        if rng.below(2) == 0 {
            word_file::reseal(&mut bytes);
        }
        let one = Instant::now();
        if let Ok(mut ix) = word_file::from_bytes(&bytes, key, TEXTS.len()) {
            accepted += 1;
            for q in queries {
                // Whatever a list says lies inside the corpus, in order; a
                // list that cannot be read is an error, never a panic.
                if let Ok(found) = ix.candidates(q) {
                    answered += 1;
                    if let Some(found) = found {
                        assert!(found.windows(2).all(|w| w[0] < w[1]));
                        assert!(found.iter().all(|d| d.index() < TEXTS.len()));
                    }
                }
            }
        }
        slowest = slowest.max(one.elapsed());
        runs += 1;
    }
    eprintln!(
        "word index: {runs} inputs ({accepted} accepted, {answered} queries answered), slowest {slowest:?}"
    );
    assert!(accepted > 0, "some mutations leave a readable file");
    assert!(
        slowest < Duration::from_secs(1),
        "slowest input took {slowest:?}"
    );
}
