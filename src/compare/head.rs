//! The heads of German compound nouns, for deciding whether two reports count
//! the same thing: `Schiffscontainer` counts `Container`, `Artilleriegranaten`
//! counts `Granaten`, `Häuser` and `Haus` are one noun.
//!
//! The rule is general (no word lists): two nouns match when, after folding
//! case and umlauts and allowing common inflection endings, one is the end of
//! the other and at least four letters long (a compound and its head), or both
//! end in the same six or more letters (two compounds with one head).

/// Inflection endings that plural and case forms add, longest first.
const ENDINGS: &[&str] = &["ern", "en", "er", "es", "e", "n", "s"];

/// Fold a noun for comparison: lower case, umlauts without dots, `ß` as `ss`,
/// and only the part after the last hyphen (`US-Dollar` → `dollar`).
pub fn fold(word: &str) -> String {
    let last = word.rsplit(['-', '\u{2011}']).next().unwrap_or(word);
    let mut out = String::with_capacity(last.len());
    for c in last.chars().filter(|c| *c != '\u{ad}') {
        crate::text::fold::fold_char_to_base(c, &mut out);
    }
    out
}

/// Derivational endings: a shared `-ungen` says nothing about a shared head.
const DERIVATIONAL: &[&str] = &[
    "ungen", "ung", "heiten", "heit", "keiten", "keit", "schaften", "schaft", "ionen", "ion",
    "ismus", "isten", "ist", "itat", "erinnen", "erin", "innen", "in",
];

/// The length of the last `common` letters of `word` once an inflection
/// ending and then a derivational ending are taken off them.
fn root_len(word: &str, common: usize) -> usize {
    let tail: String = {
        let chars: Vec<char> = word.chars().collect();
        chars[chars.len().saturating_sub(common)..].iter().collect()
    };
    let longest = |list: &[&str], s: &str| {
        list.iter()
            .filter(|d| s.ends_with(*d) && s.len() > d.len())
            .map(|d| d.len())
            .max()
            .unwrap_or(0)
    };
    let uninflected = &tail[..tail.len() - longest(ENDINGS, &tail)];
    let root = &uninflected[..uninflected.len() - longest(DERIVATIONAL, uninflected)];
    root.chars().count()
}

/// The folded noun and its forms with one inflection ending removed.
fn stems(word: &str) -> Vec<String> {
    let f = fold(word);
    let mut out = vec![f.clone()];
    for e in ENDINGS {
        if let Some(s) = f.strip_suffix(e)
            && s.chars().count() >= 3
        {
            out.push(s.to_string());
        }
    }
    out
}

/// How strongly two counted nouns share a head: 1.0 for the same noun (up to
/// inflection), 0.8 when one is the head of the other (`Container`,
/// `Schiffscontainer`), 0.6 for two compounds with a common head of six or
/// more letters (`Frachtcontainer`, `Schiffscontainer`); `None` otherwise.
pub fn head_match(a: &str, b: &str) -> Option<f64> {
    let (sa, sb) = (stems(a), stems(b));
    let mut best: Option<f64> = None;
    let mut raise = |v: f64| best = Some(best.map_or(v, |b: f64| b.max(v)));
    for x in &sa {
        for y in &sb {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            if x == y {
                raise(1.0);
            } else if short.chars().count() >= 4 && long.ends_with(short.as_str()) {
                raise(0.8);
            } else {
                let common = x
                    .chars()
                    .rev()
                    .zip(y.chars().rev())
                    .take_while(|(p, q)| p == q)
                    .count();
                if common >= 6 && root_len(x, common) >= 4 {
                    raise(0.6);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_match_their_heads() {
        assert_eq!(head_match("Container", "Container"), Some(1.0));
        assert_eq!(head_match("Container", "Containern"), Some(1.0));
        assert_eq!(head_match("Container", "Schiffscontainer"), Some(0.8));
        assert_eq!(head_match("Granaten", "Artilleriegranaten"), Some(0.8));
        assert_eq!(head_match("Granate", "Artilleriegranaten"), Some(0.8));
        assert_eq!(
            head_match("Schiffscontainer", "Frachtcontainern"),
            Some(0.6)
        );
        assert_eq!(head_match("Häuser", "Haus"), Some(1.0));
        assert_eq!(head_match("Schuss", "Schüsse"), Some(1.0));
        assert_eq!(head_match("Tote", "Toten"), Some(1.0));
        assert_eq!(head_match("Opfer", "Todesopfer"), Some(0.8));
        assert_eq!(head_match("US-Dollar", "Dollar"), Some(1.0));
    }

    #[test]
    fn different_nouns_do_not_match() {
        assert_eq!(head_match("Container", "Granaten"), None);
        assert_eq!(
            head_match("Haushalt", "Aufenthalt"),
            None,
            "only four letters shared"
        );
        assert_eq!(head_match("Soldaten", "Kandidaten"), None);
        assert_eq!(head_match("Schuss", "Artilleriemunition"), None);
        assert_eq!(head_match("Jahre", "Monate"), None);
        assert_eq!(
            head_match("Lieferungen", "Forderungen"),
            None,
            "a shared suffix, not a head"
        );
    }
}
