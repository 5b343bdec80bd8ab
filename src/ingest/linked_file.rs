//! The linked index on disk (`index-<hash>.linked.bin`): the whole result
//! of cross-document linking (entities with their aliases, candidates and
//! evidence; every mention; each document's and each entity's list of
//! mentions; how many documents each entity is in) in one file of a fixed
//! layout whose tables are used where they lie. It is read in two buffers:
//! the tables, which the mention tables of the [`EntityIndex`] point into
//! ([`Table`]), and the entity records and document table, which are
//! decoded and then let go with the [`LinkedFile`]. A warm open does not
//! build the index again.
//!
//! # Layout
//!
//! 1. The prefix every cache file starts with (see [`super::cache_admin`]):
//!    the postcard strings [`MAGIC`] and [`ENGINE_VERSION`], then zeros to a
//!    multiple of 8 bytes.
//! 2. A header of sixteen `u32` words ([`HEADER_BYTES`]): the layout's own
//!    magic `DXLNKIDX`, the layout version [`FORMAT`], a byte-order mark,
//!    the corpus key (two words), the numbers of documents, entities and
//!    mentions, the length of the entity records, a checksum of everything
//!    after the header (two words), the length of the document table,
//!    three zero words.
//! 3. The tables, each zero-padded to a multiple of 8 bytes, their lengths
//!    given by the counts: the mentions (four `u32`s each: document, start,
//!    end, entity; sorted by document and start), where each document's
//!    mentions start (documents + 1), where each entity's list starts
//!    (entities + 1), the lists (an index into the mentions per mention,
//!    entity by entity), each entity's document count, the entity
//!    records (postcard), and the document table ([`DocTable`], postcard:
//!    each document's path, stamp, text length, title and furniture, what
//!    a warm open takes instead of reading the articles; see
//!    `super::warm`).
//!
//! Numbers are in the host's byte order; a file of the other order is
//! refused by its byte-order mark.
//!
//! # Reading it back
//!
//! The file is untrusted. [`open`] checks, before anything is built: the
//! prefix and header (magic, engine and layout version, byte order), the
//! corpus key, the document count against the corpus, the file's length
//! against the one the counts give (a file cut short or grown is refused),
//! the checksum (damage), then every invariant the index's queries rely on
//! ([`EntityIndex::from_parts`]: offsets in bounds and in order, every
//! mention's document and entity in range, lists in corpus order, counts
//! right) and every mention against its document's text (in bounds, on
//! character boundaries). A file that fails any check gives a
//! [`Rejected`] reason, the caller logs it and links again; nothing panics.
//! The checksum catches accidental damage; the structural checks are what
//! make a crafted file (which can carry a right checksum) harmless.
//!
//! The file is mapped ([`crate::mapped`]) when its header gives where the
//! tables end. The checks read every page, and the records and document
//! table are decoded from it; then the pages are handed back to the system
//! ([`LinkedFile::release`]), and the index reads the few a session needs
//! from the page cache again (a warm open of a million articles held 400 MB
//! of tables it mostly never looked at, and 350 MB of records until they
//! were decoded). The quotations' pass, which reads every article's
//! mentions, hands them back a batch at a time. A file that is not the
//! user's own, or that others may write, is read into memory instead, in
//! two buffers, as is one whose header does not give the file's length (all
//! of it in the first buffer; [`parse`] refuses it). Why a map checked once
//! can be trusted after, and what a file cut short under the reader does,
//! is in [`crate::mapped`].

use super::cache::{ENGINE_VERSION, MAGIC, MAX_CACHE_BYTES};
use crate::entity::evidence::Evidence;
use crate::entity::index::{CheckedTables, Table, Tables};
use crate::entity::link::Mentions;
use crate::entity::stored_evidence::{EncodedEvidence, StoredEvidence};
use crate::entity::table::{Buffer, Words};
use crate::entity::{Entity, EntityId, EntityIndex, EntityRef, EntityTable, Kind, Mention, Names};
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::sync::Arc;

/// The layout's own magic, after the common prefix.
const LAYOUT_MAGIC: [u8; 8] = *b"DXLNKIDX";

/// The version of this layout; a file of another is refused.
pub const FORMAT: u32 = 2;

/// Written in the host's byte order; read back as anything else, the file
/// comes from a host of the other order.
const BYTE_ORDER: u32 = 0x0102_0304;

/// The size of the header after the prefix.
pub const HEADER_BYTES: usize = 64;

/// Articles whose mentions a pass over all of them reads between handing
/// a mapped file's pages back.
const RELEASE_EVERY_DOCS: usize = 4096;

/// Why a linked-index file was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    /// Not a linked-index file of dossier.
    #[error("not a linked index file")]
    Foreign,
    /// Written by another engine version or in another layout.
    #[error("written by another version ({0})")]
    Version(String),
    /// Built for another corpus or other corrections.
    #[error("built for another corpus")]
    OtherCorpus,
    /// Cut short, damaged, or its tables do not fit the corpus.
    #[error("corrupt: {0}")]
    Corrupt(String),
}

/// An entity's record up to its evidence, written from the index without
/// copying; read back as a [`Head`].
/// `L` is the lists' type: an [`Entity`]'s own, or an [`EntityRef`]'s
/// [`Names`] (the same bytes).
#[derive(Serialize)]
struct HeadRef<'a, L> {
    key: &'a str,
    name: &'a str,
    kind: Kind,
    aliases: L,
    candidates: L,
}

/// An entity as stored (its mentions are in the tables): its head, then its
/// evidence (postcard writes a struct as its fields one after another, so
/// the head's fields are the record's first). [`write_records`] writes
/// the same bytes as a list of these, entity by entity.
#[cfg(test)]
#[derive(Serialize)]
struct RecordRef<'a> {
    head: HeadRef<'a, Names<'a>>,
    evidence: &'a [Evidence],
}

/// One document as the index was built from it.
#[derive(Debug, Serialize, Deserialize)]
pub struct DocEntry<'a> {
    /// Its path as opened (the encoded bytes of the `OsStr`).
    #[serde(borrow)]
    pub path: &'a [u8],
    /// Its file's stamp then.
    pub stamp: crate::corpus::FileStamp,
    /// The length of its text.
    pub len: u64,
    /// Its title.
    #[serde(borrow)]
    pub title: &'a str,
    /// Its page furniture (byte ranges).
    pub hidden: Vec<(u64, u64)>,
    /// Whether sanitising replaced bytes in it (such a document is read
    /// at a warm open, to show them).
    pub replaced: bool,
}

impl<'a> DocEntry<'a> {
    /// The entry of document `d`, whose file's stamp is `stamp`.
    fn of(d: &'a crate::corpus::Document, stamp: crate::corpus::FileStamp) -> DocEntry<'a> {
        DocEntry {
            path: d.path.as_os_str().as_encoded_bytes(),
            stamp,
            len: d.text.len() as u64,
            title: &d.title,
            hidden: d
                .hidden
                .iter()
                .map(|h| (h.start as u64, h.end as u64))
                .collect(),
            replaced: !d.replaced.is_empty(),
        }
    }
}

/// The documents the index was built from, in corpus order.
#[derive(Debug, Serialize, Deserialize)]
pub struct DocTable<'a> {
    /// When their texts began to be read, in nanoseconds since the epoch.
    pub read_ns: i128,
    /// The documents.
    #[serde(borrow)]
    pub docs: Vec<DocEntry<'a>>,
}

/// The counts in a header, and the byte length of each table they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    docs: u32,
    entities: u32,
    mentions: u32,
    records: u32,
    /// The length of the document table (0: none).
    doc_table: u32,
}

impl Counts {
    /// Byte lengths of the tables in file order, each unpadded; in `u64`,
    /// which no `u32` count can overflow.
    fn lengths(&self) -> [u64; 7] {
        let (d, e, m) = (
            u64::from(self.docs),
            u64::from(self.entities),
            u64::from(self.mentions),
        );
        [
            m * 16,
            (d + 1) * 4,
            (e + 1) * 4,
            m * 4,
            e * 4,
            u64::from(self.records),
            u64::from(self.doc_table),
        ]
    }

    /// Where each table starts in a file whose body starts at `body_at`.
    fn starts(&self, body_at: u64) -> [u64; 7] {
        let mut starts = [0; 7];
        let mut next = body_at;
        for (s, l) in starts.iter_mut().zip(self.lengths()) {
            *s = next;
            next += pad8(l);
        }
        starts
    }

    /// The body's length: every table padded to 8 bytes.
    fn body_len(&self) -> u64 {
        self.lengths().iter().map(|&l| pad8(l)).sum()
    }
}

/// The counts in a header's sixteen words `head`.
fn counts_of(head: &[u8]) -> Counts {
    let word = |i: usize| u32::from_ne_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
    Counts {
        docs: word(24),
        entities: word(28),
        mentions: word(32),
        records: word(36),
        doc_table: word(48),
    }
}

fn pad8(n: u64) -> u64 {
    n.div_ceil(8) * 8
}

/// The checksum of the body: a multiply-rotate hash over its 8-byte words
/// (the body is a whole number of them).
fn checksum(body: &[u8]) -> u64 {
    checksum_of(&[body], |_, _| {})
}

/// The checksum's start, before any word.
const SUM_START: u64 = 0x243f_6a88_85a3_08d3;

/// The checksum `h` with one more 8-byte word.
fn mix(h: u64, word: [u8; 8]) -> u64 {
    (h.rotate_left(23) ^ u64::from_ne_bytes(word)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// [`checksum`] of a body held in `parts` (each a whole number of 8-byte
/// words), as of their bytes one after the other; `read` is told each
/// stretch of a part ([`crate::mapped::stretches`]: its number, the range)
/// once summed, so that a mapped file's pages can go back as the sum goes.
fn checksum_of(parts: &[&[u8]], mut read: impl FnMut(usize, std::ops::Range<usize>)) -> u64 {
    let mut h = SUM_START;
    let mut len = 0;
    for (p, part) in parts.iter().enumerate() {
        for (at, stretch) in crate::mapped::stretches(part) {
            for w in stretch.chunks_exact(8) {
                h = mix(h, w.try_into().unwrap_or_default());
            }
            read(p, at);
        }
        len += part.len();
    }
    h ^ (len as u64)
}

/// A body being written: its bytes go on to `out` a block at a time, and
/// are counted and summed ([`checksum`]) on the way, so that a file of any
/// size is written without being held. Writers write it in small pieces
/// (postcard a field, even a byte, at a time; a record or a document's
/// mentions at a time): they are gathered here and go on to `out`, and into
/// the sum, as blocks of [`BODY_BLOCK`] bytes, not one call each (at a
/// million articles, the document table's fields alone took 1.3 s one by
/// one).
struct Body<'w> {
    out: &'w mut dyn Write,
    /// Bytes written so far.
    len: u64,
    /// The sum of the bytes gone on so far.
    sum: RunningSum,
    /// Bytes written here and not yet gone on to `out` nor summed.
    block: Vec<u8>,
}

/// How many bytes a [`Body`] gathers before they go on (a few under test,
/// so that the tests' bodies go on in many blocks).
const BODY_BLOCK: usize = if cfg!(test) { 16 } else { 1 << 16 };

impl<'w> Body<'w> {
    fn new(out: &'w mut dyn Write) -> Body<'w> {
        Body {
            out,
            len: 0,
            sum: RunningSum {
                h: SUM_START,
                carry: [0; 8],
                held: 0,
            },
            block: Vec::new(),
        }
    }

    /// Zeros up to the next multiple of 8 bytes.
    fn pad(&mut self) -> std::io::Result<()> {
        let zeros = [0u8; 8];
        let n = (pad8(self.len) - self.len) as usize;
        self.write_all(&zeros[..n])
    }

    /// The checksum of what was written (a whole number of words: padded),
    /// all of it gone on to `out`.
    fn sum(&mut self) -> std::io::Result<u64> {
        self.send()?;
        debug_assert_eq!(self.sum.held, 0, "a body is padded to whole words");
        Ok(self.sum.h ^ self.len)
    }

    /// The bytes gathered sent on to `out` and summed.
    fn send(&mut self) -> std::io::Result<()> {
        let sent = self.out.write_all(&self.block);
        self.sum.add(&self.block);
        self.block.clear();
        sent
    }
}

/// [`checksum`] taken as the bytes come, in pieces of any size: the sum of
/// the whole words so far, and the bytes of the word not yet whole.
struct RunningSum {
    h: u64,
    /// The bytes of a word not yet whole, and how many.
    carry: [u8; 8],
    held: usize,
}

impl RunningSum {
    /// The sum with `bytes`, the next ones, added.
    fn add(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        if self.held > 0 {
            let take = (8 - self.held).min(rest.len());
            self.carry[self.held..self.held + take].copy_from_slice(&rest[..take]);
            self.held += take;
            rest = &rest[take..];
            if self.held < 8 {
                return;
            }
            self.h = mix(self.h, self.carry);
            self.held = 0;
        }
        let mut words = rest.chunks_exact(8);
        for w in &mut words {
            self.h = mix(self.h, w.try_into().unwrap_or_default());
        }
        let tail = words.remainder();
        self.carry[..tail.len()].copy_from_slice(tail);
        self.held = tail.len();
    }
}

impl Write for Body<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.block.len() + buf.len() > BODY_BLOCK {
            self.send()?;
            if buf.len() >= BODY_BLOCK {
                // A large piece (a table) goes on as it is, not copied.
                self.out.write_all(buf)?;
                self.sum.add(buf);
                self.len += buf.len() as u64;
                return Ok(buf.len());
            }
        }
        if self.block.capacity() == 0 {
            self.block.reserve_exact(BODY_BLOCK);
        }
        self.block.extend_from_slice(buf);
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()?;
        self.out.flush()
    }
}

/// The common prefix of the cache files of a fixed layout (this one and
/// the word index, [`crate::search::word_file`]): the postcard magic and
/// engine version, zero-padded to a multiple of 8 bytes.
pub(crate) fn prefix() -> Vec<u8> {
    let mut b = postcard::to_stdvec(&(MAGIC, ENGINE_VERSION)).unwrap_or_default();
    b.resize(pad8(b.len() as u64) as usize, 0);
    b
}

/// The header's sixteen words for `counts`, `key` and `sum`.
fn header(format: u32, key: u64, c: Counts, sum: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER_BYTES);
    h.extend_from_slice(&LAYOUT_MAGIC);
    for w in [format, BYTE_ORDER] {
        h.extend_from_slice(&w.to_ne_bytes());
    }
    for w in [key as u32, (key >> 32) as u32] {
        h.extend_from_slice(&w.to_ne_bytes());
    }
    for w in [c.docs, c.entities, c.mentions, c.records] {
        h.extend_from_slice(&w.to_ne_bytes());
    }
    for w in [sum as u32, (sum >> 32) as u32, c.doc_table] {
        h.extend_from_slice(&w.to_ne_bytes());
    }
    h.resize(HEADER_BYTES, 0);
    h
}

/// The bytes of a linked-index file for `index` over a corpus whose
/// [`super::cache::corpus_key`] is `key`. `None` if a count does not fit
/// the layout (more than `u32::MAX` of something).
pub fn encode(index: &EntityIndex, key: u64) -> Option<Vec<u8>> {
    encode_as(index, key, FORMAT, None)
}

/// [`encode`] with the document table of the corpus: each document's path,
/// stamp, text length, title and furniture, and when their texts began to
/// be read (for [`crate::corpus::FileStamp::settled`]). `None` also when a
/// document has no stamp (it was not read from a file).
pub fn encode_with_docs(
    index: &EntityIndex,
    key: u64,
    docs: &[Arc<crate::corpus::Document>],
    read_ns: i128,
) -> Option<Vec<u8>> {
    let table = doc_table(docs, read_ns)?;
    to_bytes(|out| write_layout(index, key, FORMAT, &|w| table.write(w), out))
}

/// Replace `path` with the bytes of [`encode_with_docs`], written as they
/// are made ([`crate::atomic::write_patched`]): at a million articles the
/// file is 750 MB, which a cold open no longer holds beside its index.
/// Fails, leaving the file as it was, where [`encode_with_docs`] gives
/// `None` or the file cannot be written.
pub fn write_with_docs(
    path: &Path,
    index: &EntityIndex,
    key: u64,
    docs: &[Arc<crate::corpus::Document>],
    read_ns: i128,
) -> std::io::Result<()> {
    let table = doc_table(docs, read_ns)
        .ok_or_else(|| std::io::Error::other("a document was not read from a file"))?;
    crate::atomic::write_patched(path, |w| {
        write_layout(index, key, FORMAT, &|w| table.write(w), w)
    })
    .map(drop)
}

/// The document table of `docs`, to be written; `None` when a document has
/// no stamp.
fn doc_table(docs: &[Arc<crate::corpus::Document>], read_ns: i128) -> Option<DocTableRef<'_>> {
    docs.iter()
        .all(|d| d.stamp.is_some())
        .then_some(DocTableRef { read_ns, docs })
}

/// A [`DocTable`] written straight from the documents, entry by entry: the
/// same bytes as the table of their [`DocEntry`]s, without the list.
struct DocTableRef<'a> {
    read_ns: i128,
    docs: &'a [Arc<crate::corpus::Document>],
}

impl DocTableRef<'_> {
    /// Write the table to `w` as postcard encodes it (tested against the
    /// derived encoding of [`DocTable`]): `read_ns`, the number of
    /// documents, then each document's entry. The entries are encoded on
    /// all cores, [`DOCS_PER_PART`] at a time, a block of parts after
    /// another, and each part written whole (at a million articles, written
    /// a field at a time, 1.3 s on one core at the end of linking).
    fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        use rayon::prelude::*;
        put(&self.read_ns, w)?;
        put(&self.docs.len(), w)?;
        for block in self.docs.chunks(DOCS_PER_PART * PARTS_PER_BLOCK) {
            let parts: Vec<std::io::Result<Vec<u8>>> = block
                .par_chunks(DOCS_PER_PART)
                .map(|docs| {
                    docs.iter().try_fold(Vec::new(), |bytes, d| {
                        let stamp = d
                            .stamp
                            .ok_or_else(|| std::io::Error::other("a document without a stamp"))?;
                        postcard::to_extend(&DocEntry::of(d, stamp), bytes)
                            .map_err(std::io::Error::other)
                    })
                })
                .collect();
            for part in parts {
                w.write_all(&part?)?;
            }
        }
        Ok(())
    }
}

/// How many documents' entries [`DocTableRef::write`] encodes as one part
/// (a few under test, so that the tests' tables are written in several).
const DOCS_PER_PART: usize = if cfg!(test) { 2 } else { 1 << 10 };

/// How many parts [`DocTableRef::write`] encodes at once.
const PARTS_PER_BLOCK: usize = if cfg!(test) { 2 } else { 16 };

/// Write `value` as postcard encodes it.
fn put<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> std::io::Result<()> {
    postcard::to_io(value, out)
        .map(|_| ())
        .map_err(std::io::Error::other)
}

/// [`encode`] with another layout version in the header: for tests of files
/// written by another version.
#[doc(hidden)]
pub fn encode_as(
    index: &EntityIndex,
    key: u64,
    format: u32,
    doc_table: Option<&[u8]>,
) -> Option<Vec<u8>> {
    let table = doc_table.unwrap_or_default();
    to_bytes(|out| write_layout(index, key, format, &|w| w.write_all(table), out))
}

/// The bytes of the file `write` writes, held in memory, with its header
/// written over the room left for it (`write` gives where, and the
/// header). `None` when `write` fails.
fn to_bytes(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<(u64, Vec<u8>)>,
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (at, head) = write(&mut out).ok()?;
    let at = at as usize;
    out.get_mut(at..at + head.len())?.copy_from_slice(&head);
    Some(out)
}

/// Write the file of `index` to `out` as it is made ([`write_file`]),
/// whose document table `doc_table` writes (nothing: none). Fails when a
/// count does not fit the layout (more than `u32::MAX` of something) or
/// `out` fails.
fn write_layout(
    index: &EntityIndex,
    key: u64,
    format: u32,
    doc_table: WriteTable<'_>,
    out: &mut dyn Write,
) -> std::io::Result<(u64, Vec<u8>)> {
    let t = index.tables();
    let (docs, entities, mentions) = (
        count(index.doc_total() as u64)?,
        count(index.len() as u64)?,
        count(t.mentions.len() as u64)?,
    );
    write_file(out, format, key, doc_table, |body| {
        write_tables(body, &t)?;
        let records_at = body.len;
        write_records(index, body)?;
        Ok(Counts {
            docs,
            entities,
            mentions,
            records: count(body.len - records_at)?,
            doc_table: 0,
        })
    })
}

/// What writes a document table.
type WriteTable<'a> = &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// Write a linked-index file to `out` as it is made: the prefix, room for
/// the header (zeros), then the body: what `tables_and_records` writes (the
/// tables, each padded, then the entity records; it gives the counts, the
/// document table's aside), padded, then the document table `doc_table`
/// writes, padded. Returns where the header goes and its bytes, known once
/// the body is summed, to be written over the room left.
fn write_file(
    out: &mut dyn Write,
    format: u32,
    key: u64,
    doc_table: WriteTable<'_>,
    tables_and_records: impl FnOnce(&mut Body<'_>) -> std::io::Result<Counts>,
) -> std::io::Result<(u64, Vec<u8>)> {
    let prefix = prefix();
    out.write_all(&prefix)?;
    out.write_all(&[0; HEADER_BYTES])?;
    let mut body = Body::new(out);
    let mut counts = tables_and_records(&mut body)?;
    body.pad()?;
    let table_at = body.len;
    doc_table(&mut body)?;
    counts.doc_table = count(body.len - table_at)?;
    body.pad()?;
    debug_assert_eq!(body.len, counts.body_len());
    let sum = body.sum()?;
    Ok((prefix.len() as u64, header(format, key, counts, sum)))
}

/// A count of the layout: fails past `u32::MAX`.
fn count(n: u64) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| std::io::Error::other("more than the layout can count"))
}

/// Write the tables of an index, each padded.
fn write_tables(body: &mut Body<'_>, t: &Tables) -> std::io::Result<()> {
    body.write_all(bytemuck::cast_slice(&t.mentions))?;
    body.pad()?;
    write_beside(
        body,
        [&t.doc_starts, &t.entity_starts, &t.by_entity, &t.doc_counts],
    )
}

/// Write the tables after the mentions, in order, each padded.
fn write_beside(body: &mut Body<'_>, tables: [&[u32]; 4]) -> std::io::Result<()> {
    for table in tables {
        body.write_all(bytemuck::cast_slice(table))?;
        body.pad()?;
    }
    Ok(())
}

/// Link `analyses` (those of `docs`, in order) across documents and write
/// the linked-index file of the corpus whose key is `key` to `path` as the
/// index is made ([`crate::entity::link::global_given`]): its tables, then
/// each entity's record as the entity is made, so that the corpus's
/// entities are never held at once (at a million articles, 1.2 GB beside
/// linking's tables). The same bytes as [`encode_with_docs`] of
/// [`crate::entity::link::global_index`] (tested). Returns the header
/// written, for [`open_written`]; fails, leaving the file as it was, as
/// [`write_with_docs`] does.
pub fn link_into(
    path: &Path,
    analyses: &[crate::entity::link::LocalDoc],
    key: u64,
    docs: &[Arc<crate::corpus::Document>],
    read_ns: i128,
) -> std::io::Result<Vec<u8>> {
    let table = doc_table(docs, read_ns)
        .ok_or_else(|| std::io::Error::other("a document was not read from a file"))?;
    crate::atomic::write_patched(path, |out| {
        write_file(out, FORMAT, key, &|w| table.write(w), |body| {
            let body = std::cell::RefCell::new(body);
            let mut counts = None;
            let mut records_at = 0;
            let mut scratch = Vec::new();
            crate::entity::link::global_given(
                analyses,
                |m: &Mentions<'_>| -> std::io::Result<()> {
                    // The mentions go to the file as they are placed,
                    // never all held; then the tables beside them.
                    let mut body = body.borrow_mut();
                    let mut mentions = 0usize;
                    let t = m.tables(|kept| {
                        mentions += kept.len();
                        body.write_all(bytemuck::cast_slice(kept))
                    })?;
                    body.pad()?;
                    write_beside(
                        &mut body,
                        [&t.doc_starts, &t.entity_starts, &t.by_entity, &t.doc_counts],
                    )?;
                    let entities = m.entities();
                    counts = Some(Counts {
                        docs: count(docs.len() as u64)?,
                        entities: count(entities as u64)?,
                        mentions: count(mentions as u64)?,
                        records: 0,
                        doc_table: 0,
                    });
                    records_at = body.len;
                    put(&entities, &mut **body)
                },
                |e, evidence| {
                    write_record(
                        &mut **body.borrow_mut(),
                        &mut scratch,
                        HeadRef::of(e),
                        evidence,
                    )
                },
            )?;
            let mut counts = counts.ok_or_else(|| std::io::Error::other("no tables"))?;
            counts.records = count(body.into_inner().len - records_at)?;
            Ok(counts)
        })
    })
}

/// The index in the file `path` that [`link_into`] just wrote with the
/// header `header`, for the corpus whose key is `key` and whose texts have
/// the lengths `lens`: read as a warm open reads it (mapped where the
/// folder is the user's own), every table checked. A file whose header is
/// not the one written, or that fails a check, is refused. Its mentions
/// are not checked against the texts again: they are the ones linking
/// found in them, summed in the header.
pub fn open_written(
    path: &Path,
    header: &[u8],
    key: u64,
    lens: &[usize],
) -> Result<EntityIndex, Rejected> {
    let file = read(path).ok_or_else(|| Rejected::Corrupt("cannot be read back".into()))?;
    let parsed = parse(&file)?;
    let at = prefix().len();
    if file.kept().get(at..at + HEADER_BYTES) != Some(header) {
        return Err(Rejected::Corrupt("not the file written".into()));
    }
    parsed.index(key, lens)
}

/// The entity records of `index` as postcard encodes a list of
/// [`RecordRef`], written entity by entity to `out`: evidence held encoded
/// ([`crate::entity::stored_evidence::StoredEvidence`]) is copied as it
/// lies, so that the corpus's evidence is never decoded at once (at a
/// million articles, hundreds of megabytes for a moment).
fn write_records(index: &EntityIndex, out: &mut dyn Write) -> std::io::Result<()> {
    // A list's length, then its items: a record is its fields in order,
    // the evidence last.
    put(&index.len(), out)?;
    let stored = index.stored_evidence();
    let mut scratch = Vec::new();
    for (i, e) in index.entities().iter().enumerate() {
        let raw = stored.and_then(|s| s.bytes_from(i)).and_then(|bytes| {
            let (_, rest) = postcard::take_from_bytes::<SkipEvidence>(bytes).ok()?;
            Some(&bytes[..bytes.len() - rest.len()])
        });
        // Held by the entity, or no longer readable where it lies (then
        // decoded as none, with a warning): encoded here.
        let encoded;
        let evidence = match raw {
            Some(raw) => raw,
            None => {
                encoded = EncodedEvidence::encode(&index.evidence(EntityId(i as u32)));
                &encoded
            }
        };
        write_record(out, &mut scratch, HeadRef::of_ref(e), evidence)?;
    }
    Ok(())
}

/// Write the record of an entity, its head `head` and its evidence,
/// encoded, `evidence`: put together in `scratch` and written at once (a
/// million articles have three million records, and a head encoded
/// straight to `out` is a write per field).
fn write_record<L: Serialize>(
    out: &mut dyn Write,
    scratch: &mut Vec<u8>,
    head: HeadRef<'_, L>,
    evidence: &[u8],
) -> std::io::Result<()> {
    scratch.clear();
    *scratch =
        postcard::to_extend(&head, std::mem::take(scratch)).map_err(std::io::Error::other)?;
    scratch.extend_from_slice(evidence);
    out.write_all(scratch)
}

impl<'a> HeadRef<'a, &'a [String]> {
    /// The head of `e`'s record.
    fn of(e: &'a Entity) -> HeadRef<'a, &'a [String]> {
        HeadRef {
            key: &e.key,
            name: &e.name,
            kind: e.kind,
            aliases: &e.aliases,
            candidates: &e.candidates,
        }
    }
}

impl<'a> HeadRef<'a, Names<'a>> {
    /// The head of the record of `e`, an entity of an index.
    fn of_ref(e: EntityRef<'a>) -> HeadRef<'a, Names<'a>> {
        HeadRef {
            key: e.key,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases,
            candidates: e.candidates,
        }
    }
}

/// A linked-index file, mapped ([`crate::mapped`]) or read into memory in
/// two buffers: the prefix, the header and the tables the index keeps
/// (`split` bytes of `buf`, where its [`Table`]s point), then the entity
/// records and the document table (`len - split` bytes of `tail`), which
/// are decoded at open, so that the index does not hold them (at a million
/// articles they are 350 of the file's 750 MB): read, they are let go with
/// the file; mapped, their pages are handed back. A file whose header does
/// not give the split is all in `buf` (and refused by [`parse`]).
#[derive(Clone)]
pub struct LinkedFile {
    buf: Buffer,
    /// The records and document table: their own buffer, or (mapped) the
    /// same map as `buf`, from byte `tail_at`.
    tail: Buffer,
    tail_at: usize,
    split: usize,
    len: usize,
    /// Work done on these bytes ahead of use ([`LinkedFile::prepare`]).
    ahead: Arc<Ahead>,
}

/// What [`LinkedFile::prepare`] worked out ahead of use. The bytes never
/// change once read, so what was found of them stays true.
#[derive(Default)]
struct Ahead {
    /// The body's checksum matched its header's.
    summed: std::sync::atomic::AtomicBool,
    /// The entity records, decoded and checked; taken by the first
    /// [`Parsed::index`].
    entities: std::sync::Mutex<Option<Decoded>>,
    /// The tables, checked for the header's number of entities; taken by
    /// the first [`Parsed::index`].
    tables: std::sync::Mutex<Option<CheckedTables>>,
}

impl Ahead {
    /// The entities decoded ahead, locked (a thread that panicked holding
    /// them left them whole: they are set or taken in one step).
    fn entities(&self) -> std::sync::MutexGuard<'_, Option<Decoded>> {
        self.entities.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The tables checked ahead, locked (as [`Ahead::entities`]).
    fn tables(&self) -> std::sync::MutexGuard<'_, Option<CheckedTables>> {
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for LinkedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LinkedFile({} bytes, {} kept)", self.len, self.split)
    }
}

/// Where the tables of the file that starts with `start` and is `len` bytes
/// long end and its entity records begin: `len` (no split) unless the
/// prefix and header can be read and give exactly that length.
fn split_of(start: &[u8], len: usize) -> usize {
    let Ok((_, rest)) = postcard::take_from_bytes::<(&str, &str)>(start) else {
        return len;
    };
    let at = pad8((start.len() - rest.len()) as u64) as usize;
    let Some(head) = start.get(at..at + HEADER_BYTES) else {
        return len;
    };
    let counts = counts_of(head);
    let body_at = (at + HEADER_BYTES) as u64;
    if body_at + counts.body_len() != len as u64 {
        return len;
    }
    // The entity records are the first table not kept.
    counts.starts(body_at)[5] as usize
}

impl LinkedFile {
    /// Do ahead of use, on the calling thread, the work of opening the file
    /// that does not need the corpus: check its header, checksum and
    /// tables, and decode its entity records (the longest steps at a million
    /// articles), so that a thread can do them while the articles are
    /// found. The tables are checked before the records are decoded and
    /// their pages handed back in between, so that a mapped file's tables
    /// and the decoded entities are not held at once. A file that fails is
    /// left as it is: opening it says why.
    pub fn prepare(&self) {
        let Ok(parsed) = parse(self) else {
            return;
        };
        let checked = parsed
            .tables()
            .ok()
            .and_then(|t| CheckedTables::check(parsed.counts.entities as usize, t).ok());
        self.release();
        let Some(checked) = checked else {
            return;
        };
        *self.ahead.tables() = Some(checked);
        if let Ok(entities) = parsed.decode_entities() {
            *self.ahead.entities() = Some(entities);
        }
        self.release();
    }

    /// Let go of what [`LinkedFile::prepare`] decoded (the file is not
    /// for this corpus).
    pub fn forget_prepared(&self) {
        *self.ahead.entities() = None;
        *self.ahead.tables() = None;
    }

    /// Hand the pages of a mapped file back to the system once they have
    /// been checked or decoded: the index reads the few it needs from the
    /// page cache again ([`crate::mapped`]). Nothing for a file read into
    /// memory.
    pub fn release(&self) {
        self.buf.release();
    }

    /// Whether the tables are mapped from the file rather than read.
    pub fn is_mapped(&self) -> bool {
        self.buf.is_mapped()
    }

    /// The prefix, the header and the tables (the whole file when its
    /// header gives no split).
    fn kept(&self) -> &[u8] {
        &self.buf.bytes()[..self.split]
    }

    /// The entity records and the document table.
    fn tail(&self) -> &[u8] {
        &self.tail.bytes()[self.tail_at..self.tail_at + self.len - self.split]
    }

    /// `n` bytes of the file from byte `at`, when they lie in one of its
    /// two parts.
    fn section(&self, at: usize, n: usize) -> Option<&[u8]> {
        let end = at.checked_add(n)?;
        if end <= self.split {
            self.kept().get(at..end)
        } else {
            self.tail()
                .get(at.checked_sub(self.split)?..end - self.split)
        }
    }

    /// The file's bytes, copied into one vector (for tests).
    pub fn to_bytes(&self) -> Vec<u8> {
        [self.kept(), self.tail()].concat()
    }

    /// The number of bytes the index keeps of the file once opened (the
    /// tables, with the prefix and header before them).
    pub fn kept_len(&self) -> usize {
        self.split
    }

    /// A buffer holding `bytes`, as if read from a file (for tests and for
    /// files crafted in memory).
    pub fn from_bytes(bytes: &[u8]) -> LinkedFile {
        let split = split_of(bytes, bytes.len());
        let copy = |part: &[u8]| {
            let mut words = vec![0u64; part.len().div_ceil(8)];
            bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..part.len()].copy_from_slice(part);
            Arc::new(Words::from(words))
        };
        LinkedFile {
            buf: copy(&bytes[..split]),
            tail: copy(&bytes[split..]),
            tail_at: 0,
            split,
            len: bytes.len(),
            ahead: Arc::default(),
        }
    }
}

/// Read a linked-index file into two 8-byte-aligned buffers (see
/// [`LinkedFile`]); `None` if it is missing, not a regular file, larger than
/// [`MAX_CACHE_BYTES`] or unreadable.
pub fn read(file: &Path) -> Option<LinkedFile> {
    let (mut f, meta) = crate::regular_file::open(file).ok()?;
    if meta.len() > MAX_CACHE_BYTES {
        return None;
    }
    let len = usize::try_from(meta.len()).ok()?;
    // The prefix (two short strings) and the header tell where the tables
    // end.
    let mut start = vec![0u8; len.min(4096)];
    f.read_exact(&mut start).ok()?;
    let split = split_of(&start, len);
    f.seek(std::io::SeekFrom::Start(0)).ok()?;
    // Mapped whole when the header gives where the tables end (a file whose
    // header does not is refused, and read whole): the tables stay in the
    // map, the records and document table are decoded from it, and the
    // pages of both go back once checked and decoded.
    let mapped = (split < len)
        .then(|| crate::mapped::map(&f, file, &meta, len))
        .flatten();
    if let Some(m) = mapped {
        let buf = Arc::new(Words::Mapped(m));
        return Some(LinkedFile {
            tail: Arc::clone(&buf),
            buf,
            tail_at: split,
            split,
            len,
            ahead: Arc::default(),
        });
    }
    let mut read = |bytes: usize| {
        crate::regular_file::read_records::<u64>(&mut f, bytes)
            .ok()
            .map(|w| Arc::new(Words::from(w)))
    };
    let buf = read(split)?;
    let tail = read(len - split)?;
    Some(LinkedFile {
        buf,
        tail,
        tail_at: 0,
        split,
        len,
        ahead: Arc::default(),
    })
}

/// The index in a linked-index file read with [`read`], if it was built for
/// the corpus whose [`super::cache::corpus_key`] is `key` and whose
/// document texts are `texts`, and passes every check (see the module
/// documentation). The mention tables stay in the file's buffer.
pub fn open(file: &LinkedFile, key: u64, texts: &[&str]) -> Result<EntityIndex, Rejected> {
    let lens: Vec<usize> = texts.iter().map(|t| t.len()).collect();
    let index = parse(file)?.index(key, &lens)?;
    // Every article in order: the mentions are read where they lie, and a
    // mapped file's pages go back as the pass goes.
    let checked = texts.iter().enumerate().try_for_each(|(d, text)| {
        if d % RELEASE_EVERY_DOCS == RELEASE_EVERY_DOCS - 1 {
            file.release();
        }
        let mentions = index.mentions_in(crate::corpus::DocId(d as u32));
        mentions_fit(mentions, d, text).map_err(Rejected::Corrupt)
    });
    file.release();
    checked.map(|()| index)
}

/// Whether the mentions of document `doc` in `tables` fit its `text`: in
/// bounds and on character boundaries. This runs for every text read after
/// a warm open (a search reads thousands, in any order), so a mapped file's
/// mentions are read from the file, not the map ([`Table::copied`]): the
/// process does not take in the pages around them.
pub fn fits(tables: &Tables, doc: u32, text: &str) -> Result<(), String> {
    let d = doc as usize;
    if d + 2 > tables.doc_starts.len() {
        return Ok(());
    }
    let unread = || format!("the mentions of document {d} cannot be read");
    let Some(&[from, to]) = tables.doc_starts.copied(d..d + 2).as_deref() else {
        return Err(unread());
    };
    let mentions = tables
        .mentions
        .copied(from as usize..to as usize)
        .ok_or_else(unread)?;
    mentions_fit(&mentions, d, text)
}

/// Whether `mentions`, document `d`'s, fit its `text`: in bounds and on
/// character boundaries.
fn mentions_fit(mentions: &[Mention], d: usize, text: &str) -> Result<(), String> {
    mentions.iter().try_for_each(|x| {
        let (s, end) = (x.start as usize, x.end as usize);
        if s > end || end > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(end) {
            return Err(format!("mention {s}..{end} does not fit document {d}"));
        }
        Ok(())
    })
}

/// A linked-index file whose prefix, header, length and checksum have been
/// checked (by [`parse`]); its tables not yet.
pub struct Parsed<'a> {
    file: &'a LinkedFile,
    key: u64,
    counts: Counts,
    starts: [usize; 7],
}

/// Check the prefix, header, length and checksum of `file`.
pub fn parse(file: &LinkedFile) -> Result<Parsed<'_>, Rejected> {
    let bytes = file.kept();
    let ((magic, engine), rest) =
        postcard::take_from_bytes::<(&str, &str)>(bytes).map_err(|_| Rejected::Foreign)?;
    if magic != MAGIC {
        return Err(Rejected::Foreign);
    }
    if engine != ENGINE_VERSION {
        return Err(Rejected::Version(format!("engine {engine}")));
    }
    let at = pad8((bytes.len() - rest.len()) as u64) as usize;
    let cut = || Rejected::Corrupt("cut short in the header".into());
    let head = bytes.get(at..at + HEADER_BYTES).ok_or_else(cut)?;
    let word = |i: usize| u32::from_ne_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
    let long = |i: usize| u64::from(word(i)) | (u64::from(word(i + 4)) << 32);
    let padding = &bytes[bytes.len() - rest.len()..at];
    if padding.iter().chain(&head[52..]).any(|&b| b != 0) {
        return Err(Rejected::Corrupt(
            "padding or reserved words not zero".into(),
        ));
    }
    if head[..8] != LAYOUT_MAGIC {
        return Err(Rejected::Version("an older layout".into()));
    }
    if word(8) != FORMAT {
        return Err(Rejected::Version(format!("layout {}", word(8))));
    }
    if word(12) != BYTE_ORDER {
        return Err(Rejected::Version("another byte order".into()));
    }
    let counts = counts_of(head);
    let body_at = (at + HEADER_BYTES) as u64;
    let expected = body_at + counts.body_len();
    if file.len as u64 != expected {
        return Err(Rejected::Corrupt(format!(
            "{} bytes where its header gives {expected} (cut short or damaged)",
            file.len
        )));
    }
    // The header gives the file's length, so the split was made where the
    // tables end (see `split_of`).
    let body = [&bytes[body_at as usize..], file.tail()];
    let summed = &file.ahead.summed;
    if !summed.load(std::sync::atomic::Ordering::Acquire) {
        // Read through once: a mapped file's pages go back as the sum
        // goes.
        let sum = checksum_of(&body, |part, r| match part {
            0 => file
                .buf
                .release_around(body_at as usize + r.start..body_at as usize + r.end),
            _ => file
                .tail
                .release_around(file.tail_at + r.start..file.tail_at + r.end),
        });
        file.release();
        if sum != long(40) {
            return Err(Rejected::Corrupt("checksum mismatch".into()));
        }
        summed.store(true, std::sync::atomic::Ordering::Release);
    }
    let starts = counts.starts(body_at).map(|s| s as usize);
    Ok(Parsed {
        file,
        key: long(16),
        counts,
        starts,
    })
}

impl<'a> Parsed<'a> {
    /// The tables, where they lie in the file (not yet checked).
    fn tables(&self) -> Result<Tables, Rejected> {
        let (starts, counts) = (self.starts, self.counts);
        let (e, m, d) = (
            counts.entities as usize,
            counts.mentions as usize,
            counts.docs as usize,
        );
        let bad = || Rejected::Corrupt("a table out of bounds".into());
        let buf = &self.file.buf;
        Ok(Tables {
            mentions: Table::shared(buf.clone(), starts[0], m).ok_or_else(bad)?,
            doc_starts: Table::shared(buf.clone(), starts[1], d + 1).ok_or_else(bad)?,
            entity_starts: Table::shared(buf.clone(), starts[2], e + 1).ok_or_else(bad)?,
            by_entity: Table::shared(buf.clone(), starts[3], m).ok_or_else(bad)?,
            doc_counts: Table::shared(buf.clone(), starts[4], e).ok_or_else(bad)?,
        })
    }

    /// The entities of the file's records, checked against its counts;
    /// a mapped file keeps their evidence.
    fn decode_entities(&self) -> Result<Decoded, Rejected> {
        let at = self.starts[5];
        let records = self
            .file
            .section(at, self.counts.records as usize)
            .ok_or_else(|| Rejected::Corrupt("entity records out of bounds".into()))?;
        let file = self.file;
        let leave = (file.tail.is_mapped() && at >= file.split)
            .then(|| (Arc::clone(&file.tail), file.tail_at + (at - file.split)));
        decode_records(records, self.counts.entities as usize, leave)
    }

    /// The corpus key the file was written for.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// The document table, if the file has one; its paths and titles
    /// borrowed from the file. Its entries are checked against the counts
    /// (one per document, furniture in order and inside the text).
    pub fn doc_table(&self) -> Result<Option<DocTable<'a>>, Rejected> {
        let len = self.counts.doc_table as usize;
        if len == 0 {
            return Ok(None);
        }
        let bad = |why: String| Rejected::Corrupt(format!("document table: {why}"));
        let bytes = self
            .file
            .section(self.starts[6], len)
            .ok_or_else(|| bad("out of bounds".into()))?;
        let (table, rest) =
            postcard::take_from_bytes::<DocTable<'a>>(bytes).map_err(|e| bad(e.to_string()))?;
        if !rest.is_empty() {
            return Err(bad(format!("{} bytes after it", rest.len())));
        }
        if table.docs.len() != self.counts.docs as usize {
            return Err(bad(format!(
                "{} entries for {} documents",
                table.docs.len(),
                self.counts.docs
            )));
        }
        for (d, e) in table.docs.iter().enumerate() {
            let mut at = 0;
            for &(s, end) in &e.hidden {
                if s < at || end < s || end > e.len {
                    return Err(bad(format!("furniture of document {d} out of order")));
                }
                at = end;
            }
        }
        Ok(Some(table))
    }

    /// The index, if the file was built for the corpus whose key is `key`
    /// and whose texts have the lengths `lens`: every table checked
    /// ([`EntityIndex::from_parts`]) and every mention inside its text
    /// (character boundaries are the caller's to check, with [`fits`]).
    pub fn index(&self, key: u64, lens: &[usize]) -> Result<EntityIndex, Rejected> {
        if self.key != key {
            return Err(Rejected::OtherCorpus);
        }
        let counts = self.counts;
        if counts.docs as usize != lens.len() {
            return Err(Rejected::Corrupt(format!(
                "{} documents for a corpus of {}",
                counts.docs,
                lens.len()
            )));
        }
        let prepared = self.file.ahead.tables().take();
        let checked = match prepared {
            Some(checked) => Ok(checked),
            None => CheckedTables::check(counts.entities as usize, self.tables()?)
                .map_err(Rejected::Corrupt),
        };
        // Checked (or refused): the pages go back before the entities are
        // decoded.
        self.file.release();
        let checked = checked?;
        let prepared = self.file.ahead.entities().take();
        let decoded = match prepared {
            Some(decoded) => decoded,
            None => self.decode_entities()?,
        };
        let index = EntityIndex::from_checked(decoded.entities, checked).and_then(|index| {
            match decoded.evidence {
                Some(stored) => index.with_stored_evidence(stored),
                None => Ok(index),
            }
        });
        let index = index.map_err(Rejected::Corrupt);
        let fits = index.as_ref().map_err(Clone::clone).and_then(|index| {
            for (d, &len) in lens.iter().enumerate() {
                // A pass over every mention, once the entities are
                // decoded: a mapped file's pages go back as it goes.
                if d % RELEASE_EVERY_DOCS == RELEASE_EVERY_DOCS - 1 {
                    self.file.release();
                }
                for x in index.mentions_in(crate::corpus::DocId(d as u32)) {
                    if x.end as usize > len {
                        return Err(Rejected::Corrupt(format!(
                            "mention {}..{} does not fit document {d}",
                            x.start, x.end
                        )));
                    }
                }
            }
            Ok(())
        });
        // Checked through (or refused): the pages go back.
        self.file.release();
        fits?;
        index
    }
}

/// An entity's record up to its evidence, as [`HeadRef`] writes it, its
/// names borrowed from the bytes (copied into the [`EntityTable`]).
#[derive(Deserialize)]
struct Head<'a> {
    key: &'a str,
    name: &'a str,
    kind: Kind,
    #[serde(borrow)]
    aliases: Vec<&'a str>,
    #[serde(borrow)]
    candidates: Vec<&'a str>,
}

/// A record's evidence read through and checked (its strings UTF-8, its
/// rules known) without keeping it: nothing is allocated.
struct SkipEvidence;

/// [`Evidence`], borrowed from the bytes, to check without copying.
#[derive(Deserialize)]
#[allow(dead_code)] // read to be checked, not used
struct EvidenceRef<'a> {
    alias: &'a str,
    rule: crate::entity::evidence::Rule,
    via: &'a str,
}

impl<'de> Deserialize<'de> for SkipEvidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SkipEvidence, D::Error> {
        struct Through;
        impl<'de> serde::de::Visitor<'de> for Through {
            type Value = SkipEvidence;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of evidence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SkipEvidence, A::Error> {
                while seq.next_element::<EvidenceRef<'de>>()?.is_some() {}
                Ok(SkipEvidence)
            }
        }
        d.deserialize_seq(Through)
    }
}

/// The entities of a file's records: with their evidence, or with it left
/// where it lies.
struct Decoded {
    entities: EntityTable,
    evidence: Option<StoredEvidence>,
}

/// The `n` entities of the records, the count checked before anything is
/// allocated for it. With `leave` (the buffer `bytes` lie in and the byte
/// of it they start at), each entity's evidence is checked and left there
/// ([`StoredEvidence`]); records of 4 GiB or more keep it in memory.
fn decode_records(
    bytes: &[u8],
    n: usize,
    leave: Option<(Buffer, usize)>,
) -> Result<Decoded, Rejected> {
    let (count, mut rest) = postcard::take_from_bytes::<u64>(bytes)
        .map_err(|_| Rejected::Corrupt("no entity records".into()))?;
    if count != n as u64 {
        return Err(Rejected::Corrupt(format!(
            "{count} entity records for {n} entities"
        )));
    }
    // Each record takes several bytes: more records than bytes is a lie
    // (checked before the vector is sized from the count).
    if count > bytes.len() as u64 {
        return Err(Rejected::Corrupt(format!(
            "{count} entities in {} bytes",
            bytes.len()
        )));
    }
    let leave = leave.filter(|_| u32::try_from(bytes.len()).is_ok());
    let bad = |e: postcard::Error| Rejected::Corrupt(format!("entities: {e}"));
    let mut entities = EntityTable::with_capacity(n);
    let mut at = Vec::with_capacity(if leave.is_some() { n } else { 0 });
    for _ in 0..n {
        let (head, after) = postcard::take_from_bytes::<Head>(rest).map_err(bad)?;
        let evidence = if leave.is_some() {
            at.push((bytes.len() - after.len()) as u32);
            rest = postcard::take_from_bytes::<SkipEvidence>(after)
                .map_err(bad)?
                .1;
            Vec::new()
        } else {
            let (evidence, after) =
                postcard::take_from_bytes::<Vec<Evidence>>(after).map_err(bad)?;
            rest = after;
            evidence
        };
        entities.push_parts(
            head.key,
            head.name,
            head.kind,
            head.aliases,
            head.candidates,
            evidence,
        );
    }
    entities.shrink_to_fit();
    if !rest.is_empty() {
        return Err(Rejected::Corrupt(format!(
            "{} bytes after the entity records",
            rest.len()
        )));
    }
    Ok(Decoded {
        entities,
        evidence: leave.map(|(buf, base)| StoredEvidence::new(buf, base, at)),
    })
}

/// The start of a linked-index file with this engine's prefix, a header of
/// these counts and a zero checksum, for tests that craft files (dossier
/// writes whole files with [`encode`]).
#[doc(hidden)]
pub fn crafted_header(key: u64, docs: u32, entities: u32, mentions: u32, records: u32) -> Vec<u8> {
    let counts = Counts {
        docs,
        entities,
        mentions,
        records,
        doc_table: 0,
    };
    let mut b = prefix();
    b.extend(header(FORMAT, key, counts, 0));
    b
}

/// Set the checksum of a file in this layout to that of its body, so that
/// a changed body gets past the checksum to the structural checks (for
/// fuzzing them). Files too short for a header are left alone.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) {
    let at = prefix().len();
    if bytes.len() < at + HEADER_BYTES {
        return;
    }
    let body = &bytes[at + HEADER_BYTES..];
    let whole = body.len() / 8 * 8;
    let sum = checksum(&body[..whole]);
    let sum = if whole == body.len() { sum } else { 0 };
    bytes[at + 40..at + 44].copy_from_slice(&(sum as u32).to_ne_bytes());
    bytes[at + 44..at + 48].copy_from_slice(&((sum >> 32) as u32).to_ne_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocId;
    use crate::entity::EntityId;
    use crate::entity::fixture::IndexBuilder;

    const TEXTS: [&str; 3] = ["Bonn liegt am Rhein.", "Köln auch.", "Anna Berger, Bonn."];

    fn index() -> EntityIndex {
        IndexBuilder::new(3)
            .entity("Bonn", Kind::Place)
            .at(0, 0..4)
            .at(2, 13..17)
            .entity("Köln", Kind::Place)
            .at(1, 0..5)
            .entity("Anna Berger", Kind::Person)
            .at(2, 0..11)
            .build()
    }

    fn open_bytes(bytes: &[u8], key: u64) -> Result<EntityIndex, Rejected> {
        open(&LinkedFile::from_bytes(bytes), key, &TEXTS)
    }

    /// The offset of the header in a file of this engine.
    fn header_at() -> usize {
        prefix().len()
    }

    /// The records of `ix` as a list of [`RecordRef`], its evidence read
    /// whole.
    fn records_whole(ix: &EntityIndex) -> Vec<u8> {
        let evidence: Vec<Vec<Evidence>> = (0..ix.len())
            .map(|i| ix.evidence(EntityId(i as u32)).into_owned())
            .collect();
        let records: Vec<RecordRef<'_>> = ix
            .entities()
            .iter()
            .zip(&evidence)
            .map(|(e, evidence)| RecordRef {
                head: HeadRef::of_ref(e),
                evidence,
            })
            .collect();
        postcard::to_stdvec(&records).unwrap()
    }

    #[test]
    fn records_written_entity_by_entity_are_the_list_of_records() {
        use crate::entity::link::testing::seed_analyses;
        use crate::entity::link::{global, global_index};
        let (_, corpus, locals) = seed_analyses(&|_, rs| rs);
        // Evidence held by each entity, held encoded, and left in a file.
        let held = EntityIndex::new(corpus.len(), global(&locals));
        let encoded = global_index(&locals);
        assert!(held.stored_evidence().is_none() && encoded.stored_evidence().is_some());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("linked.bin");
        std::fs::write(&path, encode(&encoded, 4).unwrap()).unwrap();
        let texts: Vec<&str> = corpus.docs().iter().map(|d| d.text.as_str()).collect();
        let in_file = open(&read(&path).unwrap(), 4, &texts).unwrap();
        assert!(
            in_file.stored_evidence().is_some(),
            "left in the mapped file"
        );
        let whole = records_whole(&held);
        assert!(held.entities().iter().any(|e| e.evidence.len() > 1));
        for ix in [&held, &encoded, &in_file] {
            assert_eq!(records_of(ix), whole);
        }
        // An index without entities.
        let empty = EntityIndex::new(2, Vec::new());
        assert_eq!(records_of(&empty), records_whole(&empty));
    }

    /// The records of `ix` as [`write_records`] writes them.
    fn records_of(ix: &EntityIndex) -> Vec<u8> {
        let mut out = Vec::new();
        write_records(ix, &mut out).unwrap();
        out
    }

    #[test]
    fn a_body_written_in_pieces_of_any_size_sums_as_a_whole() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        // Pieces smaller than a block, and larger (16 bytes under test).
        for piece in [1, 3, 7, 8, 9, 13, 15, 16, 17, 64, 200] {
            let mut out = Vec::new();
            let mut body = Body::new(&mut out);
            for chunk in bytes.chunks(piece) {
                body.write_all(chunk).unwrap();
            }
            // 200 bytes: whole words already.
            body.pad().unwrap();
            assert_eq!(body.len, 200);
            let sum = body.sum().unwrap();
            assert_eq!(sum, checksum(&bytes), "pieces of {piece}");
            assert_eq!(out, bytes);
        }
        // Small and large pieces in turn: what was gathered goes on before
        // a large piece, in order.
        let mut out = Vec::new();
        let mut body = Body::new(&mut out);
        let (mut at, mut turn) = (0, 0);
        while at < bytes.len() {
            let n = [3, 40, 1, 17, 5][turn % 5].min(bytes.len() - at);
            body.write_all(&bytes[at..at + n]).unwrap();
            (at, turn) = (at + n, turn + 1);
        }
        assert_eq!(body.sum().unwrap(), checksum(&bytes));
        assert_eq!(out, bytes);
        // Padding makes the words whole with zeros, and the sum is that of
        // the padded bytes; any other byte changes it.
        let mut out = Vec::new();
        let mut body = Body::new(&mut out);
        body.write_all(&bytes[..13]).unwrap();
        body.pad().unwrap();
        let sum = body.sum().unwrap();
        let len = body.len;
        let mut padded = bytes[..13].to_vec();
        padded.resize(16, 0);
        assert_eq!((len, sum), (16, checksum(&padded)));
        assert_eq!(out, padded);
        padded[15] = 1;
        assert_ne!(sum, checksum(&padded));
    }

    #[test]
    fn linking_into_the_file_writes_the_index_built_whole_and_reads_it_back() {
        use crate::entity::link::global_index;
        use crate::entity::link::testing::seed_analyses;
        let (_, corpus, locals) = seed_analyses(&|_, rs| rs);
        let docs = stamped(&corpus);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.linked.bin");
        let head = link_into(&path, &locals, 11, &docs, -7).unwrap();
        let whole = encode_with_docs(&global_index(&locals), 11, &docs, -7).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes, whole);
        let lens: Vec<usize> = docs.iter().map(|d| d.text.len()).collect();
        let back = open_written(&path, &head, 11, &lens).unwrap();
        let texts: Vec<&str> = corpus.docs().iter().map(|d| d.text.as_str()).collect();
        let expected = open(&LinkedFile::from_bytes(&whole), 11, &texts).unwrap();
        assert_eq!(back.len(), expected.len());
        for i in 0..back.len() {
            // Evidence left in the file (mapped) or decoded (from bytes).
            let id = EntityId(i as u32);
            let (mut b, mut x) = (back.entity(id).to_entity(), expected.entity(id).to_entity());
            b.evidence = back.evidence(id).into_owned();
            x.evidence = expected.evidence(id).into_owned();
            assert_eq!(b, x);
        }
        assert_eq!(back.mentions(), expected.mentions());
        // Another header (the file changed since), another corpus key,
        // another number of texts: refused.
        let mut other = head.clone();
        other[40] ^= 1;
        assert!(open_written(&path, &other, 11, &lens).is_err());
        assert_eq!(
            open_written(&path, &head, 12, &lens).unwrap_err(),
            Rejected::OtherCorpus
        );
        assert!(open_written(&path, &head, 11, &lens[1..]).is_err());
        // Damaged after it was written: refused (the checksum).
        let mut damaged = bytes.clone();
        let last = damaged.len() - 9;
        damaged[last] ^= 0x40;
        std::fs::write(&path, &damaged).unwrap();
        assert!(open_written(&path, &head, 11, &lens).is_err());
        // A document not read from a file: nothing written, the file kept.
        let mut unstamped = docs.clone();
        let mut d = (*unstamped[0]).clone();
        d.stamp = None;
        unstamped[0] = Arc::new(d);
        assert!(link_into(&path, &locals, 11, &unstamped, -7).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), damaged);
    }

    /// The documents of `corpus`, each with a stamp.
    fn stamped(corpus: &crate::corpus::Corpus) -> Vec<Arc<crate::corpus::Document>> {
        corpus
            .docs()
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut d = (**d).clone();
                d.stamp = Some(crate::corpus::FileStamp {
                    size: d.text.len() as u64,
                    hash: i as u64,
                    ..Default::default()
                });
                Arc::new(d)
            })
            .collect()
    }

    #[test]
    fn the_file_written_as_it_is_made_is_the_layout_assembled_whole() {
        use crate::entity::link::global_index;
        use crate::entity::link::testing::seed_analyses;
        let (_, corpus, locals) = seed_analyses(&|_, rs| rs);
        let ix = global_index(&locals);
        let dir = tempfile::tempdir().unwrap();
        let docs = stamped(&corpus);
        // The layout by hand: every table padded, the records and the
        // document table encoded whole, the sum over the whole body.
        let t = ix.tables();
        let mut body = Vec::new();
        let padded = |body: &mut Vec<u8>, bytes: &[u8]| {
            body.extend_from_slice(bytes);
            body.resize(pad8(body.len() as u64) as usize, 0);
        };
        padded(&mut body, bytemuck::cast_slice(&t.mentions));
        padded(&mut body, bytemuck::cast_slice(&t.doc_starts));
        padded(&mut body, bytemuck::cast_slice(&t.entity_starts));
        padded(&mut body, bytemuck::cast_slice(&t.by_entity));
        padded(&mut body, bytemuck::cast_slice(&t.doc_counts));
        let records = records_whole(&ix);
        padded(&mut body, &records);
        // The table as a list of entries, encoded whole.
        let entries: Vec<DocEntry<'_>> = docs
            .iter()
            .map(|d| DocEntry::of(d, d.stamp.unwrap()))
            .collect();
        let table = postcard::to_stdvec(&DocTable {
            read_ns: -7,
            docs: entries,
        })
        .unwrap();
        padded(&mut body, &table);
        let counts = Counts {
            docs: docs.len() as u32,
            entities: ix.len() as u32,
            mentions: t.mentions.len() as u32,
            records: records.len() as u32,
            doc_table: table.len() as u32,
        };
        let mut whole = prefix();
        whole.extend(header(FORMAT, 11, counts, checksum(&body)));
        whole.extend(body);
        assert!(ix.len() > 10 && table.len() > 100, "a real corpus");
        let bytes = encode_with_docs(&ix, 11, &docs, -7).unwrap();
        assert_eq!(bytes, whole);
        let path = dir.path().join("x.linked.bin");
        write_with_docs(&path, &ix, 11, &docs, -7).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), whole);
        // A document not read from a file: no file, the one there kept.
        let mut unstamped = docs.clone();
        let mut d = (*unstamped[1]).clone();
        d.stamp = None;
        unstamped[1] = Arc::new(d);
        assert!(encode_with_docs(&ix, 11, &unstamped, -7).is_none());
        assert!(write_with_docs(&path, &ix, 11, &unstamped, -7).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), whole);
    }

    #[test]
    fn round_trip_in_place() {
        let ix = index();
        let bytes = encode(&ix, 9).unwrap();
        assert_eq!(bytes.len() % 8, 0);
        let back = open_bytes(&bytes, 9).unwrap();
        assert_eq!(back.entities(), ix.entities());
        assert_eq!(back.mentions(), ix.mentions());
        assert!(back.tables().mentions.is_shared(), "read in place");
        for e in 0..3 {
            let id = EntityId(e);
            assert_eq!(back.doc_count(id), ix.doc_count(id));
            assert!(back.mentions_of(id).eq(ix.mentions_of(id)));
        }
        let m = back.next_mention(EntityId(0), DocId(0), 0).unwrap();
        assert_eq!((m.doc, m.start), (DocId(2), 13));
        // An empty index too.
        let empty = EntityIndex::new(3, Vec::new());
        let back = open_bytes(&encode(&empty, 9).unwrap(), 9).unwrap();
        assert!(back.is_empty() && back.mentions().is_empty());
    }

    #[test]
    fn a_prepared_file_opens_as_one_not_prepared_and_a_damaged_one_is_refused_the_same() {
        let ix = index();
        let bytes = encode(&ix, 9).unwrap();
        let file = LinkedFile::from_bytes(&bytes);
        file.prepare();
        // Another corpus first: what was prepared stays for the right one.
        assert_eq!(open(&file, 10, &TEXTS).unwrap_err(), Rejected::OtherCorpus);
        for _ in 0..2 {
            let back = open(&file, 9, &TEXTS).unwrap();
            assert_eq!(back.entities(), ix.entities());
            assert_eq!(back.mentions(), ix.mentions());
        }
        let forgotten = LinkedFile::from_bytes(&bytes);
        forgotten.prepare();
        forgotten.forget_prepared();
        assert_eq!(
            open(&forgotten, 9, &TEXTS).unwrap().entities(),
            ix.entities()
        );
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 1 << 2;
            let damaged = LinkedFile::from_bytes(&b);
            damaged.prepare();
            assert_eq!(
                open(&damaged, 9, &TEXTS).map(|_| ()),
                open_bytes(&b, 9).map(|_| ()),
                "byte {i}"
            );
            assert!(open(&damaged, 9, &TEXTS).is_err(), "byte {i}");
        }
    }

    #[test]
    fn other_corpus_version_and_layout_are_told_apart() {
        let bytes = encode(&index(), 9).unwrap();
        assert_eq!(open_bytes(&bytes, 10).unwrap_err(), Rejected::OtherCorpus);
        let other = encode_as(&index(), 9, FORMAT + 1, None).unwrap();
        let err = open_bytes(&other, 9).unwrap_err();
        assert!(matches!(err, Rejected::Version(_)), "{err:?}");
        assert!(err.to_string().contains("another version"), "{err}");
        let mut old = bytes.clone();
        old[header_at()..header_at() + 8].copy_from_slice(b"postcard");
        assert!(matches!(open_bytes(&old, 9), Err(Rejected::Version(_))));
        let mut engine = postcard::to_stdvec(&(MAGIC, "0.0.0/other")).unwrap();
        engine.extend_from_slice(&bytes[header_at()..]);
        assert!(matches!(open_bytes(&engine, 9), Err(Rejected::Version(_))));
        assert_eq!(open_bytes(b"junk", 9).unwrap_err(), Rejected::Foreign);
        assert_eq!(open_bytes(&[], 9).unwrap_err(), Rejected::Foreign);
        let texts = ["one text"];
        let err = open(&LinkedFile::from_bytes(&bytes), 9, &texts).unwrap_err();
        assert!(
            err.to_string().contains("3 documents for a corpus of 1"),
            "{err}"
        );
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_refused() {
        let bytes = encode(&index(), 9).unwrap();
        for len in 0..bytes.len() {
            assert!(open_bytes(&bytes[..len], 9).is_err(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 8]);
        assert!(open_bytes(&longer, 9).is_err(), "grown");
        for i in 0..bytes.len() {
            for bit in [0, 3, 7] {
                let mut b = bytes.clone();
                b[i] ^= 1 << bit;
                assert!(open_bytes(&b, 9).is_err(), "byte {i} bit {bit} flipped");
            }
        }
    }

    /// A file whose body is `body` (its checksum right), over `counts`.
    fn crafted(c: Counts, body: &[u8]) -> Vec<u8> {
        let mut out = prefix();
        out.extend(header(FORMAT, 9, c, checksum(body)));
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn crafted_files_with_a_right_checksum_are_refused_by_their_structure() {
        let ix = index();
        let good = encode(&ix, 9).unwrap();
        let body_at = header_at() + HEADER_BYTES;
        let word_at = |i: usize| u32::from_ne_bytes(good[i..i + 4].try_into().unwrap());
        let counts = Counts {
            docs: 3,
            entities: 3,
            mentions: 4,
            records: word_at(header_at() + 36),
            doc_table: 0,
        };
        let body = good[body_at..].to_vec();
        assert!(
            open_bytes(&crafted(counts, &body), 9).is_ok(),
            "the same file"
        );
        let word =
            |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_ne_bytes());
        let mention = |i: usize, field: usize| i * 16 + field * 4;
        // (what, the byte in the body, the word written there)
        let cases = [
            ("mention past its text", mention(0, 2), 400),
            ("mention off a character boundary", mention(1, 2), 2),
            ("mention of no entity", mention(0, 3), 99),
            ("mention in another document", mention(0, 0), 2),
            ("document offsets out of order", 64 + 4, 9),
            ("entity list out of bounds", 64 + 16 + 16, 77),
            ("wrong document count", 64 + 16 + 16 + 16, 5),
        ];
        for (what, at, value) in cases {
            let mut b = body.clone();
            word(&mut b, at, value);
            let err = open_bytes(&crafted(counts, &b), 9).unwrap_err();
            assert!(matches!(err, Rejected::Corrupt(_)), "{what}: {err:?}");
        }
        // Counts far beyond the file: refused by the length, nothing sized
        // from them.
        for big in [u32::MAX, 1 << 30] {
            let c = Counts {
                mentions: big,
                ..counts
            };
            assert!(matches!(
                open_bytes(&crafted(c, &body), 9),
                Err(Rejected::Corrupt(_))
            ));
            let c = Counts {
                entities: big,
                ..counts
            };
            assert!(matches!(
                open_bytes(&crafted(c, &body), 9),
                Err(Rejected::Corrupt(_))
            ));
        }
        // An entity count in the records beyond their bytes.
        let mut c = counts;
        let mut b = body[..body.len() - pad8(u64::from(counts.records)) as usize].to_vec();
        let records = postcard::to_stdvec(&u64::from(u32::MAX)).unwrap();
        c.records = records.len() as u32;
        b.extend_from_slice(&records);
        b.resize(pad8(b.len() as u64) as usize, 0);
        let err = open_bytes(&crafted(c, &b), 9).unwrap_err();
        assert!(err.to_string().contains("entity records"), "{err}");
    }

    fn docs() -> Vec<Arc<crate::corpus::Document>> {
        TEXTS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = crate::corpus::Document::from_bytes(
                    format!("{i}"),
                    format!("/c/{i}.txt").into(),
                    t.as_bytes(),
                );
                d.stamp = Some(crate::corpus::FileStamp {
                    size: t.len() as u64,
                    hash: i as u64,
                    ..Default::default()
                });
                Arc::new(d)
            })
            .collect()
    }

    #[test]
    fn the_document_table_is_written_as_postcard_encodes_the_list_of_its_entries() {
        // Nine documents: more than one block of parts under test, the
        // last part and block short.
        let docs: Vec<_> = (0..3).flat_map(|_| docs()).collect();
        let table = doc_table(&docs, -7).unwrap();
        let mut written = Vec::new();
        table.write(&mut written).unwrap();
        let entries = docs
            .iter()
            .map(|d| DocEntry::of(d, d.stamp.unwrap()))
            .collect();
        let whole = DocTable {
            read_ns: -7,
            docs: entries,
        };
        assert_eq!(written, postcard::to_stdvec(&whole).unwrap());
        // A document without a stamp fails the write (`doc_table` refuses
        // such a corpus before it).
        let mut unstamped = docs.clone();
        let mut d = (*unstamped[5]).clone();
        d.stamp = None;
        unstamped[5] = Arc::new(d);
        let table = DocTableRef {
            read_ns: 0,
            docs: &unstamped,
        };
        assert!(table.write(&mut Vec::new()).is_err());
        assert!(doc_table(&unstamped, 0).is_none());
    }

    #[test]
    fn the_document_table_round_trips_and_a_crafted_one_is_refused() {
        let ix = index();
        let bytes = encode_with_docs(&ix, 9, &docs(), 42).unwrap();
        let file = LinkedFile::from_bytes(&bytes);
        let parsed = parse(&file).unwrap();
        let table = parsed.doc_table().unwrap().unwrap();
        assert_eq!(table.read_ns, 42);
        assert_eq!(table.docs.len(), 3);
        assert_eq!(table.docs[1].path, b"/c/1.txt");
        assert_eq!(table.docs[1].title, "Köln auch.");
        assert_eq!(table.docs[2].len, TEXTS[2].len() as u64);
        assert_eq!(table.docs[2].stamp.hash, 2);
        assert!(open_bytes(&bytes, 9).is_ok(), "the index as before");
        assert!(
            parse(&LinkedFile::from_bytes(&encode(&ix, 9).unwrap()))
                .unwrap()
                .doc_table()
                .unwrap()
                .is_none()
        );
        // Tables with a right checksum but the wrong number of entries, or
        // furniture out of order or past the text: refused.
        let table_of =
            |docs: Vec<DocEntry<'_>>| postcard::to_stdvec(&DocTable { read_ns: 1, docs }).unwrap();
        let entry = |hidden: Vec<(u64, u64)>| DocEntry {
            path: b"/c/x.txt",
            stamp: Default::default(),
            len: 10,
            title: "T",
            hidden,
            replaced: false,
        };
        for (what, table) in [
            ("two entries", table_of(vec![entry(vec![]), entry(vec![])])),
            (
                "out of order",
                table_of(vec![
                    entry(vec![]),
                    entry(vec![(5, 6), (1, 2)]),
                    entry(vec![]),
                ]),
            ),
            (
                "past the text",
                table_of(vec![entry(vec![(5, 11)]), entry(vec![]), entry(vec![])]),
            ),
            ("junk", vec![0xff; 9]),
        ] {
            let bytes = encode_as(&ix, 9, FORMAT, Some(&table)).unwrap();
            let file = LinkedFile::from_bytes(&bytes);
            let err = parse(&file).unwrap().doc_table().unwrap_err();
            assert!(matches!(err, Rejected::Corrupt(_)), "{what}: {err:?}");
        }
        // Cut short or flipped: refused before the table is read.
        for len in (0..bytes.len()).step_by(7) {
            assert!(parse(&LinkedFile::from_bytes(&bytes[..len])).is_err());
        }
    }

    #[test]
    fn the_index_keeps_the_tables_and_the_records_go_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index-00.linked.bin");
        let ix = index();
        let bytes = encode_with_docs(&ix, 9, &docs(), 42).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let dir_for_reading = tempfile::tempdir().unwrap();
        let read_path = dir_for_reading.path().join("index-00.linked.bin");
        std::fs::write(&read_path, &bytes).unwrap();
        // A folder others may write: read into memory, not mapped.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir_for_reading.path(),
            std::fs::Permissions::from_mode(0o777),
        )
        .unwrap();
        let read_in = read(&read_path).unwrap();
        assert!(!read_in.is_mapped());
        for file in [read_in, LinkedFile::from_bytes(&bytes)] {
            // Cut where the tables end: the records and the document table
            // are in the second buffer.
            let parsed = parse(&file).unwrap();
            assert_eq!(file.kept_len(), parsed.starts[5]);
            assert!(file.kept_len() < bytes.len());
            assert_eq!(file.to_bytes(), bytes);
            assert_eq!(parsed.doc_table().unwrap().unwrap().docs.len(), 3);
            let tail = Arc::downgrade(&file.tail);
            let back = open(&file, 9, &TEXTS).unwrap();
            drop(file);
            assert!(tail.upgrade().is_none(), "the records were let go");
            assert_eq!(back.entities(), ix.entities());
            assert_eq!(back.mentions(), ix.mentions());
            assert!(back.tables().mentions.is_shared(), "read in place");
        }
        // A header that gives another length: one buffer, refused as before.
        let mut grown = bytes.clone();
        grown.extend_from_slice(&[0; 8]);
        std::fs::write(&path, &grown).unwrap();
        let file = read(&path).unwrap();
        assert_eq!(file.kept_len(), grown.len());
        assert!(matches!(parse(&file), Err(Rejected::Corrupt(_))));
        // Damage in either buffer is caught by the checksum.
        for at in [bytes.len() - 9, header_at() + HEADER_BYTES + 1] {
            let mut b = bytes.clone();
            b[at] ^= 1;
            let err = parse(&LinkedFile::from_bytes(&b)).map(|_| ()).unwrap_err();
            assert_eq!(err, Rejected::Corrupt("checksum mismatch".into()), "{at}");
        }
    }

    /// The pages of the map under `file`'s tables that the process holds.
    fn resident(file: &LinkedFile) -> usize {
        match &*file.buf {
            Words::Mapped(m) => m.resident_pages(),
            Words::Heap(_) => panic!("not mapped"),
        }
    }

    #[test]
    fn the_tables_are_mapped_checked_and_handed_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index-00.linked.bin");
        // Tables of a few thousand pages (more than the page cache's
        // largest folios, which a read maps whole): three articles of
        // 200,000 mentions each.
        const EACH: usize = 200_000;
        let text = "Bonn ".repeat(EACH);
        let texts = [text.as_str(); 3];
        let mut builder = IndexBuilder::new(3).entity("Bonn", Kind::Place);
        for d in 0..3 {
            for i in 0..EACH {
                builder = builder.at(d, i * 5..i * 5 + 4);
            }
        }
        let ix = builder.build();
        let bytes = encode(&ix, 9).unwrap();
        let pages = bytes.len() / 4096;
        std::fs::write(&path, &bytes).unwrap();
        let file = read(&path).unwrap();
        assert!(file.is_mapped());
        assert_eq!(file.to_bytes(), bytes);
        let all = resident(&file);
        assert!(all > pages / 2, "read through: {all} of {pages} pages");
        // Checked (the checksum reads every page), then handed back (the
        // header is read again).
        parse(&file).unwrap();
        let kept = resident(&file);
        assert!(kept < all / 2, "{kept} of {all} pages kept");
        let back = open(&file, 9, &texts).unwrap();
        assert!(
            resident(&file) < all / 2,
            "{} of {all} pages kept",
            resident(&file)
        );
        // Read where it lies: the pages used come back.
        let m = back
            .next_mention(EntityId(0), DocId(1), EACH * 5 / 2)
            .unwrap();
        assert_eq!((m.doc, m.start as usize), (DocId(1), EACH * 5 / 2 + 5));
        assert_eq!(back.ordinal(m), Some((EACH + EACH / 2 + 2, 3 * EACH)));
        assert_eq!(back.mentions(), ix.mentions());
        assert!(resident(&file) > kept);
        // A text read late is checked against its mentions, read from the
        // file: the map's pages are not taken in.
        file.release();
        let before = resident(&file);
        for d in 0..3 {
            fits(&back.tables(), d, &text).unwrap();
        }
        assert!(
            resident(&file) <= before,
            "{} pages held after the checks, {before} before",
            resident(&file)
        );
        assert!(fits(&back.tables(), 1, &text[..text.len() - 3]).is_err());
        // Replaced as dossier replaces it (a new file renamed over the old
        // one): the open index keeps the old file's tables.
        let other = IndexBuilder::new(3)
            .entity("Rhein", Kind::Place)
            .at(0, 14..19)
            .build();
        crate::atomic::write_with(&path, |w| {
            w.write_all(&encode_with_docs(&other, 9, &docs(), 42).unwrap())
        })
        .unwrap();
        drop(file);
        assert_eq!(back.mentions(), ix.mentions());
        assert_eq!(
            open(&read(&path).unwrap(), 9, &TEXTS).unwrap().mentions(),
            other.mentions()
        );
        // Damaged on disk: mapped, and refused by its checksum; cut short:
        // not mapped (the header gives another length), and refused.
        let mut flipped = bytes.clone();
        flipped[header_at() + HEADER_BYTES + 1] ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        let file = read(&path).unwrap();
        assert!(file.is_mapped());
        assert_eq!(
            parse(&file).map(|_| ()).unwrap_err(),
            Rejected::Corrupt("checksum mismatch".into())
        );
        std::fs::write(&path, &bytes[..bytes.len() - 8]).unwrap();
        let file = read(&path).unwrap();
        assert!(!file.is_mapped());
        assert!(matches!(parse(&file), Err(Rejected::Corrupt(_))));
        // In a folder others may write: read into memory, and it opens.
        std::fs::write(&path, &bytes).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let file = read(&path).unwrap();
        assert!(!file.is_mapped());
        assert_eq!(open(&file, 9, &texts).unwrap().mentions(), ix.mentions());
    }

    /// An index whose entities carry evidence, some of it with letters
    /// beyond ASCII and a name it was joined to.
    fn index_with_evidence() -> EntityIndex {
        use crate::entity::LinkedEntity;
        use crate::entity::evidence::Rule;
        let ev = |alias: &str, rule, via: &str| Evidence {
            alias: alias.into(),
            rule,
            via: via.into(),
        };
        let mut bonn = Entity::new("Bonn", Kind::Place, vec!["Bonn".into()]);
        bonn.evidence = vec![ev("Bonn", Rule::SameName, "")];
        let mut koeln = Entity::new("Köln", Kind::Place, vec!["Köln".into(), "Kölns".into()]);
        koeln.evidence = vec![
            ev("Köln", Rule::SameName, ""),
            ev("Kölns", Rule::Inflection, "Köln"),
        ];
        let anna = Entity::new("Anna Berger", Kind::Person, vec!["Anna Berger".into()]);
        let linked = |entity, mentions| LinkedEntity { entity, mentions };
        EntityIndex::new(
            3,
            vec![
                linked(bonn, vec![(DocId(0), 0..4), (DocId(2), 13..17)]),
                linked(koeln, vec![(DocId(1), 0..5)]),
                linked(anna, vec![(DocId(2), 0..11)]),
            ],
        )
    }

    #[test]
    fn a_mapped_file_leaves_the_evidence_where_it_lies_and_reads_it_when_asked() {
        use std::os::unix::fs::PermissionsExt;
        let ix = index_with_evidence();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index-00.linked.bin");
        let bytes = encode(&ix, 9).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        for prepared in [false, true] {
            let file = read(&path).unwrap();
            assert!(file.is_mapped());
            if prepared {
                file.prepare();
            }
            let back = open(&file, 9, &TEXTS).unwrap();
            for e in 0..3 {
                let id = EntityId(e);
                assert!(back.entity(id).evidence.is_empty(), "left in the file");
                assert_eq!(back.evidence(id), ix.evidence(id), "entity {e}");
                let mut whole = back.entity(id).to_entity();
                whole.evidence = back.evidence(id).into_owned();
                assert_eq!(whole, ix.entity(id).to_entity());
            }
            assert!(!back.evidence(EntityId(1)).is_empty());
            assert!(back.evidence(EntityId(2)).is_empty(), "none recorded");
            // Written again, it writes its evidence back.
            assert_eq!(encode(&back, 9).unwrap(), bytes);
        }
        // Read into memory (a folder others may write), the entities hold
        // their evidence.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let file = read(&path).unwrap();
        assert!(!file.is_mapped());
        let back = open(&file, 9, &TEXTS).unwrap();
        assert_eq!(back.entities(), ix.entities());
        assert_eq!(
            back.entity(EntityId(1)).evidence,
            ix.entity(EntityId(1)).evidence
        );
    }

    #[test]
    fn evidence_that_does_not_decode_is_refused_mapped_or_read() {
        use std::os::unix::fs::PermissionsExt;
        let ix = index_with_evidence();
        let good = encode(&ix, 9).unwrap();
        // Köln's second piece of evidence: the alias, the rule (a variant
        // number), the name it was joined to.
        let piece = [&[6u8][..], "Kölns".as_bytes(), &[1, 5], "Köln".as_bytes()].concat();
        let at = good
            .windows(piece.len())
            .position(|w| w == piece)
            .expect("the evidence as written");
        let rule_at = at + 7;
        let alias_at = at + 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index-00.linked.bin");
        // (what, the byte, its new value)
        let cases = [
            ("a rule no version knows", rule_at, 99u8),
            ("an alias that is not UTF-8", alias_at + 1, 0xff),
        ];
        for (what, byte, value) in cases {
            let mut b = good.clone();
            b[byte] = value;
            reseal(&mut b);
            std::fs::write(&path, &b).unwrap();
            for mode in [0o700, 0o777] {
                std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode))
                    .unwrap();
                let file = read(&path).unwrap();
                assert_eq!(file.is_mapped(), mode == 0o700);
                let err = open(&file, 9, &TEXTS).unwrap_err();
                assert!(
                    err.to_string().contains("entities"),
                    "{what}, mode {mode:o}: {err}"
                );
            }
        }
    }

    #[test]
    fn read_takes_regular_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index-00.linked.bin");
        assert!(read(&file).is_none(), "missing");
        let bytes = encode(&index(), 9).unwrap();
        std::fs::write(&file, &bytes).unwrap();
        let read_back = read(&file).unwrap();
        assert_eq!(read_back.to_bytes(), bytes);
        assert!(open(&read_back, 9, &TEXTS).is_ok());
        assert!(read(dir.path()).is_none(), "a folder");
    }
}
