//! `dossier analyze`: the map step. Articles in (files and folders, or JSON
//! Lines on standard input with `-`), one JSON line out per article with its
//! recognised mentions, its entities linked within it, and their linking
//! keys ([`crate::entity::analysis_json`]). Any engine can run it unchanged:
//! a shell pipeline, Spark's `RDD.pipe`, the shared store's worker.
//!
//! Standard input holds one article per line, `{"id": "…", "title": "…",
//! "text": "…"}` (`title` optional: the text's headline otherwise). A line
//! that is not such an object is reported with its number and skipped; the
//! exit code is then 3.

use super::{EXIT_SKIPPED, EXIT_USAGE, say};
use crate::corpus::Document;
use crate::corpus::bytes::MAX_FILE_BYTES;
use crate::corpus::records::RecordOptions;
use crate::entity::analysis_json::AnalysisLine;
use crate::entity::pipeline;
use crate::ingest::stdin::is_stdin;
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Articles analysed per parallel batch.
const BATCH: usize = 256;

/// One article on standard input.
#[derive(Debug, Deserialize)]
struct InputLine {
    id: String,
    #[serde(default)]
    title: Option<String>,
    text: String,
}

/// Analyse the articles of `paths` (`-`: JSON Lines on standard input,
/// after the files) and write one line per article to standard output.
pub fn run(paths: &[PathBuf], options: &RecordOptions) -> anyhow::Result<ExitCode> {
    let files: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
    let from_stdin = files.len() < paths.len();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut skipped = false;
    let mut written = 0usize;
    if !files.is_empty() || !from_stdin {
        let (docs, problems) = crate::ingest::read_documents(&files, options);
        for p in &problems {
            say(p);
        }
        skipped |= !problems.is_empty();
        for chunk in docs.chunks(BATCH) {
            written += write_batch(&mut out, chunk.iter().map(|d| &**d))?;
        }
    }
    if from_stdin {
        let stdin = io::stdin();
        let report = analyse_lines(stdin.lock(), &mut out, &mut |line, why| {
            say(format!("standard input, line {line}: {why}; skipped"))
        })?;
        written += report.written;
        skipped |= report.skipped > 0;
    }
    out.flush()?;
    if written == 0 {
        say("no articles to analyse");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    Ok(if skipped {
        ExitCode::from(EXIT_SKIPPED)
    } else {
        ExitCode::SUCCESS
    })
}

/// What [`analyse_lines`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LinesReport {
    /// Articles analysed and written.
    pub written: usize,
    /// Lines skipped (each reported).
    pub skipped: usize,
}

/// Analyse the JSON Lines articles of `input`, writing one line per article
/// to `out`, in input order; each bad line is told to `problem` with its
/// 1-based number and skipped. Blank lines are ignored. A line longer than
/// the largest article file dossier reads is refused without being kept in
/// memory.
pub fn analyse_lines(
    mut input: impl BufRead,
    out: &mut impl Write,
    problem: &mut dyn FnMut(usize, String),
) -> io::Result<LinesReport> {
    let mut report = LinesReport::default();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut number = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = (&mut input)
            .take(MAX_FILE_BYTES + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        number += 1;
        if buf.len() as u64 > MAX_FILE_BYTES {
            // Skip the rest of the line.
            while buf.last() != Some(&b'\n') {
                buf.clear();
                if (&mut input).take(1 << 20).read_until(b'\n', &mut buf)? == 0 {
                    break;
                }
            }
            problem(number, format!("longer than {MAX_FILE_BYTES} bytes"));
            report.skipped += 1;
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<InputLine>(&buf) {
            Ok(line) => {
                let mut doc =
                    Document::from_bytes(line.id, PathBuf::from("-"), line.text.as_bytes());
                if let Some(title) = line.title {
                    doc.title = title.into();
                }
                batch.push(doc);
                if batch.len() == BATCH {
                    report.written += write_batch(out, batch.iter())?;
                    batch.clear();
                }
            }
            Err(e) => {
                problem(number, format!("not an article object ({e})"));
                report.skipped += 1;
            }
        }
    }
    report.written += write_batch(out, batch.iter())?;
    Ok(report)
}

/// Analyse `docs` on every core and write their lines in order; how many
/// were written.
fn write_batch<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = &'a Document>,
) -> io::Result<usize> {
    let docs: Vec<&Document> = docs.collect();
    let lines: Vec<AnalysisLine> = docs
        .par_iter()
        .map(|d| AnalysisLine::new(&d.id, &d.title, &pipeline::analyse(d)))
        .collect();
    for line in &lines {
        serde_json::to_writer(&mut *out, line)?;
        out.write_all(b"\n")?;
    }
    Ok(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_lines(input: &str) -> (Vec<AnalysisLine>, Vec<(usize, String)>, LinesReport) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let report = analyse_lines(input.as_bytes(), &mut out, &mut |n, why| {
            problems.push((n, why))
        })
        .unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, problems, report)
    }

    #[test]
    fn each_article_line_gives_one_analysis_line_in_order() {
        let input = concat!(
            r#"{"id": "a", "title": "Eins", "text": "Angela Merkel besuchte Bonn."}"#,
            "\n\n",
            r#"{"id": "b", "text": "Bericht\n\nEmmanuel Macron sprach in Paris."}"#,
            "\n"
        );
        let (lines, problems, report) = run_lines(input);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            report,
            LinesReport {
                written: 2,
                skipped: 0
            }
        );
        assert_eq!(lines[0].id, "a");
        assert_eq!(lines[0].title, "Eins");
        assert_eq!(lines[1].id, "b");
        assert_eq!(
            lines[1].title, "Bericht",
            "the headline when no title is given"
        );
        let text = "Angela Merkel besuchte Bonn.";
        let surfaces: Vec<&str> = lines[0]
            .entities
            .iter()
            .flat_map(|e| &e.mentions)
            .map(|m| &text[m.start..m.end])
            .collect();
        assert!(surfaces.contains(&"Angela Merkel"), "{surfaces:?}");
        assert!(surfaces.contains(&"Bonn"), "{surfaces:?}");
    }

    #[test]
    fn a_malformed_line_is_reported_with_its_number_and_skipped() {
        let input = concat!(
            r#"{"id": "a", "text": "Angela Merkel besuchte Bonn."}"#,
            "\n",
            r#"{"id": "b", "text": "#,
            "\n",
            r#"{"title": "no id or text"}"#,
            "\n",
            "[1, 2]\n",
            r#"{"id": "c", "text": "Olaf Scholz in Berlin."}"#
        );
        let (lines, problems, report) = run_lines(input);
        assert_eq!(
            report,
            LinesReport {
                written: 2,
                skipped: 3
            }
        );
        let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        let numbers: Vec<usize> = problems.iter().map(|p| p.0).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert!(problems[1].1.contains("missing field"), "{problems:?}");
    }

    #[test]
    fn invalid_utf8_and_control_bytes_do_not_panic() {
        let mut input = b"{\"id\": \"x\", \"text\": \"Bonn \xff\"}\n".to_vec();
        input.extend_from_slice(b"{\"id\": \"y\", \"text\": \"Bonn\\u0000 und Berlin\"}\n");
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let report =
            analyse_lines(&input[..], &mut out, &mut |n, why| problems.push((n, why))).unwrap();
        assert_eq!(
            report,
            LinesReport {
                written: 1,
                skipped: 1
            }
        );
        assert_eq!(problems[0].0, 1);
    }
}
