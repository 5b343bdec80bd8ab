//! The `dossier` binary: parse the command line and hand over to [`dossier::cli`].
use std::process::ExitCode;

fn main() -> ExitCode {
    dossier::heap::configure();
    dossier::cli::main()
}
