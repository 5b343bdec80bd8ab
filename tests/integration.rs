//! One integration test binary (links once): CLI, rendering, application
//! state, the layering of the source, and end-to-end tests of the real
//! binary in a pseudo-terminal.

mod cli;
mod fuzz;
mod fuzz_files;
mod gold;
mod hostile;
mod hostile_names;
mod layering;
mod linked_index;
mod odd_input;
mod pty;
mod pty_jumps;
mod quotes;
mod quotes_rules;
mod quotes_ui;
mod render;
mod render_list;
mod shared_store;
mod state;

/// The ids of the documents in `entities --format json` output.
fn document_ids(v: &serde_json::Value) -> Vec<&str> {
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect()
}
