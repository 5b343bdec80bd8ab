//! The quotations of a corpus as the reader keeps them: of each quotation
//! only what the reading pane and the quotes view use (its spans, its kind
//! and the mention its speaker refers to), in three flat vectors.
//!
//! A [`QuoteDoc`] per article holds every quotation as a small tree of
//! vectors (spans, cue words, the speaker phrase): about 150 bytes and three
//! allocations a quotation: 670 MB for the 4.2 million quotations of a
//! million articles. The table holds the same quotations in about 30 bytes
//! each, and is built one article at a time ([`QuoteTable::push`]), so the
//! corpus's `QuoteDoc`s never have to be held at once.

use super::{QuoteDoc, QuoteKind};
use std::ops::Range;

/// The quotations of every article of a corpus, in corpus order, each
/// article's in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteTable {
    /// Where each article's quotations start in `rows`, and one more: the
    /// end of the last article's.
    starts: Vec<u32>,
    rows: Vec<Row>,
    /// The spans of every quotation, one quotation's after the other's.
    spans: Vec<[u32; 2]>,
}

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    /// Where its spans start in `spans` (they end where the next row's
    /// start).
    spans: u32,
    /// The span of the mention its speaker refers to, when resolved.
    refers_to: Option<[u32; 2]>,
    kind: QuoteKind,
}

/// One quotation of a [`QuoteTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRef<'a> {
    spans: &'a [[u32; 2]],
    refers_to: Option<[u32; 2]>,
    kind: QuoteKind,
}

impl<'a> QuoteRef<'a> {
    /// Byte ranges of the quoted or reported words, in text order (see
    /// [`super::Quote::spans`]).
    pub fn spans(self) -> impl ExactSizeIterator<Item = Range<usize>> + 'a {
        self.spans.iter().map(|&[s, e]| s as usize..e as usize)
    }

    /// Its kind.
    pub fn kind(&self) -> QuoteKind {
        self.kind
    }

    /// Byte range of the recognised mention its speaker is or refers to,
    /// when the speaker was resolved to one (see
    /// [`super::Speaker::refers_to`]).
    pub fn refers_to(&self) -> Option<Range<usize>> {
        self.refers_to.map(|[s, e]| s as usize..e as usize)
    }

    /// From the start of the first span to the end of the last (as
    /// [`super::Quote::extent`]).
    pub fn extent(&self) -> Range<usize> {
        let s = self.spans.first().map_or(0, |r| r[0] as usize);
        let e = self.spans.last().map_or(0, |r| r[1] as usize);
        s..e
    }
}

impl Default for QuoteTable {
    fn default() -> Self {
        QuoteTable::with_capacity(0)
    }
}

impl QuoteTable {
    /// An empty table with room for the quotations of `articles` articles.
    pub fn with_capacity(articles: usize) -> QuoteTable {
        let mut starts = Vec::with_capacity(articles + 1);
        starts.push(0);
        QuoteTable {
            starts,
            rows: Vec::new(),
            spans: Vec::new(),
        }
    }

    /// The table of `docs`, the quotations of each article in corpus order.
    pub fn of<'a>(docs: impl IntoIterator<Item = &'a QuoteDoc>) -> QuoteTable {
        let mut table = QuoteTable::default();
        for d in docs {
            table.push(d);
        }
        table
    }

    /// Add the quotations of the next article. A quotation whose offsets
    /// do not fit 32 bits (articles are at most 64 MiB:
    /// [`crate::corpus::bytes::MAX_FILE_BYTES`]), or that would make the table hold
    /// more than 2³² quotations or spans, is left out.
    pub fn push(&mut self, doc: &QuoteDoc) {
        let narrow =
            |r: &Range<usize>| Some([u32::try_from(r.start).ok()?, u32::try_from(r.end).ok()?]);
        for q in &doc.quotes {
            // Its spans go straight in, and come out again if it does not fit.
            let start = self.spans.len();
            self.spans.extend(q.spans.iter().map_while(narrow));
            let refers_to = q
                .speaker
                .as_ref()
                .and_then(|s| s.refers_to.as_ref())
                .map(narrow);
            let fits = self.spans.len() - start == q.spans.len()
                && refers_to != Some(None)
                && u32::try_from(self.spans.len()).is_ok()
                && u32::try_from(self.rows.len() + 1).is_ok();
            match u32::try_from(start).ok().filter(|_| fits) {
                Some(at) => self.rows.push(Row {
                    spans: at,
                    refers_to: refers_to.flatten(),
                    kind: q.kind,
                }),
                None => self.spans.truncate(start),
            }
        }
        // Fits: rows stay within u32 above.
        self.starts.push(self.rows.len() as u32);
    }

    /// How many articles the table holds.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether the table holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many quotations the table holds.
    pub fn quotations(&self) -> usize {
        self.rows.len()
    }

    /// The quotations of article `doc` (its place in corpus order), in text
    /// order; none for an article past the end.
    pub fn quotes_in(&self, doc: usize) -> impl ExactSizeIterator<Item = QuoteRef<'_>> + '_ {
        let end = doc.checked_add(1).and_then(|e| self.starts.get(e));
        let rows = match (self.starts.get(doc), end) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        };
        rows.map(|i| self.quote(i))
    }

    fn quote(&self, i: usize) -> QuoteRef<'_> {
        let row = self.rows[i];
        let end = self
            .rows
            .get(i + 1)
            .map_or(self.spans.len(), |r| r.spans as usize);
        QuoteRef {
            spans: &self.spans[row.spans as usize..end],
            refers_to: row.refers_to,
            kind: row.kind,
        }
    }

    /// The quoted spans of article `doc`, in text order.
    pub fn spans_in(&self, doc: usize) -> Vec<Range<usize>> {
        self.quotes_in(doc).flat_map(QuoteRef::spans).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Kind, Recognized};
    use crate::quote::{Quote, Speaker, SpeakerForm, analyse};

    const TEXT: &str = "„Wir bleiben hier“, sagte Anna Berg. Er erklärte, die Lage sei ruhig. \
                        Laut dem Ministerium ist alles gut.";

    fn doc() -> QuoteDoc {
        let at = TEXT.find("Anna Berg").unwrap();
        analyse(
            TEXT,
            &[Recognized {
                span: at..at + "Anna Berg".len(),
                kind: Kind::Person,
            }],
        )
    }

    /// The heap bytes `t` holds.
    fn heap_bytes(t: &QuoteTable) -> usize {
        t.starts.capacity() * size_of::<u32>()
            + t.rows.capacity() * size_of::<Row>()
            + t.spans.capacity() * size_of::<[u32; 2]>()
    }

    /// A quotation's spans, kind, speaker's mention and extent.
    type Kept = (
        Vec<Range<usize>>,
        QuoteKind,
        Option<Range<usize>>,
        Range<usize>,
    );

    /// What the table keeps of a `QuoteDoc`: each quotation's spans, kind
    /// and speaker's mention.
    fn kept(d: &QuoteDoc) -> Vec<Kept> {
        d.quotes
            .iter()
            .map(|q| {
                let refers = q.speaker.as_ref().and_then(|s| s.refers_to.clone());
                (q.spans.clone(), q.kind, refers, q.extent())
            })
            .collect()
    }

    fn read(t: &QuoteTable, doc: usize) -> Vec<Kept> {
        t.quotes_in(doc)
            .map(|q| (q.spans().collect(), q.kind(), q.refers_to(), q.extent()))
            .collect()
    }

    #[test]
    fn the_table_keeps_each_articles_quotations_in_order() {
        let d = doc();
        assert!(d.quotes.len() >= 2, "{d:?}");
        assert!(
            d.quotes
                .iter()
                .any(|q| q.speaker.as_ref().is_some_and(|s| s.refers_to.is_some())),
            "a speaker resolved to a mention"
        );
        // An article without quotations between two with.
        let docs = [d.clone(), QuoteDoc::default(), d.clone()];
        let t = QuoteTable::of(&docs);
        assert_eq!(t.len(), 3);
        assert_eq!(t.quotations(), 2 * d.quotes.len());
        for (i, qd) in docs.iter().enumerate() {
            assert_eq!(read(&t, i), kept(qd), "article {i}");
            let spans: Vec<_> = qd.quotes.iter().flat_map(|q| q.spans.clone()).collect();
            assert_eq!(t.spans_in(i), spans);
        }
        // Past the end: nothing.
        assert_eq!(t.quotes_in(3).len(), 0);
        assert!(t.spans_in(usize::MAX).is_empty());
        assert!(QuoteTable::default().is_empty());
        // Built one article at a time, the same table.
        let mut one = QuoteTable::with_capacity(3);
        for qd in &docs {
            one.push(qd);
        }
        assert_eq!(one, t);
    }

    #[test]
    fn a_quotation_with_several_spans_keeps_them_all() {
        let q = |spans: Vec<Range<usize>>, refers: Option<Range<usize>>| Quote {
            spans,
            kind: QuoteKind::Direct,
            cue: vec![40..45],
            speaker: Some(Speaker {
                span: 50..60,
                form: SpeakerForm::Name,
                refers_to: refers,
            }),
        };
        let d = QuoteDoc {
            quotes: vec![
                q(vec![0..10, 20..30, 35..38], Some(50..60)),
                q(vec![70..80], None),
            ],
            pronouns: vec![(90..92, 50..60)],
        };
        let t = QuoteTable::of([&d]);
        assert_eq!(read(&t, 0), kept(&d));
        assert_eq!(t.quotes_in(0).next().unwrap().extent(), 0..38);
    }

    #[test]
    fn a_quotation_past_32_bits_is_left_out_and_the_others_kept() {
        let Some(far) = 1usize.checked_shl(33) else {
            return; // 32-bit targets cannot hold such offsets at all
        };
        let q = |spans: Vec<Range<usize>>, refers: Option<Range<usize>>| Quote {
            spans,
            kind: QuoteKind::Indirect,
            cue: Vec::new(),
            speaker: refers.map(|r| Speaker {
                span: r.clone(),
                form: SpeakerForm::Name,
                refers_to: Some(r),
            }),
        };
        let d = QuoteDoc {
            quotes: vec![
                q(vec![0..4], None),
                q(vec![5..far], None),
                q(vec![6..9], Some(far..far + 3)),
                q(vec![10..12], Some(1..3)),
            ],
            pronouns: Vec::new(),
        };
        let t = QuoteTable::of([&d, &d]);
        let mut kept_ones = d.clone();
        kept_ones.quotes.drain(1..3);
        assert_eq!(read(&t, 0), kept(&kept_ones));
        assert_eq!(read(&t, 1), kept(&kept_ones));
    }

    #[test]
    fn the_table_is_much_smaller_than_the_quotations_it_keeps() {
        // Measured on a realistic article: the table's bytes per quotation
        // against a lower bound of what the `QuoteDoc`s hold.
        let d = doc();
        let docs = vec![d.clone(); 1000];
        let t = QuoteTable::of(&docs);
        let per_quote = |bytes: usize| bytes / t.quotations();
        let tree: usize = docs
            .iter()
            .map(|qd| {
                size_of::<QuoteDoc>()
                    + qd.quotes.len() * size_of::<Quote>()
                    + qd.quotes
                        .iter()
                        .map(|q| (q.spans.len() + q.cue.len()) * size_of::<Range<usize>>())
                        .sum::<usize>()
            })
            .sum();
        assert!(
            per_quote(heap_bytes(&t)) * 3 < per_quote(tree),
            "table {} bytes a quotation, QuoteDocs {}",
            per_quote(heap_bytes(&t)),
            per_quote(tree)
        );
    }
}
