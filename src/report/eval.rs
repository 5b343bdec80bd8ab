//! `dossier eval`: the engine scored against gold annotations, either a
//! seeds-gold/1 file over a corpus or a GermEval/CoNLL file.

use super::{Format, exit_code, load, usage};
use crate::corpus::records::RecordOptions;
use crate::entity::eval::conll::{self as conll_format, SpanScores};
use crate::entity::ner::recognize::Recognizer;
use crate::entity::{Kind, eval as gold_eval, json};
use anyhow::Context;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Score against the `conll` file if given, else against the `gold` file over
/// the articles at `paths` (the bundled reports when empty). `detail` lists
/// every miss, false positive, split and merge of a gold file.
pub fn run(
    gold: Option<PathBuf>,
    conll: Option<PathBuf>,
    detail: bool,
    paths: &[PathBuf],
    format: Format,
    options: &RecordOptions,
) -> anyhow::Result<ExitCode> {
    if let Some(path) = conll {
        return run_conll(&path, format);
    }
    let Some(path) = gold else {
        return Ok(usage());
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let gold = gold_eval::Gold::parse(&text)
        .with_context(|| format!("{} is not a gold file", path.display()))?;
    let Some(loaded) = load(paths, options) else {
        return Ok(usage());
    };
    let output = json::output(&loaded.corpus, &loaded.index);
    let mut score = gold_eval::score(&gold, &output);
    match format {
        Format::Text if detail => write!(out, "{score:#}")?,
        Format::Text => write!(out, "{score}")?,
        Format::Json => {
            if !detail {
                score.details.clear();
            }
            serde_json::to_writer_pretty(&mut out, &score)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_code(&loaded))
}

/// Exact-span scores of the recognizer on a CoNLL file.
fn run_conll(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let sentences =
        conll_format::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if sentences.is_empty() {
        super::say(format!("{}: no sentences found", path.display()));
        return Ok(usage());
    }
    let recognizer = Recognizer::get();
    let predicted: Vec<_> = sentences
        .iter()
        .map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            recognizer.tag_tokens(&tokens)
        })
        .collect();
    let gold: Vec<_> = sentences.iter().map(|s| s.tags.clone()).collect();
    let scores = conll_format::score(&gold, &predicted);
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    if format == Format::Json {
        let json = span_scores_json(&scores, path, sentences.len(), tokens);
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}: {} sentences, {tokens} tokens (outer PER/LOC/ORG, exact spans)",
        crate::corpus::sanitize::visible(&path.display().to_string()),
        sentences.len()
    )?;
    write_span_scores(&mut out, &scores)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Exact-span scores as JSON: the file and its size, then `typed`,
/// `untyped` and each class with precision, recall, F1 and the counts.
fn span_scores_json(
    s: &SpanScores,
    path: &Path,
    sentences: usize,
    tokens: usize,
) -> serde_json::Value {
    let counts = |c: conll_format::Counts| {
        serde_json::json!({
            "precision": c.precision(),
            "recall": c.recall(),
            "f1": c.f1(),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn_,
        })
    };
    let mut kinds = serde_json::Map::new();
    for k in [Kind::Person, Kind::Place, Kind::Organization] {
        kinds.insert(k.as_str().to_string(), counts(s.kind(k)));
    }
    let mut v = serde_json::json!({
        "file": path.display().to_string(),
        "sentences": sentences,
        "tokens": tokens,
        "typed": counts(s.typed),
        "untyped": counts(s.untyped),
        "kinds": kinds,
    });
    if let (Some(e), Some(map)) = (crate::corpus::path_text::escaped(path), v.as_object_mut()) {
        map.insert("file_escaped".into(), e.into());
    }
    v
}

/// Print exact-span scores: typed and untyped, then per class.
pub fn write_span_scores(out: &mut impl Write, s: &SpanScores) -> io::Result<()> {
    for (label, c) in [("typed", s.typed), ("untyped", s.untyped)] {
        writeln!(
            out,
            "{label:<13} P {:.3}  R {:.3}  F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        )?;
    }
    for k in [Kind::Person, Kind::Place, Kind::Organization] {
        let c = s.kind(k);
        writeln!(
            out,
            "{:<13} P {:.3}  R {:.3}  F1 {:.3}  (gold {})",
            k.as_str(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp + c.fn_
        )?;
    }
    Ok(())
}
