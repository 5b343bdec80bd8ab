//! Linking inside one document: mentions with the same match key, titles
//! swallowed before a full name, inflected forms, acronyms and their
//! expansion, designators and short forms of full names become one
//! [`LocalEntity`](super::LocalEntity) each (see the steps of [`local`]),
//! kept in the compact layout of [`super::doc`].

use super::acronym::acronym_letters;
use super::doc::{Builder, LocalDoc, LocalMention};
use super::fused::split_fused;
use super::groups::Groups;
use super::keys::{
    family_name_first, genitive_stems, is_acronym, key_of_words, stem_keys_of_words, word_key,
    words,
};
use super::kinds::majority;
use crate::entity::intern::Name;
use crate::entity::{Kind, Recognized};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

/// One recognised mention while linking a document: where it stands, and
/// its name as linking reads it (shared by every mention of the same
/// surface and kind, so a mention costs no copy of its words and keys).
#[derive(Clone)]
pub(super) struct Item {
    pub(super) span: Range<usize>,
    pub(super) inflected: bool,
    name: Rc<ItemName>,
}

/// A mention's name as linking reads it: what [`Item`] dereferences to.
pub(super) struct ItemName {
    /// Interned once, when the memo makes the name, for all its mentions.
    pub(super) surface: Name,
    pub(super) kind: Kind,
    pub(super) words: Vec<String>,
    /// Interned, as `surface`.
    pub(super) key: Name,
    pub(super) stems: Vec<String>,
    pub(super) acronym: bool,
}

impl std::ops::Deref for Item {
    type Target = ItemName;

    fn deref(&self) -> &ItemName {
        &self.name
    }
}

/// Link the recognised mentions of one document into local entities.
/// Mentions with spans outside the text, off character boundaries or past
/// 4 GiB are skipped.
pub fn local(text: &str, mentions: &[Recognized]) -> LocalDoc {
    let mut sorted: Vec<&Recognized> = mentions.iter().collect();
    sorted.sort_by_key(|r| (r.span.start, r.span.end));
    let items: Vec<Item> = sorted
        .into_iter()
        .filter_map(|r| item(text, r.span.clone(), r.kind))
        .collect();
    let mut items = split_fused(text, items);
    let mut groups = Groups::new(&items);
    groups.join_titled(&items);
    groups.join_inflected(&mut items);
    groups.join_acronyms(text, &items);
    groups.join_designators(&items);
    groups.join_prefixed(&items);
    groups.join_short_forms(&items);
    groups.into_doc(items)
}

/// The item of a mention, if its span is valid (and fits in 32 bits) and
/// it has a name in it.
pub(super) fn item(text: &str, span: Range<usize>, kind: Kind) -> Option<Item> {
    u32::try_from(span.end).ok()?;
    let surface = text.get(span.clone())?;
    let mut it = ITEMS.with_borrow_mut(|memo| memo.item(surface, kind))?;
    it.span = span;
    Some(it)
}

/// Most distinct names one thread keeps in [`ItemMemo`] before it starts
/// over (a few megabytes).
const REMEMBERED_NAMES: usize = 1 << 14;

/// The items of the names this thread read lately, by surface and kind:
/// an item depends on nothing else, and news repeats its names within and
/// across articles.
#[derive(Default)]
struct ItemMemo {
    by_surface: FxHashMap<Box<str>, Vec<(Kind, Option<Item>)>>,
}

impl ItemMemo {
    /// The item of `surface` read as `kind`, with an empty span.
    fn item(&mut self, surface: &str, kind: Kind) -> Option<Item> {
        if let Some(kinds) = self.by_surface.get(surface)
            && let Some((_, it)) = kinds.iter().find(|(k, _)| *k == kind)
        {
            return it.clone();
        }
        if self.by_surface.len() >= REMEMBERED_NAMES {
            self.by_surface.clear();
        }
        let it = new_item(surface, kind);
        self.by_surface
            .entry(surface.into())
            .or_default()
            .push((kind, it.clone()));
        it
    }
}

thread_local! {
    static ITEMS: RefCell<ItemMemo> = RefCell::default();
}

/// Let go of this thread's [`ItemMemo`] (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_items() {
    ITEMS.with_borrow_mut(|m| *m = ItemMemo::default());
}

/// The item of a name, with an empty span, worked out afresh.
fn new_item(surface: &str, kind: Kind) -> Option<Item> {
    let ws = words(surface);
    let key = key_of_words(&ws, kind);
    if key.is_empty() {
        return None;
    }
    let words = if kind == Kind::Person {
        person_words(&ws)
    } else {
        ws.iter().map(|w| w.to_string()).collect()
    };
    Some(Item {
        span: 0..0,
        inflected: false,
        name: Rc::new(ItemName {
            surface: Name::new(surface),
            key: Name::new(&key),
            kind,
            stems: stem_keys_of_words(&ws, kind),
            acronym: is_acronym(surface) || acronym_letters(surface).is_some(),
            words,
        }),
    })
}

/// Particles of family names (`Van der Bellen`, `von der Leyen`, `de
/// Maizière`), compared in lower case.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "la", "le", "ten", "ter",
    "zu", "vom", "dos", "do", "bin", "ibn", "ben", "al", "el",
];

/// The words of a person's name as linking reads them: `Mc Cain` is one
/// word, and a family name with its particles alone (`Van der Bellen`) is a
/// surname, one word.
fn person_words(ws: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ws.len());
    for w in ws {
        match out.last_mut() {
            Some(prev) if (prev == "Mc" || prev == "Mac") && w.starts_with(char::is_uppercase) => {
                prev.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    if out.len() > 1
        && out[..out.len() - 1]
            .iter()
            .all(|w| PARTICLES.contains(&w.to_lowercase().as_str()))
    {
        out.drain(..out.len() - 1);
    }
    out
}

/// A family name without its Arabic article (`al-Gaddafi` → `Gaddafi`,
/// `ElBaradei` → `Baradei`), which reports write with or without it.
pub(super) fn without_article(word: &str) -> Option<&str> {
    for article in [
        "al-", "el-", "Al-", "El-", "ad-", "as-", "ash-", "at-", "an-", "ar-", "az-",
    ] {
        if let Some(rest) = word.strip_prefix(article)
            && rest.chars().count() >= 3
        {
            return Some(rest);
        }
    }
    for article in ["Al", "El"] {
        if let Some(rest) = word.strip_prefix(article)
            && rest.starts_with(char::is_uppercase)
            && rest.chars().count() >= 3
        {
            return Some(rest);
        }
    }
    None
}

/// Add the local entity of a group of items to the document `b` builds.
pub(super) fn push_entity(b: &mut Builder, members: &[&Item]) {
    let kind = majority(members.iter().map(|it| it.kind));
    b.start_entity();
    // Every item's span fits in 32 bits ([`item`] makes sure).
    b.mentions.extend(
        members
            .iter()
            .filter_map(|it| LocalMention::new(it.span.clone(), it.surface, it.kind, it.inflected)),
    );
    let Builder {
        keys,
        stems,
        surname,
        family,
        ..
    } = b;
    // The keys below depend on a member's names, not on where it stands:
    // a name the document repeats is read once (the lists keep the order
    // of first mention either way).
    let mut seen = FxHashSet::default();
    let members: Vec<&Item> = members
        .iter()
        .copied()
        .filter(|it| {
            seen.insert((
                it.kind,
                it.inflected,
                it.key.as_str(),
                it.words.as_slice(),
                it.stems.as_slice(),
            ))
        })
        .collect();
    let multi_word_person = kind == Kind::Person && members.iter().any(|it| it.words.len() > 1);
    for it in &members {
        if multi_word_person && it.words.len() < 2 {
            // A short form this document used for the full name: evidence
            // that the word serves as its family name.
            if let [w] = &it.words[..] {
                push_unique(family, &word_key(w));
            }
            continue;
        }
        if !it.inflected {
            push_name(keys, it.key);
            // The name as written, no word read as an adjective: `Baden
            // Württemberg` is `Baden-Württemberg`.
            if kind != Kind::Person && it.words.len() > 1 {
                let ws: Vec<&str> = it.words.iter().map(String::as_str).collect();
                push_unique(keys, &key_of_words(&ws, Kind::Person));
            }
        }
        if let Some(k) = without_designator(it) {
            push_unique(keys, &k);
        }
        if let Some(k) = without_generic_noun(it) {
            push_unique(keys, &k);
        }
        if kind == Kind::Person && it.words.len() > 1 && !it.inflected {
            for (primary, k) in family_keys(&it.words) {
                if primary {
                    push_unique(family, &k);
                }
            }
        }
    }
    let attested: FxHashSet<&str> = members.iter().map(|it| it.key.as_str()).collect();
    for it in &members {
        if multi_word_person && it.words.len() < 2 {
            continue;
        }
        if it.stems.iter().all(|s| !attested.contains(s.as_str())) {
            for s in &it.stems {
                push_unique(stems, s);
            }
        }
    }
    if kind == Kind::Person && !multi_word_person {
        for it in &members {
            if let [w] = &it.words[..] {
                push_unique(surname, &word_key(w));
                if let Some(bare) = without_article(w) {
                    push_unique(surname, &word_key(bare));
                }
                for s in genitive_stems(w, Kind::Person) {
                    push_unique(surname, &word_key(&s));
                }
            }
        }
    }
    if keys.is_empty() {
        // Only inflected forms: their written keys still identify them.
        for it in &members {
            push_name(keys, it.key);
        }
    }
    b.finish_entity(kind);
}

/// Add the interned `k` to `list` unless it is there.
fn push_unique(list: &mut Vec<Name>, k: &str) {
    if !list.iter().any(|n| n.as_str() == k) {
        list.push(Name::new(k));
    }
}

/// Add `k` to `list` unless it is there.
fn push_name(list: &mut Vec<Name>, k: Name) {
    if !list.contains(&k) {
        list.push(k);
    }
}

/// Keys of the possible family names of a multi-word person name, with
/// whether each is the primary one (first word for East Asian structure,
/// last word otherwise).
pub(super) fn family_keys(ws: &[String]) -> Vec<(bool, String)> {
    let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
    let (Some(first), Some(last)) = (refs.first(), refs.last()) else {
        return Vec::new();
    };
    let last_key = word_key(last);
    let first_key = word_key(first);
    let mut keys = if family_name_first(&refs) {
        vec![(true, first_key), (false, last_key)]
    } else {
        vec![(true, last_key), (false, first_key)]
    };
    if let Some(bare) = without_article(last) {
        keys.push((true, word_key(bare)));
    }
    keys
}

/// Whether `b` stands in parentheses right after `a`: `a (b)`.
pub(super) fn parenthesised(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (Some(between), Some(after)) = (text.get(a.end..b.start), text.get(b.end..)) else {
        return false;
    };
    between.trim() == "(" && after.trim_start().starts_with(')')
}

/// The key of an organization name without its trailing designator word.
pub(super) fn without_designator(it: &Item) -> Option<String> {
    if it.kind == Kind::Person || it.words.len() < 2 {
        return None;
    }
    let (last, head) = it.words.split_last()?;
    let lower = last.to_lowercase();
    if !designators().contains(&lower) {
        return None;
    }
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Some(key_of_words(&head, it.kind))
}

/// A place named together with a generic noun for what it is
/// (`Wostotschny Kosmodrom`, `Stadt Wladiwostock`): the key of the name
/// without that noun. Only where the rest is not itself a known place, so a
/// place described through another (`Nordkoreas Hauptstadt`) keeps apart.
fn without_generic_noun(it: &Item) -> Option<String> {
    use crate::entity::ner::lexicon::{Lexicon, WordFlags};
    if it.kind != Kind::Place || it.words.len() != 2 {
        return None;
    }
    let lexicon = Lexicon::get();
    let generic = |w: &str| {
        let flags = lexicon.word(w).flags;
        flags.contains(WordFlags::COMMON_NOUN) && !flags.contains(WordFlags::TOPONYM)
    };
    let (a, b) = (it.words[0].as_str(), it.words[1].as_str());
    let name = match (generic(a), generic(b)) {
        (true, false) => b,
        (false, true) => a,
        _ => return None,
    };
    let known = lexicon.place(name).is_some() || lexicon.place_inflected(name).is_some();
    // An adjective is no name of its own (`Vereinigten Staaten`,
    // `Vereinigten Königreich`).
    let flags = lexicon.word(name).flags;
    let adjective = crate::text::adjective::has_adjective_ending(name)
        && (flags.contains(WordFlags::LOWER_MORE_FREQUENT)
            || flags.contains(WordFlags::OTHER_CASE_KNOWN));
    (!known && !adjective && name.chars().next().is_some_and(char::is_uppercase))
        .then(|| key_of_words(&[name], it.kind))
}

/// Legal-form and media words (assets/linking/organization-designators.txt).
fn designators() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../assets/linking/organization-designators.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::link::global;
    use crate::entity::link::testing::{L, O, P, names, rec};

    /// The fields of an item that name it, for comparing items.
    type Named = (String, Kind, Vec<String>, String, Vec<String>, bool);

    fn named(it: Option<Item>) -> Option<Named> {
        it.map(|it| {
            let n = &*it;
            (
                n.surface.to_string(),
                n.kind,
                n.words.clone(),
                n.key.to_string(),
                n.stems.clone(),
                n.acronym,
            )
        })
    }

    #[test]
    fn a_remembered_item_is_the_item_worked_out_afresh() {
        let text = "Anna Beispiel, Beispiels, die ABC, Musterstadt, der, Mc Donald, von der Tann";
        let mut spans: Vec<Range<usize>> = Vec::new();
        for part in text.split(", ") {
            let start = part.as_ptr() as usize - text.as_ptr() as usize;
            spans.push(start..start + part.len());
        }
        // Each name under every kind, three times over: the first reading
        // fills the memo, the later ones come from it.
        for _ in 0..3 {
            for span in &spans {
                for kind in [Kind::Person, Kind::Place, Kind::Organization, Kind::Other] {
                    let surface = &text[span.clone()];
                    let it = item(text, span.clone(), kind);
                    if let Some(it) = &it {
                        assert_eq!(it.span, *span);
                        assert!(!it.inflected);
                    }
                    assert_eq!(
                        named(it),
                        named(new_item(surface, kind)),
                        "{surface} as {kind:?}"
                    );
                }
            }
        }
        // Quotation marks have no name in them, remembered or not.
        for _ in 0..2 {
            assert!(item("„ – “", 0..9, Kind::Person).is_none());
        }
        // Off a character boundary or past the end: no item.
        assert!(item("Über", 1..4, Kind::Place).is_none());
        assert!(item(text, 0..text.len() + 1, Kind::Place).is_none());
    }

    #[test]
    fn a_generic_noun_beside_an_unknown_place_name_is_dropped_from_its_key() {
        let text = "im Raumfahrtzentrum Wostotschny Kosmodrom, in Nordkoreas Hauptstadt, Vereinigten Staaten";
        let span = |w: &str| {
            let s = text.find(w).unwrap();
            s..s + w.len()
        };
        let doc = local(
            text,
            &[
                Recognized {
                    span: span("Wostotschny Kosmodrom"),
                    kind: Kind::Place,
                },
                Recognized {
                    span: span("Nordkoreas Hauptstadt"),
                    kind: Kind::Place,
                },
                Recognized {
                    span: span("Vereinigten Staaten"),
                    kind: Kind::Place,
                },
            ],
        );
        let keys = |i: usize| doc.entity(i).unwrap().keys().to_vec();
        assert!(
            keys(0).contains(&Name::new(&key_of_words(&["Wostotschny"], Kind::Place))),
            "{:?}",
            keys(0)
        );
        assert!(
            !keys(1)
                .iter()
                .any(|k| *k == key_of_words(&["Nordkoreas"], Kind::Place)
                    || *k == key_of_words(&["Nordkorea"], Kind::Place)),
            "a known place with a head noun names another place: {:?}",
            keys(1)
        );
        assert!(
            !keys(2).contains(&Name::new(&key_of_words(&["Vereinigten"], Kind::Place))),
            "an adjective is no name of its own: {:?}",
            keys(2)
        );
    }

    #[test]
    fn short_forms_join_the_full_name_and_genitives_their_base() {
        let text = "Wladimir Putin traf Lloyd Austin. Putins Plan: Putin lobte Austin.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Wladimir Putin", P),
                    ("Lloyd Austin", P),
                    ("Putins", P),
                    ("Putin", P),
                    ("Austin", P),
                ],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![
                vec!["Wladimir Putin", "Putins", "Putin"],
                vec!["Lloyd Austin", "Austin"]
            ]
        );
        assert!(doc.entity(0).unwrap().mentions()[1].inflected);
    }

    #[test]
    fn east_asian_short_forms_take_the_first_word_and_the_nearest_person() {
        let text = "Kim Jong Un sprach. Kim lachte. Sein Vater Kim Jong Il kam, und Kims Sohn blieb. \
                    Seyoon Kim und Shinhye Kang schrieben. Shin Won-sik sagte, Shin sei da.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Kim Jong Un", P),
                    ("Kim Jong Il", P),
                    ("Seyoon Kim", P),
                    ("Shinhye Kang", P),
                    ("Shin Won-sik", P),
                    ("Kims", P),
                    ("Kim", P),
                    ("Shin", P),
                ],
            ),
        );
        let n = names(&doc);
        assert_eq!(n[0], vec!["Kim Jong Un", "Kim"]);
        assert_eq!(n[1], vec!["Kim Jong Il", "Kims"], "nearest preceding Kim");
        assert!(n.contains(&vec!["Seyoon Kim"]));
        assert!(n.contains(&vec!["Shinhye Kang"]), "Shin is not Shinhye");
        assert!(n.contains(&vec!["Shin Won-sik", "Shin"]));
    }

    #[test]
    fn fused_names_are_split_when_both_occur_alone() {
        let text = "Kim Jong Un lud Kim Putin ein. Wladimir Putin kam nach Russland. Weder Russland Nordkorea. Nordkorea schwieg.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Kim Jong Un", P),
                    ("Kim Putin", P),
                    ("Wladimir Putin", P),
                    ("Russland Nordkorea", L),
                    ("Russland", L),
                    ("Nordkorea", L),
                ],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![
                vec!["Kim Jong Un", "Kim"],
                vec!["Putin", "Wladimir Putin"],
                vec!["Russland", "Russland"],
                vec!["Nordkorea", "Nordkorea"]
            ]
        );
        let text = "Wladimir Putin in Nordkorea. Putin Nordkorea.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Wladimir Putin", P),
                    ("Putin Nordkorea", P),
                    ("Nordkorea", L),
                ],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![
                vec!["Wladimir Putin", "Putin"],
                vec!["Nordkorea", "Nordkorea"]
            ]
        );
        // A full name is not split because its parts occur alone.
        let text = "Wladimir Putin kam. Putin sprach. Wladimir lachte.";
        let doc = local(
            text,
            &rec(
                text,
                &[("Wladimir Putin", P), ("Putin", P), ("Wladimir", P)],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![vec!["Wladimir Putin", "Putin", "Wladimir"]]
        );
    }

    #[test]
    fn a_short_form_without_a_full_name_stays_alone() {
        let text = "Müller sagte, Schmidt habe recht.";
        let doc = local(text, &rec(text, &[("Müller", P), ("Schmidt", P)]));
        assert_eq!(names(&doc), vec![vec!["Müller"], vec!["Schmidt"]]);
        assert_eq!(doc.entity(0).unwrap().surname(), [word_key("Müller")]);
    }

    #[test]
    fn acronyms_join_parenthesised_or_unique_expansions() {
        let text = "Die Europäische Union (EU) und die EU-Staaten. Die Koreanische Zentralnachrichtenagentur meldete. Laut KCNA war es so.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Europäische Union", O),
                    ("EU", O),
                    ("Koreanische Zentralnachrichtenagentur", O),
                    ("KCNA", O),
                ],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![
                vec!["Europäische Union", "EU", "EU"],
                vec!["Koreanische Zentralnachrichtenagentur", "KCNA"]
            ]
        );
        // A single word is no expansion unless in parentheses.
        let text = "Europa wächst. Die EU berät.";
        let doc = local(text, &rec(text, &[("Europa", L), ("EU", O)]));
        assert_eq!(doc.len(), 2);
        let text = "Die Industriekreditbank (IKB) wankt.";
        let doc = local(text, &rec(text, &[("Industriekreditbank", O), ("IKB", O)]));
        assert_eq!(doc.len(), 1);
        // A known body's acronym takes its own names, or one initial per
        // word, never letters from inside compounds (`APA` is the agency).
        let text = "Das teilte die Alpinpolizei Axams mit. Die APA meldete es.";
        let doc = local(text, &rec(text, &[("Alpinpolizei Axams", O), ("APA", O)]));
        assert_eq!(doc.len(), 2, "{:?}", names(&doc));
        let text = "Die Austria Presse Agentur meldete es. Laut APA war es so.";
        let doc = local(
            text,
            &rec(text, &[("Austria Presse Agentur", O), ("APA", O)]),
        );
        assert_eq!(doc.len(), 1, "{:?}", names(&doc));
        // In parentheses right after it, a name defines even a known
        // acronym by its compound letters.
        let text = "Der Österreichische Naturschutzbund (ÖNB) warnt. Der ÖNB sagt es.";
        let doc = local(
            text,
            &rec(text, &[("Österreichische Naturschutzbund", O), ("ÖNB", O)]),
        );
        assert_eq!(doc.len(), 1, "{:?}", names(&doc));
        // Not an acronym of the only candidate: stays apart.
        let text = "Die Deutsche Bahn fährt. Die NHK berichtet.";
        let doc = local(text, &rec(text, &[("Deutsche Bahn", O), ("NHK", O)]));
        assert_eq!(doc.len(), 2);
    }

    #[test]
    fn designators_and_declined_names_join() {
        let text = "Reuters News meldet, Reuters bestätigt. Das Weiße Haus und im Weißen Haus.";
        let doc = local(
            text,
            &rec(
                text,
                &[
                    ("Reuters News", O),
                    ("Reuters", O),
                    ("Weiße Haus", O),
                    ("Weißen Haus", O),
                ],
            ),
        );
        assert_eq!(
            names(&doc),
            vec![
                vec!["Reuters News", "Reuters"],
                vec!["Weiße Haus", "Weißen Haus"]
            ]
        );
    }

    #[test]
    fn local_docs_survive_a_cache_round_trip() {
        let text = "Wladimir Putin und Putins Plan.";
        let doc = local(text, &rec(text, &[("Wladimir Putin", P), ("Putins", P)]));
        let json = serde_json::to_string(&doc).unwrap();
        let back: LocalDoc = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(global(&[back])[0].mentions.len(), 2);
    }

    #[test]
    fn bad_spans_are_skipped() {
        let text = "Zürich";
        let doc = local(
            text,
            &[
                Recognized {
                    span: 0..2,
                    kind: L,
                },
                Recognized {
                    span: 0..99,
                    kind: L,
                },
                Recognized {
                    span: 0..7,
                    kind: L,
                },
            ],
        );
        assert_eq!(names(&doc), vec![vec!["Zürich"]]);
    }
}
