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

/// The real binary with its own config, state and cache directories under
/// `home`.
fn dossier_at(home: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_STATE_DIR", home.join("state"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"));
    cmd
}

/// A fresh folder of three short articles (Bonn, Köln, Berlin; two people
/// who meet across them) and the `more` given, as `NAME.txt` files.
fn short_articles(more: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let three = [
        ("a", "Bonn\n\nAnna Berger besuchte Bonn am Montag."),
        ("b", "Köln\n\nIn Köln sprach Anna Berger mit Peter Schmidt."),
        ("c", "Berlin\n\nPeter Schmidt reiste nach Berlin."),
    ];
    for (name, text) in three.iter().chain(more) {
        std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    dir
}

/// The ids of the documents in `entities --format json` output.
fn document_ids(v: &serde_json::Value) -> Vec<&str> {
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect()
}
