//! Delimited text (CSV, TSV): an RFC 4180 parser with a configurable
//! delimiter and quote character, and the detection of both.
//!
//! The parser works on a byte buffer that starts at a record and hands out
//! fields as byte ranges into it, so a field is copied only when it holds a
//! doubled quote. It is lenient where files in the wild are: a quote inside an
//! unquoted field is literal, CRLF and lone CR end records, blank lines are
//! skipped. A quoted field that never closes, or text after a closing quote,
//! is malformed: the reader reports it and resumes at the next line.

use std::borrow::Cow;
use std::io::{self, Read};
use std::ops::Range;

/// How a delimited file separates and quotes its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The field separator: `,`, `;` or a tab.
    pub delimiter: u8,
    /// The quote character: `"` or `'`.
    pub quote: u8,
}

/// One field of a record: a byte range of the record's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The content, without the enclosing quotes.
    pub range: Range<usize>,
    /// Whether the field was quoted.
    pub quoted: bool,
    /// Whether the content holds doubled quotes that unescape to one.
    pub escaped: bool,
}

/// What parsing at the start of a buffer found.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// A record whose bytes, line break included, end at `end`.
    Record {
        /// One past the record's last byte.
        end: usize,
    },
    /// The buffer ends inside a record; more input is needed.
    Incomplete,
    /// The record's quoting is broken.
    Malformed(String),
}

/// Parse the record at the start of `buf` into `fields`. `eof` says whether
/// `buf` holds the rest of the input. `buf` must not be empty.
pub fn parse_record(buf: &[u8], eof: bool, d: Dialect, fields: &mut Vec<Field>) -> Step {
    fields.clear();
    let mut i = 0;
    loop {
        if buf.get(i) == Some(&d.quote) {
            let start = i + 1;
            let mut j = start;
            let mut escaped = false;
            let close = loop {
                match memchr::memchr(d.quote, &buf[j..]) {
                    None if eof => {
                        return Step::Malformed(format!(
                            "a field opened with {} is never closed",
                            show(d.quote)
                        ));
                    }
                    None => return Step::Incomplete,
                    Some(k) => {
                        let at = j + k;
                        match buf.get(at + 1) {
                            Some(&q) if q == d.quote => {
                                escaped = true;
                                j = at + 2;
                            }
                            None if !eof => return Step::Incomplete,
                            _ => break at,
                        }
                    }
                }
            };
            fields.push(Field {
                range: start..close,
                quoted: true,
                escaped,
            });
            let after = close + 1;
            match buf.get(after) {
                None => return Step::Record { end: after },
                Some(&b) if b == d.delimiter => i = after + 1,
                Some(b'\n') => return Step::Record { end: after + 1 },
                Some(b'\r') => return end_at_cr(buf, after, eof),
                Some(_) => {
                    return Step::Malformed(format!(
                        "text follows the closing {} of field {}",
                        show(d.quote),
                        fields.len()
                    ));
                }
            }
        } else {
            let rest = &buf[i..];
            match memchr::memchr3(d.delimiter, b'\n', b'\r', rest) {
                None if eof => {
                    fields.push(plain(i..buf.len()));
                    return Step::Record { end: buf.len() };
                }
                None => return Step::Incomplete,
                Some(k) => {
                    let at = i + k;
                    fields.push(plain(i..at));
                    match buf[at] {
                        b'\n' => return Step::Record { end: at + 1 },
                        b'\r' => return end_at_cr(buf, at, eof),
                        _ => i = at + 1,
                    }
                }
            }
        }
    }
}

fn plain(range: Range<usize>) -> Field {
    Field {
        range,
        quoted: false,
        escaped: false,
    }
}

/// A record ends at a CR, with the LF that may follow.
fn end_at_cr(buf: &[u8], cr: usize, eof: bool) -> Step {
    match buf.get(cr + 1) {
        Some(b'\n') => Step::Record { end: cr + 2 },
        None if !eof => Step::Incomplete,
        _ => Step::Record { end: cr + 1 },
    }
}

fn show(b: u8) -> String {
    match b {
        b'\t' => "a tab".into(),
        b => format!("{}", b as char),
    }
}

/// Whether a parsed record is a blank line.
pub fn is_blank(fields: &[Field]) -> bool {
    matches!(fields, [f] if !f.quoted && f.range.is_empty())
}

/// The content of a field, with doubled quotes made single. Borrowed unless
/// the field holds doubled quotes.
pub fn field_bytes<'a>(record: &'a [u8], field: &Field, quote: u8) -> Cow<'a, [u8]> {
    let raw = &record[field.range.clone()];
    if !field.escaped {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        out.push(raw[i]);
        i += if raw[i] == quote && raw.get(i + 1) == Some(&quote) {
            2
        } else {
            1
        };
    }
    Cow::Owned(out)
}

/// Records longer than this are malformed (a quote that never closes).
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// How much is read at a time.
const CHUNK: usize = 1 << 20;

/// What [`Records::next`] yields.
#[derive(Debug)]
pub enum Next<'a> {
    /// A record starting on `line` (1-based), with its bytes; the fields are
    /// in the vector passed to `next`.
    Record {
        /// The line the record starts on.
        line: usize,
        /// The record's bytes, which the fields index.
        bytes: &'a [u8],
    },
    /// A malformed record starting on `line`; the reader resumes at the next
    /// line.
    Malformed {
        /// The line the record starts on.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Records read from a stream, a chunk at a time.
pub struct Records<R> {
    reader: R,
    buf: Vec<u8>,
    start: usize,
    eof: bool,
    line: usize,
    /// Skip up to the next line break before parsing (after a malformed
    /// record whose first line did not fit the buffer).
    skip_line: bool,
    /// The dialect records are parsed with.
    pub dialect: Dialect,
}

impl<R: Read> Records<R> {
    /// A reader over `reader`, whose first bytes (BOM removed) are `head`.
    pub fn new(reader: R, head: Vec<u8>, eof: bool, dialect: Dialect) -> Records<R> {
        Records {
            reader,
            buf: head,
            start: 0,
            eof,
            line: 1,
            skip_line: false,
            dialect,
        }
    }

    /// The next record (fields in `fields`), or `None` at the end.
    pub fn next(&mut self, fields: &mut Vec<Field>) -> io::Result<Option<Next<'_>>> {
        loop {
            if self.skip_line {
                match memchr::memchr(b'\n', &self.buf[self.start..]) {
                    Some(k) => {
                        self.start += k + 1;
                        self.line += 1;
                        self.skip_line = false;
                    }
                    None => self.start = self.buf.len(),
                }
            }
            if self.start >= self.buf.len() {
                if self.eof {
                    return Ok(None);
                }
                self.fill()?;
                continue;
            }
            let rest = &self.buf[self.start..];
            match parse_record(rest, self.eof, self.dialect, fields) {
                Step::Record { end } => {
                    let line = self.line;
                    let at = self.start;
                    self.line += memchr::memchr_iter(b'\n', &rest[..end]).count();
                    self.start += end;
                    if is_blank(fields) {
                        continue;
                    }
                    return Ok(Some(Next::Record {
                        line,
                        bytes: &self.buf[at..at + end],
                    }));
                }
                Step::Incomplete if rest.len() > MAX_RECORD_BYTES => {
                    let message = format!(
                        "record longer than {} MB (a quote that never closes?)",
                        MAX_RECORD_BYTES >> 20
                    );
                    return Ok(Some(self.malformed(message)));
                }
                Step::Incomplete => self.fill()?,
                Step::Malformed(message) => return Ok(Some(self.malformed(message))),
            }
        }
    }

    /// Skip to the line after the current record's first line.
    fn malformed(&mut self, message: String) -> Next<'static> {
        let line = self.line;
        let rest = &self.buf[self.start..];
        match memchr::memchr(b'\n', rest) {
            Some(k) => {
                self.start += k + 1;
                self.line += 1;
            }
            None => {
                // The line runs past the buffer: drop what we have and skip
                // the rest of the line as more is read.
                self.start = self.buf.len();
                self.skip_line = true;
            }
        }
        Next::Malformed { line, message }
    }

    fn fill(&mut self) -> io::Result<()> {
        self.buf.drain(..self.start);
        self.start = 0;
        let want = CHUNK.max(self.buf.len());
        let old = self.buf.len();
        self.buf.resize(old + want, 0);
        let n = loop {
            match self.reader.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }
}

/// How many records of the head detection looks at.
const SAMPLE_RECORDS: usize = 200;

/// The records at the start of `head` parsed with `d`, as text (lossily
/// decoded), and how many records were malformed.
pub fn sample(head: &[u8], eof: bool, d: Dialect) -> (Vec<Vec<String>>, usize) {
    let mut records = Vec::new();
    let mut malformed = 0;
    let mut fields = Vec::new();
    let mut at = 0;
    while at < head.len() && records.len() + malformed < SAMPLE_RECORDS {
        let rest = &head[at..];
        match parse_record(rest, eof, d, &mut fields) {
            Step::Record { end } => {
                if !is_blank(&fields) {
                    records.push(
                        fields
                            .iter()
                            .map(|f| {
                                String::from_utf8_lossy(&field_bytes(rest, f, d.quote)).into_owned()
                            })
                            .collect(),
                    );
                }
                at += end;
            }
            Step::Incomplete => break,
            Step::Malformed(_) => {
                malformed += 1;
                at += memchr::memchr(b'\n', rest).map_or(rest.len(), |k| k + 1);
            }
        }
    }
    (records, malformed)
}

/// Pick the dialect under which the head of a file parses most consistently:
/// the most records share one field count of at least two, with the fewest
/// malformed ones; ties go to the dialect whose quote character actually
/// quotes fields, then to the earlier candidate.
pub fn detect(head: &[u8], eof: bool, delimiters: &[u8], quotes: &[u8]) -> Dialect {
    let mut best = None;
    let mut best_score = (f64::MIN, 0usize);
    for &delimiter in delimiters {
        for &quote in quotes {
            let d = Dialect { delimiter, quote };
            let (score, quoted) = consistency(head, eof, d, quotes);
            if score > best_score.0 || (score == best_score.0 && quoted > best_score.1) {
                best_score = (score, quoted);
                best = Some(d);
            }
        }
    }
    best.unwrap_or(Dialect {
        delimiter: delimiters.first().copied().unwrap_or(b','),
        quote: quotes.first().copied().unwrap_or(b'"'),
    })
}

/// The share of sampled records that have the most common field count, less
/// malformed records and unquoted fields that look quoted with another of
/// `quotes` (`'…'` read with `"`); zero when that count is one. And how many
/// fields were quoted.
fn consistency(head: &[u8], eof: bool, d: Dialect, quotes: &[u8]) -> (f64, usize) {
    let foreign = |rest: &[u8], f: &Field| {
        let v = &rest[f.range.clone()];
        !f.quoted
            && v.len() >= 2
            && quotes
                .iter()
                .any(|&q| q != d.quote && v[0] == q && v[v.len() - 1] == q)
    };
    let mut fields = Vec::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut malformed = 0usize;
    let mut records = 0usize;
    let mut quoted = 0usize;
    let mut foreign_quoted = 0usize;
    let mut at = 0;
    while at < head.len() && records + malformed < SAMPLE_RECORDS {
        let rest = &head[at..];
        match parse_record(rest, eof, d, &mut fields) {
            Step::Record { end } => {
                at += end;
                if is_blank(&fields) {
                    continue;
                }
                records += 1;
                quoted += fields.iter().filter(|f| f.quoted).count();
                foreign_quoted += fields.iter().filter(|f| foreign(rest, f)).count();
                match counts.iter_mut().find(|(n, _)| *n == fields.len()) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((fields.len(), 1)),
                }
            }
            Step::Incomplete => break,
            Step::Malformed(_) => {
                malformed += 1;
                at += memchr::memchr(b'\n', rest).map_or(rest.len(), |k| k + 1);
            }
        }
    }
    let Some(&(n, c)) = counts.iter().max_by_key(|(n, c)| (*c, *n)) else {
        return (0.0, 0);
    };
    if n < 2 {
        return (0.0, quoted);
    }
    let total = records + malformed;
    let good = c as f64 - malformed as f64 - foreign_quoted as f64;
    (good / total as f64, quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEMI: Dialect = Dialect {
        delimiter: b';',
        quote: b'\'',
    };
    const COMMA: Dialect = Dialect {
        delimiter: b',',
        quote: b'"',
    };

    fn parse_all(input: &[u8], d: Dialect) -> Vec<Result<Vec<String>, String>> {
        let mut r = Records::new(&b""[..], input.to_vec(), true, d);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(next) = r.next(&mut fields).unwrap() {
            out.push(match next {
                Next::Record { bytes, .. } => Ok(fields
                    .iter()
                    .map(|f| {
                        String::from_utf8(field_bytes(bytes, f, d.quote).into_owned()).unwrap()
                    })
                    .collect()),
                Next::Malformed { line, message } => Err(format!("{line}: {message}")),
            });
        }
        out
    }

    #[test]
    fn single_quotes_doubled_and_delimiters_inside() {
        let input = "Web;'Er sagt: ''Nein''; dann geht er.'\nSport;Ohne Anführung\r\nInland;'a;b'";
        let got = parse_all(input.as_bytes(), SEMI);
        assert_eq!(
            got,
            [
                Ok(vec!["Web".into(), "Er sagt: 'Nein'; dann geht er.".into()]),
                Ok(vec!["Sport".into(), "Ohne Anführung".into()]),
                Ok(vec!["Inland".into(), "a;b".into()]),
            ]
        );
    }

    #[test]
    fn multiline_quoted_fields_crlf_and_blank_lines() {
        let input = "id,text\r\n\r\n1,\"Zeile eins\r\nZeile \"\"zwei\"\"\"\r\n2,x\"y\r\n";
        let got = parse_all(input.as_bytes(), COMMA);
        assert_eq!(
            got,
            [
                Ok(vec!["id".into(), "text".into()]),
                Ok(vec!["1".into(), "Zeile eins\r\nZeile \"zwei\"".into()]),
                Ok(vec!["2".into(), "x\"y".into()]),
            ]
        );
    }

    #[test]
    fn malformed_records_resume_at_the_next_line() {
        let input = "a,\"b\"c\nd,e\nf,\"never closed\ng,h\n";
        let got = parse_all(input.as_bytes(), COMMA);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].as_ref().unwrap_err().starts_with("1: text follows"));
        assert_eq!(got[1], Ok(vec!["d".into(), "e".into()]));
        assert!(
            got[2]
                .as_ref()
                .unwrap_err()
                .starts_with("3: a field opened")
        );
        assert_eq!(got[3], Ok(vec!["g".into(), "h".into()]));
    }

    #[test]
    fn records_split_across_chunks_are_joined() {
        // A reader that hands out three bytes at a time.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(3).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let input = b"x;'a\nb'';c'\r\ny;z";
        let mut r = Records::new(Slow(input), Vec::new(), false, SEMI);
        let mut fields = Vec::new();
        let mut got = Vec::new();
        while let Some(Next::Record { line, bytes }) = r.next(&mut fields).unwrap() {
            let f: Vec<String> = fields
                .iter()
                .map(|f| String::from_utf8_lossy(&field_bytes(bytes, f, b'\'')).into_owned())
                .collect();
            got.push((line, f));
        }
        assert_eq!(
            got,
            [
                (1, vec!["x".to_string(), "a\nb';c".to_string()]),
                (3, vec!["y".to_string(), "z".to_string()]),
            ]
        );
    }

    #[test]
    fn an_overlong_record_is_skipped_up_to_its_line_end() {
        let mut input = b"a;'".to_vec();
        input.resize(MAX_RECORD_BYTES + 3 * CHUNK, b'x');
        input.extend_from_slice(b"\nb;c\n");
        let mut r = Records::new(&input[..], Vec::new(), false, SEMI);
        let mut fields = Vec::new();
        match r.next(&mut fields).unwrap() {
            Some(Next::Malformed { line: 1, message }) => assert!(message.contains("MB")),
            other => panic!("{other:?}"),
        }
        match r.next(&mut fields).unwrap() {
            Some(Next::Record { line: 2, bytes }) => assert_eq!(bytes, b"b;c\n"),
            other => panic!("{other:?}"),
        }
        assert!(r.next(&mut fields).unwrap().is_none());
    }

    #[test]
    fn detects_gnad_style_and_plain_csv() {
        let gnad = "Web;'Er sagt: \"Ja\", ''so''; dann.'\nSport;Ein Satz, mit Komma.\nInland;'Noch; einer'\n";
        let d = detect(gnad.as_bytes(), true, b",;\t", b"\"'");
        assert_eq!(d, SEMI);
        let csv = "title,text\nA,\"Ein Text; mit 'Zeichen'\"\nB,Zwei\n";
        assert_eq!(detect(csv.as_bytes(), true, b",;\t", b"\"'"), COMMA);
        let tsv = "title\ttext\nA\tEin Text, mit Komma; und Semikolon\n";
        let d = detect(tsv.as_bytes(), true, b",;\t", b"\"'");
        assert_eq!(d.delimiter, b'\t');
    }
}
