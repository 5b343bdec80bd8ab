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
    let mut named = 0;
    for l in &lines[1..] {
        let mut parts = l.splitn(3, ':');
        let (doc, line, ctx) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(!doc.is_empty());
        assert!(line.parse::<usize>().unwrap() >= 1);
        assert!(
            ctx.contains('[') && ctx.contains(']'),
            "the mention is marked: {l}"
        );
        named += usize::from(ctx.contains("[Nordkorea"));
    }
    // Most mentions are spelled so; others are variants linked to it.
    assert!(named * 10 >= (lines.len() - 1) * 8, "{text}");
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
    let ids = crate::document_ids(&v);
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
    // The evidence too, which a warm open leaves in the mapped index file
    // until asked for.
    assert!(
        warm["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["evidence"].as_array().unwrap().is_empty()),
        "{warm}"
    );
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

#[test]
fn print_config_prints_the_commented_defaults() {
    let out = dossier(&["--print-config"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, dossier::config::DEFAULT_TOML);
    let (config, problems) = dossier::config::Config::parse(&text, "config.toml");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config, dossier::config::Config::default());
    assert!(
        include_str!("../README.md").contains(&text),
        "the README shows the default file as printed"
    );
}

#[test]
fn completions_and_man_page_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = dossier(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        for word in ["entities", "mentions", "compare", "log-level"] {
            assert!(text.contains(word), "{word} in {shell} completions");
        }
    }
    let out = dossier(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let out = dossier(&["man"]);
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH"),
        "roff:\n{man}"
    );
    for word in [
        "dossier",
        "entities",
        "mentions",
        "completions",
        "print\\-config",
    ] {
        assert!(man.contains(word), "{word} in the man page");
    }
}

#[test]
fn the_log_goes_to_the_state_dir_at_the_level_asked() {
    let state = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args)
            .env("DOSSIER_NO_CACHE", "1")
            .env("DOSSIER_STATE_DIR", state.path())
            .env_remove("DOSSIER_LOG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run dossier")
    };
    let log = state.path().join("dossier.log");
    let out = run(&["entities", "--format", "json"], &[]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!text.contains("INFO"), "warn by default:\n{text}");
    let out = run(&["entities", "--log-level", "info"], &[]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("analysed 5 articles"), "{text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("analysed"));
    std::fs::remove_file(&log).unwrap();
    let out = run(&["entities"], &[("DOSSIER_LOG", "debug")]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("INFO") && text.contains("read 5 articles"),
        "{text}"
    );
}

/// Run dossier with its standard output a pipe whose reading end is already
/// closed, as `dossier … | head -1` leaves it once `head` is done.
fn dossier_into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_NO_CACHE", "1")
        .stdout(writer)
        .output()
        .expect("run dossier")
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds-gold.json");
    let runs: &[&[&str]] = &[
        &["completions", "bash"],
        &["completions", "zsh"],
        &["man"],
        &["--print-config"],
        &["--help"],
        &["--version"],
        &["entities"],
        &["entities", "--format", "json"],
        &["mentions", "Nordkorea"],
        &["compare", "000_5c83f974d4c8b816", "001_85a51e6dd4092c16"],
        &[
            "compare",
            "000_5c83f974d4c8b816",
            "001_85a51e6dd4092c16",
            "--format",
            "json",
        ],
        &["quotes"],
        &["quotes", "--format", "json"],
        &["eval", "--gold", gold],
        &["eval", "--gold", gold, "--format", "json"],
        &["mentions", "Nordkorea", "--format", "json"],
        &["man", "entities"],
        &["cache"],
        &["cache", "--format", "json"],
    ];
    for args in runs {
        let out = dossier_into_closed_pipe(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} wrote to stderr: {err}");
    }
    // An open pipe still gets the whole output.
    let out = dossier(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("_dossier"));
}

#[test]
fn every_report_takes_format_text_or_json() {
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds-gold.json");
    let (a, b) = ("000_5c83f974d4c8b816", "001_85a51e6dd4092c16");
    let reports: &[&[&str]] = &[
        &["entities"],
        &["mentions", "Nordkorea"],
        &["compare", a, b],
        &["quotes"],
        &["eval", "--gold", gold],
        &["cache"],
    ];
    for args in reports {
        let help = dossier(&[args[0], "--help"]);
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(
            help.contains("--format <FORMAT>") && help.contains("text") && help.contains("json"),
            "{}: --format text|json in --help:\n{help}",
            args[0]
        );
        let run = |format: &str| {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let out = dossier(&all);
            assert!(
                out.status.success(),
                "{all:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let text = run("text");
        assert!(
            serde_json::from_slice::<Value>(&text).is_err(),
            "{args:?}: text is not JSON"
        );
        assert_eq!(text, dossier(args).stdout, "{args:?}: text is the default");
        let json: Value = serde_json::from_slice(&run("json"))
            .unwrap_or_else(|e| panic!("{args:?} --format json: {e}"));
        assert!(json.is_object(), "{args:?}");
    }
    // The old word for the entities table still works.
    assert_eq!(
        dossier(&["entities", "--format", "table"]).stdout,
        dossier(&["entities"]).stdout
    );
}

#[test]
fn mentions_and_eval_as_json() {
    let out = dossier(&["mentions", "Nordkorea", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["entity"]["name"], "Nordkorea");
    assert_eq!(v["entity"]["kind"], "place");
    let mentions = v["mentions"].as_array().unwrap();
    let text = String::from_utf8(dossier(&["mentions", "Nordkorea"]).stdout).unwrap();
    assert_eq!(
        mentions.len(),
        text.lines().count() - 1,
        "as many as in text"
    );
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for (m, line) in mentions.iter().zip(text.lines().skip(1)) {
        let doc = m["doc"].as_str().unwrap();
        let bytes = std::fs::read(seeds.join(format!("{doc}.txt"))).unwrap();
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&bytes[s..e], m["text"].as_str().unwrap().as_bytes());
        let ctx = m["context"].as_str().unwrap();
        assert_eq!(line, format!("{doc}:{}: {ctx}", m["line"]), "same as text");
    }

    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds-gold.json");
    let text = String::from_utf8(dossier(&["eval", "--gold", gold]).stdout).unwrap();
    let v: Value =
        serde_json::from_slice(&dossier(&["eval", "--gold", gold, "--format", "json"]).stdout)
            .unwrap();
    let f1 = v["f1"].as_f64().unwrap();
    assert!(f1 > 0.5 && f1 <= 1.0, "{v}");
    assert!(
        text.contains(&format!("F1 {f1:.3}")),
        "the same F1 as text:\n{text}"
    );
    assert!(v["required"].as_u64().unwrap() > 0);
    assert_eq!(
        v["details"].as_array().unwrap().len(),
        0,
        "details with --detail"
    );
    let detailed: Value = serde_json::from_slice(
        &dossier(&["eval", "--gold", gold, "--format", "json", "--detail"]).stdout,
    )
    .unwrap();
    let details = detailed["details"].as_array().unwrap();
    assert!(details.iter().all(|d| d["type"].is_string()), "{detailed}");
    // CoNLL scores as JSON.
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("g.tsv");
    std::fs::write(
        &conll,
        "Angela\tB-PER\nMerkel\tI-PER\nbesuchte\tO\nParis\tB-LOC\n.\tO\n",
    )
    .unwrap();
    let out = dossier(&[
        "eval",
        "--conll",
        conll.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tokens"], 5);
    assert_eq!(v["sentences"], 1);
    let per = &v["kinds"]["person"];
    assert_eq!(per["tp"].as_u64().unwrap() + per["fn"].as_u64().unwrap(), 1);
}

/// Run dossier with `input` on its standard input.
fn dossier_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_NO_CACHE", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dossier");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn dash_reads_one_article_from_standard_input() {
    let article = "Besuch in Paris\n\nAngela Merkel besuchte am Montag Paris.\nMerkel sprach mit Emmanuel Macron.\n";
    let out = dossier_with_stdin(&["entities", "--format", "json", "-"], article.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "stdin");
    assert_eq!(docs[0]["path"], "-");
    assert_eq!(docs[0]["title"], "Besuch in Paris");
    let merkel = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Angela Merkel")
        .unwrap_or_else(|| panic!("Merkel found: {v}"));
    for m in merkel["mentions"].as_array().unwrap() {
        assert_eq!(m["doc"], "stdin");
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &article[s..e],
            m["text"].as_str().unwrap(),
            "offsets index the input"
        );
    }
    // Beside files, in the order named; every report takes it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Titel\n\nOlaf Scholz in Berlin.").unwrap();
    let d = dir.path().to_str().unwrap();
    let out = dossier_with_stdin(&["mentions", "Merkel", "-", d], article.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\nstdin:3: [Angela Merkel] besuchte"),
        "{text}"
    );
    let out = dossier_with_stdin(
        &["entities", "--format", "json", d, "-"],
        article.as_bytes(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = crate::document_ids(&v);
    assert_eq!(ids, ["a", "stdin"]);
    let out = dossier_with_stdin(&["quotes", "--format", "json", "-"], article.as_bytes());
    assert!(out.status.success());
    // Nothing on standard input: reported, nothing opened.
    let out = dossier_with_stdin(&["entities", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-: empty file"));
    // Read once: a second `-` is a problem, the first still opens.
    let out = dossier_with_stdin(&["entities", "-", "-"], article.as_bytes());
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("named twice"));
}

/// The `dossier-NAME(1)` pages a roff page refers to.
fn page_references(roff: &str) -> Vec<String> {
    let text = roff.replace("\\-", "-");
    let mut refs: Vec<String> = text
        .match_indices("dossier-")
        .filter_map(|(i, _)| {
            let rest = &text[i..];
            let end = rest.find("(1)")?;
            let name = &rest[..end];
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
                .then(|| name.to_string())
        })
        .collect();
    refs.sort();
    refs.dedup();
    refs
}

#[test]
fn man_writes_the_subcommand_pages_it_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = dossier(&["man", "--dir", pages.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    let main = std::fs::read_to_string(pages.join("dossier.1")).unwrap();
    assert_eq!(main, String::from_utf8(dossier(&["man"]).stdout).unwrap());
    let refs = page_references(&main);
    for sub in [
        "entities",
        "mentions",
        "compare",
        "eval",
        "quotes",
        "completions",
        "man",
    ] {
        assert!(
            refs.contains(&format!("dossier-{sub}")),
            "{sub} in {refs:?}"
        );
    }
    assert!(
        !refs.contains(&"dossier-help".to_string()),
        "no page for help"
    );
    // Every page referred to, from any page, exists; each file is listed.
    let mut files: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    for file in &files {
        assert!(listed.contains(file.as_str()), "{file} listed:\n{listed}");
        let page = std::fs::read_to_string(pages.join(file)).unwrap();
        assert!(page.contains(".TH"), "{file} is roff");
        let version = env!("CARGO_PKG_VERSION");
        assert!(
            page.contains(&format!("\"dossier {version}\"")),
            "{file} names dossier {version} as its source"
        );
        for r in page_references(&page) {
            assert!(
                files.contains(&format!("{r}.1")),
                "{file} refers to {r}(1): {files:?}"
            );
        }
    }
    // A subcommand's page, on its own.
    let entities = std::fs::read_to_string(pages.join("dossier-entities.1")).unwrap();
    assert!(entities.contains("\\-\\-format"), "{entities}");
    let out = dossier(&["man", "entities"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), entities);
    let out = dossier(&["man", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no subcommand"));
}

/// A folder of `n` small articles.
fn corpus_of(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Bericht {i}\n\nDie Ministerin Anna Berger reiste nach Lissabon und traf Otto Weber."),
        )
        .unwrap();
    }
    dir
}

#[test]
fn no_progress_bytes_on_stderr_that_is_not_a_terminal() {
    let corpus = corpus_of(300);
    let out = dossier(&[
        "entities",
        "--format",
        "json",
        corpus.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "stderr: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 300);
}

#[test]
fn progress_shows_on_stderr_that_is_a_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let corpus = corpus_of(300);
    let out_dir = tempfile::tempdir().unwrap();
    let json = out_dir.path().join("out.json");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // Standard output to a file, standard error to the terminal.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!(
            "exec '{}' entities --format json '{}' > '{}'",
            env!("CARGO_BIN_EXE_dossier"),
            corpus.path().display(),
            json.display()
        ),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("DOSSIER_NO_CACHE", "1");
    cmd.env("DOSSIER_STATE_DIR", out_dir.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let seen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let status = child.wait().unwrap();
    drop(pair.master);
    assert!(status.success());
    let terminal = String::from_utf8_lossy(&seen.join().unwrap()).into_owned();
    assert!(
        terminal.contains("articles") && terminal.contains("/300"),
        "a progress bar on the terminal: {terminal:?}"
    );
    // The output is whole, and free of the bar.
    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 300);
}

#[test]
fn cache_shows_bounds_and_clears_the_index_cache() {
    let cache = tempfile::tempdir().unwrap();
    let (a, b) = (corpus_of(3), corpus_of(4));
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args)
            .env("DOSSIER_CACHE_DIR", cache.path())
            .env_remove("DOSSIER_NO_CACHE")
            .env_remove("DOSSIER_CACHE_LIMIT");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(cache.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        n.sort();
        n
    };
    let show =
        || serde_json::from_slice::<Value>(&run(&["cache", "--format", "json"], &[])).unwrap();
    let empty = show();
    assert_eq!(empty["location"], cache.path().to_str().unwrap());
    assert_eq!(
        (empty["entries"].as_u64(), empty["bytes"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(empty["limit"], 1u64 << 30, "1 GiB by default");

    run(&["entities", a.path().to_str().unwrap()], &[]);
    let a_files = names();
    assert_eq!(a_files.len(), 2, "{a_files:?}");
    let v = show();
    let size: u64 = a_files
        .iter()
        .map(|f| std::fs::metadata(cache.path().join(f)).unwrap().len())
        .sum();
    assert_eq!(
        (v["entries"].as_u64(), v["files"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(v["bytes"].as_u64(), Some(size));
    let text = String::from_utf8(run(&["cache"], &[])).unwrap();
    assert!(
        text.contains(&format!("location  {}", cache.path().display())),
        "{text}"
    );
    assert!(text.contains("entries   1 "), "{text}");
    assert!(text.contains("limit 1.0 GB"), "{text}");

    // A stale entry (another engine version, unused for two days) and a file that is not
    // dossier's: the next open drops the first and keeps the second.
    let mut foreign = vec![19u8];
    foreign.extend_from_slice(b"dossier-index-cache");
    foreign.push(5);
    foreign.extend_from_slice(b"0.0.0");
    foreign.resize(100, 0);
    let stale = cache.path().join("index-00000000000000ff.bin");
    std::fs::write(&stale, &foreign).unwrap();
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
    std::fs::File::options()
        .append(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_days_ago)
        .unwrap();
    std::fs::write(cache.path().join("notes.txt"), "mine").unwrap();
    assert_eq!(show()["stale"], 1);
    run(&["entities", a.path().to_str().unwrap()], &[]);
    let mut expected = a_files.clone();
    expected.push("notes.txt".into());
    expected.sort();
    assert_eq!(names(), expected, "the stale file is dropped");

    // Over the size bound, the least recently used corpus goes, never the
    // one just opened.
    run(
        &["entities", b.path().to_str().unwrap()],
        &[("DOSSIER_CACHE_LIMIT", "1K")],
    );
    let now = names();
    assert!(
        a_files.iter().all(|f| !now.contains(f)),
        "a dropped: {now:?}"
    );
    assert_eq!(now.len(), 3, "b's two files and notes.txt: {now:?}");
    assert_eq!(show()["entries"], 1);

    // Clear removes dossier's files and nothing else.
    let cleared: Value =
        serde_json::from_slice(&run(&["cache", "clear", "--format", "json"], &[])).unwrap();
    assert_eq!(cleared["removed"], 2);
    assert_eq!(names(), ["notes.txt"]);
    let text = String::from_utf8(run(&["cache", "clear"], &[])).unwrap();
    assert!(text.starts_with("removed 0 files"), "{text}");
    assert_eq!(show()["entries"], 0);
}
