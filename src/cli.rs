//! The command line.
use std::process::ExitCode;
/// Run the command line.
pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
