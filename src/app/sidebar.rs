//! The rows of the entity sidebar: entities grouped by kind, with counts,
//! filtered by what the user types.

use super::Scope;
use crate::corpus::DocId;
use crate::entity::{EntityId, EntityIndex, Kind};

/// Rows above the list inside the border (the scope and filter line).
pub const HEADER_ROWS: u16 = 1;

/// Rows given to the selected entity's overview at the bottom of a sidebar
/// whose inside is `inner_height` rows: none in short panes.
pub fn overview_height(has_overview: bool, inner_height: u16) -> u16 {
    if !has_overview || inner_height < 18 {
        0
    } else {
        (inner_height / 2).min(14)
    }
}

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A heading for a kind, with the number of entities under it.
    Header(Kind, usize),
    /// An entity with its mentions in scope and the documents it appears in.
    Entity {
        /// The entity.
        id: EntityId,
        /// Mentions in scope (this article, or the whole corpus).
        mentions: usize,
        /// Documents mentioning it across the corpus.
        docs: usize,
    },
}

/// The rows for a scope and filter: kinds in order, entities by mentions,
/// most first, then by name.
pub fn rows(index: &EntityIndex, doc: DocId, scope: Scope, filter: &str) -> Vec<Row> {
    let needle = filter.trim();
    // The best fuzzy score of the entity's name and spellings.
    let score = |id: EntityId| -> Option<u32> {
        if needle.is_empty() {
            return Some(0);
        }
        let e = index.entity(id);
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .filter_map(|a| crate::fuzzy::score(needle, a))
            .max()
    };
    let counted: Vec<(EntityId, usize)> = match scope {
        Scope::Article => index.entities_in(doc),
        Scope::Corpus => (0..index.len())
            .map(|i| EntityId(i as u32))
            .map(|id| (id, index.mention_count(id)))
            .filter(|&(_, n)| n > 0)
            .collect(),
    };
    let mut rows = Vec::new();
    for kind in Kind::ALL {
        let mut group: Vec<(EntityId, usize, u32)> = counted
            .iter()
            .filter(|&&(id, _)| index.entity(id).kind == kind)
            .filter_map(|&(id, n)| score(id).map(|s| (id, n, s)))
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(b.1.cmp(&a.1))
                .then_with(|| index.entity(a.0).name.cmp(&index.entity(b.0).name))
        });
        rows.push(Row::Header(kind, group.len()));
        rows.extend(group.into_iter().map(|(id, mentions, _)| Row::Entity {
            id,
            mentions,
            docs: index.doc_count(id),
        }));
    }
    rows
}

/// The row of an entity, if it is listed.
pub fn row_of(rows: &[Row], id: EntityId) -> Option<usize> {
    rows.iter()
        .position(|r| matches!(r, Row::Entity { id: e, .. } if *e == id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::index::{Entity, LinkedEntity};

    fn index() -> EntityIndex {
        let e = |name: &str, kind| Entity {
            key: name.into(),
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            candidates: Vec::new(),
            evidence: Vec::new(),
        };
        EntityIndex::new(
            2,
            vec![
                LinkedEntity {
                    entity: e("Köln", Kind::Place),
                    mentions: vec![(DocId(0), 0..4), (DocId(1), 0..4)],
                },
                LinkedEntity {
                    entity: e("Anna Muster", Kind::Person),
                    mentions: vec![(DocId(1), 10..20)],
                },
                LinkedEntity {
                    entity: e("Bonn", Kind::Place),
                    mentions: vec![(DocId(1), 30..34), (DocId(1), 40..44), (DocId(1), 50..54)],
                },
            ],
        )
    }

    #[test]
    fn grouped_by_kind_and_sorted_by_count() {
        let ix = index();
        let rows = rows(&ix, DocId(1), Scope::Article, "");
        assert_eq!(rows[0], Row::Header(Kind::Person, 1));
        assert_eq!(rows[2], Row::Header(Kind::Place, 2));
        assert!(matches!(
            rows[3],
            Row::Entity {
                id: EntityId(2),
                mentions: 3,
                docs: 1
            }
        ));
        assert!(matches!(
            rows[4],
            Row::Entity {
                id: EntityId(0),
                mentions: 1,
                docs: 2
            }
        ));
        let article0 = super::rows(&ix, DocId(0), Scope::Article, "");
        assert_eq!(article0.len(), 2);
        let corpus = super::rows(&ix, DocId(0), Scope::Corpus, "");
        assert_eq!(corpus.len(), 5);
    }

    #[test]
    fn filter_ignores_case_and_umlauts() {
        let ix = index();
        let rows = rows(&ix, DocId(0), Scope::Corpus, "koln");
        assert_eq!(rows.len(), 2);
        assert_eq!(row_of(&rows, EntityId(0)), Some(1));
    }
}
