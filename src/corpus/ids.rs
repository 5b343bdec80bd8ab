//! Document ids for article files: readable, and stable when files are
//! added, because the reading memory (read marks, positions, bookmarks)
//! and `dossier compare` name articles by id.
//!
//! An article's id is its file stem (`bericht` for `2024/05/bericht.txt`).
//! Where files share a stem, each of them gets its folder as a suffix:
//! `bericht~2024/05`, the folder as a path inside the folder that was
//! opened (that folder's own name for files directly in it; with several
//! folders opened, starting with the opened folder's name). Two of them in
//! one folder (`bericht.txt`, `bericht.md`) keep their extension too:
//! `bericht.md~2024/05`. So an id depends only on the file's own path and
//! on whether its stem is shared, never on the order files are found in:
//! adding files never gives an id to another article than before. (When
//! an article's stem comes to be shared, its id gains the suffix, and what
//! was remembered under the bare stem is no longer shown; it never moves
//! to the other article.) Only ids that still clash after that (two opened
//! folders of the same name, a stem that itself ends in such a suffix) are
//! numbered in order: `bericht~2`.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Component, Path, PathBuf};

/// Give each of `files` (found under `roots`, the paths opened; see
/// [`super::load::discover`]) a unique document id, as the module says.
pub fn unique_ids<P: AsRef<Path>>(files: &[P], roots: &[PathBuf]) -> Vec<String> {
    let files: Vec<&Path> = files.iter().map(AsRef::as_ref).collect();
    let stems: Vec<String> = files.iter().map(|p| stem(p)).collect();
    let mut per_stem: FxHashMap<&str, usize> = FxHashMap::default();
    per_stem.reserve(stems.len());
    for s in &stems {
        *per_stem.entry(s.as_str()).or_insert(0) += 1;
    }
    // The folders opened (a file opened by itself is among the files, as
    // it was named: discovery keeps its path as given, so its bytes are
    // compared, which is much cheaper than hashing a million paths by
    // their components).
    let named: FxHashSet<&[u8]> = files
        .iter()
        .map(|f| f.as_os_str().as_encoded_bytes())
        .collect();
    let dirs: Vec<&Path> = roots
        .iter()
        .map(PathBuf::as_path)
        .filter(|r| !named.contains(r.as_os_str().as_encoded_bytes()))
        .collect();
    drop(named);
    let folders: Vec<Option<String>> = files
        .iter()
        .zip(&stems)
        .map(|(p, s)| (per_stem[s.as_str()] > 1).then(|| folder(p, &dirs)))
        .collect();
    let mut per_folder: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (s, f) in stems.iter().zip(&folders) {
        if let Some(f) = f {
            *per_folder.entry((s.as_str(), f.as_str())).or_insert(0) += 1;
        }
    }
    let wanted: Vec<String> = files
        .iter()
        .zip(stems.iter().zip(&folders))
        .map(|(p, (s, f))| match f {
            None => s.clone(),
            Some(f) if per_folder[&(s.as_str(), f.as_str())] > 1 => {
                format!("{}~{f}", name(p))
            }
            Some(f) => format!("{s}~{f}"),
        })
        .collect();
    drop((per_stem, per_folder));
    let mut seen: FxHashSet<String> = FxHashSet::default();
    seen.reserve(wanted.len());
    wanted
        .into_iter()
        .map(|id| {
            let mut unique = id.clone();
            let mut n = 1;
            while !seen.insert(unique.clone()) {
                n += 1;
                unique = format!("{id}~{n}");
            }
            unique
        })
        .collect()
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned())
}

fn name(p: &Path) -> String {
    p.file_name()
        .map_or_else(|| stem(p), |s| s.to_string_lossy().into_owned())
}

/// The suffix for a file whose stem is shared: its folder, as a path inside
/// the opened folder (of `dirs`) it was found in (see the module).
fn folder(file: &Path, dirs: &[&Path]) -> String {
    let Some(root) = dirs
        .iter()
        .filter(|r| file.starts_with(r))
        .max_by_key(|r| r.components().count())
    else {
        // A file opened by itself: the folder it is in.
        return file.parent().map_or_else(|| ".".into(), own_name);
    };
    let inside = file
        .parent()
        .and_then(|p| p.strip_prefix(root).ok())
        .map(slashed)
        .unwrap_or_default();
    match (dirs.len() > 1, inside.is_empty()) {
        (_, true) => own_name(root),
        (false, false) => inside,
        (true, false) => format!("{}/{inside}", own_name(root)),
    }
}

/// A folder's own name: its last component, or for `.`, `..` and the like
/// the last component of its absolute path.
fn own_name(dir: &Path) -> String {
    let last = |p: &Path| match p.components().next_back() {
        Some(Component::Normal(n)) => Some(n.to_string_lossy().into_owned()),
        _ => None,
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    last(dir)
        .or_else(|| std::fs::canonicalize(dir).ok().and_then(|d| last(&d)))
        .unwrap_or_else(|| ".".into())
}

/// A relative path with `/` between its parts, on every platform.
fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(files: &[&str], roots: &[&str]) -> Vec<String> {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        unique_ids(&files, &roots)
    }

    #[test]
    fn a_unique_stem_is_the_id() {
        assert_eq!(ids(&["c/a.txt", "c/b/x.md"], &["c"]), ["a", "x"]);
    }

    #[test]
    fn shared_stems_are_told_apart_by_their_folder() {
        let got = ids(
            &["c/2023/05/x.txt", "c/2024/05/x.txt", "c/x.md", "c/y.txt"],
            &["c"],
        );
        assert_eq!(got, ["x~2023/05", "x~2024/05", "x~c", "y"]);
        // Two in one folder keep their extension.
        let got = ids(&["c/d/x.md", "c/d/x.txt", "c/e/x.txt"], &["c"]);
        assert_eq!(got, ["x.md~d", "x.txt~d", "x~e"]);
        // Several folders opened: the suffix starts with the folder's name.
        let got = ids(&["a/x.txt", "b/2024/x.txt"], &["a", "b"]);
        assert_eq!(got, ["x~a", "x~b/2024"]);
        // Files opened one by one: the folder each is in.
        let got = ids(&["a/x.txt", "b/x.txt"], &["a/x.txt", "b/x.txt"]);
        assert_eq!(got, ["x~a", "x~b"]);
    }

    #[test]
    fn ids_do_not_depend_on_the_order_files_are_found_in() {
        let files = ["c/b/x.txt", "c/a/x.txt", "c/y.txt"];
        let mut got = ids(&files, &["c"]);
        let mut reversed: Vec<&str> = files.to_vec();
        reversed.reverse();
        let mut back = ids(&reversed, &["c"]);
        back.reverse();
        assert_eq!(got, back);
        got.sort();
        assert_eq!(got, ["x~a", "x~b", "y"]);
    }

    /// Adding files never gives an existing id to another article: each id
    /// names the same file as before, or (a stem come to be shared) none.
    #[test]
    fn adding_files_never_moves_an_id_to_another_article() {
        let before = ["c/2024/x.txt", "c/2025/x.txt", "c/y.txt", "c/z/w.md"];
        let after = [
            "c/2023/x.txt", // sorts first: used to take `x`, and `x~2` moved
            "c/2024/x.txt",
            "c/2025/x.txt",
            "c/2025/x.md",
            "c/y.txt",
            "c/a/y.txt",
            "c/z/w.md",
        ];
        let old = ids(&before, &["c"]);
        let new = ids(&after, &["c"]);
        let named = |files: &[&str], ids: &[String], id: &str| {
            ids.iter()
                .position(|i| i == id)
                .map(|i| files[i].to_string())
        };
        for id in &old {
            let was = named(&before, &old, id);
            let now = named(&after, &new, id);
            assert!(now.is_none() || now == was, "{id}: {was:?} -> {now:?}");
        }
        assert_eq!(old, ["x~2024", "x~2025", "y", "w"]);
        assert_eq!(
            new,
            [
                "x~2023",
                "x~2024",
                "x.txt~2025",
                "x.md~2025",
                "y~c",
                "y~a",
                "w"
            ]
        );
    }

    #[test]
    fn what_still_clashes_is_numbered() {
        // Two opened folders of one name.
        let got = ids(&["p/data/x.txt", "q/data/x.txt"], &["p/data", "q/data"]);
        assert_eq!(got, ["x.txt~data", "x.txt~data~2"]);
        // A stem that is itself another's id.
        let got = ids(&["c/a/x.txt", "c/b/x.txt", "c/x~a.txt"], &["c"]);
        assert_eq!(got, ["x~a", "x~b", "x~a~2"]);
    }
}
