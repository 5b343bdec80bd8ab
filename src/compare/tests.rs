//! Comparison tests on the seed reports and on reports written for the test.

use super::*;
use crate::corpus::seeds;
use crate::entity::fixture::IndexBuilder;
use crate::entity::{Entity, Kind};
use std::path::PathBuf;

/// Link entities by hand: every whole-word occurrence of an alias in every
/// document (longest aliases first; the index drops overlaps).
fn index_by_hand(docs: &[Document], entities: &[(&str, Kind, &[&str])]) -> EntityIndex {
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let mut index = IndexBuilder::over(&texts);
    for (name, kind, aliases) in entities {
        let spellings = aliases.iter().map(|a| a.to_string()).collect();
        index = index.with_entity(Entity::new(name, *kind, spellings));
        for alias in *aliases {
            index = index.everywhere(alias);
        }
    }
    index.build()
}

/// Two reports (`{prefix}0.txt`, `{prefix}1.txt`) compared, their entities
/// linked by hand ([`index_by_hand`]).
fn compare_two(
    prefix: &str,
    left: &str,
    right: &str,
    entities: &[(&str, Kind, &[&str])],
) -> Comparison {
    let docs: Vec<Document> = [left, right]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::from_bytes(
                format!("{prefix}{i}"),
                PathBuf::from(format!("{prefix}{i}.txt")),
                t.as_bytes(),
            )
        })
        .collect();
    let index = index_by_hand(&docs, entities);
    let corpus = Corpus::new(docs);
    compare(&corpus, DocId(0), DocId(1), &index).unwrap()
}

/// The figures (left, right) and relation of each difference.
fn difference_pairs(c: &Comparison) -> Vec<(&str, &str, Relation)> {
    c.differences
        .iter()
        .map(|d| {
            (
                d.left.figure.text.as_str(),
                d.right.figure.text.as_str(),
                d.relation,
            )
        })
        .collect()
}

fn seed_corpus() -> (Corpus, EntityIndex) {
    let docs = seeds::documents();
    use Kind::*;
    let entities: &[(&str, Kind, &[&str])] = &[
        (
            "Kim Jong Un",
            Person,
            &[
                "Kim Jong Un",
                "Kim Jong-un",
                "Kim Jong Uns",
                "Kim Jong-uns",
                "Kims",
                "Kim",
            ],
        ),
        ("Kim Jong Il", Person, &["Kim Jong Il"]),
        (
            "Wladimir Putin",
            Person,
            &["Wladimir Putin", "Putins", "Putin"],
        ),
        (
            "Shin Won-sik",
            Person,
            &["Shin Won-sik", "Shin Wonsik", "Shin"],
        ),
        ("John Kirby", Person, &["John Kirby", "Kirby"]),
        (
            "Sergej Schoigu",
            Person,
            &["Sergej Schoigu", "Sergei Schoigu", "Shoigu", "Schoigu"],
        ),
        ("Juri Uschakow", Person, &["Juri Uschakow", "Uschakow"]),
        ("Denis Manturow", Person, &["Denis Manturow"]),
        ("Dmitri Peskow", Person, &["Dmitri Peskow"]),
        ("Russland", Place, &["Russlands", "Russland"]),
        ("Nordkorea", Place, &["Nordkoreas", "Nordkorea"]),
        ("Südkorea", Place, &["Südkoreas", "Südkorea"]),
        ("USA", Place, &["USA"]),
        ("Ukraine", Place, &["Ukraine"]),
        ("China", Place, &["China"]),
        ("Pjöngjang", Place, &["Pjöngjang"]),
        ("Moskau", Place, &["Moskau"]),
        ("Wladiwostok", Place, &["Wladiwostok", "Wladiwostock"]),
        ("Seoul", Place, &["Seoul"]),
        ("Vietnam", Place, &["Vietnam"]),
        ("Wostotschny", Place, &["Wostotschnij", "Wostotschny"]),
        ("NHK", Organization, &["NHK"]),
        ("Yonhap", Organization, &["Yonhap"]),
        ("Bloomberg News", Organization, &["Bloomberg News"]),
        ("KCNA", Organization, &["KCNA"]),
        ("AFP", Organization, &["AFP"]),
        ("Tass", Organization, &["Tass"]),
    ];
    let index = index_by_hand(&docs, entities);
    (Corpus::new(docs), index)
}

#[test]
fn seeds_container_figures_are_listed_with_both_sentences() {
    let (corpus, index) = seed_corpus();
    let (a, b) = (
        corpus.find("000_5c83f974d4c8b816").unwrap(),
        corpus.find("001_85a51e6dd4092c16").unwrap(),
    );
    let c = compare(&corpus, a, b, &index).unwrap();
    let d = c
        .differences
        .iter()
        .find(|d| d.left.figure.text.contains("7.000 Container"))
        .unwrap_or_else(|| panic!("no 7.000 Container difference:\n{}", text_report(&c)));
    assert_eq!(d.right.figure.text, "mindestens 10.000 Schiffscontainer");
    assert_eq!(d.relation, Relation::Contradicts);
    assert!(
        d.left
            .sentence
            .starts_with("Im März sagte der südkoreanische Verteidigungsminister")
    );
    assert!(
        d.left
            .sentence
            .contains("rund 7.000 Container mit Munition")
    );
    assert!(
        d.right
            .sentence
            .contains("Seoul habe mindestens 10.000 Schiffscontainer identifiziert")
    );
    let text = text_report(&c);
    assert!(
        text.contains(&d.left.sentence) && text.contains(&d.right.sentence),
        "{text}"
    );
    // The 9.000 containers Russia sent back are not the same fact.
    assert!(
        c.differences
            .iter()
            .chain(&c.agreements)
            .all(|d| !d.left.figure.text.contains("9.000"))
    );
    // Both date Putin's only earlier visit to the year 2000.
    assert!(
        c.agreements
            .iter()
            .any(|d| d.left.figure.date().and_then(|x| x.year) == Some(2000)
                && d.right.figure.date().and_then(|x| x.year) == Some(2000)),
        "{text}"
    );
    // Shared entities carry counts on both sides; Shin is spelled differently but linked.
    let shin = c
        .entities
        .shared
        .iter()
        .find(|e| e.name == "Shin Won-sik")
        .unwrap();
    assert_eq!((shin.left, shin.right), (2, 2));
    assert!(c.entities.only_left.iter().any(|e| e.name == "NHK"));
    assert!(
        c.entities
            .only_right
            .iter()
            .any(|e| e.name == "Bloomberg News")
    );
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(
        json["differences"].as_array().map(Vec::len),
        Some(c.differences.len())
    );
}

#[test]
fn seeds_first_summit_dates_are_matched() {
    let (corpus, index) = seed_corpus();
    let (a, b) = (
        corpus.find("000_5c83f974d4c8b816").unwrap(),
        corpus.find("002_5c621a8412a3599c").unwrap(),
    );
    let c = compare(&corpus, a, b, &index).unwrap();
    let all: Vec<&FigureDiff> = c.differences.iter().chain(&c.agreements).collect();
    let summit = all
        .iter()
        .find(|d| d.left.sentence.contains("erstes Gipfeltreffen"))
        .unwrap_or_else(|| panic!("{}", text_report(&c)));
    assert_eq!(summit.left.figure.text, "April 2019");
    assert!(
        summit
            .right
            .figure
            .date()
            .is_some_and(|d| d.year == Some(2019)),
        "{}",
        text_report(&c)
    );
}

#[test]
fn unknown_documents_give_no_comparison() {
    let (corpus, index) = seed_corpus();
    assert!(compare(&corpus, DocId(0), DocId(99), &index).is_none());
    assert_eq!(most_similar(DocId(99), &corpus, &index), None);
}

#[test]
fn most_similar_weights_rare_shared_entities_over_ubiquitous_ones() {
    let (corpus, index) = seed_corpus();
    let vectors = similar::Vectors::new(&corpus, &index);
    for d in 0..corpus.len() as u32 {
        let ranked = similar::ranked(DocId(d), &corpus, &index);
        let once = vectors.ranked(DocId(d));
        assert_eq!(once.len(), ranked.len());
        assert!(
            once.iter()
                .zip(&ranked)
                .all(|(a, b)| a.0 == b.0 && (a.1 - b.1).abs() < 1e-9),
            "vectors computed once rank alike: {once:?} vs {ranked:?}"
        );
        assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(ranked.iter().all(|(o, _)| *o != DocId(d)));
        assert_eq!(
            most_similar(DocId(d), &corpus, &index),
            ranked.first().map(|r| r.0)
        );
    }
    // Hand-made: all three mention Berlin; A and C also share Scholz.
    let texts = [
        "Berlin Berlin Berlin Scholz",
        "Berlin Berlin Berlin Berlin Berlin",
        "Berlin Scholz Scholz",
    ];
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::from_bytes(
                format!("d{i}"),
                PathBuf::from(format!("d{i}")),
                t.as_bytes(),
            )
        })
        .collect();
    let index = index_by_hand(
        &docs,
        &[
            ("Berlin", Kind::Place, &["Berlin"]),
            ("Olaf Scholz", Kind::Person, &["Scholz"]),
        ],
    );
    let corpus = Corpus::new(docs);
    assert_eq!(most_similar(DocId(0), &corpus, &index), Some(DocId(2)));
    assert_eq!(most_similar(DocId(1), &corpus, &index), Some(DocId(0)));
}

/// Two reports written for this test (not from the seeds), in the style of
/// German agency copy, disagreeing on casualties, aid and the date.
const QUAKE_LEFT: &str = "Erdbeben im Osten der Türkei\n\
Bei dem schweren Erdbeben im Osten der Türkei sind nach Angaben der Katastrophenschutzbehörde Afad mindestens 1.200 Menschen ums Leben gekommen. \
Mehr als 5.000 Menschen wurden verletzt, viele davon schwer. \
Die Regierung in Ankara kündigte Soforthilfen von 500 Millionen Euro an. \
Das Beben der Stärke 7,4 ereignete sich am 6. Februar gegen vier Uhr morgens.\n";

const QUAKE_RIGHT: &str = "Türkei: Zahl der Toten steigt weiter\n\
Nach Angaben der Katastrophenschutzbehörde Afad kamen bei dem Erdbeben in der Türkei 1.541 Menschen ums Leben. \
Rund 7.600 Menschen wurden verletzt. \
Ankara stellte 1,2 Milliarden Euro Soforthilfe bereit, wie der Präsident sagte. \
Das Beben der Stärke 7,8 hatte sich am 7. Februar in den frühen Morgenstunden ereignet.\n";

#[test]
fn unseen_reports_list_casualty_aid_and_date_differences() {
    let c = compare_two(
        "q",
        QUAKE_LEFT,
        QUAKE_RIGHT,
        &[
            ("Türkei", Kind::Place, &["Türkei"]),
            ("Ankara", Kind::Place, &["Ankara"]),
            ("Afad", Kind::Organization, &["Afad"]),
        ],
    );
    let report = text_report(&c);
    let pairs = difference_pairs(&c);
    assert_eq!(
        pairs,
        [
            (
                "mindestens 1.200 Menschen",
                "1.541 Menschen",
                Relation::Differs
            ),
            (
                "Mehr als 5.000 Menschen",
                "Rund 7.600 Menschen",
                Relation::Differs
            ),
            (
                "500 Millionen Euro",
                "1,2 Milliarden Euro Soforthilfe",
                Relation::Contradicts
            ),
            ("6. Februar", "7. Februar", Relation::Contradicts),
        ],
        "{report}"
    );
    assert!(c.differences[0].right.sentence.contains("ums Leben"));
    assert!(c.differences[1].left.sentence.contains("verletzt"));
    assert_eq!(c.entities.shared.len(), 3);
}

/// Two election reports written for this test: turnout and one party's share
/// differ, another party's share agrees.
const VOTE_LEFT: &str = "Bei der Landtagswahl in Sachsen lag die Wahlbeteiligung nach Angaben der Landeswahlleiterin bei 74,4 Prozent. \
Die CDU erreichte 31,9 Prozent der Stimmen. Die AfD erreichte 30,6 Prozent der Stimmen. \
Die Zahl der Briefwähler stieg auf rund 850.000.";

const VOTE_RIGHT: &str = "Die Wahlbeteiligung bei der Landtagswahl in Sachsen stieg auf 66,6 Prozent. \
Die CDU kam auf 31,5 Prozent der Stimmen, knapp vor der AfD mit 30,6 Prozent der Stimmen. \
Mehr als 900.000 Briefwähler gaben ihre Stimme vorab ab.";

#[test]
fn unseen_reports_list_percentage_differences_and_agreements() {
    let c = compare_two(
        "v",
        VOTE_LEFT,
        VOTE_RIGHT,
        &[
            ("Sachsen", Kind::Place, &["Sachsen"]),
            ("CDU", Kind::Organization, &["CDU"]),
            ("AfD", Kind::Organization, &["AfD"]),
        ],
    );
    let report = text_report(&c);
    let texts = |list: &[FigureDiff]| -> Vec<(String, String)> {
        list.iter()
            .map(|d| (d.left.figure.text.clone(), d.right.figure.text.clone()))
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        texts(&c.differences),
        [
            pair("74,4 Prozent", "66,6 Prozent"),
            pair("31,9 Prozent der Stimmen", "31,5 Prozent der Stimmen"),
            pair("rund 850.000", "Mehr als 900.000 Briefwähler"),
        ],
        "{report}"
    );
    assert_eq!(
        texts(&c.agreements),
        [pair("30,6 Prozent der Stimmen", "30,6 Prozent der Stimmen")],
        "{report}"
    );
    assert_eq!(c.differences[0].relation, Relation::Contradicts);
    assert_eq!(
        c.differences[2].relation,
        Relation::Differs,
        "rund 850.000 and mehr als 900.000 can both hold"
    );
}

/// Two flood reports written for this test: the dead are `Menschen … ums
/// Leben gekommen` in one and `Todesopfer` in the other.
const FLOOD_LEFT: &str = "Hochwasser in Süddeutschland: Zahl der Toten steigt\n\n\
Bei dem Hochwasser in Bayern und Baden-Württemberg sind nach Angaben der Polizei mindestens sechs Menschen ums Leben gekommen. \
Rund 3.000 Menschen mussten ihre Häuser verlassen, teilte das bayerische Innenministerium am Montag mit.\n\
Die Bundesregierung sagte den betroffenen Gemeinden Soforthilfen in Höhe von 100 Millionen Euro zu.\n\
Der Pegel der Donau in Passau erreichte am Sonntag 9,70 Meter. Zuletzt hatte es im Juni 2013 ein vergleichbares Hochwasser gegeben.\n";

const FLOOD_RIGHT: &str = "Flut in Bayern: Söder verspricht schnelle Hilfe\n\n\
Die Zahl der Todesopfer des Hochwassers in Bayern und Baden-Württemberg ist auf fünf gestiegen, wie die Polizei mitteilte. \
Mehr als 5.000 Menschen mussten ihre Häuser verlassen.\n\
In Passau stieg der Pegel der Donau am Sonntag auf 9,30 Meter. Ein vergleichbares Hochwasser hatte es zuletzt im Juni 2013 gegeben.\n";

#[test]
fn unseen_reports_match_the_dead_however_named() {
    let c = compare_two(
        "f",
        FLOOD_LEFT,
        FLOOD_RIGHT,
        &[
            ("Bayern", Kind::Place, &["Bayern"]),
            ("Baden-Württemberg", Kind::Place, &["Baden-Württemberg"]),
            ("Passau", Kind::Place, &["Passau"]),
            ("Donau", Kind::Place, &["Donau"]),
        ],
    );
    let report = text_report(&c);
    let pairs = difference_pairs(&c);
    assert_eq!(
        pairs,
        [
            ("mindestens sechs Menschen", "fünf", Relation::Contradicts),
            (
                "Rund 3.000 Menschen",
                "Mehr als 5.000 Menschen",
                Relation::Contradicts
            ),
            ("9,70 Meter", "9,30 Meter", Relation::Contradicts),
        ],
        "{report}"
    );
    assert_eq!(
        c.differences[0]
            .right
            .figure
            .counted
            .as_ref()
            .map(|n| n.text.as_str()),
        Some("Todesopfer")
    );
    assert_eq!(c.agreements.len(), 1, "{report}");
    assert_eq!(c.agreements[0].left.figure.text, "Juni 2013");
}

/// How a table case expects two figures to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Compared and listed as differing.
    Differ,
    /// Compared and listed as agreeing.
    Agree,
    /// Not compared: they report different things.
    Refuse,
}

/// One row of the alignment table: two short reports, their entities, the
/// two figures (as written) and what the comparison must do with them.
struct Row {
    rule: &'static str,
    left: &'static str,
    right: &'static str,
    figures: (&'static str, &'static str),
    want: Want,
}

/// Entities the table's reports name, linked by hand.
const TABLE_ENTITIES: &[(&str, Kind, &[&str])] = &[
    ("Kabul", Kind::Place, &["Kabul"]),
    ("Kandahar", Kind::Place, &["Kandahar"]),
    ("Illinois", Kind::Place, &["Illinois"]),
    ("Louisiana", Kind::Place, &["Louisiana"]),
    ("Seefeld", Kind::Place, &["Seefeld"]),
    ("Lillehammer", Kind::Place, &["Lillehammer"]),
    ("Dudschail", Kind::Place, &["Dudschail"]),
    ("Wien", Kind::Place, &["Wien"]),
    ("Gingrich", Kind::Person, &["Newt Gingrich", "Gingrich"]),
    ("Santorum", Kind::Person, &["Rick Santorum", "Santorum"]),
    ("Griss", Kind::Person, &["Irmgard Griss", "Griss"]),
    ("Hofer", Kind::Person, &["Norbert Hofer"]),
    ("Hundstorfer", Kind::Person, &["Rudolf Hundstorfer"]),
    ("Khol", Kind::Person, &["Andreas Khol"]),
    ("Lugner", Kind::Person, &["Richard Lugner"]),
    (
        "Van der Bellen",
        Kind::Person,
        &["Alexander Van der Bellen"],
    ),
    ("PKK", Kind::Organization, &["PKK"]),
    ("Bitkom", Kind::Organization, &["Bitkom"]),
    ("Zielpunkt", Kind::Organization, &["Zielpunkt"]),
    ("NASA", Kind::Organization, &["NASA"]),
];

/// Pairs of sentences that must and must not be compared, each rule in both
/// directions. The refusals are the kinds of false contradiction found over
/// the 80 most similar pairs of 10kGNAD and Wikinews (issue 16).
const TABLE: &[Row] = &[
    // Places: the sentence's own, else its paragraph's.
    Row {
        rule: "same place",
        left: "Bei einem Anschlag in Kabul wurden 12 Menschen getötet.",
        right: "In Kabul wurden bei dem Anschlag 15 Menschen getötet.",
        figures: ("12 Menschen", "15 Menschen"),
        want: Want::Differ,
    },
    Row {
        rule: "different places",
        left: "Bei einem Anschlag in Kabul wurden 12 Menschen getötet.",
        right: "Bei einem Anschlag in Kandahar wurden 15 Menschen getötet.",
        figures: ("12 Menschen", "15 Menschen"),
        want: Want::Refuse,
    },
    Row {
        rule: "places from the paragraph: different primaries",
        left: "Rick Santorum hat die Vorwahl in Illinois verloren. Gingrich erhielt 8,0 Prozent der Stimmen.",
        right: "Rick Santorum hat die Vorwahl in Louisiana gewonnen. Gingrich erhielt 15,9 Prozent der Stimmen.",
        figures: ("8,0 Prozent der Stimmen", "15,9 Prozent der Stimmen"),
        want: Want::Refuse,
    },
    Row {
        rule: "places from the paragraph: the same primary",
        left: "Rick Santorum hat die Vorwahl in Illinois verloren. Gingrich erhielt 8,0 Prozent der Stimmen.",
        right: "Die Vorwahl in Illinois ist entschieden. Gingrich erhielt 9,1 Prozent der Stimmen.",
        figures: ("8,0 Prozent der Stimmen", "9,1 Prozent der Stimmen"),
        want: Want::Differ,
    },
    Row {
        rule: "a place in another paragraph is not inherited",
        left: "Die Vorwahl in Illinois ist entschieden.\n\nGingrich erhielt 8,0 Prozent der Stimmen.",
        right: "Die Vorwahl in Louisiana ist entschieden.\n\nGingrich erhielt 9,1 Prozent der Stimmen.",
        figures: ("8,0 Prozent der Stimmen", "9,1 Prozent der Stimmen"),
        want: Want::Differ,
    },
    // Dates in the sentence, credit lines included.
    Row {
        rule: "same day",
        left: "Am 3. Mai wurden bei dem Anschlag 12 Menschen getötet.",
        right: "Bei dem Anschlag am 3. Mai wurden 15 Menschen getötet.",
        figures: ("12 Menschen", "15 Menschen"),
        want: Want::Differ,
    },
    Row {
        rule: "different days",
        left: "Am 3. Mai wurden bei dem Anschlag 12 Menschen getötet.",
        right: "Am 9. Juni wurden bei dem Anschlag 15 Menschen getötet.",
        figures: ("12 Menschen", "15 Menschen"),
        want: Want::Refuse,
    },
    Row {
        rule: "different races by their credit lines",
        left: "(APA, 31.1.2016) Ergebnisse der Kombination: 1. Eric Frenzel (GER) 26:45,8 Min. – 2. Akito Watabe (JPN) + 18,7 Sek.",
        right: "(APA, 5.12.2015) Ergebnisse der Kombination: 1. Fabian Rießle (GER) 25:22,4 Min. – 2. Akito Watabe (JPN) + 12,5 Sek.",
        figures: ("18,7 Sek", "12,5 Sek"),
        want: Want::Refuse,
    },
    Row {
        rule: "credit lines of one day",
        left: "(APA, 31.1.2016) Ergebnisse der Kombination: 1. Eric Frenzel (GER) – 2. Akito Watabe (JPN) + 18,7 Sek.",
        right: "(APA, 31.1.2016) Ergebnisse der Kombination: 1. Eric Frenzel (GER) – 2. Akito Watabe (JPN) + 19,2 Sek.",
        figures: ("18,7 Sek", "19,2 Sek"),
        want: Want::Differ,
    },
    // Casualties: the same fate of the same people.
    Row {
        rule: "killed, however worded",
        left: "In Dudschail wurden 143 Bewohner umgebracht.",
        right: "Bei dem Massaker in Dudschail wurden 148 Bewohner getötet.",
        figures: ("143 Bewohner", "148 Bewohner"),
        want: Want::Differ,
    },
    Row {
        rule: "trained against wounded",
        left: "Die Brigaden wollen in Kabul 25.000 Palästinenser ausbilden.",
        right: "Bei dem Angriff in Kabul wurden zwei Palästinenser verletzt.",
        figures: ("25.000 Palästinenser", "zwei Palästinenser"),
        want: Want::Refuse,
    },
    Row {
        rule: "soldiers are not all the dead",
        left: "Bei Gefechten mit der PKK wurden zwei Soldaten getötet.",
        right: "Bei Gefechten mit der PKK wurden vier Menschen getötet.",
        figures: ("zwei Soldaten", "vier Menschen"),
        want: Want::Refuse,
    },
    Row {
        rule: "rebels are not fighters of a named group",
        left: "Bei Einsätzen gegen die PKK wurden 23 mutmaßliche Rebellen getötet.",
        right: "Bei Einsätzen gegen die PKK seien mehr als 30 PKK-Kämpfer getötet worden.",
        figures: ("23 mutmaßliche Rebellen", "mehr als 30 PKK-Kämpfer"),
        want: Want::Refuse,
    },
    Row {
        rule: "people and the dead",
        left: "Bei Gefechten mit der PKK wurden vier Menschen getötet.",
        right: "Die Gefechte mit der PKK forderten sechs Todesopfer.",
        figures: ("vier Menschen", "sechs Todesopfer"),
        want: Want::Differ,
    },
    // The clause: what is said of the figure.
    Row {
        rule: "two survey questions",
        left: "In einer Umfrage von Bitkom sagten 25 Prozent der Befragten, sie würden Geschenke verkaufen.",
        right: "Laut Bitkom würden 63 Prozent der Befragten beim Einparken das Auto fahren lassen.",
        figures: ("25 Prozent der Befragten", "63 Prozent der Befragten"),
        want: Want::Refuse,
    },
    Row {
        rule: "one survey question",
        left: "In einer Umfrage von Bitkom wollten 25 Prozent der Befragten Geschenke verkaufen.",
        right: "Laut Bitkom wollten 31 Prozent der Befragten Geschenke verkaufen.",
        figures: ("25 Prozent der Befragten", "31 Prozent der Befragten"),
        want: Want::Differ,
    },
    // Money and shares: a common noun.
    Row {
        rule: "a fine against a sum needed",
        left: "Das Gericht hat über Zielpunkt eine Geldbuße in der Höhe von 562.500 Euro verhängt.",
        right: "Die notwendigen 60 Millionen Euro konnte Zielpunkt nicht aufbringen.",
        figures: ("562.500 Euro", "60 Millionen Euro"),
        want: Want::Refuse,
    },
    Row {
        rule: "two fines",
        left: "Das Gericht hat über Zielpunkt eine Geldbuße in der Höhe von 562.500 Euro verhängt.",
        right: "Zielpunkt muss eine Geldbuße von 600.000 Euro zahlen, entschied das Gericht.",
        figures: ("562.500 Euro", "600.000 Euro"),
        want: Want::Differ,
    },
    // Modality: a requirement is no result.
    Row {
        rule: "a requirement against a result",
        left: "Santorum müsste in Illinois 70 Prozent der Delegiertenstimmen gewinnen.",
        right: "Santorum gewann in Illinois 35 Prozent der Delegiertenstimmen.",
        figures: (
            "70 Prozent der Delegiertenstimmen",
            "35 Prozent der Delegiertenstimmen",
        ),
        want: Want::Refuse,
    },
    Row {
        rule: "two results",
        left: "Santorum gewann in Illinois 30 Prozent der Delegiertenstimmen.",
        right: "Santorum gewann in Illinois 35 Prozent der Delegiertenstimmen.",
        figures: (
            "30 Prozent der Delegiertenstimmen",
            "35 Prozent der Delegiertenstimmen",
        ),
        want: Want::Differ,
    },
    // Members: counts of named persons.
    Row {
        rule: "three named candidates are not six named ones",
        left: "In Wien liegen drei Kandidaten vor der Wahl im Plus: Irmgard Griss, Alexander Van der Bellen und Rudolf Hundstorfer.",
        right: "In Wien stehen vor der Wahl sechs Kandidaten im Plus: Irmgard Griss, Norbert Hofer, Rudolf Hundstorfer, Andreas Khol, Richard Lugner und Alexander Van der Bellen.",
        figures: ("drei Kandidaten", "sechs Kandidaten"),
        want: Want::Refuse,
    },
    Row {
        rule: "candidates not named",
        left: "In Wien treten drei Kandidaten zur Wahl an.",
        right: "In Wien treten vier Kandidaten zur Wahl an.",
        figures: ("drei Kandidaten", "vier Kandidaten"),
        want: Want::Differ,
    },
    // Times: an offset is no duration; a race time no count of minutes.
    Row {
        rule: "a mission's length against a time offset",
        left: "Die Mission der NASA sollte zwölf Tage dauern.",
        right: "Zwei Tage zuvor soll die Mission der NASA von der Raumstation abkoppeln.",
        figures: ("zwölf Tage", "Zwei Tage"),
        want: Want::Refuse,
    },
    Row {
        rule: "two lengths of a mission",
        left: "Die Mission der NASA sollte zwölf Tage dauern.",
        right: "Die Mission der NASA wird nun 13 Tage dauern.",
        figures: ("zwölf Tage", "13 Tage"),
        want: Want::Differ,
    },
    Row {
        rule: "race times are not minutes",
        left: "In Seefeld siegte Eric Frenzel in 26:45,8 Min. vor Akito Watabe.",
        right: "In Seefeld siegte Eric Frenzel in 26:40,1 Min. vor Akito Watabe.",
        figures: ("45,8 Min", "40,1 Min"),
        want: Want::Refuse,
    },
    // Dates: a part of a year holds the months in it, so mid-1999 pairs
    // with the war's end in June, not its start in March.
    Row {
        rule: "the end of a war in mid-1999",
        left: "Seit dem Kosovo-Krieg vom 24. März 1999 bis zum 10. Juni 1999 verwalten die Vereinten Nationen das Kosovo.",
        right: "Nach dem Ende des Kosovo-Krieges Mitte 1999 verwalten die Vereinten Nationen das Kosovo.",
        figures: ("10. Juni 1999", "Mitte 1999"),
        want: Want::Agree,
    },
    Row {
        rule: "the start of a war is not mid-1999",
        left: "Seit dem Kosovo-Krieg vom 24. März 1999 bis zum 10. Juni 1999 verwalten die Vereinten Nationen das Kosovo.",
        right: "Nach dem Ende des Kosovo-Krieges Mitte 1999 verwalten die Vereinten Nationen das Kosovo.",
        figures: ("24. März 1999", "Mitte 1999"),
        want: Want::Refuse,
    },
];

#[test]
fn alignment_table_compares_only_figures_of_one_event() {
    let mut failures = Vec::new();
    for row in TABLE {
        let c = compare_two("t", row.left, row.right, TABLE_ENTITIES);
        let find = |list: &[FigureDiff]| {
            list.iter().any(|d| {
                d.left.figure.text == row.figures.0 && d.right.figure.text == row.figures.1
            })
        };
        let got = if find(&c.differences) {
            Want::Differ
        } else if find(&c.agreements) {
            Want::Agree
        } else {
            Want::Refuse
        };
        if got != row.want {
            failures.push(format!(
                "{}: want {:?}, got {got:?}\n{}",
                row.rule,
                row.want,
                text_report(&c)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    for want in [Want::Differ, Want::Agree, Want::Refuse] {
        assert!(TABLE.iter().any(|r| r.want == want), "{want:?} has a row");
    }
}
