//! German dates in running text: `4. September`, `April 2019`, `im Juli 2000`,
//! `2019`, `Ende Mai`, `im vergangenen September`, `letzten Monat`,
//! `am Mittwoch`, `vor zwei Jahren`, ISO (`2024-06-12`) and numeric
//! (`12.06.2024`) dates.
//!
//! Relative dates stay relative: nothing here knows when a report was written.

use super::number::{article_one, number_word, parse_digits};
use super::token::{Token, TokenKind};
use serde::Serialize;
use std::fmt;

/// How precisely a date is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only relative to the time of writing: `am Mittwoch`, `letzten Monat`.
    Relative,
    /// A year: `2019`, `im Jahr 2000`.
    Year,
    /// A month, with or without its year: `April 2019`, `im vergangenen September`.
    Month,
    /// A day: `4. September`, `2024-06-12`.
    Day,
}

/// Part of a period: `Anfang`, `Mitte`, `Ende`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// `Anfang`.
    Early,
    /// `Mitte`.
    Middle,
    /// `Ende`.
    Late,
}

/// The unit a relative date counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Days: `gestern`, `vor drei Tagen`.
    Day,
    /// Weeks: `nächste Woche`.
    Week,
    /// The weekend: `am vergangenen Wochenende`.
    Weekend,
    /// Months: `letzten Monat`.
    Month,
    /// Years: `im vergangenen Jahr`, `September letzten Jahres`.
    Year,
    /// The named month or weekday itself: `im vergangenen September`.
    Named,
}

/// A shift relative to the time of writing: `offset` periods away (negative is
/// in the past; 0 is the current one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Relative {
    /// How many periods away.
    pub offset: i32,
    /// The period counted.
    pub period: Period,
}

/// A date as a report writes it, with what it leaves open left as `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    /// How precise it is.
    pub precision: Precision,
    /// The year, if given.
    pub year: Option<i32>,
    /// The month, 1–12, if given.
    pub month: Option<u8>,
    /// The day of the month, if given.
    pub day: Option<u8>,
    /// The weekday, 1 (Monday) – 7 (Sunday), if given.
    pub weekday: Option<u8>,
    /// `Anfang`, `Mitte` or `Ende`, if given.
    pub part: Option<Part>,
    /// The shift from the time of writing, for relative dates.
    pub relative: Option<Relative>,
}

/// German month names.
const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// German weekday names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
];

impl DateValue {
    fn empty() -> DateValue {
        DateValue {
            precision: Precision::Relative,
            year: None,
            month: None,
            day: None,
            weekday: None,
            part: None,
            relative: None,
        }
    }

    fn finish(mut self) -> DateValue {
        self.precision = if self.day.is_some() && self.month.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else if self.year.is_some() {
            Precision::Year
        } else {
            Precision::Relative
        };
        self
    }

    /// Whether the date names a year or a month, so that it can be compared
    /// with dates in other reports (`am Mittwoch` cannot).
    pub fn is_anchored(&self) -> bool {
        self.year.is_some() || self.month.is_some()
    }
}

impl fmt::Display for DateValue {
    /// A normalised German rendering: `4. September 2019`, `Ende Mai`, `2019`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = self.part {
            parts.push(
                match p {
                    Part::Early => "Anfang",
                    Part::Middle => "Mitte",
                    Part::Late => "Ende",
                }
                .into(),
            );
        }
        if let Some(w) = self.weekday {
            parts.push(capitalize(WEEKDAYS[(w as usize).clamp(1, 7) - 1]));
        }
        if let Some(d) = self.day {
            parts.push(format!("{d}."));
        }
        if let Some(m) = self.month {
            parts.push(capitalize(MONTHS[(m as usize).clamp(1, 12) - 1]));
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if let Some(r) = self.relative {
            let unit = match r.period {
                Period::Day => "Tag(e)",
                Period::Week => "Woche(n)",
                Period::Weekend => "Wochenende",
                Period::Month => "Monat(e)",
                Period::Year => "Jahr(e)",
                Period::Named => "",
            };
            parts.push(format!("({:+} {unit})", r.offset).replace(" )", ")"));
        }
        write!(f, "{}", parts.join(" "))
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The month a word names (1–12): full names, `Jänner`, and abbreviations
/// such as `Sept`.
pub fn month_word(w: &str) -> Option<u8> {
    let l = w.to_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == l) {
        return Some(i as u8 + 1);
    }
    Some(match l.as_str() {
        "jänner" | "jan" => 1,
        "feber" | "feb" | "febr" => 2,
        "apr" => 4,
        "aug" => 8,
        "sep" | "sept" => 9,
        "okt" => 10,
        "nov" => 11,
        "dez" => 12,
        _ => return None,
    })
}

/// The weekday a word names (1 = Monday), also with a time of day glued on:
/// `Mittwochabend`, `Sonnabend`.
pub fn weekday_word(w: &str) -> Option<u8> {
    let l = w.to_lowercase();
    if l == "sonnabend" {
        return Some(6);
    }
    let l = [
        "vormittag",
        "nachmittag",
        "morgen",
        "mittag",
        "abend",
        "nacht",
    ]
    .iter()
    .find_map(|s| l.strip_suffix(s))
    .unwrap_or(&l);
    WEEKDAYS.iter().position(|d| *d == l).map(|i| i as u8 + 1)
}

/// Words that shift a period away from now: `vergangenen` (-1), `diesen` (0),
/// `kommenden` (+1) and their inflections.
fn shift_word(w: &str) -> Option<i32> {
    let l = w.to_lowercase();
    let stem = l
        .trim_end_matches(['n', 'm', 'r', 's'])
        .trim_end_matches('e');
    Some(match stem {
        "vergangen" | "letzt" | "vorig" | "zurückliegend" => -1,
        "dies" | "laufend" => 0,
        "kommend" | "nächst" | "folgend" => 1,
        _ => return None,
    })
}

/// The period a word counts in (`Woche`, `Monats`, `Jahren`).
fn period_word(w: &str) -> Option<Period> {
    Some(match w.to_lowercase().as_str() {
        "tag" | "tage" | "tagen" | "tages" => Period::Day,
        "woche" | "wochen" => Period::Week,
        "wochenende" | "wochenendes" => Period::Weekend,
        "monat" | "monate" | "monaten" | "monats" => Period::Month,
        "jahr" | "jahre" | "jahren" | "jahres" => Period::Year,
        _ => return None,
    })
}

/// `Anfang`, `Mitte`, `Ende`.
fn part_word(w: &str) -> Option<Part> {
    Some(match w {
        "Anfang" | "anfangs" => Part::Early,
        "Mitte" => Part::Middle,
        "Ende" => Part::Late,
        _ => return None,
    })
}

/// Words before a bare month name that make it a date (`im März`): a month
/// name alone may be a given name (`August`).
fn month_cue(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "im" | "seit"
            | "bis"
            | "ab"
            | "vom"
            | "zum"
            | "anfang"
            | "mitte"
            | "ende"
            | "des"
            | "den"
            | "dem"
            | "diesen"
            | "monat"
            | "monats"
            | "vergangenen"
            | "letzten"
            | "kommenden"
            | "nächsten"
            | "zwischen"
            | "und"
            | "oder"
            | "noch"
            | "schon"
            | "bereits"
            | "erst"
    )
}

/// A four-digit year, 1000–2199, written without separators.
fn year_number(t: &Token) -> Option<i32> {
    if t.kind != TokenKind::Number
        || t.text.len() != 4
        || !t.text.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1000..2200).contains(&y).then_some(y)
}

/// A day of the month written `4.`: the number and the index after the stop.
fn day_at(tokens: &[Token], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Number || t.text.len() > 2 || !tokens.get(i + 1)?.is_punct('.') {
        return None;
    }
    let d: u8 = t.text.parse().ok()?;
    (1..=31).contains(&d).then_some((d, i + 2))
}

/// An optional year after a month: `April 2019`, `September letzten Jahres`,
/// `Mai dieses Jahres`.
fn year_after(tokens: &[Token], j: usize, v: &mut DateValue) -> usize {
    if let Some(y) = tokens.get(j).and_then(year_number) {
        v.year = Some(y);
        return j + 1;
    }
    if let (Some(a), Some(b)) = (tokens.get(j), tokens.get(j + 1))
        && let Some(o) = shift_word(a.text)
        && b.text.eq_ignore_ascii_case("jahres")
    {
        v.relative = Some(Relative {
            offset: o,
            period: Period::Year,
        });
        return j + 2;
    }
    j
}

/// Whether a token is a capitalised noun that a bare year-like number would
/// count instead (`2000 Soldaten`), as opposed to a date word.
fn counted_noun(t: &Token) -> bool {
    t.is_capitalized() && month_word(t.text).is_none() && weekday_word(t.text).is_none()
}

/// What one date reader makes of the tokens at a position.
enum Reading {
    /// A date, and the index of the first token after it.
    Date(DateValue, usize),
    /// No date starts here, whatever the later readers would say.
    NoDate,
    /// Not this reader's form: try the next.
    Pass,
}

/// A reader of one form of date at token `i`.
type Reader = fn(&[Token], usize) -> Reading;

/// The readers [`date_at`] tries, in order.
const READERS: &[Reader] = &[
    numeric_date,
    day_and_month,
    bare_year,
    words_only,
    day_offset,
    time_ago,
    part_of_period,
    shifted,
    year_word,
    month_name,
    weekday,
];

/// Read a date starting at token `i`: the value and the index of the first
/// token after it.
pub fn date_at(tokens: &[Token], i: usize) -> Option<(DateValue, usize)> {
    tokens.get(i)?;
    for reader in READERS {
        match reader(tokens, i) {
            Reading::Date(v, end) => return Some((v.finish(), end)),
            Reading::NoDate => return None,
            Reading::Pass => {}
        }
    }
    None
}

/// Numeric dates: `12.06.2024`, `2024-06-12`.
fn numeric_date(tokens: &[Token], i: usize) -> Reading {
    let t = &tokens[i];
    if t.kind != TokenKind::Number {
        return Reading::Pass;
    }
    let mut v = DateValue::empty();
    let parts: Vec<&str> = t.text.split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (Ok(d), Ok(m), Ok(y)) = (
            parts[0].parse::<u8>(),
            parts[1].parse::<u8>(),
            parts[2].parse::<i32>(),
        ) else {
            return Reading::NoDate;
        };
        let y = if parts[2].len() == 2 { 2000 + y } else { y };
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            v.day = Some(d);
            v.month = Some(m);
            v.year = Some(y);
            return Reading::Date(v, i + 1);
        }
    }
    if let Some(y) = year_number(t)
        && let [Some(a), Some(m), Some(b), Some(d)] = [1, 2, 3, 4].map(|k| tokens.get(i + k))
        && a.is_punct('-')
        && b.is_punct('-')
        && a.start == t.end
        && m.start == a.end
        && b.start == m.end
        && d.start == b.end
        && let (Ok(mo), Ok(da)) = (m.text.parse::<u8>(), d.text.parse::<u8>())
        && (1..=12).contains(&mo)
        && (1..=31).contains(&da)
        && m.text.len() == 2
        && d.text.len() == 2
    {
        v.year = Some(y);
        v.month = Some(mo);
        v.day = Some(da);
        return Reading::Date(v, i + 5);
    }
    Reading::Pass
}

/// `4. September [2019]`.
fn day_and_month(tokens: &[Token], i: usize) -> Reading {
    if let Some((d, j)) = day_at(tokens, i)
        && let Some(m) = tokens.get(j).and_then(|t| month_word(t.text))
    {
        let mut v = DateValue::empty();
        v.day = Some(d);
        v.month = Some(m);
        let end = year_after(tokens, j + 1, &mut v);
        return Reading::Date(v, end);
    }
    Reading::Pass
}

/// A bare year: `2019`, `seit 2012`, unless it counts a noun (`2000
/// Soldaten`). Any other number is no date.
fn bare_year(tokens: &[Token], i: usize) -> Reading {
    let t = &tokens[i];
    if t.kind != TokenKind::Number {
        return Reading::Pass;
    }
    let Some(y) = year_number(t) else {
        return Reading::NoDate;
    };
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let next = tokens.get(i + 1);
    let hedged = prev.is_some_and(|p| {
        super::number::qualifier_at(tokens, i - 1).is_some() && p.kind == TokenKind::Word
    });
    let glued = next.is_some_and(|n| n.start == t.end && !n.is_punct('.') && !n.is_punct(','));
    let counts = next.is_some_and(counted_noun)
        && !prev.is_some_and(|p| {
            matches!(
                p.text.to_lowercase().as_str(),
                "jahr"
                    | "jahre"
                    | "jahres"
                    | "seit"
                    | "im"
                    | "bis"
                    | "ab"
                    | "von"
                    | "anfang"
                    | "mitte"
                    | "ende"
            )
        });
    if hedged || glued || counts {
        return Reading::NoDate;
    }
    let mut v = DateValue::empty();
    v.year = Some(y);
    Reading::Date(v, i + 1)
}

/// The readers after this one read words only.
fn words_only(tokens: &[Token], i: usize) -> Reading {
    if tokens[i].kind == TokenKind::Word {
        Reading::Pass
    } else {
        Reading::NoDate
    }
}

/// A relative date of `offset` periods.
fn relative(offset: i32, period: Period, end: usize) -> Reading {
    let mut v = DateValue::empty();
    v.relative = Some(Relative { offset, period });
    Reading::Date(v, end)
}

/// `heute`, `gestern`, `vorgestern`, `übermorgen`.
fn day_offset(tokens: &[Token], i: usize) -> Reading {
    let offset = match tokens[i].text.to_lowercase().as_str() {
        "heute" => 0,
        "gestern" => -1,
        "vorgestern" => -2,
        "übermorgen" => 2,
        _ => return Reading::Pass,
    };
    relative(offset, Period::Day, i + 1)
}

/// `vor zwei Jahren`, `vor einem Monat`.
fn time_ago(tokens: &[Token], i: usize) -> Reading {
    if tokens[i].text.to_lowercase() == "vor"
        && let Some(n) = tokens.get(i + 1)
        && let Some(p) = tokens.get(i + 2)
        && let Some(period) = period_word(p.text)
    {
        let count = if article_one(n.text) {
            Some(1.0)
        } else if n.kind == TokenKind::Number {
            parse_digits(n.text)
        } else {
            number_word(n.text)
        };
        if let Some(c) = count
            && c.fract() == 0.0
            && c < 10_000.0
        {
            return relative(-(c as i32), period, i + 3);
        }
    }
    Reading::Pass
}

/// `Anfang`/`Mitte`/`Ende` + month, year, or `des Jahres` / `letzten Jahres`.
fn part_of_period(tokens: &[Token], i: usize) -> Reading {
    let (Some(part), Some(n)) = (part_word(tokens[i].text), tokens.get(i + 1)) else {
        return Reading::Pass;
    };
    let mut v = DateValue::empty();
    v.part = Some(part);
    if let Some(m) = month_word(n.text) {
        v.month = Some(m);
        let end = year_after(tokens, i + 2, &mut v);
        return Reading::Date(v, end);
    }
    if let Some(y) = year_number(n) {
        v.year = Some(y);
        return Reading::Date(v, i + 2);
    }
    let period = tokens.get(i + 2).and_then(|p| period_word(p.text));
    let offset = if n.text == "des" {
        Some(0)
    } else {
        shift_word(n.text)
    };
    match (offset, period) {
        (Some(offset), Some(period)) => {
            v.relative = Some(Relative { offset, period });
            Reading::Date(v, i + 3)
        }
        _ => Reading::NoDate,
    }
}

/// `vergangenen September`, `letzten Monat`, `kommende Woche`, `vergangenen
/// Mittwoch`.
fn shifted(tokens: &[Token], i: usize) -> Reading {
    let (Some(offset), Some(n)) = (
        shift_word(&tokens[i].text.to_lowercase()),
        tokens.get(i + 1),
    ) else {
        return Reading::Pass;
    };
    let mut v = DateValue::empty();
    if let Some(m) = month_word(n.text) {
        v.month = Some(m);
    } else if let Some(w) = weekday_word(n.text) {
        v.weekday = Some(w);
    } else {
        let singular = matches!(
            n.text,
            "Tag" | "Woche" | "Wochenende" | "Monat" | "Jahr" | "Monats" | "Jahres"
        );
        return match period_word(n.text) {
            Some(period) if singular => relative(offset, period, i + 2),
            _ => Reading::NoDate,
        };
    }
    v.relative = Some(Relative {
        offset,
        period: Period::Named,
    });
    Reading::Date(v, i + 2)
}

/// `Jahr 2000`.
fn year_word(tokens: &[Token], i: usize) -> Reading {
    if matches!(tokens[i].text, "Jahr" | "Jahre" | "Jahres")
        && let Some(y) = tokens.get(i + 1).and_then(year_number)
    {
        let mut v = DateValue::empty();
        v.year = Some(y);
        return Reading::Date(v, i + 2);
    }
    Reading::Pass
}

/// A month with a year, or after a cue word (`im März`); an abbreviated month
/// (`Sept`) only with a year.
fn month_name(tokens: &[Token], i: usize) -> Reading {
    let t = &tokens[i];
    let Some(m) = month_word(t.text) else {
        return Reading::Pass;
    };
    if !t.is_capitalized() || t.text.len() < 3 {
        return Reading::Pass;
    }
    let l = t.text.to_lowercase();
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let abbreviated = MONTHS.iter().all(|full| *full != l) && l != "jänner";
    let mut v = DateValue::empty();
    v.month = Some(m);
    let end = year_after(tokens, i + 1, &mut v);
    let cued = prev.is_some_and(|p| month_cue(p.text))
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.text == "und" || n.is_punct(','));
    if end > i + 1 || (cued && !abbreviated) {
        Reading::Date(v, end)
    } else {
        Reading::NoDate
    }
}

/// Weekdays: `am Mittwoch`, `Mittwochabend`.
fn weekday(tokens: &[Token], i: usize) -> Reading {
    let t = &tokens[i];
    match weekday_word(t.text) {
        Some(wd) if t.is_capitalized() => {
            let mut v = DateValue::empty();
            v.weekday = Some(wd);
            Reading::Date(v, i + 1)
        }
        _ => Reading::Pass,
    }
}

/// The first date in a text, for tests and quick checks.
pub fn parse_date(text: &str) -> Option<DateValue> {
    let tokens = super::token::tokenize(text);
    (0..tokens.len()).find_map(|i| date_at(&tokens, i).map(|(v, _)| v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(offset: i32, period: Period) -> Option<Relative> {
        Some(Relative { offset, period })
    }

    #[test]
    fn absolute_dates() {
        let d = parse_date("US-Medien berichteten am 4. September unter Berufung").unwrap();
        assert_eq!(
            (d.precision, d.day, d.month, d.year),
            (Precision::Day, Some(4), Some(9), None)
        );
        let d = parse_date("fand im April 2019 in Wladiwostok statt").unwrap();
        assert_eq!(
            (d.precision, d.month, d.year),
            (Precision::Month, Some(4), Some(2019))
        );
        let d = parse_date("Er reiste dort einmal vor, im Juli 2000, um").unwrap();
        assert_eq!((d.month, d.year), (Some(7), Some(2000)));
        let d = parse_date("trafen sich 2019 zu ihrem ersten Gipfeltreffen").unwrap();
        assert_eq!(
            (d.precision, d.year, d.month),
            (Precision::Year, Some(2019), None)
        );
        let d = parse_date("fand im Jahr 2000 statt").unwrap();
        assert_eq!(d.year, Some(2000));
        let d = parse_date("Stand: 2024-06-12").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2024), Some(6), Some(12)));
        let d = parse_date("am 12.06.2024 um 14.30 Uhr").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2024), Some(6), Some(12)));
        let d = parse_date("Am 24. Februar 2022 begann").unwrap();
        assert_eq!(
            (d.precision, d.year, d.month, d.day),
            (Precision::Day, Some(2022), Some(2), Some(24))
        );
        let d = parse_date("Ende Mai nicht gelungen").unwrap();
        assert_eq!(
            (d.part, d.month, d.precision),
            (Some(Part::Late), Some(5), Precision::Month)
        );
        let d = parse_date("bis Mitte 2025").unwrap();
        assert_eq!((d.part, d.year), (Some(Part::Middle), Some(2025)));
    }

    #[test]
    fn relative_dates_stay_relative() {
        let d = parse_date("seit Kims Besuch in Russland im vergangenen September zu").unwrap();
        assert_eq!((d.month, d.relative), (Some(9), rel(-1, Period::Named)));
        let d = parse_date("Das Weiße Haus erklärte letzten Monat, Russland").unwrap();
        assert_eq!(
            (d.precision, d.relative),
            (Precision::Relative, rel(-1, Period::Month))
        );
        let d = parse_date("lobte am Mittwoch die Beziehungen").unwrap();
        assert_eq!((d.precision, d.weekday), (Precision::Relative, Some(3)));
        let d = parse_date("im Weltraumbahnhof im September letzten Jahres").unwrap();
        assert_eq!((d.month, d.relative), (Some(9), rel(-1, Period::Year)));
        let d = parse_date("besuchen wird, schon nächste Woche").unwrap();
        assert_eq!(d.relative, rel(1, Period::Week));
        let d = parse_date("noch in diesem Monat nach Russland").unwrap();
        assert_eq!(d.relative, rel(0, Period::Month));
        let d = parse_date("Das geschah vor zwei Jahren").unwrap();
        assert_eq!(d.relative, rel(-2, Period::Year));
        let d = parse_date("am Dienstagabend").unwrap();
        assert_eq!(d.weekday, Some(2));
        let d = parse_date("wie gestern bekannt wurde").unwrap();
        assert_eq!(d.relative, rel(-1, Period::Day));
        assert!(!d.is_anchored());
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse_date("2000 Soldaten marschierten"), None);
        assert_eq!(parse_date("August Bebel sprach"), None, "a given name");
        assert_eq!(parse_date("am 4. Tag"), None);
        assert_eq!(parse_date("in den letzten Jahren"), None);
        assert_eq!(
            parse_date("rund 2000 sollen es sein"),
            None,
            "a hedged count"
        );
        assert_eq!(parse_date("Mai 1.500"), None);
    }
}
