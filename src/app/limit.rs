//! Following one entity (or one search) article by article: the article
//! list limited to the articles that mention the selected entity or hold
//! search hits (neomutt's `l`, aerc's `:filter`), and `}` / `{` to the next
//! or previous such article, at its first mention (or hit).

use super::article_list::Limit;
use super::update::{WRAPPED_TO_BOTTOM, WRAPPED_TO_TOP};
use super::{App, Focus, Walk};
use crate::corpus::DocId;
use crate::entity::EntityId;
use std::ops::Range;

/// What `F` and `}` / `{` follow: the search while `n` walks hits, else the
/// selected entity (or the one highlighted in the focused sidebar).
enum Followed {
    /// The search's hits.
    Hits,
    /// An entity's mentions.
    Entity(EntityId),
}

impl App {
    fn followed(&self) -> Option<Followed> {
        if self.walk == Walk::Hits && !self.search.hits.is_empty() {
            return Some(Followed::Hits);
        }
        self.selected
            .or_else(|| {
                (self.focus == Focus::Sidebar)
                    .then(|| self.sidebar.entity())
                    .flatten()
            })
            .map(Followed::Entity)
    }

    /// The places `}` / `{` step through, in corpus order: the followed
    /// entity's mentions or the search hits, as (article, range).
    fn followed_places(&self, f: &Followed) -> Vec<(DocId, Range<usize>)> {
        match f {
            Followed::Hits => self
                .search
                .hits
                .iter()
                .map(|h| (h.doc, h.range.clone()))
                .collect(),
            Followed::Entity(id) => self
                .index
                .mentions_of(*id)
                .map(|m| (m.doc, m.span()))
                .collect(),
        }
    }

    /// `F`: limit the article list to the articles that mention the selected
    /// entity (or hold the search's hits), or lift the limit. The open
    /// article stays selected where the limited list shows it.
    pub fn toggle_limit(&mut self) {
        let keep = self.reader.doc;
        if self.list.limit.is_some() {
            self.list.set_limit(None, &self.corpus, keep);
            self.after_limit();
            return;
        }
        let Some(f) = self.followed() else {
            self.message = Some("select an entity (or search) first, then limit to it".into());
            return;
        };
        let label = match &f {
            Followed::Hits => format!("“{}”", self.search.query),
            Followed::Entity(id) => self.index.entity(*id).display_name(),
        };
        let docs = self
            .followed_places(&f)
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        let limit = Limit::new(label, docs);
        self.list.set_limit(Some(limit), &self.corpus, keep);
        self.after_limit();
    }

    fn after_limit(&mut self) {
        let (len, h) = (self.list_len(), self.list_lines());
        self.list.reveal(len, h);
        self.clamp();
    }

    /// `}` / `{`: open the next (previous) article that mentions the
    /// followed entity or holds a hit, at its first one; round the end of
    /// the corpus with the message `n` gives there.
    pub fn step_mentioned(&mut self, forward: bool) {
        let Some(f) = self.followed() else {
            self.message = Some("select an entity first (Enter in the sidebar)".into());
            return;
        };
        if let Followed::Entity(id) = f {
            self.selected = Some(id);
        }
        let places = self.followed_places(&f);
        let here = self.reader.doc;
        let target = if forward {
            let i = places.partition_point(|(d, _)| *d <= here);
            places.get(i).or_else(|| places.first())
        } else {
            // The first place of the last article before this one.
            let i = places.partition_point(|(d, _)| *d < here);
            match i.checked_sub(1).map(|j| places[j].0) {
                Some(d) => places.iter().find(|(x, _)| *x == d),
                None => places
                    .last()
                    .and_then(|(d, _)| places.iter().find(|(x, _)| x == d)),
            }
        };
        let Some((doc, range)) = target.cloned() else {
            self.message = Some("no mentions".into());
            return;
        };
        if doc == here {
            self.message = Some("no other article".into());
            return;
        }
        self.goto(doc, range.clone());
        self.memory.mark_read(&self.corpus.doc(doc).id);
        if let Followed::Hits = f {
            self.search.follow((doc, range.start));
        }
        if forward && doc < here {
            self.message = Some(WRAPPED_TO_TOP.into());
        } else if !forward && doc > here {
            self.message = Some(WRAPPED_TO_BOTTOM.into());
        }
    }
}
