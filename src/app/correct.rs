//! Corrections from the reader: merging an entity into another and marking
//! one as not an entity. Each is saved to the corrections file at once
//! (atomically) and the corpus is re-linked with it.

use super::{App, Focus, Mode, Scope};
use crate::entity::corrections::Corrections;
use crate::entity::{EntityId, EntityIndex, pipeline};

impl App {
    /// The entity a correction applies to: the sidebar's highlighted one when
    /// the sidebar has focus, else the selected one.
    fn correction_target(&self) -> Option<EntityId> {
        if self.focus == Focus::Sidebar {
            self.sidebar_entity().or(self.selected)
        } else {
            self.selected.or_else(|| self.sidebar_entity())
        }
    }

    fn corrections_file(&self) -> Option<std::path::PathBuf> {
        self.corrections_path
            .clone()
            .or_else(crate::ingest::corrections_path)
    }

    /// The entity a correction is for, once the index can be re-linked;
    /// otherwise says why not in the status bar.
    fn correction_subject(&mut self) -> Option<EntityId> {
        if self.analyses.is_none() {
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
        self.merging = Some(id);
        self.mode = Mode::Merge;
        self.scope = Scope::Corpus;
        self.filter.clear();
        self.sidebar_shown = true;
        self.focus = Focus::Sidebar;
        self.side = Focus::Sidebar;
        self.refresh();
    }

    /// Finish merging into the sidebar's highlighted entity.
    pub fn finish_merge(&mut self) {
        self.mode = Mode::Normal;
        let (Some(from), Some(into)) = (self.merging.take(), self.sidebar_entity()) else {
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
        self.filter.clear();
        self.correct(
            |c| c.add_merge(&from_name, &into_name),
            format!("merged “{from_name}” into “{into_name}”"),
        );
        self.selected = self.index.find(&into_name);
        self.rebuild_sidebar();
        self.clamp();
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
            self.cursor = None;
        }
        self.correct(
            |c| {
                for a in &e.aliases {
                    c.add_not_entity(a);
                }
            },
            format!("“{}” is no longer an entity", e.name),
        );
    }

    /// Change the corrections file with `change`, save it, and re-link.
    fn correct(&mut self, change: impl FnOnce(&mut Corrections), done: String) {
        let Some(path) = self.corrections_file() else {
            self.message = Some("no configuration directory to save corrections in".into());
            return;
        };
        let mut corrections = match Corrections::load(&path) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(e.to_string());
                Corrections::default()
            }
        };
        change(&mut corrections);
        if let Err(e) = corrections.save(&path) {
            self.message = Some(format!("could not save corrections: {e}"));
            return;
        }
        let selected_name = self.selected.map(|id| self.index.entity(id).name.clone());
        if let Some(analyses) = self.analyses.clone() {
            let texts: Vec<&str> = self.corpus.docs().iter().map(|d| d.text.as_str()).collect();
            let linked = pipeline::link(&analyses, &texts, &corrections);
            self.index = EntityIndex::new(self.corpus.len(), linked);
            self.overview = None;
            self.corpus_rows = None;
        }
        self.selected = selected_name.and_then(|n| self.index.find(&n));
        self.rebuild_sidebar();
        self.clamp();
        self.message = Some(format!("{done} (saved to {})", path.display()));
    }
}
