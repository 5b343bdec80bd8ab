//! The entity sidebar's state: its rows (entities grouped by kind, with
//! counts, filtered by what the user types), its selection and scope, and
//! the selected entity's overview.

use super::ListState;
use crate::corpus::DocId;
use crate::entity::{EntityId, EntityIndex, Kind};
use crate::fuzzy::{Query, Rank};
use std::cmp::Reverse;
use std::sync::{Arc, mpsc};

/// From this many entities on, the corpus-wide rows are sorted on a thread
/// as the index arrives ([`Sidebar::derive_in_background`]); below it they
/// are sorted when first shown, in a few milliseconds.
pub const BACKGROUND_ROWS_FROM: usize = 50_000;

/// Which entities the sidebar lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Those of the open article.
    Article,
    /// Those of the whole corpus.
    Corpus,
}

/// Where the selected entity appears and who appears with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// The entity.
    pub entity: EntityId,
    /// Documents with mention counts, most first.
    pub spread: Vec<(DocId, usize)>,
    /// Entities sharing the most documents with it.
    pub with: Vec<(EntityId, usize)>,
}

/// The entity sidebar.
#[derive(Debug)]
pub struct Sidebar {
    /// Whether it is shown.
    pub shown: bool,
    /// What it lists.
    pub scope: Scope,
    /// The filter typed over the entities' names and spellings.
    pub filter: String,
    /// Whether the filter matched nothing in this article and the sidebar
    /// shows matches from all articles instead.
    pub widened: bool,
    /// The rows (derived; rebuilt when scope, filter, article or index
    /// change). Shared, so that showing the corpus-wide rows copies nothing.
    pub rows: Arc<[Row]>,
    /// The selected row and the first visible one.
    pub selection: ListState,
    /// The corpus-scope rows without a filter, made once per index (sorting
    /// every entity is the costliest thing a key press could do): on a
    /// thread as a large index arrives, else when first shown.
    pub corpus_rows: Option<Arc<[Row]>>,
    /// The corpus-scope rows being sorted on a thread for the index shown
    /// (until they come, the corpus scope says it is listing).
    pub listing: Option<mpsc::Receiver<Arc<[Row]>>>,
    /// From how many entities on the corpus-wide rows are sorted on a
    /// thread ([`BACKGROUND_ROWS_FROM`]; tests change it).
    pub background_from: usize,
    /// Every entity's name and spellings folded for matching, made once per
    /// index (on a thread as the index arrives, see
    /// [`Sidebar::derive_in_background`]; else on the first filter).
    pub folded: Option<FoldedNames>,
    /// The names being folded on a thread for the index shown.
    pub folding: Option<mpsc::Receiver<FoldedNames>>,
    /// The selected entity's overview (derived; rebuilt when the selection
    /// or the index changes).
    pub overview: Option<Overview>,
    /// The highlighted entity and the view before a filter was typed, to
    /// go back to when the filter is cleared.
    pub before_filter: Option<(Option<EntityId>, ListState)>,
    /// Whether the selection moved to another row since the last clamp (it
    /// is then brought into view with its heading, not just to the edge).
    pub jumped: bool,
}

impl Sidebar {
    /// An empty sidebar over this article, shown or not.
    pub fn new(shown: bool) -> Sidebar {
        Sidebar {
            shown,
            scope: Scope::Article,
            filter: String::new(),
            widened: false,
            rows: Arc::from([]),
            selection: ListState::default(),
            corpus_rows: None,
            listing: None,
            background_from: BACKGROUND_ROWS_FROM,
            folded: None,
            folding: None,
            overview: None,
            before_filter: None,
            jumped: false,
        }
    }

    /// The entity on the selected row.
    pub fn entity(&self) -> Option<EntityId> {
        match self.rows.get(self.selection.selected)? {
            Row::Entity { id, .. } => Some(*id),
            Row::Header(..) => None,
        }
    }

    /// Forget what was derived from the index (it changed).
    pub fn forget_index(&mut self) {
        self.corpus_rows = None;
        self.listing = None;
        self.folded = None;
        self.folding = None;
        self.overview = None;
    }

    /// Derive on threads what a key press should not wait for from `index`
    /// (the one just shown): every name folded for the filter, so that the
    /// first key typed does not wait for thousands of names to be folded,
    /// and for a large index the corpus-wide rows, so that `a` does not
    /// wait for millions of entities to be sorted.
    pub fn derive_in_background(&mut self, index: &Arc<EntityIndex>) {
        let ix = Arc::clone(index);
        self.folding = on_thread("dossier-fold-names", move || fold_names(&ix));
        if index.len() >= self.background_from {
            let ix = Arc::clone(index);
            self.listing = on_thread("dossier-sort-entities", move || {
                let started = std::time::Instant::now();
                let rows: Arc<[Row]> = Arc::from(corpus_rows(&ix));
                tracing::debug!(
                    "sorted {} entities for the sidebar in {} ms",
                    ix.len(),
                    started.elapsed().as_millis()
                );
                rows
            });
        }
    }

    /// Take the corpus-wide rows if their thread has sorted them; whether
    /// the rows shown would change (the sidebar then needs rebuilding).
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.listing else {
            return false;
        };
        match rx.try_recv() {
            Ok(rows) => self.corpus_rows = Some(rows),
            Err(mpsc::TryRecvError::Empty) => return false,
            // Sorted when next shown instead.
            Err(mpsc::TryRecvError::Disconnected) => {}
        }
        self.listing = None;
        self.shows_corpus_rows()
    }

    /// Whether the corpus-wide rows are being sorted on a thread.
    pub fn sorting(&self) -> bool {
        self.listing.is_some()
    }

    /// Whether the sidebar is waiting for the corpus-wide rows to show them.
    pub fn waiting_for_rows(&self) -> bool {
        self.shows_corpus_rows() && self.corpus_rows.is_none() && self.sorting()
    }

    /// Whether the sidebar lists the corpus-wide rows (no filter).
    fn shows_corpus_rows(&self) -> bool {
        self.scope == Scope::Corpus && Query::new(&self.filter).is_empty()
    }

    /// List the other scope. The highlighted entity stays highlighted if the
    /// other scope lists it; otherwise the view starts at the top.
    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::Article => Scope::Corpus,
            Scope::Corpus => Scope::Article,
        };
    }

    /// Note the highlighted entity and the view before a filter is typed.
    pub fn start_filter(&mut self) {
        if self.before_filter.is_none() {
            self.before_filter = Some((self.entity(), self.selection));
        }
    }

    /// Clear the filter: rebuild for `doc` and go back to the entity and
    /// view of before the filter (or to `selected`, else the top).
    pub fn clear_filter(&mut self, index: &EntityIndex, doc: DocId, selected: Option<EntityId>) {
        self.filter.clear();
        let before = self.before_filter.take();
        let keep = before.as_ref().and_then(|(id, _)| *id).or(selected);
        self.rebuild_keeping(index, doc, selected, keep);
        if let Some((id, view)) = before
            && id.is_some()
            && id == self.entity()
        {
            self.selection.offset = view.offset;
            self.jumped = false;
        }
    }

    /// Rebuild the rows for the open article `doc` and the overview of the
    /// `selected` entity, keeping the entity on the selected row selected
    /// (else selecting `selected`, else the first entity).
    pub fn rebuild(&mut self, index: &EntityIndex, doc: DocId, selected: Option<EntityId>) {
        let keep = self.entity();
        self.rebuild_keeping(index, doc, selected, keep);
    }

    fn rebuild_keeping(
        &mut self,
        index: &EntityIndex,
        doc: DocId,
        selected: Option<EntityId>,
        keep: Option<EntityId>,
    ) {
        if self.overview.as_ref().map(|o| o.entity) != selected {
            // Only when the selection changed: this walks the entity's documents.
            self.overview = selected.map(|id| Overview {
                entity: id,
                spread: index.spread(id),
                with: index.co_mentions(id, 8),
            });
        }
        let query = Query::new(&self.filter);
        if !query.is_empty() && self.folded.is_none() {
            // The thread's names (waited for if still folding), else here.
            let done = self.folding.take().and_then(|rx| rx.recv().ok());
            self.folded = Some(done.unwrap_or_else(|| fold_names(index)));
        }
        let none = FoldedNames::default();
        let folded = self.folded.as_ref().unwrap_or(&none);
        self.rows = if self.shows_corpus_rows() {
            match (&self.corpus_rows, self.sorting()) {
                (Some(rows), _) => Arc::clone(rows),
                // Shown when their thread has sorted them.
                (None, true) => Arc::from([]),
                (None, false) => {
                    let rows: Arc<[Row]> = Arc::from(corpus_rows(index));
                    self.corpus_rows = Some(Arc::clone(&rows));
                    rows
                }
            }
        } else {
            rows(index, doc, self.scope, &query, folded).into()
        };
        // A filter that matches nothing in this article looks in all of them.
        self.widened = false;
        if self.rows.is_empty() && !query.is_empty() && self.scope == Scope::Article {
            self.rows = rows(index, doc, Scope::Corpus, &query, folded).into();
            self.widened = !self.rows.is_empty();
        }
        let target = if query.is_empty() {
            keep.or(selected)
        } else {
            None
        };
        let row = target.and_then(|id| row_of(&self.rows, id)).or_else(|| {
            self.rows
                .iter()
                .position(|r| matches!(r, Row::Entity { .. }))
        });
        let row = row.unwrap_or(0);
        self.jumped |= row != self.selection.selected;
        self.selection.selected = row;
    }

    /// Keep the selection within the rows and visible in `height` rows,
    /// with its group's heading in view when there is room for both.
    pub fn clamp(&mut self, height: usize) {
        let height = height.max(1);
        let sel = self.selection.selected;
        if std::mem::take(&mut self.jumped)
            && (sel < self.selection.offset || sel >= self.selection.offset + height)
        {
            // A jump out of view: the row a third of the way down.
            self.selection.offset = sel.saturating_sub(height / 3);
        }
        self.selection.clamp(self.rows.len(), height);
        if let Some(h) = self.rows[..sel.min(self.rows.len())]
            .iter()
            .rposition(|r| matches!(r, Row::Header(..)))
            && h < self.selection.offset
            && sel - h < height
        {
            self.selection.offset = h;
        }
    }

    /// Move the selection by `delta` rows, skipping headings in the
    /// direction of travel (or back, at either end), and keep it visible in
    /// `height` rows.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let rows = &self.rows;
        if rows.is_empty() {
            return;
        }
        let last = rows.len() as isize - 1;
        let mut i = (self.selection.selected as isize)
            .saturating_add(delta)
            .clamp(0, last);
        let dir = if delta >= 0 { 1 } else { -1 };
        while matches!(rows.get(i as usize), Some(Row::Header(..))) {
            let next = i + dir;
            if !(0..=last).contains(&next) {
                break;
            }
            i = next;
        }
        if matches!(rows.get(i as usize), Some(Row::Header(..))) {
            i = (i - dir).clamp(0, last);
        }
        self.selection.selected = i as usize;
        self.clamp(height);
    }

    /// Select the entity on row `row` (counted from the top of the list,
    /// not of the view); `None` if that row is not an entity.
    pub fn select_row(&mut self, row: usize) -> Option<EntityId> {
        let Some(Row::Entity { id, .. }) = self.rows.get(row).copied() else {
            return None;
        };
        self.selection.selected = row;
        Some(id)
    }

    /// The number of entity rows (what a filter line counts).
    pub fn entity_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Entity { .. }))
            .count()
    }
}

/// Rows above the list inside the border (the scope and filter line).
pub const HEADER_ROWS: u16 = 1;

/// Rows given to the details at the bottom of a sidebar whose inside is
/// `inner_height` rows: the shown entity's details (`details`: its name,
/// counts and spellings), and when it is the selected entity with an
/// overview (`overview`), where it appears and who with. None in short panes.
pub fn bottom_height(details: bool, overview: bool, inner_height: u16) -> u16 {
    if !details || inner_height < 12 {
        0
    } else if overview && inner_height >= 20 {
        (inner_height / 2).min(16)
    } else {
        DETAILS_ROWS
    }
}

/// Rows of an entity's details: its name and kind, its counts, and two
/// lines of spellings (or candidates and spellings).
pub const DETAILS_ROWS: u16 = 4;

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

/// Every entity's name and spellings, folded for matching, one after the
/// other in one string with their offsets: at a million articles, 2.9
/// million entities' names take about 100 MB this way against 180 MB as a
/// list of strings per entity.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FoldedNames {
    /// The folded names, entity by entity.
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<usize>,
    /// Entity `e`'s names are `ends[firsts[e]..firsts[e + 1]]`.
    firsts: Vec<usize>,
}

impl FoldedNames {
    /// The folded names of entity `id` (its name first, then its other
    /// spellings); none for an entity the index does not have.
    pub fn names(&self, id: EntityId) -> impl Iterator<Item = &str> {
        let e = id.0 as usize;
        let (from, to) = match (self.firsts.get(e), self.firsts.get(e + 1)) {
            (Some(&f), Some(&t)) => (f, t),
            _ => (0, 0),
        };
        (from..to).map(move |i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.text[start..self.ends[i]]
        })
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.firsts.len().saturating_sub(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every entity's name and spellings, folded for matching.
pub fn fold_names(index: &EntityIndex) -> FoldedNames {
    let mut out = FoldedNames {
        firsts: Vec::with_capacity(index.len() + 1),
        ..FoldedNames::default()
    };
    out.firsts.push(0);
    for e in index.entities().iter() {
        for name in std::iter::once(e.name).chain(e.aliases.iter().filter(|a| *a != e.name)) {
            out.text.push_str(&crate::fuzzy::fold(name));
            out.ends.push(out.text.len());
        }
        out.firsts.push(out.ends.len());
    }
    out.text.shrink_to_fit();
    out.ends.shrink_to_fit();
    out
}

/// Run `work` on a named thread; the receiver of its answer, or `None` (with
/// a warning) when no thread could be made.
fn on_thread<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<mpsc::Receiver<T>> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _ = tx.send(work());
        });
    match spawned {
        Ok(_) => Some(rx),
        Err(e) => {
            tracing::warn!("could not start {name}: {e}");
            None
        }
    }
}

/// The corpus-scope rows without a filter (see [`rows`]).
pub fn corpus_rows(index: &EntityIndex) -> Vec<Row> {
    grouped(index, &counted_in_corpus(index))
}

/// Every entity mentioned somewhere, with its mentions across the corpus.
fn counted_in_corpus(index: &EntityIndex) -> Vec<(EntityId, usize)> {
    (0..index.len())
        .map(|i| EntityId(i as u32))
        .map(|id| (id, index.mention_count(id)))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// The rows for a scope: without a query, kinds in order, entities by
/// mentions, most first, then by name; with one, the matches ranked across
/// kinds (exact, prefix, word start, inside, fuzzy; see [`crate::fuzzy`])
/// with no headings. `folded` is [`fold_names`] (needed with a query).
pub fn rows(
    index: &EntityIndex,
    doc: DocId,
    scope: Scope,
    query: &Query,
    folded: &FoldedNames,
) -> Vec<Row> {
    let counted: Vec<(EntityId, usize)> = match scope {
        Scope::Article => index.entities_in(doc),
        Scope::Corpus => counted_in_corpus(index),
    };
    let row = |(id, mentions): (EntityId, usize)| Row::Entity {
        id,
        mentions,
        docs: index.doc_count(id),
    };
    if !query.is_empty() {
        let mut ranked: Vec<(Rank, EntityId, usize)> = counted
            .iter()
            .filter_map(|&(id, n)| {
                let best = folded
                    .names(id)
                    .filter_map(|f| crate::fuzzy::rank(query, f))
                    .min()?;
                Some((best, id, n))
            })
            .collect();
        ranked.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.2.cmp(&a.2))
                .then_with(|| index.entity(a.1).name.cmp(index.entity(b.1).name))
        });
        return ranked.into_iter().map(|(_, id, n)| row((id, n))).collect();
    }
    grouped(index, &counted)
}

/// `counted` entities grouped under their kinds' headings in the sidebar's
/// order, each group by mentions, most first, then by name (then by id).
fn grouped(index: &EntityIndex, counted: &[(EntityId, usize)]) -> Vec<Row> {
    // The keys inline, so that sorting millions does not look each entity up
    // at every comparison.
    let mut keyed: Vec<(Kind, Reverse<usize>, &str, EntityId)> = counted
        .iter()
        .map(|&(id, n)| {
            let e = index.entity(id);
            (e.kind, Reverse(n), e.name, id)
        })
        .collect();
    keyed.sort_unstable();
    let mut rows = Vec::with_capacity(keyed.len() + Kind::ALL.len());
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        rows.push(Row::Header(group[0].0, group.len()));
        rows.extend(
            group
                .iter()
                .map(|&(_, Reverse(mentions), _, id)| Row::Entity {
                    id,
                    mentions,
                    docs: index.doc_count(id),
                }),
        );
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
    use crate::entity::fixture::IndexBuilder;

    fn index() -> EntityIndex {
        IndexBuilder::new(2)
            .entity("Köln", Kind::Place)
            .at(0, 0..4)
            .at(1, 0..4)
            .entity("Anna Muster", Kind::Person)
            .at(1, 10..20)
            .entity("Bonn", Kind::Place)
            .at(1, 30..34)
            .at(1, 40..44)
            .at(1, 50..54)
            .build()
    }

    /// The rows of `scope` without a filter.
    fn unfiltered(ix: &EntityIndex, doc: DocId, scope: Scope) -> Vec<Row> {
        rows(ix, doc, scope, &Query::default(), &FoldedNames::default())
    }

    #[test]
    fn grouped_by_kind_and_sorted_by_count() {
        let ix = index();
        let rows = unfiltered(&ix, DocId(1), Scope::Article);
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
        let article0 = unfiltered(&ix, DocId(0), Scope::Article);
        assert_eq!(article0.len(), 2);
        let corpus = unfiltered(&ix, DocId(0), Scope::Corpus);
        assert_eq!(corpus.len(), 5);
    }

    #[test]
    fn ties_go_by_name_then_by_id_under_headings_in_kind_order() {
        let ix = IndexBuilder::new(1)
            .entity("Zora", Kind::Person)
            .at(0, 0..4)
            .entity("Adam", Kind::Person)
            .at(0, 10..14)
            .entity("UNO", Kind::Organization)
            .at(0, 20..23)
            .entity("Adam", Kind::Person)
            .at(0, 30..34)
            .entity("Genf", Kind::Place)
            .at(0, 40..44)
            .entity("Nie", Kind::Place)
            .build();
        let ids: Vec<_> = corpus_rows(&ix)
            .into_iter()
            .map(|r| match r {
                Row::Header(kind, n) => format!("{}:{n}", kind.as_str()),
                Row::Entity { id, .. } => id.0.to_string(),
            })
            .collect();
        assert_eq!(
            ids,
            [
                "person:3",
                "1",
                "3",
                "0",
                "place:1",
                "4",
                "organization:1",
                "2"
            ],
            "kinds in the sidebar's order; an entity never mentioned is left out"
        );
        let mut kinds = Kind::ALL;
        kinds.sort();
        assert_eq!(kinds, Kind::ALL, "the rows sort kinds by their order");
    }

    /// Poll until the sorting thread's rows are taken (at most 30 s): what
    /// each poll said.
    fn poll_until_sorted(side: &mut Sidebar) -> Vec<bool> {
        let start = std::time::Instant::now();
        let mut polls = Vec::new();
        while side.sorting() {
            polls.push(side.poll());
            assert!(start.elapsed().as_secs() < 30, "the rows never came");
            std::thread::yield_now();
        }
        polls
    }

    #[test]
    fn a_large_index_has_its_corpus_rows_sorted_on_a_thread() {
        let ix = Arc::new(index());
        let mut side = Sidebar::new(true);
        side.background_from = 0;
        side.derive_in_background(&ix);
        assert!(side.sorting());
        side.toggle_scope();
        // Whether or not the thread is done, the key is answered at once.
        side.rebuild(&ix, DocId(0), None);
        if side.corpus_rows.is_none() {
            assert!(side.rows.is_empty() && side.waiting_for_rows());
        }
        let polls = poll_until_sorted(&mut side);
        assert_eq!(polls.last(), Some(&true), "the rows shown change");
        side.rebuild(&ix, DocId(0), None);
        assert_eq!(&side.rows[..], &corpus_rows(&ix)[..]);
        assert!(!side.waiting_for_rows());
        assert_eq!(side.entity(), Some(EntityId(1)), "the first entity row");
    }

    #[test]
    fn rows_sorted_while_a_filter_is_typed_change_nothing_shown() {
        let ix = Arc::new(index());
        let mut side = Sidebar::new(true);
        side.background_from = 0;
        side.derive_in_background(&ix);
        side.toggle_scope();
        side.filter = "bonn".into();
        let polls = poll_until_sorted(&mut side);
        assert!(
            polls.iter().all(|p| !p),
            "the filtered rows stay as they are"
        );
        assert!(side.corpus_rows.is_some(), "kept for when it is cleared");
    }

    #[test]
    fn a_small_index_sorts_its_corpus_rows_when_shown() {
        let ix = Arc::new(index());
        let mut side = Sidebar::new(true);
        side.derive_in_background(&ix);
        assert!(!side.sorting(), "{} entities", ix.len());
        side.toggle_scope();
        side.rebuild(&ix, DocId(0), None);
        assert_eq!(side.entity_count(), 3);
        assert!(!side.waiting_for_rows());
    }

    #[test]
    fn rebuilding_keeps_the_entity_on_the_selected_row() {
        let ix = index();
        let mut side = Sidebar::new(true);
        side.rebuild(&ix, DocId(1), None);
        assert_eq!(side.entity(), Some(EntityId(1)), "the first entity row");
        assert_eq!(side.overview, None);
        side.move_by(3, 10);
        assert_eq!(side.entity(), Some(EntityId(0)), "Köln, below Bonn");
        side.toggle_scope();
        side.rebuild(&ix, DocId(1), Some(EntityId(2)));
        assert_eq!(side.scope, Scope::Corpus);
        assert_eq!(side.entity(), Some(EntityId(0)), "kept across the scope");
        assert_eq!(side.overview.as_ref().map(|o| o.entity), Some(EntityId(2)));
        assert!(side.corpus_rows.is_some(), "corpus rows made once");
        side.forget_index();
        assert!(side.corpus_rows.is_none() && side.overview.is_none());
    }

    #[test]
    fn a_filter_with_no_match_here_widens_to_the_corpus() {
        let ix = index();
        let mut side = Sidebar::new(true);
        side.filter = "bonn".into();
        side.rebuild(&ix, DocId(0), None);
        assert!(side.widened, "Bonn is only in the other article");
        assert_eq!(side.entity(), Some(EntityId(2)));
        side.filter = "zzz".into();
        side.rebuild(&ix, DocId(0), None);
        assert!(!side.widened && side.rows.is_empty());
        assert_eq!(side.entity(), None);
    }

    #[test]
    fn moving_skips_headings() {
        let ix = index();
        let mut side = Sidebar::new(true);
        side.rebuild(&ix, DocId(1), None);
        // Rows: People (1), Anna Muster, Places (2), Bonn, Köln.
        assert_eq!(side.selection.selected, 1);
        side.move_by(1, 10);
        assert_eq!(side.selection.selected, 3, "over the Places heading");
        side.move_by(-1, 10);
        assert_eq!(side.selection.selected, 1, "back over it");
        side.move_by(-1, 10);
        assert_eq!(side.selection.selected, 1, "not onto the first heading");
        side.move_by(isize::MAX / 2, 2);
        assert_eq!(side.selection.selected, 4);
        assert_eq!(side.selection.offset, 3, "kept in view in two rows");
        assert_eq!(side.select_row(2), None, "a heading");
        assert_eq!(side.select_row(3), Some(EntityId(2)));
        assert_eq!(side.selection.selected, 3);
    }

    #[test]
    fn filter_ignores_case_and_umlauts() {
        let ix = index();
        let rows = rows(
            &ix,
            DocId(0),
            Scope::Corpus,
            &Query::new("koln"),
            &fold_names(&ix),
        );
        assert_eq!(rows.len(), 1, "matches alone, without headings");
        assert_eq!(row_of(&rows, EntityId(0)), Some(0));
    }

    #[test]
    fn folded_names_are_each_entitys_name_then_its_other_spellings() {
        let mut b = IndexBuilder::new(1);
        for (i, (name, aliases)) in [
            ("Köln", vec!["Köln", "Koeln", "KÖLN"]),
            ("", vec![]),
            ("Anna Müller", vec!["Müller", "Anna Müller"]),
        ]
        .into_iter()
        .enumerate()
        {
            let aliases = aliases.into_iter().map(String::from).collect();
            b = b
                .with_entity(crate::entity::Entity::new(name, Kind::Place, aliases))
                .at(0, i * 10..i * 10 + 1);
        }
        let ix = b.build();
        let folded = fold_names(&ix);
        assert_eq!(folded.len(), 3);
        let names = |e: u32| folded.names(EntityId(e)).collect::<Vec<_>>();
        assert_eq!(names(0), ["koln", "koeln", "koln"]);
        assert_eq!(names(1), [""], "an empty name is still a name");
        assert_eq!(names(2), ["anna muller", "muller"], "the name once");
        assert!(names(3).is_empty(), "no such entity");
        assert!(FoldedNames::default().names(EntityId(0)).next().is_none());
    }

    fn spo_index() -> EntityIndex {
        let podolski = IndexBuilder::new(1).entity("Stefan Podolski", Kind::Person);
        (0..9)
            .fold(podolski, |b, i| b.at(0, (i * 10)..(i * 10 + 3)))
            .entity("Hans Spoerri", Kind::Person)
            .at(0, 200..203)
            .entity("SPÖ", Kind::Organization)
            .at(0, 300..303)
            .build()
    }

    #[test]
    fn a_filter_ranks_across_kinds_exact_first() {
        let ix = spo_index();
        let mut side = Sidebar::new(true);
        side.start_filter();
        side.filter = "SPÖ".into();
        side.rebuild(&ix, DocId(0), None);
        let ids: Vec<EntityId> = side
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Entity { id, .. } => Some(*id),
                Row::Header(..) => None,
            })
            .collect();
        assert_eq!(
            ids,
            [EntityId(2), EntityId(1), EntityId(0)],
            "exact, word start, fuzzy"
        );
        assert_eq!(
            side.entity(),
            Some(EntityId(2)),
            "the best match highlighted"
        );
        assert_eq!(side.entity_count(), 3);
    }

    #[test]
    fn clearing_a_filter_goes_back_to_where_the_cursor_was() {
        let ix = spo_index();
        let mut side = Sidebar::new(true);
        side.rebuild(&ix, DocId(0), None);
        side.move_by(1, 10);
        let before = side.entity();
        assert_eq!(before, Some(EntityId(1)));
        side.start_filter();
        side.filter = "spö".into();
        side.rebuild(&ix, DocId(0), None);
        assert_eq!(side.entity(), Some(EntityId(2)));
        side.clear_filter(&ix, DocId(0), None);
        side.clamp(10);
        assert_eq!(side.entity(), before, "not the filter's best match");
        assert!(side.before_filter.is_none());
    }

    #[test]
    fn a_jump_out_of_view_shows_the_row_with_its_heading() {
        let ix = index();
        let mut side = Sidebar::new(true);
        side.rebuild(&ix, DocId(1), None);
        // Rows: People (1), Anna Muster, Places (2), Bonn, Köln.
        side.selection.offset = 0;
        side.move_by(isize::MAX / 2, 2);
        assert_eq!((side.selection.selected, side.selection.offset), (4, 3));
        side.selection.selected = 1;
        side.jumped = true;
        side.clamp(2);
        assert_eq!(side.selection.offset, 0, "People's heading in view");
        side.selection.selected = 3;
        side.jumped = true;
        side.clamp(3);
        assert_eq!(side.selection.offset, 2, "Places' heading above Bonn");
    }
}
