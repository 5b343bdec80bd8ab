//! Step 7 of linking across documents: names known in an article only by a
//! surname (`Putin`, `Kim`, `Merkels`) find their person.
//!
//! The decision is scored, not a uniqueness test. The candidates are the
//! corpus's full names with that family name (blocked by the family-name
//! key; a surname also finds a family name one letter longer or shorter
//! when the longer of the two has seven letters or more: `McCartys` /
//! `McCarthy`). Then:
//! - one candidate: the surname is that person's;
//! - several: the one whose articles share clearly more people, places and
//!   organizations with the surname's article wins (three or more shared,
//!   twice the runner-up); else the one the corpus names in clearly more
//!   articles (three or more, three times the runner-up);
//! - no clear winner: the surname's mentions across the corpus stay together
//!   as one ambiguous entry (`Kim (?)`) that lists its candidates, never one
//!   entry per article;
//! - no candidate: all mentions of the surname are one person.
//!
//! A one-word place or organization that is no country or region, common
//! noun or acronym, and whose name is the family name of a person in the
//! corpus (`Varoufakis` tagged as a place in some articles) is read as that
//! person's surname when one candidate is clear and mentioned more than it;
//! otherwise it keeps its kind (`Porsche` the company stays apart from
//! `Ferdinand Porsche`). A town's name (`Donezk`) is read so only by shared
//! context, and only as the surname of a person whose given name is known.

use super::by_key::ByKey;
use super::spelling::one_letter_more;
use super::{Linker, Roots, by_text};
use crate::corpus::DocId;
use crate::entity::Kind;
use crate::entity::evidence::Rule;
use crate::entity::intern::Name;
use crate::entity::link::flat::Flat;
use crate::entity::link::keys::is_acronym;
use crate::entity::link::surfaces::Surfaces;
use crate::entity::ner::lexicon::{Lexicon, Sources, WordFlags};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{OnceCell, RefCell};

/// Documents read per candidate for its context; enough to judge, bounded
/// for persons mentioned everywhere.
const CONTEXT_DOCS: usize = 256;

/// Fewest shared context entities for a context decision.
const MIN_SHARED: usize = 3;

/// Fewest documents of the most mentioned candidate for a prominence
/// decision, and by how many times it must lead the runner-up.
const MIN_PROMINENT_DOCS: usize = 3;
const PROMINENCE_LEAD: usize = 3;

/// Shortest family-name key looked up with one letter more or less.
const FUZZY_MIN: usize = 7;

/// What to do with one surname entity.
enum Decision {
    /// Join this candidate (a root), by this rule.
    Join(usize, Rule),
    /// Several candidates, none clear: the ambiguous group of this key.
    Ambiguous(Name, Vec<usize>),
    /// No candidate: the lone-surname group of this key.
    Lone(Name),
    /// Nothing (a place or organization with no clear person).
    Keep,
    /// Several candidates: decide once the clear cases are joined.
    Later,
}

/// An entity that may be known only by a surname. (A million articles
/// have millions: it is 8 bytes, its keys read where its document holds
/// them.)
#[derive(Clone, Copy)]
struct Surname {
    /// The local entity.
    entity: u32,
    /// Whether recognition typed it as a person.
    person: bool,
    /// Whether it is also the name of a town (`Guttenberg`).
    town: bool,
}

impl Surname {
    /// The local entity.
    fn entity(self) -> usize {
        self.entity as usize
    }

    /// The keys of its surname (and of its genitive stems); those of its
    /// names and stems for a place or organization.
    fn keys<'a>(self, flat: &Flat<'a>) -> &'a [Name] {
        let e = flat.entity(self.entity());
        if self.person {
            e.surname()
        } else {
            e.keys_and_stems()
        }
    }
}

/// What was decided for one surname, as it waits for the others' (12
/// bytes: the first round decides for millions): a [`Decision`] whose
/// candidates, when it has any, are listed apart.
#[derive(Clone, Copy)]
enum Decided {
    /// Join this candidate (a root), by this rule.
    Join(u32, Rule),
    /// The ambiguous group of this key, with the candidates listed at this
    /// index.
    Ambiguous(Name, u32),
    /// The lone-surname group of this key.
    Lone(Name),
    /// Nothing.
    Keep,
    /// Decide once the clear cases are joined.
    Later,
}

impl Decided {
    /// `decision`, its candidates (if any) added to `listed`.
    fn of(decision: Decision, listed: &mut Vec<Vec<usize>>) -> Decided {
        match decision {
            Decision::Join(c, rule) => Decided::Join(c as u32, rule),
            Decision::Ambiguous(k, cands) => {
                listed.push(cands);
                Decided::Ambiguous(k, (listed.len() - 1) as u32)
            }
            Decision::Lone(k) => Decided::Lone(k),
            Decision::Keep => Decided::Keep,
            Decision::Later => Decided::Later,
        }
    }
}

/// Candidate clusters by (surname key, spelling may vary, town's name).
type CandidateMemo = FxHashMap<(Name, bool, bool), Vec<usize>>;

/// What decisions read: the corpus's full names, and the clusters as the
/// round began.
#[derive(Clone, Copy)]
struct View<'v> {
    families: &'v Families,
    roots: &'v Roots,
    docs_of: &'v FxHashMap<usize, Vec<DocId>>,
    /// The context of each candidate cluster read so far ([`Linker::by_context`]):
    /// many surnames share their candidates. Each is a sorted list of
    /// roots, 4 bytes each: at a million articles, 300,000 contexts hold
    /// 14 million roots.
    contexts: &'v RefCell<FxHashMap<usize, Box<[u32]>>>,
    /// The candidate clusters of each surname key read so far, by whether
    /// spelling may vary and whether the surname is a town's name: a
    /// corpus names one surname in many articles.
    candidates: &'v RefCell<CandidateMemo>,
}

/// What the decisions of one share of surnames remember as they go
/// (see [`View`]): each share its own, so that shares are decided on all
/// cores.
#[derive(Default)]
struct Memos {
    contexts: RefCell<FxHashMap<usize, Box<[u32]>>>,
    candidates: RefCell<CandidateMemo>,
}

impl Memos {
    /// What a decision reads: these memos, the corpus's full names
    /// `families`, the clusters `roots` and the candidates' documents
    /// `docs_of`.
    fn view<'v>(
        &'v self,
        families: &'v Families,
        roots: &'v Roots,
        docs_of: &'v FxHashMap<usize, Vec<DocId>>,
    ) -> View<'v> {
        View {
            families,
            roots,
            docs_of,
            contexts: &self.contexts,
            candidates: &self.candidates,
        }
    }
}

/// The full names of a corpus by family-name key.
struct Families {
    /// Family key → full-name entities: one sorted array of pairs (at a
    /// million articles, a map of lists took 128 MB).
    by_key: ByKey,
    /// The family keys of [`FUZZY_MIN`] letters or more by their forms
    /// with one letter left out.
    by_deletion: ByDeletion,
    /// Family keys by their text.
    by_text: FxHashMap<&'static str, Name>,
}

impl Families {
    fn new(flat: &Flat<'_>) -> Families {
        let by_key = ByKey::new(
            flat.iter()
                .enumerate()
                .flat_map(|(i, (_, e))| e.family().iter().map(move |&k| (k, i))),
        );
        let mut keys: Vec<Name> = flat
            .iter()
            .flat_map(|(_, e)| e.family().iter().copied())
            .collect();
        keys.sort_unstable_by_key(|k| k.number());
        keys.dedup();
        let by_deletion = ByDeletion::new(
            keys.iter()
                .copied()
                .filter(|k| k.chars().count() >= FUZZY_MIN),
        );
        let by_text = keys.iter().map(|k| (k.as_str(), *k)).collect();
        Families {
            by_key,
            by_deletion,
            by_text,
        }
    }

    /// Whether full-name entity `i` starts with a known given name: one
    /// german-nouns lists, or one the gold corpora use more often first than
    /// last in a person's name (`Kirsten Gillibrand`, not `Schachtar Donezk`).
    fn given_name_known(linker: &Linker<'_>, i: usize) -> bool {
        linker.flat.entity(i).mentions().iter().any(|m| {
            linker.surfaces.words(m.surface).first().is_some_and(|w| {
                let lexicon = Lexicon::get();
                lexicon.word(w).flags.contains(WordFlags::FIRST_NAME)
                    || lexicon
                        .name_part(w, Sources::All)
                        .is_some_and(|p| p.first > p.last)
            })
        })
    }

    /// The full-name entities whose family key is `key`, or one letter
    /// longer or shorter.
    fn candidates(&self, key: Name, fuzzy: bool) -> Vec<usize> {
        let mut out: Vec<usize> = self.by_key.get(key).collect();
        let len = key.chars().count();
        if out.is_empty() && fuzzy && len + 1 >= FUZZY_MIN {
            let mut keys: Vec<Name> = Vec::new();
            // A family key one letter shorter than `key`.
            if len >= FUZZY_MIN {
                for d in deletions(key.as_str()) {
                    if let Some(&k) = self.by_text.get(d.as_str()) {
                        keys.push(k);
                    }
                }
            }
            // A family key one letter longer.
            keys.extend(self.by_deletion.longer(key.as_str()));
            keys.retain(|k| one_letter_more(k.as_str(), key.as_str()));
            keys.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
            keys.dedup();
            for k in keys {
                out.extend(self.by_key.get(k));
            }
        }
        out
    }
}

/// Words by their forms with one letter left out, to find the words one
/// letter longer than another. It keeps a 32-bit hash of each form, not
/// the form: a million articles have hundreds of thousands of family keys,
/// and a key has a form per letter (8 bytes each; words whose form only
/// shares the hash are told apart when they are read).
struct ByDeletion {
    /// (hash of a form with one letter left out, the word), sorted.
    forms: Vec<(u32, Name)>,
}

impl ByDeletion {
    fn new(words: impl Iterator<Item = Name>) -> ByDeletion {
        let mut forms = Vec::new();
        let mut buf = String::new();
        for w in words {
            each_deletion(w.as_str(), &mut buf, |form| forms.push((hash(form), w)));
        }
        forms.sort_unstable_by_key(|&(h, _)| h);
        ByDeletion { forms }
    }

    /// The words that are `short` with one letter more (a word may come
    /// more than once).
    fn longer<'s>(&'s self, short: &'s str) -> impl Iterator<Item = Name> + 's {
        let h = hash(short);
        let from = self.forms.partition_point(|&(g, _)| g < h);
        self.forms[from..]
            .iter()
            .take_while(move |&&(g, _)| g == h)
            .map(|&(_, w)| w)
            // Another form with the same hash.
            .filter(move |w| {
                w.chars().count() == short.chars().count() + 1 && one_letter_more(w, short)
            })
    }
}

/// The hash [`ByDeletion`] keeps of a form.
fn hash(s: &str) -> u32 {
    use std::hash::BuildHasher;
    // The high half: the better mixed.
    (rustc_hash::FxBuildHasher.hash_one(s) >> 32) as u32
}

/// `word` with each one of its letters left out.
fn deletions(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_deletion(word, &mut String::new(), |form| out.push(form.to_string()));
    out
}

/// Call `f` with `word` with each one of its letters left out, in order,
/// each made in `buf`.
fn each_deletion(word: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for (at, c) in word.char_indices() {
        buf.clear();
        buf.push_str(&word[..at]);
        buf.push_str(&word[at + c.len_utf8()..]);
        f(buf);
    }
}

/// Whether a one-word place or organization may be a person's surname that
/// recognition typed wrongly: no common noun, acronym, country, region or
/// continent. `Some(true)` for the name of a town, which needs the context
/// of the person's articles to be read as the surname (`Guttenberg`).
fn may_be_surname(word: &str) -> Option<bool> {
    use crate::entity::ner::lexicon::PlaceFlags;
    let lexicon = Lexicon::get();
    if word.chars().count() < 4
        || is_acronym(word)
        || lexicon.word(word).flags.contains(WordFlags::COMMON_NOUN)
    {
        return None;
    }
    match lexicon.place_inflected(word) {
        None => Some(false),
        Some((p, _)) => {
            let large = [
                PlaceFlags::COUNTRY,
                PlaceFlags::REGION,
                PlaceFlags::CONTINENT,
            ]
            .iter()
            .any(|f| p.flags.contains(*f));
            (!large).then_some(true)
        }
    }
}

/// What step 7 reads of the entities alone, not of how they are joined:
/// gathered while the earlier steps run ([`Gathered::new`]).
pub(super) struct Gathered {
    /// The corpus's full names by family name.
    families: Families,
    /// Every entity that may be known by a surname only, in order.
    surnames: Vec<Surname>,
}

impl Gathered {
    /// What step 7 reads of the entities of `flat`: the surnames gathered
    /// here and the full names beside them (on another core, once one is
    /// free: the surnames take longer).
    pub(super) fn new(flat: &Flat<'_>, surfaces: &Surfaces) -> Gathered {
        let (surnames, families) =
            rayon::join(|| Self::surnames(flat, surfaces), || Families::new(flat));
        Gathered { families, surnames }
    }

    /// Every entity of `flat` that may be known by a surname only.
    fn surnames(flat: &Flat<'_>, surfaces: &Surfaces) -> Vec<Surname> {
        // Whether each one-word surface may be a surname (see
        // [`may_be_surname`]), worked out once per surface.
        let mut readings: FxHashMap<Name, Option<bool>> = FxHashMap::default();
        flat.iter()
            .enumerate()
            .filter_map(|(i, (_, e))| {
                let entity = i as u32;
                if !e.surname().is_empty() {
                    return Some(Surname {
                        entity,
                        person: true,
                        town: false,
                    });
                }
                if e.kind() == Kind::Person || !e.family().is_empty() {
                    return None;
                }
                let mut town = false;
                for m in e.mentions() {
                    let reading = *readings.entry(m.surface).or_insert_with(|| {
                        match surfaces.words(m.surface)[..] {
                            [w] => may_be_surname(w),
                            _ => None,
                        }
                    });
                    town |= reading?;
                }
                Some(Surname {
                    entity,
                    person: false,
                    town,
                })
            })
            .collect()
    }
}

impl Linker<'_> {
    /// Step 7: surname-only persons (and surnames typed as something else).
    /// Surnames with no candidate or one are joined first, so that the
    /// context of the others is read from whole clusters. `gathered` is
    /// what [`Gathered::new`] read of this corpus's entities.
    pub(super) fn join_surnames(&mut self, gathered: Gathered) {
        let Gathered { families, surnames } = gathered;
        let mut several = Vec::new();
        for clear in [true, false] {
            let roots = self.roots();
            let todo = if clear { &surnames } else { &several };
            let mut decided: Vec<Decided> = vec![Decided::Keep; todo.len()];
            let listed = if clear {
                self.decide_clear(todo, &families, &roots, &mut decided)
            } else {
                self.decide_by_context(todo, &families, &roots, &mut decided)
            };
            // The mentions of the clusters a place or organization would
            // join and of its own (see below), by root: of those alone.
            let weighed: FxHashSet<usize> = todo
                .iter()
                .zip(&decided)
                .filter_map(|(sn, d)| match d {
                    Decided::Join(c, _) if !sn.person && !sn.town => {
                        Some([*c as usize, roots.of(sn.entity())])
                    }
                    _ => None,
                })
                .flatten()
                .collect();
            let mut size: FxHashMap<usize, usize> = FxHashMap::default();
            if !weighed.is_empty() {
                for (j, root) in roots.iter().enumerate() {
                    if weighed.contains(&root) {
                        *size.entry(root).or_default() += self.flat.entity(j).mentions().len();
                    }
                }
            }
            let mut later = Vec::new();
            for (sn, decision) in todo.iter().zip(&mut decided) {
                // A place or organization joins a person only when the
                // person is mentioned more: a company named after its
                // founder (`Porsche`) is mentioned more than he is.
                if let (false, Decided::Join(c, _)) = (sn.person, *decision)
                    && !sn.town
                    && size.get(&(c as usize)) <= size.get(&roots.of(sn.entity()))
                {
                    *decision = Decided::Keep;
                }
                if let Decided::Later = decision {
                    later.push(*sn);
                }
            }
            let entities = todo.iter().map(|sn| sn.entity());
            self.apply(entities.zip(decided), &listed);
            several = later;
        }
        drop(families);
    }

    /// The first round: the decisions that read no context (no candidate,
    /// or one), into `decided` (one per surname of `todo`), on all cores, a
    /// share of the surnames at a time, each share with its own memo of
    /// candidates. Returns the candidates the decisions list.
    fn decide_clear(
        &self,
        todo: &[Surname],
        families: &Families,
        roots: &Roots,
        decided: &mut [Decided],
    ) -> Vec<Vec<usize>> {
        let share = share_of(todo.len());
        let no_docs = FxHashMap::default();
        let listed: Vec<Vec<Vec<usize>>> = decided
            .par_chunks_mut(share)
            .zip(todo.par_chunks(share))
            .map(|(decided, todo)| {
                let memos = Memos::default();
                let view = memos.view(families, roots, &no_docs);
                let mut listed = Vec::new();
                for (d, sn) in decided.iter_mut().zip(todo) {
                    let (cands, matched) = self.candidates(sn, &view);
                    let decision = self.decide(sn, &cands, matched, &view, true, &OnceCell::new());
                    *d = Decided::of(decision, &mut listed);
                }
                listed
            })
            .collect();
        listed_together(decided.chunks_mut(share), listed)
    }

    /// The second round: the surnames of `todo` with several candidates,
    /// decided by context or prominence, into `decided`. Surnames with the
    /// same candidates are decided together, so that the candidates'
    /// contexts are inverted once for all of them ([`Shared`]); only the
    /// candidates' documents are read, listed for them alone, not for
    /// every cluster of the corpus. Candidates are found, and groups
    /// decided, on all cores. Returns the candidates the decisions list.
    fn decide_by_context(
        &self,
        todo: &[Surname],
        families: &Families,
        roots: &Roots,
        decided: &mut [Decided],
    ) -> Vec<Vec<usize>> {
        // Surnames (by place in `todo`, with the key that matched) by
        // their candidates.
        type Members = Vec<(usize, Option<Name>)>;
        type Groups = FxHashMap<Vec<usize>, Members>;
        let share = share_of(todo.len());
        let no_docs = FxHashMap::default();
        let shares: Vec<Groups> = todo
            .par_chunks(share)
            .enumerate()
            .map(|(n, todo)| {
                let memos = Memos::default();
                let view = memos.view(families, roots, &no_docs);
                let mut groups = Groups::default();
                for (t, sn) in todo.iter().enumerate() {
                    let (cands, matched) = self.candidates(sn, &view);
                    groups
                        .entry(cands)
                        .or_default()
                        .push((n * share + t, matched));
                }
                groups
            })
            .collect();
        let mut groups = Groups::default();
        for share in shares {
            for (cands, members) in share {
                groups.entry(cands).or_default().extend(members);
            }
        }
        // Groups that name the same candidates lie together, so that a
        // share of them reads most of its contexts once.
        let mut groups: Vec<(Vec<usize>, Members)> = groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let wanted: FxHashSet<usize> = groups.iter().flat_map(|g| &g.0).copied().collect();
        let docs_of = self.docs_by_root(roots, |r| wanted.contains(&r));
        drop(wanted);
        // Shared out by their work, about their members and candidates: a
        // share of as many groups as the others took one core 2.5 s at a
        // million articles, while the other waited.
        let weights: Vec<usize> = groups.iter().map(|g| g.0.len() + g.1.len()).collect();
        let decisions: Vec<Vec<(usize, Decision)>> =
            super::shares_by_weight(&weights, GROUPS_WEIGHT_MIN)
                .into_par_iter()
                .map(|range| {
                    let groups = &groups[range];
                    let memos = Memos::default();
                    let view = memos.view(families, roots, &docs_of);
                    // A candidate's context is let go once the last group of
                    // the share that names it is decided (at a million
                    // articles, 300,000 contexts of 14 million roots were all
                    // held to the end).
                    let mut uses: FxHashMap<usize, u32> = FxHashMap::default();
                    for &c in groups.iter().flat_map(|g| &g.0) {
                        *uses.entry(c).or_default() += 1;
                    }
                    let mut decisions = Vec::new();
                    for (cands, members) in groups {
                        let shared = OnceCell::new();
                        for &(t, matched) in members {
                            let decision =
                                self.decide(&todo[t], cands, matched, &view, false, &shared);
                            decisions.push((t, decision));
                        }
                        for c in cands {
                            if let Some(n) = uses.get_mut(c) {
                                *n -= 1;
                                if *n == 0 {
                                    memos.contexts.borrow_mut().remove(c);
                                }
                            }
                        }
                    }
                    decisions
                })
                .collect();
        let mut listed = Vec::new();
        for (t, decision) in decisions.into_iter().flatten() {
            decided[t] = Decided::of(decision, &mut listed);
        }
        listed
    }

    /// Carry out surname decisions, given by entity, whose candidates
    /// are listed in `listed`: the joins first, in order, then the groups
    /// of lone and of ambiguous surnames by key.
    fn apply(&mut self, decisions: impl Iterator<Item = (usize, Decided)>, listed: &[Vec<usize>]) {
        // Grouped by key, then the groups taken in the order of their
        // keys' text (one comparison of texts per distinct key, not one
        // per decision: at a million articles, a second of one core in
        // a map ordered by text).
        let mut lone: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        let mut ambiguous: FxHashMap<Name, (Vec<usize>, Vec<usize>)> = FxHashMap::default();
        for (i, d) in decisions {
            match d {
                // Nothing is read of the clusters here: a join made at
                // once is the join made after the others are read.
                Decided::Join(root, rule) => self.join(root as usize, i, rule),
                Decided::Lone(k) => lone.entry(k).or_default().push(i),
                Decided::Ambiguous(k, c) => {
                    let group = ambiguous.entry(k).or_default();
                    group.0.push(i);
                    group.1.extend(&listed[c as usize]);
                }
                Decided::Keep | Decided::Later => {}
            }
        }
        for (_, bucket) in by_text(lone) {
            for w in bucket.windows(2) {
                self.join(w[0], w[1], Rule::SameName);
            }
        }
        for (_, (members, mut candidates)) in by_text(ambiguous) {
            for w in members.windows(2) {
                self.join(w[0], w[1], Rule::Ambiguous);
            }
            candidates.sort_unstable();
            candidates.dedup();
            self.ambiguous.push((members[0], candidates));
        }
    }

    /// The candidates of a surname: the clusters (roots, in order, its
    /// own aside) of the full names its keys find, and the first key that
    /// found any.
    fn candidates(&self, sn: &Surname, view: &View) -> (Vec<usize>, Option<Name>) {
        let (i, keys, person) = (sn.entity(), sn.keys(self.flat), sn.person);
        let View {
            families, roots, ..
        } = *view;
        let mut matched: Option<Name> = None;
        let mut cands: Vec<usize> = Vec::new();
        let mut memo = view.candidates.borrow_mut();
        for &k in keys {
            let found = memo.entry((k, person, sn.town)).or_insert_with(|| {
                let mut found = families.candidates(k, person);
                if sn.town {
                    // A town's name is read as a surname only of a person
                    // whose given name is known: recognition makes "persons"
                    // of clubs too (`Schachtar Donezk`).
                    found.retain(|&j| Families::given_name_known(self, j));
                }
                let mut found: Vec<usize> = found.into_iter().map(|j| roots.of(j)).collect();
                found.sort_unstable();
                found.dedup();
                found
            });
            if !found.is_empty() && matched.is_none() {
                matched = Some(k);
            }
            cands.extend(found.iter().copied());
        }
        drop(memo);
        cands.sort_unstable();
        cands.dedup();
        cands.retain(|&c| c != roots.of(i));
        (cands, matched)
    }

    /// The decision for a surname with candidates `cands` ([`Linker::candidates`],
    /// whose first key to find any is `matched`). In the first round
    /// (`clear`), only surnames with no candidate or one are decided; the
    /// others wait for the second. `shared` is the inverted context of
    /// `cands`, once a decision has read it.
    fn decide(
        &self,
        sn: &Surname,
        cands: &[usize],
        matched: Option<Name>,
        view: &View,
        clear: bool,
        shared: &OnceCell<Shared>,
    ) -> Decision {
        let (i, keys, person) = (sn.entity(), sn.keys(self.flat), sn.person);
        let doc = self.flat.doc(i);
        let first = || keys.first().copied();
        if sn.town {
            // A town's name is read as a surname only by context.
            return match cands[..] {
                [] => Decision::Keep,
                _ if clear => Decision::Later,
                _ => self
                    .by_context(i, doc, cands, view, shared)
                    .map_or(Decision::Keep, |c| Decision::Join(c, Rule::Context)),
            };
        }
        match cands[..] {
            [] if person => first().map_or(Decision::Keep, Decision::Lone),
            [] => Decision::Keep,
            [only] => Decision::Join(only, Rule::OnlyFullName),
            _ if clear => Decision::Later,
            _ => {
                if let Some(c) = self.by_context(i, doc, cands, view, shared) {
                    return Decision::Join(c, Rule::Context);
                }
                if let Some(c) = by_prominence(cands, view.docs_of) {
                    return Decision::Join(c, Rule::Prominence);
                }
                match (person, matched) {
                    (true, Some(k)) => Decision::Ambiguous(k, cands.to_vec()),
                    _ => Decision::Keep,
                }
            }
        }
    }

    /// The candidate whose articles share clearly more context entities
    /// with document `doc` than any other. `shared` holds the inverted
    /// contexts of `cands` once read.
    fn by_context(
        &self,
        i: usize,
        doc: DocId,
        cands: &[usize],
        view: &View,
        shared: &OnceCell<Shared>,
    ) -> Option<usize> {
        let (roots, docs_of) = (view.roots, view.docs_of);
        let mut mine = self.context(doc, roots);
        mine.remove(&roots.of(i));
        let shared = shared.get_or_init(|| {
            let mut contexts = view.contexts.borrow_mut();
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for (k, &c) in cands.iter().enumerate() {
                let theirs = contexts.entry(c).or_insert_with(|| {
                    let mut theirs: Vec<u32> = Vec::new();
                    for d in docs_of.get(&c).into_iter().flatten().take(CONTEXT_DOCS) {
                        let range = self.flat.range(*d);
                        theirs.extend(range.map(|j| roots.of(j) as u32));
                    }
                    theirs.sort_unstable();
                    theirs.dedup();
                    theirs.retain(|&x| x as usize != c);
                    theirs.into_boxed_slice()
                });
                pairs.extend(theirs.iter().map(|&x| (x as usize, k)));
            }
            Shared::new(pairs)
        });
        // The candidate with most shared entities (the first in `cands`
        // among equals), and the most any other candidate shares.
        let score = shared.scores(mine, cands.len());
        let best = (0..cands.len()).max_by_key(|&k| (score[k], std::cmp::Reverse(k)))?;
        let second = (0..cands.len())
            .filter(|&k| k != best)
            .map(|k| score[k])
            .max()
            .unwrap_or(0);
        (score[best] >= MIN_SHARED && score[best] >= 2 * second).then_some(cands[best])
    }
}

/// The least weight of a share of the groups of surnames decided by
/// context (their members and candidates; see [`super::shares_by_weight`]).
const GROUPS_WEIGHT_MIN: usize = if cfg!(test) { 2 } else { 1 << 12 };

/// How many of `n` surnames one core takes at a time when they are
/// decided on all cores: a few shares per core, each with memos of its
/// own (a common surname's candidates are found once per share, not once
/// per surname).
fn share_of(n: usize) -> usize {
    super::share_for_cores(n, 1 << 12)
}

/// The candidates listed by the decisions of each share (`decided`, in
/// shares), in one list, the decisions' places in it moved to match.
fn listed_together<'d>(
    decided: impl Iterator<Item = &'d mut [Decided]>,
    shares: Vec<Vec<Vec<usize>>>,
) -> Vec<Vec<usize>> {
    let mut listed = Vec::new();
    for (decided, share) in decided.zip(shares) {
        let base = listed.len() as u32;
        for d in decided {
            if let Decided::Ambiguous(_, c) = d {
                *c += base;
            }
        }
        listed.extend(share);
    }
    listed
}

/// The contexts of a list of candidates inverted: for each cluster that a
/// candidate's articles mention, the candidates (by index) that mention it.
/// A surname is scored against all its candidates by looking up each
/// entity of its own context once, instead of once per candidate: a common
/// surname has many candidates and many articles.
struct Shared {
    /// (context cluster, candidate index), sorted, each once.
    pairs: Vec<(usize, usize)>,
}

impl Shared {
    /// The inverted contexts of candidates given as (context cluster,
    /// candidate index) pairs, each once.
    fn new(mut pairs: Vec<(usize, usize)>) -> Shared {
        pairs.sort_unstable();
        Shared { pairs }
    }

    /// For each of `n` candidates, how many of the clusters `mine` (each
    /// once) its context holds.
    fn scores(&self, mine: impl IntoIterator<Item = usize>, n: usize) -> Vec<usize> {
        let mut score = vec![0; n];
        for x in mine {
            let from = self.pairs.partition_point(|&(y, _)| y < x);
            for &(_, k) in self.pairs[from..].iter().take_while(|&&(y, _)| y == x) {
                score[k] += 1;
            }
        }
        score
    }
}

/// The candidate the corpus names in clearly more documents than any other.
fn by_prominence(cands: &[usize], docs_of: &FxHashMap<usize, Vec<DocId>>) -> Option<usize> {
    let mut scored: Vec<(usize, usize)> = cands
        .iter()
        .map(|&c| (docs_of.get(&c).map_or(0, Vec::len), c))
        .collect();
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (top, c) = scored[0];
    (top >= MIN_PROMINENT_DOCS && top >= PROMINENCE_LEAD * scored[1].0.max(1)).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_taken_in_the_order_of_their_keys_text_not_of_their_numbers() {
        // Interned in an order unlike the texts': the numbers would give
        // `zöllner`, `abe`, `müller`.
        let keys = ["zöllner-by-text", "abe-by-text", "müller-by-text"].map(Name::new);
        let mut map: FxHashMap<Name, Vec<usize>> = FxHashMap::default();
        for (i, k) in [2, 0, 1, 0, 2, 2].into_iter().enumerate() {
            map.entry(keys[k]).or_default().push(i);
        }
        let groups = by_text(map);
        let texts: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(texts, ["abe-by-text", "müller-by-text", "zöllner-by-text"]);
        // Each key's members stay together, in the order they came.
        let members: Vec<&[usize]> = groups.iter().map(|(_, m)| &m[..]).collect();
        assert_eq!(members, [&[2][..], &[0, 4, 5], &[1, 3]]);
    }

    #[test]
    fn a_decision_waits_in_twelve_bytes_with_its_candidates_listed_apart() {
        assert!(std::mem::size_of::<Decided>() <= 12);
        assert_eq!(std::mem::size_of::<Surname>(), 8);
        let mut listed = Vec::new();
        let kim = Name::new("kim");
        let decided = [
            Decision::Join(7, Rule::OnlyFullName),
            Decision::Ambiguous(kim, vec![3, 9]),
            Decision::Lone(kim),
            Decision::Ambiguous(kim, vec![4]),
            Decision::Keep,
            Decision::Later,
        ]
        .map(|d| Decided::of(d, &mut listed));
        assert!(matches!(decided[0], Decided::Join(7, Rule::OnlyFullName)));
        assert!(matches!(decided[1], Decided::Ambiguous(k, 0) if k == kim));
        assert!(matches!(decided[2], Decided::Lone(k) if k == kim));
        assert!(matches!(decided[3], Decided::Ambiguous(k, 1) if k == kim));
        assert!(matches!(decided[4], Decided::Keep));
        assert!(matches!(decided[5], Decided::Later));
        assert_eq!(listed, [vec![3, 9], vec![4]]);
    }

    #[test]
    fn candidates_listed_by_shares_are_renumbered_in_one_list() {
        let kim = Name::new("kim");
        let mut decided = [
            Decided::Ambiguous(kim, 0),
            Decided::Keep,
            Decided::Ambiguous(kim, 1),
            // The second share's first list.
            Decided::Ambiguous(kim, 0),
            Decided::Lone(kim),
            Decided::Join(4, Rule::OnlyFullName),
        ];
        let shares = vec![vec![vec![1, 2], vec![3]], vec![vec![7]]];
        let listed = listed_together(decided.chunks_mut(3), shares);
        assert_eq!(listed, [vec![1, 2], vec![3], vec![7]]);
        let at = |d: &Decided| match d {
            Decided::Ambiguous(_, c) => Some(*c),
            _ => None,
        };
        let places: Vec<Option<u32>> = decided.iter().map(at).collect();
        assert_eq!(places, [Some(0), None, Some(1), Some(2), None, None]);
        assert!(matches!(decided[5], Decided::Join(4, Rule::OnlyFullName)));
    }

    #[test]
    fn a_share_is_a_few_per_core_and_never_tiny() {
        let cores = rayon::current_num_threads();
        assert_eq!(share_of(0), 1 << 12);
        assert_eq!(share_of(100), 1 << 12);
        let many = 1_000_000 * cores;
        assert_eq!(share_of(many), many.div_ceil(4 * cores));
    }

    #[test]
    fn deletions_leave_out_each_letter_once_in_order() {
        assert_eq!(deletions("Müll"), ["üll", "Mll", "Mül", "Mül"]);
        assert_eq!(deletions("a"), [""]);
        assert!(deletions("").is_empty());
    }

    #[test]
    fn by_deletion_finds_exactly_the_words_one_letter_longer() {
        let words: Vec<Name> = [
            "mccarthy", "mccarty", "schmidt", "schmitt", "merkell", "merkel", "müllerr", "muller",
            "abcdefg", "bacdefg",
        ]
        .map(Name::new)
        .to_vec();
        let index = ByDeletion::new(words.iter().copied());
        for short in [
            "mccarty", "mccarth", "schmit", "schmid", "merkel", "merkell", "müller", "mullerr",
            "bcdefg", "acdefg", "abcdef", "xyz", "",
        ] {
            let mut found: Vec<Name> = index.longer(short).collect();
            found.sort_unstable();
            found.dedup();
            let mut expected: Vec<Name> = words
                .iter()
                .copied()
                // Brute force, by characters.
                .filter(|w| {
                    let cs: Vec<char> = w.chars().collect();
                    (0..cs.len())
                        .any(|i| cs[..i].iter().chain(&cs[i + 1..]).collect::<String>() == short)
                })
                .collect();
            expected.sort_unstable();
            assert_eq!(found, expected, "{short}");
        }
        assert_eq!(
            index.longer("merkel").collect::<Vec<_>>(),
            [Name::new("merkell"); 2],
            "once per letter left out"
        );
    }

    #[test]
    fn a_form_that_only_shares_its_hash_finds_nothing() {
        // Two forms of one length with the same 32-bit hash, found by
        // trying numbers.
        let mut seen = FxHashMap::default();
        let (a, b) = (0..2_000_000u32)
            .map(|i| format!("{i:07}"))
            .find_map(|f| seen.insert(hash(&f), f.clone()).map(|other| (other, f)))
            .expect("a collision among two million 32-bit hashes");
        assert_ne!(a, b);
        let word = Name::new(&format!("{b}q"));
        let index = ByDeletion::new([word].into_iter());
        assert_eq!(index.longer(&b).collect::<Vec<_>>(), [word]);
        assert!(index.longer(&a).next().is_none(), "{a} and {b}");
    }

    #[test]
    fn shared_counts_what_each_candidates_context_holds() {
        let contexts: [&[usize]; 4] = [&[1, 2, 3, 9], &[2, 3], &[], &[3, 4, 5, 6, 7]];
        let pairs = contexts
            .iter()
            .enumerate()
            .flat_map(|(k, c)| c.iter().map(move |&x| (x, k)))
            .collect();
        let shared = Shared::new(pairs);
        for mine in [
            &[][..],
            &[3],
            &[2, 3, 4],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &[9, 7],
        ] {
            let expected: Vec<usize> = contexts
                .iter()
                .map(|c| mine.iter().filter(|x| c.contains(x)).count())
                .collect();
            assert_eq!(shared.scores(mine.iter().copied(), 4), expected, "{mine:?}");
        }
    }
}
