//! Direct quotations: which pairs of quotation marks hold someone's words,
//! and which a title, a name or a scare-quoted term.
//!
//! A pair holds a quotation when its text reads like speech: a sentence
//! (it ends with `.`, `!`, `?`), several words with lower-case content
//! words (`„volle Verantwortung“`), or a word or two that a verb of saying
//! or `als` introduces (`nannte den Bericht eine „Zeitungsente“`,
//! `bezeichnete die Pläne als „Wortbruch“`). It holds a title or a name when
//! a noun announces one (`das Buch „…“`, `des Typs „…“`, `unter dem Motto
//! „…“`), when `so genannte` marks a term, or when all of its words are
//! capitalised (`„Süddeutsche Zeitung“`, `„Kampagne für ein Freies Tibet“`).

use super::article::Article;
use super::marks::Pair;
use super::words::{Class, CueRole};
use std::ops::Range;

/// Lower-case words that belong to names and titles in other languages.
const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    "de", "la", "le", "les", "du", "des", "del", "della", "dello", "di", "da", "do", "dos", "el",
    "y", "e", "of", "the", "and", "for", "at", "in", "on", "a", "an", "to", "van", "von", "zu",
    "bin", "al", "et", "am", "im",
];

/// Facts about the words between a pair of marks.
struct Inner {
    /// Word tokens inside.
    words: usize,
    /// A lower-case word that is not a function word.
    lower_content: bool,
    /// The text ends with `.`, `!` or `?` (before the closing mark).
    sentence: bool,
}

fn inner(a: &Article, open: usize, close: usize) -> Inner {
    let mut words = 0;
    let mut lower_content = false;
    for t in open + 1..close {
        if !a.is_word(t) {
            continue;
        }
        words += 1;
        let w = a.w(t);
        if w.starts_with(char::is_lowercase)
            && !FOREIGN_FUNCTION_WORDS.contains(&w)
            && !matches!(
                a.class(t),
                Some(Class::Det | Class::Prep | Class::Conj | Class::PossHe | Class::PossShe)
            )
            && !w.contains('.')
        {
            lower_content = true;
        }
    }
    let sentence = close > open + 1
        && {
            let last = a.w(close - 1);
            matches!(last, "." | "!" | "?" | "…" | "..." | "?!" | "!!") || last.ends_with('.')
        }
        && !abbreviation_end(inside(a, open, close));
    Inner {
        words,
        lower_content,
        sentence,
    }
}

/// The text between the marks at tokens `open` and `close`.
fn inside<'t>(a: &Article<'t>, open: usize, close: usize) -> &'t str {
    let (s, e) = (a.toks[open].end, a.toks[close].start);
    a.text.get(s..e.max(s)).unwrap_or("")
}

/// Whether the text ends with an abbreviation of several dotted parts
/// (`e.V.`, `z.B.`, `U.S.`), not with a full stop.
fn abbreviation_end(inner: &str) -> bool {
    let last = inner.split_whitespace().last().unwrap_or("");
    last.len() > 2 && last.ends_with('.') && last[..last.len() - 1].contains('.')
}

/// Whether the text is one host name (`montagsdemo.net`, `heise.de`): no
/// space, a dot, and two to four lower-case letters after the last dot.
fn host_name(inner: &str) -> bool {
    let inner = inner.trim();
    if inner.contains(char::is_whitespace) {
        return false;
    }
    let Some((name, tld)) = inner.rsplit_once('.') else {
        return false;
    };
    name.chars().any(char::is_alphanumeric)
        && (2..=4).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether the opening mark at token `open` stands in brackets with at
/// most a word and a colon before it (`(„Bewegung …“)`, `(etwa: „…“)`,
/// `(Codename: „…“)`): a name or its translation.
fn bracketed(a: &Article, open: usize) -> bool {
    let lo = open.saturating_sub(3);
    (lo..open).rev().find(|&t| a.w(t) == "(").is_some_and(|b| {
        b + 1 == open || (a.w(open - 1) == ":" && (b + 1..open).all(|t| a.w(t) != ")"))
    })
}

/// Whether a verb of saying or a Konjunktiv stands near a pair, outside it:
/// up to 15 tokens before the opening mark or 6 after the closing one, in
/// the same tokenizer sentences.
fn cue_near(a: &Article, open: usize, close: usize) -> bool {
    let lo = open.saturating_sub(15);
    let hi = (close + 7).min(a.len());
    let s_lo = a.raw_sentences[sentence_index(a, open)].start;
    let s_hi = a.raw_sentences[sentence_index(a, close)].end;
    (lo.max(s_lo)..open)
        .chain(close + 1..hi.min(s_hi.max(close + 1)))
        .any(|t| a.words.verb(a.w(t)).is_some() || a.is_konjunktiv(t, true))
}

fn sentence_index(a: &Article, t: usize) -> usize {
    a.raw_sentences
        .partition_point(|s| s.end <= t)
        .min(a.raw_sentences.len() - 1)
}

/// Whether the abbreviation of the words in marks (`open`..`close`)
/// follows them in brackets (`„Union pour un Mouvement Populaire“ (UMP)`):
/// its letters are the initials of the capitalised words, or of all words.
/// Not a source credited after a quotation (`„völlig verfehlt“ (FAZ)`).
fn abbreviation_after(a: &Article, open: usize, close: usize) -> bool {
    let w = a.w(close + 2);
    if a.w(close + 1) != "(" || a.w(close + 3) != ")" {
        return false;
    }
    let letters: String = w
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let initials = |capitalised_only: bool| -> String {
        (open + 1..close)
            .filter(|&t| a.is_word(t) && (!capitalised_only || a.is_capitalised(t)))
            .filter_map(|t| a.w(t).chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    letters.chars().count() >= 2 && (letters == initials(true) || letters == initials(false))
}

/// Whether a noun of titles (`Überschrift`, `Erstwerk`, `Name`) stands in
/// the few words before token `t` in its clause.
fn title_noun_before(a: &Article, t: usize) -> bool {
    (t.saturating_sub(6)..t)
        .rev()
        .take_while(|&k| {
            !matches!(a.w(k), "," | "." | ";" | "“" | "”" | "«" | "»") && !a.newline[k + 1]
        })
        .any(|k| a.words.is_title_noun(a.w(k)))
}

/// Whether the pair (open and close marks at tokens `open`, `close`) holds
/// a quotation.
pub(crate) fn is_quotation(a: &Article, open: usize, close: usize) -> bool {
    let inn = inner(a, open, close);
    if inn.words == 0 {
        return false;
    }
    // `„montagsdemo.net“`: a web site named.
    if host_name(inside(a, open, close)) {
        return false;
    }
    // `(„Bewegung für …“)`, `(etwa: „Partei der …“)`: a name or a
    // translation in brackets, unless it is a sentence or starts in lower
    // case (`so genannte („mutmaßliche“)`).
    if !inn.sentence && a.is_capitalised(open + 1) && bracketed(a, open) {
        return false;
    }
    let prev = if open > 0 { a.w(open - 1) } else { "" };
    let words = a.words;
    if words.is_term_marker(prev) {
        return false;
    }
    // `laut „tagesschau.de“`, `Wie „heise online“ berichtet`: the source
    // named, not its words.
    if matches!(words.cue(prev), Some(CueRole::Pre))
        || (matches!(prev, "Wie" | "wie") && words.verb(a.w(close + 1)).is_some())
    {
        return false;
    }
    // `„Union pour un Mouvement Populaire“ (UMP)`: a name with its
    // abbreviation after it.
    if !inn.sentence && abbreviation_after(a, open, close) {
        return false;
    }
    // `ihr Erstwerk: „Sie befinden sich hier“`, `Der Name lautet „…“`: a
    // title or name that a noun of titles announces before a colon or
    // `lautet`.
    if !inn.sentence
        && (prev == ":" || matches!(prev, "lautet" | "lauten" | "lautete" | "lauteten"))
        && title_noun_before(a, open - 1)
    {
        return false;
    }
    let titled = words.is_title_noun(prev);
    if titled && !(inn.sentence && inn.words >= 4) {
        return false;
    }
    // `die „Aktion Deutschland hilft“`, `der „Spiegel“`: a name.
    if matches!(
        prev,
        "der" | "die" | "das" | "des" | "dem" | "den" | "Der" | "Die" | "Das"
    ) && a.is_capitalised(open + 1)
        && !inn.sentence
    {
        return false;
    }
    if inn.sentence && inn.words >= 2 {
        return true;
    }
    if inn.lower_content {
        // Several words of prose, or a phrase a cue introduces.
        // `als „Stadt der Literatur“ ausgezeichnet`, `gilt als „Störfall“`:
        // a few words after `als` are someone's only near a verb of saying
        // (`bezeichnete die Pläne als „Wortbruch“`).
        if prev == "als" && !inn.sentence && inn.words <= 3 {
            return cue_near(a, open, close);
        }
        return inn.words >= 2
            || matches!(prev, "als" | "wie" | ":" | ",")
            || cue_near(a, open, close)
            || !a.is_capitalised(open + 1);
    }
    // Capitalised words only: a name or title, unless a verb of saying
    // calls something by them (`als „Wortbruch“`, `nannte … einen „…“`).
    if prev == "als" {
        return inn.sentence || cue_near(a, open, close);
    }
    if prev == ":" {
        return inn.words <= 3 || inn.sentence;
    }
    matches!(
        prev,
        "einen" | "eine" | "einer" | "einem" | "ein" | "von" | "vor" | "einige"
    ) && inn.words <= 6
        && cue_near(a, open, close)
}

/// The direct quotations among the pairs: token ranges from the opening to
/// the closing mark (inclusive), in text order, none inside another.
pub(crate) fn find(a: &Article, pairs: &[Pair]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for p in pairs {
        let (Some(open), Some(close)) = (a.token_at(p.open.start), a.token_at(p.close.start))
        else {
            continue;
        };
        if close <= open {
            continue;
        }
        if out.last().is_some_and(|q| open < q.end) {
            // Inside an accepted quotation: part of it.
            continue;
        }
        if is_quotation(a, open, close) {
            out.push(open..close + 1);
        }
    }
    out
}
