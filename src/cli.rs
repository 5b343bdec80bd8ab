//! The command line: the reader by default, and headless subcommands for
//! scripts.
//!
//! Exit codes: 0 success; 1 an error (terminal, I/O); 2 bad usage, or nothing
//! could be opened; 3 the output is complete for what opened, but some input
//! was skipped (each problem is on stderr).

use crate::app::worker::{self, Job, Update};
use crate::corpus::records::RecordOptions;
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex, json};
use crate::tui;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: some input was skipped.
pub const EXIT_SKIPPED: u8 = 3;
/// Exit code: bad usage, or nothing could be opened.
pub const EXIT_USAGE: u8 = 2;

/// A terminal reader for a corpus of news reports: the people, places and
/// organizations in them made navigable.
///
/// With no PATH, opens the bundled reports. PATHs are `.txt` and `.md`
/// articles, or folders of them (searched recursively).
#[derive(Debug, Parser)]
#[command(name = "dossier", version)]
#[command(
    after_help = "Exit codes: 0 ok · 1 error · 2 bad usage or nothing opened · 3 some input skipped"
)]
pub struct Cli {
    /// Articles and folders of articles to read.
    pub paths: Vec<PathBuf>,
    /// CSV/TSV/JSON Lines corpora: the field with the article text (a name,
    /// or a column number for files without a header). Detected when unset.
    #[arg(long, global = true, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// CSV/TSV/JSON Lines corpora: the field with the title.
    #[arg(long, global = true, value_name = "FIELD")]
    pub title_field: Option<String>,
    /// CSV/TSV/JSON Lines corpora: the field with a unique id.
    #[arg(long, global = true, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// Print the default configuration file, with comments, and exit (save
    /// it as config.toml in the config directory to change it).
    #[arg(long)]
    pub print_config: bool,
    /// How much to write to the log file in the state directory (default:
    /// warn, or $DOSSIER_LOG).
    #[arg(long, global = true, value_enum, value_name = "LEVEL")]
    pub log_level: Option<crate::logging::Level>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output formats of `entities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// The stable JSON contract, for scripts.
    Json,
}

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// A readable report.
    Text,
    /// JSON, for scripts.
    Json,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the entities of a corpus with their mentions.
    Entities {
        /// Articles and folders (default: the bundled reports).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Compare two reports: shared and unique entities, figures that differ.
    Compare {
        /// The left report: a document id (file stem) or a path.
        a: String,
        /// The right report: a document id or a path.
        b: String,
        /// The corpus the two belong to (default: the bundled reports; the
        /// two paths themselves when they are files outside it).
        #[arg(long = "in", value_name = "PATH")]
        corpus: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
    /// Score the engine against gold annotations.
    ///
    /// With --gold, a seeds-gold/1 JSON file: mention precision/recall/F1 by
    /// overlap, typed recall, B-cubed linking F1, split and merged entities,
    /// over the given articles (default: the bundled reports). With --conll, a
    /// GermEval/CoNLL TSV file: exact-span P/R/F1 per class, typed and
    /// untyped, on the outer PER/LOC/ORG level.
    Eval {
        /// A gold file in the seeds-gold/1 format.
        #[arg(long, conflicts_with = "conll", required_unless_present = "conll")]
        gold: Option<PathBuf>,
        /// A GermEval 2014 or `token<TAB>tag` CoNLL file.
        #[arg(long)]
        conll: Option<PathBuf>,
        /// List every miss, false positive, split and merge.
        #[arg(long)]
        detail: bool,
        /// The articles the gold file annotates (default: the bundled reports).
        paths: Vec<PathBuf>,
    },
    /// Print each mention of an entity with its document, line and context.
    Mentions {
        /// The entity's name or one of its spellings.
        name: String,
        /// Articles and folders (default: the bundled reports).
        paths: Vec<PathBuf>,
    },
    /// List the quotations of a corpus with their speakers (who said what).
    Quotes(crate::quote::report::QuotesArgs),
    /// Print a shell completion script.
    ///
    /// For example: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`,
    /// `dossier completions zsh > ~/.zfunc/_dossier`, or
    /// `dossier completions fish > ~/.config/fish/completions/dossier.fish`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man | man -l -`.
    Man,
}

/// The clap definition of the command line (for completions and the man
/// page).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Write the completion script for `shell`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut impl Write) {
    clap_complete::generate(shell, &mut command(), "dossier", out);
}

/// Write the manual page.
pub fn write_man(out: &mut impl Write) -> io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
}

/// Parse the command line and run it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::logging::init(cli.log_level);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            tracing::error!("{e:#}");
            eprintln!("dossier: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let options = RecordOptions {
        text_field: cli.text_field.clone(),
        title_field: cli.title_field.clone(),
        id_field: cli.id_field.clone(),
        ..RecordOptions::default()
    };
    if cli.print_config {
        let mut out = io::stdout().lock();
        out.write_all(crate::config::DEFAULT_TOML.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    match cli.command {
        None => {
            let job = Job::discover_with(&cli.paths, options);
            if let Job::Files {
                files, problems, ..
            } = &job
                && files.is_empty()
            {
                for p in problems {
                    eprintln!("dossier: {p}");
                }
                eprintln!("dossier: no articles to open");
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            tui::run(job)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Entities { paths, format }) => {
            let Some(loaded) = load(&paths, &options) else {
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            match format {
                Format::Json => {
                    let view = json::JsonView {
                        corpus: &loaded.corpus,
                        index: &loaded.index,
                    };
                    serde_json::to_writer(&mut out, &view)?;
                    writeln!(out)?;
                }
                Format::Table => write_table(&mut out, &loaded.index)?,
            }
            out.flush()?;
            Ok(loaded.exit_code())
        }
        Some(Command::Compare {
            a,
            b,
            corpus,
            format,
        }) => {
            let mut paths = corpus;
            if paths.is_empty() {
                for p in [&a, &b] {
                    if std::path::Path::new(p).is_file() {
                        paths.push(PathBuf::from(p));
                    }
                }
            }
            let Some(loaded) = load(&paths, &options) else {
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let find = |name: &str| {
                loaded.corpus.find(name).or_else(|| {
                    let stem = std::path::Path::new(name)
                        .file_stem()?
                        .to_string_lossy()
                        .into_owned();
                    loaded.corpus.find(&stem)
                })
            };
            let (Some(left), Some(right)) = (find(&a), find(&b)) else {
                for (n, d) in [(&a, find(&a)), (&b, find(&b))] {
                    if d.is_none() {
                        eprintln!("dossier: no report “{n}” in the corpus");
                    }
                }
                let ids: Vec<&str> = loaded
                    .corpus
                    .docs()
                    .iter()
                    .map(|d| d.id.as_str())
                    .take(10)
                    .collect();
                eprintln!("reports are named by id or path, e.g.: {}", ids.join(", "));
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let Some(c) = crate::compare::compare(&loaded.corpus, left, right, &loaded.index)
            else {
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            match format {
                CompareFormat::Text => out.write_all(crate::compare::text_report(&c).as_bytes())?,
                CompareFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &c)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            Ok(loaded.exit_code())
        }
        Some(Command::Eval {
            gold,
            conll,
            detail,
            paths,
        }) => eval(gold, conll, detail, &paths, &options),
        Some(Command::Quotes(args)) => crate::quote::report::run(args, &options),
        Some(Command::Completions { shell }) => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write_completions(shell, &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write_man(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Mentions { name, paths }) => {
            let Some(loaded) = load(&paths, &options) else {
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let Some(id) = loaded.index.find(&name) else {
                eprintln!("dossier: no entity named “{name}”");
                let candidates = similar(&loaded.index, &name);
                if !candidates.is_empty() {
                    eprintln!("did you mean: {}", candidates.join(", "));
                }
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            write_mentions(&mut out, &loaded.corpus, &loaded.index, id)?;
            out.flush()?;
            Ok(loaded.exit_code())
        }
    }
}

/// A corpus loaded for a headless command.
pub struct Loaded {
    /// The articles.
    pub corpus: Corpus,
    /// Their entities.
    pub index: EntityIndex,
    /// Problems met (already printed to stderr).
    pub problems: usize,
    /// The worker, still saving the index caches while the output is
    /// written; joined on drop.
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Loaded {
    fn drop(&mut self) {
        if let Some(w) = self.worker.take() {
            // A worker that panicked has nothing left to save.
            let _ = w.join();
        }
    }
}

impl Loaded {
    fn exit_code(&self) -> ExitCode {
        if self.problems > 0 {
            ExitCode::from(EXIT_SKIPPED)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Load and index `paths` (the bundled reports when empty), printing problems
/// to stderr. `None` when nothing could be opened. The worker goes on saving
/// the index caches while the caller writes its output.
pub fn load(paths: &[PathBuf], options: &RecordOptions) -> Option<Loaded> {
    let mut job = Job::discover_with(paths, options.clone());
    if let Job::Files { analyses, .. } = &mut job {
        // Headless commands make no corrections.
        *analyses = false;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || worker::run(&job, &|u| tx.send(u).is_ok()));
    let mut docs = Vec::new();
    let mut index = None;
    let mut problems = 0usize;
    // The receiver stays open until the worker ends, so it saves the caches.
    for u in rx.iter() {
        match u {
            Update::Documents(d) => docs.extend(d),
            Update::Problems(p) => {
                for m in &p {
                    eprintln!("dossier: {m}");
                }
                problems += p.len();
            }
            Update::Indexed(ix, _) => {
                index = Some(ix);
                break;
            }
            Update::Found(_) | Update::Analysed(_) | Update::Analyses(_) => {}
        }
    }
    let worker = Some(std::thread::spawn(move || {
        // Drain what follows the index, then wait for the worker.
        for _ in rx.iter() {}
        let _ = worker.join();
    }));
    let mut loaded = Loaded {
        corpus: Corpus::default(),
        index: index.unwrap_or_default(),
        problems,
        worker,
    };
    if docs.is_empty() {
        eprintln!("dossier: no articles to open");
        return None;
    }
    loaded.corpus.extend(docs);
    Some(loaded)
}

fn write_table(out: &mut impl Write, index: &EntityIndex) -> io::Result<()> {
    let mut ids: Vec<EntityId> = (0..index.len()).map(|i| EntityId(i as u32)).collect();
    ids.retain(|&id| index.mention_count(id) > 0);
    ids.sort_by(|&a, &b| {
        let (ea, eb) = (index.entity(a), index.entity(b));
        ea.kind
            .cmp(&eb.kind)
            .then(index.mention_count(b).cmp(&index.mention_count(a)))
            .then(ea.name.cmp(&eb.name))
    });
    let name_w = ids
        .iter()
        .map(|&id| index.entity(id).name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    writeln!(
        out,
        "{:<12} {:<name_w$} {:>4} {:>8}  ALSO WRITTEN",
        "KIND", "NAME", "DOCS", "MENTIONS"
    )?;
    for id in ids {
        let e = index.entity(id);
        let others: Vec<&str> = e
            .aliases
            .iter()
            .filter(|a| **a != e.name)
            .map(String::as_str)
            .collect();
        writeln!(
            out,
            "{:<12} {:<name_w$} {:>4} {:>8}  {}",
            e.kind.as_str(),
            crate::corpus::sanitize::visible(&e.name),
            index.doc_count(id),
            index.mention_count(id),
            crate::corpus::sanitize::visible(&others.join(", "))
        )?;
    }
    Ok(())
}

fn write_mentions(
    out: &mut impl Write,
    corpus: &Corpus,
    index: &EntityIndex,
    id: EntityId,
) -> io::Result<()> {
    let e = index.entity(id);
    writeln!(
        out,
        "{} ({}): {} mentions in {} documents",
        crate::corpus::sanitize::visible(&e.name),
        e.kind,
        index.mention_count(id),
        index.doc_count(id)
    )?;
    for m in index.mentions_of(id) {
        let d = corpus.doc(m.doc);
        writeln!(
            out,
            "{}:{}: {}",
            crate::corpus::sanitize::visible(&d.id),
            d.line_of(m.start as usize),
            context(corpus, m.doc, m.span())
        )?;
    }
    Ok(())
}

/// A line of context around a mention, at most about 100 characters, with the
/// mention in brackets.
pub fn context(corpus: &Corpus, doc: DocId, span: std::ops::Range<usize>) -> String {
    let d = corpus.doc(doc);
    let line = d.line_at(span.start);
    let line_start = line.as_ptr() as usize - d.text.as_ptr() as usize;
    let (s, e) = (
        span.start - line_start,
        (span.end - line_start).min(line.len()),
    );
    let before: String = line[..s]
        .chars()
        .rev()
        .take(45)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = line[e..].chars().take(45).collect();
    let lead = if before.len() < s { "…" } else { "" };
    let tail = if after.len() < line.len() - e {
        "…"
    } else {
        ""
    };
    crate::corpus::sanitize::visible(&format!(
        "{lead}{}[{}]{}{tail}",
        before.trim_start(),
        &line[s..e],
        after.trim_end()
    ))
}

fn similar(index: &EntityIndex, name: &str) -> Vec<String> {
    let needle = crate::search::fold(name);
    index
        .entities()
        .iter()
        .filter(|e| {
            e.aliases
                .iter()
                .any(|a| crate::search::fold(a).contains(&needle))
        })
        .take(8)
        .map(|e| e.name.clone())
        .collect()
}

fn eval(
    gold: Option<PathBuf>,
    conll: Option<PathBuf>,
    detail: bool,
    paths: &[PathBuf],
    options: &RecordOptions,
) -> anyhow::Result<ExitCode> {
    use crate::entity::{conll as conll_format, eval as gold_eval, recognize::Recognizer};
    use anyhow::Context;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if let Some(path) = conll {
        let sentences =
            conll_format::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if sentences.is_empty() {
            eprintln!("dossier: {}: no sentences found", path.display());
            return Ok(ExitCode::from(EXIT_USAGE));
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
        writeln!(
            out,
            "{}: {} sentences, {tokens} tokens (outer PER/LOC/ORG, exact spans)",
            path.display(),
            sentences.len()
        )?;
        write_span_scores(&mut out, &scores)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = gold else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let gold = gold_eval::Gold::parse(&text)
        .with_context(|| format!("{} is not a gold file", path.display()))?;
    let Some(loaded) = load(paths, options) else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let output = json::output(&loaded.corpus, &loaded.index);
    let score = gold_eval::score(&gold, &output);
    if detail {
        write!(out, "{score:#}")?;
    } else {
        write!(out, "{score}")?;
    }
    out.flush()?;
    Ok(loaded.exit_code())
}

/// Print exact-span scores: typed and untyped, then per class.
pub fn write_span_scores(
    out: &mut impl Write,
    s: &crate::entity::conll::SpanScores,
) -> io::Result<()> {
    use crate::entity::Kind;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_flags_go_before_or_after_the_subcommand() {
        for args in [
            &[
                "dossier",
                "--log-level",
                "info",
                "entities",
                "--format",
                "json",
                "a",
            ][..],
            &[
                "dossier",
                "entities",
                "--log-level",
                "info",
                "--format",
                "json",
                "a",
            ][..],
        ] {
            let cli = Cli::try_parse_from(args).expect("parses");
            assert_eq!(cli.log_level, Some(crate::logging::Level::Info), "{args:?}");
            assert!(cli.paths.is_empty(), "{args:?}");
            match cli.command {
                Some(Command::Entities { paths, format }) => {
                    assert_eq!(paths, [PathBuf::from("a")]);
                    assert_eq!(format, Format::Json);
                }
                other => panic!("{args:?} parsed as {other:?}"),
            }
        }
        // Paths alone open the reader.
        let cli =
            Cli::try_parse_from(["dossier", "--log-level", "debug", "news/"]).expect("parses");
        assert_eq!(cli.paths, [PathBuf::from("news/")]);
        assert!(cli.command.is_none());
    }
}
