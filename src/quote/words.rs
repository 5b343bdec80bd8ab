//! The word lists of quotation analysis, read once from `assets/quotes/`:
//! verbs of saying with every form derived, cue words (`laut`, `zufolge`,
//! `nach Angaben`), Konjunktiv forms, pronouns and other closed classes, and
//! the nouns that announce a title rather than a quotation.
//!
//! Lookups take the token text as it stands; sentence-initial capitalised
//! variants of the closed classes are stored too, so no lookup allocates.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const VERBS: &str = include_str!("../../assets/quotes/verbs-of-saying.txt");
const CUES: &str = include_str!("../../assets/quotes/cue-phrases.txt");
const KONJUNKTIV: &str = include_str!("../../assets/quotes/konjunktiv.txt");
const SPEAKER_WORDS: &str = include_str!("../../assets/quotes/speaker-words.txt");
const TITLES: &str = include_str!("../../assets/quotes/titles.txt");
const SPEAKER_NOUNS: &str = include_str!("../../assets/quotes/speaker-nouns.txt");
const INFINITIVE_NOUNS: &str = include_str!("../../assets/quotes/infinitive-nouns.txt");

/// One form of a verb of saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// Index of the verb in the list (forms of one verb share it).
    pub verb: u16,
    /// The separable particle this form needs later in its clause (`teilte
    /// … mit`); `None` when the form has it joined or the verb has none.
    pub particle: Option<&'static str>,
    /// A past participle (`gesagt`, `mitgeteilt`), not a finite form.
    pub participle: bool,
    /// The verb reports a speech act on its own (`kritisierte den Plan`).
    /// Analysis does not make such acts quotations (too few are annotated
    /// for the rule to pay); the property stays for a reader that wants them.
    pub report: bool,
    /// The verb has other senses and counts only before `dass`, `ob` or a
    /// question word (`finden`, `halten`).
    pub needs_that: bool,
    /// The form is also the past participle (`erklärt`, `berichtet`).
    pub participle_too: bool,
}

/// What a cue word does (see `assets/quotes/cue-phrases.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueRole {
    /// `laut X`, `gemäß X`.
    Pre,
    /// `X zufolge`.
    Post,
    /// `nach Angaben X` or `seiner Meinung nach`.
    Nach,
    /// `…, so X.`
    So,
    /// `demnach`, `wonach`: the rest of the sentence is reported.
    Adverb,
}

/// Closed word classes used to find and resolve speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `er`, `ihm`: a man (or a masculine noun).
    He,
    /// `sie` as singular, `ihr`.
    She,
    /// `sie` as plural, `ihnen`.
    They,
    /// `es`.
    It,
    /// `ich`.
    I,
    /// `wir`.
    We,
    /// `man`.
    One,
    /// `sein`, `seiner`: his.
    PossHe,
    /// `ihre`, `ihrer`: her or their.
    PossShe,
    /// Articles, demonstratives and quantifiers that open a description.
    Det,
    /// Prepositions.
    Prep,
    /// Adverbs and particles.
    Adv,
    /// Conjunctions and complementisers.
    Conj,
}

impl Class {
    /// Whether the word is a personal pronoun that can name a speaker.
    pub fn is_pronoun(self) -> bool {
        matches!(
            self,
            Class::He | Class::She | Class::They | Class::I | Class::We | Class::One
        )
    }

    /// Whether the word is a possessive (`seiner Meinung nach`).
    pub fn is_possessive(self) -> bool {
        matches!(self, Class::PossHe | Class::PossShe)
    }
}

/// All word lists, built once.
#[derive(Debug, Default)]
pub struct Words {
    verbs: FxHashMap<String, VerbForm>,
    particles: FxHashSet<&'static str>,
    alt_particles: FxHashMap<String, Vec<&'static str>>,
    /// Forms of a verb without a particle that a separable verb listed
    /// before it shares (`klagte` of `klagen` beside `an|klagen`).
    plain_verbs: FxHashMap<String, VerbForm>,
    cues: FxHashMap<String, CueRole>,
    source_nouns: FxHashSet<String>,
    source_suffixes: Vec<String>,
    konj1: FxHashSet<String>,
    konj2: FxHashSet<String>,
    classes: FxHashMap<String, Class>,
    title_nouns: FxHashSet<String>,
    title_suffixes: Vec<String>,
    terms: FxHashSet<String>,
    speaker_nouns: Vec<&'static str>,
    infinitive_nouns: Vec<&'static str>,
}

/// Upper-case the first letter of a word.
fn capitalised(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// The lines of a list file without comments and blank lines.
fn lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether a verb takes no `ge-` in its participle (inseparable prefix or
/// `-ieren`).
fn no_ge(base: &str) -> bool {
    base.ends_with("ieren")
        || [
            "be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "über", "unter", "wider",
        ]
        .iter()
        .any(|p| base.starts_with(p) && base.len() > p.len() + 3)
}

/// The forms of a regular weak verb: (3sg, past, past plural, participle
/// without particle, Konjunktiv I).
fn weak_forms(inf: &str) -> [String; 5] {
    let stem = if let Some(s) = inf.strip_suffix("en") {
        s.to_string()
    } else {
        inf.strip_suffix('n').unwrap_or(inf).to_string()
    };
    // `-eln`/`-ern` verbs keep their e (äußern: äußert, äußere).
    let needs_e = {
        let last = stem.chars().last().unwrap_or('a');
        matches!(last, 't' | 'd')
            || (stem.ends_with("chn") || stem.ends_with("gn") || stem.ends_with("ffn"))
    };
    let e = if needs_e { "e" } else { "" };
    let third = format!("{stem}{e}t");
    let past = format!("{stem}{e}te");
    let past_pl = format!("{stem}{e}ten");
    let part = if no_ge(inf) {
        format!("{stem}{e}t")
    } else {
        format!("ge{stem}{e}t")
    };
    let konj = if inf.ends_with("en") {
        format!("{stem}e")
    } else {
        format!("{stem}e").replace("ee", "e")
    };
    [third, past, past_pl, part, konj]
}

impl Words {
    /// The lists, parsed on first use.
    pub fn get() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(Words::build)
    }

    fn build() -> Words {
        let mut w = Words::default();
        for (i, line) in lines(VERBS).enumerate() {
            w.add_verb(i as u16, line);
        }
        for line in lines(CUES) {
            let Some((role, word)) = line.split_once(' ') else {
                continue;
            };
            let role = match role {
                "pre" => CueRole::Pre,
                "post" => CueRole::Post,
                "nach" => CueRole::Nach,
                "so" => CueRole::So,
                "adverb" => CueRole::Adverb,
                "noun" => {
                    w.source_nouns.insert(word.to_string());
                    w.source_suffixes.push(word.to_lowercase());
                    continue;
                }
                _ => continue,
            };
            w.cues.insert(word.to_string(), role);
            w.cues.insert(capitalised(word), role);
        }
        for line in lines(KONJUNKTIV) {
            match line.strip_prefix("2 ") {
                Some(f) => w.konj2.insert(f.to_string()),
                None => w.konj1.insert(line.to_string()),
            };
        }
        for line in lines(SPEAKER_WORDS) {
            let Some((class, word)) = line.split_once(' ') else {
                continue;
            };
            let class = match class {
                "he" => Class::He,
                "she" => Class::She,
                "they" => Class::They,
                "it" => Class::It,
                "i" => Class::I,
                "we" => Class::We,
                "one" => Class::One,
                "poss-he" => Class::PossHe,
                "poss-she" => Class::PossShe,
                "det" => Class::Det,
                "prep" => Class::Prep,
                "adv" => Class::Adv,
                "conj" => Class::Conj,
                _ => continue,
            };
            // The first class listed for a word wins (`sie`: she before they).
            w.classes.entry(word.to_string()).or_insert(class);
            w.classes.entry(capitalised(word)).or_insert(class);
        }
        for line in lines(TITLES) {
            match line.split_once(' ') {
                Some(("title", n)) => {
                    w.title_nouns.insert(n.to_string());
                    w.title_suffixes.push(n.to_lowercase());
                }
                Some(("term", t)) => {
                    w.terms.insert(t.to_string());
                    w.terms.insert(capitalised(t));
                }
                _ => {}
            }
        }
        w.speaker_nouns = lines(SPEAKER_NOUNS).collect();
        w.infinitive_nouns = lines(INFINITIVE_NOUNS).collect();
        w
    }

    fn add_verb(&mut self, index: u16, line: &'static str) {
        let (line, needs_that) = match line.strip_suffix('?') {
            Some(l) => (l.trim(), true),
            None => (line, false),
        };
        let (line, report) = match line.strip_suffix('!') {
            Some(l) => (l.trim(), true),
            None => (line, false),
        };
        let (head, strong) = match line.split_once(':') {
            Some((h, f)) => (h.trim(), Some(f.split_whitespace().collect::<Vec<_>>())),
            None => (line.trim(), None),
        };
        let (particle, base) = match head.split_once('|') {
            Some((p, b)) => (Some(p), b),
            None => (None, head),
        };
        let [third, past, past_pl, part, konj] = match strong.as_deref() {
            Some([a, b, c, d, e]) => [a, b, c, d, e].map(|s| s.to_string()),
            _ => weak_forms(base),
        };
        let form = |participle| VerbForm {
            verb: index,
            particle: None,
            participle,
            report,
            needs_that,
            participle_too: false,
        };
        let alt = &mut self.alt_particles;
        let plain = &mut self.plain_verbs;
        let mut add = |k: String, f: VerbForm| {
            // Forms that several separable verbs share (`gibt` of `an|geben`
            // and `bekannt|geben`): the first verb keeps the form, the
            // particles of the others are kept beside it.
            match self.verbs.get(&k) {
                Some(first) => match (first.particle, f.particle) {
                    (Some(_), Some(p)) => alt.entry(k).or_default().push(p),
                    (Some(_), None) => {
                        plain.entry(k).or_insert(f);
                    }
                    _ => {}
                },
                None => {
                    self.verbs.insert(k, f);
                }
            }
        };
        match particle {
            None => {
                for f in [&third, &past, &past_pl, &konj] {
                    let both = VerbForm {
                        participle_too: *f == part,
                        ..form(false)
                    };
                    add(f.clone(), both);
                }
                add(base.to_string(), form(false));
                add(part.clone(), form(true));
                self.konj1.insert(konj.clone());
            }
            Some(p) => {
                let split = VerbForm {
                    particle: Some(p),
                    ..form(false)
                };
                for f in [&third, &past, &past_pl, &konj] {
                    add(f.clone(), split);
                    add(format!("{p}{f}"), form(false));
                }
                add(format!("{p}{base}"), form(false));
                let joined_part = if part.starts_with("ge") || no_ge(base) {
                    format!("{p}{part}")
                } else {
                    format!("{p}ge{part}")
                };
                add(joined_part, form(true));
                self.particles.insert(p);
            }
        }
    }

    /// The verb-of-saying form a token is, if any.
    pub fn verb(&self, w: &str) -> Option<VerbForm> {
        self.verbs.get(w).copied()
    }

    /// The particles of the other separable verbs that share a form with
    /// the verb [`Words::verb`] gives (`gibt`: `an`, `zu` beside `bekannt`).
    pub fn other_particles(&self, w: &str) -> &[&'static str] {
        self.alt_particles.get(w).map_or(&[], Vec::as_slice)
    }

    /// The form of a verb without a particle that shares `w` with the
    /// separable verb [`Words::verb`] gives (`klagte`: `klagen` beside
    /// `an|klagen`), for a clause without that particle.
    pub fn plain_verb(&self, w: &str) -> Option<VerbForm> {
        self.plain_verbs.get(w).copied()
    }

    /// Whether a token is the separable particle of some verb of saying.
    pub fn is_any_particle(&self, w: &str) -> bool {
        self.particles.contains(w)
    }

    /// Whether a token is the separable particle `p`.
    pub fn is_particle(&self, w: &str, p: &str) -> bool {
        w == p
    }

    /// The cue role of a token, if any.
    pub fn cue(&self, w: &str) -> Option<CueRole> {
        self.cues.get(w).copied()
    }

    /// Whether a token is a source noun after `nach` (`Angaben`,
    /// `Polizeiangaben`, `Meinung`).
    pub fn is_source_noun(&self, w: &str) -> bool {
        if self.source_nouns.contains(w) {
            return true;
        }
        // A compound with a hyphen (`NASA-Angaben`, `UN-Bericht`): its last
        // part is the noun.
        if let Some((first, last)) = w.rsplit_once('-')
            && !first.is_empty()
            && self.source_nouns.contains(last)
        {
            return true;
        }
        if !w.starts_with(char::is_uppercase) || w.len() < 8 {
            return false;
        }
        self.source_suffixes
            .iter()
            .any(|s| s.len() >= 6 && w.len() > s.len() + 2 && w.ends_with(s.as_str()))
    }

    /// Whether a token is a Konjunktiv I form (`sei`, `habe`, `erkläre`).
    pub fn is_konj1(&self, w: &str) -> bool {
        self.konj1.contains(w)
    }

    /// Whether a token is a Konjunktiv II form that can stand in for it.
    pub fn is_konj2(&self, w: &str) -> bool {
        self.konj2.contains(w)
    }

    /// The closed class of a token, if any.
    pub fn class(&self, w: &str) -> Option<Class> {
        self.classes.get(w).copied()
    }

    /// Whether a token names a kind of work, product or group before a
    /// title in quotation marks (`Titel`, `Fernsehserie`, `Typs`).
    pub fn is_title_noun(&self, w: &str) -> bool {
        if self.title_nouns.contains(w) {
            return true;
        }
        w.starts_with(char::is_uppercase)
            && self
                .title_suffixes
                .iter()
                .any(|s| s.len() >= 4 && w.len() > s.len() + 2 && w.ends_with(s.as_str()))
    }

    /// Whether a capitalised token names someone who speaks or a source
    /// (`Polizeisprecherin`, `Regierung`, `Bericht`; see
    /// `assets/quotes/speaker-nouns.txt`): the noun, or a compound ending
    /// with it, with an optional inflection or `-in` ending.
    pub fn is_speaker_noun(&self, w: &str) -> bool {
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        let lower = w.to_lowercase();
        let stem = ["innen", "in", "en", "er", "n", "s", "e"]
            .iter()
            .filter_map(|e| lower.strip_suffix(e))
            .chain(std::iter::once(lower.as_str()));
        let stems: Vec<&str> = stem.collect();
        self.speaker_nouns
            .iter()
            .any(|n| stems.iter().any(|s| s.ends_with(n)))
    }

    /// Whether a capitalised token is a noun of demand, proposal or charge
    /// that takes an infinitive with `zu` (`Forderung`, `Vorwurf`,
    /// `Rücktrittsforderung`; see `assets/quotes/infinitive-nouns.txt`): the
    /// noun, or a compound ending with it, with an optional inflection.
    pub fn is_infinitive_noun(&self, w: &str) -> bool {
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        let lower = w.to_lowercase();
        let stems = ["es", "en", "n", "s", "e"]
            .iter()
            .filter_map(|e| lower.strip_suffix(e))
            .chain(std::iter::once(lower.as_str()));
        stems
            .into_iter()
            .any(|s| self.infinitive_nouns.iter().any(|n| s.ends_with(n)))
    }

    /// Whether a token marks a term or scare quote after it (`so genannte`).
    pub fn is_term_marker(&self, w: &str) -> bool {
        self.terms.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_weak_strong_and_separable_verbs() {
        let w = Words::get();
        for f in [
            "sagte",
            "sagt",
            "sagten",
            "gesagt",
            "sage",
            "erklärte",
            "erklärt",
        ] {
            assert!(w.verb(f).is_some(), "{f}");
        }
        assert!(w.verb("erklärt").is_some());
        assert_eq!(w.verb("teilte").unwrap().particle, Some("mit"));
        assert_eq!(w.verb("mitteilte").unwrap().particle, None);
        assert!(w.verb("mitgeteilt").unwrap().participle);
        assert!(w.verb("berichtete").is_some());
        assert!(w.verb("gesprochen").unwrap().participle);
        assert!(w.verb("bekanntgegeben").unwrap().participle);
        assert!(w.verb("äußerte").is_some());
        assert!(w.is_konj1("sei") && w.is_konj1("erkläre") && w.is_konj1("habe"));
        assert!(w.is_konj2("hätte") && !w.is_konj1("hätte"));
    }

    #[test]
    fn cues_classes_and_titles() {
        let w = Words::get();
        assert_eq!(w.cue("Laut"), Some(CueRole::Pre));
        assert_eq!(w.cue("zufolge"), Some(CueRole::Post));
        assert!(w.is_source_noun("Angaben") && w.is_source_noun("Polizeiangaben"));
        assert!(!w.is_source_noun("Tagen"));
        // A compound with a hyphen: its last part.
        assert!(w.is_source_noun("NASA-Angaben") && w.is_source_noun("UN-Bericht"));
        assert!(!w.is_source_noun("NASA-Tagen") && !w.is_source_noun("-Angaben"));
        assert_eq!(w.class("Er"), Some(Class::He));
        assert_eq!(w.class("sie"), Some(Class::She));
        assert!(w.is_title_noun("Fernsehserie") && w.is_title_noun("Motto"));
        assert!(w.is_term_marker("sogenannten"));
        assert!(w.is_infinitive_noun("Forderung") && w.is_infinitive_noun("Rücktrittsforderungen"));
        assert!(w.is_infinitive_noun("Vorwürfe") && w.is_infinitive_noun("Vorschlags"));
        assert!(!w.is_infinitive_noun("Asylrecht") && !w.is_infinitive_noun("forderung"));
        assert!(!w.is_infinitive_noun("Regierung"));
    }
}
