//! Quotations: who said what in each article.
//!
//! [`analyse`] finds the quotations of one article from its text and its
//! recognised mentions: direct quotations in marks of every style
//! ([`marks`], [`direct`]), indirect speech with a frame (`X sagte, dass …`,
//! `laut X`, `nach Angaben von X`, `X zufolge`, `…, so X`) found by
//! [`cue`], reported speech in the Konjunktiv that goes on after a framed
//! quotation, and hearsay (`soll … gesagt haben`). Each quotation gets its
//! speaker phrase ([`speaker`]), resolved where it can be to a recognised
//! mention ([`attribute`]); personal pronouns are resolved to the person
//! they refer to as well. The result, a [`QuoteDoc`],
//! depends on the text and the mentions only, so it can be cached per
//! article like [`crate::entity::link::LocalDoc`].
//!
//! [`json`] writes the quotations of a corpus in the system format of the
//! reference scorer, [`eval`] scores them against a gold file, and
//! [`report`] is the `dossier quotes` command. [`table`] keeps the
//! quotations of a corpus compactly for the reader. Word lists come from
//! `assets/quotes/` ([`words`]).

// Token ranges are collected in vectors of ranges throughout.
#![allow(clippy::single_range_in_vec_init)]

pub(crate) mod article;
pub mod attribute;
pub mod corpus;
pub(crate) mod cue;
pub mod direct;
pub mod eval;
pub mod json;
pub mod marks;
pub(crate) mod speaker;
pub mod table;
pub mod words;

use crate::entity::Recognized;
use article::Article;
use cue::{Frame, Target};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What kind of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Indirect speech with a frame: a verb of saying, `laut`, `zufolge`.
    Indirect,
    /// Reported speech without a frame of its own: the Konjunktiv going on
    /// after a framed quotation, or hearsay with `sollen` (`soll … gesagt
    /// haben`).
    Reported,
}

impl QuoteKind {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Reported => "reported",
        }
    }
}

/// How the text names a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerForm {
    /// A recognised person name.
    Name,
    /// A recognised organisation (or other named source).
    Organization,
    /// A description (`ein Sprecher des Ministeriums`).
    Description,
    /// A pronoun, possessive or adverb of attribution (`er`, `seiner
    /// Meinung`, `demnach`).
    Pronoun,
}

/// The speaker of a quotation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Speaker {
    /// Byte range of the speaker phrase (for a quotation that goes on
    /// without a frame, the phrase of the quotation it continues).
    pub span: Range<usize>,
    /// How the phrase names the speaker.
    pub form: SpeakerForm,
    /// Byte range of the recognised mention the speaker is or refers to,
    /// if resolved: its entity is the speaker's entity.
    pub refers_to: Option<Range<usize>>,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    /// Byte ranges of the quoted or reported words, in text order (several
    /// when a frame interrupts them); direct quotations include their marks.
    pub spans: Vec<Range<usize>>,
    /// Its kind.
    pub kind: QuoteKind,
    /// Byte ranges of the cue words (`sagte`, `teilte … mit`, `laut`).
    pub cue: Vec<Range<usize>>,
    /// Its speaker, if the text names one.
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// From the start of the first span to the end of the last.
    pub fn extent(&self) -> Range<usize> {
        let s = self.spans.first().map_or(0, |r| r.start);
        let e = self.spans.last().map_or(0, |r| r.end);
        s..e
    }
}

/// The quotations of one article, in text order. It depends on the text
/// and the recognised mentions only, and serialises with serde.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDoc {
    /// The quotations.
    pub quotes: Vec<Quote>,
    /// Personal pronouns (`er`, `sie`) resolved to the person mention they
    /// refer to: `(pronoun span, mention span)`, in text order. A pronoun
    /// is a mention of its person's entity, so a speaker named by a name
    /// and by a pronoun elsewhere is one speaker.
    #[serde(default)]
    pub pronouns: Vec<(Range<usize>, Range<usize>)>,
}

/// A quotation while it is assembled, in tokens.
struct Item {
    content: Vec<Range<usize>>,
    kind: QuoteKind,
    cue: Vec<Range<usize>>,
    speaker: Option<Range<usize>>,
    /// Take the speaker of the quotation before.
    inherit: bool,
    /// A quotation in marks inside indirect speech.
    inherit_nested: bool,
    sentence: usize,
    /// The one who goes on speaking after it, when not its speaker (see
    /// [`Frame::goes_on`]).
    goes_on: Option<Range<usize>>,
}

/// Find the quotations of an article from its text and recognised mentions
/// (UTF-8 byte spans into `text`).
pub fn analyse(text: &str, mentions: &[Recognized]) -> QuoteDoc {
    let mut a = Article::new(text, mentions);
    if a.len() == 0 {
        return QuoteDoc::default();
    }
    let pairs = marks::pairs(text);
    let directs = direct::find(&a, &pairs);
    a.set_quotes(&directs);
    let mut draft = Draft::framed(&a, directs.len());
    draft.back_references(&a);
    draft.share_interrupted_frames(&a, &directs);
    draft.add_directs(&a, &directs);
    draft.nest_in_indirect();
    let Draft {
        mut items,
        has_item,
        ..
    } = draft;
    continuations(&a, &has_item, &mut items);
    items.sort_by_key(|i| (i.content.first().map_or(0, |r| r.start), i.kind as u8));
    let quotes = resolve(&a, items);
    let pronouns = attribute::pronouns(&a);
    QuoteDoc { quotes, pronouns }
}

/// The quotations of an article while they are assembled, before their
/// speakers are resolved.
struct Draft {
    /// The quotations found so far.
    items: Vec<Item>,
    /// The frame of each direct quotation, once it has one.
    direct_frame: Vec<Option<Frame>>,
    /// The sentences that hold a quotation (or frame one).
    has_item: Vec<bool>,
}

impl Draft {
    /// The frames of every sentence: indirect quotations become items, and
    /// each direct quotation keeps the first frame that introduces it.
    fn framed(a: &Article, directs: usize) -> Draft {
        let mut items: Vec<Item> = Vec::new();
        let mut direct_frame: Vec<Option<Frame>> = vec![None; directs];
        let mut has_item = vec![false; a.sentences.len()];
        for (si, s) in a.sentences.iter().enumerate() {
            for f in cue::frames(a, s) {
                match f.target {
                    Target::Direct(q) => {
                        if direct_frame[q].is_none() {
                            direct_frame[q] = Some(f);
                        }
                    }
                    Target::Indirect => {
                        has_item[si] = true;
                        items.push(Item {
                            content: f.content,
                            kind: QuoteKind::Indirect,
                            cue: f.cue,
                            speaker: f.speaker,
                            inherit: false,
                            inherit_nested: false,
                            sentence: si,
                            goes_on: f.goes_on,
                        });
                    }
                }
            }
        }
        Draft {
            items,
            direct_frame,
            has_item,
        }
    }

    /// `… . Dies bestätigte der Sprecher.`: a frame that points back to the
    /// sentence before it, which is the content.
    fn back_references(&mut self, a: &Article) {
        for si in 1..a.sentences.len() {
            self.back_reference(a, si);
        }
    }

    /// Sentence `si` as a frame that points back: the sentence before is
    /// mostly a quotation in marks, which gets the frame if it has none,
    /// or, when it holds no quotation, indirect content.
    fn back_reference(&mut self, a: &Article, si: usize) {
        let s = a.sentences[si].clone();
        if self.has_item[si] || a.paragraph_before(s.start) || s.len() < 3 {
            return;
        }
        let Some((cue, sp)) = back_frame(a, &s) else {
            return;
        };
        let prev = a.sentences[si - 1].clone();
        let quoted = (prev.start..prev.end).filter(|&t| a.in_quote(t)).count();
        if quoted * 2 > prev.len() {
            let q = a.quote_of[prev.start..prev.end]
                .iter()
                .find(|&&q| q > 0)
                .map(|&q| q as usize - 1);
            if let Some(q) = q
                && self.direct_frame[q].is_none()
            {
                self.direct_frame[q] = Some(Frame {
                    cue,
                    speaker: Some(sp),
                    content: Vec::new(),
                    target: Target::Direct(q),
                    goes_on: None,
                });
            }
            return;
        }
        if self.has_item[si - 1] {
            return;
        }
        let content = cue::trim_start(a, prev);
        self.has_item[si] = true;
        self.has_item[si - 1] = true;
        self.items.push(Item {
            content: vec![content, s.start..s.start + 1],
            kind: QuoteKind::Indirect,
            cue,
            speaker: Some(sp),
            inherit: false,
            inherit_nested: false,
            sentence: si,
            goes_on: None,
        });
    }

    /// An interrupted quotation (`„…“, sagte X, „…“`): both parts share the
    /// frame between them.
    fn share_interrupted_frames(&mut self, a: &Article, directs: &[Range<usize>]) {
        let direct_frame = &mut self.direct_frame;
        for qi in 0..directs.len().saturating_sub(1) {
            let (q, next) = (&directs[qi], &directs[qi + 1]);
            if a.sentence_of(q.start) != a.sentence_of(next.start) {
                continue;
            }
            let between = |f: &Frame| {
                f.cue
                    .first()
                    .is_some_and(|c| c.start >= q.end && c.end <= next.start)
            };
            match (direct_frame[qi].is_some(), direct_frame[qi + 1].is_some()) {
                (false, true) if direct_frame[qi + 1].as_ref().is_some_and(between) => {
                    direct_frame[qi] = direct_frame[qi + 1].clone();
                }
                (true, false) if direct_frame[qi].as_ref().is_some_and(between) => {
                    direct_frame[qi + 1] = direct_frame[qi].clone();
                }
                _ => {}
            }
        }
    }

    /// An item for each direct quotation, with its frame's cue and speaker,
    /// or without a frame the speaker its sentence names; one without a
    /// speaker takes that of the quotation before. A sentence mostly in
    /// marks counts as one with a quotation.
    fn add_directs(&mut self, a: &Article, directs: &[Range<usize>]) {
        for (qi, q) in directs.iter().enumerate() {
            let si = a.sentence_of(q.start);
            let (cue, speaker, goes_on) = match self.direct_frame[qi].take() {
                Some(f) => (f.cue, f.speaker, f.goes_on),
                None => (Vec::new(), unframed_speaker(a, q), None),
            };
            // A short quotation inside a sentence with indirect speech is part
            // of it: it inherits that speaker.
            let inherit = speaker.is_none();
            self.items.push(Item {
                content: vec![q.clone()],
                kind: QuoteKind::Direct,
                cue,
                speaker,
                inherit,
                inherit_nested: false,
                sentence: si,
                goes_on,
            });
            let s = &a.sentences[si];
            let quoted = (s.start..s.end).filter(|&t| a.in_quote(t)).count();
            if quoted * 2 > s.len() {
                self.has_item[si] = true;
            }
        }
    }

    /// A quotation in marks inside indirect speech (`…, die Lage sei
    /// „ernst“`) is said by the speaker of that speech.
    fn nest_in_indirect(&mut self) {
        let outer: Vec<(Range<usize>, Option<Range<usize>>, bool)> = self
            .items
            .iter()
            .filter(|i| i.kind != QuoteKind::Direct)
            .filter_map(|i| {
                let s = i.content.first()?.start;
                let e = i.content.last()?.end;
                Some((s..e, i.speaker.clone(), i.inherit))
            })
            .collect();
        for it in &mut self.items {
            if it.kind == QuoteKind::Direct && it.cue.is_empty() {
                let q = it.content[0].clone();
                if let Some((_, sp, inh)) = outer
                    .iter()
                    .find(|(r, _, _)| r.start <= q.start && q.end <= r.end)
                {
                    it.speaker = sp.clone();
                    it.inherit = *inh;
                    it.inherit_nested = true;
                }
            }
        }
    }
}

/// The cue and speaker of sentence `s` if it is a frame that points back
/// (`Dies bestätigte der Sprecher.`): `Dies`, `Das` or `Dieses`, a verb of
/// saying (with its particle) and the phrase after it.
fn back_frame(a: &Article, s: &Range<usize>) -> Option<(Vec<Range<usize>>, Range<usize>)> {
    if !matches!(a.w(s.start), "Dies" | "Das" | "Dieses") {
        return None;
    }
    let v = s.start + 1;
    let form = a.words.verb(a.w(v))?;
    if form.needs_that || form.participle || a.is_capitalised(v) {
        return None;
    }
    let end = speaker::clause_end(a, s, v + 1);
    let mut cue = vec![v..v + 1];
    if let Some(p) = form.particle {
        let k = (v + 1..end).find(|&k| a.w(k) == p)?;
        cue.push(k..k + 1);
    }
    let sp = speaker::np_forward(a, v + 1, end)?;
    Some((cue, sp))
}

/// The quotations of the assembled items, in their order: speakers are
/// resolved in text order, so that pronouns and continuations see the
/// speakers before them; items that turn out to be names or titles, or
/// that have no words, are dropped.
fn resolve(a: &Article, items: Vec<Item>) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::with_capacity(items.len());
    let mut last: Option<(usize, Speaker)> = None;
    for mut it in items {
        let inherited = last
            .as_ref()
            .filter(|(s, _)| s + 3 >= it.sentence)
            .map(|(_, sp)| sp.clone());
        let speaker = match it.speaker.take() {
            Some(p) => Some(attribute::resolve(a, p, last.as_ref().map(|l| &l.1))),
            None if it.inherit => inherited,
            None => None,
        };
        if let Some(sp) = &speaker {
            last = Some((it.sentence, sp.clone()));
        } else if !it.cue.is_empty() && !it.inherit {
            // `Es wurde erwartet, dass …`: a frame of its own with no one
            // named; what goes on after it is no earlier speaker's.
            last = None;
        }
        if let Some(g) = it.goes_on.take() {
            let sp = attribute::resolve(a, g, last.as_ref().map(|l| &l.1));
            last = Some((it.sentence, sp));
        }
        if speaker.is_none() && a_name_in_marks(a, &it) {
            continue;
        }
        let spans: Vec<Range<usize>> = it
            .content
            .iter()
            .filter(|r| r.start < r.end)
            .map(|r| a.bytes(r.clone()))
            .collect();
        if spans.is_empty() {
            continue;
        }
        quotes.push(Quote {
            spans,
            kind: it.kind,
            cue: it.cue.iter().map(|r| a.bytes(r.clone())).collect(),
            speaker,
        });
    }
    quotes
}

/// A few words in marks (for an item with no speaker anywhere near),
/// outside indirect speech and not a sentence (`„iPod nano“`, `„großen
/// Budget“`): a name, title or scare quote rather than someone's words.
fn a_name_in_marks(a: &Article, it: &Item) -> bool {
    if it.kind != QuoteKind::Direct || !it.cue.is_empty() || it.inherit_nested {
        return false;
    }
    let q = &it.content[0];
    let words = (q.start..q.end).filter(|&t| a.is_word(t)).count();
    let sentence = q.end >= 2 && a.is_full_stop(q.end - 2);
    words <= 3 && !sentence
}

/// The speaker of a direct quotation without a frame of its own: a name
/// before a colon, the subject of a verb of saying before it in its
/// sentence (`Er bezeichnete die Pläne als „Wortbruch“`), or the subject
/// that opens the sentence (`Das Amt empfiehlt einen „…“`).
fn unframed_speaker(a: &Article, q: &Range<usize>) -> Option<Range<usize>> {
    if let Some(s) = colon_subject(a, q.start) {
        return Some(s);
    }
    if let Some(s) = colon_speaker(a, q.start) {
        return Some(s);
    }
    let s = &a.sentences[a.sentence_of(q.start)];
    sentence_speaker(a, s, q.start, true).or_else(|| speaker_after(a, s, q))
}

/// `„…“, zeigte sich der Trainer zufrieden`, `„…?“ fragen sich Experten`:
/// a quotation that opens its sentence, followed by a verb that is not one
/// of saying and then its subject, a name, a description with an article
/// or a personal pronoun.
fn speaker_after(a: &Article, s: &Range<usize>, q: &Range<usize>) -> Option<Range<usize>> {
    if q.start != s.start {
        return None;
    }
    let mut v = q.end;
    if a.w(v) == "," {
        v += 1;
    } else if !(q.end >= 2 && matches!(a.w(q.end - 2), "?" | "!")) {
        return None;
    }
    let verb = a.w(v);
    if v >= s.end
        || a.in_quote(v)
        || !verb.starts_with(char::is_lowercase)
        || a.class(v).is_some()
        || a.mention(v).is_some()
    {
        return None;
    }
    let mut n = v + 1;
    if a.w(n) == "sich" {
        n += 1;
    }
    let end = speaker::clause_end(a, s, n);
    let np = speaker::np_forward(a, n, end)?;
    let first = a.w(np.start);
    let named = a.mention(np.start).is_some()
        || (matches!(a.class(np.start), Some(words::Class::Det))
            && !speaker::object_article(first))
        || matches!(first, "er" | "sie" | "Sie" | "Er");
    (np.start == n && named).then_some(np)
}

/// The subject of a verb of saying in sentence `s` before token `until`,
/// or the subject that opens the sentence.
fn sentence_speaker(
    a: &Article,
    s: &Range<usize>,
    until: usize,
    must_speak: bool,
) -> Option<Range<usize>> {
    let verb = (s.start..until).find(|&t| {
        !a.in_quote(t)
            && a.words.verb(a.w(t)).is_some()
            && a.mention(t).is_none()
            && !a.is_capitalised(t)
    });
    if let Some(v) = verb
        && let Some(sp) = passive_agent(a, s, v).or_else(|| speaker::subject(a, s, v))
    {
        return Some(sp);
    }
    if until > s.start + 2 {
        // `Auch der Minister attackierte …`: past a focus particle.
        let start = if matches!(a.w(s.start), "Auch" | "Selbst" | "Sogar" | "Nur") {
            s.start + 1
        } else {
            s.start
        };
        let np = speaker::np_forward(a, start, until)?;
        let next = a.w(np.end);
        let first = a.class(np.start);
        let opens = np.start == start
            && (a.mention(np.start).is_some()
                || matches!(first, Some(words::Class::Det))
                || first.is_some_and(|c| c.is_pronoun()));
        if opens && next.starts_with(char::is_lowercase) && a.class(np.end).is_none() {
            // `Einen neuen Strang haben Forscher entdeckt`: an object opens
            // the sentence, and the subject follows its verb.
            if speaker::object_article(a.w(np.start)) {
                return speaker::np_forward(a, np.end + 1, until).filter(|s| {
                    s.start == np.end + 1
                        && (a.mention(s.start).is_some() || a.is_capitalised(s.start))
                        && !speaker::object_article(a.w(s.start))
                });
            }
            if must_speak && !speaks(a, &np) {
                return None;
            }
            return Some(np);
        }
    }
    None
}

/// `Der Plan wurde von Minister Stolpe als unrealistisch bezeichnet`: the
/// agent of a verb of saying in the passive (a participle with `wurde`,
/// `wird` or `worden` in its clause) after `von`, when it names a person
/// or organisation.
fn passive_agent(a: &Article, s: &Range<usize>, v: usize) -> Option<Range<usize>> {
    let form = a.words.verb(a.w(v))?;
    if !(form.participle || form.participle_too) {
        return None;
    }
    let c = speaker::clause_start(a, s, v);
    let e = speaker::clause_end(a, s, v + 1);
    let passive =
        (c..e).any(|k| matches!(a.w(k), "wurde" | "wurden" | "worden" | "wird" | "werden"));
    if !passive {
        return None;
    }
    let k = (c..v).find(|&k| matches!(a.w(k), "von" | "vom"))?;
    let np = speaker::np_forward(a, k + 1, v)?;
    let named = np.clone().any(|t| {
        a.mention(t).is_some_and(|m| {
            matches!(
                m.kind,
                crate::entity::Kind::Person | crate::entity::Kind::Organization
            )
        })
    });
    (np.start == k + 1 && named).then_some(np)
}

/// `Dabei griff sie … an: „…“`, `In der ARD zeigt sich der Trainer
/// zufrieden: „…“`, `Ein Kommissar nach der Festnahme: „…“`: the subject
/// of the clause that a colon ends before a quotation: a personal pronoun
/// in it, a phrase that opens it, or the phrase after its verb.
fn colon_subject(a: &Article, open: usize) -> Option<Range<usize>> {
    let (c, colon) = colon_clause(a, open)?;
    main_subject(a, c, colon)
}

/// The clause that a colon right before token `open` ends: its first token
/// and the colon's.
fn colon_clause(a: &Article, open: usize) -> Option<(usize, usize)> {
    if open < 2 || a.w(open - 1) != ":" {
        return None;
    }
    let colon = open - 1;
    let s = &a.sentences[a.sentence_of(colon)];
    Some((speaker::clause_start(a, s, colon), colon))
}

/// The subject of the main clause in tokens `c..end`: a personal pronoun
/// in it, a phrase that opens it, or the phrase after its verb.
pub(crate) fn main_subject(a: &Article, c: usize, end: usize) -> Option<Range<usize>> {
    let colon = end;
    if c >= colon {
        return None;
    }
    let after_prep = |t: usize| t > c && matches!(a.class(t - 1), Some(words::Class::Prep));
    if let Some(t) = (c..colon).find(|&t| {
        matches!(
            a.w(t),
            "er" | "Er" | "sie" | "Sie" | "wir" | "Wir" | "ich" | "Ich"
        ) && !after_prep(t)
    }) {
        return Some(t..t + 1);
    }
    let first = a.class(c);
    let opens = a.mention(c).is_some()
        || (matches!(first, Some(words::Class::Det)) && !speaker::object_article(a.w(c)))
        || (first.is_none() && a.is_capitalised(c) && !a.in_quote(c));
    if opens
        && let Some(np) = speaker::np_forward(a, c, colon)
        && np.start == c
        && (np.end == colon || a.w(np.end).starts_with(char::is_lowercase))
    {
        return Some(np);
    }
    // After the verb: the first lower-case word that no class claims.
    let verb = (c + 1..colon).find(|&t| {
        a.w(t).starts_with(char::is_lowercase) && a.class(t).is_none() && !a.in_quote(t)
    })?;
    let np = speaker::np_forward(a, verb + 1, colon)?;
    let named = a.mention(np.start).is_some()
        || matches!(a.class(np.start), Some(words::Class::Det))
            && !speaker::object_article(a.w(np.start));
    named.then_some(np)
}

/// `Merkel: „…“`, `Zitat von Schröder: „…“`: a name right before the colon
/// that opens a quotation.
fn colon_speaker(a: &Article, open: usize) -> Option<Range<usize>> {
    let (c, colon) = colon_clause(a, open)?;
    (c..colon).rev().find_map(|t| {
        let m = a.mention(t)?;
        Some(a.mention_tokens(m).start.max(c)..t + 1)
    })
}

/// Sentences that go on in the Konjunktiv after a quotation, with no frame
/// of their own: reported speech of the speaker before. Runs of them are
/// one quotation.
fn continuations(a: &Article, has_item: &[bool], items: &mut Vec<Item>) {
    let mut quoted_sentence = has_item.to_vec();
    for it in items.iter() {
        quoted_sentence[it.sentence] = true;
    }
    let mut run: Option<Item> = None;
    let mut last_quote: Option<usize> = None;
    for (si, s) in a.sentences.iter().enumerate() {
        if has_item[si] {
            if let Some(r) = run.take() {
                items.push(r);
            }
            last_quote = Some(si);
            continue;
        }
        let konj1 = (s.start..s.end).any(|t| !a.in_quote(t) && a.is_konjunktiv(t, true));
        // `Eine der Anlagen, die Kim besichtigen könnte, ist eine Fabrik.`:
        // a Konjunktiv II in a relative clause is the narrator's.
        let konj2 = (s.start..s.end).any(|t| {
            !a.in_quote(t)
                && a.is_konjunktiv(t, false)
                && (a.is_konjunktiv(t, true) || speaker::relative_clause_at(a, s, t).is_none())
        });
        let near = last_quote.is_some_and(|q| q + 3 >= si);
        let follows = last_quote == Some(si.wrapping_sub(1)) || run.is_some();
        let words = (s.start..s.end)
            .filter(|&t| a.is_word(t) && !a.in_quote(t))
            .count();
        // `Die Streiks sollen bis Freitag andauern.`: hearsay.
        let hearsay = (s.start..s.end).any(|t| {
            !a.in_quote(t)
                && matches!(a.w(t), "soll" | "sollen" | "Soll" | "Sollen")
                && perfect_near(a, s, t)
        });
        // `Hofer: Dann hätte …` in an interview: the label names who speaks
        // now; it goes on from no one before.
        if speaker_label(a, s) {
            if let Some(r) = run.take() {
                items.push(r);
            }
            last_quote = None;
            continue;
        }
        if words >= 3 && ((konj1 && near) || (konj2 && follows) || hearsay) {
            let r = cue::trim_start(a, s.clone());
            match &mut run {
                Some(it) if it.sentence + 1 == si && !a.paragraph_before(s.start) => {
                    it.content[0].end = r.end;
                    it.sentence = si;
                }
                _ => {
                    if let Some(prev) = run.take() {
                        items.push(prev);
                    }
                    // Right after a sentence without a quotation: its
                    // subject said it (`Der Iran streitet dies ab. Sein
                    // Programm diene …`).
                    let speaker = (si > 0 && !has_item[si - 1] && !a.paragraph_before(s.start))
                        .then(|| {
                            let p = &a.sentences[si - 1];
                            sentence_speaker(a, p, p.end, false).or_else(|| {
                                let end = speaker::clause_end(a, p, p.start);
                                main_subject(a, p.start, end)
                            })
                        })
                        .flatten()
                        .filter(|sp| speaks(a, sp));
                    run = Some(Item {
                        content: vec![r],
                        kind: QuoteKind::Reported,
                        cue: Vec::new(),
                        inherit: speaker.is_none(),
                        inherit_nested: false,
                        speaker,
                        sentence: si,
                        goes_on: None,
                    });
                }
            }
            last_quote = Some(si);
        } else if let Some(r) = run.take() {
            items.push(r);
        }
        let _ = &quoted_sentence;
    }
    if let Some(r) = run.take() {
        items.push(r);
    }
}

/// Whether sentence `s` opens with a speaker's label, as the lines of an
/// interview do (`Hofer: Dann …`, `STANDARD: Würden Sie …`): one or two
/// capitalised words and a colon.
fn speaker_label(a: &Article, s: &Range<usize>) -> bool {
    (s.start + 1..(s.start + 3).min(s.end)).any(|k| {
        a.w(k) == ":"
            && (s.start..k).all(|j| a.is_capitalised(j) && a.class(j).is_none())
            && (k + 1 < s.end && a.is_capitalised(k + 1))
    })
}

/// Whether a phrase can be a speaker of reported speech that follows its
/// sentence: a recognised name (a country speaks too), a personal pronoun, or
/// a noun of someone who speaks or of a source (`der Sprecher`, `die
/// Polizei`, `der Bericht`); not `zwei Menschen` or `der Bus`.
pub(crate) fn speaks(a: &Article, sp: &Range<usize>) -> bool {
    sp.clone().any(|t| {
        a.mention(t).is_some()
            || a.class(t).is_some_and(|c| c.is_pronoun())
            || a.words.is_speaker_noun(a.w(t))
    })
}

/// Whether the `soll` at token `t` has a perfect infinitive (`soll … gesagt
/// haben`, `sollen … verletzt worden sein`, `… getroffen haben soll`): the
/// hearsay sense, not a plan (`soll … gebaut werden`).
fn perfect_near(a: &Article, s: &Range<usize>, t: usize) -> bool {
    let perfect = |k: usize| matches!(a.w(k), "haben" | "sein");
    if t > s.start && perfect(t - 1) {
        return true;
    }
    let end = speaker::clause_end(a, s, t + 1);
    (t + 1..end).any(perfect)
}
