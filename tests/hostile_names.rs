//! Hostile input, second round (issue 18, finding 7): file names. Articles
//! that share a file stem get ids that say where they are and that stay
//! with their article when files are added; a file name that is not UTF-8
//! comes back exactly from the JSON output.

use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// `dossier entities --format json PATH` with its own directories under
/// `home`; the parsed output.
fn entities_json(home: &Path, path: &Path) -> Value {
    let out: Output = super::dossier_at(home)
        .args([OsStr::new("entities"), "--format".as_ref(), "json".as_ref()])
        .arg(path)
        .output()
        .expect("run dossier");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The document ids by path relative to `dir`.
fn ids_by_path(json: &Value, dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = Path::new(d["path"].as_str().unwrap());
            let rel = path.strip_prefix(dir).unwrap().to_str().unwrap();
            (rel.to_string(), d["id"].as_str().unwrap().to_string())
        })
        .collect();
    out.sort();
    out
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn shared_stems_get_their_folder_and_keep_it_when_files_are_added() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "2024/bericht.txt", "Bonn\n\nAnna Berger besuchte Bonn.");
    write(d, "2025/bericht.txt", "Köln\n\nPeter Schmidt war in Köln.");
    write(d, "notiz.txt", "Notiz\n\nKurz.");
    let before = ids_by_path(&entities_json(home.path(), d), d);
    assert_eq!(
        before,
        [
            ("2024/bericht.txt".into(), "bericht~2024".into()),
            ("2025/bericht.txt".into(), "bericht~2025".into()),
            ("notiz.txt".into(), "notiz".into()),
        ]
    );
    // A file found before the others (it used to take `bericht`, and shift
    // every other one along) and one beside an existing one.
    write(d, "2023/bericht.txt", "Berlin\n\nIn Berlin regnet es.");
    write(d, "2025/bericht.md", "Wien\n\nIn Wien scheint die Sonne.");
    let after = ids_by_path(&entities_json(home.path(), d), d);
    for (path, id) in &before {
        let now = after.iter().find(|(_, i)| i == id).map(|(p, _)| p);
        assert!(
            now.is_none() || now == Some(path),
            "{id} named {path}, now {now:?}"
        );
    }
    assert_eq!(
        after,
        [
            ("2023/bericht.txt".into(), "bericht~2023".into()),
            ("2024/bericht.txt".into(), "bericht~2024".into()),
            ("2025/bericht.md".into(), "bericht.md~2025".into()),
            ("2025/bericht.txt".into(), "bericht.txt~2025".into()),
            ("notiz.txt".into(), "notiz".into()),
        ]
    );
}

#[test]
fn a_file_name_that_is_not_utf8_comes_back_from_the_json() {
    use std::os::unix::ffi::OsStrExt;
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "Köln", as old archives name files.
    let name = OsStr::from_bytes(b"K\xf6ln \\ Bericht.txt");
    let file = dir.path().join(name);
    let text = "Köln\n\nAnna Berger besuchte am Montag Köln.";
    std::fs::write(&file, text).unwrap();
    let json = entities_json(home.path(), dir.path());
    let doc = &json["documents"][0];
    let shown = doc["path"].as_str().unwrap();
    assert!(shown.ends_with("K\u{FFFD}ln \\ Bericht.txt"), "{shown}");
    let escaped = doc["path_escaped"].as_str().expect("path_escaped");
    assert!(escaped.ends_with("K\\xF6ln \\\\ Bericht.txt"), "{escaped}");
    let back = dossier::corpus::path_text::unescaped(escaped).unwrap();
    assert_eq!(back, file);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), text);
    // bash's printf %b (and GNU printf's) reads the same form back.
    let printed = Command::new("bash")
        .args(["-c", "printf '%b' \"$1\"", "bash", escaped])
        .output()
        .unwrap();
    assert_eq!(printed.stdout, file.as_os_str().as_bytes());
    // And dossier opens the path it gave.
    let again = entities_json(home.path(), &back);
    assert_eq!(again["documents"][0]["path_escaped"], doc["path_escaped"]);
    assert!(
        again["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Anna Berger")
    );
}
