//! Figures in a report: numbers with what they count (`7.000 Container`,
//! `4,8 Millionen Granaten`), amounts of money, percentages, and dates, each
//! with its byte span and the span of its sentence.

use super::casualty::{Casualty, classify};
use super::date::{DateValue, date_at, month_word, weekday_word};
use super::number::{Quantity, Unit, quantity_at};
use super::stopword::is_stopword;
use super::token::{Token, TokenKind, tokenize};
use crate::text::adjective::has_adjective_ending;
use crate::text::sentence::{sentence_at, sentences};
use serde::Serialize;
use std::ops::Range;

/// A noun in the text: the thing a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Noun {
    /// The noun as written.
    pub text: String,
    /// Its byte range in the document.
    pub span: Range<usize>,
}

/// What a figure says.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FigureValue {
    /// A number: a count, an amount of money or a percentage.
    Quantity(Quantity),
    /// A date.
    Date(DateValue),
}

/// One figure found in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Byte range of the figure in the document: from its qualifier to its
    /// counted noun (`rund 7.000 Container`) or the end of the date.
    pub span: Range<usize>,
    /// The text of the span.
    pub text: String,
    /// What it says.
    pub value: FigureValue,
    /// The noun it counts (`Container` in `7.000 Container mit Munition`;
    /// `Schuss` in `fünf Millionen Schuss Artilleriemunition`).
    pub counted: Option<Noun>,
    /// A second noun saying what the counted things hold or are made of
    /// (`Munition`, `Artilleriemunition`).
    pub detail: Option<Noun>,
    /// For a figure with no counted noun after it, the noun shortly before it
    /// in its clause that it is about (`Wahlbeteiligung` in `Die
    /// Wahlbeteiligung lag bei 61,2 Prozent`).
    pub topic: Option<Noun>,
    /// For a count of people: whether they were killed, injured, went
    /// missing or were displaced.
    pub casualty: Option<Casualty>,
    /// Byte range of the sentence it stands in.
    pub sentence: Range<usize>,
}

impl Figure {
    /// The quantity, for figures that are numbers.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.value {
            FigureValue::Quantity(q) => Some(q),
            FigureValue::Date(_) => None,
        }
    }

    /// The date, for figures that are dates.
    pub fn date(&self) -> Option<&DateValue> {
        match &self.value {
            FigureValue::Date(d) => Some(d),
            FigureValue::Quantity(_) => None,
        }
    }
}

/// Whether a token is a noun that a number could count: capitalised, not a
/// month, weekday, unit or function word.
pub(super) fn is_countable_noun(t: &Token) -> bool {
    t.is_capitalized()
        && t.text.chars().count() >= 2
        && month_word(t.text).is_none()
        && weekday_word(t.text).is_none()
        && !is_stopword(t.text)
        && !t.text.chars().all(|c| c.is_uppercase())
}

/// Whether a lower-case word looks like an inflected adjective or participle
/// that may stand between a number and its noun (`russische`, `weiteren`).
fn looks_adjective(t: &Token) -> bool {
    if !t.is_lowercase_word() || is_stopword(t.text) || t.text.chars().count() < 4 {
        return false;
    }
    has_adjective_ending(t.text)
}

/// The noun after position `j`, past up to three adjectives.
fn noun_after(tokens: &[Token], mut j: usize) -> Option<usize> {
    let mut adjectives = 0;
    while let Some(t) = tokens.get(j) {
        if is_countable_noun(t) {
            return Some(j);
        }
        if adjectives < 3 && looks_adjective(t) {
            adjectives += 1;
            j += 1;
            continue;
        }
        return None;
    }
    None
}

fn noun(t: &Token) -> Noun {
    Noun {
        text: t.text.to_string(),
        span: t.span(),
    }
}

/// Whether a line break separates two tokens (a number ending a table cell
/// does not count the word on the next line).
fn line_between(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start)
        .is_none_or(|gap| gap.contains('\n'))
}

/// The counted noun and detail noun after a number phrase ending before token
/// `j`, and the index after the counted noun; nothing across a line break.
fn counted_after(
    text: &str,
    tokens: &[Token],
    j: usize,
    unit: Unit,
) -> (Option<Noun>, Option<Noun>, usize) {
    let Some(last) = j.checked_sub(1).and_then(|k| tokens.get(k)) else {
        return (None, None, j);
    };
    let start = match unit {
        Unit::Count => noun_after(tokens, j),
        // `20 Prozent der Stimmen`
        Unit::Percent | Unit::PercentagePoints => tokens
            .get(j)
            .filter(|t| matches!(t.text, "der" | "des" | "aller"))
            .and_then(|_| noun_after(tokens, j + 1)),
        // `5 Millionen Euro Soforthilfe`
        Unit::Money(_) => tokens.get(j).filter(|t| is_countable_noun(t)).map(|_| j),
    };
    let Some(k) = start.filter(|&k| !line_between(text, last, &tokens[k])) else {
        return (None, None, j);
    };
    let counted = noun(&tokens[k]);
    let mut detail = None;
    if let Some(n) = tokens
        .get(k + 1)
        .filter(|n| !line_between(text, &tokens[k], n))
    {
        if is_countable_noun(n) {
            // `Schuss Artilleriemunition`, `Tonnen Getreide`
            detail = Some(noun(n));
        } else if matches!(n.text, "mit" | "an" | "voller" | "voll")
            && let Some(d) = noun_after(tokens, k + 2)
        {
            // `Container mit Munition`, `Tonnen an Hilfsgütern`
            detail = Some(noun(&tokens[d]));
        }
    }
    (Some(counted), detail, k + 1)
}

/// Nouns before a number phrase starting at token `start`, within its clause
/// (no punctuation crossed, at most twelve tokens back, not before `floor`):
/// the noun of a `Zahl der …` phrase (`Die Zahl der Toten stieg auf 45`), and
/// the nearest noun (`Die Wahlbeteiligung lag bei 61,2 Prozent`).
fn noun_before(tokens: &[Token], start: usize, floor: usize) -> (Option<Noun>, Option<Noun>) {
    let mut nearest = None;
    let mut number_of = None;
    for k in (start.saturating_sub(12)..start).rev() {
        let t = &tokens[k];
        if t.start < floor || t.kind == TokenKind::Punct {
            break;
        }
        let is_number_of = t.text == "Zahl" || (t.text.ends_with("zahl") && t.is_capitalized());
        // `in Höhe von`, `im Wert von`, `im Umfang von`: a frame, not a topic.
        // `in der Höhe von` too.
        let preposition = |p: usize| matches!(tokens[p].text, "in" | "im");
        let frame = k > 0
            && (preposition(k - 1)
                || (k > 1 && matches!(tokens[k - 1].text, "der" | "dem") && preposition(k - 2)))
            && tokens.get(k + 1).is_some_and(|n| n.text == "von");
        if nearest.is_none() && is_countable_noun(t) && !is_number_of && !frame {
            nearest = Some(noun(t));
        }
        if is_number_of
            && tokens
                .get(k + 1)
                .is_some_and(|n| matches!(n.text, "der" | "an"))
            && let Some(n) = noun_after(tokens, k + 2).filter(|&n| n < start)
        {
            number_of = Some(noun(&tokens[n]));
            break;
        }
    }
    (number_of, nearest)
}

/// Whether the word at token `k` makes the count before it a point in time
/// relative to another (`zwei Tage zuvor`, `drei Jahre später`), not an
/// amount.
fn relative_time(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| {
        matches!(
            t.text,
            "zuvor" | "später" | "danach" | "vorher" | "darauf" | "davor" | "nachher"
        )
    })
}

/// Whether the figure at `span` is the date of a credit line, the agency and
/// day a report was filed (`(APA, 31.1.2016)`): the date of the report, not
/// of an event it reports.
pub fn is_credit_date(text: &str, span: &Range<usize>) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let Some(before) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let Some(open) = before.rfind('(') else {
        return false;
    };
    let source = before[open + 1..].trim();
    after.trim_start().starts_with(')')
        && !source.is_empty()
        && source.chars().count() <= 40
        && source.chars().next().is_some_and(char::is_uppercase)
        && !source.contains([',', '(', ')', '.'])
}

/// Every figure in a text, in text order. Counts are kept only when they have
/// a counted noun, after them or in a `Zahl der …` phrase before them (a bare
/// `12` says too little to compare); amounts of money, percentages and dates
/// are always kept.
pub fn extract(text: &str) -> Vec<Figure> {
    let tokens = tokenize(text);
    let sents = sentences(text);
    let sentence_of = |span: &Range<usize>| sentence_at(&sents, span.start).unwrap_or(span.clone());
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, end)) = date_at(&tokens, i) {
            let span = tokens[i].start..tokens[end - 1].end;
            out.push(Figure {
                text: text[span.clone()].to_string(),
                sentence: sentence_of(&span),
                span,
                value: FigureValue::Date(date),
                counted: None,
                detail: None,
                topic: None,
                casualty: None,
            });
            i = end;
            continue;
        }
        if let Some(m) = quantity_at(&tokens, i) {
            let unit = m.quantity.unit;
            let (mut counted, detail, end) = counted_after(text, &tokens, m.end, unit);
            let sentence = sentence_of(&tokens[m.start].span());
            let mut topic = None;
            if counted.is_none() {
                let (number_of, before) = noun_before(&tokens, m.start, sentence.start);
                if unit == Unit::Count {
                    counted = number_of;
                } else {
                    topic = number_of.or(before);
                }
            }
            if unit == Unit::Count && (counted.is_none() || relative_time(&tokens, end)) {
                i = m.end.max(i + 1);
                continue;
            }
            let last = if end > m.end { end } else { m.end };
            let span = tokens[m.start].start..tokens[last - 1].end;
            let casualty = match unit {
                Unit::Count => classify(
                    text,
                    &sentence,
                    &span,
                    counted.as_ref().map(|n| n.text.as_str()),
                ),
                _ => None,
            };
            out.push(Figure {
                text: text[span.clone()].to_string(),
                sentence,
                span,
                value: FigureValue::Quantity(m.quantity),
                counted,
                detail,
                topic,
                casualty,
            });
            i = last;
            continue;
        }
        i += 1;
    }
    out
}

/// The content words of a text range, as folded stems: words of four or more
/// letters that are not stop words, numbers, or date words, outside the
/// `skip` ranges (the figure itself, entity mentions).
pub fn content_words(text: &str, range: Range<usize>, skip: &[Range<usize>]) -> Vec<String> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    tokenize(slice)
        .iter()
        .filter(|t| {
            let (s, e) = (t.start + range.start, t.end + range.start);
            t.kind == TokenKind::Word
                && !skip.iter().any(|k| s < k.end && k.start < e)
                && t.text.chars().count() >= 4
                && !is_stopword(t.text)
                && month_word(t.text).is_none()
                && weekday_word(t.text).is_none()
                && super::number::number_word(t.text).is_none()
        })
        .map(|t| word_stem(t.text))
        .collect()
}

/// A crude German stem for comparing sentence words: folded, with up to two
/// inflection endings removed (`Gipfeltreffen` → `gipfeltreff`,
/// `erstes`/`ersten` → `erst`, `besuchte`/`besucht` → `besucht`).
pub fn word_stem(word: &str) -> String {
    let mut f = super::head::fold(word);
    for _ in 0..2 {
        let Some(s) = ["ern", "em", "en", "er", "es", "e", "n", "s"]
            .iter()
            .find_map(|e| f.strip_suffix(e).filter(|s| s.chars().count() >= 4))
        else {
            break;
        };
        f = s.to_string();
    }
    f
}

#[cfg(test)]
mod tests {
    use super::super::date::Precision;
    use super::super::number::{Currency, Qualifier};
    use super::*;

    /// What a test expects of the first figure in a phrase.
    enum Want {
        /// value, qualifier, unit, counted noun (or "").
        Q(f64, Qualifier, Unit, &'static str),
        /// year, month, day, precision.
        D(Option<i32>, Option<u8>, Option<u8>, Precision),
    }
    use Qualifier::*;
    use Want::*;

    const EUR: Unit = Unit::Money(Currency::Eur);
    const USD: Unit = Unit::Money(Currency::Usd);

    /// Real German news phrasing; the first block is quoted from the seed reports.
    const CASES: &[(&str, Want)] = &[
        (
            "Nordkorea habe bereits rund 7.000 Container mit Munition und anderer militärischer Ausrüstung nach Russland geliefert.",
            Q(7000.0, About, Unit::Count, "Container"),
        ),
        (
            "Seoul habe mindestens 10.000 Schiffscontainer identifiziert, die mutmaßlich Artilleriemunition enthielten",
            Q(10_000.0, AtLeast, Unit::Count, "Schiffscontainer"),
        ),
        (
            "Diese Container könnten bis zu 4,8 Millionen Granaten enthalten, sagte Shin.",
            Q(4_800_000.0, UpTo, Unit::Count, "Granaten"),
        ),
        (
            "Russland annähernd fünf Millionen Schuss Artilleriemunition aus der Sowjetzeit geliefert zu haben",
            Q(5_000_000.0, Almost, Unit::Count, "Schuss"),
        ),
        (
            "Mühe, der Ukraine eine Million Artilleriegranaten zu liefern",
            Q(1_000_000.0, Exact, Unit::Count, "Artilleriegranaten"),
        ),
        (
            "habe Nordkorea mehr als 9.000 russische Container erhalten",
            Q(9000.0, MoreThan, Unit::Count, "Container"),
        ),
        (
            "Es kam mittlerweile zu mindestens zwei Grenzüberschreitungen durch Nordkorea",
            Q(2.0, AtLeast, Unit::Count, "Grenzüberschreitungen"),
        ),
        (
            "Ihr erstes Gipfeltreffen fand im April 2019 in Wladiwostok statt.",
            D(Some(2019), Some(4), None, Precision::Month),
        ),
        (
            "Er reiste dort einmal vor, im Juli 2000, um Kim Jong Il zu treffen",
            D(Some(2000), Some(7), None, Precision::Month),
        ),
        (
            "seit Kims Besuch in Russland im vergangenen September",
            D(None, Some(9), None, Precision::Month),
        ),
        (
            "US-Medien berichteten am 4. September unter Berufung auf Quellen",
            D(None, Some(9), Some(4), Precision::Day),
        ),
        (
            "Kremlsprecher Dmitri Peskow sagte Ende Mai in einem Briefing",
            D(None, Some(5), None, Precision::Month),
        ),
        (
            "Der nordkoreanische Führer lobte am Mittwoch die Beziehungen",
            D(None, None, None, Precision::Relative),
        ),
        // Further real news phrasing.
        (
            "Bei dem Erdbeben kamen mehr als 50.000 Menschen ums Leben.",
            Q(50_000.0, MoreThan, Unit::Count, "Menschen"),
        ),
        (
            "Die Bundesregierung stellt weitere 1,5 Milliarden Euro bereit.",
            Q(1.5e9, Exact, EUR, ""),
        ),
        (
            "Der Konzern machte einen Verlust von 2,3 Mrd. Euro.",
            Q(2.3e9, Exact, EUR, ""),
        ),
        (
            "Die Inflation lag im Mai bei 2,4 Prozent.",
            D(None, Some(5), None, Precision::Month),
        ),
        (
            "Die Inflationsrate stieg auf 2,4 Prozent.",
            Q(2.4, Exact, Unit::Percent, ""),
        ),
        (
            "Die Partei kam auf knapp 30 % der Stimmen.",
            Q(30.0, Almost, Unit::Percent, "Stimmen"),
        ),
        (
            "Die Arbeitslosenquote sank um 0,3 Prozentpunkte.",
            Q(0.3, Exact, Unit::PercentagePoints, ""),
        ),
        (
            "Die USA sagten Hilfen in Höhe von 61 Milliarden US-Dollar zu.",
            Q(61e9, Exact, USD, ""),
        ),
        (
            "Das Paket umfasst 300 Millionen Dollar.",
            Q(300e6, Exact, USD, ""),
        ),
        (
            "Bei dem Angriff wurden nach Behördenangaben 23 Zivilisten getötet.",
            Q(23.0, Exact, Unit::Count, "Zivilisten"),
        ),
        (
            "Tausende Menschen demonstrierten am Samstag in Berlin.",
            Q(1000.0, Several, Unit::Count, "Menschen"),
        ),
        (
            "Rund zwölf Prozent der Befragten gaben an, unentschlossen zu sein.",
            Q(12.0, About, Unit::Percent, "Befragten"),
        ),
        (
            "An der Kundgebung nahmen etwa dreihundertfünfzig Menschen teil.",
            Q(350.0, About, Unit::Count, "Menschen"),
        ),
        (
            "Die Polizei sprach von ca. 2.500 Teilnehmern.",
            Q(2500.0, About, Unit::Count, "Teilnehmern"),
        ),
        (
            "Das Unternehmen will bis zu 1.200 Stellen streichen.",
            Q(1200.0, UpTo, Unit::Count, "Stellen"),
        ),
        (
            "Die Ernte fiel mit 4,2 Millionen Tonnen Getreide schwach aus.",
            Q(4.2e6, Exact, Unit::Count, "Tonnen"),
        ),
        (
            "Mehr als 2000 Soldaten wurden an die Grenze verlegt.",
            Q(2000.0, MoreThan, Unit::Count, "Soldaten"),
        ),
        (
            "Der Krieg hat bislang fast 10 Millionen Menschen vertrieben.",
            Q(1e7, Almost, Unit::Count, "Menschen"),
        ),
        (
            "Die Zahl stieg auf über 1.000 Tote.",
            Q(1000.0, MoreThan, Unit::Count, "Tote"),
        ),
        (
            "Die Ticketpreise liegen bei 49 Euro im Monat.",
            Q(49.0, Exact, EUR, ""),
        ),
        (
            "Am 24. Februar 2022 begann der russische Angriff auf die Ukraine.",
            D(Some(2022), Some(2), Some(24), Precision::Day),
        ),
        (
            "Die Wahl findet am 09.06.2024 statt.",
            D(Some(2024), Some(6), Some(9), Precision::Day),
        ),
        (
            "Die Mauer fiel im November 1989.",
            D(Some(1989), Some(11), None, Precision::Month),
        ),
        (
            "Die Reform soll Anfang 2025 in Kraft treten.",
            D(Some(2025), None, None, Precision::Year),
        ),
        (
            "Das Weiße Haus erklärte letzten Monat, Russland verhandle heimlich",
            D(None, None, None, Precision::Relative),
        ),
        (
            "Seit 2014 sind rund 14.000 Menschen ums Leben gekommen.",
            D(Some(2014), None, None, Precision::Year),
        ),
        (
            "Gut 40 Abgeordnete stimmten dagegen.",
            Q(40.0, MoreThan, Unit::Count, "Abgeordnete"),
        ),
        (
            "Ein Sprecher bestätigte zwei Dutzend Festnahmen.",
            Q(24.0, Exact, Unit::Count, "Festnahmen"),
        ),
        (
            "Die Wohnung kostet monatlich 1.234,50 Euro Miete.",
            Q(1234.5, Exact, EUR, "Miete"),
        ),
        (
            "Die Stadt zählt knapp 100\u{202f}000 Einwohner.",
            Q(100_000.0, Almost, Unit::Count, "Einwohner"),
        ),
        (
            "Bei den Kämpfen wurden zwischen 20 und 30 Menschen getötet.",
            Q(20.0, Exact, Unit::Count, "Menschen"),
        ),
        (
            "Rund 10 000 Menschen flohen aus der Stadt.",
            Q(10_000.0, About, Unit::Count, "Menschen"),
        ),
        (
            "Mehrere Tausend Menschen protestierten vor dem Parlament.",
            Q(1000.0, Several, Unit::Count, "Menschen"),
        ),
        (
            "Die Zahl der Toten stieg nach Behördenangaben auf mindestens 45.",
            Q(45.0, AtLeast, Unit::Count, "Toten"),
        ),
        (
            "Die Zahl der bestätigten Infektionen liegt bei 1.234.",
            Q(1234.0, Exact, Unit::Count, "Infektionen"),
        ),
    ];

    #[test]
    fn figures_in_real_german_phrasing() {
        assert!(CASES.len() >= 30);
        for (text, want) in CASES {
            let figs = extract(text);
            let Some(f) = figs.first() else {
                panic!("no figure in {text:?}");
            };
            match (want, &f.value) {
                (Q(v, q, u, noun), FigureValue::Quantity(got)) => {
                    assert!(
                        (got.value - v).abs() < 1e-6 * v.max(1.0),
                        "{text:?}: value {} ≠ {v}",
                        got.value
                    );
                    assert_eq!((got.qualifier, got.unit), (*q, *u), "{text:?}");
                    let counted = f.counted.as_ref().map_or("", |n| n.text.as_str());
                    assert_eq!(counted, *noun, "{text:?}");
                }
                (D(y, m, d, p), FigureValue::Date(got)) => {
                    assert_eq!(
                        (got.year, got.month, got.day, got.precision),
                        (*y, *m, *d, *p),
                        "{text:?}"
                    );
                }
                _ => panic!("{text:?}: wrong kind of figure {:?}", f.value),
            }
            assert_eq!(&text[f.span.clone()], f.text);
            assert!(f.sentence.start <= f.span.start && f.span.end <= f.sentence.end);
        }
    }

    #[test]
    fn details_and_spans() {
        let t = "Russland annähernd fünf Millionen Schuss Artilleriemunition geliefert. Rund 7.000 Container mit Munition.";
        let figs = extract(t);
        assert_eq!(figs.len(), 2);
        assert_eq!(figs[0].text, "annähernd fünf Millionen Schuss");
        assert_eq!(
            figs[0].detail.as_ref().map(|n| n.text.as_str()),
            Some("Artilleriemunition")
        );
        assert_eq!(figs[1].text, "Rund 7.000 Container");
        assert_eq!(
            figs[1].detail.as_ref().map(|n| n.text.as_str()),
            Some("Munition")
        );
        assert_eq!(
            &t[figs[1].sentence.clone()],
            "Rund 7.000 Container mit Munition."
        );
    }

    #[test]
    fn bare_numbers_ordinals_and_articles_are_not_figures() {
        for t in [
            "Die Zahl stieg auf 12.",
            "Es war ihr drittes Treffen.",
            "Er machte einen Besuch.",
            "Der 30-jährige Fahrer",
            "die Nummer eins Nordkoreas Wladimir Putin",
            "Platz\t3\nFlames",
            "um 14.30 Uhr",
        ] {
            assert_eq!(extract(t), Vec::new(), "{t:?}");
        }
    }

    #[test]
    fn topics_of_percentages_and_money() {
        let f = extract("Die Wahlbeteiligung lag im Mai bei 61,2 Prozent.");
        let pct = f.iter().find(|f| f.quantity().is_some()).unwrap();
        assert_eq!(
            pct.topic.as_ref().map(|n| n.text.as_str()),
            Some("Wahlbeteiligung")
        );
        let f = extract("Der Bund sagte Soforthilfen in Höhe von 100 Millionen Euro zu.");
        assert_eq!(
            f[0].topic.as_ref().map(|n| n.text.as_str()),
            Some("Soforthilfen")
        );
        let f = extract("Ankara kündigte Soforthilfen von 500 Millionen Euro an.");
        assert_eq!(
            f[0].topic.as_ref().map(|n| n.text.as_str()),
            Some("Soforthilfen")
        );
        let f = extract("Es ist so, sagte er, 20 Prozent.");
        assert_eq!(f[0].topic, None, "no noun in the clause");
        let f = extract("Das Gericht hat eine Geldbuße in der Höhe von 562.500 Euro verhängt.");
        assert_eq!(
            f[0].topic.as_ref().map(|n| n.text.as_str()),
            Some("Geldbuße"),
            "`in der Höhe von` is a frame, not what is paid"
        );
    }

    #[test]
    fn relative_times_are_not_amounts() {
        let f = extract("Zwei Tage zuvor soll sie von der Raumstation abkoppeln.");
        assert_eq!(f, Vec::new());
        let f = extract("Drei Jahre später kehrte er zurück.");
        assert_eq!(f, Vec::new());
        // An amount of days is one.
        let f = extract("Die Mission sollte zwölf Tage dauern.");
        assert_eq!(f[0].text, "zwölf Tage");
    }

    #[test]
    fn credit_line_dates_are_told_apart() {
        let t = "(APA, 31.1.2016) Ergebnisse vom Sonntag. Am 31.1.2016 (Sonntag) fiel Schnee.";
        let credit: Vec<bool> = extract(t)
            .iter()
            .filter(|f| f.text == "31.1.2016")
            .map(|f| is_credit_date(t, &f.span))
            .collect();
        assert_eq!(credit, [true, false]);
        let t = "Die Wahl (am 24. April) und (Wien, 3. Mai 2016) und (Angaben der Polizei, 3. Mai)";
        let credit: Vec<bool> = extract(t)
            .iter()
            .map(|f| is_credit_date(t, &f.span))
            .collect();
        assert_eq!(credit, [false, true, true]);
    }

    #[test]
    fn stems_for_sentence_words() {
        assert_eq!(word_stem("erstes"), word_stem("ersten"));
        assert_eq!(word_stem("Gipfeltreffen"), "gipfeltreff");
        assert_eq!(word_stem("besuchte"), word_stem("besucht"));
        assert_eq!(word_stem("Ministers"), word_stem("Minister"));
    }
}
