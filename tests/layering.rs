//! The layering `src/lib.rs` promises, checked on the source: the domain
//! knows nothing of terminals (no `ratatui`, no `crossterm`) and imports
//! nothing from the layers above it (application, presentation, command
//! line, configuration, the reading memory).

use std::path::{Path, PathBuf};

/// The domain's modules: a folder `src/NAME/` or a file `src/NAME.rs`. Those
/// that do not exist (yet) are passed over.
const DOMAIN: &[&str] = &[
    "corpus", "entity", "compare", "search", "wrap", "text", "ingest", "quote",
];

/// What the domain may not name: terminal crates and the layers above it.
const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "crate::app",
    "crate::ui",
    "crate::tui",
    "crate::cli",
    "crate::config",
    "crate::report",
    "crate::reading_memory",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, or `dir` itself if it is a file.
fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The domain's source files.
fn domain_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for name in DOMAIN {
        for p in [src().join(name), src().join(format!("{name}.rs"))] {
            if p.exists() {
                rust_files(&p, &mut files);
            }
        }
    }
    files.sort();
    files
}

/// The code of a line: what stands before a `//` comment (a `//` inside a
/// string is rare enough in the domain not to matter; it can only make the
/// check stricter).
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

/// Where `text` names a forbidden word outside comments: (line, word).
fn violations(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = code(line);
        for word in FORBIDDEN {
            let named = code.match_indices(word).any(|(at, _)| {
                let after = code[at + word.len()..].chars().next();
                // `crate::uid` is not `crate::ui`.
                !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if named {
                found.push((i + 1, *word));
            }
        }
    }
    found
}

#[test]
fn the_domain_knows_no_terminal_and_no_layer_above_it() {
    let files = domain_files();
    assert!(
        files.len() > 40,
        "only {} domain files found under {}",
        files.len(),
        src().display()
    );
    for must in ["corpus", "entity", "compare", "ingest"] {
        assert!(
            files.iter().any(|f| f.starts_with(src().join(must))),
            "no files of {must}"
        );
    }
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (line, word) in violations(&text) {
            bad.push(format!("{}:{line}: {word}", f.display()));
        }
    }
    assert!(bad.is_empty(), "the domain names:\n{}", bad.join("\n"));
}

#[test]
fn the_check_sees_what_it_looks_for() {
    let text = "use ratatui::style::Style;\n\
                // ratatui in a comment is fine\n\
                let x = 1; // so is crossterm after code\n\
                use crate::app::App;\n\
                use crate::uid::Thing;\n\
                fn f() { ratatui::crossterm::terminal::size(); }\n";
    assert_eq!(
        violations(text),
        vec![
            (1, "ratatui"),
            (4, "crate::app"),
            (6, "ratatui"),
            (6, "crossterm")
        ]
    );
}
