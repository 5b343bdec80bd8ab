//! The command line: clap's definition and the dispatch to the reader (by
//! default) or to a headless report for scripts ([`crate::report`]).
//!
//! Exit codes: 0 success; 1 an error (terminal, I/O); 2 bad usage, or nothing
//! could be opened; 3 the output is complete for what opened, but some input
//! was skipped (each problem is on stderr).

use crate::corpus::records::RecordOptions;
use crate::ingest::Job;
use crate::report;
pub use crate::report::Format;
use crate::tui;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::report::{EXIT_SKIPPED, EXIT_USAGE};

/// A terminal reader for a corpus of news reports: the people, places and
/// organizations in them made navigable.
///
/// With no PATH, opens the bundled reports. PATHs are `.txt` and `.md`
/// articles, record files (`.csv`, `.tsv`, `.jsonl`), or folders of them
/// (searched recursively); `-` is one article read from standard input (its
/// id is `stdin`).
#[derive(Debug, Parser)]
#[command(name = "dossier", version)]
#[command(
    after_help = "Exit codes: 0 ok · 1 error · 2 bad usage or nothing opened · 3 some input skipped"
)]
pub struct Cli {
    /// Articles and folders of articles to read (`-`: standard input).
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

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the entities of a corpus with their mentions.
    Entities {
        /// Articles and folders (default: the bundled reports; `-`: standard
        /// input), or one `postgres://` URL: a shared corpus, as last linked.
        paths: Vec<PathBuf>,
        /// Output format: an aligned table (`table` is another name for
        /// it), or the stable JSON contract.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Analyse articles one by one (the map step): a JSON line per article
    /// with its mentions, its entities and their linking keys.
    ///
    /// `-` reads articles as JSON Lines from standard input, one
    /// `{"id": …, "title": …, "text": …}` object per line (after the files
    /// named). For example, on four cores, 500 files per process: `find
    /// corpus -name '*.txt' -print0 | xargs -0 -n 500 -P 4 sh -c 'dossier
    /// analyze "$@" > "analyses.$$.jsonl"' sh`.
    Analyze {
        /// Articles and folders (default: the bundled reports; `-`: JSON
        /// Lines on standard input).
        paths: Vec<PathBuf>,
    },
    /// Load articles into a shared corpus on PostgreSQL, creating its
    /// tables in an empty database.
    ///
    /// URL is a libpq connection string (`postgres://user@host:port/db`,
    /// or `host=… dbname=…`), completed from PGHOST, PGPORT, PGUSER,
    /// PGDATABASE, PGPASSWORD and ~/.pgpass (keep passwords there, not in
    /// the URL: command lines are visible to other users). Articles whose
    /// ids the store holds already are skipped. Then run `dossier worker`
    /// (the analysis) and `dossier link` (the entities).
    Ingest {
        /// The database.
        #[arg(value_name = "URL")]
        conn: String,
        /// Articles and folders (default: the bundled reports).
        paths: Vec<PathBuf>,
        /// Upgrade the tables of an older dossier to this version (with no
        /// PATH: only that).
        #[arg(long)]
        migrate: bool,
    },
    /// Analyse the articles of a shared corpus that wait for it, a batch at
    /// a time (run as many workers as you like, on any machines).
    Worker {
        /// The database (see `dossier ingest`).
        #[arg(value_name = "URL")]
        conn: String,
        /// Articles claimed per transaction.
        #[arg(long, default_value_t = 64, value_name = "N")]
        batch: u32,
        /// Stop when no article waits (default: wait for more).
        #[arg(long)]
        exit_when_empty: bool,
        /// Cores to analyse on (default: all).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// For tests: wait this long before committing each batch.
        #[arg(long, hide = true, value_name = "MS")]
        pause_before_commit_ms: Option<u64>,
    },
    /// Link the analysed articles of a shared corpus across articles (the
    /// reduce step) and store the entities; `dossier entities URL` lists
    /// them.
    Link {
        /// The database (see `dossier ingest`).
        #[arg(value_name = "URL")]
        conn: String,
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
        #[arg(long, value_enum, default_value_t)]
        format: Format,
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
        /// Output format: the figures as text, or as JSON (with --detail,
        /// the details too).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print each mention of an entity with its document, line and context.
    Mentions {
        /// The entity's name or one of its spellings.
        name: String,
        /// Articles and folders (default: the bundled reports; `-`: standard
        /// input).
        paths: Vec<PathBuf>,
        /// Output format: a line per mention, or JSON with offsets.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the quotations of a corpus with their speakers (who said what).
    Quotes(crate::report::quotes::QuotesArgs),
    /// Show the index cache: where it is, its size and bound, its entries.
    ///
    /// The cache keeps the entity analyses of each corpus opened, so it
    /// reopens fast. It is bounded (1 GiB, or DOSSIER_CACHE_LIMIT: bytes, or
    /// with K, M or G; 0 for no bound): the least recently used corpora go
    /// first; entries unused for 30 days, and those of another version of
    /// dossier unused for a day, are dropped. `dossier cache clear` empties
    /// it.
    Cache {
        /// Clear the cache instead of showing it.
        #[command(subcommand)]
        action: Option<report::cache::CacheAction>,
        /// Output format.
        #[arg(long, value_enum, default_value_t, global = true)]
        format: Format,
    },
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
    ///
    /// The page of a subcommand with its name (`dossier man entities`);
    /// every page, dossier.1 and the dossier-SUBCOMMAND.1 pages it refers
    /// to, with --dir (e.g. `dossier man --dir ~/.local/share/man/man1`).
    Man {
        /// The subcommand whose page to print (`cache clear` for a nested
        /// one).
        #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
        subcommand: Vec<String>,
        /// Write every page into this folder (created if missing), and list
        /// the files written.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The clap definition of the command line (for completions and the man
/// page).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Write the completion script for `shell`. The script is built in memory
/// first: clap_complete panics on a write error, and a reader that goes
/// away early (`dossier completions bash | head -1`) is no reason to.
pub fn write_completions(shell: clap_complete::Shell, out: &mut impl Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "dossier", &mut script);
    out.write_all(&script)
}

/// The command line as the manual pages see it: built (so that each
/// subcommand carries its page name, `dossier-entities`), without the `help`
/// subcommand, which has no page.
fn man_command() -> clap::Command {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The manual page of `cmd`; every page names dossier and its version as
/// its source (clap_mangen would name a subcommand without a version).
fn man_page(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(concat!("dossier ", env!("CARGO_PKG_VERSION")))
}

/// Write the manual page of dossier.
pub fn write_man(out: &mut impl Write) -> io::Result<()> {
    write_man_page(&[], out).map(|_| ())
}

/// Write the manual page of the subcommand at `path` (`[]` for dossier
/// itself, `["cache", "clear"]` for a nested one); `false` when there is
/// no such subcommand.
pub fn write_man_page(path: &[String], out: &mut impl Write) -> io::Result<bool> {
    let mut cmd = man_command();
    for name in path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => return Ok(false),
        }
    }
    let mut page = Vec::new();
    man_page(cmd).render(&mut page)?;
    out.write_all(&page)?;
    Ok(true)
}

/// Write dossier.1 and a page for every subcommand (dossier-entities.1,
/// dossier-cache-clear.1, …) into `dir`; the files written, dossier.1
/// first.
pub fn write_man_pages(dir: &std::path::Path) -> io::Result<Vec<PathBuf>> {
    fn pages(
        cmd: clap::Command,
        dir: &std::path::Path,
        written: &mut Vec<PathBuf>,
    ) -> io::Result<()> {
        let man = man_page(cmd.clone());
        let file = dir.join(man.get_filename());
        let mut page = Vec::new();
        man.render(&mut page)?;
        crate::atomic::write(&file, &page)?;
        written.push(file);
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            pages(sub.clone(), dir, written)?;
        }
        Ok(())
    }
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    pages(man_command(), dir, &mut written)?;
    Ok(written)
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
            crate::report::say(format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Whether `e` comes from writing to a closed pipe (`dossier … | head`):
/// the reader has all it wanted, so dossier stops quietly with status 0, as
/// ripgrep does. The error may be wrapped (in context, or in a JSON error).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Whether the reader's paths name a shared store: one `postgres://` URL,
/// or one libpq `key=value` string (`host=… dbname=…`) that is not a
/// file.
fn is_store(paths: &[PathBuf]) -> bool {
    match paths {
        [one] => {
            crate::store::postgres::is_url(one)
                || (!one.exists() && crate::store::postgres::is_key_value(one))
        }
        _ => false,
    }
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
        None if is_store(&cli.paths) => {
            tui::run_store(&cli.paths[0].to_string_lossy())?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            if cli.paths.iter().any(|p| crate::ingest::stdin::is_stdin(p))
                && io::stdin().is_terminal()
            {
                eprintln!(
                    "dossier: `-` reads an article from standard input, which is a terminal; pipe one in (`… | dossier -`)"
                );
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            let job = Job::discover_with(&cli.paths, options);
            if let Job::Files {
                files, problems, ..
            } = &job
                && files.is_empty()
            {
                for p in problems {
                    crate::report::say(p);
                }
                crate::report::say("no articles to open");
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            tui::run(job)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Entities { paths, format }) => match paths.as_slice() {
            [url] if is_store(std::slice::from_ref(url)) => {
                report::shared::entities(&url.to_string_lossy(), format)
            }
            _ => report::entities::run(&paths, format, &options),
        },
        Some(Command::Ingest {
            conn,
            paths,
            migrate,
        }) => report::shared::ingest(&conn, &paths, migrate, &options),
        Some(Command::Worker {
            conn,
            batch,
            exit_when_empty,
            threads,
            pause_before_commit_ms,
        }) => {
            if let Some(n) = threads {
                // Only fails when the pool was built already.
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global();
            }
            let options = crate::store::postgres::worker::Options {
                batch: i64::from(batch),
                exit_when_empty,
                name: crate::store::postgres::worker::default_name(),
                pause_before_commit: pause_before_commit_ms.map(std::time::Duration::from_millis),
            };
            report::shared::work(&conn, &options)
        }
        Some(Command::Link { conn }) => report::shared::link(&conn),
        Some(Command::Analyze { paths }) => report::analyze::run(&paths, &options),
        Some(Command::Compare {
            a,
            b,
            corpus,
            format,
        }) => report::compare::run(&a, &b, &corpus, format, &options),
        Some(Command::Eval {
            gold,
            conll,
            detail,
            paths,
            format,
        }) => report::eval::run(gold, conll, detail, &paths, format, &options),
        Some(Command::Quotes(args)) => report::quotes::run(args, &options),
        Some(Command::Cache { action, format }) => report::cache::run(action, format),
        Some(Command::Completions { shell }) => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write_completions(shell, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man {
            subcommand,
            dir: Some(dir),
        }) => {
            debug_assert!(subcommand.is_empty());
            let written = write_man_pages(&dir)
                .with_context(|| format!("cannot write the manual pages to {}", dir.display()))?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            for file in written {
                writeln!(out, "{}", file.display())?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man {
            subcommand,
            dir: None,
        }) => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            if !write_man_page(&subcommand, &mut out)? {
                let names: Vec<String> = man_command()
                    .get_subcommands()
                    .map(|s| s.get_name().to_string())
                    .collect();
                eprintln!(
                    "dossier: no subcommand “{}”; pages: {}",
                    subcommand.join(" "),
                    names.join(", ")
                );
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Mentions {
            name,
            paths,
            format,
        }) => report::mentions::run(&name, &paths, format, &options),
    }
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
