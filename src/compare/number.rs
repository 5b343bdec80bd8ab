//! German numbers in running text: digits with German separators (`7.000`,
//! `4,8`, `1.234.567,5`), number words (`fünf`, `dreihundertfünfzig`), scale
//! words (`Millionen`, `Mrd.`), qualifiers (`rund`, `mindestens`, `bis zu`),
//! percentages and amounts of money.

use super::token::{Token, TokenKind};
use serde::Serialize;
use std::fmt;

/// How a number is hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No hedge: `7.000 Container`.
    Exact,
    /// About: `rund`, `etwa`, `ca.`, `ungefähr`, `schätzungsweise`, `um die`.
    About,
    /// More than: `mehr als`, `über`, `gut`.
    MoreThan,
    /// At least: `mindestens`, `wenigstens`.
    AtLeast,
    /// Up to: `bis zu`, `höchstens`, `maximal`.
    UpTo,
    /// Less than: `weniger als`, `unter`.
    LessThan,
    /// Nearly, from below: `knapp`, `fast`, `beinahe`, `annähernd`, `nahezu`.
    Almost,
    /// An unspecified multiple: `Tausende`, `Hunderte`, `Dutzende`.
    Several,
}

impl Qualifier {
    /// The German word for the qualifier, empty for [`Qualifier::Exact`].
    pub fn german(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "rund",
            Qualifier::MoreThan => "mehr als",
            Qualifier::AtLeast => "mindestens",
            Qualifier::UpTo => "bis zu",
            Qualifier::LessThan => "weniger als",
            Qualifier::Almost => "knapp",
            Qualifier::Several => "mehrere",
        }
    }

    /// The range of true values the hedged number `v` allows (for `v ≥ 0`).
    pub fn range(self, v: f64) -> (f64, f64) {
        match self {
            Qualifier::Exact => (v, v),
            Qualifier::About => (v * 0.9, v * 1.1),
            Qualifier::MoreThan | Qualifier::AtLeast => (v, f64::INFINITY),
            Qualifier::UpTo | Qualifier::LessThan => (0.0, v),
            Qualifier::Almost => (v * 0.9, v),
            Qualifier::Several => (v * 2.0, v * 10.0),
        }
    }
}

/// A currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum Currency {
    Eur,
    Usd,
    Gbp,
    Chf,
    Rub,
    Krw,
    Jpy,
    Cny,
    Uah,
    Pln,
    Try,
    Inr,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Rub => "RUB",
            Currency::Krw => "KRW",
            Currency::Jpy => "JPY",
            Currency::Cny => "CNY",
            Currency::Uah => "UAH",
            Currency::Pln => "PLN",
            Currency::Try => "TRY",
            Currency::Inr => "INR",
        }
    }

    /// The currency a word or symbol names: `Euro`, `€`, `US-Dollar`, `Won`.
    pub fn from_word(w: &str) -> Option<Currency> {
        let l = w.to_lowercase();
        Some(match l.as_str() {
            "euro" | "euros" | "eur" | "€" => Currency::Eur,
            "dollar" | "us-dollar" | "usd" | "$" | "us$" => Currency::Usd,
            "pfund" | "gbp" | "£" => Currency::Gbp,
            "franken" | "chf" | "schweizer-franken" => Currency::Chf,
            "rubel" | "rub" | "₽" => Currency::Rub,
            "won" | "krw" | "₩" => Currency::Krw,
            "yen" | "jpy" | "¥" => Currency::Jpy,
            "yuan" | "renminbi" | "cny" => Currency::Cny,
            "hrywnja" | "hrywnia" | "griwna" | "uah" | "₴" => Currency::Uah,
            "zloty" | "złoty" | "pln" => Currency::Pln,
            "lira" | "try" => Currency::Try,
            "rupien" | "rupie" | "inr" | "₹" => Currency::Inr,
            _ => return None,
        })
    }
}

/// What a number measures, as far as the number phrase itself says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "currency")]
pub enum Unit {
    /// A count of something (the counted noun is found by [`super::figure`]).
    Count,
    /// A percentage: `20 %`, `20 Prozent`.
    Percent,
    /// Percentage points: `3 Prozentpunkte`.
    PercentagePoints,
    /// An amount of money.
    Money(Currency),
}

/// A hedged number with its unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    /// The number, scale words applied: `4,8 Millionen` is `4_800_000.0`;
    /// for a range (`5.000 bis 7.000`), its lower end.
    pub value: f64,
    /// The upper end of a range (`7.000` in `zwischen 5.000 und 7.000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// How it is hedged.
    pub qualifier: Qualifier,
    /// What it measures.
    pub unit: Unit,
}

impl Quantity {
    /// The range of true values the quantity allows: a range's ends, or the
    /// hedged range of its number (see [`Qualifier::range`]).
    pub fn range(&self) -> (f64, f64) {
        match self.upper {
            Some(u) => (self.value, u),
            None => self.qualifier.range(self.value),
        }
    }
}

impl fmt::Display for Quantity {
    /// German display: `mindestens 10.000`, `4,8 Mio.`, `20 %`, `1,5 Mrd. USD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.qualifier != Qualifier::Exact {
            write!(f, "{} ", self.qualifier.german())?;
        }
        write!(f, "{}", format_german(self.value))?;
        if let Some(u) = self.upper {
            write!(f, " bis {}", format_german(u))?;
        }
        match self.unit {
            Unit::Count => Ok(()),
            Unit::Percent => write!(f, " %"),
            Unit::PercentagePoints => write!(f, " Prozentpunkte"),
            Unit::Money(c) => write!(f, " {}", c.code()),
        }
    }
}

/// Format a number the German way: `7.000`, `4,8 Mio.`, `1,5 Mrd.`, `0,25`.
pub fn format_german(v: f64) -> String {
    let (scaled, suffix) = if v.abs() >= 1e9 && (v / 1e7).fract() == 0.0 {
        (v / 1e9, " Mrd.")
    } else if v.abs() >= 1e6 && (v / 1e4).fract() == 0.0 {
        (v / 1e6, " Mio.")
    } else {
        (v, "")
    };
    let rounded = (scaled * 100.0).round() / 100.0;
    let int = rounded.trunc().abs() as u64;
    let frac = ((rounded.abs() - int as f64) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    if frac > 0 {
        let f = format!("{frac:02}");
        grouped.push(',');
        grouped.push_str(f.trim_end_matches('0'));
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!("{sign}{grouped}{suffix}")
}

/// Parse digits written the German way: `.` groups thousands, `,` marks
/// decimals (`7.000`, `4,8`, `1.234.567,5`, `2019`); non-breaking spaces may
/// group thousands (`10 000`). Returns `None` for anything else, such as
/// times (`14.30`) or dates (`12.06.2024`).
pub fn parse_digits(s: &str) -> Option<f64> {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut groups = int.split('.');
    let first = groups.next()?;
    if first.is_empty() || (int.contains('.') && first.len() > 3) {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
    }
    let mut value: f64 = digits.parse().ok()?;
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let fv: f64 = format!("0.{f}").parse().ok()?;
        value += fv;
    }
    Some(value)
}

/// Units 1–9 as they appear inside compounds (`ein` in `einundzwanzig`).
fn unit_word(s: &str) -> Option<u64> {
    Some(match s {
        "ein" | "eins" => 1,
        "zwei" | "zwo" => 2,
        "drei" => 3,
        "vier" => 4,
        "fünf" => 5,
        "sechs" => 6,
        "sieben" => 7,
        "acht" => 8,
        "neun" => 9,
        _ => return None,
    })
}

/// Numbers below 100 written as one word.
fn below_100(s: &str) -> Option<u64> {
    let simple = match s {
        "null" => Some(0),
        "zehn" => Some(10),
        "elf" => Some(11),
        "zwölf" => Some(12),
        "dreizehn" => Some(13),
        "vierzehn" => Some(14),
        "fünfzehn" => Some(15),
        "sechzehn" => Some(16),
        "siebzehn" => Some(17),
        "achtzehn" => Some(18),
        "neunzehn" => Some(19),
        "zwanzig" => Some(20),
        "dreißig" | "dreissig" => Some(30),
        "vierzig" => Some(40),
        "fünfzig" => Some(50),
        "sechzig" => Some(60),
        "siebzig" => Some(70),
        "achtzig" => Some(80),
        "neunzig" => Some(90),
        _ => None,
    };
    if simple.is_some() {
        return simple;
    }
    if let Some(u) = unit_word(s) {
        return Some(u);
    }
    let (u, t) = s.split_once("und")?;
    let tens = below_100(t).filter(|&t| t >= 20 && t % 10 == 0)?;
    Some(unit_word(u)? + tens)
}

/// Numbers below 1000 written as one word (`dreihundertfünfzig`).
fn below_1000(s: &str) -> Option<u64> {
    match s.split_once("hundert") {
        Some((h, rest)) => {
            let hundreds = if h.is_empty() { 1 } else { unit_word(h)? };
            let rest = rest.strip_prefix("und").unwrap_or(rest);
            let tail = if rest.is_empty() { 0 } else { below_100(rest)? };
            Some(hundreds * 100 + tail)
        }
        None => below_100(s),
    }
}

/// A whole number written as one German word, up to 999 999:
/// `zwölf`, `einundzwanzig`, `dreihundertfünfzig`, `zweitausend`,
/// `eineinhalb` (1.5), `zweieinhalb` (2.5). Case-insensitive. The bare
/// article forms (`ein`, `eine`, `einer` …) are read by [`article_one`].
pub fn number_word(w: &str) -> Option<f64> {
    let l = w.to_lowercase();
    if l == "anderthalb" || l == "eineinhalb" {
        return Some(1.5);
    }
    if let Some(base) = l.strip_suffix("einhalb") {
        return number_word(base).map(|b| b + 0.5);
    }
    if l == "eins" {
        return Some(1.0);
    }
    if l == "ein" {
        return None;
    }
    let v = match l.split_once("tausend") {
        Some((t, rest)) => {
            let thousands = if t.is_empty() { 1 } else { below_1000(t)? };
            let rest = rest.strip_prefix("und").unwrap_or(rest);
            let tail = if rest.is_empty() {
                0
            } else {
                below_1000(rest)?
            };
            thousands * 1000 + tail
        }
        None => below_1000(&l)?,
    };
    Some(v as f64)
}

/// Whether a word is an inflected form of the article `ein` (which counts one
/// only before a scale word: `eine Million`).
pub fn article_one(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "ein" | "eine" | "einen" | "einem" | "einer" | "eines"
    )
}

/// A scale word and its factor: `Tausend`, `Million(en)`, `Mio`, `Milliarde(n)`,
/// `Mrd`, `Billion(en)`, `Dutzend`.
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w.to_lowercase().as_str() {
        "tausend" | "tsd" => 1e3,
        "million" | "millionen" | "mio" => 1e6,
        "milliarde" | "milliarden" | "mrd" => 1e9,
        "billion" | "billionen" | "bio" => 1e12,
        "dutzend" => 12.0,
        _ => return None,
    })
}

/// A vague plural that stands for a number: `Tausende` (of), `Hunderte`,
/// `Zehntausende`, `Dutzende`, `Millionen` (at the start of a phrase).
pub fn vague_plural(w: &str) -> Option<f64> {
    let l = w.to_lowercase();
    // Only plurals are vague: `Million` alone is not (`Million Dollar Baby`).
    let stem = l.strip_suffix("en").or_else(|| l.strip_suffix('e'))?;
    Some(match stem {
        "dutzend" => 12.0,
        "hundert" => 100.0,
        "tausend" => 1e3,
        "zehntausend" => 1e4,
        "hunderttausend" => 1e5,
        "million" => 1e6,
        "milliard" => 1e9,
        _ => return None,
    })
}

/// Qualifier phrases, lower-cased, longest first.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["nicht", "weniger", "als"], Qualifier::AtLeast),
    (&["nicht", "mehr", "als"], Qualifier::UpTo),
    (&["mehr", "als"], Qualifier::MoreThan),
    (&["weit", "über"], Qualifier::MoreThan),
    (&["weniger", "als"], Qualifier::LessThan),
    (&["bis", "zu"], Qualifier::UpTo),
    (&["um", "die"], Qualifier::About),
    (&["an", "die"], Qualifier::About),
    (&["ein", "paar"], Qualifier::Several),
    (&["mehrere"], Qualifier::Several),
    (&["einige"], Qualifier::Several),
    (&["über"], Qualifier::MoreThan),
    (&["gut"], Qualifier::MoreThan),
    (&["mindestens"], Qualifier::AtLeast),
    (&["wenigstens"], Qualifier::AtLeast),
    (&["höchstens"], Qualifier::UpTo),
    (&["maximal"], Qualifier::UpTo),
    (&["unter"], Qualifier::LessThan),
    (&["rund"], Qualifier::About),
    (&["etwa"], Qualifier::About),
    (&["ca"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["zirka"], Qualifier::About),
    (&["ungefähr"], Qualifier::About),
    (&["schätzungsweise"], Qualifier::About),
    (&["geschätzt"], Qualifier::About),
    (&["knapp"], Qualifier::Almost),
    (&["fast"], Qualifier::Almost),
    (&["beinahe"], Qualifier::Almost),
    (&["annähernd"], Qualifier::Almost),
    (&["nahezu"], Qualifier::Almost),
];

/// Whether `text` lower-cased is `lower`, without allocating.
fn lower_eq(text: &str, lower: &str) -> bool {
    text.len() == lower.len() && text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// A qualifier phrase starting at token `i`: the qualifier and the index of
/// the first token after it.
pub fn qualifier_at(tokens: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    for (words, q) in QUALIFIERS {
        let fits = words.iter().enumerate().all(|(k, w)| {
            tokens
                .get(i + k)
                .is_some_and(|t| t.kind == TokenKind::Word && lower_eq(t.text, w))
        });
        if fits {
            let mut j = i + words.len();
            if *words == ["ca"] && tokens.get(j).is_some_and(|t| t.is_punct('.')) {
                j += 1;
            }
            return Some((*q, j));
        }
    }
    None
}

/// A currency word or symbol at token `i` (`US$` is two tokens).
fn currency_at(tokens: &[Token], i: usize) -> Option<(Currency, usize)> {
    let t = tokens.get(i)?;
    if t.text == "US"
        && let Some(n) = tokens.get(i + 1)
        && n.is_punct('$')
        && n.start == t.end
    {
        return Some((Currency::Usd, i + 2));
    }
    Currency::from_word(t.text).map(|c| (c, i + 1))
}

/// A number phrase found in tokens: `tokens[start..end]` hold it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantityMatch {
    /// The quantity.
    pub quantity: Quantity,
    /// Index of its first token (the qualifier, if any).
    pub start: usize,
    /// Index of the token after it.
    pub end: usize,
}

/// A number at token `j`: digits, a number word, `eine` before a scale word,
/// or a vague plural (`Tausende`), with the scale words after it applied.
struct NumberAt {
    /// The value, scale words applied.
    value: f64,
    /// The product of the scale words (1 if none).
    scale: f64,
    /// Whether it was a vague plural (`Tausende`).
    vague: bool,
    /// The index of the token after it.
    end: usize,
}

/// Whether a hyphen or dash joins two numbers into a range (`20-30`, `20–30`).
fn is_range_dash(t: &Token) -> bool {
    t.is_punct('-') || t.is_punct('–')
}

/// Whether the number at token `j` is the second half of a clock time, a
/// race time or a score glued to the number before it (`45,8` in
/// `26:45,8 Min.`, `1` in `2:1`, `16` in `2015/16`).
fn second_half(tokens: &[Token], j: usize) -> bool {
    let (Some(sep), Some(before)) = (
        j.checked_sub(1).and_then(|k| tokens.get(k)),
        j.checked_sub(2).and_then(|k| tokens.get(k)),
    ) else {
        return false;
    };
    (sep.is_punct(':') || sep.is_punct('/'))
        && sep.start == before.end
        && tokens[j].start == sep.end
        && before.kind == TokenKind::Number
}

fn number_at(tokens: &[Token], j: usize) -> Option<NumberAt> {
    let t = tokens.get(j)?;
    if t.kind == TokenKind::Number && second_half(tokens, j) {
        return None;
    }
    let next = tokens.get(j + 1);
    let scaled = next.is_some_and(|n| scale_word(n.text).is_some());
    let mut vague = false;
    let mut value = match t.kind {
        TokenKind::Number => {
            let after = tokens.get(j + 2);
            let range = next.is_some_and(|n| n.start == t.end && is_range_dash(n))
                && after.is_some_and(|a| a.kind == TokenKind::Number);
            let glued = next.is_some_and(|n| {
                n.start == t.end && (n.is_punct('-') || n.is_punct(':') || n.is_punct('/'))
            });
            let time = next.is_some_and(|n| n.text == "Uhr");
            if (glued && !range) || time {
                return None;
            }
            // `04` in `Bayer 04 Leverkusen` is a name, not a count.
            let leading_zero =
                t.text.len() > 1 && t.text.starts_with('0') && !t.text.starts_with("0,");
            if leading_zero {
                return None;
            }
            match parse_digits(t.text) {
                Some(v) => v,
                // `4.8 Millionen`: an English decimal point before a scale word.
                None if scaled && t.text.matches('.').count() == 1 && !t.text.contains(',') => {
                    t.text.parse().ok()?
                }
                None => return None,
            }
        }
        TokenKind::Word => {
            if t.text.eq_ignore_ascii_case("eins") && !scaled {
                // `Nummer eins`, `eins zu eins`: a name or a score, not a count.
                return None;
            } else if let Some(v) = number_word(t.text) {
                v
            } else if article_one(t.text) && scaled {
                1.0
            } else if let Some(v) = vague_plural(t.text) {
                vague = true;
                v
            } else {
                return None;
            }
        }
        TokenKind::Punct => return None,
    };
    let mut end = j + 1;
    let mut scale = 1.0;
    while let Some(t) = tokens.get(end)
        && let Some(f) = scale_word(t.text)
    {
        value *= f;
        scale *= f;
        end += 1;
        if t.text.len() <= 4
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && t.text != "Tausend"
            && tokens.get(end).is_some_and(|n| n.is_punct('.'))
        {
            end += 1;
        }
    }
    Some(NumberAt {
        value,
        scale,
        vague,
        end,
    })
}

/// Read a number phrase starting at token `i`: optional qualifier, optional
/// currency symbol, the number (digits, number word, `eine` before a scale
/// word, or a vague plural), scale words, an optional upper bound (`5.000 bis
/// 7.000`, `zwischen 20 und 30`, `20-30`), and a unit (`%`, `Prozent`,
/// currency). Numbers glued to a following hyphen (`30-jährige`), times
/// (`14 Uhr`) and scores (`2:1`) are not quantities.
pub fn quantity_at(tokens: &[Token], i: usize) -> Option<QuantityMatch> {
    let between = tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Word && lower_eq(t.text, "zwischen"));
    let (mut qualifier, mut j) = if between {
        (Qualifier::Exact, i + 1)
    } else {
        qualifier_at(tokens, i).unwrap_or((Qualifier::Exact, i))
    };
    let mut currency = None;
    if let Some((c, k)) = currency_at(tokens, j)
        && tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number)
    {
        currency = Some(c);
        j = k;
    }
    let first = number_at(tokens, j)?;
    if first.vague && qualifier == Qualifier::Exact {
        qualifier = Qualifier::Several;
    }
    let mut value = first.value;
    let mut upper = None;
    j = first.end;
    if let Some(sep) = tokens.get(j) {
        let joins = sep.text == "bis" || (between && sep.text == "und") || is_range_dash(sep);
        if joins
            && let Some(second) = number_at(tokens, j + 1)
            && !second.vague
        {
            // `vier bis fünf Millionen`: the scale of the second applies to both.
            if first.scale == 1.0 && second.scale > 1.0 {
                value *= second.scale;
            }
            if second.value > value {
                upper = Some(second.value);
                j = second.end;
            }
        }
    }
    if between && upper.is_none() {
        return None;
    }
    let mut unit = Unit::Count;
    if let Some(c) = currency {
        unit = Unit::Money(c);
    } else if let Some(t) = tokens.get(j) {
        let l = t.text.to_lowercase();
        if t.is_punct('%') || l == "prozent" {
            unit = Unit::Percent;
            j += 1;
        } else if l.starts_with("prozentpunkt") {
            unit = Unit::PercentagePoints;
            j += 1;
        } else if let Some((c, k)) = currency_at(tokens, j) {
            unit = Unit::Money(c);
            j = k;
        }
    }
    Some(QuantityMatch {
        quantity: Quantity {
            value,
            upper,
            qualifier,
            unit,
        },
        start: i,
        end: j,
    })
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn digits_follow_german_conventions() {
        assert_eq!(parse_digits("7.000"), Some(7000.0));
        assert_eq!(parse_digits("4,8"), Some(4.8));
        assert_eq!(parse_digits("1.234.567,5"), Some(1_234_567.5));
        assert_eq!(parse_digits("2019"), Some(2019.0));
        assert_eq!(parse_digits("10\u{202f}000"), Some(10_000.0));
        assert_eq!(parse_digits("10 000"), Some(10_000.0));
        assert_eq!(parse_digits("0,25"), Some(0.25));
        assert_eq!(parse_digits("14.30"), None, "a time, not thousands");
        assert_eq!(parse_digits("12.06.2024"), None, "a date");
        assert_eq!(parse_digits("1234.567"), None);
        assert_eq!(parse_digits("4,"), None);
    }

    #[test]
    fn number_words_and_compounds() {
        let cases = [
            ("eins", 1.0),
            ("zwei", 2.0),
            ("Zwölf", 12.0),
            ("siebzehn", 17.0),
            ("zwanzig", 20.0),
            ("einundzwanzig", 21.0),
            ("dreißig", 30.0),
            ("hundert", 100.0),
            ("dreihundertfünfzig", 350.0),
            ("hundertundeins", 101.0),
            ("tausend", 1000.0),
            ("zweitausend", 2000.0),
            ("fünfundzwanzigtausend", 25_000.0),
            ("zweitausenddreihundertvierundfünfzig", 2354.0),
            ("eineinhalb", 1.5),
            ("anderthalb", 1.5),
            ("zweieinhalb", 2.5),
        ];
        for (w, v) in cases {
            assert_eq!(number_word(w), Some(v), "{w}");
        }
        for w in [
            "ein",
            "eine",
            "einer",
            "Hundertschaft",
            "undzwanzig",
            "zweiundzwölf",
            "Tausendsassa",
        ] {
            assert_eq!(number_word(w), None, "{w}");
        }
    }

    #[test]
    fn phrases_with_qualifiers_scales_and_units() {
        let q = |s: &str| {
            let toks = tokenize(s);
            quantity_at(&toks, 0).map(|m| (m.quantity, m.end == toks.len()))
        };
        let (v, all) = q("bis zu 4,8 Millionen").unwrap();
        assert_eq!(
            (v.value, v.qualifier, v.unit, all),
            (4_800_000.0, Qualifier::UpTo, Unit::Count, true)
        );
        let (v, _) = q("eine Million").unwrap();
        assert_eq!(v.value, 1e6);
        let (v, all) = q("1,3 Mrd. Euro").unwrap();
        assert_eq!(
            (v.value, v.unit, all),
            (1.3e9, Unit::Money(Currency::Eur), true)
        );
        let (v, _) = q("$250").unwrap();
        assert_eq!((v.value, v.unit), (250.0, Unit::Money(Currency::Usd)));
        let (v, _) = q("knapp 20 Prozent").unwrap();
        assert_eq!(
            (v.value, v.qualifier, v.unit),
            (20.0, Qualifier::Almost, Unit::Percent)
        );
        let (v, _) = q("Tausende").unwrap();
        assert_eq!((v.value, v.qualifier), (1000.0, Qualifier::Several));
        assert!(q("eine Reise").is_none());
        let (v, all) = q("zwischen 20 und 30").unwrap();
        assert_eq!((v.value, v.upper, all), (20.0, Some(30.0), true));
        let (v, _) = q("vier bis fünf Millionen Euro").unwrap();
        assert_eq!(
            (v.value, v.upper, v.unit),
            (4e6, Some(5e6), Unit::Money(Currency::Eur))
        );
        let (v, _) = q("20-30").unwrap();
        assert_eq!((v.value, v.upper), (20.0, Some(30.0)));
        assert!(q("zwischen Berlin und Bonn").is_none());
        let (v, _) = q("mehrere Tausend").unwrap();
        assert_eq!((v.value, v.qualifier), (1000.0, Qualifier::Several));
        let (v, _) = q("4.8 Millionen").unwrap();
        assert_eq!(v.value, 4.8e6);
        assert!(q("Million Dollar Baby").is_none());
        assert!(q("Bayer 04 Leverkusen").is_none() && q("04 Leverkusen").is_none());
        assert!(q("30-jährige").is_none());
        assert!(q("14 Uhr").is_none());
    }

    #[test]
    fn race_times_and_scores_are_not_counts() {
        let q = |s: &str| {
            let toks = tokenize(s);
            (0..toks.len()).find_map(|i| quantity_at(&toks, i).map(|m| m.quantity.value))
        };
        // `26:45,8 Min.` is 26 minutes 45.8 seconds, not 45.8 minutes.
        assert_eq!(q("26:45,8 Min."), None);
        assert_eq!(q("gewann 2:1 gegen"), None);
        assert_eq!(q("die Saison 2015/16"), None);
        // A number after a colon that ends a phrase still counts.
        assert_eq!(q("Bilanz: 45 Tote"), Some(45.0));
        assert_eq!(q("+ 18,7 Sek."), Some(18.7));
    }

    #[test]
    fn german_display() {
        assert_eq!(format_german(7000.0), "7.000");
        assert_eq!(format_german(4.8e6), "4,8 Mio.");
        assert_eq!(format_german(1_234_567.5), "1.234.567,5");
        assert_eq!(format_german(0.25), "0,25");
        let q = Quantity {
            upper: None,
            value: 1e4,
            qualifier: Qualifier::AtLeast,
            unit: Unit::Count,
        };
        assert_eq!(q.to_string(), "mindestens 10.000");
    }
}
