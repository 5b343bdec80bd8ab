//! What the reader asks of a store besides its articles and entities
//! ([`super::CorpusStore`]): where searches go ([`SearchIndex`]), where
//! corrections are kept and how other readers' corrections arrive
//! ([`CorrectionLog`]), and where the reading state is kept
//! ([`StateKeeper`]). The embedded mode implements each (a scan of the
//! texts, the corrections file, the state file: [`super::embedded`]); a
//! shared engine implements them over its server
//! ([`super::postgres::session`]). The reader only sees the traits.

use crate::corpus::{Corpus, DocId};
use crate::entity::EntityIndex;
use crate::entity::link::corrections::Corrections;
use crate::entity::pipeline::Analysis;
use crate::reading_memory::ReadingState;
use std::sync::Arc;

/// A correction the reader makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Merge the entity named `from` into the one named `into`.
    Merge {
        /// A name of the entity that disappears.
        from: String,
        /// A name of the entity that stays.
        into: String,
    },
    /// `alias` is another name of the entity called `name`.
    Alias {
        /// The canonical name.
        name: String,
        /// The other name.
        alias: String,
    },
    /// None of these spellings is an entity.
    NotEntity(Vec<String>),
    /// The spelling `name` leaves the entity called `from`, as an entity
    /// of its own.
    Split {
        /// The spelling that leaves.
        name: String,
        /// A name of the entity it leaves.
        from: String,
    },
}

impl Change {
    /// Apply the change to `c`.
    pub fn apply(&self, c: &mut Corrections) {
        match self {
            Change::Merge { from, into } => c.add_merge(from, into),
            Change::Alias { name, alias } => c.add_alias(name, alias),
            Change::Split { name, from } => c.add_split(name, from),
            Change::NotEntity(names) => {
                for n in names {
                    c.add_not_entity(n);
                }
            }
        }
    }
}

/// How to undo a correction recorded by a [`CorrectionLog`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoToken {
    /// Put these corrections back (a log that is one file).
    Before(Corrections),
    /// Undo the correction with this number in this session (a log of
    /// rows, where an undo is another row).
    Recorded(u64),
}

/// A shared store linked again (`dossier link`): its articles (those
/// shown, then any added since), its entities as linked, and the analyses
/// to re-link with after a correction.
#[derive(Debug, Clone)]
pub struct Relinked {
    /// Every article, in corpus order.
    pub corpus: Corpus,
    /// The entities as the new link wrote them.
    pub index: EntityIndex,
    /// The analyses of the articles, in corpus order.
    pub analyses: Arc<Vec<Analysis>>,
}

/// What a correction log says between frames.
#[derive(Debug, Clone)]
pub enum LogEvent {
    /// The corrections in force, already applied to the entities shown
    /// (as linked with them).
    InForce(Corrections),
    /// The corrections in force changed (another reader, or an undo
    /// written): re-link with these.
    Changed(Corrections),
    /// The connection to the log was lost: what is shown stays, and
    /// corrections are kept until it is back.
    Lost(String),
    /// The connection is back (corrections kept meanwhile were written).
    Back(String),
    /// A correction could not be written and was dropped, with why.
    Refused(String),
    /// The store was linked again: show its articles and entities now
    /// (the corrections in force follow, as [`LogEvent::InForce`] or, when
    /// some are newer than the link, [`LogEvent::Changed`]).
    Linked(Box<Relinked>),
}

/// Where corrections are kept.
pub trait CorrectionLog: Send + std::fmt::Debug {
    /// Where, for the status bar: `saved to PATH`, `shared in URL`.
    fn describe(&self) -> String;
    /// Record `change`: the corrections in force with it, to re-link with
    /// now, and how to undo it.
    fn record(&mut self, change: &Change) -> Result<(Corrections, UndoToken), String>;
    /// Undo a correction: the corrections in force without it, when known
    /// now (else they arrive as a [`LogEvent::Changed`]).
    fn undo(&mut self, token: UndoToken) -> Result<Option<Corrections>, String>;
    /// What happened since the last call (never blocks).
    fn poll(&mut self) -> Vec<LogEvent>;
    /// Corrections recorded but not yet written (when the reader leaves,
    /// these are said, never silently dropped).
    fn unsent(&self) -> Vec<String> {
        Vec::new()
    }
}

/// What a search looks for, as its engine answers a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPlan {
    /// The articles that answer the query, in corpus order (`None`: every
    /// article is searched).
    pub docs: Option<Vec<DocId>>,
    /// What to mark in them (folded for comparison).
    pub terms: Vec<String>,
    /// Whether a term marks the words it begins (a stem: `haus` marks
    /// `Häuser`) rather than where it occurs.
    pub word_starts: bool,
}

impl SearchPlan {
    /// The plan of a literal search: the query wherever it occurs.
    pub fn literal(query: &str) -> SearchPlan {
        SearchPlan {
            docs: None,
            terms: vec![query.trim().to_string()],
            word_starts: false,
        }
    }
}

/// Where searches go.
pub trait SearchIndex: Send + std::fmt::Debug {
    /// What to search for `query`; an error says why the engine cannot
    /// answer (its server is gone).
    fn plan(&mut self, query: &str) -> Result<SearchPlan, String>;
}

/// The embedded search: the query, case- and umlaut-insensitive, wherever
/// it occurs in any article (see [`crate::search`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Literal;

impl SearchIndex for Literal {
    fn plan(&mut self, query: &str) -> Result<SearchPlan, String> {
        Ok(SearchPlan::literal(query))
    }
}

/// Where the reading state (read marks, positions, bookmarks, the last
/// article) is kept.
pub trait StateKeeper: Send + std::fmt::Debug {
    /// The state as last saved.
    fn load(&mut self) -> Result<ReadingState, String>;
    /// Save `state`, merged with what others saved since `base` was
    /// loaded; the merged state.
    fn save_merged(
        &mut self,
        base: &ReadingState,
        state: &ReadingState,
    ) -> Result<ReadingState, String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_apply_as_the_corrections_file_holds_them() {
        let mut c = Corrections::default();
        Change::Merge {
            from: "Kim".into(),
            into: "Kim Jong-un".into(),
        }
        .apply(&mut c);
        Change::NotEntity(vec!["Kreml-Chef".into(), "Kreml".into()]).apply(&mut c);
        Change::Alias {
            name: "Kim Jong Un".into(),
            alias: "Kim Jong-un".into(),
        }
        .apply(&mut c);
        assert_eq!(c.merge.len(), 1);
        assert_eq!(c.not_entity, vec!["Kreml-Chef", "Kreml"]);
        assert_eq!(c.alias[0].name, "Kim Jong Un");
        let before = c.clone();
        Change::Merge {
            from: "Kim".into(),
            into: "Kim Jong-un".into(),
        }
        .apply(&mut c);
        assert_eq!(c, before, "a repeated change changes nothing");
    }

    #[test]
    fn the_literal_search_looks_everywhere_for_the_query() {
        let plan = Literal.plan("  Köln ").unwrap();
        assert_eq!(plan.docs, None);
        assert_eq!(plan.terms, vec!["Köln"]);
        assert!(!plan.word_starts);
    }
}
