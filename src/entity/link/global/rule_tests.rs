//! One test per rule of linking across documents, each in both directions:
//! what the rule must join, and what it must refuse.

use super::*;
use crate::entity::evidence::Rule;
use crate::entity::index::LinkedEntity;
use crate::entity::link::testing::{L, O, P, cluster_of, link_texts};

/// The entity holding the mention of `alias` in document `doc`.
fn in_doc<'a>(out: &'a [LinkedEntity], doc: u32, alias: &str) -> &'a LinkedEntity {
    out.iter()
        .find(|e| {
            e.entity.aliases.iter().any(|a| a == alias)
                && e.mentions.iter().any(|(d, _)| *d == DocId(doc))
        })
        .unwrap_or_else(|| panic!("no {alias} in document {doc}"))
}

fn same(a: &LinkedEntity, b: &LinkedEntity) -> bool {
    a.entity.key == b.entity.key
}

/// The rule that joined `alias` into its entity.
fn rule_of(e: &LinkedEntity, alias: &str) -> Option<Rule> {
    e.entity
        .evidence
        .iter()
        .find(|ev| ev.alias == alias)
        .map(|ev| ev.rule)
}

#[test]
fn a_surname_goes_to_the_person_the_corpus_names_far_more_often() {
    let spans = [("Kim Jong Un", P), ("Kim Dae-jung", P), ("Kim", P)];
    // Kim Jong Un in four articles, Kim Dae-jung in one: the lone Kim of an
    // article with no shared context is the prominent one.
    let out = link_texts(
        &[
            "Kim Jong Un kam.",
            "Kim Jong Un ging.",
            "Kim Jong Un sprach.",
            "Kim Jong Un lachte.",
            "Kim Dae-jung schrieb.",
            "Kim schwieg.",
        ],
        &spans,
    );
    let kim = in_doc(&out, 5, "Kim");
    assert!(same(kim, cluster_of(&out, "Kim Jong Un")));
    assert_eq!(rule_of(kim, "Kim"), Some(Rule::Prominence));
    // Three articles against two is no clear lead: the Kim stays an
    // ambiguous entry listing both.
    let out = link_texts(
        &[
            "Kim Jong Un kam.",
            "Kim Jong Un ging.",
            "Kim Jong Un sprach.",
            "Kim Dae-jung schrieb.",
            "Kim Dae-jung las.",
            "Kim schwieg.",
        ],
        &spans,
    );
    let kim = in_doc(&out, 5, "Kim");
    assert!(kim.entity.is_ambiguous(), "{:?}", kim.entity);
    assert!(!same(kim, cluster_of(&out, "Kim Jong Un")));
    assert!(!same(kim, cluster_of(&out, "Kim Dae-jung")));
}

#[test]
fn a_surname_one_letter_off_finds_a_long_family_name_only() {
    // Seven letters or more: a misspelt genitive finds its person.
    let out = link_texts(
        &["Joseph McCarthy sprach.", "McCartys Rede war lang."],
        &[("Joseph McCarthy", P), ("McCartys", P)],
    );
    assert!(same(
        cluster_of(&out, "McCartys"),
        cluster_of(&out, "Joseph McCarthy")
    ));
    // A short family name one letter off is another family.
    let out = link_texts(
        &["Peter Lang sprach.", "Lange schwieg."],
        &[("Peter Lang", P), ("Lange", P)],
    );
    assert!(!same(
        cluster_of(&out, "Lange"),
        cluster_of(&out, "Peter Lang")
    ));
}

#[test]
fn a_surname_typed_as_a_place_joins_its_person_but_a_town_needs_a_known_given_name() {
    // Recognition typed the surname as a place in one article; the person
    // with a known given name is named more often.
    let out = link_texts(
        &[
            "Peter Schwarzkopf sprach in Athen.",
            "Peter Schwarzkopf kam.",
            "Schwarzkopf verhandelte.",
        ],
        &[("Peter Schwarzkopf", P), ("Schwarzkopf", L), ("Athen", L)],
    );
    assert!(same(
        cluster_of(&out, "Schwarzkopf"),
        cluster_of(&out, "Peter Schwarzkopf")
    ));
    // The given name need not be known when the word is no place at all.
    let out = link_texts(
        &[
            "Yorgos Papandrakis sprach.",
            "Yorgos Papandrakis kam.",
            "Papandrakis verhandelte.",
        ],
        &[("Yorgos Papandrakis", P), ("Papandrakis", O)],
    );
    assert!(same(
        cluster_of(&out, "Papandrakis"),
        cluster_of(&out, "Yorgos Papandrakis")
    ));
    // A "full name" that starts with no given name (a club typed as a
    // person) takes no place.
    let out = link_texts(
        &[
            "Schachtar Donezk gewann.",
            "Schachtar Donezk verlor.",
            "In Donezk wurde gekämpft.",
        ],
        &[("Schachtar Donezk", P), ("Donezk", L)],
    );
    assert!(!same(
        cluster_of(&out, "Donezk"),
        cluster_of(&out, "Schachtar Donezk")
    ));
    assert_eq!(cluster_of(&out, "Donezk").entity.kind, L);
    // A company that bears a founder's name stays the company.
    let out = link_texts(
        &[
            "Ferdinand Porsche baute Autos.",
            "Porsche meldete Gewinne.",
            "Porsche baut ein Werk.",
        ],
        &[("Ferdinand Porsche", P), ("Porsche", O)],
    );
    assert!(!same(
        cluster_of(&out, "Porsche"),
        cluster_of(&out, "Ferdinand Porsche")
    ));
    assert_eq!(cluster_of(&out, "Porsche").entity.kind, O);
}

#[test]
fn an_acronym_joins_a_long_form_elsewhere_only_with_shared_context() {
    let spans = [
        ("Nordische Kaffee Union", O),
        ("NKU", O),
        ("Genf", L),
        ("Guy Ryder", P),
        ("Schweiz", L),
    ];
    let out = link_texts(
        &[
            "Die Nordische Kaffee Union in Genf, Schweiz, mit Guy Ryder.",
            "Die NKU in Genf, Schweiz, mit Guy Ryder.",
        ],
        &spans,
    );
    let nku = cluster_of(&out, "NKU");
    assert!(same(nku, cluster_of(&out, "Nordische Kaffee Union")));
    assert_eq!(rule_of(nku, "NKU"), Some(Rule::Initials));
    // Letters alone prove too little across articles.
    let out = link_texts(
        &[
            "Die Nordische Kaffee Union tagte.",
            "Die NKU in Genf, Schweiz, mit Guy Ryder.",
        ],
        &spans,
    );
    assert!(!same(
        cluster_of(&out, "NKU"),
        cluster_of(&out, "Nordische Kaffee Union")
    ));
}

#[test]
fn an_acronym_with_its_expansion_takes_no_other_long_form() {
    let spans = [
        ("Nordische Kaffee Union", O),
        ("Neue Kunst Universität", O),
        ("NKU", O),
        ("Genf", L),
        ("Guy Ryder", P),
        ("Schweiz", L),
    ];
    let other = "Die Neue Kunst Universität in Genf, Schweiz, mit Guy Ryder.";
    // Without an expansion, the acronym joins the long form it spells
    // whose articles share its context.
    let out = link_texts(&["Die NKU in Genf, Schweiz, mit Guy Ryder.", other], &spans);
    assert!(same(
        cluster_of(&out, "NKU"),
        cluster_of(&out, "Neue Kunst Universität")
    ));
    // Defined in its article as another name, it keeps that one.
    let out = link_texts(
        &[
            "Die Nordische Kaffee Union (NKU) in Genf, Schweiz, mit Guy Ryder.",
            other,
        ],
        &spans,
    );
    let nku = cluster_of(&out, "NKU");
    assert!(same(nku, cluster_of(&out, "Nordische Kaffee Union")));
    assert!(!same(nku, cluster_of(&out, "Neue Kunst Universität")));
}

#[test]
fn a_shorter_form_of_an_organization_joins_but_a_word_alone_does_not() {
    let out = link_texts(
        &["FC Schalke 04 gewann.", "Schalke 04 verlor."],
        &[("FC Schalke 04", O), ("Schalke 04", O)],
    );
    assert!(same(
        cluster_of(&out, "Schalke 04"),
        cluster_of(&out, "FC Schalke 04")
    ));
    let out = link_texts(
        &["Sony Music verlegt.", "Sony baut Fernseher."],
        &[("Sony Music", O), ("Sony", O)],
    );
    assert!(!same(
        cluster_of(&out, "Sony"),
        cluster_of(&out, "Sony Music")
    ));
}

#[test]
fn a_prefixed_short_form_joins_the_one_name_it_begins_but_not_one_of_two() {
    let spans = [
        ("FC Bayern München", O),
        ("FC Bayern Alzenau", O),
        ("FC Bayern", O),
    ];
    let out = link_texts(&["FC Bayern München gewann.", "FC Bayern verlor."], &spans);
    assert!(same(
        cluster_of(&out, "FC Bayern"),
        cluster_of(&out, "FC Bayern München")
    ));
    let out = link_texts(
        &[
            "FC Bayern München gewann.",
            "FC Bayern Alzenau spielte.",
            "FC Bayern verlor.",
        ],
        &spans,
    );
    for longer in ["FC Bayern München", "FC Bayern Alzenau"] {
        assert!(!same(
            cluster_of(&out, "FC Bayern"),
            cluster_of(&out, longer)
        ));
    }
}

#[test]
fn names_of_one_body_or_country_join_but_like_letters_do_not() {
    let out = link_texts(
        &[
            "Die UNO tagte. Die USA stimmten zu.",
            "Die Vereinten Nationen tagten. Die Vereinigten Staaten enthielten sich.",
            "Die SPÖ gewann in St. Pölten. Das UK stimmte zu.",
        ],
        &[
            ("UNO", O),
            ("Vereinten Nationen", O),
            ("USA", L),
            ("Vereinigten Staaten", L),
            ("SPÖ", O),
            ("St. Pölten", L),
            ("UK", L),
        ],
    );
    assert!(same(
        cluster_of(&out, "UNO"),
        cluster_of(&out, "Vereinten Nationen")
    ));
    assert!(same(
        cluster_of(&out, "USA"),
        cluster_of(&out, "Vereinigten Staaten")
    ));
    assert!(!same(
        cluster_of(&out, "SPÖ"),
        cluster_of(&out, "St. Pölten")
    ));
    assert!(!same(cluster_of(&out, "USA"), cluster_of(&out, "UK")));
}

#[test]
fn a_spelling_one_letter_apart_joins_but_another_given_name_does_not() {
    let out = link_texts(
        &[
            "Recep Tayyip Erdoğan kam.",
            "Tayyip Erdoğan ging.",
            "Martin Schulz sprach.",
            "Martina Schulz sang.",
        ],
        &[
            ("Recep Tayyip Erdoğan", P),
            ("Tayyip Erdoğan", P),
            ("Martin Schulz", P),
            ("Martina Schulz", P),
        ],
    );
    assert!(same(
        cluster_of(&out, "Tayyip Erdoğan"),
        cluster_of(&out, "Recep Tayyip Erdoğan")
    ));
    assert!(!same(
        cluster_of(&out, "Martin Schulz"),
        cluster_of(&out, "Martina Schulz")
    ));
}

#[test]
fn each_alias_tells_the_join_that_reached_it_and_from_where() {
    // Sigmar Gabriel ← (spelling) Siegmar Gabriel; Gabriel alone ← (the
    // only full name): a chain of joins across three articles, and an
    // article where the surname stands beside the full name.
    let out = link_texts(
        &[
            "Sigmar Gabriel kam. Gabriel sprach.",
            "Siegmar Gabriel ging.",
            "Gabriel lachte.",
            "Sigmar Gabriel blieb.",
        ],
        &[
            ("Sigmar Gabriel", P),
            ("Siegmar Gabriel", P),
            ("Gabriel", P),
        ],
    );
    let e = cluster_of(&out, "Sigmar Gabriel");
    assert!(same(e, in_doc(&out, 2, "Gabriel")), "one person");
    let why = |alias: &str| {
        let ev = e.entity.evidence.iter().find(|ev| ev.alias == alias);
        ev.map(|ev| (ev.rule, ev.via.as_str()))
    };
    assert_eq!(e.entity.name, "Sigmar Gabriel");
    assert_eq!(why("Sigmar Gabriel"), Some((Rule::SameName, "")));
    assert_eq!(
        why("Siegmar Gabriel"),
        Some((Rule::Spelling, "Sigmar Gabriel"))
    );
    assert_eq!(why("Gabriel"), Some((Rule::InArticle, "Sigmar Gabriel")));
    let alone = link_texts(
        &["Sigmar Gabriel kam.", "Gabriel lachte."],
        &[("Sigmar Gabriel", P), ("Gabriel", P)],
    );
    let e = cluster_of(&alone, "Sigmar Gabriel");
    let ev = e.entity.evidence.iter().find(|ev| ev.alias == "Gabriel");
    assert_eq!(
        ev.map(|ev| (ev.rule, ev.via.as_str())),
        Some((Rule::OnlyFullName, "Sigmar Gabriel")),
        "reached from the full name by the surname's rule"
    );
}

#[test]
fn surnames_are_decided_alike_in_every_share_of_a_large_corpus() {
    // More surnames than one core's share, in both rounds: each share
    // finds candidates with memos of its own, and a decision must not
    // depend on the share its surname falls in.
    let n = 5 * 4096;
    let texts: Vec<&str> = (0..n)
        .map(|i| match i % 8 {
            0 => "Helmut Schmidt kam.",
            1 => "Kim Jong Un ging.",
            2 if i % 64 == 2 => "Renate Schmidt las.",
            _ => [
                "Schmidt schwieg.",
                "Schmidt rief.",
                "Kim lachte.",
                "Müller rief.",
            ][i % 4],
        })
        .collect();
    let docs_with = |text: &str| texts.iter().filter(|t| **t == text).count();
    let out = link_texts(
        &texts,
        &[
            ("Helmut Schmidt", P),
            ("Renate Schmidt", P),
            ("Kim Jong Un", P),
            ("Schmidt", P),
            ("Kim", P),
            ("Müller", P),
        ],
    );
    assert!(docs_with("Schmidt schwieg.") + docs_with("Schmidt rief.") > 4096);
    // The one full name with the surname: every lone Kim is his.
    let kim = cluster_of(&out, "Kim Jong Un");
    assert_eq!(
        kim.mentions.len(),
        docs_with("Kim Jong Un ging.") + docs_with("Kim lachte.")
    );
    assert_eq!(rule_of(kim, "Kim"), Some(Rule::OnlyFullName));
    // Two full names, one named in far more articles: every lone Schmidt
    // is his, none Renate Schmidt's.
    let helmut = cluster_of(&out, "Helmut Schmidt");
    assert_eq!(
        helmut.mentions.len(),
        docs_with("Helmut Schmidt kam.")
            + docs_with("Schmidt schwieg.")
            + docs_with("Schmidt rief.")
    );
    assert_eq!(rule_of(helmut, "Schmidt"), Some(Rule::Prominence));
    let renate = cluster_of(&out, "Renate Schmidt");
    assert_eq!(renate.mentions.len(), docs_with("Renate Schmidt las."));
    // No full name: every lone Müller is one person.
    let mueller = cluster_of(&out, "Müller");
    assert_eq!(mueller.mentions.len(), docs_with("Müller rief."));
}

/// Link `docs`, each a text with the surfaces recognised in it and their
/// kinds (a surface may have another kind in another document).
fn link_each(docs: &[(&str, &[(&str, Kind)])]) -> Vec<LinkedEntity> {
    let locals: Vec<LocalDoc> = docs
        .iter()
        .map(|(t, spans)| {
            crate::entity::link::local(t, &crate::entity::link::testing::rec(t, spans))
        })
        .collect();
    global(&locals)
}

#[test]
fn a_full_name_typed_otherwise_elsewhere_is_the_person_when_named_so_as_often() {
    // The person's name twice in one article, recognised once as an
    // organization in another: the same person.
    let out = link_each(&[
        (
            "Mitt Romney kam. Später sprach Mitt Romney.",
            &[("Mitt Romney", P)],
        ),
        ("Die Rede von Mitt Romney war kurz.", &[("Mitt Romney", O)]),
    ]);
    let person = in_doc(&out, 0, "Mitt Romney");
    assert!(same(person, in_doc(&out, 1, "Mitt Romney")), "{out:?}");
    assert_eq!(person.entity.kind, Kind::Person);
}

#[test]
fn a_full_name_typed_otherwise_more_often_than_as_a_person_stays_apart() {
    // The organization is named more often than the person: no join.
    let out = link_each(&[
        ("Mitt Romney kam.", &[("Mitt Romney", P)]),
        (
            "Mitt Romney wuchs. Mitt Romney baute. Mitt Romney zog.",
            &[("Mitt Romney", O)],
        ),
    ]);
    assert!(!same(
        in_doc(&out, 0, "Mitt Romney"),
        in_doc(&out, 1, "Mitt Romney")
    ));
}
