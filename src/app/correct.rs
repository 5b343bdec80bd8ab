//! Corrections from the reader: merging an entity into another and marking
//! one as not an entity, and undoing them. Each is saved to the corrections
//! file at once (atomically) and the corpus is re-linked with it.
//! [`Corrector`] holds what that needs, with the corrections as they were
//! before each change (to undo it); the `impl App` here runs them.

use super::{App, Focus, Mode, Scope};
use crate::corpus::Corpus;
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline;
use crate::entity::{EntityId, EntityIndex};
use crate::ingest::analyses::Analyses;
use std::path::PathBuf;

/// What correcting the entities needs.
#[derive(Debug, Clone, Default)]
pub struct Corrector {
    /// The per-document analyses the index was linked from, to re-link
    /// after a correction (they arrive once indexing is done; after a
    /// cached index they are loaded by the first re-link).
    pub analyses: Option<Analyses>,
    /// The entity being merged into another (in [`Mode::Merge`]).
    pub merging: Option<EntityId>,
    /// Where corrections are saved (`None`: the default in the config dir).
    pub path: Option<PathBuf>,
    /// The corrections before each change made in this session, the last
    /// change last, with what it did: `u` puts the last one back.
    pub undo: Vec<Undo>,
    /// The re-link running after the last correction, if any.
    pub relinking: Option<super::relink::Relinking>,
}

/// A correction that can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// The corrections before it.
    pub before: Corrections,
    /// What it did, for the status bar (`merged “Kim” into “Kim Jong Un”`).
    pub what: String,
}

/// The most corrections kept to undo.
pub const UNDO_DEPTH: usize = 100;

impl Corrector {
    /// The corrections file, if there is anywhere to keep it.
    pub fn file(&self) -> Option<PathBuf> {
        self.path.clone().or_else(crate::ingest::corrections_path)
    }

    /// The index of `corpus` re-linked with `corrections`; `None` before the
    /// analyses have arrived.
    pub fn relink(&self, corpus: &Corpus, corrections: &Corrections) -> Option<EntityIndex> {
        let analyses = self.analyses.as_ref()?.get();
        let texts: Vec<&str> = corpus.docs().iter().map(|d| d.text.as_str()).collect();
        let linked = pipeline::link(&analyses, &texts, corrections);
        Some(EntityIndex::new(corpus.len(), linked))
    }
}

impl App {
    /// The entity a correction applies to: the sidebar's highlighted one when
    /// the sidebar has focus, else the selected one (see
    /// [`App::details_entity`]).
    pub(super) fn correction_target(&self) -> Option<EntityId> {
        self.details_entity()
    }

    /// The entity a correction is for, once the index can be re-linked;
    /// otherwise says why not in the status bar.
    fn correction_subject(&mut self) -> Option<EntityId> {
        if self.corrector.analyses.is_none() {
            self.message = Some("wait until indexing is done".into());
            return None;
        }
        let id = self.correction_target();
        if id.is_none() {
            self.message = Some("highlight an entity in the sidebar first".into());
        }
        id
    }

    /// Start merging: the sidebar lists every entity to pick the target from.
    pub fn start_merge(&mut self) {
        let Some(id) = self.correction_subject() else {
            return;
        };
        self.corrector.merging = Some(id);
        self.mode = Mode::Merge;
        self.sidebar.start_filter();
        self.sidebar.scope = Scope::Corpus;
        self.sidebar.filter.clear();
        self.prompt.start("");
        self.sidebar.shown = true;
        self.focus = Focus::Sidebar;
        self.side = Focus::Sidebar;
        self.refresh();
    }

    /// Finish merging into the sidebar's highlighted entity.
    pub fn finish_merge(&mut self) {
        self.mode = Mode::Normal;
        let (Some(from), Some(into)) = (self.corrector.merging.take(), self.sidebar.entity())
        else {
            return;
        };
        if from == into {
            self.message = Some("pick another entity to merge into".into());
            return;
        }
        let (from_name, into_name) = (
            self.index.entity(from).name.clone(),
            self.index.entity(into).name.clone(),
        );
        self.sidebar.filter.clear();
        self.correct(
            |c| c.add_merge(&from_name, &into_name),
            format!("merged “{from_name}” into “{into_name}”"),
            Some(into_name.clone()),
        );
    }

    /// Mark the highlighted entity as not an entity: none of its spellings
    /// is an entity any more.
    pub fn mark_not_entity(&mut self) {
        let Some(id) = self.correction_subject() else {
            return;
        };
        let e = self.index.entity(id).clone();
        if self.selected == Some(id) {
            self.selected = None;
            self.reader.cursor = None;
        }
        self.correct(
            |c| {
                for a in &e.aliases {
                    c.add_not_entity(a);
                }
            },
            format!("“{}” is no longer an entity", e.name),
            None,
        );
    }

    /// Change the corrections file with `change`, save it, and re-link off
    /// the UI thread (see [`super::relink`]); `select` names the entity to
    /// select once re-linked (else the one selected now).
    fn correct(
        &mut self,
        change: impl FnOnce(&mut Corrections),
        done: String,
        select: Option<String>,
    ) {
        let Some(path) = self.corrector.file() else {
            self.message = Some("no configuration directory to save corrections in".into());
            return;
        };
        // Read, change and write under a lock, so that a correction another
        // reader of the same config saves at the same moment is kept.
        let lock = crate::atomic::Lock::exclusive(&path);
        let mut corrections = match Corrections::load(&path) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(e.to_string());
                Corrections::default()
            }
        };
        let before = corrections.clone();
        change(&mut corrections);
        if let Err(e) = corrections.save(&path) {
            self.message = Some(format!("could not save corrections: {e}"));
            return;
        }
        self.corrector.undo.push(Undo {
            before,
            what: done.clone(),
        });
        if self.corrector.undo.len() > UNDO_DEPTH {
            self.corrector.undo.remove(0);
        }
        drop(lock);
        let select = select.or_else(|| self.selected.map(|id| self.index.entity(id).name.clone()));
        self.start_relink(
            corrections,
            select,
            format!("{done} (saved to {})", path.display()),
        );
    }

    /// Undo the last correction of this session: the corrections file goes
    /// back to what it was before it, and the corpus is re-linked off the UI
    /// thread.
    pub fn undo_correction(&mut self) {
        let Some(path) = self.corrector.file() else {
            self.message = Some("no configuration directory to save corrections in".into());
            return;
        };
        let Some(undo) = self.corrector.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return;
        };
        if self.corrector.analyses.is_none() {
            self.corrector.undo.push(undo);
            self.message = Some("wait until indexing is done".into());
            return;
        }
        let lock = crate::atomic::Lock::exclusive(&path);
        if let Err(e) = undo.before.save(&path) {
            self.message = Some(format!("could not save corrections: {e}"));
            self.corrector.undo.push(undo);
            return;
        }
        drop(lock);
        let select = self.selected.map(|id| self.index.entity(id).name.clone());
        self.start_relink(
            undo.before,
            select,
            format!("undid: {} (saved to {})", undo.what, path.display()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use std::sync::Arc;

    #[test]
    fn relinking_waits_for_the_analyses_and_applies_corrections() {
        let text = "Titel\n\nDer Minister Karl Lauterbach sprach in Bonn. Lauterbach blieb.";
        let corpus = Corpus::new(vec![Document::from_bytes(
            "a".into(),
            "a.txt".into(),
            text.as_bytes(),
        )]);
        let mut c = Corrector::default();
        assert!(c.relink(&corpus, &Corrections::default()).is_none());
        c.analyses = Some(Analyses::ready(Arc::new(
            corpus.docs().iter().map(|d| pipeline::analyse(d)).collect(),
        )));
        let plain = c.relink(&corpus, &Corrections::default()).unwrap();
        assert_eq!(plain.mentions(), pipeline::extract(&corpus).mentions());
        let bonn = plain.find("Bonn").expect("Bonn recognised");
        let mut not_bonn = Corrections::default();
        for a in &plain.entity(bonn).aliases {
            not_bonn.add_not_entity(a);
        }
        let corrected = c.relink(&corpus, &not_bonn).unwrap();
        assert!(corrected.find("Bonn").is_none());
        c.path = Some("/some/corrections.toml".into());
        assert_eq!(c.file(), Some(PathBuf::from("/some/corrections.toml")));
    }
}
