//! The command line: clap's definition and the dispatch to the reader (by
//! default) or to a headless report for scripts ([`crate::report`]).
//!
//! Exit codes: 0 success; 1 an error (terminal, I/O); 2 bad usage, or nothing
//! could be opened; 3 the output is complete for what opened, but some input
//! was skipped (each problem is on stderr).

use crate::corpus::records::RecordOptions;
use crate::ingest::Job;
use crate::report::{self, Format as ReportFormat};
use crate::tui;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::report::{EXIT_SKIPPED, EXIT_USAGE};

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
    Quotes(crate::report::quotes::QuotesArgs),
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
            crate::report::say(format!("{e:#}"));
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
                    crate::report::say(p);
                }
                crate::report::say("no articles to open");
                return Ok(ExitCode::from(EXIT_USAGE));
            }
            tui::run(job)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Entities { paths, format }) => {
            let format = match format {
                Format::Table => ReportFormat::Human,
                Format::Json => ReportFormat::Json,
            };
            report::entities::run(&paths, format, &options)
        }
        Some(Command::Compare {
            a,
            b,
            corpus,
            format,
        }) => {
            let format = match format {
                CompareFormat::Text => ReportFormat::Human,
                CompareFormat::Json => ReportFormat::Json,
            };
            report::compare::run(&a, &b, &corpus, format, &options)
        }
        Some(Command::Eval {
            gold,
            conll,
            detail,
            paths,
        }) => report::eval::run(gold, conll, detail, &paths, &options),
        Some(Command::Quotes(args)) => report::quotes::run(args, &options),
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
        Some(Command::Mentions { name, paths }) => report::mentions::run(&name, &paths, &options),
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
