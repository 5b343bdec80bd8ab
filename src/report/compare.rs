//! `dossier compare`: two reports side by side, as a readable text or JSON.

use super::{Format, exit_code, load, usage};
use crate::corpus::records::RecordOptions;
use crate::corpus::{Corpus, DocId};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Compare reports `a` and `b` (ids or paths) of the corpus at `paths` (by
/// default the bundled reports, or `a` and `b` themselves when they are
/// files).
pub fn run(
    a: &str,
    b: &str,
    paths: &[PathBuf],
    format: Format,
    options: &RecordOptions,
) -> anyhow::Result<ExitCode> {
    let mut paths = paths.to_vec();
    if paths.is_empty() {
        for p in [a, b] {
            if Path::new(p).is_file() {
                paths.push(PathBuf::from(p));
            }
        }
    }
    let Some(loaded) = load(&paths, options) else {
        return Ok(usage());
    };
    let find = |name: &str| find(&loaded.corpus, name);
    let (Some(left), Some(right)) = (find(a), find(b)) else {
        for (n, d) in [(a, find(a)), (b, find(b))] {
            if d.is_none() {
                super::say(format!("no report “{n}” in the corpus"));
            }
        }
        let ids: Vec<&str> = loaded
            .corpus
            .docs()
            .iter()
            .map(|d| &*d.id)
            .take(10)
            .collect();
        super::say_plain(format!(
            "reports are named by id or path, e.g.: {}",
            ids.join(", ")
        ));
        return Ok(usage());
    };
    let Some(c) = crate::compare::compare(&loaded.corpus, left, right, &loaded.index) else {
        return Ok(usage());
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Text => out.write_all(
            crate::corpus::sanitize::visible_lines(&crate::compare::text_report(&c)).as_bytes(),
        )?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &c)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_code(&loaded))
}

/// The report named `name`: by id, or by the stem of its path.
fn find(corpus: &Corpus, name: &str) -> Option<DocId> {
    corpus.find(name).or_else(|| {
        let stem = Path::new(name).file_stem()?.to_string_lossy().into_owned();
        corpus.find(&stem)
    })
}
