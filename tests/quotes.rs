//! Quotations: a table of German quotation patterns (what is a quotation and
//! what is not), attribution through pronouns and descriptions, and the
//! figures on the shared Wikinews gold (dev split), which must agree with the
//! reference scorer `score_quotes.py`.

use dossier::entity::{Kind, Recognized};
use dossier::quote::{QuoteKind, SpeakerForm, analyse};
use std::path::PathBuf;
use std::process::Command;

/// Mentions for a text: each name given is recognised wherever it occurs.
pub(crate) fn mentions(text: &str, names: &[(&str, Kind)]) -> Vec<Recognized> {
    let mut out = Vec::new();
    for (name, kind) in names {
        for (at, _) in text.match_indices(name) {
            out.push(Recognized {
                span: at..at + name.len(),
                kind: *kind,
            });
        }
    }
    out
}

/// The quotations of a text as (kind, words, speaker phrase).
pub(crate) fn quotes(text: &str, names: &[(&str, Kind)]) -> Vec<(QuoteKind, String, String)> {
    analyse(text, &mentions(text, names))
        .quotes
        .iter()
        .map(|q| {
            let words: Vec<&str> = q.spans.iter().map(|r| &text[r.clone()]).collect();
            let who = q
                .speaker
                .as_ref()
                .map_or(String::new(), |s| text[s.span.clone()].to_string());
            (q.kind, words.join(" … "), who)
        })
        .collect()
}

/// The pronouns of a text linked to their persons, as (pronoun, person)
/// words, with these mentions.
fn pronoun_links_of(text: &str, names: &[Recognized]) -> Vec<(String, String)> {
    analyse(text, names)
        .pronouns
        .iter()
        .map(|(p, m)| (text[p.clone()].to_string(), text[m.clone()].to_string()))
        .collect()
}

/// [`pronoun_links_of`] with each name given recognised wherever it occurs.
fn pronoun_links(text: &str, names: &[(&str, Kind)]) -> Vec<(String, String)> {
    pronoun_links_of(text, &mentions(text, names))
}

/// One expected pronoun link.
fn link(pronoun: &str, person: &str) -> Vec<(String, String)> {
    vec![(pronoun.to_string(), person.to_string())]
}

pub(crate) const P: Kind = Kind::Person;
pub(crate) const O: Kind = Kind::Organization;

/// (text, names, expected (kind, words, speaker)); an empty list: no
/// quotation at all.
pub(crate) type Row = (
    &'static str,
    &'static [(&'static str, Kind)],
    &'static [(QuoteKind, &'static str, &'static str)],
);

/// Check every row of a table, and list all the rows that fail at once.
pub(crate) fn check(table: &[Row]) {
    let mut failed = Vec::new();
    for (text, names, expected) in table {
        let got = quotes(text, names);
        let want: Vec<(QuoteKind, String, String)> = expected
            .iter()
            .map(|(k, w, s)| (*k, w.to_string(), s.to_string()))
            .collect();
        if got != want {
            failed.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn german_quotation_patterns() {
    use QuoteKind::{Direct, Indirect, Reported};
    check(&[
        // Direct quotations in every style, framed after and before.
        (
            "„Wir haben verloren“, sagte Anna Berg am Montag.",
            &[("Anna Berg", P)],
            &[(Direct, "„Wir haben verloren“", "Anna Berg")],
        ),
        (
            "Anna Berg sagte: »Wir haben verloren.« Dann ging sie.",
            &[("Anna Berg", P)],
            &[(Direct, "»Wir haben verloren.«", "Anna Berg")],
        ),
        (
            "Der Trainer erklärte: «Das war zu wenig.»",
            &[],
            &[(Direct, "«Das war zu wenig.»", "Der Trainer")],
        ),
        (
            "Er sagte: \"Wir bleiben hier.\"",
            &[],
            &[(Direct, "\"Wir bleiben hier.\"", "Er")],
        ),
        // Across sentences and paragraphs.
        (
            "Anna Berg sagte: „Wir kämpfen weiter. Das ist klar.\n\n„Und wir gewinnen.“",
            &[("Anna Berg", P)],
            &[(
                Direct,
                "„Wir kämpfen weiter. Das ist klar.\n\n„Und wir gewinnen.“",
                "Anna Berg",
            )],
        ),
        // Interrupted: two parts, one speaker.
        (
            "„Wir sind bereit“, sagte Markus Roth, „aber nicht um jeden Preis.“",
            &[("Markus Roth", P)],
            &[
                (Direct, "„Wir sind bereit“", "Markus Roth"),
                (Direct, "„aber nicht um jeden Preis.“", "Markus Roth"),
            ],
        ),
        // A word called something by a speaker is a quotation.
        (
            "Der Minister bezeichnete die Pläne als „Wortbruch“.",
            &[],
            &[(Direct, "„Wortbruch“", "Der Minister")],
        ),
        // Titles, names and scare quotes are not.
        (
            "Die Zeitung „Berliner Morgenpost“ erscheint täglich.",
            &[],
            &[],
        ),
        ("Er spielte im Film „Nackt unter Wölfen“ mit.", &[], &[]),
        ("Eine Maschine des Typs „Boeing 767“ landete.", &[], &[]),
        ("Die so genannten „Rosinenbomber“ flogen wieder.", &[], &[]),
        (
            "Sie demonstrierten unter dem Motto „Freiheit statt Angst“.",
            &[],
            &[],
        ),
        ("Der „Spiegel“ erschien am Montag.", &[], &[]),
        // Indirect speech with a frame.
        (
            "Der Sprecher des Ministeriums sagte, dass die Lage ruhig sei.",
            &[],
            &[(
                Indirect,
                "dass die Lage ruhig sei",
                "Der Sprecher des Ministeriums",
            )],
        ),
        (
            "Anna Berg erklärte, die Lage sei ruhig.",
            &[("Anna Berg", P)],
            &[(Indirect, "die Lage sei ruhig", "Anna Berg")],
        ),
        (
            "Laut Polizei wurden drei Menschen verletzt.",
            &[("Polizei", O)],
            &[(Indirect, "wurden drei Menschen verletzt", "Polizei")],
        ),
        (
            "Nach Angaben der Feuerwehr brannte das Haus völlig aus.",
            &[("Feuerwehr", O)],
            &[(
                Indirect,
                "brannte das Haus völlig aus",
                "Angaben der Feuerwehr",
            )],
        ),
        (
            "Dem Bericht zufolge stieg die Zahl der Opfer.",
            &[],
            &[(Indirect, "stieg die Zahl der Opfer", "Dem Bericht")],
        ),
        (
            "Die Zahl der Opfer werde steigen, so der Sprecher.",
            &[],
            &[(Indirect, "Die Zahl der Opfer werde steigen", "der Sprecher")],
        ),
        (
            "Wie die Polizei mitteilte, wurde niemand verletzt.",
            &[("Polizei", O)],
            &[(Indirect, "wurde niemand verletzt", "die Polizei")],
        ),
        (
            "Seiner Meinung nach hätte die Aufsicht abraten müssen.",
            &[],
            &[(
                Indirect,
                "hätte die Aufsicht abraten müssen",
                "Seiner Meinung",
            )],
        ),
        // Reported speech going on in the Konjunktiv.
        (
            "Anna Berg sagte, die Lage sei ruhig. Man habe alles im Griff.",
            &[("Anna Berg", P)],
            &[
                (Indirect, "die Lage sei ruhig", "Anna Berg"),
                (Reported, "Man habe alles im Griff.", "Anna Berg"),
            ],
        ),
        // `es heißt`: no speaker in the text.
        (
            "Die Lage sei ruhig, heißt es.",
            &[],
            &[(Indirect, "Die Lage sei ruhig", "")],
        ),
        (
            "Die Lage sei ruhig, heißt es im Bericht.",
            &[],
            &[(Indirect, "Die Lage sei ruhig", "im Bericht")],
        ),
        // The passive: the agent after `von` speaks, the subject does not.
        (
            "Von der Polizei wurde bestätigt, dass zwei Menschen starben.",
            &[],
            &[(Indirect, "dass zwei Menschen starben", "der Polizei")],
        ),
        (
            "Dem Minister wird vorgeworfen, die Akten vernichtet zu haben.",
            &[],
            &[(Indirect, "die Akten vernichtet zu haben", "")],
        ),
        // A relative pronoun is the subject of its clause, unless the clause
        // has a subject of its own.
        (
            "Die Polizei befragte einen Zeugen, der behauptet, den Täter gesehen zu haben.",
            &[],
            &[(Indirect, "den Täter gesehen zu haben", "der")],
        ),
        (
            "Es gab Zahlen, die der Minister nannte, die Steuern würden sinken.",
            &[],
            &[(Indirect, "die Steuern würden sinken", "der Minister")],
        ),
        // A pronoun after the verb is its subject when the words before are
        // an object; not when they can be the subject.
        (
            "Den Vorwurf bestritt er, er sei nie dort gewesen.",
            &[],
            &[(Indirect, "er sei nie dort gewesen", "er")],
        ),
        (
            "Die Kommission lobte sie, sie habe gut gearbeitet.",
            &[],
            &[(Indirect, "sie habe gut gearbeitet", "Die Kommission")],
        ),
        // A focus particle stands with the subject; other adverbials do not.
        (
            "Auch der Minister sagte, die Lage sei ruhig.",
            &[],
            &[(Indirect, "die Lage sei ruhig", "der Minister")],
        ),
        (
            "Zudem sagte der Minister, die Lage sei ruhig.",
            &[],
            &[(Indirect, "die Lage sei ruhig", "der Minister")],
        ),
        // An object before the verb: the subject follows it.
        (
            "Den Bericht bestätigte die Polizei, es gebe drei Tote.",
            &[],
            &[(Indirect, "es gebe drei Tote", "die Polizei")],
        ),
        (
            "Der Sprecher bestätigte den Bericht, es gebe drei Tote.",
            &[],
            &[(Indirect, "es gebe drei Tote", "Der Sprecher")],
        ),
        // A subordinate clause has its verb last; `Als` before a verb in
        // second place opens an adverbial.
        (
            "Während der Minister betonte, die Lage sei ruhig, protestierten Tausende.",
            &[],
            &[(
                Indirect,
                "die Lage sei ruhig, protestierten Tausende",
                "der Minister",
            )],
        ),
        (
            "Als Begründung gab er an, er sei krank gewesen.",
            &[],
            &[(Indirect, "er sei krank gewesen", "er")],
        ),
        // A name right after the verb speaks when the words before name no one.
        (
            "Ende Januar verkündete Anna Berg, sie trete zurück.",
            &[("Anna Berg", P)],
            &[(Indirect, "sie trete zurück", "Anna Berg")],
        ),
        (
            "Anna Berg lobte Markus Roth, er habe gut gearbeitet.",
            &[("Anna Berg", P), ("Markus Roth", P)],
            &[(Indirect, "er habe gut gearbeitet", "Anna Berg")],
        ),
        // Words in marks inside indirect speech: said by its speaker.
        (
            "Der Minister sagte, die Lage sei „sehr ernst“.",
            &[],
            &[
                (Indirect, "die Lage sei „sehr ernst“", "Der Minister"),
                (Direct, "„sehr ernst“", "Der Minister"),
            ],
        ),
        // Separable verbs that share a form (`gibt … an`, `gibt … bekannt`).
        (
            "Die Feuerwehr gibt an, es gebe keine Verletzten.",
            &[],
            &[(Indirect, "es gebe keine Verletzten", "Die Feuerwehr")],
        ),
        ("Die Firma gibt heute ihre Zahlen bekannt.", &[], &[]),
        // A Konjunktiv later in the sentence marks the content.
        (
            "Er meinte, Anna und Paul, die beiden Sänger, seien perfekt gewesen.",
            &[],
            &[(
                Indirect,
                "Anna und Paul, die beiden Sänger, seien perfekt gewesen",
                "Er",
            )],
        ),
        // A verb with other senses frames a quotation in marks before it.
        (
            "„Das war knapp“, erinnerte sich der Trainer.",
            &[],
            &[(Direct, "„Das war knapp“", "der Trainer")],
        ),
        ("Der Trainer erinnerte sich an das Spiel.", &[], &[]),
        // `…, so X, …`: the content goes on after the source.
        (
            "Die Lage sei ruhig, so der Sprecher, man habe alles im Griff.",
            &[],
            &[(
                Indirect,
                "Die Lage sei ruhig … man habe alles im Griff",
                "der Sprecher",
            )],
        ),
        // Speech before the comma: the speaker follows the verb, with or
        // without an apposition; a name and its apposition before the verb
        // are the speaker, not the content.
        (
            "„Sie ist außer Gefahr“, sagte Mark Roth, der Sprecher der Klinik.",
            &[("Mark Roth", P)],
            &[(Direct, "„Sie ist außer Gefahr“", "Mark Roth")],
        ),
        (
            "Anna Berg, Sprecherin der Klinik, sagte, sie sei außer Gefahr.",
            &[("Anna Berg", P)],
            &[(Indirect, "sie sei außer Gefahr", "Anna Berg")],
        ),
        (
            "Anna Berg, die Sprecherin der Polizei, erklärte dies am Montag.",
            &[("Anna Berg", P)],
            &[],
        ),
        (
            "Nachdem das Haus abgebrannt war, erklärte der Bürgermeister den Notstand.",
            &[],
            &[],
        ),
        // A speech act without content is no quotation (the gold marks too
        // few of them for the rule to pay).
        ("Die Opposition kritisierte den Plan.", &[], &[]),
        ("Der Täter wurde zu drei Jahren Haft verurteilt.", &[], &[]),
        // `es heißt` with a source in a phrase with a preposition.
        (
            "Aus Paris hieß es, die Lage sei ernst.",
            &[],
            &[(Indirect, "die Lage sei ernst", "Aus Paris")],
        ),
        // `Wie X, Y, ausführte`: the clause opens before the apposition.
        (
            "Wie der Richter, Otto Brand, ausführte, sei die Tat geplant gewesen.",
            &[("Otto Brand", P)],
            &[(
                Indirect,
                "sei die Tat geplant gewesen",
                "der Richter, Otto Brand",
            )],
        ),
        // Names in lower case, demonstratives standing alone.
        (
            "Die taz vermutet, dass der Zugriff üblich ist.",
            &[],
            &[(Indirect, "dass der Zugriff üblich ist", "Die taz")],
        ),
        (
            "Laut taz wurden drei Menschen verletzt.",
            &[],
            &[(Indirect, "wurden drei Menschen verletzt", "taz")],
        ),
        ("Laut sprach er über die Lage.", &[], &[]),
        (
            "Dieser behauptete, er sei unschuldig.",
            &[],
            &[(Indirect, "er sei unschuldig", "Dieser")],
        ),
        (
            "Dieser Bericht erklärt, die Lage sei ruhig.",
            &[],
            &[(Indirect, "die Lage sei ruhig", "Dieser Bericht")],
        ),
        // A colon before a quotation ends its frame.
        (
            "Dabei griff sie den Präsidenten an: „Das ist unerträglich.“",
            &[],
            &[(Direct, "„Das ist unerträglich.“", "sie")],
        ),
        (
            "In der ARD zeigte sich der Trainer zufrieden: „Wir haben gut gespielt.“",
            &[],
            &[(Direct, "„Wir haben gut gespielt.“", "der Trainer")],
        ),
        // A few words in marks that no one says: a name or scare quote; a
        // sentence in marks stays a quotation.
        ("Am Montag kam der „große Tag“ für die Firma.", &[], &[]),
        (
            "Am Montag kam der Tag. „Wir sind bereit.“",
            &[],
            &[(Direct, "„Wir sind bereit.“", "")],
        ),
        // `Dies bestätigte X`: the sentence before is the content.
        (
            "Die Firma schließt das Werk. Dies bestätigte der Sprecher am Montag.",
            &[],
            &[(
                Indirect,
                "Die Firma schließt das Werk. … Dies",
                "der Sprecher",
            )],
        ),
        (
            "Die Firma schließt das Werk. Das sagte nichts über die Zukunft.",
            &[],
            &[],
        ),
        // Nouns of statement after `nach`; not a time.
        (
            "Nach einer Stellungnahme der Armee stürzte der Hubschrauber ab.",
            &[],
            &[(
                Indirect,
                "stürzte der Hubschrauber ab",
                "Stellungnahme der Armee",
            )],
        ),
        ("Nach dem Spiel fuhr er nach Hause.", &[], &[]),
        // Hearsay: `sollen` with a perfect infinitive; not a plan.
        (
            "Der Täter soll das Auto gestohlen haben.",
            &[],
            &[(Reported, "Der Täter soll das Auto gestohlen haben.", "")],
        ),
        ("Die Brücke soll im Mai eröffnet werden.", &[], &[]),
        // A verb right after an apposition belongs to the phrase before it;
        // a subordinate clause between commas is no apposition.
        (
            "Vor kurzem hatte Anna Berg, die Sprecherin, erklärt, sie sei gesund.",
            &[("Anna Berg", P)],
            &[(Indirect, "sie sei gesund", "Anna Berg")],
        ),
        (
            "Am Montag, als es regnete, sagte Anna Berg, sie sei gesund.",
            &[("Anna Berg", P)],
            &[(Indirect, "sie sei gesund", "Anna Berg")],
        ),
        (
            "Auch Anna Berg, Sprecherin der Klinik, glaubt, dass sie gesund ist.",
            &[("Anna Berg", P)],
            &[(Indirect, "dass sie gesund ist", "Anna Berg")],
        ),
        // A demonstrative after the verb stands alone; before a noun it
        // opens a phrase.
        (
            "Dann erklärte diese, sie sei gesund.",
            &[],
            &[(Indirect, "sie sei gesund", "diese")],
        ),
        (
            "Dann erklärte diese Firma, sie sei gesund.",
            &[],
            &[(Indirect, "sie sei gesund", "diese Firma")],
        ),
        // A phrase with a preposition inside an adjective.
        (
            "So sagte der für die Region zuständige Koordinator, die Lage sei ernst.",
            &[],
            &[(
                Indirect,
                "die Lage sei ernst",
                "der für die Region zuständige Koordinator",
            )],
        ),
        (
            "So sagte der Koordinator für die Region, die Lage sei ernst.",
            &[],
            &[(Indirect, "die Lage sei ernst", "der Koordinator")],
        ),
        // A subject with an article before the verb stays the subject when
        // a name follows the verb.
        (
            "Der Staatssekretär sagte der „Berliner Zeitung“, die Lage sei ernst.",
            &[("Berliner Zeitung", O)],
            &[(Indirect, "die Lage sei ernst", "Der Staatssekretär")],
        ),
        // The pluperfect passive (`war … vorgeworfen worden`).
        (
            "Den USA war von der Delegation vorgeworfen worden, das Dokument verwässert zu haben.",
            &[],
            &[(
                Indirect,
                "das Dokument verwässert zu haben",
                "der Delegation",
            )],
        ),
        // A source with `aus` before a verb without a subject; a subject
        // after the verb wins.
        (
            "Aus EU-Kreisen verlautete, dies sei Spekulation.",
            &[],
            &[(Indirect, "dies sei Spekulation", "Aus EU-Kreisen")],
        ),
        (
            "Aus Protest erklärte der Minister, er trete zurück.",
            &[],
            &[(Indirect, "er trete zurück", "der Minister")],
        ),
        // Hearsay after a sentence: its subject, past an adverbial; not
        // across a paragraph.
        (
            "Nach der Flucht leitete die Polizei die Fahndung ein. Der Beamte soll geholfen haben.",
            &[],
            &[(Reported, "Der Beamte soll geholfen haben.", "die Polizei")],
        ),
        (
            "Nach der Flucht leitete die Polizei die Fahndung ein.\n\nDer Beamte soll geholfen haben.",
            &[],
            &[(Reported, "Der Beamte soll geholfen haben.", "")],
        ),
        // `…, so X, Y.`: an apposition to the source.
        (
            "Die Lage sei ernst, so Anna Berg, Sprecherin der Klinik.",
            &[("Anna Berg", P)],
            &[(
                Indirect,
                "Die Lage sei ernst",
                "Anna Berg, Sprecherin der Klinik",
            )],
        ),
        // A focus particle before the subject that opens the sentence.
        (
            "Auch der Minister attackierte den Plan als „Wortbruch“.",
            &[],
            &[(Direct, "„Wortbruch“", "der Minister")],
        ),
        ("Am Montag fiel das Wort „Wortbruch“.", &[], &[]),
        // A short note in brackets after a name belongs to the phrase; not
        // after a common noun.
        (
            "Auch Renate Schmidt (SPD), die Ministerin, sagte, die Lage sei ernst.",
            &[("Renate Schmidt", P)],
            &[(Indirect, "die Lage sei ernst", "Renate Schmidt (SPD)")],
        ),
        (
            "Der Minister (rechts) sagte, die Lage sei ernst.",
            &[],
            &[(Indirect, "die Lage sei ernst", "Der Minister")],
        ),
        // Plain narration is no quotation.
        ("Das Haus brannte am Montag völlig aus.", &[], &[]),
        ("Am Abend fuhr er nach Hause und schlief.", &[], &[]),
    ]);
}

#[test]
fn pronouns_resolve_to_the_last_person() {
    let text = "Anna Berg trat zurück. Sie sagte, die Partei sei am Ende. \
                Später erklärte Markus Roth, er bleibe. Er sagte: „Ich bleibe.“";
    let doc = analyse(
        text,
        &mentions(text, &[("Anna Berg", P), ("Markus Roth", P)]),
    );
    let by_words = |w: &str| {
        doc.quotes
            .iter()
            .find(|q| text[q.spans[0].clone()].contains(w))
            .unwrap_or_else(|| panic!("no quotation with {w}: {doc:?}"))
    };
    let sie = by_words("Partei").speaker.as_ref().unwrap();
    assert_eq!(&text[sie.span.clone()], "Sie");
    assert_eq!(sie.form, SpeakerForm::Pronoun);
    assert_eq!(&text[sie.refers_to.clone().unwrap()], "Anna Berg");
    let roth = by_words("er bleibe").speaker.as_ref().unwrap();
    assert_eq!(roth.form, SpeakerForm::Name);
    let er = by_words("Ich bleibe").speaker.as_ref().unwrap();
    assert_eq!(&text[er.span.clone()], "Er");
    assert_eq!(&text[er.refers_to.clone().unwrap()], "Markus Roth");
}

#[test]
fn a_speaking_pronoun_passes_a_person_of_the_other_gender_by() {
    let speaker_of = |text: &str| -> String {
        let mut names = mentions(text, &[("Markus Roth", P), ("Anna Berg", P)]);
        // `Berg` alone, not inside `Anna Berg`.
        if let Some(at) = text.find(". Berg ") {
            names.push(dossier::entity::Recognized {
                span: at + 2..at + 6,
                kind: P,
            });
            names.sort_by_key(|m| m.span.start);
        }
        let doc = analyse(text, &names);
        let sp = doc.quotes[0].speaker.as_ref().expect("a speaker");
        assert_eq!(sp.form, SpeakerForm::Pronoun);
        text[sp.refers_to.clone().expect("resolved")].to_string()
    };
    // `Er` after a woman named last: the man before her.
    assert_eq!(
        speaker_of("Markus Roth traf Anna Berg. Er sagte, dass alles gut sei."),
        "Markus Roth"
    );
    // Her family name alone is still her.
    assert_eq!(
        speaker_of("Markus Roth traf Anna Berg. Berg nickte. Er sagte, dass alles gut sei."),
        "Markus Roth"
    );
    // `Sie` takes her; `Er` after a man takes him.
    assert_eq!(
        speaker_of("Markus Roth traf Anna Berg. Sie sagte, dass alles gut sei."),
        "Anna Berg"
    );
    assert_eq!(
        speaker_of("Anna Berg traf Markus Roth. Er sagte, dass alles gut sei."),
        "Markus Roth"
    );
}

#[test]
fn pronouns_are_mentions_of_their_person() {
    let text = "Markus Roth traf Anna Berg. Er sagte, es sei gut. Sie schwieg.";
    let doc = analyse(
        text,
        &mentions(text, &[("Anna Berg", P), ("Markus Roth", P)]),
    );
    let links: Vec<(&str, &str)> = doc
        .pronouns
        .iter()
        .map(|(p, m)| (&text[p.clone()], &text[m.clone()]))
        .collect();
    // `Er` skips the woman named last; `Sie` takes her.
    assert_eq!(links, [("Er", "Markus Roth"), ("Sie", "Anna Berg")]);
    // The polite `Sie` inside a sentence refers to no one.
    let text = "Anna Berg fragte, ob Sie kommen.";
    let doc = analyse(text, &mentions(text, &[("Anna Berg", P)]));
    assert!(doc.pronouns.is_empty(), "{:?}", doc.pronouns);
}

#[test]
fn a_family_name_alone_keeps_the_gender_of_its_full_name() {
    let pair = |p: &str, m: &str| (p.to_string(), m.to_string());
    // `Berg` is Anna Berg: `Er` passes her by for the man named before.
    let text = "Markus Roth traf Anna Berg. Berg schwieg. Er sagte, es sei gut.";
    assert_eq!(
        pronoun_links(text, &[("Markus Roth", P), ("Anna Berg", P), ("Berg", P)]),
        [pair("Er", "Markus Roth")]
    );
    // The latest full name with that family name counts.
    let text = "Anna Berg traf Thomas Berg. Berg schwieg. Er sagte, es sei gut.";
    assert_eq!(
        pronoun_links(text, &[("Anna Berg", P), ("Thomas Berg", P), ("Berg", P)]),
        [pair("Er", "Berg")]
    );
    // A title in its feminine form shows a woman, its masculine form a man.
    let text = "Minister Roth traf Kanzlerin Berg. Er sagte, es sei gut. Sie schwieg.";
    assert_eq!(
        pronoun_links(text, &[("Roth", P), ("Berg", P)]),
        [pair("Er", "Roth"), pair("Sie", "Berg")]
    );
    let text = "Kanzlerin Berg traf Roth. Berg schwieg. Er sagte, es sei gut.";
    assert_eq!(
        pronoun_links(text, &[("Berg", P), ("Roth", P)]),
        [pair("Er", "Roth")]
    );
    // A capitalised word before the name that is no title shows nothing.
    let text = "Roth traf in Berlin Berg. Er sagte, es sei gut.";
    assert_eq!(
        pronoun_links(text, &[("Roth", P), ("Berg", P)]),
        [pair("Er", "Berg")]
    );
    // With no full name before it, a family name shows no gender, and the
    // pronoun takes it as before.
    let text = "Markus Roth traf Berg. Er sagte, es sei gut.";
    assert_eq!(
        pronoun_links(text, &[("Markus Roth", P), ("Berg", P)]),
        [pair("Er", "Berg")]
    );
}

#[test]
fn descriptions_resolve_through_their_apposition() {
    let text = "Der Sprecher des Ministeriums, Hans Weber, sagte, der Plan sei gescheitert.";
    let doc = analyse(text, &mentions(text, &[("Hans Weber", P)]));
    let sp = doc.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(&text[sp.refers_to.clone().unwrap()], "Hans Weber");
    // A description without a name stays a description, unresolved.
    let text = "Ein Polizeisprecher sagte, die Straße sei gesperrt.";
    let doc = analyse(text, &[]);
    let sp = doc.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(&text[sp.span.clone()], "Ein Polizeisprecher");
    assert_eq!(sp.form, SpeakerForm::Description);
    assert_eq!(sp.refers_to, None);
}

#[test]
fn possessive_phrases_speak_for_their_owner_only_with_a_noun_of_statement() {
    let text = "Markus Roth schwieg. Seine Sprecherin sagte, der Plan sei gut. \
                Seiner Meinung nach ist der Plan gut.";
    let doc = analyse(text, &mentions(text, &[("Markus Roth", P)]));
    let by_words = |w: &str| {
        doc.quotes
            .iter()
            .find(|q| text[q.spans[0].clone()].contains(w))
            .and_then(|q| q.speaker.clone())
            .unwrap_or_else(|| panic!("no speaker for {w}: {doc:?}"))
    };
    // `Seine Sprecherin` is someone else: a description, unresolved.
    let sp = by_words("sei gut");
    assert_eq!(&text[sp.span.clone()], "Seine Sprecherin");
    assert_eq!(sp.form, SpeakerForm::Description);
    assert_eq!(sp.refers_to, None);
    // `Seiner Meinung` is his.
    let sp = by_words("ist der Plan gut");
    assert_eq!(sp.form, SpeakerForm::Pronoun);
    assert_eq!(&text[sp.refers_to.clone().unwrap()], "Markus Roth");
}

#[test]
fn plural_sie_refers_to_no_one_person() {
    let speaker = |text: &str| {
        let doc = analyse(text, &mentions(text, &[("Anna Berg", P)]));
        let sp = doc.quotes[0].speaker.clone().expect("a speaker");
        let linked: Vec<&str> = doc.pronouns.iter().map(|(p, _)| &text[p.clone()]).collect();
        (
            sp.refers_to.map(|r| text[r].to_string()),
            linked.contains(&"Sie"),
        )
    };
    // `Sie sprachen`, `sagten sie`: plural verbs, no one person.
    assert_eq!(
        speaker(
            "Anna Berg las den Text. Die Blogger lasen ihn. Sie sprachen davon, dass die Lage ernst sei."
        ),
        (None, false)
    );
    assert_eq!(
        speaker("Anna Berg las den Text. Die Lage sei ernst, sagten sie."),
        (None, false)
    );
    // `Sie sprach`: singular, her.
    assert_eq!(
        speaker("Anna Berg las den Text. Sie sprach davon, dass die Lage ernst sei."),
        (Some("Anna Berg".to_string()), true)
    );
}

/// The shared folder beside the project (CI has it there).
fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("gold/quotes-wikinews/dev.json")
        .is_file()
        .then_some(p)
}

/// `dossier quotes --gold dev.json … --format json` as JSON.
fn dev_scores(shared: &std::path::Path, kinds: Option<&str>) -> serde_json::Value {
    dev_scores_of(shared, kinds, None)
}

/// [`dev_scores`] of only the quotations of the kinds `only` as dossier
/// finds them (`--only`).
fn dev_scores_of(
    shared: &std::path::Path,
    kinds: Option<&str>,
    only: Option<&str>,
) -> serde_json::Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.arg("quotes")
        .arg("--gold")
        .arg(shared.join("gold/quotes-wikinews/dev.json"))
        .args(["--format", "json"]);
    if let Some(k) = kinds {
        cmd.args(["--kinds", k]);
    }
    if let Some(k) = only {
        cmd.args(["--only", k]);
    }
    let out = cmd
        .arg(shared.join("corpora/wikinews-de/articles"))
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The issue's targets are quote F1 0.75, direct-quote F1 0.92, speaker
/// accuracy 0.80 and attribution F1 0.65 on dev. Quote F1, speaker accuracy
/// and direct-quote F1 (`--only direct`, see the README) are asserted at
/// their targets; the rules reach 0.764, 0.878 and 0.931, attribution F1
/// 0.652 (asserted at 0.651, above its target) and direct-quote F1 0.80
/// with every quotation in the output (kept from falling back).
#[test]
fn dev_figures_do_not_fall_back() {
    let Some(shared) = shared() else {
        eprintln!("shared gold not found beside the project; skipped");
        return;
    };
    let s = dev_scores(&shared, None);
    let f = |path: &[&str]| {
        let mut v = &s;
        for k in path {
            v = &v[*k];
        }
        v.as_f64().unwrap()
    };
    let report = serde_json::to_string_pretty(&s).unwrap();
    assert!(f(&["quotes_lenient", "f1"]) >= 0.75, "{report}");
    assert!(f(&["speaker", "accuracy"]) >= 0.80, "{report}");
    assert!(f(&["attribution", "f1"]) >= 0.651, "{report}");
    assert!(f(&["quotes_lenient", "f1"]) > 0.358, "above the baseline");
    let d = dev_scores(&shared, Some("direct"));
    assert!(d["quotes_lenient"]["r"].as_f64().unwrap() >= 0.94, "{d}");
    assert!(d["quotes_lenient"]["f1"].as_f64().unwrap() >= 0.80, "{d}");
    // A direct-quotation extractor: only the quotations dossier finds in
    // marks, scored on the gold's direct ones.
    let o = dev_scores_of(&shared, Some("direct"), Some("direct"));
    assert!(o["quotes_lenient"]["f1"].as_f64().unwrap() >= 0.92, "{o}");
    assert!(o["quotes_lenient"]["p"].as_f64().unwrap() >= 0.94, "{o}");
}

/// The in-process scorer gives exactly the figures of score_quotes.py.
#[test]
fn the_scorer_agrees_with_score_quotes_py() {
    let Some(shared) = shared() else {
        eprintln!("shared gold not found beside the project; skipped");
        return;
    };
    let gold = shared.join("gold/quotes-wikinews/dev.json");
    let ids: Vec<String> = {
        let g: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        g["documents"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let articles = shared.join("corpora/wikinews-de/articles");
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["quotes", "--format", "json"])
        .args(ids.iter().map(|id| articles.join(format!("{id}.txt"))))
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("system.json");
    std::fs::write(&system, &out.stdout).unwrap();
    let py = Command::new("python3")
        .arg(shared.join("tools/score_quotes.py"))
        .arg(&gold)
        .arg(&system)
        .arg("--json")
        .output();
    let Ok(py) = py else {
        eprintln!("python3 not found; skipped");
        return;
    };
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let ours = dev_scores(&shared, None);
    for mode in [
        "quotes_lenient",
        "quotes_half",
        "quotes_exact",
        "attribution",
    ] {
        for k in ["tp", "p", "r", "f1"] {
            assert_eq!(ours[mode][k], theirs[mode][k], "{mode}.{k}");
        }
    }
    assert_eq!(
        ours["speaker"]["accuracy"], theirs["speaker"]["accuracy"],
        "speaker accuracy"
    );
    assert_eq!(
        ours["speaker_anaphoric"]["correct"],
        theirs["speaker"]["anaphoric"]["correct"]
    );
    for (k, v) in theirs["recall_by_kind"].as_object().unwrap() {
        assert_eq!(ours["recall_by_kind"][k]["found"], v["found"], "{k}");
    }
    assert_eq!(
        ours["system_quotes_counted"],
        theirs["system_quotes_counted"]
    );
}

/// `--only` keeps the quotations of the kinds named, and refuses others.
#[test]
fn only_keeps_the_kinds_named() {
    let run = |only: &str| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["quotes", "--format", "json", "--only", only])
            .env("DOSSIER_NO_CACHE", "1")
            .output()
            .unwrap()
    };
    let out = run("direct");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| *k == "direct"),
        "{kinds:?}"
    );
    let out = run("indirect,reported");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["kind"] != "direct")
    );
    let bad = run("verbatim");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown kind"));
}

/// Patterns found wrong when reading the busiest people's quotations on
/// the bundled reports and 10kGNAD: each rule with what it must find and
/// what it must refuse.
#[test]
fn patterns_from_the_reading_check() {
    use QuoteKind::{Indirect, Reported};
    check(&[
        // `annehmen` reports only before `dass`, `ob` or a question word;
        // accepting an invitation is no speech.
        (
            "Markus Roth nahm eine Einladung an, das Land im Herbst zu besuchen.",
            &[("Markus Roth", P)],
            &[],
        ),
        (
            "Die Polizei nimmt an, dass der Täter über die Grenze floh.",
            &[("Polizei", O)],
            &[(
                Indirect,
                "dass der Täter über die Grenze floh",
                "Die Polizei",
            )],
        ),
        // `X zufolge`: the source is the phrase before `zufolge`, not the
        // clause's subject; a prepositional phrase belongs to it.
        (
            "Markus Roth soll Berichten zufolge zurückgetreten sein.",
            &[("Markus Roth", P)],
            &[(
                Indirect,
                "Markus Roth soll … zurückgetreten sein",
                "Berichten",
            )],
        ),
        (
            "Den Behörden in Mombasa zufolge wurden Chemikalien gefunden.",
            &[("Mombasa", Kind::Place)],
            &[(
                Indirect,
                "wurden Chemikalien gefunden",
                "Den Behörden in Mombasa",
            )],
        ),
        // A main clause, the verb of saying after a comma, the speaker and
        // an apposition: the content is the main clause before.
        (
            "Die Klage lautet auf Unterlassung, sagt Margot Rest, die Anwältin des Fotografen, zum STANDARD.",
            &[("Margot Rest", P)],
            &[(Indirect, "Die Klage lautet auf Unterlassung", "Margot Rest")],
        ),
        // The apposition before the verb still names the speaker, and the
        // content after the verb is its content.
        (
            "Anna Berg, die Anwältin des Fotografen, sagte, die Klage laute auf Unterlassung.",
            &[("Anna Berg", P)],
            &[(Indirect, "die Klage laute auf Unterlassung", "Anna Berg")],
        ),
        // Reported speech goes on from the latest quotation's speaker, not
        // from an earlier one.
        (
            "Markus Roth sagte, er klage. Die Klage lautet auf Unterlassung, sagt Anna Berg zum STANDARD. Um Geld gehe es nicht.",
            &[("Markus Roth", P), ("Anna Berg", P)],
            &[
                (Indirect, "er klage", "Markus Roth"),
                (Indirect, "Die Klage lautet auf Unterlassung", "Anna Berg"),
                (Reported, "Um Geld gehe es nicht.", "Anna Berg"),
            ],
        ),
        // In an interview, a speaker's label ends what went on before: the
        // answer is not the last quotation's speaker's.
        (
            "STANDARD: Herr Hofer, Anna Berg sagte, die Lage sei ernst. Hofer: Dann hätte sie recht gehabt.",
            &[("Anna Berg", P)],
            &[(Indirect, "die Lage sei ernst", "Anna Berg")],
        ),
        (
            "Anna Berg sagte, die Lage sei ernst. Dann hätte sie recht gehabt.",
            &[("Anna Berg", P)],
            &[
                (Indirect, "die Lage sei ernst", "Anna Berg"),
                (Reported, "Dann hätte sie recht gehabt.", "Anna Berg"),
            ],
        ),
        // A frame of its own that names no one ends the earlier speaker's
        // run; one that names someone passes it on.
        (
            "Markus Roth sagte, er klage. Es wurde erwartet, dass er gewinne. Dann könnte er bleiben.",
            &[("Markus Roth", P)],
            &[
                (Indirect, "er klage", "Markus Roth"),
                (Indirect, "dass er gewinne", ""),
                (Reported, "Dann könnte er bleiben.", ""),
            ],
        ),
        (
            "Markus Roth sagte, er klage. Die Polizei erwartete, dass er gewinne. Dann könnte er bleiben.",
            &[("Markus Roth", P), ("Polizei", O)],
            &[
                (Indirect, "er klage", "Markus Roth"),
                (Indirect, "dass er gewinne", "Die Polizei"),
                (Reported, "Dann könnte er bleiben.", "Die Polizei"),
            ],
        ),
        // A condition with its verb first reports nothing (`drohen` with
        // a dative is `to face`); a condition inside the content does.
        (
            "Sollte es zu einem Prozess gegen den Chef der Partei kommen, drohen Anna Berg bis zu 24 Jahre Haft.",
            &[("Anna Berg", P)],
            &[],
        ),
        (
            "Sollte es dazu kommen, wäre das ein Skandal, sagte Anna Berg.",
            &[("Anna Berg", P)],
            &[(
                Indirect,
                "Sollte es dazu kommen, wäre das ein Skandal",
                "Anna Berg",
            )],
        ),
        // `klagen` (also `to sue`) counts only before `dass`, `ob` or a
        // question word; its forms shared with `anklagen` still count
        // without the particle.
        (
            "Markus Roth hatte Anna Berg wegen seiner Namensrechte geklagt, Berg wird die Domain nicht mehr verwenden.",
            &[("Markus Roth", P), ("Anna Berg", P)],
            &[],
        ),
        (
            "Markus Roth klagte, dass die Lage schlimm sei.",
            &[("Markus Roth", P)],
            &[(Indirect, "dass die Lage schlimm sei", "Markus Roth")],
        ),
        // An apposition that ends the sentence, a note in brackets after it.
        (
            "Die Koalition baue ein Spitzelnetz auf, warnt Rupert Wolff, Präsident der Kammer (ÖRAK).",
            &[("Rupert Wolff", P)],
            &[(
                Indirect,
                "Die Koalition baue ein Spitzelnetz auf",
                "Rupert Wolff",
            )],
        ),
        (
            "Am Montag warnte Rupert Wolff, die Koalition baue ein Spitzelnetz auf.",
            &[("Rupert Wolff", P)],
            &[(
                Indirect,
                "die Koalition baue ein Spitzelnetz auf",
                "Rupert Wolff",
            )],
        ),
        // A Konjunktiv II only in a relative clause is the narrator's; in
        // the main clause it goes on from the speaker before.
        (
            "Markus Roth sagte, er komme. Eine der Anlagen, die er besichtigen könnte, ist eine Fabrik.",
            &[("Markus Roth", P)],
            &[(Indirect, "er komme", "Markus Roth")],
        ),
        (
            "Markus Roth sagte, er komme. Dann könnte er die Fabrik besichtigen.",
            &[("Markus Roth", P)],
            &[
                (Indirect, "er komme", "Markus Roth"),
                (
                    Reported,
                    "Dann könnte er die Fabrik besichtigen.",
                    "Markus Roth",
                ),
            ],
        ),
        // Without a new frame, it goes on from the earlier speaker.
        (
            "Markus Roth sagte, er klage. Um Geld gehe es nicht.",
            &[("Markus Roth", P)],
            &[
                (Indirect, "er klage", "Markus Roth"),
                (Reported, "Um Geld gehe es nicht.", "Markus Roth"),
            ],
        ),
    ]);
}

/// A form of address or kinship shows the gender (`Frau Berg`, `Herrn
/// Roth`, `seine Mutter Anna Berg`), so a pronoun passes that person by
/// when the gender differs, and takes them when it fits.
#[test]
fn forms_of_address_show_the_gender() {
    let links = |text: &str| pronoun_links(text, &[("Roth", P), ("Berg", P)]);
    assert_eq!(
        links("Roth traf Frau Berg. Er sagte, es sei gut."),
        link("Er", "Roth")
    );
    assert_eq!(
        links("Roth traf Frau Berg. Sie sagte, es sei gut."),
        link("Sie", "Berg")
    );
    assert_eq!(
        links("Berg traf Herrn Roth. Sie sagte, es sei gut."),
        link("Sie", "Berg")
    );
    assert_eq!(
        links("Berg traf seine Mutter Roth. Er sagte, es sei gut."),
        link("Er", "Berg")
    );
    // With no such word, the last person is taken as before.
    assert_eq!(
        links("Roth traf Berg. Er sagte, es sei gut."),
        link("Er", "Berg")
    );
}

/// A person named as the owner in a speaker phrase is not the speaker
/// (`Kims Propagandaapparat`, `ein Mitarbeiter von Kandidat Roth`); a name
/// after its title or in an apposition is.
#[test]
fn an_owner_in_the_speaker_phrase_does_not_speak() {
    let refers = |text: &str, names: &[(&str, Kind)]| -> Option<String> {
        let doc = analyse(text, &mentions(text, names));
        let sp = doc.quotes[0].speaker.clone().expect("a speaker");
        sp.refers_to.map(|r| text[r].to_string())
    };
    assert_eq!(
        refers(
            "Kims Propagandaapparat erklärte, das Treffen sei ein Erfolg.",
            &[("Kims", P)]
        ),
        None
    );
    assert_eq!(
        refers(
            "Ein Mitarbeiter von Kandidat Rudolf Hundstorfer sagte, man habe sich entschuldigt.",
            &[("Rudolf Hundstorfer", P)]
        ),
        None
    );
    assert_eq!(
        refers(
            "Der Anwalt des Sängers Max Muster sagte, die Klage sei eingereicht.",
            &[("Max Muster", P)]
        ),
        None
    );
    // The speaker's own name.
    assert_eq!(
        refers(
            "Kremlsprecher Dmitri Peskow sagte, der Besuch sei in Planung.",
            &[("Dmitri Peskow", P)]
        )
        .as_deref(),
        Some("Dmitri Peskow")
    );
    assert_eq!(
        refers(
            "Russlands Präsident Wladimir Putin sagte, die Gespräche seien gut.",
            &[("Russlands", Kind::Place), ("Wladimir Putin", P)]
        )
        .as_deref(),
        Some("Wladimir Putin")
    );
    assert_eq!(
        refers(
            "Der Sprecher des Kremls, Dmitri Peskow, sagte, der Besuch sei in Planung.",
            &[("Dmitri Peskow", P)]
        )
        .as_deref(),
        Some("Dmitri Peskow")
    );
    assert_eq!(
        refers("Kim sagte, das Treffen sei ein Erfolg.", &[("Kim", P)]).as_deref(),
        Some("Kim")
    );
}

/// A title in a hyphenated compound shows the gender by its last part
/// (`FPÖ-Parteichef`), a family name in the genitive (`Roths Buch`) keeps
/// the gender of its full name, and `sie` before a plural verb that ends
/// its clause (`wie sie … genannt werden`) is plural.
#[test]
fn more_signs_of_gender_and_number() {
    let rb = [("Roth", P), ("Berg", P)];
    assert_eq!(
        pronoun_links(
            "Berg traf den FPÖ-Parteichef Roth. Sie sagte, es sei gut.",
            &rb
        ),
        link("Sie", "Berg")
    );
    assert_eq!(
        pronoun_links(
            "Berg traf den FPÖ-Parteichef Roth. Er sagte, es sei gut.",
            &rb
        ),
        link("Er", "Roth")
    );
    let names = [("Markus Roth", P), ("Anna Berg", P), ("Roths", P)];
    assert_eq!(
        pronoun_links(
            "Markus Roth kam. Anna Berg las Roths Buch. Sie sagte, es sei gut.",
            &names
        ),
        link("Sie", "Anna Berg")
    );
    assert_eq!(
        pronoun_links(
            "Markus Roth kam. Anna Berg las Roths Buch. Er sagte, es sei gut.",
            &names
        ),
        link("Er", "Roths")
    );
    // A family name before its full name (in a headline) takes the gender
    // of the full name after it.
    let headline = |text: &str| -> Vec<(String, String)> {
        let mut names = mentions(text, &[("Markus Roth", P)]);
        names.push(Recognized {
            span: 0..4,
            kind: P,
        });
        names.sort_by_key(|m| m.span.start);
        pronoun_links_of(text, &names)
    };
    assert_eq!(
        headline("Roth kam spät. Sie sagte, es sei gut. Später kam Markus Roth."),
        vec![]
    );
    assert_eq!(
        headline("Roth kam spät. Er sagte, es sei gut. Später kam Markus Roth."),
        link("Er", "Roth")
    );
    let ab = [("Anna Berg", P)];
    assert_eq!(
        pronoun_links(
            "Anna Berg las den Vertrag, wie sie dort genannt werden.",
            &ab
        ),
        vec![]
    );
    assert_eq!(
        pronoun_links("Anna Berg las den Vertrag, wie sie sagte.", &ab),
        link("sie", "Anna Berg")
    );
}

/// A personal pronoun does not refer to a person named in its own clause;
/// a person in the clause before, or joined by `und` before a new clause,
/// it does.
#[test]
fn a_pronoun_skips_a_person_of_its_own_clause() {
    let links = |text: &str| pronoun_links(text, &[("Markus Roth", P), ("Hans Weber", P)]);
    assert_eq!(
        links("Markus Roth kam. Mit seinem Kollegen Hans Weber sprach er lange."),
        link("er", "Markus Roth")
    );
    assert_eq!(
        links("Markus Roth traf Hans Weber. Er sprach lange."),
        link("Er", "Hans Weber")
    );
    assert_eq!(
        links("Markus Roth schwieg, Hans Weber kam und er sprach lange."),
        link("er", "Hans Weber")
    );
}
