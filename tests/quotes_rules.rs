//! The quotation rules of the second round (issue 15), each in both
//! directions: what it must find or attribute, and what it must refuse.

use super::quotes::{O, P, check};
use dossier::quote::QuoteKind;

#[test]
fn names_in_marks_after_a_source_cue_are_no_quotations() {
    use QuoteKind::{Direct, Indirect};
    check(&[
        // `laut „…“`, `Wie „…“ berichtet`: the source is named.
        (
            "Laut „tagesschau.de“ gehören auch Proteste dazu.",
            &[],
            &[(Indirect, "gehören auch Proteste dazu", "„tagesschau.de“")],
        ),
        (
            "Wie „heise online“ berichtet, sperrten die Behörden den Zugang.",
            &[],
            &[(
                Indirect,
                "sperrten die Behörden den Zugang",
                "„heise online“",
            )],
        ),
        // But words in marks after `wie` with no verb of saying after them
        // stay a quotation.
        (
            "Die Lage sei wie „ein schlimmer Krieg“, sagte er.",
            &[],
            &[
                (Indirect, "Die Lage sei wie „ein schlimmer Krieg“", "er"),
                (Direct, "„ein schlimmer Krieg“", "er"),
            ],
        ),
    ]);
}

#[test]
fn a_few_words_after_als_need_a_verb_of_saying() {
    use QuoteKind::Direct;
    check(&[
        // Called something: a quotation.
        (
            "Der Minister bezeichnete die Pläne als „Wortbruch“.",
            &[],
            &[(Direct, "„Wortbruch“", "Der Minister")],
        ),
        (
            "Die Staatsanwaltschaft wertete die Zahlungen als „treupflichtwidrige Verschwendung“.",
            &[],
            &[(
                Direct,
                "„treupflichtwidrige Verschwendung“",
                "Die Staatsanwaltschaft",
            )],
        ),
        // Known as, counts as, serves as: a name or a term.
        ("Der Mann ist nur als „Poe Toaster“ bekannt.", &[], &[]),
        (
            "So ein Vorfall gilt damit nicht als „kleiner Störfall“.",
            &[],
            &[],
        ),
        ("Gewalt dient als „harte Erziehungsmaßnahme“.", &[], &[]),
    ]);
}

#[test]
fn the_subject_after_a_quotation_and_any_verb_speaks() {
    use QuoteKind::Direct;
    check(&[
        (
            "„Wir haben vier Punkte“, zeigte sich Milovan Rajevac zufrieden.",
            &[("Milovan Rajevac", P)],
            &[(Direct, "„Wir haben vier Punkte“", "Milovan Rajevac")],
        ),
        (
            "„Wo ist meine Stimme?“ fragen sich die Demonstranten.",
            &[],
            &[(Direct, "„Wo ist meine Stimme?“", "die Demonstranten")],
        ),
        (
            "„Ich trete an“, strich er in Arbutus heraus.",
            &[],
            &[(Direct, "„Ich trete an“", "er")],
        ),
        // An object after the verb is not the speaker, and a quotation
        // inside its sentence takes no phrase from after it.
        (
            "„Wir sind bereit.“ Später traf Anna Berg den Minister.",
            &[("Anna Berg", P)],
            &[(Direct, "„Wir sind bereit.“", "")],
        ),
        (
            "„Das ist gut für uns alle“, freute den Minister sehr.",
            &[],
            &[(Direct, "„Das ist gut für uns alle“", "")],
        ),
    ]);
}

#[test]
fn zu_infinitives_of_verbs_that_start_with_zu() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Der Politiker Joseph Deiss hat am Donnerstag angekündigt, von seinem Amt zurückzutreten.",
            &[("Joseph Deiss", P)],
            &[(
                Indirect,
                "von seinem Amt zurückzutreten",
                "Der Politiker Joseph Deiss",
            )],
        ),
        // A verb that merely starts with `zu` is no infinitive with `zu`.
        (
            "Der Politiker hat am Donnerstag angekündigt, dass er zurücktritt.",
            &[],
            &[(Indirect, "dass er zurücktritt", "Der Politiker")],
        ),
        ("Am Abend wollte er zurücktreten und schwieg.", &[], &[]),
    ]);
}

#[test]
fn wonach_takes_the_phrase_before_it_as_source() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Für das Jahr gibt es eine Schätzung, wonach 53.000 Kinder ermordet wurden.",
            &[],
            &[(Indirect, "53.000 Kinder ermordet wurden", "eine Schätzung")],
        ),
        (
            "Ein Bericht der Agentur Interfax, wonach der Oppositionsführer festgenommen worden sei, wurde dementiert.",
            &[("Interfax", O)],
            &[(
                Indirect,
                "der Oppositionsführer festgenommen worden sei, wurde dementiert",
                "Ein Bericht der Agentur Interfax",
            )],
        ),
        // Without a phrase before its comma, `wonach` stands for the source.
        (
            "Das Gericht hat am Montag entschieden, wonach die Lage ernst sei.",
            &[],
            &[(Indirect, "die Lage ernst sei", "wonach")],
        ),
    ]);
}

#[test]
fn relative_pronouns_after_a_name_are_its_mentions() {
    let text = "Jimmy Carter, der als Beobachter im Land war, sagte Reportern, dass alles friedlich verlaufen sei.";
    let names = super::quotes::mentions(text, &[("Jimmy Carter", P)]);
    let doc = dossier::quote::analyse(text, &names);
    let links: Vec<(&str, &str)> = doc
        .pronouns
        .iter()
        .map(|(p, m)| (&text[p.clone()], &text[m.clone()]))
        .collect();
    assert_eq!(links, [("der", "Jimmy Carter")]);
    // An article after a comma that follows no name refers to nothing.
    let text = "Am Abend, der ruhig war, sagte Jimmy Carter nichts.";
    let names = super::quotes::mentions(text, &[("Jimmy Carter", P)]);
    let doc = dossier::quote::analyse(text, &names);
    assert!(doc.pronouns.is_empty(), "{:?}", doc.pronouns);
}

#[test]
fn reported_speech_after_a_sentence_takes_its_subject_only_if_it_speaks() {
    use QuoteKind::{Indirect, Reported};
    check(&[
        // A body that speaks: its subject said it.
        (
            "Die Polizei ermittelt seit Montag. Der Täter soll geflohen sein.",
            &[],
            &[(Reported, "Der Täter soll geflohen sein.", "Die Polizei")],
        ),
        // The agent of a passive verb of saying.
        (
            "Der Plan wurde von Minister Manfred Stolpe als unrealistisch bezeichnet. Die Fahrzeuge sollen nie getestet worden sein.",
            &[("Manfred Stolpe", P)],
            &[(
                Reported,
                "Die Fahrzeuge sollen nie getestet worden sein.",
                "Minister Manfred Stolpe",
            )],
        ),
        // Not people hurt or things: the speaker before goes on.
        (
            "Ein Sprecher sagte, das Beben sei stark gewesen. Auf Kreta wurden zwei Menschen verletzt. Auch seien dort Gebäude beschädigt worden.",
            &[],
            &[
                (Indirect, "das Beben sei stark gewesen", "Ein Sprecher"),
                (
                    Reported,
                    "Auch seien dort Gebäude beschädigt worden.",
                    "Ein Sprecher",
                ),
            ],
        ),
    ]);
}

#[test]
fn an_object_opening_the_sentence_is_not_the_speaker() {
    use QuoteKind::Reported;
    check(&[
        (
            "Einen neuen Strang des Virus haben Forscher jetzt entdeckt. Er soll resistent gegen Medikamente sein.",
            &[],
            &[(
                Reported,
                "Er soll resistent gegen Medikamente sein.",
                "Forscher",
            )],
        ),
        // A subject that opens the sentence and speaks for nothing.
        (
            "Der neue Strang des Virus hat Forscher überrascht. Er soll resistent gegen Medikamente sein.",
            &[],
            &[(Reported, "Er soll resistent gegen Medikamente sein.", "")],
        ),
    ]);
}

#[test]
fn partitives_are_speaker_phrases() {
    use QuoteKind::Direct;
    check(&[
        (
            "Einer der 13 beteiligten Feuerwehrmänner sagte: „Ich habe so etwas noch nie gesehen.“",
            &[],
            &[(
                Direct,
                "„Ich habe so etwas noch nie gesehen.“",
                "Einer der 13 beteiligten Feuerwehrmänner",
            )],
        ),
        // `Einer` with no genitive after it names no one.
        (
            "Einer sagte: „Ich habe so etwas noch nie gesehen.“",
            &[],
            &[(Direct, "„Ich habe so etwas noch nie gesehen.“", "")],
        ),
    ]);
}

#[test]
fn a_subject_opening_the_sentence_of_words_in_marks_must_be_able_to_speak() {
    use QuoteKind::Direct;
    check(&[
        // A body that speaks opens the sentence: it said the words.
        (
            "Die Regierung plant nun eine „drastische Senkung der Steuern“ im Herbst.",
            &[],
            &[(Direct, "„drastische Senkung der Steuern“", "Die Regierung")],
        ),
        // A thing does not; with no speaker before, there is none.
        (
            "Der Airbus sei erst „weit hinter der normalen Aufsetzzone“ zu Boden gekommen.",
            &[],
            &[(Direct, "„weit hinter der normalen Aufsetzzone“", "")],
        ),
    ]);
}

#[test]
fn words_that_open_a_sentence_in_capitals_only_are_no_speakers() {
    use QuoteKind::Indirect;
    check(&[
        // `Unterdessen` is an adverb: the subject follows the verb.
        (
            "Unterdessen haben einige Abgeordnete angekündigt, sie würden klagen.",
            &[],
            &[(Indirect, "sie würden klagen", "einige Abgeordnete")],
        ),
        // A capitalised adjective before its noun still opens the subject.
        (
            "Politische Berater sagen, dass es teuer wird.",
            &[],
            &[(Indirect, "dass es teuer wird", "Politische Berater")],
        ),
    ]);
}

#[test]
fn a_source_in_a_phrase_with_in_must_be_able_to_speak() {
    use QuoteKind::Indirect;
    check(&[
        (
            "In einer Erklärung wurde verkündet, dass die Täter vor Gericht kommen.",
            &[],
            &[(
                Indirect,
                "dass die Täter vor Gericht kommen",
                "einer Erklärung",
            )],
        ),
        // A time is no source.
        (
            "Im März war der Versuch für gescheitert erklärt worden, die Werke zu verkaufen.",
            &[],
            &[(Indirect, "die Werke zu verkaufen", "")],
        ),
    ]);
}

#[test]
fn an_opinion_noun_with_sein_vertreten_or_teilen_frames_speech() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Der Verband ist der Ansicht, dass das Gesetz den Betrieben schadet.",
            &[],
            &[(
                Indirect,
                "dass das Gesetz den Betrieben schadet",
                "Der Verband",
            )],
        ),
        (
            "Die Anwältin vertritt die Auffassung, ihr Mandant sei unschuldig.",
            &[],
            &[(Indirect, "ihr Mandant sei unschuldig", "Die Anwältin")],
        ),
        // The opinion phrase after the verb is no speaker.
        (
            "Einige Forscher teilen die Meinung, die Lage sei ernst.",
            &[],
            &[(Indirect, "die Lage sei ernst", "Einige Forscher")],
        ),
        // Without such a verb, or with a relative clause after the comma,
        // the noun frames nothing.
        ("Das ist die Meinung, die zählt.", &[], &[]),
        ("Die Ansicht, dass die Erde flach ist, hält sich.", &[], &[]),
    ]);
}

#[test]
fn nach_with_a_possessive_and_a_noun_of_opinion_is_a_source() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Nach seiner Meinung sollten die Verbraucher sensibler werden.",
            &[],
            &[(
                Indirect,
                "sollten die Verbraucher sensibler werden",
                "seiner Meinung",
            )],
        ),
        // A possessive before a noun that states nothing.
        ("Nach seiner Rückkehr besuchte er seine Familie.", &[], &[]),
    ]);
}

#[test]
fn host_names_names_in_brackets_and_abbreviations_in_marks_are_no_quotations() {
    use QuoteKind::Direct;
    check(&[
        // A web site named in marks.
        (
            "Die Äußerungen sind auf „montagsdemo.net“ wieder abrufbar.",
            &[],
            &[],
        ),
        // A sentence that names a site stays a quotation.
        (
            "Er sagte: „Das steht auf heise.de.“",
            &[],
            &[(Direct, "„Das steht auf heise.de.“", "Er")],
        ),
        // A name or its translation in brackets.
        (
            "Die Partei Jobbik („Bewegung für ein besseres Ungarn“) gewann Sitze.",
            &[],
            &[],
        ),
        (
            "Sie schloss sich der Partei (etwa: „Partei der Volksmacht“) an.",
            &[],
            &[],
        ),
        // In brackets but in lower case: a word someone used.
        (
            "Der Bericht sagte, die Täter seien so genannte („mutmaßliche“) Linke.",
            &[],
            &[
                (
                    QuoteKind::Indirect,
                    "die Täter seien so genannte („mutmaßliche“) Linke",
                    "Der Bericht",
                ),
                (Direct, "„mutmaßliche“", "Der Bericht"),
            ],
        ),
        // A name ending in an abbreviation is no sentence.
        (
            "Zu sehen ist nur eine Nachricht des „Vereins zur Förderung Freien Wissens e.V.“ im Netz.",
            &[],
            &[],
        ),
    ]);
}

#[test]
fn several_capitalised_words_after_als_are_a_quotation_near_a_verb_of_saying() {
    use QuoteKind::Direct;
    check(&[
        (
            "Der Kritiker bezeichnete seine Werke als „Meilensteine in der Musikgeschichte“.",
            &[],
            &[(
                Direct,
                "„Meilensteine in der Musikgeschichte“",
                "Der Kritiker",
            )],
        ),
        // Awarded as: a title.
        (
            "Die Stadt ist als „Stadt der Literatur und der Musik“ ausgezeichnet worden.",
            &[],
            &[],
        ),
    ]);
}

#[test]
fn a_longer_name_like_phrase_after_an_article_needs_a_verb_of_saying() {
    use QuoteKind::Direct;
    check(&[
        // Spoken of as: someone's words.
        (
            "Der Dezernent sprach von einer „Gefahr für Leib und Leben“.",
            &[],
            &[(Direct, "„Gefahr für Leib und Leben“", "Der Dezernent")],
        ),
        // No verb of saying near: a name.
        (
            "Sie wohnen seit Jahren in einer „Stadt der Kinder und der Alten“.",
            &[],
            &[],
        ),
    ]);
}

// Round 4 (attribution): each rule both ways.

#[test]
fn a_modal_or_lassen_before_an_infinitive_cue_has_the_subject() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Außerdem ließ der Pressedienst des Ministeriums verlauten, dass die Gespräche weitergehen.",
            &[],
            &[(
                Indirect,
                "dass die Gespräche weitergehen",
                "der Pressedienst des Ministeriums",
            )],
        ),
        (
            "Auch auf Nachfrage musste er betonen, dass es kaum Informationen gebe.",
            &[],
            &[(Indirect, "dass es kaum Informationen gebe", "er")],
        ),
        // A modal after the verb of saying governs nothing before it.
        (
            "Er sagte, dass er das Amt abgeben wolle.",
            &[],
            &[(Indirect, "dass er das Amt abgeben wolle", "Er")],
        ),
    ]);
}

#[test]
fn an_infinitive_cue_with_zu_has_the_main_clause_subject_and_needs_speech() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Markus Roth versuchte zu erklären, die Lage sei ruhig.",
            &[("Markus Roth", P)],
            &[(Indirect, "die Lage sei ruhig", "Markus Roth")],
        ),
        // Not the object before it (`seinen Schwenk`), and a main clause in
        // the indicative after it is no speech.
        (
            "Markus Roth hat alle Mühe, seinen Schwenk der Partei zu erklären, Anna Berg sieht sich bestätigt.",
            &[("Markus Roth", P), ("Anna Berg", P)],
            &[],
        ),
    ]);
}

#[test]
fn wie_with_a_source_after_aus_and_a_wie_frame_is_no_question() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Wie aus Unternehmenskreisen verlautete, will die Firma das Werk umrüsten.",
            &[],
            &[(
                Indirect,
                "will die Firma das Werk umrüsten",
                "aus Unternehmenskreisen",
            )],
        ),
        // A subject before the verb speaks, not the place after `aus`.
        (
            "Wie der Sprecher aus Berlin mitteilte, bleibt das Werk offen.",
            &[],
            &[(Indirect, "bleibt das Werk offen", "der Sprecher")],
        ),
        // `…, wie ein Insider berichtet`: the frame of what goes before,
        // not the content of `geschlossen`.
        (
            "Längst haben ihre Kabinette einen Pakt geschlossen, wie ein Insider berichtet.",
            &[],
            &[(
                Indirect,
                "Längst haben ihre Kabinette einen Pakt geschlossen",
                "ein Insider",
            )],
        ),
        // A question with `wie` stays content.
        (
            "Er erklärte, wie die Firma arbeite.",
            &[],
            &[(Indirect, "wie die Firma arbeite", "Er")],
        ),
    ]);
}

#[test]
fn the_one_quoted_in_the_passive_of_zitieren_speaks() {
    use QuoteKind::Direct;
    check(&[
        (
            "Anna Berg tritt zurück. Sie wird mit den Worten zitiert: „Ich will nicht im Wege stehen.“",
            &[("Anna Berg", P)],
            &[(Direct, "„Ich will nicht im Wege stehen.“", "Sie")],
        ),
        // Another passive verb of saying keeps its agent after `von`.
        // Another passive verb of saying: its subject does not speak.
        (
            "Der Plan wird mit den Worten begründet: „Die Lage ist ernst.“",
            &[],
            &[(Direct, "„Die Lage ist ernst.“", "")],
        ),
    ]);
}

#[test]
fn relative_clauses_between_subject_and_verb() {
    use QuoteKind::Indirect;
    check(&[
        // The verb of saying in the relative clause has no content; the
        // main clause's subject speaks.
        (
            "Ein hoher Beamter, den die Zeitung zitiert, kommentierte, die Erklärungen seien nur ein Argument.",
            &[],
            &[(
                Indirect,
                "die Erklärungen seien nur ein Argument",
                "Ein hoher Beamter",
            )],
        ),
        // A relative pronoun after a preposition is no subject.
        (
            "Die Polizei fasste einen Mann, von dem die Ermittler glauben, er sei der Täter.",
            &[],
            &[(Indirect, "er sei der Täter", "die Ermittler")],
        ),
    ]);
}

#[test]
fn a_rejecting_verb_reports_the_speech_of_its_object() {
    use QuoteKind::{Indirect, Reported};
    check(&[
        // The demand is the minister's; the subject goes on speaking after.
        (
            "Anna Berg wies die Forderung des Ministers Markus Roth zurück, das Asylrecht einzuschränken. An diesem Recht werde nicht gerüttelt.",
            &[("Anna Berg", P), ("Markus Roth", P)],
            &[
                (
                    Indirect,
                    "das Asylrecht einzuschränken",
                    "die Forderung des Ministers Markus Roth",
                ),
                (
                    Reported,
                    "An diesem Recht werde nicht gerüttelt.",
                    "Anna Berg",
                ),
            ],
        ),
        (
            "Der Minister hat Berichte der Wochenzeitung zurückgewiesen, er sei für den Posten vorgesehen.",
            &[],
            &[(
                Indirect,
                "er sei für den Posten vorgesehen",
                "Berichte der Wochenzeitung",
            )],
        ),
        // A verb that confirms keeps its subject as the speaker.
        (
            "Anna Berg bestätigte Berichte der Zeitung, der Plan sei gescheitert.",
            &[("Anna Berg", P)],
            &[(Indirect, "der Plan sei gescheitert", "Anna Berg")],
        ),
        // After a colon the subject speaks, whatever the object.
        (
            "Der Minister wies Vorwürfe auf Versäumnisse zurück: Der Senat habe richtig gehandelt.",
            &[],
            &[(Indirect, "Der Senat habe richtig gehandelt", "Der Minister")],
        ),
    ]);
}

#[test]
fn phrases_that_cannot_be_subjects() {
    use QuoteKind::{Direct, Indirect};
    check(&[
        // `der` with an adjective in `-en` is a dative or genitive.
        (
            "Der englischsprachigen Zeitung sagte Markus Roth: „Ich bleibe hier.“",
            &[("Markus Roth", P)],
            &[(Direct, "„Ich bleibe hier.“", "Markus Roth")],
        ),
        (
            "Der englische Minister sagte: „Ich bleibe hier.“",
            &[],
            &[(Direct, "„Ich bleibe hier.“", "Der englische Minister")],
        ),
        // An object with `den` before its apposition or relative clause,
        // and the pronoun right after the verb.
        (
            "Den Fonds, dessen Leitung heute tagt, forderte er auf, die Zahlung auszusetzen.",
            &[],
            &[(Indirect, "die Zahlung auszusetzen", "er")],
        ),
    ]);
}

#[test]
fn laut_as_an_adjective_names_no_source() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Die Musik war laut und die Nachbarn schliefen nicht.",
            &[],
            &[],
        ),
        (
            "Laut Polizei ist die Straße gesperrt.",
            &[],
            &[(Indirect, "ist die Straße gesperrt", "Polizei")],
        ),
    ]);
}

#[test]
fn brackets_and_nouns_of_age_in_speaker_phrases() {
    use QuoteKind::Indirect;
    check(&[
        // A comma inside brackets does not end the clause.
        (
            "Markus Roth (SPD) hat in einem Gespräch mit Anna Berg (Grüne, früher SPD) bekräftigt, die Koalition halte.",
            &[("Markus Roth", P), ("Anna Berg", P)],
            &[(Indirect, "die Koalition halte", "Markus Roth (SPD)")],
        ),
        (
            "Am Montag sagte der 81-jährige in einem Interview, dass die Maus tot gewesen sei.",
            &[],
            &[(Indirect, "dass die Maus tot gewesen sei", "der 81-jährige")],
        ),
        // A number before another noun is no noun of age.
        (
            "Am Montag sagte der Vater, dass 81-jährige Menschen kämen.",
            &[],
            &[(Indirect, "dass 81-jährige Menschen kämen", "der Vater")],
        ),
    ]);
}

#[test]
fn names_and_titles_announced_before_marks_are_no_quotations() {
    use QuoteKind::Direct;
    check(&[
        (
            "Alle gehören der „Union pour un Mouvement Populaire“ (UMP) an.",
            &[],
            &[],
        ),
        (
            "Das Buch ist ihr Erstwerk: „Sie befinden sich hier“.",
            &[],
            &[],
        ),
        (
            "Der wissenschaftliche Name lautet „Tiktaalik roseae“.",
            &[],
            &[],
        ),
        // A source credited in brackets is no abbreviation of the words.
        (
            "Der Minister bezeichnete den Plan als „völlig verfehlt“ (FAZ).",
            &[],
            &[(Direct, "„völlig verfehlt“", "Der Minister")],
        ),
        // A colon after a clause without a noun of titles frames speech.
        (
            "Anna Berg sagte in Berlin: „Wir bleiben hier“.",
            &[("Anna Berg", P)],
            &[(Direct, "„Wir bleiben hier“", "Anna Berg")],
        ),
    ]);
}

#[test]
fn the_auxiliary_after_a_participle_closes_a_verb_last_clause() {
    use QuoteKind::{Direct, Indirect};
    check(&[
        // `zumal X betont hatte, …`: the subject of the subordinate clause
        // whose finite auxiliary follows the participle speaks.
        (
            "Er blieb ruhig, zumal Verteidiger Jan Roth immer wieder betont hatte, der Angeklagte sei unschuldig.",
            &[("Jan Roth", P)],
            &[(
                Indirect,
                "der Angeklagte sei unschuldig",
                "Verteidiger Jan Roth",
            )],
        ),
        (
            "Er floh, nachdem die Anwältin dem Richter mitgeteilt hatte, dass der Mann gesucht werde.",
            &[],
            &[(Indirect, "dass der Mann gesucht werde", "die Anwältin")],
        ),
        // The passive: `gefragt wurde` gives the agent, not the subject.
        (
            "Er schwieg, nachdem er von Moderator Max Keller gefragt wurde, was seine Partei unterscheide.",
            &[("Max Keller", P)],
            &[(
                Indirect,
                "was seine Partei unterscheide",
                "Moderator Max Keller",
            )],
        ),
        // An auxiliary that does not close the clause is no auxiliary of
        // the participle: `hat` before its object is a main verb.
        (
            "„Wir bleiben“, hatte der Minister gesagt.",
            &[],
            &[(Direct, "„Wir bleiben“", "der Minister")],
        ),
        // A subordinate clause without speech stays without a frame.
        (
            "Zumal der Plan gescheitert war, blieb alles beim Alten.",
            &[],
            &[],
        ),
    ]);
}

#[test]
fn capitalised_nouns_of_age_head_a_phrase() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Der 58-Jährige habe darin geschrieben, er müsse gehen.",
            &[],
            &[(Indirect, "er müsse gehen", "Der 58-Jährige")],
        ),
        // Before a noun it is an adjective, and the noun heads the phrase.
        (
            "Der 58-Jährige Fahrer habe geschrieben, er müsse gehen.",
            &[],
            &[(Indirect, "er müsse gehen", "Der 58-Jährige Fahrer")],
        ),
    ]);
}

#[test]
fn a_verb_joined_by_und_shares_the_subject_before() {
    use QuoteKind::Direct;
    check(&[
        // `war er … und hatte gefragt`: the second verb has no subject of
        // its own; the first conjunct's subject speaks.
        (
            "Der Student schlief, nur ab und zu war er hochgeschreckt und hatte gefragt: „Was ist passiert?“",
            &[],
            &[(Direct, "„Was ist passiert?“", "er")],
        ),
        (
            "Als ein Gast half, biss der Randalierer den Gast und rief: „Lasst mich raus!“",
            &[],
            &[(Direct, "„Lasst mich raus!“", "der Randalierer")],
        ),
        // Never the object of the first conjunct (here: no speaker).
        (
            "Als ein Gast half, biss den Gast der Hund und rief: „Lasst mich raus!“",
            &[],
            &[(Direct, "„Lasst mich raus!“", "")],
        ),
        (
            "Den Gast biss der Hund und rief: „Lasst mich raus!“",
            &[],
            &[(Direct, "„Lasst mich raus!“", "der Hund")],
        ),
    ]);
}

#[test]
fn so_with_a_demonstrative_or_an_apposition_with_its_attribute() {
    use QuoteKind::{Direct, Indirect};
    check(&[
        (
            "„Das Elend geht weiter“, so letztere.",
            &[],
            &[(Direct, "„Das Elend geht weiter“", "letztere")],
        ),
        (
            "Die meisten handhaben es „maßvoll und vorübergehend“, so Ute Kast, die Leiterin der Fachstelle für Suchtvorbeugung.",
            &[("Ute Kast", P)],
            &[
                (
                    Indirect,
                    "Die meisten handhaben es „maßvoll und vorübergehend“",
                    "Ute Kast, die Leiterin der Fachstelle",
                ),
                (
                    Direct,
                    "„maßvoll und vorübergehend“",
                    "Ute Kast, die Leiterin der Fachstelle",
                ),
            ],
        ),
        // A clause after the comma is no apposition: no frame of `so`.
        (
            "Die Lage sei „ernst“, so Ute Kast, die dort arbeitet.",
            &[("Ute Kast", P)],
            &[],
        ),
        // A demonstrative alone at the end, not after `so`, is no speaker.
        (
            "„Wir bleiben hier“, sagte er zu dieser.",
            &[],
            &[(Direct, "„Wir bleiben hier“", "er")],
        ),
    ]);
}

#[test]
fn nach_with_nouns_of_findings_and_hyphenated_sources() {
    use QuoteKind::Indirect;
    check(&[
        (
            "Nach NASA-Angaben war die Sonde 120 Meilen entfernt.",
            &[],
            &[(
                Indirect,
                "war die Sonde 120 Meilen entfernt",
                "NASA-Angaben",
            )],
        ),
        (
            "Nach ersten Untersuchungen liegt keine Straftat vor.",
            &[],
            &[(
                Indirect,
                "liegt keine Straftat vor",
                "ersten Untersuchungen",
            )],
        ),
        (
            "Nach dem Willen des Gipfels soll der Konflikt friedlich gelöst werden.",
            &[],
            &[(
                Indirect,
                "soll der Konflikt friedlich gelöst werden",
                "Willen des Gipfels",
            )],
        ),
        // A hyphenated word whose last part is no source noun, and the
        // singular `Untersuchung` (mostly a time): no frame.
        (
            "Nach NASA-Tagen war die Sonde 120 Meilen entfernt.",
            &[],
            &[],
        ),
        ("Nach der Untersuchung ging der Mann nach Hause.", &[], &[]),
    ]);
}
