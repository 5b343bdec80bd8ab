//! The command line, run as a real process.

use serde_json::Value;
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .expect("run dossier")
}

#[test]
fn entities_json_follows_the_contract_with_valid_offsets() {
    let out = dossier(&["entities", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts = std::collections::HashMap::new();
    for d in docs {
        let id = d["id"].as_str().unwrap();
        assert!(!id.ends_with(".txt"));
        assert!(!d["title"].as_str().unwrap().is_empty());
        texts.insert(
            id.to_string(),
            std::fs::read(seeds.join(format!("{id}.txt"))).unwrap(),
        );
    }
    let entities = v["entities"].as_array().unwrap();
    assert!(entities.len() > 10);
    for e in entities {
        assert!(
            ["person", "place", "organization", "other"].contains(&e["kind"].as_str().unwrap())
        );
        assert!(!e["aliases"].as_array().unwrap().is_empty());
        for m in e["mentions"].as_array().unwrap() {
            let bytes = &texts[m["doc"].as_str().unwrap()];
            let (s, en) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &bytes[s..en],
                m["text"].as_str().unwrap().as_bytes(),
                "offsets index the file bytes"
            );
        }
    }
}

#[test]
fn mentions_prints_document_line_and_context() {
    let out = dossier(&["mentions", "Nordkorea"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Nordkorea"), "{}", lines[0]);
    assert!(lines.len() > 10);
    for l in &lines[1..] {
        let mut parts = l.splitn(3, ':');
        let (doc, line, ctx) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(!doc.is_empty());
        assert!(line.parse::<usize>().unwrap() >= 1);
        assert!(ctx.contains("[Nordkorea"), "{l}");
    }
    let missing = dossier(&["mentions", "Niemand Unbekannt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no entity named"));
}

#[test]
fn bad_input_gives_messages_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), "Titel\n\nAngela Merkel besuchte Paris.").unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(d.join("latin1.txt"), b"Gr\xfc\xdfe aus K\xf6ln.\n").unwrap();
    std::fs::write(d.join("long.txt"), "Wort ".repeat(400_000)).unwrap();
    let out = dossier(&[
        "entities",
        "--format",
        "json",
        d.to_str().unwrap(),
        "/no/such/dir",
    ]);
    assert_eq!(out.status.code(), Some(3), "some input skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty file"), "{err}");
    assert!(err.contains("binary data"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["good", "latin1", "long"]);

    let empty = tempfile::tempdir().unwrap();
    let out = dossier(&["entities", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no articles"));
    // The reader refuses plainly, before touching the terminal.
    let out = dossier(&[empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn help_and_version() {
    let out = dossier(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["entities", "mentions", "Exit codes"] {
        assert!(help.contains(word), "{word} in --help");
    }
    let out = dossier(&["--version"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("dossier ")
    );
}

#[test]
fn reader_refuses_a_pipe_with_a_clear_message() {
    let out = dossier(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a terminal"));
}

#[test]
fn the_index_cache_is_reused_and_invalidated_per_file() {
    let corpus = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::write(
            corpus.path().join(format!("{i}.txt")),
            format!("Bericht {i}\n\nDie Ministerin Anna Berger reiste nach Lissabon."),
        )
        .unwrap();
    }
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([
                "entities",
                "--format",
                "json",
                corpus.path().to_str().unwrap(),
            ])
            .env("DOSSIER_CACHE_DIR", cache.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let cold = run();
    let files: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert_eq!(
        files.len(),
        2,
        "one analyses file and one linked-index file for this corpus"
    );
    let warm = run();
    assert_eq!(cold, warm, "a warm open gives the same output");
    // A changed file is analysed again.
    std::fs::write(
        corpus.path().join("1.txt"),
        "Bericht 1\n\nDer Kanzler Otto Weber reiste nach Oslo.",
    )
    .unwrap();
    let changed = run();
    let text = changed.to_string();
    assert!(text.contains("Oslo") || text.contains("Weber"), "{text}");
    // Corrupt cache files are ignored and replaced.
    for entry in std::fs::read_dir(cache.path()).unwrap() {
        std::fs::write(entry.unwrap().path(), b"not a cache").unwrap();
    }
    assert_eq!(run(), changed);
    assert_eq!(run(), changed, "and the replaced cache is read again");
}
