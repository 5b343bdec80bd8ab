//! The "why" overlay (`w`): what an entity holds and why. Each spelling
//! that was joined into the entity, with the rule that joined it (see
//! [`crate::entity::evidence`]) and the name it was joined to; for an
//! ambiguous entry (`Muster (?)`) the full names it could stand for. So a
//! reader can trust an entry, or correct it with `m` / `x` (and `u`); `j` /
//! `k` pick a spelling, and `S` splits it off as an entity of its own.

use super::{Action, App, Mode};
use crate::entity::{EntityId, EntityIndex, EntityRef};

/// The overlay's state while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WhyOverlay {
    /// The entity explained.
    pub entity: EntityId,
    /// The mode to return to.
    pub back_to: Mode,
    /// Lines scrolled down by (long lists in short terminals).
    pub scroll: u16,
    /// The spelling picked (to split off), from 0 (the name).
    pub pick: usize,
}

/// One line of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhyLine {
    /// A heading (`spellings`, `could be one of`).
    Heading(String),
    /// A spelling and why it belongs: the rule, and the name it was joined
    /// to when that is another one.
    Alias {
        /// The spelling.
        alias: String,
        /// The rule, described (`inflected form`).
        rule: String,
        /// The name it was joined to, if not itself.
        via: Option<String>,
    },
    /// A candidate of an ambiguous entry, with its mentions and articles
    /// when the corpus has it as an entity.
    Candidate {
        /// The full name.
        name: String,
        /// (mentions, articles) of that entity.
        counts: Option<(usize, usize)>,
    },
    /// A line of plain text.
    Note(String),
}

/// The overlay's title line for `id`: the shown name, kind and counts.
pub fn title(index: &EntityIndex, id: EntityId) -> String {
    let e = index.entity(id);
    let docs = index.doc_count(id);
    format!(
        "why: {} · {} · {} mentions in {} {}",
        e.display_name(),
        e.kind,
        index.mention_count(id),
        docs,
        if docs == 1 { "article" } else { "articles" }
    )
}

/// The lines of the overlay for `id`.
pub fn lines(index: &EntityIndex, id: EntityId) -> Vec<WhyLine> {
    let e = index.entity(id);
    let mut out = Vec::new();
    if e.is_ambiguous() {
        out.push(WhyLine::Note(format!(
            "“{}” could stand for several entities; linking could not tell which,",
            e.name
        )));
        out.push(WhyLine::Note(
            "so its mentions are kept together here. It could be one of:".into(),
        ));
        for c in &e.candidates {
            let counts = index
                .find(c)
                .map(|cid| (index.mention_count(cid), index.doc_count(cid)));
            out.push(WhyLine::Candidate {
                name: c.to_string(),
                counts,
            });
        }
        out.push(WhyLine::Note(String::new()));
    }
    out.push(WhyLine::Heading(format!(
        "{} {}, and what joined {}:",
        spellings(&e).len(),
        if spellings(&e).len() == 1 {
            "spelling"
        } else {
            "spellings"
        },
        if spellings(&e).len() == 1 {
            "it"
        } else {
            "each"
        }
    )));
    let evidence = index.evidence(id);
    for alias in spellings(&e) {
        let ev = evidence.iter().find(|v| v.alias == alias);
        let (rule, via) = match ev {
            Some(v) => (
                v.rule.describe().to_string(),
                (!v.via.is_empty() && v.via != alias).then(|| v.via.clone()),
            ),
            None if alias == e.name => ("its name".to_string(), None),
            None => ("(not recorded)".to_string(), None),
        };
        out.push(WhyLine::Alias {
            alias: alias.to_string(),
            rule,
            via,
        });
    }
    out
}

/// The entity's spellings, its name first, each once (as the overlay
/// lists them).
pub fn spellings<'a>(e: &EntityRef<'a>) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = vec![e.name];
    for a in e.aliases {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

impl App {
    /// Open the why overlay for the entity a correction would apply to (the
    /// highlighted one in the sidebar, else the selected one).
    pub fn open_why(&mut self) {
        let Some(id) = self.correction_target() else {
            self.message = Some("highlight or select an entity first".into());
            return;
        };
        self.why = Some(WhyOverlay {
            entity: id,
            back_to: self.mode,
            scroll: 0,
            pick: 0,
        });
        self.mode = Mode::Why;
    }

    /// Close the why overlay.
    pub fn close_why(&mut self) {
        if let Some(w) = self.why.take() {
            self.mode = w.back_to;
        } else {
            self.mode = Mode::Normal;
        }
    }

    /// Move the why overlay's pick by a line action (`j` `k`, top,
    /// bottom), or scroll it by a page action, keeping the pick in view;
    /// `false` for any other action.
    pub fn scroll_why(&mut self, action: &Action) -> bool {
        let Some(w) = self.why.as_mut() else {
            return false;
        };
        let all = lines(&self.index, w.entity);
        let len = all.len() as i64;
        let Some(by) = super::help::scroll_step(action, self.area.height) else {
            return false;
        };
        // The overlay: its lines, a blank one and the closing hint, inside
        // borders, as high as the screen allows.
        let total = len + 2;
        let inner = ((total + 2).min(self.area.height as i64) - 2).max(1);
        let max = (total - inner).max(0);
        let picks: Vec<i64> = all
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, WhyLine::Alias { .. }))
            .map(|(i, _)| i as i64)
            .collect();
        let moves_pick = matches!(
            action,
            Action::Down(_) | Action::Up(_) | Action::Top | Action::Bottom
        );
        if moves_pick && !picks.is_empty() {
            let last = picks.len() as i64 - 1;
            w.pick = (w.pick as i64 + by).clamp(0, last) as usize;
            let row = picks[w.pick];
            let mut scroll = w.scroll as i64;
            if row < scroll {
                scroll = row;
            } else if row >= scroll + inner {
                scroll = row - inner + 1;
            }
            // The first pick brings the lines above it (the heading) too.
            if w.pick == 0 {
                scroll = 0;
            }
            w.scroll = scroll.clamp(0, max) as u16;
        } else {
            w.scroll = (w.scroll as i64 + by).clamp(0, max) as u16;
        }
        true
    }

    /// Split the spelling picked in the why overlay off its entity (`S`);
    /// outside the overlay, open it to pick one.
    pub fn split_spelling(&mut self) {
        let Some(w) = self.why else {
            self.open_why();
            if self.why.is_some() {
                let keys = self.keymap.hint(&["down", "up"]);
                let split = self.keymap.hint(&["split"]);
                self.message = Some(format!(
                    "pick the spelling to split off with {keys}, then {split}"
                ));
            }
            return;
        };
        if self.corrector.analyses.is_none() {
            self.message = Some("wait until indexing is done".into());
            return;
        }
        let e = self.index.entity(w.entity);
        let all = spellings(&e);
        if all.len() < 2 {
            self.message = Some(format!(
                "“{}” has one spelling: nothing to split off",
                e.name
            ));
            return;
        }
        let Some(name) = all.get(w.pick).map(|s| s.to_string()) else {
            return;
        };
        let from = e.name.to_string();
        self.correct_split(name, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::evidence::{Evidence, Rule};
    use crate::entity::fixture::IndexBuilder;
    use crate::entity::{Entity, Kind};

    fn index() -> EntityIndex {
        let mut putin = Entity::new(
            "Wladimir Putin",
            Kind::Person,
            vec!["Wladimir Putin".into(), "Putin".into(), "Putins".into()],
        );
        putin.evidence = vec![
            Evidence {
                alias: "Wladimir Putin".into(),
                rule: Rule::SameName,
                via: String::new(),
            },
            Evidence {
                alias: "Putin".into(),
                rule: Rule::OnlyFullName,
                via: "Wladimir Putin".into(),
            },
        ];
        let mut kim = Entity::new("Kim", Kind::Person, vec!["Kim".into()]);
        kim.candidates = vec!["Kim Jong Un".into(), "Kim Yo Jong".into()];
        IndexBuilder::new(2)
            .with_entity(putin)
            .at(0, 0..3)
            .at(1, 0..3)
            .at(1, 10..13)
            .with_entity(kim)
            .at(0, 20..23)
            .entity("Kim Jong Un", Kind::Person)
            .at(0, 30..33)
            .at(1, 30..33)
            .build()
    }

    #[test]
    fn each_spelling_comes_with_the_rule_that_joined_it() {
        let ix = index();
        let id = ix.find("Wladimir Putin").unwrap();
        assert_eq!(
            title(&ix, id),
            "why: Wladimir Putin · person · 3 mentions in 2 articles"
        );
        let l = lines(&ix, id);
        assert_eq!(
            l[0],
            WhyLine::Heading("3 spellings, and what joined each:".into())
        );
        assert_eq!(
            l[2],
            WhyLine::Alias {
                alias: "Putin".into(),
                rule: "surname of the only full name".into(),
                via: Some("Wladimir Putin".into()),
            }
        );
        assert_eq!(
            l[3],
            WhyLine::Alias {
                alias: "Putins".into(),
                rule: "(not recorded)".into(),
                via: None,
            },
            "a spelling without evidence says so"
        );
    }

    #[test]
    fn an_ambiguous_entry_lists_its_candidates() {
        let ix = index();
        let id = ix.find("Kim").unwrap();
        assert!(title(&ix, id).starts_with("why: Kim (?) · person"));
        let l = lines(&ix, id);
        assert!(l.contains(&WhyLine::Candidate {
            name: "Kim Jong Un".into(),
            counts: Some((2, 2)),
        }));
        assert!(l.contains(&WhyLine::Candidate {
            name: "Kim Yo Jong".into(),
            counts: None,
        }));
    }
}
