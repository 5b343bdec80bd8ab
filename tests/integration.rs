//! One integration test binary (links once): CLI, rendering, and end-to-end
//! tests of the real binary in a pseudo-terminal.

mod cli;
mod fuzz;
mod gold;
mod odd_input;
mod pty;
mod quotes;
mod render;
mod state;
