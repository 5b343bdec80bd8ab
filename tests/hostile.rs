//! Hostile input, second round (issue 18): crafted caches, files changed
//! behind their stamp, special files, concurrent readers, terminal injection
//! on the command line. Each test failed before its fix.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// Run dossier with its own config, state and cache directories under `home`.
fn dossier_in(home: &Path, args: &[&str]) -> Output {
    super::dossier_at(home)
        .args(args)
        .output()
        .expect("run dossier")
}

/// A folder of three short articles.
fn corpus() -> tempfile::TempDir {
    super::short_articles(&[])
}

/// Run dossier as [`dossier_in`] does, killing it if it has not finished
/// within `secs` (then the test fails: it hung).
fn dossier_within(secs: u64, home: &Path, args: &[&str]) -> Output {
    let mut child = super::dossier_at(home)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dossier");
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("dossier {args:?} hung; stderr: {}", stderr(&out));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Make a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_crafted_linked_cache_is_refused_before_anything_is_built() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus();
    let roots = [dir.path().to_path_buf()];
    let file = dossier::ingest::cache::linked_file_for(&home.path().join("cache"), &roots);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    // The right magic and engine, any key, a document count of u32::MAX:
    // it used to size the index (16 GiB) before the key was compared, and
    // abort.
    let mut bytes =
        dossier::ingest::linked_file::crafted_header(12345, u32::MAX, u32::MAX, u32::MAX, 0);
    bytes.push(0);
    std::fs::write(&file, &bytes).unwrap();
    let started = Instant::now();
    let out = dossier_in(home.path(), &["entities", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Anna Berger"));
    assert!(started.elapsed() < Duration::from_secs(20));
    // A cache symlinked to /dev/zero is not read until memory runs out.
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    let out = dossier_in(home.path(), &["entities", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Saving the cache replaces the link, never writes what it points to.
    drop(out);
    std::thread::sleep(Duration::from_millis(200));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/zero")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_article_changed_behind_an_unchanged_size_and_time_is_analysed_again() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus();
    let path = dir.path().join("b.txt");
    let arg = dir.path().to_str().unwrap();
    let first = dossier_in(home.path(), &["entities", arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    // Same size, same modification time, other text: letters of two bytes
    // where the old mentions were.
    let old = std::fs::read(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut new = format!("Köln\n\n{} Anna Berger traf Peter Schmidt.", "ä".repeat(4)).into_bytes();
    assert!(new.len() <= old.len());
    new.resize(old.len(), b'.');
    std::fs::write(&path, &new).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    let out = dossier_in(home.path(), &["mentions", "Anna Berger", arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("b:3: ääää [Anna Berger] traf"), "{text}");
    let out = dossier_in(home.path(), &["entities", "--format", "json", arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let doc = m["doc"].as_str().unwrap();
            let bytes = std::fs::read(dir.path().join(format!("{doc}.txt"))).unwrap();
            let (s, en) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let text = m["text"].as_str().unwrap();
            assert!(!text.is_empty(), "{m}");
            assert_eq!(&bytes[s..en], text.as_bytes(), "offsets fit the file: {m}");
        }
    }
}

#[test]
fn special_files_are_skipped_with_a_message_never_read() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus();
    // A FIFO named like an article (nobody ever writes to it), and a
    // corrections file that is a FIFO: both used to block forever.
    mkfifo(&dir.path().join("pipe.txt"));
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    mkfifo(&home.path().join("config/corrections.toml"));
    let arg = dir.path().to_str().unwrap();
    let out = dossier_within(30, home.path(), &["entities", arg]);
    let err = stderr(&out);
    assert!(
        err.contains("pipe.txt") && err.contains("named pipe"),
        "{err}"
    );
    assert!(err.contains("corrections.toml"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Anna Berger"));
    // Named on the command line, and the config file as a FIFO too.
    mkfifo(&home.path().join("config/config.toml"));
    let pipe = dir.path().join("pipe.txt");
    let out = dossier_within(30, home.path(), &["entities", pipe.to_str().unwrap(), arg]);
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
}

#[test]
fn names_from_files_reach_the_terminal_only_made_visible() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus();
    // A title-setting OSC 0, a clipboard-writing OSC 52, invisible tags.
    let evil = [
        "t\x1b]0;PWNED\x07",
        "c\x1b]52;c;cm0gLXJm\x07",
        "tag\u{E0041}\u{E0042}",
    ];
    for (i, stem) in evil.iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("{stem}.txt")),
            format!("Bericht {i}\n\nAnna Berger besuchte Bonn und Peter Schmidt in Köln."),
        )
        .unwrap();
    }
    let arg = dir.path().to_str().unwrap();
    let clean = |out: &Output| {
        for bytes in [&out.stdout, &out.stderr] {
            let s = String::from_utf8_lossy(bytes);
            assert!(
                !bytes.contains(&0x1b) && !bytes.contains(&0x07),
                "raw control: {s:?}"
            );
            assert!(!s.contains('\u{E0041}'), "a tag character passed: {s:?}");
        }
    };
    // The hint lists document ids.
    let out = dossier_in(home.path(), &["compare", "nope", "nix", "--in", arg]);
    clean(&out);
    assert!(
        stderr(&out).contains("reports are named by id"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("␛"), "shown: {}", stderr(&out));
    // The text report names both documents.
    let out = dossier_in(home.path(), &["compare", evil[0], evil[1], "--in", arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    clean(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("␛]0;PWNED␇"));
    let out = dossier_in(home.path(), &["compare", evil[2], "a", "--in", arg]);
    clean(&out);
    // A name echoed back, and suggestions.
    let out = dossier_in(home.path(), &["mentions", "Berger\x1b]0;X\x07", arg]);
    clean(&out);
    let out = dossier_in(home.path(), &["entities", arg]);
    clean(&out);
}

#[test]
fn one_huge_number_or_a_nul_byte_does_not_cost_a_record() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let huge = "9".repeat(400);
    std::fs::write(
        dir.path().join("feed.jsonl"),
        format!(
            "{{\"id\": \"x1\", \"views\": {huge}, \"text\": \"Anna Berger besuchte Bonn.\"}}\n\
             {{\"id\": \"x2\", \"score\": 1e999, \"text\": \"Peter Schmidt reiste nach Köln.\"}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("table.csv"),
        "id,text\nc1,Anna Berger in Bonn.\nc2,Peter\0 Schmidt in Köln.\nc3,Berlin.\n",
    )
    .unwrap();
    let out = dossier_in(
        home.path(),
        &["entities", "--format", "json", dir.path().to_str().unwrap()],
    );
    // The NUL bytes are a problem said (the exit status says so too), not a
    // reason to drop the file.
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stderr(&out)));
    let ids = crate::document_ids(&v);
    for id in ["x1", "x2", "c1", "c2", "c3"] {
        assert!(ids.contains(&id), "{id} kept: {ids:?}; {}", stderr(&out));
    }
    let err = stderr(&out);
    assert!(
        err.contains("table.csv") && err.contains("NUL bytes") && err.contains("read as spaces"),
        "{err}"
    );
}

#[test]
fn every_article_is_read_with_few_file_descriptors_allowed() {
    // The reading opens files ahead of reading them (`ingest::read_ahead`):
    // with a low limit on open files it must hold fewer, never skip one.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Bericht {i}\n\nAnna Berger traf Jonas Keller in Bonn, Nummer {i}."),
        )
        .unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let mut cmd = super::dossier_at(home.path());
    cmd.args(["entities", "--format", "json", dir.path().to_str().unwrap()]);
    // SAFETY: only an async-signal-safe call between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
            limit.rlim_cur = 48;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            Ok(())
        });
    }
    let out = cmd.output().expect("run dossier");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("open files"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 300);
}
