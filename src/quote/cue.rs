//! Frames: the cue that introduces a quotation in a sentence, its speaker
//! phrase, and which words of the sentence are the reported content.
//!
//! Cues are verbs of saying (`X sagte, dass …`, `…, erklärte X`, `wie X
//! mitteilte, …`, `X teilte mit: …`), prepositions of attribution (`laut X`,
//! `gemäß X`, `nach Angaben von X`, `seiner Meinung nach`, `X zufolge`),
//! `…, so X` and adverbs that refer back to a source (`demnach`,
//! `wonach`). A frame whose content is a quotation in marks belongs to that
//! direct quotation; otherwise the content is an indirect quotation.

use super::article::Article;
use super::speaker::{clause_end, clause_start, np_forward, relative_clause_at, subject};
use super::words::{Class, CueRole, VerbForm};
use std::ops::Range;

/// What a frame introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Indirect speech: the content tokens.
    Indirect,
    /// The direct quotation with this index.
    Direct(usize),
}

/// A cue with its speaker and content, in token ranges.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// The cue words.
    pub cue: Vec<Range<usize>>,
    /// The speaker phrase.
    pub speaker: Option<Range<usize>>,
    /// The reported content (for [`Target::Indirect`]).
    pub content: Vec<Range<usize>>,
    /// What it introduces.
    pub target: Target,
    /// The one who goes on speaking after it, when not the speaker: the
    /// subject of a verb that rejects what its object said (`X wies den
    /// Bericht zurück, …`).
    pub goes_on: Option<Range<usize>>,
}

const QUESTION_WORDS: &[&str] = &[
    "dass",
    "daß",
    "ob",
    "wie",
    "warum",
    "weshalb",
    "wieso",
    "wer",
    "was",
    "wo",
    "wann",
    "welche",
    "welcher",
    "welches",
    "inwiefern",
    "wofür",
    "womit",
];

/// Trim a token range of punctuation at its start (a sentence without
/// leading punctuation).
pub(crate) fn trim_start(a: &Article, mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && !a.is_word(r.start) && !a.in_quote(r.start) {
        r.start += 1;
    }
    r
}

/// Trim a token range of punctuation at both ends.
fn trim(a: &Article, r: Range<usize>) -> Range<usize> {
    let mut r = trim_start(a, r);
    while r.end > r.start && !a.is_word(r.end - 1) && !a.in_quote(r.end - 1) {
        r.end -= 1;
    }
    r
}

/// Word tokens of a range outside quotation marks, and the direct quotation
/// covering most of it, if any.
fn shape(a: &Article, r: &Range<usize>) -> (usize, Option<usize>) {
    let mut words = 0;
    let mut quoted = 0;
    let mut q = None;
    for t in r.clone() {
        if a.in_quote(t) {
            quoted += 1;
            q = Some(a.quote_of[t] as usize - 1);
        } else if a.is_word(t) {
            words += 1;
        }
    }
    let direct = q.filter(|_| quoted > 0 && words <= 2 && quoted >= words);
    (words, direct)
}

/// Build a frame from its parts: content ranges (trimmed) decide whether it
/// introduces a direct quotation, indirect content, or nothing.
fn frame(
    a: &Article,
    cue: Vec<Range<usize>>,
    speaker: Option<Range<usize>>,
    content: Vec<Range<usize>>,
) -> Option<Frame> {
    let content: Vec<Range<usize>> = content
        .into_iter()
        .map(|r| trim(a, r))
        .filter(|r| r.start < r.end)
        .collect();
    let mut words = 0;
    let mut direct = None;
    let mut direct_only = true;
    for r in &content {
        let (w, d) = shape(a, r);
        words += w;
        match d {
            Some(q) => direct = direct.or(Some(q)),
            None => direct_only = false,
        }
    }
    if let Some(q) = direct
        && (direct_only || words <= 2)
    {
        return Some(Frame {
            cue,
            speaker,
            content: Vec::new(),
            target: Target::Direct(q),
            goes_on: None,
        });
    }
    if words < 2 {
        return None;
    }
    Some(Frame {
        cue,
        speaker,
        content,
        target: Target::Indirect,
        goes_on: None,
    })
}

/// The content around a frame in the middle of a sentence: what precedes
/// and what follows it.
fn around(s: &Range<usize>, f: Range<usize>) -> Vec<Range<usize>> {
    vec![s.start..f.start, f.end..s.end]
}

/// Whether token `t` is a clause boundary outside quotation marks.
fn comma(a: &Article, t: usize) -> bool {
    !a.in_quote(t) && a.w(t) == ","
}

/// The frames of the outer sentence `s`, in text order, not overlapping.
pub(crate) fn frames(a: &Article, s: &Range<usize>) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    let mut used_until = s.start;
    let mut t = s.start;
    while t < s.end {
        if t < used_until || a.in_quote(t) {
            t += 1;
            continue;
        }
        if let Some((f, end)) = frame_at(a, s, t) {
            used_until = end.max(t + 1);
            // One indirect quotation per sentence; frames of direct
            // quotations may be several.
            let indirect = f.target == Target::Indirect;
            if indirect && out.iter().any(|o| o.target == Target::Indirect) {
                t += 1;
                continue;
            }
            out.push(f);
        }
        t += 1;
    }
    out
}

/// The frame whose cue is token `t`, with the token where the frame's own
/// words end.
fn frame_at(a: &Article, s: &Range<usize>, t: usize) -> Option<(Frame, usize)> {
    let w = a.w(t);
    let words = a.words;
    if let Some(role) = words.cue(w)
        && let Some(r) = cue_frame(a, s, t, role)
    {
        return Some(r);
    }
    if let Some(v) = words.verb(w)
        && a.mention(t).is_none()
        && (!a.is_capitalised(t) || t == s.start)
    {
        return verb_frame(a, s, t, v);
    }
    opinion_frame(a, s, t)
}

/// Nouns of opinion that `sein`, `vertreten` or `teilen` make a frame of
/// (`X ist der Ansicht, dass …`).
const OPINION_NOUNS: &[&str] = &["Ansicht", "Meinung", "Auffassung", "Überzeugung"];

/// Finite forms of the verbs that hold an opinion noun in a frame.
const OPINION_VERBS: &[&str] = &[
    "ist",
    "sind",
    "war",
    "waren",
    "sei",
    "seien",
    "wäre",
    "wären",
    "vertritt",
    "vertreten",
    "vertrat",
    "vertraten",
    "teilt",
    "teilen",
    "teilte",
    "teilten",
];

/// `X ist der Ansicht, dass …`, `X vertritt die Auffassung, die Lage sei
/// …`: an opinion noun at token `t` after its article and before a comma,
/// with `sein`, `vertreten` or `teilen` shortly before it (the subject of
/// that verb is the speaker), and content after the comma that is a `dass`
/// clause, reported speech or a main clause.
fn opinion_frame(a: &Article, s: &Range<usize>, t: usize) -> Option<(Frame, usize)> {
    if !OPINION_NOUNS.contains(&a.w(t))
        || t < s.start + 2
        || !matches!(a.w(t - 1), "der" | "die")
        || !comma(a, t + 1)
    {
        return None;
    }
    let c = clause_start(a, s, t);
    let finite = (c.max(t.saturating_sub(6))..t - 1)
        .rev()
        .find(|&k| OPINION_VERBS.contains(&a.w(k)))?;
    let next = t + 2;
    let clause_to = clause_end(a, s, next + 1).min(next + 16);
    let ok = matches!(a.w(next), "dass" | "daß")
        || (next..s.end).any(|k| a.is_konjunktiv(k, false))
        || main_clause(a, next, clause_to);
    if !ok || next >= s.end {
        return None;
    }
    let cue = vec![finite..finite + 1, t - 1..t + 1];
    // `Einige vertreten die Auffassung`: the opinion phrase after the verb
    // is its object; the subject opens the clause.
    let speaker = subject(a, s, finite)
        .filter(|r| r.end < t - 1 || r.start > t)
        .or_else(|| np_forward(a, c, finite).filter(|np| np.start == c));
    let f = frame(a, cue, speaker, vec![next..s.end])?;
    Some((f, next))
}

/// The frame of the cue word at token `t` (a preposition of attribution,
/// `so` or an adverb), by its role.
fn cue_frame(a: &Article, s: &Range<usize>, t: usize, role: CueRole) -> Option<(Frame, usize)> {
    match role {
        CueRole::Pre => {
            // `laut geworden`, `laut und deutlich`: the adjective, no source.
            if matches!(
                a.w(t + 1),
                "werden"
                    | "wurde"
                    | "wurden"
                    | "geworden"
                    | "worden"
                    | "wird"
                    | "würde"
                    | "würden"
                    | "und"
                    | "zu"
                    | "genug"
                    | "gewesen"
                    | "sein"
                    | "ist"
                    | "war"
                    | ","
                    | "."
            ) {
                return None;
            }
            // `laut taz`, `laut ai-Bericht`: a name in lower case.
            let lower = (a.is_word(t + 1)
                && t + 1 < s.end
                && a.w(t + 1).starts_with(char::is_lowercase)
                && a.class(t + 1).is_none()
                && a.words.verb(a.w(t + 1)).is_none())
            .then_some(t + 1..t + 2);
            let np = np_forward(a, t + 1, s.end).or(lower)?;
            if np.start != t + 1 {
                return None;
            }
            let f = t..np.end;
            let fr = frame(a, vec![t..t + 1], Some(np), around(s, f.clone()))?;
            Some((fr, f.end))
        }
        CueRole::Nach => nach_frame(a, s, t),
        CueRole::Post => {
            let c = clause_start(a, s, t);
            if c >= t || t - c > 10 {
                return None;
            }
            // `Kim soll Berichten zufolge …`: the source is the phrase that
            // ends right before `zufolge`, not the clause's subject.
            let source = source_before(a, c, t).unwrap_or(c..t);
            let f = source.start..t + 1;
            let fr = frame(a, vec![t..t + 1], Some(source), around(s, f.clone()))?;
            Some((fr, f.end))
        }
        CueRole::So => so_frame(a, s, t),
        CueRole::Adverb => {
            let w = a.w(t).to_lowercase();
            if w == "danach" && !(s.start..s.end).any(|k| a.is_konjunktiv(k, true)) {
                return None;
            }
            let content = if w == "wonach" {
                vec![t + 1..s.end]
            } else {
                around(s, t..t + 1)
            };
            // `Berichte, wonach …`: the phrase the relative adverb refers to
            // is the source.
            let speaker = (w == "wonach")
                .then(|| antecedent(a, s, t))
                .flatten()
                .unwrap_or(t..t + 1);
            let fr = frame(a, vec![t..t + 1], Some(speaker), content)?;
            Some((fr, t + 1))
        }
    }
}

/// The source phrase that ends right before the postposition at `t`
/// (`Berichten zufolge`, `den Polizeibehörden in Mombasa zufolge`), found
/// from the clause start `c`: the first noun phrase, perhaps with one
/// prepositional phrase, that ends at `t`. It opens with an article, a
/// possessive or a capitalised word, never with a lowercase word of
/// another kind (`starben Angaben` is a verb and the phrase `Angaben`).
fn source_before(a: &Article, c: usize, t: usize) -> Option<Range<usize>> {
    (c..t).find_map(|k| {
        let opens = a.is_capitalised(k)
            || matches!(
                a.class(k),
                Some(Class::Det | Class::PossHe | Class::PossShe)
            );
        if !opens || a.class(k) == Some(Class::Prep) {
            return None;
        }
        let np = np_forward(a, k, t).filter(|np| np.start == k)?;
        let m = np.end;
        let ends = m == t
            || (m + 1 < t
                && a.class(m) == Some(Class::Prep)
                && np_forward(a, m + 1, t).is_some_and(|p| p.start == m + 1 && p.end == t));
        ends.then_some(k..t)
    })
}

/// The noun phrase that ends at the comma before token `t` (`eine
/// Schätzung, wonach`, `ein Bericht der Agentur „Interfax“, wonach`): the
/// longest phrase in the clause that runs up to the comma.
fn antecedent(a: &Article, s: &Range<usize>, t: usize) -> Option<Range<usize>> {
    if t < s.start + 2 || !comma(a, t - 1) {
        return None;
    }
    let end = t - 1;
    let c = clause_start(a, s, end);
    (c..end).find_map(|k| {
        np_forward(a, k, end).filter(|np| {
            np.start == k && np.end == end && !a.class(k).is_some_and(|c| c.is_pronoun())
        })
    })
}

/// `nach (ersten) Angaben (der Polizei)`, `seiner Meinung nach`: the frame
/// of `nach` at token `t` with a source noun after or before it.
fn nach_frame(a: &Article, s: &Range<usize>, t: usize) -> Option<(Frame, usize)> {
    let words = a.words;
    // `seiner Meinung nach`: the source noun before (first, so that `Seiner
    // Meinung nach ist der Plan gut` takes no noun after `nach`).
    if t > s.start && words.is_source_noun(a.w(t - 1)) {
        let mut b = t - 1;
        while b > s.start
            && b + 4 > t
            // `die seiner Meinung nach …`: the possessive opens the phrase.
            && !matches!(a.class(b), Some(Class::PossHe | Class::PossShe))
            && (matches!(
                a.class(b - 1),
                Some(Class::PossHe | Class::PossShe | Class::Det)
            ) || (a.w(b - 1).starts_with(char::is_lowercase) && a.class(b - 1).is_none()))
        {
            b -= 1;
        }
        let f = b..t + 1;
        let fr = frame(a, vec![t..t + 1], Some(b..t), around(s, f.clone()))?;
        return Some((fr, f.end));
    }
    // `nach (ersten) Angaben (der Polizei)`.
    let mut j = t + 1;
    while j < s.end && j < t + 4 && !words.is_source_noun(a.w(j)) {
        // `nach (ersten) Angaben`, `Nach seiner Meinung`.
        let det = matches!(
            a.class(j),
            Some(Class::Det | Class::PossHe | Class::PossShe)
        );
        if !(det || a.w(j).starts_with(char::is_lowercase) && a.class(j).is_none()) {
            break;
        }
        j += 1;
    }
    if j < s.end && words.is_source_noun(a.w(j)) && j > t {
        let end = np_forward(a, j, s.end)
            .filter(|r| r.start == j)
            .map_or(j + 1, |r| r.end);
        let speaker = if end > j + 1 { j..end } else { t + 1..end };
        let f = t..end;
        let fr = frame(a, vec![t..t + 1], Some(speaker), around(s, f.clone()))?;
        return Some((fr, f.end));
    }
    None
}

/// `…, so der Minister (weiter).`: the frame of `so` at token `t`, with the
/// content before it (and after it where it goes on).
fn so_frame(a: &Article, s: &Range<usize>, t: usize) -> Option<(Frame, usize)> {
    // `…, so der Minister (weiter).`
    if t == s.start || !comma(a, t - 1) {
        return None;
    }
    let np = np_forward(a, t + 1, s.end)?;
    if np.start != t + 1 || a.words.verb(a.w(np.end)).is_some() {
        return None;
    }
    // Nothing but adverbials may follow up to the end or a colon.
    let end = (np.end..s.end)
        .find(|&k| matches!(a.w(k), ":" | "." | "!" | "?") || a.in_quote(k))
        .unwrap_or(s.end);
    // `„…“, so X, „…“` / `…, so X, … sei …`: the content goes on
    // after a comma.
    if comma(a, np.end) && (np.end + 1..s.end).any(|k| a.in_quote(k) || a.is_konjunktiv(k, false)) {
        let content = vec![s.start..t - 1, np.end + 1..s.end];
        let fr = frame(a, vec![t..t + 1], Some(np), content)?;
        return Some((fr, s.end));
    }
    // `…, so X, Leiterin der Y.`: an apposition to the source, also with a
    // phrase after it (`…, so X, die Leiterin der Fachstelle für Sucht.`),
    // but no clause of its own.
    let mut np = np;
    if comma(a, np.end)
        && let Some(app) = np_forward(a, np.end + 1, end)
        && app.start == np.end + 1
        && (app.end == end
            || (app.end..end).all(|k| {
                !comma(a, k) && !a.is_konjunktiv(k, false) && a.words.verb(a.w(k)).is_none()
            }))
    {
        np = np.start..app.end;
    }
    if (np.end..end).any(|k| comma(a, k) || a.is_konjunktiv(k, false)) {
        return None;
    }
    let fr = frame(a, vec![t..t + 1], Some(np), vec![s.start..t - 1])?;
    Some((fr, end))
}

/// The source named by a phrase with `in`, `aus`, `bei` or `von` around an
/// impersonal verb at token `v` (`Aus Paris hieß es`, `heißt es im
/// Bericht`): the nearest one after it in its clause, else before it in the
/// sentence, where the phrase opens the sentence or a clause.
fn source_phrase(a: &Article, s: &Range<usize>, v: usize) -> Option<Range<usize>> {
    let source = |k: usize| {
        matches!(
            a.w(k),
            "in" | "In"
                | "im"
                | "Im"
                | "aus"
                | "Aus"
                | "bei"
                | "Bei"
                | "beim"
                | "Beim"
                | "von"
                | "Von"
                | "vom"
                | "Vom"
                | "auf"
                | "Auf"
        )
    };
    let end = clause_end(a, s, v + 1);
    let phrase = |k: usize, limit: usize| {
        np_forward(a, k + 1, limit)
            .filter(|np| np.start == k + 1)
            .map(|np| k..np.end)
    };
    if let Some(r) = (v + 2..end)
        .filter(|&k| source(k))
        .find_map(|k| phrase(k, end))
    {
        return Some(r);
    }
    (s.start..v)
        .rev()
        .filter(|&k| {
            source(k) && (k == s.start || matches!(a.w(k - 1), "," | "es" | "wie" | "Wie"))
        })
        .find_map(|k| phrase(k, v))
}

/// Whether a word is an infinitive with `zu` inside (`einzurichten`,
/// `zurückzutreten`, `zuzustimmen`), not a verb that merely starts with
/// `zu` (`zurücktreten`).
pub(crate) fn zu_infinitive(w: &str) -> bool {
    let rest = w.strip_prefix("zu").unwrap_or(w);
    let inner = if rest.len() < w.len() {
        rest.contains("zu")
    } else {
        w.get(2..).is_some_and(|r| r.contains("zu"))
    };
    w.len() > 8 && w.starts_with(char::is_lowercase) && w.ends_with("en") && inner
}

/// The start of the clause of token `p`, going on before words in marks
/// that stand inside it (`hatte die Lage als „ernst“ bezeichnet`), not
/// before marks that open after a comma or colon.
fn clause_start_across_marks(a: &Article, s: &Range<usize>, p: usize) -> usize {
    let mut c = clause_start(a, s, p);
    while c > s.start && a.in_quote(c - 1) {
        let q = a.quote_of[c - 1];
        let mut k = c - 1;
        while k > s.start && a.quote_of[k - 1] == q {
            k -= 1;
        }
        if k == s.start || a.in_quote(k - 1) || matches!(a.w(k - 1), "," | ":" | ";") {
            break;
        }
        c = clause_start(a, s, k);
    }
    c
}

/// The auxiliary of a participle at token `p`: after it when it closes a
/// verb-last clause (`…, zumal X betont hatte, …`, `nachdem X erklärt
/// worden war`), else before it in its clause (`hatte … erklärt`, also
/// across words in marks: `hat die Lage als „ernst“ bezeichnet`).
fn auxiliary(a: &Article, s: &Range<usize>, p: usize) -> Option<usize> {
    let k = if a.w(p + 1) == "worden" { p + 2 } else { p + 1 };
    if k < s.end
        && AUXILIARIES_AFTER.contains(&a.w(k))
        && !a.in_quote(k)
        && (k + 1 >= s.end || (!a.in_quote(k + 1) && matches!(a.w(k + 1), "," | ":" | "." | ";")))
    {
        return Some(k);
    }
    let c = clause_start_across_marks(a, s, p);
    (c..p).rev().find(|&k| {
        !a.in_quote(k)
            && matches!(
                a.w(k),
                "hat"
                    | "hatte"
                    | "haben"
                    | "hatten"
                    | "habe"
                    | "ist"
                    | "war"
                    | "wurde"
                    | "wurden"
                    | "wird"
                    | "werden"
                    | "sei"
                    | "seien"
                    | "hätte"
                    | "hätten"
            )
    })
}

/// Finite auxiliaries that close a verb-last clause after a participle.
const AUXILIARIES_AFTER: &[&str] = &[
    "hat", "hatte", "hatten", "haben", "habe", "hätte", "hätten", "ist", "war", "waren", "sei",
    "seien", "wurde", "wurden", "wird", "werden",
];

/// The finite modal verb (or `lassen`, or `werden` of the future) before
/// an infinitive at token `p` in its clause, whose subject is the speaker:
/// `musste er betonen`, `ließ der Pressedienst verlauten`. Only for a form
/// that can be an infinitive (ending in `-en`/`-n`, lower case) and is not
/// itself followed by the modal (`…, weil er das sagen wollte`).
fn modal(a: &Article, s: &Range<usize>, p: usize) -> Option<usize> {
    let w = a.w(p);
    if !(w.starts_with(char::is_lowercase) && w.ends_with('n')) || zu_infinitive(w) {
        return None;
    }
    if p > s.start && a.w(p - 1) == "zu" {
        return None;
    }
    let c = clause_start(a, s, p);
    (c..p)
        .rev()
        .find(|&k| MODALS.contains(&a.w(k)) && !a.in_quote(k))
}

/// Finite forms of the modal verbs, `lassen` and `werden` that govern an
/// infinitive.
const MODALS: &[&str] = &[
    "muss", "musste", "mussten", "müssen", "müsse", "kann", "konnte", "konnten", "können", "könne",
    "will", "wollte", "wollten", "wollen", "wolle", "soll", "sollte", "sollten", "sollen", "darf",
    "durfte", "durften", "dürfen", "möchte", "möchten", "ließ", "ließen", "lässt", "läßt",
    "lassen", "wird", "werden", "würde", "würden",
];

/// The frame whose cue is the verb of saying at token `v` (of the form
/// `form`): `wie X sagte`, content after the verb (`X sagte, dass …`, `X
/// sagte: …`), content before it (`…, sagte X.`), or a quotation in marks
/// right before it (`„…“ sagte X.`).
fn verb_frame(a: &Article, s: &Range<usize>, v: usize, form: VerbForm) -> Option<(Frame, usize)> {
    let verb = Verb::new(a, s, v, form)?;
    let c = verb.clause_start();
    // `Wie X mitteilte, …` / `…, wie X berichtete.`
    if matches!(a.w(c), "wie" | "Wie") && c < v {
        return verb.wie_frame(c);
    }
    if let Some(f) = verb.content_after() {
        return Some(f);
    }
    verb.content_before()
}

/// A verb of saying in sentence `s` with the words of its cue, while its
/// frame is sought.
struct Verb<'s, 'a> {
    a: &'s Article<'a>,
    s: &'s Range<usize>,
    /// The verb's token.
    v: usize,
    form: VerbForm,
    /// The cue words: the auxiliary, the verb and its particle.
    cue: Vec<Range<usize>>,
    /// The last token of the cue words from the verb on (the verb or its
    /// particle).
    last: usize,
    /// The finite verb, whose subject is the speaker: the auxiliary of a
    /// participle, else the verb.
    finite: usize,
    /// The first of the verb and its finite verb.
    first: usize,
    /// Where the verb's clause ends.
    end_clause: usize,
    /// The verb is passive (`wurde … verkündet`, `wird vorgeworfen`).
    passive: bool,
    /// The verb reports a speech act on its own (`kritisierte`, `wies …
    /// zurück`), with the particle it has in the clause.
    report: bool,
}

impl<'s, 'a> Verb<'s, 'a> {
    /// The verb at token `v` with its particle and auxiliary; `None` when
    /// a separable verb lacks its particle in the clause.
    fn new(a: &'s Article<'a>, s: &'s Range<usize>, v: usize, form: VerbForm) -> Option<Self> {
        let mut cue = vec![v..v + 1];
        let end_clause = clause_end(a, s, v + 1);
        // A separable verb needs its particle in the clause.
        let mut last = v;
        let mut report = form.report;
        if let Some(p) = form.particle {
            let others = a.words.other_particles(a.w(v));
            let Some(k) = (v + 1..end_clause).find(|&k| a.w(k) == p || others.contains(&a.w(k)))
            else {
                // `klagte` without `an`: the verb without a particle, if
                // one shares the form.
                return a
                    .words
                    .plain_verb(a.w(v))
                    .and_then(|f| Verb::new(a, s, v, f));
            };
            cue.push(k..k + 1);
            last = k;
            // `wies … zurück` is `zurückweisen`, though `wies` is listed
            // under `hinweisen`: the verb its particle makes.
            if let Some(f) = a.words.verb(&format!("{}{}", a.w(k), a.w(v))) {
                report = f.report;
            }
        }
        // The finite verb whose subject is the speaker: the auxiliary of a
        // participle, or the modal verb (or `lassen`) of an infinitive
        // (`musste er betonen`, `ließ X verlauten`).
        let finite = if form.participle || form.participle_too {
            auxiliary(a, s, v).or_else(|| modal(a, s, v)).unwrap_or(v)
        } else {
            modal(a, s, v).unwrap_or(v)
        };
        if finite < v {
            cue.insert(0, finite..finite + 1);
        } else if finite > v {
            cue.push(finite..finite + 1);
        }
        // The passive (`wurde … verkündet`, `wird vorgeworfen`): the agent
        // after `von` speaks, or a source opening the clause (`In einer
        // Erklärung wurde verkündet`); the grammatical subject does not.
        let passive = finite != v
            && (matches!(
                a.w(finite),
                "wird" | "wurde" | "wurden" | "werden" | "worden"
            ) || a.w(v + 1) == "worden")
            && (form.participle || form.participle_too);
        Some(Verb {
            a,
            s,
            v,
            form,
            cue,
            last,
            finite,
            first: finite.min(v),
            end_clause,
            passive,
            report,
        })
    }

    /// Where the verb's clause starts. `Wie der Richter, Otto Brand,
    /// ausführte, …`: the clause opens before an apposition.
    fn clause_start(&self) -> usize {
        let (a, s) = (self.a, self.s);
        let mut c = clause_start(a, s, self.first);
        if c == self.first && c >= 2 && a.w(c - 1) == "," {
            let c0 = clause_start(a, s, c - 1);
            if c0 >= 2 && a.w(c0 - 1) == "," && a.mention(c0).is_some() {
                let c1 = clause_start(a, s, c0 - 1);
                if matches!(a.w(c1), "wie" | "Wie") {
                    c = c1;
                }
            }
        }
        c
    }

    /// `Wie X mitteilte, …` / `…, wie X berichtete.`: the clause opens with
    /// `wie` at token `c`, the speaker follows it, and the rest of the
    /// sentence is the content.
    fn wie_frame(self, c: usize) -> Option<(Frame, usize)> {
        let (a, s) = (self.a, self.s);
        // `Wie aus Unternehmenskreisen verlautete`: a source with `aus`,
        // `von` or `bei` instead of a subject.
        let speaker = np_forward(a, c + 1, self.first).or_else(|| {
            matches!(a.w(c + 1), "aus" | "von" | "vom" | "bei" | "beim")
                .then(|| np_forward(a, c + 2, self.first))
                .flatten()
                .filter(|np| np.start == c + 2)
                .map(|np| c + 1..np.end)
        });
        let mut cue = self.cue;
        cue.insert(0, c..c + 1);
        let content = if c == s.start {
            vec![self.end_clause..s.end]
        } else {
            let after = clause_end(a, s, self.last + 1);
            vec![s.start..c, after..s.end]
        };
        let f = frame(a, cue, speaker, content)?;
        Some((f, self.end_clause))
    }

    /// The speaker phrase: the agent of a passive, the one quoted after
    /// `zitierte`, the subject, or for `es heißt` and `man sagt` a source
    /// the sentence names.
    fn speaker(&self) -> Option<Range<usize>> {
        let (a, s, v, finite) = (self.a, self.s, self.v, self.finite);
        // `Sie wird mit den Worten zitiert`, `wird X zitiert`: the one
        // quoted is the subject of the passive.
        if self.passive && a.w(v).starts_with("zitiert") {
            return subject(a, s, finite)
                .filter(|r| !(r.len() == 1 && matches!(a.class(r.start), Some(Class::It))))
                .or_else(|| self.agent());
        }
        if self.passive {
            return self.agent();
        }
        // `X hat alle Mühe, den Plan zu erklären`: an infinitive with `zu`
        // has no subject of its own; the main clause's subject speaks.
        if self.zu_infinitive() {
            let c = clause_start(a, s, self.first);
            if c > s.start + 1 && a.w(c - 1) == "," {
                let c0 = clause_start(a, s, c - 1);
                return super::main_subject(a, c0, c - 1);
            }
            // `X versuchte zu erklären, …`: the subject of its own clause.
            return super::main_subject(a, c, self.first);
        }
        // `zitierte X mit den Worten`: the one quoted is the speaker.
        if a.w(v).starts_with("zitiert")
            && let Some(o) = np_forward(a, v + 1, self.end_clause)
        {
            return Some(o);
        }
        let sp = subject(a, s, finite);
        // `es heißt`, `man sagt`: no speaker in the text, but `in dem
        // Bericht heißt es` names a source.
        let none = sp
            .as_ref()
            .is_none_or(|r| r.len() == 1 && matches!(a.class(r.start), Some(Class::It)));
        if none {
            return self.impersonal_source();
        }
        sp
    }

    /// Whether the verb is an infinitive with `zu` (`zu erklären`,
    /// `mitzuteilen`).
    fn zu_infinitive(&self) -> bool {
        let (a, v) = (self.a, self.v);
        (v > self.s.start && a.w(v - 1) == "zu") || zu_infinitive(a.w(v))
    }

    /// The speaker of a passive: the agent after `von`, or a source with
    /// `in` that opens the clause.
    fn agent(&self) -> Option<Range<usize>> {
        let (a, s) = (self.a, self.s);
        let c = clause_start(a, s, self.first);
        let e = clause_end(a, s, self.v + 1);
        if let Some(k) = (c..e).find(|&k| matches!(a.w(k), "von" | "Von" | "vom" | "Vom")) {
            let np = np_forward(a, k + 1, e);
            if np.is_some() {
                return np;
            }
        }
        // `In einer Erklärung wurde verkündet`, not `Im März wurde …`.
        if matches!(a.w(c), "In" | "in" | "Im" | "im")
            && let Some(np) = np_forward(a, c + 1, self.first)
            && super::speaks(a, &np)
        {
            return Some(np);
        }
        None
    }

    /// The source of an impersonal verb (`es heißt`, `man sagt`), named by
    /// a phrase with a preposition, if the sentence has one.
    fn impersonal_source(&self) -> Option<Range<usize>> {
        let (a, s, finite) = (self.a, self.s, self.finite);
        let c = clause_start(a, s, finite);
        // `In einer Erklärung wurde verkündet`, not `Im März wurde …`.
        if matches!(a.w(c), "In" | "in" | "Im" | "im")
            && let Some(np) = np_forward(a, c + 1, finite)
            && super::speaks(a, &np)
        {
            return Some(np);
        }
        // `Aus Paris hieß es`, `heißt es im Bericht`, `In dem Bericht,
        // der …, heißt es`: a source in a phrase with a preposition.
        if a.w(finite + 1) == "es" {
            return source_phrase(a, s, finite);
        }
        // `Aus EU-Kreisen verlautete, …`: a source before the verb.
        if matches!(a.w(c), "Aus" | "Von" | "Vom" | "Bei" | "Beim") {
            return np_forward(a, c + 1, finite)
                .filter(|np| np.start == c + 1)
                .map(|np| c..np.end);
        }
        None
    }

    /// Content after the frame: `X sagte, dass …`, `X sagte: …`, `X sagte,
    /// die Lage …`, from the first comma or colon after the cue.
    fn content_after(&self) -> Option<(Frame, usize)> {
        let (a, s, first) = (self.a, self.s, self.first);
        let b = (self.last + 1..s.end)
            .take(14)
            .find(|&k| !a.in_quote(k) && matches!(a.w(k), "," | ":"))?;
        // `„…“, sagte X, ein Anwalt …` / `…, sei ruhig, sagte X, der …`: the
        // content stands before the verb; what follows the comma after it is
        // an apposition or a new clause, unless it opens speech of its own.
        let before_content = first > s.start + 1
            && comma(a, first - 1)
            && (a.in_quote(first - 2) || (s.start..first - 1).any(|k| a.is_konjunktiv(k, false)));
        let next = b + 1;
        let next_w = a.w(next);
        // `Die Klage lautet auf …, sagt X, die Anwältin des Fotografen, zum
        // STANDARD`: an apposition after the speaker, and a main clause
        // before the verb that is the content.
        let before_content = before_content
            || (first > s.start + 1
                && comma(a, first - 1)
                && a.w(b) == ","
                && main_clause(a, s.start, first - 1)
                && np_forward(a, next, s.end)
                    .is_some_and(|np| np.start == next && apposition_ends(a, np.end, s.end)));
        let clause_to = clause_end(a, s, next + 1).min(next + 16);
        // `…, wie ein Insider berichtet`: a clause with `wie` that ends with
        // a verb of saying is a frame of its own, not a question.
        let question = QUESTION_WORDS.contains(&next_w) && !wie_frame_clause(a, s, next);
        let reported = (next..s.end).any(|k| a.is_konjunktiv(k, false));
        let zu = (next..clause_to).any(|k| a.w(k) == "zu" || zu_infinitive(a.w(k)));
        let main_clause = main_clause(a, next, clause_to);
        let colon = a.w(b) == ":";
        let opens_quote = a.in_quote(next);
        // `X, den die Zeitung zitiert, kommentierte, …`: a verb of saying
        // that ends a relative clause, and the main clause's verb after the
        // comma; what follows that verb is its content, not this one's.
        let verb_next = relative_clause_at(a, s, self.first).is_some()
            && !opens_quote
            && next_w.starts_with(char::is_lowercase)
            && a.class(next).is_none()
            && !question
            && !zu;
        // `seinen Plan zu erklären, Y sieht sich …`: an infinitive with
        // `zu` takes a main clause as content only in the Konjunktiv.
        let plain_after_infinitive = self.zu_infinitive() && !(reported || colon || question);
        let ok = !verb_next
            && !plain_after_infinitive
            && (question
                || opens_quote
                || (!self.form.needs_that
                    && (reported || colon || (!before_content && (zu || main_clause)))));
        if !ok {
            return None;
        }
        let mut speaker = self.speaker();
        let mut goes_on = None;
        if !colon
            && let Some(o) = self.object_source(
                b,
                speaker.as_ref(),
                zu && !(reported || question || opens_quote),
            )
        {
            goes_on = speaker.replace(o);
        }
        let mut f = frame(a, self.cue.clone(), speaker, vec![next..s.end])?;
        f.goes_on = goes_on;
        Some((f, b + 1))
    }

    /// The object that owns the content after the comma at token `b`, when
    /// it is not the subject's speech: a verb that rejects or judges
    /// (`wies … zurück`, `dementierte`) with a noun of statement or demand
    /// as its object reports that noun's speech (`hat Berichte der Zeitung
    /// zurückgewiesen, er sei …`, `wies die Forderung des Ministers zurück,
    /// das Asylrecht einzuschränken`): the noun with its owner. Another verb
    /// with a noun of demand and an infinitive after it (`erläuterte den
    /// Plan der Regierung, … zu …`): the owner alone. `infinitive`: the
    /// content is an infinitive with `zu`.
    fn object_source(
        &self,
        b: usize,
        subject: Option<&Range<usize>>,
        infinitive: bool,
    ) -> Option<Range<usize>> {
        let (a, s) = (self.a, self.s);
        let report = self.report;
        if !report && !infinitive {
            return None;
        }
        let c = clause_start(a, s, self.first);
        let k = (c..b).find(|&k| {
            let w = a.w(k);
            // Not in a phrase with a preposition (`mit den Worten`).
            let after_prep =
                (k.saturating_sub(2)..k).any(|p| matches!(a.class(p), Some(Class::Prep)));
            k != self.v
                && !after_prep
                && !a.in_quote(k)
                && a.mention(k).is_none()
                && !subject.is_some_and(|r| r.contains(&k))
                && (a.words.is_infinitive_noun(w)
                    || (report
                        && !infinitive
                        && (a.words.is_source_noun(w)
                            || w.strip_suffix('e')
                                .is_some_and(|x| a.words.is_source_noun(x)))))
        })?;
        let owner = owner(a, k + 1, b);
        if report {
            let start = if k > c && matches!(a.class(k - 1), Some(Class::Det)) {
                k - 1
            } else {
                k
            };
            return Some(start..owner.map_or(k + 1, |o| o.end));
        }
        owner
    }

    /// Content before the frame: `…, sagte X.` / `„…“, sagte X.` Not the
    /// speaker with an apposition (`X, Sprecher von Y, sagte`), nor a
    /// subordinate clause that reports nothing (`Nachdem …, erklärte X`).
    /// Failing that, a quotation in marks right before the verb.
    fn content_before(self) -> Option<(Frame, usize)> {
        let (a, s, first) = (self.a, self.s, self.first);
        let quote_before = first > s.start + 1 && comma(a, first - 1) && a.in_quote(first - 2);
        if self.form.needs_that && !quote_before {
            return None;
        }
        let sp_before = self
            .speaker()
            .is_some_and(|r| r.start < first && r.end > s.start);
        // `X, den die Zeitung zitiert, …`: before a relative clause stands
        // what it is about, not speech.
        let sub_before = reports_nothing(a, trim(a, s.start..first - 1))
            || relative_clause_at(a, s, first).is_some();
        if first > s.start
            && comma(a, first - 1)
            && first - 1 > s.start
            && !sp_before
            && !sub_before
        {
            let f = frame(
                a,
                self.cue.clone(),
                self.speaker(),
                vec![s.start..first - 1],
            );
            if let Some(f) = f {
                return Some((f, self.end_clause));
            }
        }
        self.direct_before()
    }

    /// A direct quotation right before the verb: `„…“ sagte X.`
    fn direct_before(self) -> Option<(Frame, usize)> {
        let (a, s, v) = (self.a, self.s, self.v);
        if v > s.start && a.in_quote(v - 1) {
            let q = a.quote_of[v - 1] as usize - 1;
            return Some((
                Frame {
                    speaker: self.speaker(),
                    cue: self.cue,
                    content: Vec::new(),
                    target: Target::Direct(q),
                    goes_on: None,
                },
                self.end_clause,
            ));
        }
        None
    }
}

/// Whether the clause opening with `wie` at token `next` ends with a verb
/// of saying (`wie ein Insider berichtet`), so that it is a frame of its
/// own; not one whose verb is in the Konjunktiv (`wie sehr er das ablehne`).
fn wie_frame_clause(a: &Article, s: &Range<usize>, next: usize) -> bool {
    if !matches!(a.w(next), "wie" | "Wie") {
        return false;
    }
    let end = clause_end(a, s, next + 1);
    let Some(last) = (next + 1..end).rev().find(|&k| a.is_word(k)) else {
        return false;
    };
    let last = if a.words.is_any_particle(a.w(last)) && last > next + 1 {
        last - 1
    } else {
        last
    };
    (next + 1..=last).any(|k| a.words.verb(a.w(k)).is_some())
        && a.words.verb(a.w(last)).is_some()
        && !a.is_konjunktiv(last, false)
}

/// The owner of a noun, right after it before token `end`: a genitive
/// (`des Ministers Y`, `der Opposition`) or `von`/`vom` with its phrase.
fn owner(a: &Article, k: usize, end: usize) -> Option<Range<usize>> {
    if k >= end || !matches!(a.w(k), "des" | "der" | "eines" | "einer" | "von" | "vom") {
        return None;
    }
    let np = np_forward(a, k + 1, end).filter(|np| np.start == k + 1)?;
    let start = if matches!(a.w(k), "von" | "vom") {
        k + 1
    } else {
        k
    };
    Some(start..np.end)
}

/// Whether a phrase ending at token `end` of a sentence ending at `s_end`
/// can be an apposition: a comma follows it, or the sentence's last mark,
/// perhaps after a note in brackets (`Rupert Wolff, Präsident des
/// Rechtsanwaltskammertages (ÖRAK).`).
fn apposition_ends(a: &Article, end: usize, s_end: usize) -> bool {
    let mut k = end;
    if k < s_end && a.w(k) == "(" {
        match (k + 1..s_end.min(k + 6)).find(|&j| a.w(j) == ")") {
            Some(j) => k = j + 1,
            None => return false,
        }
    }
    k < s_end && (a.w(k) == "," || (k + 1 == s_end && a.is_full_stop(k)))
}

/// Whether the words `next..clause_to` after a comma are a main clause
/// (`sagte, die Lage …`): four words or more, opening with a capital or an
/// article or pronoun, not with a conjunction.
fn main_clause(a: &Article, next: usize, clause_to: usize) -> bool {
    let clause_words = (next..clause_to).filter(|&k| a.is_word(k)).count();
    clause_words >= 4
        && !matches!(
            a.w(next),
            "und"
                | "aber"
                | "als"
                | "nachdem"
                | "weil"
                | "da"
                | "wenn"
                | "um"
                | "sondern"
                | "obwohl"
                | "bevor"
                | "während"
                | "so"
                | "sowie"
        )
        && (a.is_capitalised(next)
            || matches!(
                a.class(next),
                Some(Class::Det | Class::He | Class::She | Class::It | Class::One | Class::We)
            ))
}

/// Whether the words `f` before a frame are a subordinate clause that
/// reports nothing (`Nachdem …, erklärte X`): it opens with a conjunction
/// other than `dass`, `ob`, `wie` or a coordinating one, and has no
/// Konjunktiv and no quotation in marks; or a condition with its verb
/// first (`Sollte es dazu kommen, …`).
fn reports_nothing(a: &Article, f: Range<usize>) -> bool {
    // `Sollte es zu einem Prozess kommen, drohen X …`: a condition with its
    // verb first.
    let condition = matches!(
        a.w(f.start),
        "Sollte" | "Sollten" | "Wäre" | "Wären" | "Hätte" | "Hätten" | "Würde" | "Würden"
    ) && f.len() > 2
        && !(f.clone()).any(|k| a.in_quote(k) || a.w(k) == ",");
    condition
        || (matches!(a.class(f.start), Some(Class::Conj))
            && !matches!(
                a.w(f.start).to_lowercase().as_str(),
                "dass" | "daß" | "ob" | "wie" | "und" | "aber" | "denn" | "sondern" | "oder"
            )
            && !(f.clone()).any(|k| a.is_konjunktiv(k, false) || a.in_quote(k)))
}
