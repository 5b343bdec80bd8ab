//! Where a person's name starts and ends, when the tagger took more: a role
//! or title before it (`Kremlchef Putin`, `AfD-Vize Gauland`, `ÖVP-Obmann
//! Reinhold Mitterlehner`, `Papst Franziskus`), or a number after it
//! (`Gerhardt 2001`); and where it goes on that the tagger cut off: over the
//! particles of a family name (`Alexander Van` + `der Bellen`). Linking
//! then sees the name itself, so that the title never becomes part of a
//! full name, and every surname finds its person.

use super::lexicon::{Lexicon, WordFlags};
use std::ops::Range;

/// The person's name inside `r`: role words trimmed from the front while a
/// name word follows them, numbers trimmed from the end.
pub(super) fn trim(words: &[&str], mut r: Range<usize>) -> Range<usize> {
    while r.len() > 1 && words[r.end - 1].chars().all(|c| c.is_ascii_digit()) {
        r.end -= 1;
    }
    while r.len() > 1 && is_role(words[r.start]) && is_name_word(words[r.start + 1]) {
        r.start += 1;
    }
    // A party or office glued on after the name (`Tsipras Syriza-Partei`).
    while r.len() > 1 && words[r.end - 1].contains('-') && is_role(words[r.end - 1]) {
        r.end -= 1;
    }
    r
}

/// Whether a one-word "person" is a country, region or continent and no
/// known name of a person (`Burgenlands`): recognition typed it wrongly. A
/// town somewhere that shares a surname (`Obama` in Japan, `Paterson` in New
/// Jersey) is no reason.
pub(super) fn is_place_not_person(words: &[&str]) -> bool {
    use super::lexicon::PlaceFlags;
    let [w] = words else { return false };
    let lexicon = Lexicon::get();
    let flags = lexicon.word(w).flags;
    let prominent = lexicon.place_inflected(w).is_some_and(|(p, _)| {
        [
            PlaceFlags::COUNTRY,
            PlaceFlags::REGION,
            PlaceFlags::CONTINENT,
        ]
        .iter()
        .any(|f| p.flags.contains(*f))
    });
    prominent && !flags.contains(WordFlags::FIRST_NAME) && !flags.contains(WordFlags::SURNAME)
}

/// Particles of family names, as written inside a name (lower case) or at
/// its start (capitalised: `Van der Bellen`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "la", "le", "ten", "ter",
    "zu", "vom", "dos",
];

/// Whether `w` in lower case is one of the [`PARTICLES`] (`Van`, `VON`),
/// without lowering a copy of an ASCII word.
fn is_particle_in_any_case(w: &str) -> bool {
    if w.is_ascii() {
        PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w))
    } else {
        // Some letters beyond ASCII lower to ASCII ones (the Kelvin sign).
        PARTICLES.contains(&w.to_lowercase().as_str())
    }
}

/// Where a mention ending at `end` really ends: when its last word is a
/// capitalised particle (`Van`) or lower-case particles follow it, the name
/// goes on over them to the capitalised word after them (`Alexander Van der
/// Bellen`). Returns the new end, or `end`.
pub(super) fn particle_end(words: &[&str], end: usize, sentence_end: usize) -> usize {
    if end == 0 {
        return end;
    }
    let is_particle = is_particle_in_any_case;
    let capital_particle =
        end > 0 && is_particle(words[end - 1]) && words[end - 1].starts_with(char::is_uppercase);
    let mut j = end;
    while j < sentence_end && is_particle(words[j]) && words[j].starts_with(char::is_lowercase) {
        j += 1;
    }
    let next_is_name = j < sentence_end
        && words[j].starts_with(char::is_uppercase)
        && words[j].chars().all(char::is_alphabetic)
        && words[j].chars().any(char::is_lowercase)
        && is_name_word(words[j]);
    if next_is_name && (j > end || capital_particle) && (capital_particle || j - end <= 2) {
        j + 1
    } else {
        end
    }
}

/// Two person tags with only family-name particles between them are one
/// name (`Ursula` + `von der` + `Leyen`): the particles and the second name
/// become inside tags of the first.
pub(super) fn join_particles(words: &[&str], tags: &mut [super::tag::Tag]) {
    use super::tag::Tag;
    let is_particle = |w: &str| PARTICLES.contains(&w) && w.starts_with(char::is_lowercase);
    let mut i = 0;
    while i + 2 < tags.len() {
        if matches!(tags[i], Tag::BPer | Tag::IPer) && tags[i + 1] == Tag::O {
            let mut j = i + 1;
            while j < tags.len() && j - i <= 3 && tags[j] == Tag::O && is_particle(words[j]) {
                j += 1;
            }
            if j > i + 1 && j < tags.len() && tags[j] == Tag::BPer {
                for t in &mut tags[i + 1..=j] {
                    *t = Tag::IPer;
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// A capitalised word that names a role, not a person: a German common
/// noun that is no first or family name (`Präsident`, `Papst`), a compound
/// whose last part is one (`Kremlchef`, `Kreml-Sprecher`, `AfD-Vize`).
/// Never a word the lexicon knows as a name (`Sieglinde`).
fn is_role(w: &str) -> bool {
    let lexicon = Lexicon::get();
    if !w.chars().next().is_some_and(char::is_uppercase) || lexicon.word(w).flags.is_proper_noun() {
        return false;
    }
    let common = |w: &str| {
        let flags = lexicon.word(w).flags;
        flags.contains(WordFlags::COMMON_NOUN) && !flags.is_proper_noun()
    };
    if common(w) {
        return true;
    }
    if let Some((_, last)) = w.rsplit_once('-') {
        return last.chars().next().is_some_and(char::is_uppercase) && common(last);
    }
    // A compound whose head is a common noun (`Kremlchef`).
    super::recognize::has_noun_head(w)
}

/// A word that may start a person's name: capitalised, and no common noun.
fn is_name_word(w: &str) -> bool {
    let flags = Lexicon::get().word(w).flags;
    w.chars().next().is_some_and(char::is_uppercase)
        && (!flags.contains(WordFlags::COMMON_NOUN) || flags.is_proper_noun())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<'a>(words: &[&'a str]) -> Vec<&'a str> {
        words[trim(words, 0..words.len())].to_vec()
    }

    #[test]
    fn roles_before_a_name_and_numbers_after_it_are_left_out() {
        assert_eq!(name(&["Kremlchef", "Putin"]), ["Putin"]);
        assert_eq!(
            name(&["Präsident", "Wladimir", "Putin"]),
            ["Wladimir", "Putin"]
        );
        assert_eq!(
            name(&["Kreml-Sprecher", "Dmitri", "Peskow"]),
            ["Dmitri", "Peskow"]
        );
        assert_eq!(name(&["Papst", "Franziskus"]), ["Franziskus"]);
        assert_eq!(name(&["Gerhardt", "2001"]), ["Gerhardt"]);
        assert_eq!(name(&["Tsipras", "Syriza-Partei"]), ["Tsipras"]);
        assert_eq!(
            name(&["Johanna", "Mikl-Leitner"]),
            ["Johanna", "Mikl-Leitner"]
        );
        assert_eq!(
            name(&["Oppositionspolitiker", "Alexej", "Nawalny"]),
            ["Alexej", "Nawalny"]
        );
    }

    #[test]
    fn family_particles_continue_a_name() {
        let words = ["Alexander", "Van", "der", "Bellen", "sagte"];
        assert_eq!(particle_end(&words, 2, 5), 4);
        let words = ["Ursula", "von", "der", "Leyen", "kam"];
        assert_eq!(particle_end(&words, 1, 5), 4);
        // Not over a preposition to an acronym or a common noun (`Merkel von
        // der CDU`, `von der Partei`); recognition also stops at another
        // mention.
        let words = ["Merkel", "von", "der", "CDU"];
        assert_eq!(particle_end(&words, 1, 4), 1);
        let words = ["Merkel", "von", "der", "Partei"];
        assert_eq!(particle_end(&words, 1, 4), 1);
        let words = ["Anna", "Berg", "sagte"];
        assert_eq!(particle_end(&words, 2, 3), 2);
    }

    #[test]
    fn a_particle_is_one_in_any_case_and_nothing_else_is() {
        for w in ["von", "Von", "VON", "della", "DeLLa", "zu"] {
            assert!(is_particle_in_any_case(w), "{w}");
        }
        // Close but not a particle; a letter beyond ASCII keeps its own
        // lower case (`Dé` is not `de`).
        for w in ["vonn", "vo", "", "Dé", "Zü", "Ten-", "v\u{f6}n"] {
            assert!(!is_particle_in_any_case(w), "{w}");
        }
        // The same answer as lowering a copy, over ASCII and beyond.
        for w in ["VOM", "Dos", "\u{212a}", "DİE", "Ünd", "LA", "bin"] {
            assert_eq!(
                is_particle_in_any_case(w),
                PARTICLES.contains(&w.to_lowercase().as_str()),
                "{w}"
            );
        }
    }

    #[test]
    fn two_person_tags_across_particles_are_one_name() {
        use crate::entity::ner::tag::Tag::{BPer, IPer, O};
        let words = ["Ursula", "von", "der", "Leyen", "und", "Kim"];
        let mut tags = [BPer, O, O, BPer, O, BPer];
        join_particles(&words, &mut tags);
        assert_eq!(tags, [BPer, IPer, IPer, IPer, O, BPer]);
    }

    #[test]
    fn only_prominent_places_take_a_person_tag_away() {
        assert!(is_place_not_person(&["Burgenlands"]));
        assert!(is_place_not_person(&["Frankreich"]));
        assert!(!is_place_not_person(&["Obama"]), "a town in Japan");
        assert!(!is_place_not_person(&["Paterson"]), "a city in New Jersey");
        assert!(!is_place_not_person(&["Merkel"]));
        assert!(!is_place_not_person(&["Anna", "Berg"]));
    }

    #[test]
    fn names_stay_whole() {
        assert_eq!(name(&["Wladimir", "Putin"]), ["Wladimir", "Putin"]);
        assert_eq!(name(&["Kim", "Jong", "Un"]), ["Kim", "Jong", "Un"]);
        assert_eq!(name(&["Heinz", "Fischer"]), ["Heinz", "Fischer"]);
        assert_eq!(name(&["Angela", "Merkel"]), ["Angela", "Merkel"]);
        assert_eq!(
            name(&["Papst"]),
            ["Papst"],
            "a lone role word is left to the tagger"
        );
        assert_eq!(name(&["Richard", "Kaiser"]), ["Richard", "Kaiser"]);
    }
}
