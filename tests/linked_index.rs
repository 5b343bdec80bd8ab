//! The linked index on disk (`index-<hash>.linked.bin`, see
//! `dossier::ingest::linked_file`), end to end with the real binary: an
//! unchanged corpus opens from it; a file cut short, tampered with or
//! written by another version is refused with a message in the log, the
//! corpus is linked again to the same output, and the file is written anew
//! (the same but for the time its document table was read).

use std::path::{Path, PathBuf};
use std::process::Output;

/// A folder of four short articles.
fn corpus() -> tempfile::TempDir {
    super::short_articles(&[("d", "Genf\n\nDie Vereinten Nationen tagten in Genf.")])
}

/// `dossier entities --format json DIR` with its own directories under
/// `home`, logging at `info` to a fresh log.
fn entities(home: &Path, dir: &Path) -> (Output, String) {
    let log = home.join("state").join("dossier.log");
    let _ = std::fs::remove_file(&log);
    let out = super::dossier_at(home)
        .args(["entities", "--format", "json"])
        .arg(dir)
        .env("DOSSIER_LOG", "info")
        .output()
        .expect("run dossier");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The log file's name is the logger's; read whatever it wrote.
    let logged = std::fs::read_dir(home.join("state"))
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".log"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .collect::<String>()
        })
        .unwrap_or_default();
    (out, logged)
}

/// Whether the log says the corpus was linked (not read from the file).
fn linked_again(log: &str) -> bool {
    log.lines()
        .any(|l| l.contains(" linked in ") && l.ends_with(" ms"))
}

/// The linked-index file in `home`'s cache.
fn linked_file(home: &Path) -> PathBuf {
    std::fs::read_dir(home.join("cache"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".linked.bin"))
        .expect("a linked index file")
}

/// Where the layout's header starts in a linked-index file.
fn header_at(bytes: &[u8]) -> usize {
    bytes
        .windows(8)
        .position(|w| w == b"DXLNKIDX")
        .expect("the layout's magic")
}

#[test]
fn a_damaged_or_foreign_linked_index_is_refused_and_written_again() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus();
    let (first, log) = entities(home.path(), dir.path());
    assert!(linked_again(&log), "linked the first time: {log}");
    let file = linked_file(home.path());
    let good = std::fs::read(&file).unwrap();
    let (warm, log) = entities(home.path(), dir.path());
    assert_eq!(warm.stdout, first.stdout, "the same output from the file");
    assert!(log.contains("read in place"), "{log}");
    assert!(!linked_again(&log), "not linked again: {log}");

    let at = header_at(&good);
    let mut tampered = good.clone();
    let mid = at + 64 + (good.len() - at - 64) / 2;
    tampered[mid] ^= 0x40;
    let mut other_version = good.clone();
    other_version[at + 8] = other_version[at + 8].wrapping_add(1);
    let cases = [
        ("cut short", good[..good.len() - 13].to_vec(), "cut short"),
        ("cut in the header", good[..at + 20].to_vec(), "cut short"),
        ("tampered", tampered, "checksum"),
        ("another version", other_version, "another version"),
        ("junk", b"\x00junk".to_vec(), "not a linked index"),
    ];
    for (what, bytes, says) in cases {
        std::fs::write(&file, &bytes).unwrap();
        let (out, log) = entities(home.path(), dir.path());
        assert_eq!(out.stdout, first.stdout, "{what}: the same output");
        assert!(
            log.lines()
                .any(|l| l.contains("WARN") && l.contains("linked index") && l.contains(says)),
            "{what}: a warning saying {says:?} in the log:\n{log}"
        );
        assert!(linked_again(&log), "{what}: linked again: {log}");
        // Written anew (in the background of the run that refused it),
        // and read in place by the next open.
        let (again, log) = entities(home.path(), dir.path());
        assert_eq!(again.stdout, first.stdout);
        assert!(log.contains("read in place"), "{what}: rewritten: {log}");
        // The same file but for when its texts were read (in the document
        // table at its end) and so its checksum.
        let now = std::fs::read(&file).unwrap();
        assert_eq!(now.len(), good.len(), "{what}");
        let table = u32::from_ne_bytes(good[at + 48..at + 52].try_into().unwrap()) as usize;
        let index_end = good.len() - table.div_ceil(8) * 8;
        assert_eq!(now[..at + 40], good[..at + 40], "{what}");
        assert_eq!(now[at + 48..index_end], good[at + 48..index_end], "{what}");
    }
}
