//! Tests of the comparison of two reports' figures.

use super::super::figure::extract;
use super::super::number::Qualifier;
use super::*;
use crate::corpus::DocId;

fn q(value: f64, qualifier: Qualifier) -> Quantity {
    Quantity {
        value,
        upper: None,
        qualifier,
        unit: Unit::Count,
    }
}

#[test]
fn specificity_falls_with_document_frequency() {
    assert_eq!(specificity(2, 2), 1.0);
    assert_eq!(specificity(5, 2), 1.0);
    assert!(specificity(5, 5) < 0.2);
    assert!(specificity(100, 100) < 0.01);
    assert!(specificity(5, 3) > specificity(5, 4));
}

#[test]
fn hedged_ranges_decide_between_contradiction_and_difference() {
    use Qualifier::*;
    assert_eq!(
        quantity_relation(&q(7000.0, About), &q(10_000.0, AtLeast)),
        Relation::Contradicts
    );
    assert_eq!(
        quantity_relation(&q(9000.0, MoreThan), &q(10_000.0, AtLeast)),
        Relation::Differs
    );
    assert_eq!(
        quantity_relation(&q(4.8e6, UpTo), &q(5e6, Almost)),
        Relation::Differs
    );
    assert_eq!(
        quantity_relation(&q(23.0, Exact), &q(31.0, Exact)),
        Relation::Contradicts
    );
    assert_eq!(
        quantity_relation(&q(7000.0, About), &q(7000.0, Exact)),
        Relation::Same
    );
}

#[test]
fn dates_agree_where_both_are_specific() {
    let d = |s: &str| super::super::date::parse_date(s).unwrap();
    assert_eq!(
        date_relation(&d("im April 2019"), &d("2019 trafen")),
        Relation::MorePrecise
    );
    assert_eq!(
        date_relation(&d("im April 2019"), &d("im Juli 2000")),
        Relation::Contradicts
    );
    assert_eq!(
        date_relation(&d("im Jahr 2000"), &d("seit 2000 nicht")),
        Relation::Same
    );
    assert_eq!(
        date_relation(&d("Ende Mai"), &d("Anfang Mai")),
        Relation::Differs
    );
    assert_eq!(
        date_relation(&d("im vergangenen September"), &d("im September 2023")),
        Relation::MorePrecise
    );
}

#[test]
fn a_part_of_a_period_holds_only_its_months_and_days() {
    let d = |s: &str| super::super::date::parse_date(s).unwrap();
    assert_eq!(
        date_relation(&d("am 10. Juni 1999"), &d("Mitte 1999")),
        Relation::MorePrecise
    );
    assert_eq!(
        date_relation(&d("Mitte 1999"), &d("am 24. März 1999")),
        Relation::Differs
    );
    assert_eq!(
        date_relation(&d("Anfang Juni"), &d("am 3. Juni")),
        Relation::MorePrecise
    );
    assert_eq!(
        date_relation(&d("am 28. Juni"), &d("Anfang Juni")),
        Relation::Differs
    );
}

#[test]
fn clauses_end_at_punctuation_and_keep_their_relative_clauses() {
    let t = "Der Minister sagte, Seoul habe 10.000 Container identifiziert, die Munition enthielten, \
             die man nach Russland schickte.";
    let f = &extract(t)[0];
    assert_eq!(
        &t[clause(t, &f.sentence, &f.span)],
        "Seoul habe 10.000 Container identifiziert, die Munition enthielten, \
         die man nach Russland schickte."
    );
    let t = "Er ließ das Dorf bombardieren, bei dem 148 Bewohner getötet wurden, sagte sie.";
    let f = &extract(t)[0];
    assert_eq!(
        &t[clause(t, &f.sentence, &f.span)],
        "Er ließ das Dorf bombardieren, bei dem 148 Bewohner getötet wurden"
    );
    let t = "In einer Umfrage sagten 25 Prozent der Befragten, sie würden Geschenke verkaufen.";
    let f = &extract(t)[0];
    assert_eq!(
        &t[clause(t, &f.sentence, &f.span)],
        "In einer Umfrage sagten 25 Prozent der Befragten"
    );
}

#[test]
fn modal_clauses_are_hypothetical() {
    let hyp = |t: &str| {
        let f = &extract(t)[0];
        Context::of(t, f, &[]).hypothetical
    };
    assert!(hyp("Er müsste 70 Prozent der Stimmen gewinnen."));
    assert!(hyp("Nötig sind 1.144 Delegierte."));
    assert!(
        !hyp("Dabei wurden 12 Menschen getötet."),
        "wurden is not würden"
    );
    assert!(!hyp("Er erhielt 35 Prozent der Stimmen."));
    assert!(!hyp("Die Firma muss 600.000 Euro Strafe zahlen."));
}

fn contexts(text: &str, figs: &[Figure]) -> Vec<Context> {
    figs.iter().map(|f| Context::of(text, f, &[])).collect()
}

#[test]
fn matching_uses_compound_heads_and_context() {
    let left = "Der Minister sagte, Nordkorea habe rund 7.000 Container mit Munition nach Russland geliefert. \
                Bei dem Brand starben 12 Menschen.";
    let right = "Nordkorea habe nach Angaben des Ministers mindestens 10.000 Schiffscontainer mit Munition nach Russland geliefert. \
                 Auf dem Markt wurden 40 Granaten gefunden.";
    let (lf, rf) = (extract(left), extract(right));
    let pairs = pair_figures(
        &lf,
        &contexts(left, &lf),
        &rf,
        &contexts(right, &rf),
        &Uniform,
    );
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let p = &pairs[0];
    assert_eq!(lf[p.left].text, "rund 7.000 Container");
    assert_eq!(rf[p.right].text, "mindestens 10.000 Schiffscontainer");
    assert_eq!(p.relation, Relation::Contradicts);
    assert!(p.why.contains("43 % higher"), "{}", p.why);
}

#[test]
fn same_head_without_shared_context_is_not_a_match() {
    let left = "Im Hafen von Hamburg standen 7.000 Container.";
    let right = "Die Firma bestellte 500 Kühlcontainer bei einem Hersteller in Asien.";
    let (lf, rf) = (extract(left), extract(right));
    assert_eq!(
        pair_figures(
            &lf,
            &contexts(left, &lf),
            &rf,
            &contexts(right, &rf),
            &Uniform
        ),
        Vec::new()
    );
}

#[test]
fn dates_of_different_events_in_one_story_are_not_contradictions() {
    let left = "Nachdem im Februar 2024 Korruptionsvorwürfe gegen den Bürgermeister laut geworden waren, \
                forderten Tausende Demonstranten in der Hauptstadt seinen Rücktritt.";
    let right = "Am 4. April 2024 gab der Bürgermeister seinen Rücktritt bekannt, als die Neuwahl zu einem Patt geführt hatte.";
    let (lf, rf) = (extract(left), extract(right));
    let (cl, cr) = (contexts(left, &lf), contexts(right, &rf));
    let (context, _) = cl[0].overlap(&cr[0], &Uniform);
    assert!(context >= 2.0, "enough shared words alone");
    assert_eq!(pair_figures(&lf, &cl, &rf, &cr, &Uniform), Vec::new());
    // A paraphrase of the same event is a contradiction.
    let right = "Der Bürgermeister trat nach Korruptionsvorwürfen und Demonstrationen in der Hauptstadt im März 2024 zurück, \
                 Tausende Demonstranten hatten seinen Rücktritt gefordert.";
    let left = "Im Februar 2024 trat der Bürgermeister nach Korruptionsvorwürfen zurück, Tausende Demonstranten hatten seinen Rücktritt gefordert.";
    let (lf, rf) = (extract(left), extract(right));
    let pairs = pair_figures(
        &lf,
        &contexts(left, &lf),
        &rf,
        &contexts(right, &rf),
        &Uniform,
    );
    let dates: Vec<_> = pairs
        .iter()
        .filter(|p| lf[p.left].date().is_some())
        .collect();
    assert_eq!(dates.len(), 1, "{pairs:?}");
    assert_eq!(dates[0].relation, Relation::Contradicts);
}

#[test]
fn pairing_is_one_to_one_and_prefers_shared_entities() {
    let left = "Rund 7.000 Container gingen von Nordkorea nach Russland. Mehr als 9.000 Container kamen zurück nach Nordkorea.";
    let right = "Mindestens 10.000 Container gingen von Nordkorea nach Russland.";
    let (lf, rf) = (extract(left), extract(right));
    // Entities by hand: 0 = Nordkorea, 1 = Russland.
    let mention = |text: &str, name: &str, entity: u32| -> Vec<Mention> {
        text.match_indices(name)
            .map(|(s, n)| Mention {
                doc: DocId(0),
                start: s as u32,
                end: (s + n.len()) as u32,
                entity: EntityId(entity),
            })
            .collect()
    };
    let ml: Vec<Mention> = [mention(left, "Nordkorea", 0), mention(left, "Russland", 1)].concat();
    let mr: Vec<Mention> = [
        mention(right, "Nordkorea", 0),
        mention(right, "Russland", 1),
    ]
    .concat();
    let cl: Vec<Context> = lf.iter().map(|f| Context::of(left, f, &ml)).collect();
    let cr: Vec<Context> = rf.iter().map(|f| Context::of(right, f, &mr)).collect();
    assert!(cl[0].entities.contains(&EntityId(1)) && !cl[1].entities.contains(&EntityId(1)));
    let pairs = pair_figures(&lf, &cl, &rf, &cr, &Uniform);
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].left, pairs[0].right),
        (0, 0),
        "7.000 pairs with 10.000, not 9.000"
    );
}
