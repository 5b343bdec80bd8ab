//! Odd and hostile input through the real binary: every file opens or is
//! skipped with a message, nothing panics, offsets stay valid, the screen
//! stays aligned.

use crate::pty::Session;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Write a folder of odd articles; returns the names expected to open.
fn odd_folder(dir: &Path) -> Vec<&'static str> {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Grüße aus Köln: Die Bürgermeisterin Henriette Reker sprach.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("utf16.txt", &utf16);
    w(
        "crlf.txt",
        b"Titel\r\n\r\nDer Minister Olaf Scholz reiste nach Paris.\r\n",
    );
    w(
        "lone-cr.txt",
        b"Titel\r\rDer Minister Olaf Scholz reiste nach Rom.\r",
    );
    w(
        "invalid.txt",
        b"Titel\n\nGr\xfc\xdfe aus M\xfcnchen von Anna Schmidt.\n",
    );
    w(
        "zero-width.txt",
        "Titel\n\nDie Ka\u{200b}nzlerin Ange\u{301}la Merkel und e\u{301}in Café\u{fe0f}."
            .as_bytes(),
    );
    w(
        "wide.txt",
        "東京で会議\n\nDer Premier Fumio Kishida traf in 東京 ein. 👍🏽👨‍👩‍👧 Ende.".as_bytes(),
    );
    w(
        "rtl.txt",
        "Titel\n\nDer Sprecher sagte in Kairo: مرحبا بالعالم und ging.".as_bytes(),
    );
    w("tabs.txt", b"Titel\n\n\tDer\tBericht\taus\tWien.\n");
    w(
        "long-line.txt",
        "Die Ministerin Anna Berger sagte in Bonn etwas. "
            .repeat(110_000)
            .as_bytes(),
    );
    w("empty.txt", b"");
    w("binary.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        std::fs::create_dir(dir.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("loop"), dir.join("loop").join("again")).unwrap();
    }
    vec![
        "utf16",
        "crlf",
        "lone-cr",
        "invalid",
        "zero-width",
        "wide",
        "rtl",
        "tabs",
        "long-line",
    ]
}

#[test]
fn every_odd_file_opens_or_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let expected = odd_folder(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities", "--format", "json", dir.path().to_str().unwrap()])
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "some input skipped: {err}");
    for skipped in ["empty.txt", "binary.txt", "dangling.txt"] {
        assert!(err.contains(skipped), "{skipped} is named in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids = crate::document_ids(&v);
    ids.sort();
    let mut want = expected.clone();
    want.sort();
    assert_eq!(ids, want);
    // Offsets index the file bytes (UTF-16 files: their UTF-8 text).
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let doc = m["doc"].as_str().unwrap();
            if doc == "utf16" {
                continue;
            }
            let bytes = std::fs::read(dir.path().join(format!("{doc}.txt"))).unwrap();
            let (s, en) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                String::from_utf8_lossy(&bytes[s..en]),
                m["text"].as_str().unwrap()
            );
        }
    }
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Scholz")),
        "CRLF text is recognised: {names:?}"
    );
}

#[test]
fn the_reader_walks_odd_files_with_the_layout_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let expected = odd_folder(dir.path());
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30, &[]);
    s.wait_for(60, "the reader", |t| {
        t.contains(&format!("Article 1/{}", expected.len()))
    });
    for _ in 0..expected.len() {
        s.send("]");
        let t = s.settle();
        for (i, line) in t.lines().enumerate() {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= 100, "row {i} is {w} cells wide:\n{t}");
        }
        // Every bordered row ends at the right edge: nothing pushed the border out.
        let right_edges = s.screen(|sc| {
            (1..28u16)
                .filter(|&r| sc.cell(r, 99).is_some_and(|c| c.contents() == "│"))
                .count()
        });
        assert!(right_edges >= 20, "the sidebar border is intact:\n{t}");
    }
    s.send("q");
    assert!(s.wait_exit(10).success());
}

#[test]
fn a_key_press_is_answered_while_indexing() {
    let dir = tempfile::tempdir().unwrap();
    let para = "Die Außenministerin Annalena Baerbock sprach in Berlin mit Vertretern der Vereinten Nationen über die Lage in der Ukraine. ";
    for i in 0..8000 {
        std::fs::write(
            dir.path().join(format!("{i:05}.txt")),
            format!("Bericht {i}\n\n{}", para.repeat(30)),
        )
        .unwrap();
    }
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30, &[]);
    // Not settled: the progress keeps the screen changing until the index
    // is built, and a fast machine builds it in about a second.
    s.wait_until(30, "the first frame", |t| t.contains("Article 1/"));
    s.send("]");
    // A key answered only once the index is built never shows both.
    let indexing =
        |t: &str| t.contains("indexing") || t.contains("loading") || t.contains("finding entities");
    s.wait_until(10, "the next article while the index is being built", |t| {
        t.contains("Article 2/") && indexing(t)
    });
    s.send("q");
    assert!(s.wait_exit(30).success());
}

#[test]
fn a_folder_of_100000_tiny_files_opens() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        let sub = dir.path().join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i}.txt")), format!("Kurz {i}. Bonn.")).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities", "--format", "json", dir.path().to_str().unwrap()])
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 100_000);
}

/// A long article of capitalised words and no sentence ends — every word a
/// candidate name — is analysed, and twice its length gives the same
/// entities with twice the mentions. (That the time grows in proportion to
/// the length is measured by `cargo bench --bench long_article`: timings
/// belong in benchmarks, not in tests.)
#[test]
fn a_megabyte_of_capitalised_words_is_analysed() {
    use dossier::corpus::Document;
    use dossier::entity::pipeline;
    let words = [
        "Berlin", "Anna", "Müller", "Vereinte", "Nationen", "Kim", "Jong", "Un", "Gipfel", "Haus",
    ];
    // Whole cycles of the ten words (step 7 visits each once per cycle).
    let article = |cycles: usize| {
        let cycle: String = (0..10).map(|i| format!("{} ", words[i * 7 % 10])).collect();
        Document::from_bytes("p".into(), "p.txt".into(), cycle.repeat(cycles).as_bytes())
    };
    let mentions = |a: &dossier::entity::pipeline::Analysis| -> usize { a.mentions().len() };
    let cycles = (1 << 20) / 62 + 1;
    let (one, two) = (article(cycles), article(2 * cycles));
    assert!(one.text.len() >= 1 << 20);
    let (a1, a2) = (pipeline::analyse(&one), pipeline::analyse(&two));
    assert!(!a1.is_empty());
    let names = |a: &dossier::entity::pipeline::Analysis| -> Vec<String> {
        let mut n: Vec<String> = a
            .entities()
            .map(|e| e.mentions()[0].surface.as_str().to_string())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(&a1), names(&a2));
    let (m1, m2) = (mentions(&a1), mentions(&a2));
    assert!(m1 > 10_000, "{m1} mentions");
    assert!(m2.abs_diff(2 * m1) <= 2, "{m1} then {m2} mentions");
}

#[test]
fn a_50_mb_article_opens_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let para = "Die Ministerin Anna Berger sprach am Montag in Bonn mit Vertretern der Vereinten Nationen.\n\n";
    let text = format!(
        "Ein sehr langer Bericht\n\n{}",
        para.repeat(50 * 1024 * 1024 / para.len())
    );
    assert!(text.len() >= 50 * 1024 * 1024 - para.len());
    std::fs::write(dir.path().join("huge.txt"), &text).unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 100, 30, &[]);
    s.wait_for(60, "the article", |t| {
        t.contains("Article 1/1") && t.contains("Ein sehr langer Bericht")
    });
    s.send("\tG");
    let t = s.wait_for(30, "the end of the article", |t| t.contains("100%"));
    assert!(t.contains("Anna Berger") && t.contains("Nationen."), "{t}");
    s.send("q");
    assert!(s.wait_exit(30).success());
}
