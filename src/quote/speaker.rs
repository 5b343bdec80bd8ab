//! Finding the speaker phrase of a frame: a pronoun (`er`), a name
//! (`Jürgen Klinsmann`), or a description with its genitive and apposition
//! (`ein Sprecher des Ministeriums`, `Verteidiger Wolfgang Dingfelder`,
//! `Angaben der Bundesanwaltschaft`), and the subject of a verb of saying
//! in German word order: before the verb (`Der Minister sagte`), or after it
//! when an adverbial or the quotation stands first (`Am Montag sagte er`,
//! `„…“, sagte der Minister`).

use super::article::Article;
use super::words::Class;
use std::ops::Range;

/// Whether token `t` can belong to a noun phrase's lower-case part
/// (adjectives, numbers): not a closed-class word, not a verb of saying.
fn modifier(a: &Article, t: usize) -> bool {
    let w = a.w(t);
    (w.starts_with(char::is_lowercase) || w.starts_with(|c: char| c.is_ascii_digit()))
        && a.class(t).is_none()
        && a.words.verb(w).is_none()
        && !a.in_quote(t)
        && !a.is_konjunktiv(t, false)
        && (!age_noun(w) || a.is_capitalised(t + 1))
}

/// Whether token `t` is a capitalised noun or name that can head a phrase
/// (or a noun of age written in lower case: `der 81-jährige`).
fn head(a: &Article, t: usize) -> bool {
    (a.is_capitalised(t) || age_noun(a.w(t)))
        && !a.in_quote(t)
        && (a.mention(t).is_some()
            || !matches!(
                a.class(t),
                Some(Class::Prep | Class::Conj | Class::Adv | Class::Det)
            ))
        && a.words.cue(a.w(t)).is_none()
        && !(a.mention(t).is_none()
            && opens_sentence(a, t)
            && lower_word(a.w(t))
            && !a.is_capitalised(t + 1))
}

/// `81-jährige`, `50-jähriger`, `Der 58-Jährige`: a noun of age, which
/// starts with its digits (and so is never capitalised), in either case.
fn age_noun(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && [
            "-jährige",
            "-jähriger",
            "-jährigen",
            "-Jährige",
            "-Jähriger",
            "-Jährigen",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// Whether token `t` opens a sentence, where every word is capitalised.
fn opens_sentence(a: &Article, t: usize) -> bool {
    t == 0 || a.newline[t] || a.is_full_stop(t - 1) || a.sentences[a.sentence_of(t)].start == t
}

/// Whether a capitalised word is one the lexicon knows better in lower
/// case (`Warum`, `Indem`, `Derzeit`, `Folgendes`): at the start of a
/// sentence and before no capitalised word (`Politische Berater`), no noun.
fn lower_word(w: &str) -> bool {
    crate::entity::ner::lexicon::Lexicon::get()
        .word(w)
        .flags
        .contains(crate::entity::ner::lexicon::WordFlags::LOWER_MORE_FREQUENT)
}

/// The noun phrase starting at or after token `i` (adverbs skipped), ending
/// before `limit`.
pub(crate) fn np_forward(a: &Article, i: usize, limit: usize) -> Option<Range<usize>> {
    let limit = limit.min(a.len());
    let mut j = i;
    while j < limit && a.mention(j).is_none() && matches!(a.class(j), Some(Class::Adv)) {
        j += 1;
    }
    if j >= limit || a.in_quote(j) {
        return None;
    }
    let start = j;
    // `Dieser behauptete`: a demonstrative standing alone.
    // `…, so letztere.`: after the `so` of a source, at the sentence end.
    if matches!(
        a.w(j),
        "Dieser"
            | "Diese"
            | "dieser"
            | "diese"
            | "Jener"
            | "Jene"
            | "jener"
            | "jene"
            | "Letzterer"
            | "Letztere"
            | "letzterer"
            | "letztere"
    ) && (a.words.verb(a.w(j + 1)).is_some()
        || matches!(a.w(j + 1), "," | ":")
        || (j > 0 && a.words.verb(a.w(j - 1)).is_some() && !a.is_capitalised(j + 1))
        || (j > 0 && a.w(j - 1) == "so" && matches!(a.w(j + 1), "." | "!" | "?")))
    {
        return Some(j..j + 1);
    }
    if let Some(p) = partitive(a, j, limit) {
        return Some(p);
    }
    match a.class(j) {
        Some(c) if c.is_pronoun() && a.mention(j).is_none() => return Some(j..j + 1),
        Some(c) if c.is_possessive() => {
            j += 1;
        }
        Some(Class::Det) => j += 1,
        Some(_) if a.mention(j).is_none() => return None,
        _ => {}
    }
    // `der für die Region zuständige Koordinator`: a phrase with a
    // preposition inside the adjective.
    if j > start
        && matches!(a.class(j), Some(Class::Prep))
        && let Some(k) = (j + 1..limit.min(j + 8))
            .rev()
            .find(|&k| a.w(k).starts_with(char::is_lowercase) && modifier(a, k) && head(a, k + 1))
    {
        j = k;
    }
    let mut n = 0;
    while j < limit && modifier(a, j) && n < 4 {
        j += 1;
        n += 1;
    }
    // A name in quotation marks: `die „Aktion Deutschland hilft“`.
    let q = quoted_name(a, j, limit, j == start);
    if q > j {
        j = q;
        while j < limit && head(a, j) {
            j += 1;
        }
        return Some(start..j);
    }
    if !(j < limit && head(a, j)) {
        // `die taz vermutet`, `der ai-Bericht wirft … vor`: a name in lower
        // case after an article, right before the verb.
        if n > 0
            && start < j
            && matches!(a.class(start), Some(Class::Det))
            && (a.words.verb(a.w(j)).is_some() || (j < limit && matches!(a.w(j), "," | ":")))
        {
            return Some(start..j);
        }
        return None;
    }
    while j < limit && head(a, j) {
        j += 1;
        j = quoted_name(a, j, limit, false);
    }
    // A short note in brackets after a name: `Renate Schmidt (SPD)`.
    if j + 2 < limit
        && a.w(j) == "("
        && a.mention(j - 1).is_some()
        && let Some(close) = (j + 1..limit.min(j + 5)).find(|&k| a.w(k) == ")")
    {
        j = close + 1;
    }
    // Genitive or `von` attributes: `des Ministeriums`, `vom Netzwerk Campact`.
    for _ in 0..2 {
        if j >= limit {
            break;
        }
        let w = a.w(j);
        if !matches!(
            w,
            "des" | "der" | "eines" | "einer" | "von" | "vom" | "dieser" | "dieses"
        ) {
            break;
        }
        let mut k = j + 1;
        while k < limit && (modifier(a, k) || matches!(a.w(k), "des" | "der")) && k < j + 4 {
            k += 1;
        }
        if k < limit && head(a, k) {
            while k < limit && head(a, k) {
                k += 1;
            }
            j = k;
        } else {
            break;
        }
    }
    // An apposition with a name: `der Sprecher, Hans Müller,`.
    if j + 1 < limit && a.w(j) == "," && a.mention(j + 1).is_some() && a.mention(start).is_none() {
        let mut k = j + 1;
        while k < limit && a.mention(k).is_some() {
            k += 1;
        }
        if k >= limit || a.w(k) == "," || a.words.verb(a.w(k)).is_some() {
            j = k;
        }
    }
    Some(start..j)
}

/// `Einer der beteiligten Feuerwehrmänner`, `einer der Täter`: a
/// partitive starting at token `j`, with its genitive.
fn partitive(a: &Article, j: usize, limit: usize) -> Option<Range<usize>> {
    if !matches!(
        a.w(j),
        "Einer" | "Eine" | "Eines" | "einer" | "eine" | "eines" | "Keiner" | "keiner"
    ) || !matches!(a.w(j + 1), "der" | "des")
    {
        return None;
    }
    let np = np_forward(a, j + 1, limit)?;
    (np.start == j + 1).then_some(j..np.end)
}

/// After a name in quotation marks (not a quotation) starting at token
/// `j`: the token after its closing mark; else `j`. `bare`: the marks open
/// the phrase, with no article before them.
fn quoted_name(a: &Article, j: usize, limit: usize, bare: bool) -> usize {
    if !matches!(a.w(j), "„" | "»" | "«" | "\"" | "“") || a.in_quote(j) {
        return j;
    }
    // A name in lower case (`„heise online“`) only where the marks open
    // the phrase.
    if !bare && !a.is_capitalised(j + 1) {
        return j;
    }
    (j + 1..limit.min(j + 9))
        .find(|&k| matches!(a.w(k), "“" | "”" | "«" | "»" | "\""))
        .map_or(j, |k| k + 1)
}

/// The start of the clause that token `v` is in: after the last comma,
/// colon, semicolon, bracket or quotation before it in sentence `s`.
pub(crate) fn clause_start(a: &Article, s: &Range<usize>, v: usize) -> usize {
    let mut c = v;
    while c > s.start {
        let t = c - 1;
        // `Wulff (CDU) hat mit Peres (Awoda, dt. Arbeiterpartei) bekräftigt`:
        // a comma in brackets does not end the clause.
        if a.w(t) == ")"
            && let Some(open) = (s.start.max(t.saturating_sub(12))..t)
                .rev()
                .find(|&k| a.w(k) == "(")
        {
            c = open;
            continue;
        }
        if matches!(a.w(t), "," | ":" | ";" | "–" | "—") || a.in_quote(t) {
            // `X, Sprecher von Y, sagte`: a verb right after an apposition
            // belongs to the clause of the phrase before it.
            if c == v
                && a.w(t) == ","
                && let Some(c0) = apposition_before(a, s, t)
            {
                c = c0 - 1;
                continue;
            }
            break;
        }
        c -= 1;
    }
    c
}

/// The start of an apposition that ends at the comma `t` (`Y` in `X, Y,`):
/// a noun phrase between two commas after a name or noun.
fn apposition_before(a: &Article, s: &Range<usize>, t: usize) -> Option<usize> {
    let mut c0 = t;
    while c0 > s.start && !matches!(a.w(c0 - 1), "," | ":" | ";") && !a.in_quote(c0 - 1) {
        c0 -= 1;
    }
    if c0 < s.start + 2 || c0 >= t || a.w(c0 - 1) != "," {
        return None;
    }
    let np = np_forward(a, c0, t)?;
    let before = c0 - 2;
    let named =
        a.mention(before).is_some() || (a.is_capitalised(before) && a.class(before).is_none());
    (np.start == c0 && np.end == t && named).then_some(c0)
}

/// The end of the clause that token `v` is in: the next comma, colon or
/// semicolon outside quotation marks, or the sentence end.
pub(crate) fn clause_end(a: &Article, s: &Range<usize>, v: usize) -> usize {
    (v..s.end)
        .find(|&t| !a.in_quote(t) && matches!(a.w(t), "," | ":" | ";" | "(" | "–"))
        .unwrap_or(s.end)
}

/// Whether the words from `c` to `v` form an adverbial (the subject then
/// follows the verb): a preposition, adverb, conjunction, number or cue word
/// first.
fn adverbial_first(a: &Article, c: usize) -> bool {
    let w = a.w(c);
    // A capitalised adverb standing alone before the verb (`Relativierend
    // fügt Gall hinzu`): a word the lexicon knows better in lower case.
    if a.mention(c).is_none() && a.class(c).is_none() && a.words.verb(a.w(c + 1)).is_some() {
        let info = crate::entity::ner::lexicon::Lexicon::get().word(w);
        if info
            .flags
            .contains(crate::entity::ner::lexicon::WordFlags::LOWER_MORE_FREQUENT)
        {
            return true;
        }
    }
    matches!(
        a.class(c),
        Some(Class::Prep | Class::Adv | Class::Conj | Class::It)
    ) || w.starts_with(|ch: char| ch.is_ascii_digit())
        || a.words.cue(w).is_some()
        || (w.starts_with(char::is_lowercase) && a.class(c).is_none() && a.mention(c).is_none())
        || (a.mention(c).is_none() && a.words.verb(&w.to_lowercase()).is_some())
}

/// Words that focus the phrase after them and stand with it before the
/// verb (`Auch der Minister sagte`, `Aber Zeitungen berichteten`).
const FOCUS: &[&str] = &[
    "Auch",
    "Aber",
    "Und",
    "Selbst",
    "Sogar",
    "Nur",
    "Insbesondere",
    "Besonders",
    "Gerade",
    "Vor",
];

/// Articles that cannot open a subject (dative or accusative only).
pub(crate) fn object_article(w: &str) -> bool {
    matches!(
        w,
        "den"
            | "dem"
            | "einen"
            | "einem"
            | "Den"
            | "Dem"
            | "Einen"
            | "Einem"
            | "Ihm"
            | "Ihnen"
            // Possessives in the dative or accusative (`seinen Schwenk`).
            | "seinen"
            | "seinem"
            | "ihren"
            | "ihrem"
            | "Seinen"
            | "Seinem"
            | "Ihren"
            | "Ihrem"
    )
}

/// Whether the phrase at token `t` cannot be a subject: it opens with a
/// dative or accusative article or possessive, or with `der` and an
/// adjective in `-en` (`Der englischsprachigen Zeitung sagte X`: after a
/// nominative `der` the adjective ends in `-e`).
pub(crate) fn not_nominative(a: &Article, t: usize) -> bool {
    if object_article(a.w(t)) {
        return true;
    }
    matches!(a.w(t), "der" | "Der")
        && a.mention(t + 1).is_none()
        && a.w(t + 1).ends_with("en")
        && modifier(a, t + 1)
        && a.is_capitalised(t + 2)
}

/// A relative pronoun that can open a clause after a comma.
fn relative(w: &str) -> bool {
    matches!(w, "der" | "die" | "das" | "welcher" | "welche" | "welches")
}

/// A relative pronoun that can follow a preposition (`von dem`, `mit
/// der`, `bei denen`).
fn relative_after_prep(w: &str) -> bool {
    matches!(
        w,
        "dem" | "der" | "den" | "denen" | "die" | "das" | "welchem" | "welcher" | "welchen"
    )
}

/// Whether token `t` is in a relative clause of sentence `s`: its clause
/// opens after a comma with a relative pronoun (`…, der …`, `…, den die
/// Zeitung zitiert`) or a preposition and one (`…, von dem die Polizei
/// glaubt`). The relative pronoun's token, if so.
pub(crate) fn relative_clause_at(a: &Article, s: &Range<usize>, t: usize) -> Option<usize> {
    let c = clause_start(a, s, t);
    if c <= s.start || c >= t || a.w(c - 1) != "," {
        return None;
    }
    // A relative clause ends with its verb (`…, das erklärte der Minister`
    // is a main clause).
    let end = clause_end(a, s, t + 1);
    let last = (t..end).rev().find(|&k| a.is_word(k))?;
    let verb_final = last == t
        || (a.w(last).starts_with(char::is_lowercase)
            && a.class(last).is_none()
            && !a.in_quote(last));
    if !verb_final {
        return None;
    }
    let w = a.w(c);
    if (relative(w) || matches!(w, "den" | "dem" | "denen" | "dessen" | "deren"))
        && a.mention(c).is_none()
    {
        return Some(c);
    }
    (matches!(a.class(c), Some(Class::Prep))
        && c + 1 < t
        && relative_after_prep(a.w(c + 1))
        && a.mention(c + 1).is_none())
    .then_some(c + 1)
}

/// Whether nothing but particles and punctuation follow token `v` up to
/// `end`: the verb stands last in its clause.
fn verb_last(a: &Article, v: usize, end: usize) -> bool {
    (v + 1..end).all(|t| !a.is_word(t) || a.words.is_any_particle(a.w(t)))
}

/// The subject of the finite verb at token `v` in sentence `s`; for a
/// verb joined by `und`/`oder` to a verb before it in its clause that has
/// no subject of its own (`war er hochgeschreckt und hatte gefragt`), the
/// subject of the first conjunct.
pub(crate) fn subject(a: &Article, s: &Range<usize>, v: usize) -> Option<Range<usize>> {
    own_subject(a, s, v).or_else(|| {
        let c = clause_start(a, s, v);
        if !(c + 1 < v && matches!(a.w(v - 1), "und" | "oder") && !a.in_quote(v - 1)) {
            return None;
        }
        // `…, biss der Randalierer den Gast und rief`: the first conjunct
        // opens with its verb, and its subject follows it.
        let verb_first = a.w(c).starts_with(char::is_lowercase)
            && a.class(c).is_none()
            && a.mention(c).is_none()
            && !a.in_quote(c);
        if verb_first {
            return np_forward(a, c + 1, v - 1).filter(|np| {
                np.start == c + 1
                    && (a.mention(np.start).is_some()
                        || a.class(np.start).is_some_and(|k| k.is_pronoun())
                        || (matches!(a.class(np.start), Some(Class::Det))
                            && !not_nominative(a, np.start)))
            });
        }
        super::main_subject(a, c, v - 1)
    })
}

/// The subject of the finite verb at token `v` in its own words.
fn own_subject(a: &Article, s: &Range<usize>, v: usize) -> Option<Range<usize>> {
    let end = clause_end(a, s, v + 1);
    let after = || np_forward(a, v + 1, end);
    let c = clause_start(a, s, v);
    // `…, heißt es`, `…, hieß es`: no speaker in the text.
    if a.w(v + 1) == "es" && c == v {
        return None;
    }
    // A relative clause: `…, der behauptet, …` (the pronoun is the subject
    // unless a subject of its own follows it: `…, die der Minister nannte`).
    if c > s.start && c < v && a.w(c - 1) == "," && relative(a.w(c)) && verb_last(a, v, end) {
        let own = np_forward(a, c + 1, v).filter(|np| {
            np.start == c + 1
                && (a.mention(np.start).is_some()
                    || matches!(a.w(np.start), "der" | "die" | "das" | "ein" | "eine")
                    || a.class(np.start).is_some_and(|k| k.is_pronoun()))
        });
        return Some(own.unwrap_or(c..c + 1));
    }
    // `…, von dem die Polizei glaubt, …`: a relative pronoun after a
    // preposition is an object; the clause has a subject of its own.
    if c > s.start
        && c + 1 < v
        && a.w(c - 1) == ","
        && matches!(a.class(c), Some(Class::Prep))
        && relative_after_prep(a.w(c + 1))
        && verb_last(a, v, end)
        && let Some(own) = np_forward(a, c + 2, v).filter(|np| np.start == c + 2)
    {
        return Some(own);
    }
    if c == v {
        // `Den Fonds, dessen …, forderte er auf`: a personal pronoun right
        // after the verb is its subject.
        if c > s.start && a.w(c - 1) == "," && matches!(a.w(v + 1), "er" | "wir" | "ich" | "man") {
            return Some(v + 1..v + 2);
        }
        // `…, sagte X`; or `X, der Sprecher von Y, sagte …`.
        if c > s.start && a.w(c - 1) == "," {
            let mut inverted = end >= s.end || !matches!(a.w(end), "," | ":");
            let first = s.start;
            {
                // `„…“, sagte X, der Sprecher …` / `…, sei ruhig, sagte X, …`:
                // speech before the comma, the speaker after the verb.
                let content = (first..c - 1).any(|k| a.in_quote(k) || a.is_konjunktiv(k, false));
                // `X, Sprecher von Y, sagte …`: a name and its apposition.
                let apposed = !content
                    && !not_nominative(a, first)
                    && np_forward(a, first, c)
                        .is_some_and(|np| np.start == first && a.w(np.end) == ",");
                // `…, sagt Margot Rest, die Anwältin, zum STANDARD`: a
                // phrase fills the words from the verb to the comma.
                let named_after = end > v + 1
                    && end < s.end
                    && np_forward(a, v + 1, end)
                        .is_some_and(|np| np.start == v + 1 && np.end == end);
                if content || (named_after && !apposed) {
                    inverted = true;
                } else if apposed {
                    inverted = false;
                }
            }
            let first = if FOCUS.contains(&a.w(first)) {
                first + 1
            } else {
                first
            };
            let before = || {
                (!adverbial_first(a, first) && !a.in_quote(first))
                    .then(|| np_forward(a, first, c))
                    .flatten()
            };
            if !inverted {
                return before().or_else(after);
            }
            return after().or_else(before);
        }
        return after();
    }
    // A subordinate clause with the verb last: `während X ankündigte`.
    let subordinate = (matches!(a.class(c), Some(Class::Conj))
        && (verb_last(a, v, end)
            || matches!(
                a.w(c),
                "und" | "oder" | "aber" | "sondern" | "denn" | "Und" | "Aber"
            )))
        || (matches!(a.w(c), "während" | "Während") && verb_last(a, v, end));
    if subordinate
        && !matches!(
            a.w(c),
            "und" | "oder" | "aber" | "sondern" | "denn" | "Und" | "Aber"
        )
    {
        return np_forward(a, c + 1, v).or_else(after);
    }
    // `Den Plan kritisierte er`: a personal pronoun right after the verb is
    // its subject when the words before cannot be.
    let pronoun_after = match a.w(v + 1) {
        "er" | "wir" | "ich" | "man" => true,
        "sie" => object_article(a.w(c)) || adverbial_first(a, c),
        _ => false,
    };
    if pronoun_after {
        return Some(v + 1..v + 2);
    }
    // `Auch der Minister sagte`: the focused phrase is the subject.
    if FOCUS.contains(&a.w(c)) {
        if let Some(np) = np_forward(a, c + 1, v)
            .filter(|np| np.start == c + 1 && (np.end == v || a.w(np.end) == ","))
        {
            return Some(np);
        }
        return after();
    }
    if not_nominative(a, c) {
        return after();
    }
    // `Ende Januar verkündete der Verband`: a prefield without a name, and a
    // recognised person or organisation right after the verb.
    if !(c..v).any(|t| a.mention(t).is_some())
        && !a.class(c).is_some_and(|k| k.is_pronoun())
        && (!matches!(a.class(c), Some(Class::Det)) || object_article(a.w(c)))
        && let Some(np) = after()
        && np.start == v + 1
        && np.clone().any(|t| {
            a.mention(t).is_some_and(|m| {
                matches!(
                    m.kind,
                    crate::entity::Kind::Person | crate::entity::Kind::Organization
                )
            })
        })
    {
        return Some(np);
    }
    if adverbial_first(a, c) {
        return after();
    }
    np_forward(a, c, v).or_else(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str, verb: &str) -> String {
        let a = Article::new(text, &[]);
        let v = (0..a.len()).find(|&t| a.w(t) == verb).unwrap();
        let s = a.sentences[a.sentence_of(v)].clone();
        subject(&a, &s, v)
            .map(|r| text[a.bytes(r)].to_string())
            .unwrap_or_default()
    }

    #[test]
    fn subjects_before_and_after_the_verb() {
        assert_eq!(
            phrase(
                "Ein Sprecher des Ministeriums sagte, es sei ruhig.",
                "sagte"
            ),
            "Ein Sprecher des Ministeriums"
        );
        assert_eq!(phrase("Am Montag sagte er, es sei ruhig.", "sagte"), "er");
        assert_eq!(
            phrase("Es sei ruhig, sagte der Minister am Montag.", "sagte"),
            "der Minister"
        );
        assert_eq!(
            phrase("Politische Berater sagen, dass es teuer wird.", "sagen"),
            "Politische Berater"
        );
    }
}
