//! Corrections from the reader: merging an entity into another, splitting
//! a spelling off one (from the why overlay), marking one as not an
//! entity, and undoing them. Each is recorded at once in the
//! correction log (the corrections file, or a shared store's corrections
//! table: [`CorrectionLog`]) and the corpus is re-linked with it; the
//! corrections other readers of a shared store make arrive through the same
//! log ([`App::poll_store`]). [`Corrector`] holds what that needs, with how
//! to undo each change; the `impl App` here runs them.

use super::{App, Focus, Mode, Scope};
use crate::corpus::Corpus;
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline;
use crate::entity::{EntityId, EntityIndex};
use crate::ingest::Update;
use crate::ingest::analyses::Analyses;
use crate::store::embedded::FileCorrections;
use crate::store::reader::{Change, CorrectionLog, LogEvent, UndoToken};
use std::path::PathBuf;

/// What correcting the entities needs.
#[derive(Debug, Default)]
pub struct Corrector {
    /// The per-document analyses the index was linked from, to re-link
    /// after a correction (they arrive once indexing is done; after a
    /// cached index they are loaded by the first re-link).
    pub analyses: Option<Analyses>,
    /// The entity being merged into another (in [`Mode::Merge`]).
    pub merging: Option<EntityId>,
    /// Where corrections are saved when there is no [`Corrector::log`]
    /// (`None`: the default in the config dir).
    pub path: Option<PathBuf>,
    /// Where corrections are kept (a shared store's log); `None`: the
    /// corrections file at [`Corrector::file`].
    pub log: Option<Box<dyn CorrectionLog>>,
    /// The changes made in this session, the last change last, with what
    /// they did: `u` undoes the last one.
    pub undo: Vec<Undo>,
    /// The corrections the index shown was linked with, when known (a
    /// shared log says so when it connects).
    pub in_force: Option<Corrections>,
    /// A re-link asked for before the analyses arrived: started when they
    /// do.
    pub waiting: Option<(Corrections, String)>,
    /// The re-link running after the last correction, if any.
    pub relinking: Option<super::relink::Relinking>,
}

/// A correction that can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// How the log undoes it.
    pub token: UndoToken,
    /// What it did, for the status bar (`merged “Berger” into “Anna Berger”`).
    pub what: String,
}

/// The most corrections kept to undo.
pub const UNDO_DEPTH: usize = 100;

impl Corrector {
    /// The corrections file, if there is anywhere to keep it.
    pub fn file(&self) -> Option<PathBuf> {
        self.path.clone().or_else(crate::ingest::corrections_path)
    }

    /// Run `f` on the correction log: the store's, else the corrections
    /// file (`None` when there is nowhere to keep it).
    fn with_log<R>(&mut self, f: impl FnOnce(&mut dyn CorrectionLog) -> R) -> Option<R> {
        if let Some(log) = self.log.as_deref_mut() {
            return Some(f(log));
        }
        let mut file = FileCorrections::new(self.file()?);
        Some(f(&mut file))
    }

    /// The index of `corpus` re-linked with `corrections`; `None` before the
    /// analyses have arrived.
    pub fn relink(&self, corpus: &Corpus, corrections: &Corrections) -> Option<EntityIndex> {
        let analyses = self.analyses.as_ref()?.get();
        let held = crate::corpus::texts_at_once(corpus.docs());
        let texts: Vec<&str> = held.iter().map(|t| t.as_ref()).collect();
        Some(pipeline::link_index(
            corpus.len(),
            &analyses,
            &texts,
            corrections,
        ))
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
            self.index.entity(from).name.to_string(),
            self.index.entity(into).name.to_string(),
        );
        self.sidebar.filter.clear();
        self.correct(
            Change::Merge {
                from: from_name.clone(),
                into: into_name.clone(),
            },
            format!("merged “{from_name}” into “{into_name}”"),
            Some(into_name),
        );
    }

    /// Mark the highlighted entity as not an entity: none of its spellings
    /// is an entity any more.
    pub fn mark_not_entity(&mut self) {
        let Some(id) = self.correction_subject() else {
            return;
        };
        let e = self.index.entity(id);
        if self.selected == Some(id) {
            self.selected = None;
            self.reader.cursor = None;
        }
        self.correct(
            Change::NotEntity(e.aliases.to_vec()),
            format!("“{}” is no longer an entity", e.name),
            None,
        );
    }

    /// Split the spelling `name` off the entity called `from` (picked in
    /// the why overlay, which stays open on the entity called `from`
    /// after it).
    pub(super) fn correct_split(&mut self, name: String, from: String) {
        self.correct(
            Change::Split {
                name: name.clone(),
                from: from.clone(),
            },
            format!("split “{name}” from “{from}”"),
            Some(from.clone()),
        );
    }

    /// Record `change` in the correction log and re-link off the UI
    /// thread (see [`super::relink`]); `select` names the entity to select
    /// once re-linked (else the one selected now).
    fn correct(&mut self, change: Change, done: String, select: Option<String>) {
        let Some(recorded) = self.corrector.with_log(|log| {
            let r = log.record(&change);
            (r, log.describe())
        }) else {
            self.message = Some("no configuration directory to save corrections in".into());
            return;
        };
        let (corrections, token) = match recorded.0 {
            Ok(r) => r,
            Err(e) => {
                self.message = Some(e);
                return;
            }
        };
        self.corrector.undo.push(Undo {
            token,
            what: done.clone(),
        });
        if self.corrector.undo.len() > UNDO_DEPTH {
            self.corrector.undo.remove(0);
        }
        let select = select.or_else(|| {
            self.selected
                .map(|id| self.index.entity(id).name.to_string())
        });
        self.corrector.in_force = Some(corrections.clone());
        self.start_relink(corrections, select, format!("{done} ({})", recorded.1));
    }

    /// Undo the last correction of this session: the log puts the
    /// corrections back as they were without it (a shared log adds an undo
    /// row), and the corpus is re-linked off the UI thread.
    pub fn undo_correction(&mut self) {
        let Some(undo) = self.corrector.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return;
        };
        if self.corrector.analyses.is_none() {
            self.corrector.undo.push(undo);
            self.message = Some("wait until indexing is done".into());
            return;
        }
        let token = undo.token.clone();
        let Some(done) = self.corrector.with_log(|log| {
            let r = log.undo(token);
            (r, log.describe())
        }) else {
            self.corrector.undo.push(undo);
            self.message = Some("no configuration directory to save corrections in".into());
            return;
        };
        match done.0 {
            Ok(Some(corrections)) => {
                let select = self
                    .selected
                    .map(|id| self.index.entity(id).name.to_string());
                self.corrector.in_force = Some(corrections.clone());
                self.start_relink(
                    corrections,
                    select,
                    format!("undid: {} ({})", undo.what, done.1),
                );
            }
            // The log re-links every reader once the undo is written.
            Ok(None) => self.message = Some(format!("undoing: {} ({})…", undo.what, done.1)),
            Err(e) => {
                self.message = Some(e);
                self.corrector.undo.push(undo);
            }
        }
    }

    /// Take in what the correction log says (other readers' corrections,
    /// the connection lost or back); whether anything changed on screen.
    pub fn poll_store(&mut self) -> bool {
        let events = match self.corrector.log.as_deref_mut() {
            Some(log) => log.poll(),
            None => return false,
        };
        let changed = !events.is_empty();
        for e in events {
            match e {
                LogEvent::InForce(c) => self.corrector.in_force = Some(c),
                LogEvent::Changed(c) => {
                    if self.corrector.in_force.as_ref() == Some(&c) {
                        continue;
                    }
                    self.corrector.in_force = Some(c.clone());
                    let select = self
                        .selected
                        .map(|id| self.index.entity(id).name.to_string());
                    self.start_relink(c, select, "corrections of the team applied".into());
                }
                LogEvent::Lost(why) => self.offline = Some(why),
                LogEvent::Back(what) => {
                    self.offline = None;
                    self.message = Some(what);
                }
                LogEvent::Refused(why) => self.message = Some(why),
                LogEvent::Linked(r) => self.take_link(*r),
            }
        }
        if changed {
            self.dirty = true;
        }
        changed
    }

    /// Show a store linked again: the articles added since (articles are
    /// only appended), the new entities and analyses; the selection and
    /// the why overlay follow their entities by name. A re-link running
    /// over the old articles is dropped: the corrections in force, which
    /// the log sends next, re-link over the new ones if the link lacks any.
    fn take_link(&mut self, r: crate::store::reader::Relinked) {
        let old = self.corpus.len();
        let appended = r.corpus.len() >= old
            && r.corpus.docs()[..old]
                .iter()
                .zip(self.corpus.docs())
                .all(|(a, b)| a.id == b.id);
        if !appended {
            self.message = Some(
                "the store was linked again over other articles: reopen it to see them".into(),
            );
            return;
        }
        let select = self
            .selected
            .map(|id| self.index.entity(id).name.to_string());
        let why = self
            .why
            .map(|w| self.index.entity(w.entity).name.to_string());
        self.corrector.relinking = None;
        self.corrector.waiting = None;
        self.corrector.in_force = None;
        let added = r.corpus.len() - old;
        if added > 0 {
            self.on_update(Update::Found(r.corpus.len()));
            self.on_update(Update::Documents(r.corpus.docs()[old..].to_vec()));
        }
        self.on_update(Update::Indexed(r.index, Some(r.analyses)));
        self.selected = select.and_then(|n| self.index.find(&n));
        self.follow_why(why);
        self.message = Some(format!(
            "linked again: {added} new {}, {} entities",
            if added == 1 { "article" } else { "articles" },
            self.index.len()
        ));
    }

    /// What the correction log holds but could not write yet, said when
    /// the reader leaves.
    pub fn unsent_corrections(&self) -> Vec<String> {
        self.corrector
            .log
            .as_deref()
            .map(|l| l.unsent())
            .unwrap_or_default()
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
