//! Attribution: what a speaker phrase refers to. A phrase with a
//! recognised name in it (`Jürgen Klinsmann`, `der Sprecher, Hans Müller`,
//! `Angaben der Bundesanwaltschaft`) refers to that mention; a personal or
//! possessive pronoun (`er`, `sie`, `seiner Meinung`) to the last person
//! mentioned before it; an adverb of attribution (`demnach`) and a quotation
//! that goes on without a frame to the speaker before. A description without
//! a name (`ein Polizeisprecher`) stays unresolved.

use super::article::Article;
use super::words::Class;
use super::{Speaker, SpeakerForm};
use crate::entity::{Kind, Recognized};
use std::ops::Range;

/// The speaker that a phrase (token range) names.
pub(crate) fn resolve(a: &Article, phrase: Range<usize>, before: Option<&Speaker>) -> Speaker {
    let span = a.bytes(phrase.clone());
    // A recognised mention in the phrase: a person first, then an
    // organisation, then anything.
    let mut best: Option<(u8, &Recognized)> = None;
    for t in phrase.clone() {
        if let Some(m) = a.mention(t) {
            if m.kind == Kind::Person
                && (owner_before_noun(a, &phrase, m) || owner_after_noun(a, &phrase, m))
            {
                continue;
            }
            let rank = match m.kind {
                Kind::Person => 0,
                Kind::Organization => 1,
                Kind::Other => 2,
                Kind::Place => 3,
            };
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, m));
            }
        }
    }
    if let Some((_, m)) = best {
        let form = if m.kind == Kind::Person {
            SpeakerForm::Name
        } else {
            SpeakerForm::Organization
        };
        return Speaker {
            span,
            form,
            refers_to: Some(m.span.clone()),
        };
    }
    let first = phrase.start;
    // A possessive names its owner as the speaker only before a noun of
    // statement (`seiner Meinung`, `ihren Angaben`); `seine Sprecherin`,
    // `ihre Kabinette` are someone else.
    let owner_speaks = |c: Class| {
        c.is_possessive() && (phrase.len() == 1 || a.words.is_source_noun(a.w(first + 1)))
    };
    match a.class(first) {
        Some(c) if phrase.len() <= 3 && (c.is_pronoun() || owner_speaks(c)) => {
            let refers_to = match c {
                Class::He | Class::PossHe => last_person_of(a, span.start, Some(true)),
                // `Sie sprachen`, `sagten sie`: plural, no one person.
                Class::She if plural_verb_beside(a, first) => None,
                Class::She | Class::PossShe => last_person_of(a, span.start, Some(false)),
                Class::They => last_person(a, span.start),
                _ => None,
            };
            return Speaker {
                span,
                form: SpeakerForm::Pronoun,
                refers_to,
            };
        }
        _ => {}
    }
    if phrase.len() == 1 && a.words.cue(a.w(first)).is_some() {
        return Speaker {
            span,
            form: SpeakerForm::Pronoun,
            refers_to: before.and_then(|b| b.refers_to.clone()),
        };
    }
    Speaker {
        span,
        form: SpeakerForm::Description,
        refers_to: None,
    }
}

/// Whether the person of mention `m` owns the noun after the name rather
/// than speaks: a genitive in `-s` before a common noun in the phrase
/// (`Kims Propagandaapparat`, `Merkels Sprecher`). The noun is the
/// speaker, and it is not the person.
fn owner_before_noun(a: &Article, phrase: &Range<usize>, m: &Recognized) -> bool {
    let k = a.mention_tokens(m).end;
    if k == 0 {
        return false;
    }
    let last = a.w(k - 1);
    k < phrase.end
        && (last.ends_with('s') || last.ends_with('\'') || last.ends_with('’'))
        && a.is_capitalised(k)
        && a.mention(k).is_none()
        && a.class(k).is_none()
}

/// Whether the person of mention `m` is the owner in a phrase whose head
/// is someone else: after `von` or a genitive article that follows
/// the head noun (`ein Mitarbeiter von Kandidat Rudolf Hundstorfer`, `der
/// Anwalt des Sängers Max Muster`). Titles between the article and the
/// name are skipped; an apposition after a comma (`der Sprecher, Hans
/// Müller`) is the head itself.
fn owner_after_noun(a: &Article, phrase: &Range<usize>, m: &Recognized) -> bool {
    let mut k = a.mention_tokens(m).start.max(phrase.start);
    while k > phrase.start && a.is_capitalised(k - 1) && a.mention(k - 1).is_none() {
        k -= 1;
    }
    k > phrase.start + 1
        && matches!(
            a.w(k - 1),
            "von" | "vom" | "des" | "der" | "eines" | "einer"
        )
        && (phrase.start..k - 1).any(|j| a.is_capitalised(j) && a.class(j).is_none())
}

/// Whether the finite verb right after or right before the pronoun at
/// token `t` is plural (`Sie sprachen`, `sagten sie`, `sie sind`): a form
/// in `-en` or `sind`, with no closed class. Singular third-person forms end
/// otherwise (`sprach`, `sagte`, `ist`). After a subordinating conjunction
/// the verb that ends the clause counts (`…, wie sie im Vertrag genannt
/// werden`).
pub(crate) fn plural_verb_beside(a: &Article, t: usize) -> bool {
    let plural = |k: usize| {
        let w = a.w(k);
        k < a.len()
            && a.mention(k).is_none()
            && !a.in_quote(k)
            && a.class(k).is_none()
            && w.starts_with(char::is_lowercase)
            && (w == "sind" || (w.ends_with("en") && w.chars().count() > 3))
    };
    // Before the verb only where the pronoun opens its clause (`Sie
    // sprachen`, `…, dass sie kamen`), not `dankte sie allen`.
    let opens = t == 0
        || a.newline[t]
        || a.is_full_stop(t - 1)
        || matches!(a.w(t - 1), "," | ":" | ";")
        || matches!(a.class(t - 1), Some(Class::Conj));
    // `…, wie sie im Vertrag genannt werden`: after a subordinating
    // conjunction the clause ends with its finite verb.
    let verb_last = t > 0
        && matches!(a.class(t - 1), Some(Class::Conj))
        && !matches!(
            a.w(t - 1),
            "und" | "oder" | "aber" | "denn" | "sondern" | "Und" | "Oder" | "Aber"
        )
        && (t + 1..(t + 20).min(a.len()))
            .find(|&k| matches!(a.w(k), "," | "." | ";" | ":" | "!" | "?"))
            .is_some_and(|end| end > t + 1 && plural(end - 1));
    (opens && plural(t + 1)) || (t > 0 && plural(t - 1)) || verb_last
}

/// The last person mention that ends before byte `at`, within the article.
fn last_person(a: &Article, at: usize) -> Option<Range<usize>> {
    a.mentions
        .iter()
        .rev()
        .find(|m| m.kind == Kind::Person && m.span.end <= at)
        .map(|m| m.span.clone())
}

/// The last person mention that ends before byte `at` whose gender (see
/// [`person_genders`]) does not contradict `gender` (`er` passes women by,
/// `sie` men).
fn last_person_of(a: &Article, at: usize, gender: Option<bool>) -> Option<Range<usize>> {
    person_genders(a)
        .iter()
        .rev()
        .find(|(span, g)| span.end <= at && gender_fits(*g, gender) && !same_clause(a, span, at))
        .map(|(span, _)| span.clone())
}

/// Whether a person mention and a pronoun at byte `at` after it stand in
/// one clause: no punctuation, line break or conjunction of clauses
/// between them. A personal pronoun does not refer to a person named in
/// its own clause (`Mit seinen Kollegen Aldrin und Collins lenkte er …`:
/// not Collins; `Nach dem Treffen mit Merkel sagte er`: not Merkel); that
/// one would be named again or reflexive.
fn same_clause(a: &Article, mention: &Range<usize>, at: usize) -> bool {
    let from = a.toks.partition_point(|r| r.end <= mention.end);
    let to = a.toks.partition_point(|r| r.end <= at);
    // `und` between two names joins phrases (`Aldrin und Collins`), before
    // anything else clauses (`Roth kam und er sagte`).
    (from..to.min(a.len())).all(|k| {
        let w = a.w(k);
        let joins_clauses = matches!(w, "und" | "oder" | "aber" | "sondern" | "denn" | "doch")
            && !(k + 1 < a.len() && a.is_capitalised(k + 1));
        !a.newline[k] && a.is_word(k) && !joins_clauses
    })
}

/// Whether a person whose mention shows gender `shown` can be one of
/// gender `wanted` (`Some(true)` male, `Some(false)` female): unless both
/// are known and differ.
fn gender_fits(shown: Option<bool>, wanted: Option<bool>) -> bool {
    shown.is_none() || wanted.is_none() || shown == wanted
}

/// Person mentions in text order, with the gender their name or title
/// shows; a family name alone (`Berg`) shows the gender of the full name
/// the article used before it (`Anna Berg`). Worked out once per article.
fn person_genders<'m>(a: &'m Article) -> &'m [(Range<usize>, Option<bool>)] {
    a.person_genders.get_or_init(|| genders_of_persons(a))
}

fn genders_of_persons(a: &Article) -> Vec<(Range<usize>, Option<bool>)> {
    let persons: Vec<(Range<usize>, &str, Option<bool>)> = a
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| {
            let name = &a.text[m.span.clone()];
            let gender = given_name_gender(name).or_else(|| title_gender(a, m.span.start));
            (m.span.clone(), name, gender)
        })
        .collect();
    // The family names whose gender a full name or a title shows, in text
    // order.
    let known: Vec<(usize, &str, bool)> = persons
        .iter()
        .filter_map(|(span, name, g)| {
            let family = name.split_whitespace().next_back().unwrap_or(name);
            g.map(|g| (span.start, family, g))
        })
        .collect();
    persons
        .iter()
        .map(|(span, name, gender)| {
            if gender.is_some() || name.split_whitespace().count() != 1 {
                return (span.clone(), *gender);
            }
            // A family name alone (`Strache`, or `Straches` in the
            // genitive): the gender of the latest full name before it with
            // that family name, else of the first one after it (`Strache
            // hatte …` in a headline, the full name in the text).
            let base = name.strip_suffix('s').unwrap_or(name);
            let same = |f: &str| f == *name || f == base;
            let before = known
                .iter()
                .rev()
                .find(|(at, f, _)| *at < span.start && same(f));
            let after = || known.iter().find(|(at, f, _)| *at > span.start && same(f));
            (span.clone(), before.or_else(after).map(|&(_, _, g)| g))
        })
        .collect()
}

/// Every personal pronoun `er`/`sie` of the article that a person mention
/// before it can be: `(pronoun span, mention span)`. `er` takes the last
/// person mention not named by a female given name, `sie` (singular) the
/// last one not named by a male given name; a plural `sie` (after a plural
/// verb) and the polite `Sie` inside a sentence refer to no one.
pub(crate) fn pronouns(a: &Article) -> Vec<(Range<usize>, Range<usize>)> {
    let persons = person_genders(a);
    let mut out = Vec::new();
    let mut before = 0;
    for t in 0..a.len() {
        let w = a.w(t);
        let he = matches!(w, "er" | "Er");
        let she = matches!(w, "sie" | "Sie");
        if !(he || she) || a.mention(t).is_some() || a.in_quote(t) {
            continue;
        }
        if w == "Sie" && t > 0 && !a.is_full_stop(t - 1) && !a.newline[t] {
            continue;
        }
        if she && plural_verb_beside(a, t) {
            continue;
        }
        let at = a.toks[t].start;
        while before < persons.len() && persons[before].0.end <= at {
            before += 1;
        }
        let found = persons[..before]
            .iter()
            .rev()
            .find(|(span, g)| gender_fits(*g, Some(he)) && !same_clause(a, span, at));
        if let Some((span, _)) = found {
            // Only within a few sentences of the mention.
            let mt = a.toks.partition_point(|r| r.end <= span.start);
            if a.sentence_of(t) <= a.sentence_of(mt) + 3 {
                out.push((a.toks[t].clone(), (*span).clone()));
            }
        }
    }
    out.extend(relatives(a));
    out.sort_by_key(|(p, _)| p.start);
    out
}

/// `Jimmy Carter, der …, sagte`, `die Polizei, die …`: a relative pronoun
/// (or the article of an apposition, which names the same one) right
/// after a person or organisation mention and its comma refers to it.
fn relatives(a: &Article) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    for t in 2..a.len() {
        if !matches!(a.w(t), "der" | "die" | "welcher" | "welche")
            || a.w(t - 1) != ","
            || a.in_quote(t)
            || a.mention(t).is_some()
        {
            continue;
        }
        let Some(m) = a.mention(t - 2) else {
            continue;
        };
        if matches!(m.kind, Kind::Person | Kind::Organization) && a.toks[t - 2].end == m.span.end {
            out.push((a.toks[t].clone(), m.span.clone()));
        }
    }
    out
}

/// The gender the title right before a person mention shows, in the same
/// line: a person noun in its feminine form (`Kanzlerin`: `Kanzler` is a
/// noun too) is female, one whose feminine form is a noun (`Kanzler`) male.
fn title_gender(a: &Article, start: usize) -> Option<bool> {
    use crate::entity::ner::lexicon::{Lexicon, WordFlags};
    let t = a.toks.partition_point(|r| r.end <= start);
    if t == 0 || a.newline[t] {
        return None;
    }
    let title = a.w(t - 1);
    if !title.starts_with(char::is_uppercase) {
        return None;
    }
    // `FPÖ-Parteichef`, `Kreml-Beraterin`: the last part is the title.
    let title = match title.rsplit_once('-') {
        Some((_, last)) if last.starts_with(char::is_uppercase) => last,
        _ => title,
    };
    if let Some(g) = kin_gender(title) {
        return Some(g);
    }
    let noun = |w: &str| {
        Lexicon::get()
            .word(w)
            .flags
            .contains(WordFlags::COMMON_NOUN)
    };
    if !noun(title) {
        return None;
    }
    match title.strip_suffix("in") {
        Some(stem) if stem.chars().count() >= 3 && noun(stem) => Some(false),
        _ if noun(&format!("{title}in")) => Some(true),
        _ => None,
    }
}

/// The gender of a form of address or a word of kinship whose feminine is
/// not made with `-in` (`Frau Merkel`, `Herrn Putin`, `seine Mutter Gao
/// Ying`, `ihr Ehemann`): `Some(true)` male, `Some(false)` female. Closed
/// classes of German grammar, matched at the end of a compound
/// (`Schwiegermutter`, `Geschäftsmann`).
fn kin_gender(title: &str) -> Option<bool> {
    const FEMALE: [&str; 5] = ["frau", "mutter", "tochter", "schwester", "witwe"];
    const MALE: [&str; 6] = ["herr", "herrn", "mann", "vater", "sohn", "bruder"];
    let lower = title.to_lowercase();
    if FEMALE.iter().any(|f| lower.ends_with(f)) {
        Some(false)
    } else if MALE.iter().any(|m| lower.ends_with(m)) {
        Some(true)
    } else {
        None
    }
}

/// The gender a person's name shows by its first word, if it is a given
/// name with a telling ending: `Some(true)` male, `Some(false)` female.
fn given_name_gender(name: &str) -> Option<bool> {
    let first = name.split_whitespace().next()?;
    if name.split_whitespace().count() < 2 {
        return None;
    }
    let info = crate::entity::ner::lexicon::Lexicon::get().word(first);
    if !info
        .flags
        .contains(crate::entity::ner::lexicon::WordFlags::FIRST_NAME)
    {
        return None;
    }
    if first.ends_with('a') || first.ends_with("ine") || first.ends_with("ette") {
        Some(false)
    } else {
        Some(true)
    }
}
