//! The headless reports behind the subcommands: each loads a corpus (or a
//! gold file), writes its report to standard output and returns the exit
//! code. One file per report; [`crate::cli`] parses the command line and
//! calls them.
//!
//! Exit codes: 0 success; 1 an error (I/O, an unreadable file: returned as
//! `Err`); [`EXIT_USAGE`] bad usage, or nothing could be opened;
//! [`EXIT_SKIPPED`] the output is complete for what opened, but some input
//! was skipped (each problem is on stderr).

pub mod analyze;
pub mod cache;
pub mod compare;
pub mod entities;
pub mod eval;
pub mod mentions;
pub mod progress;
pub mod quotes;
pub mod shared;

use crate::corpus::records::RecordOptions;
use crate::ingest::{self, Loaded};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: some input was skipped.
pub const EXIT_SKIPPED: u8 = 3;
/// Exit code: bad usage, or nothing could be opened.
pub const EXIT_USAGE: u8 = 2;

/// How a report is written: `--format text|json`, the same word on every
/// subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: an aligned table or a readable text.
    #[default]
    #[value(alias = "table")]
    Text,
    /// JSON, for scripts.
    Json,
}

/// Print a message for the user to stderr, as `dossier: MESSAGE`, made safe
/// for the terminal (file names, ids and entity names come from the files).
pub fn say(message: impl std::fmt::Display) {
    eprintln!(
        "dossier: {}",
        crate::corpus::sanitize::visible_lines(&message.to_string())
    );
}

/// Print a line to stderr as it is but made safe for the terminal.
pub fn say_plain(message: impl std::fmt::Display) {
    eprintln!(
        "{}",
        crate::corpus::sanitize::visible_lines(&message.to_string())
    );
}

/// Load and index `paths` (the bundled reports when empty), printing problems
/// to stderr. `None` when nothing could be opened. The index caches are
/// still being saved while the caller writes its output.
pub fn load(paths: &[PathBuf], options: &RecordOptions) -> Option<Loaded> {
    let progress = progress::Progress::on_stderr();
    let loaded = ingest::load_observed(paths, options, &|u| progress.observe(u));
    progress.finish();
    for m in &loaded.problems {
        say(m);
    }
    if loaded.corpus.is_empty() {
        say("no articles to open");
        return None;
    }
    Some(loaded)
}

/// The exit code of a report over `loaded`: some input skipped, or success.
pub fn exit_code(loaded: &Loaded) -> ExitCode {
    if loaded.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    }
}

/// The exit code for bad usage or nothing opened.
pub fn usage() -> ExitCode {
    ExitCode::from(EXIT_USAGE)
}
