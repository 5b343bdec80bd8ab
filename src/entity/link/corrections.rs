//! Corrections by the user: aliases, merges, splits and "not an entity",
//! kept in a TOML file in the config directory and applied on top of
//! automatic linking.
//!
//! ```toml
//! not_entity = ["Kreml-Chef"]
//!
//! [[merge]]
//! from = "Kim"
//! into = "Kim Jong Un"
//!
//! [[alias]]
//! name = "Kim Jong Un"   # the canonical name to show
//! alias = "Kim Jong-un"  # another name of the same entity
//!
//! [[split]]
//! name = "St. Pölten"    # the spelling that leaves, as an entity of its own
//! from = "SPÖ"           # a name or alias of the entity it leaves
//! ```
//!
//! Names are compared after folding (case, umlauts, diacritics), against an
//! entity's canonical name and its aliases. They are applied in this order:
//! not an entity, splits, merges, aliases, then the splits that found their
//! spelling only once merges joined it in (see [`super::split`]). A merge
//! (or alias) and a split of the same two names contradict each other: the
//! later one replaces the earlier ([`Corrections::add_merge`],
//! [`Corrections::add_split`]), so the last judgement wins in the file as
//! in a shared store's log. The file is written atomically
//! (temporary file, fsync, rename); a file that cannot be read is reported with
//! its line and set aside under a new name, never silently dropped.

use super::split::Unapplied;
use crate::corpus::DocId;
use crate::entity::index::LinkedEntity;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The user's corrections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Surface forms that are not entities: their mentions are dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_entity: Vec<String>,
    /// Entities to merge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<Merge>,
    /// Names that belong to an entity, with its canonical name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alias: Vec<Alias>,
    /// Spellings that leave their entity as entities of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<Split>,
}

/// The spelling `name` leaves the entity that has the name or alias
/// `from`, with every mention written that way, as an entity of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The spelling that leaves.
    pub name: String,
    /// A name or alias of the entity it leaves.
    pub from: String,
}

/// Merge the entity named `from` into the entity named `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// A name or alias of the entity that disappears.
    pub from: String,
    /// A name or alias of the entity that stays.
    pub into: String,
}

/// `alias` is another name of the entity called `name`, which becomes its
/// canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The canonical name.
    pub name: String,
    /// Another name of the same entity.
    pub alias: String,
}

/// Why a corrections file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    /// The file is not valid: it was renamed to `set_aside`.
    #[error("{path}:{line}: {message} (the file was set aside as {set_aside})")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// What is wrong.
        message: String,
        /// Where the bad file now is.
        set_aside: PathBuf,
    },
    /// Reading, writing or renaming failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// A parse error with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Corrections {
    /// Parse the TOML text of a corrections file.
    pub fn parse(text: &str) -> Result<Corrections, ParseError> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| {
                    let end = s.start.min(text.len());
                    text.as_bytes()[..end]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1
                })
                .unwrap_or(1);
            ParseError {
                line,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// The TOML text of the corrections.
    pub fn to_toml(&self) -> String {
        // Serialising plain strings and tables cannot fail.
        toml::to_string(self).unwrap_or_default()
    }

    /// Whether there is nothing to correct.
    pub fn is_empty(&self) -> bool {
        self.not_entity.is_empty()
            && self.merge.is_empty()
            && self.alias.is_empty()
            && self.split.is_empty()
    }

    /// Load the corrections file. A missing file gives no corrections; a file
    /// that cannot be parsed is renamed (`<name>.corrupt`, `<name>.corrupt.2`…)
    /// and reported with its line.
    pub fn load(path: &Path) -> Result<Corrections, CorrectionsError> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Corrections::default());
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(set_aside(path, 1, "the file is not UTF-8 text".into()));
            }
            Err(source) => {
                return Err(CorrectionsError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Corrections::parse(&text).map_err(|e| set_aside(path, e.line, e.message))
    }

    /// Write the corrections atomically (see [`crate::atomic::write`]).
    pub fn save(&self, path: &Path) -> Result<(), CorrectionsError> {
        crate::atomic::write(path, self.to_toml().as_bytes()).map_err(|source| {
            CorrectionsError::Io {
                path: path.to_path_buf(),
                source,
            }
        })
    }

    /// Add a merge (skipping duplicates). A split of the same two names
    /// made before is dropped: the later judgement wins.
    pub fn add_merge(&mut self, from: &str, into: &str) {
        self.split
            .retain(|s| !same_pair((&s.name, &s.from), (from, into)));
        let m = Merge {
            from: from.to_string(),
            into: into.to_string(),
        };
        if !self.merge.contains(&m) {
            self.merge.push(m);
        }
    }

    /// Add an alias (skipping duplicates). A split of the same two names
    /// made before is dropped: the later judgement wins.
    pub fn add_alias(&mut self, name: &str, alias: &str) {
        self.split
            .retain(|s| !same_pair((&s.name, &s.from), (name, alias)));
        let a = Alias {
            name: name.to_string(),
            alias: alias.to_string(),
        };
        if !self.alias.contains(&a) {
            self.alias.push(a);
        }
    }

    /// Split the spelling `name` off the entity called `from` (skipping
    /// duplicates). A merge or alias of the same two names made before is
    /// dropped: the later judgement wins.
    pub fn add_split(&mut self, name: &str, from: &str) {
        self.merge
            .retain(|m| !same_pair((&m.from, &m.into), (name, from)));
        self.alias
            .retain(|a| !same_pair((&a.name, &a.alias), (name, from)));
        let s = Split {
            name: name.to_string(),
            from: from.to_string(),
        };
        if !self.split.contains(&s) {
            self.split.push(s);
        }
    }

    /// Mark a surface form as not an entity (skipping duplicates).
    pub fn add_not_entity(&mut self, surface: &str) {
        if !self.not_entity.iter().any(|s| s == surface) {
            self.not_entity.push(surface.to_string());
        }
    }

    /// Apply the corrections to linked entities; `texts[d]` is the text of
    /// document `d` (to read mention surfaces). Entities left without mentions
    /// are dropped; merged entities keep the target's key. A split that
    /// changed nothing is logged (see [`Corrections::apply_noting`]).
    pub fn apply(&self, linked: Vec<LinkedEntity>, texts: &[&str]) -> Vec<LinkedEntity> {
        let (out, notes) = self.apply_noting(linked, texts);
        for n in notes {
            tracing::warn!("correction not applied: {n}");
        }
        out
    }

    /// [`Corrections::apply`], and what it could not apply, in words (a
    /// split naming no entity that holds its spelling, or an entity's only
    /// spelling).
    pub fn apply_noting(
        &self,
        linked: Vec<LinkedEntity>,
        texts: &[&str],
    ) -> (Vec<LinkedEntity>, Vec<String>) {
        let mut linked = linked;
        // Not an entity.
        let banned: HashSet<String> = self.not_entity.iter().map(|s| folded(s)).collect();
        if !banned.is_empty() {
            for le in &mut linked {
                le.mentions.retain(|(doc, span)| {
                    let surface = texts
                        .get(doc.index())
                        .and_then(|t| t.get(span.clone()))
                        .unwrap_or_default();
                    !banned.contains(&folded(surface))
                });
                le.entity.aliases.retain(|a| !banned.contains(&folded(a)));
            }
            linked.retain(|le| !le.mentions.is_empty());
        }
        // Splits: before merges, so that a merge can take what a split
        // set apart; those whose spelling only a merge brings in, after.
        let splits: Vec<&Split> = self.split.iter().collect();
        let (split_linked, first) = super::split::split_off(linked, &splits, texts, folded);
        let linked = split_linked;
        // Merges and aliases, through a union-find keyed by entity index.
        let mut parent: Vec<usize> = (0..linked.len()).collect();
        let mut rename: BTreeMap<usize, String> = BTreeMap::new();
        let mut extra_alias: Vec<(usize, String)> = Vec::new();
        // Every name and alias folded once, into maps to the first entity
        // that has it (by name before by alias): a lookup per correction
        // used to fold and scan every entity, quadratic in merges × entities.
        let mut by_name: HashMap<String, usize> = HashMap::with_capacity(linked.len());
        let mut by_alias: HashMap<String, usize> = HashMap::new();
        for (i, le) in linked.iter().enumerate() {
            by_name.entry(folded(&le.entity.name)).or_insert(i);
            for a in &le.entity.aliases {
                by_alias.entry(folded(a)).or_insert(i);
            }
        }
        let lookup = |_: &[LinkedEntity], name: &str| -> Option<usize> {
            let f = folded(name);
            by_name.get(&f).or_else(|| by_alias.get(&f)).copied()
        };
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for m in &self.merge {
            if let (Some(from), Some(into)) = (lookup(&linked, &m.from), lookup(&linked, &m.into)) {
                let (rf, ri) = (root(&mut parent, from), root(&mut parent, into));
                if rf != ri {
                    parent[rf] = ri;
                    if let Some(name) = rename.remove(&rf) {
                        rename.entry(ri).or_insert(name);
                    }
                }
            }
        }
        for a in &self.alias {
            let target = lookup(&linked, &a.name);
            let other = lookup(&linked, &a.alias);
            let Some(t) = target.or(other) else {
                continue;
            };
            let rt = root(&mut parent, t);
            if let Some(o) = other {
                let ro = root(&mut parent, o);
                if ro != rt {
                    parent[ro] = rt;
                }
            }
            rename.insert(rt, a.name.clone());
            extra_alias.push((rt, a.alias.clone()));
        }
        // Gather.
        let n = linked.len();
        let roots: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
        let mut slots: Vec<Option<LinkedEntity>> = linked.into_iter().map(Some).collect();
        // The aliases each merge target has, to add others without scanning
        // its list each time (a target of hundreds of merges has many).
        let mut known: HashMap<usize, HashSet<String>> = HashMap::new();
        let mut add_alias = |slots: &mut [Option<LinkedEntity>], r: usize, a: String| {
            let Some(target) = slots[r].as_mut() else {
                return;
            };
            let set = known
                .entry(r)
                .or_insert_with(|| target.entity.aliases.iter().cloned().collect());
            if set.insert(a.clone()) {
                target.entity.aliases.push(a);
            }
        };
        for i in 0..n {
            let r = roots[i];
            if r == i {
                continue;
            }
            if let Some(le) = slots[i].take() {
                if let Some(target) = slots[r].as_mut() {
                    target.mentions.extend(le.mentions);
                }
                for a in le.entity.aliases {
                    add_alias(&mut slots, r, a);
                }
            }
        }
        for (r, alias) in extra_alias {
            add_alias(&mut slots, roots[r], alias);
        }
        for (r, name) in rename {
            if let Some(t) = slots[roots[r]].as_mut() {
                if !t.entity.aliases.contains(&name) {
                    t.entity.aliases.insert(0, name.clone());
                }
                t.entity.name = name;
            }
        }
        let mut out: Vec<LinkedEntity> = slots.into_iter().flatten().collect();
        for le in &mut out {
            le.mentions
                .sort_by_key(|(d, s): &(DocId, std::ops::Range<usize>)| (*d, s.start));
        }
        let again: Vec<&Split> = splits
            .iter()
            .zip(&first)
            .filter(|(_, o)| o.is_some())
            .map(|(s, _)| *s)
            .collect();
        let (out, second) = super::split::split_off(out, &again, texts, folded);
        let notes = again
            .iter()
            .zip(second)
            .filter_map(|(s, o)| {
                let why = match o? {
                    Unapplied::NotFound => format!("no entity called “{}” has it", s.from),
                    Unapplied::OnlySpelling => format!("it is the only spelling of “{}”", s.from),
                };
                Some(format!("split “{}” from “{}”: {why}", s.name, s.from))
            })
            .collect();
        (out, notes)
    }
}

/// Whether two pairs of names are the same two names (folded, in either
/// order).
fn same_pair(a: (&str, &str), b: (&str, &str)) -> bool {
    let (a0, a1, b0, b1) = (folded(a.0), folded(a.1), folded(b.0), folded(b.1));
    (a0 == b0 && a1 == b1) || (a0 == b1 && a1 == b0)
}

/// Fold a name for comparison: case, umlauts and diacritics, with runs of
/// spaces as one.
fn folded(s: &str) -> String {
    #[cfg(test)]
    tests::FOLDS.with(|c| c.set(c.get() + 1));
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rename a bad corrections file out of the way and describe the problem.
fn set_aside(path: &Path, line: usize, message: String) -> CorrectionsError {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt"));
    let mut k = 2;
    while target.exists() {
        target = path.with_file_name(format!("{name}.corrupt.{k}"));
        k += 1;
    }
    match fs::rename(path, &target) {
        Ok(()) => CorrectionsError::Corrupt {
            path: path.to_path_buf(),
            line,
            message,
            set_aside: target,
        },
        Err(source) => CorrectionsError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Kind;
    use crate::entity::fixture::IndexBuilder;

    thread_local! {
        /// How many names `folded` folded on this thread.
        pub(super) static FOLDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn many_merges_cost_about_one_fold_per_name() {
        use crate::entity::Entity;
        let n = 4000;
        let text = "x".repeat(10);
        let linked: Vec<LinkedEntity> = (0..n)
            .map(|i| LinkedEntity {
                entity: Entity::new(
                    &format!("Name {i}"),
                    Kind::Person,
                    vec![format!("Name {i}"), format!("N{i}")],
                ),
                mentions: vec![(DocId(0), 0..1)],
            })
            .collect();
        let mut c = Corrections::default();
        for i in 1..=500 {
            c.add_merge(&format!("Name {i}"), "Name 0");
        }
        FOLDS.with(|f| f.set(0));
        let started = std::time::Instant::now();
        let out = c.apply(linked, &[text.as_str()]);
        let folds = FOLDS.with(std::cell::Cell::get);
        eprintln!("{folds} folds, {:?}", started.elapsed());
        assert_eq!(out.len(), n - 500);
        let target = out.iter().find(|le| le.entity.name == "Name 0").unwrap();
        assert_eq!(target.mentions.len(), 501);
        assert_eq!(target.entity.aliases.len(), 2 * 501);
        // Folding every name and alias once, and each correction's two
        // names: linear. Looking each correction up by scanning every
        // entity folded millions.
        assert!(folds <= 2 * (3 * n + 2 * 500), "{folds} folds");
    }

    const TEXT: &str = "Kim Jong-un traf Kim. Der Kreml-Chef kam.";

    fn sample() -> Vec<LinkedEntity> {
        IndexBuilder::new(1)
            .entity("Kim Jong-un", Kind::Person)
            .at(0, 0..11)
            .entity("Kim", Kind::Person)
            .at(0, 17..20)
            .entity("Kreml-Chef", Kind::Person)
            .at(0, 26..36)
            .linked()
    }

    #[test]
    fn round_trips_through_toml() {
        let mut c = Corrections::default();
        c.add_not_entity("Kreml-Chef");
        c.add_merge("Kim", "Kim Jong-un");
        c.add_merge("Kim", "Kim Jong-un");
        c.add_alias("Kim Jong Un", "Kim Jong-un");
        assert_eq!(c.merge.len(), 1, "duplicates are skipped");
        let text = c.to_toml();
        assert!(text.contains("[[merge]]"), "{text}");
        assert!(text.contains("not_entity"), "{text}");
        assert_eq!(Corrections::parse(&text).unwrap(), c);
        assert!(Corrections::parse("").unwrap().is_empty());
    }

    #[test]
    fn parse_errors_carry_the_line() {
        let e = Corrections::parse("not_entity = [\"a\"]\n\n[[merge]]\nfrom = \"x\"\ninto = 3\n")
            .unwrap_err();
        assert_eq!(e.line, 5, "{e:?}");
        let e = Corrections::parse("not_entity = []\nbogus = 1\n").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        assert!(e.message.contains("bogus"), "{e:?}");
    }

    #[test]
    fn apply_merges_renames_and_drops() {
        let mut c = Corrections::default();
        c.add_not_entity("kreml-chef");
        c.add_merge("kim", "KIM JONG-UN");
        c.add_alias("Kim Jong Un", "Kim Jong-un");
        let out = c.apply(sample(), &[TEXT]);
        assert_eq!(out.len(), 1, "{out:?}");
        let e = &out[0];
        assert_eq!(e.entity.name, "Kim Jong Un");
        assert_eq!(e.entity.key, "kim-jong-un", "the target's key stays");
        assert_eq!(e.mentions, vec![(DocId(0), 0..11), (DocId(0), 17..20)]);
        assert!(e.entity.aliases.contains(&"Kim".to_string()));
        assert_eq!(e.entity.aliases[0], "Kim Jong Un");
    }

    #[test]
    fn corrections_naming_unknown_entities_change_nothing() {
        let mut c = Corrections::default();
        c.add_merge("Nobody", "Kim");
        c.add_alias("Somebody", "Nobody else");
        let out = c.apply(sample(), &[TEXT]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[1].entity.name, "Kim");
    }

    #[test]
    fn save_is_atomic_and_load_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/corrections.toml");
        assert!(Corrections::load(&path).unwrap().is_empty(), "missing file");
        let mut c = Corrections::default();
        c.add_merge("a", "b");
        c.save(&path).unwrap();
        c.add_not_entity("c");
        c.save(&path).unwrap();
        assert_eq!(Corrections::load(&path).unwrap(), c);
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            leftovers.len(),
            1,
            "no temporary file is left: {leftovers:?}"
        );
    }

    #[test]
    fn a_corrupt_file_is_reported_and_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.toml");
        fs::write(&path, "[[merge]]\nfrom = \"a\"\ninto = \n").unwrap();
        match Corrections::load(&path) {
            Err(CorrectionsError::Corrupt {
                line, set_aside, ..
            }) => {
                assert_eq!(line, 3);
                assert!(!path.exists());
                assert_eq!(
                    fs::read_to_string(&set_aside).unwrap(),
                    "[[merge]]\nfrom = \"a\"\ninto = \n"
                );
            }
            other => panic!("expected a corrupt-file error, got {other:?}"),
        }
        // A second bad file does not overwrite the first one set aside.
        fs::write(&path, "x = [").unwrap();
        let Err(CorrectionsError::Corrupt { set_aside, .. }) = Corrections::load(&path) else {
            panic!("expected a corrupt-file error");
        };
        assert!(set_aside.to_string_lossy().ends_with(".corrupt.2"));
        let msg = CorrectionsError::Corrupt {
            path: path.clone(),
            line: 3,
            message: "bad".into(),
            set_aside,
        }
        .to_string();
        assert!(msg.contains(":3: bad"), "{msg}");
    }
}
