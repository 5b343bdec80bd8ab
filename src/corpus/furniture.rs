//! Page furniture: the parts of a saved web page that are not the article.
//!
//! Breadcrumbs (`1. Startseite`), share and comment buttons
//! (`KommentareDrucken`, `Kommentar (0)`, `Quellenlink`), agency slugs in
//! capitals (`TOPSHOT-POLITICS-VOTE`) and photo credits (`© Agentur/Name`)
//! are recognised by general rules and hidden in the reading view. A credit
//! line such as `Foto: Anna Muster/dpa` stays in view (its agencies are
//! mentions) but is never taken for a title, and photo labels in capitals
//! (`HANDOUT`, `POOL`) are never names. The rules read the shape of a line,
//! plus small vocabularies shipped in `assets/furniture/labels.txt`
//! (interface labels) and `assets/furniture/photo-credits.txt` (credit words
//! and photo labels).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

const LABELS: &str = include_str!("../../assets/furniture/labels.txt");
const PHOTO_CREDITS: &str = include_str!("../../assets/furniture/photo-credits.txt");

/// The words of one kind (`credit` or `label`) in the photo-credit list.
fn photo_words(kind: &str) -> impl Iterator<Item = &'static str> + '_ {
    PHOTO_CREDITS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(move |l| l.split_once('\t').filter(|(k, _)| *k == kind))
        .map(|(_, w)| w.trim())
}

/// Words that start a photo credit when a colon follows (lowercase).
fn credit_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| photo_words("credit").map(str::to_lowercase).collect())
}

/// Whether `word` is a photo label that agencies print in capitals
/// (`HANDOUT`, `POOL`): in capitals it is never a name.
pub fn is_photo_label(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| photo_words("label").collect())
        .contains(word)
}

fn labels() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        LABELS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// The byte ranges of page furniture in `text`, sorted and disjoint. Whole
/// furniture lines include their line break.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_ranges(text).collect();
    let mut hidden = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let with_break = r.start..(r.end + 1).min(text.len());
        if is_label_line(line)
            || is_slug_line(line)
            || is_breadcrumb_run(text, &lines, i)
            || line.trim_start().starts_with('©')
        {
            hidden.push(with_break);
        } else if let Some(at) = credit_start(line) {
            hidden.push(r.start + at..r.end);
        }
    }
    hidden
}

fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |l| {
        let r = start..start + l.len();
        start = r.end + 1;
        r
    })
}

/// Split a word at lowercase→uppercase joins: `KommentareDrucken` → two words.
fn camel_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower {
            parts.push(&word[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
    parts
}

/// A short line made only of interface labels and counts.
fn is_label_line(line: &str) -> bool {
    // Six words at most are read: a longer line is no label line, and
    // articles kept as one line per paragraph have very long lines.
    let words: Vec<&str> = line.split_whitespace().take(6).collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let mut labels_seen = 0;
    for w in words {
        let w =
            w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ':' | '|' | '·' | '.'));
        if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        for part in camel_parts(w) {
            if !labels().contains(&part.to_lowercase()) {
                return false;
            }
            labels_seen += 1;
        }
    }
    labels_seen > 0
}

/// An agency slug: words in capitals joined by hyphens, nothing else.
fn is_slug_line(line: &str) -> bool {
    let t = line.trim();
    if t.contains(' ') {
        return false;
    }
    let parts: Vec<&str> = t.split(['-', '_']).collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
}

/// A numbered breadcrumb item (`  1. Startseite`) in a run of such items.
fn is_breadcrumb_item(line: &str) -> Option<u32> {
    let t = line.trim();
    // The number comes first (`u32::from_str` also takes a leading `+`).
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
        return None;
    }
    let (num, rest) = t.split_once(". ")?;
    let n: u32 = num.parse().ok()?;
    let words = rest.split_whitespace().count();
    (n <= 20 && (1..=3).contains(&words) && !rest.ends_with('.')).then_some(n)
}

fn is_breadcrumb_run(text: &str, lines: &[Range<usize>], i: usize) -> bool {
    let Some(n) = is_breadcrumb_item(&text[lines[i].clone()]) else {
        return false;
    };
    let neighbour = |j: usize| is_breadcrumb_item(&text[lines[j].clone()]);
    let prev = (0..i)
        .rev()
        .find(|&j| !text[lines[j].clone()].trim().is_empty());
    let next = (i + 1..lines.len()).find(|&j| !text[lines[j].clone()].trim().is_empty());
    prev.and_then(neighbour) == Some(n.wrapping_sub(1)) || next.and_then(neighbour) == Some(n + 1)
}

/// Whether `tail` is short and holds no sentence: what a credit may be.
fn is_credit_tail(tail: &str) -> bool {
    tail.len() < 120 && !tail.contains(". ")
}

/// The length of a credit word and its colon at the start of `s`
/// (`Foto:`, `Bildquelle :`), if `s` starts with one.
fn credit_label_len(s: &str) -> Option<usize> {
    let word_end = s.find(|c: char| !c.is_alphabetic()).filter(|&i| i > 0)?;
    if !credit_words().contains(&s[..word_end].to_lowercase()) {
        return None;
    }
    let rest = &s[word_end..];
    let colon = rest.len() - rest.trim_start().len();
    rest[colon..]
        .starts_with(':')
        .then_some(word_end + colon + 1)
}

/// Whether a line is a photo credit alone (`Foto: Anna Muster/dpa`,
/// `(Bild: dpa)`, `© AFP`): no title.
pub fn is_credit_line(line: &str) -> bool {
    if line.trim_start().starts_with('©') {
        return true;
    }
    let t = line.trim().trim_start_matches('(');
    credit_label_len(t).is_some_and(|n| is_credit_tail(&t[n..]))
}

/// Where a photo credit (`© …`) starts inside a line, if it ends the line.
fn credit_start(line: &str) -> Option<usize> {
    let at = line.rfind('©')?;
    is_credit_tail(&line[at..]).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden_text(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| text[r].trim()).collect()
    }

    #[test]
    fn hides_breadcrumbs_buttons_and_counters() {
        let text = "Titel des Artikels\n\n  1. Startseite\n  2. Politik\n\nKommentareDrucken\n\nDer Text beginnt hier.\nQuellenlink\n\nKommentar (0)\nAuch interessant\n";
        assert_eq!(
            hidden_text(text),
            vec![
                "1. Startseite",
                "2. Politik",
                "KommentareDrucken",
                "Quellenlink",
                "Kommentar (0)",
                "Auch interessant"
            ]
        );
    }

    #[test]
    fn hides_slugs_and_credits_but_keeps_article_lines() {
        let text = "TOPSHOT-RUSSIA-NKOREA-POLITICS\nDer Minister (rechts) bereitete ihm einen Empfang. © picture alliance/dpa\nKim Jong Un in Russland\n1. Der erste Punkt ist lang genug für einen Satz.\n";
        let h = find(text);
        assert_eq!(h.len(), 2);
        assert_eq!(&text[h[0].clone()], "TOPSHOT-RUSSIA-NKOREA-POLITICS\n");
        assert_eq!(&text[h[1].clone()], "© picture alliance/dpa");
    }

    #[test]
    fn a_photo_credit_line_is_no_title_but_stays_in_view() {
        let text = "Foto: Kremlin Pool/Reuters\n(Bild: dpa)\nPutin trifft Kim\n\nPutin kam.\n";
        let h = find(text);
        assert!(h.is_empty(), "{h:?}");
        assert_eq!(crate::corpus::title::title(text, &h), "Putin trifft Kim");
        assert!(is_credit_line("Fotos : AFP/Getty"));
        // A sentence about a photo, or the word without its colon, is text.
        assert!(!is_credit_line(
            "Das Foto: ein Beweis, sagte er. Es zeigt mehr."
        ));
        assert!(!is_credit_line(
            "Fotos: Der Fotograf zeigte Bilder. Alle kamen."
        ));
        assert!(!is_credit_line("Foto und Bild des Tages"));
        assert_eq!(
            crate::corpus::title::title("Foto und Bild des Tages\n", &[]),
            "Foto und Bild des Tages"
        );
    }

    #[test]
    fn photo_labels_are_words_in_capitals_only() {
        assert!(is_photo_label("HANDOUT"));
        assert!(is_photo_label("POOL"));
        assert!(!is_photo_label("Pool"));
        assert!(!is_photo_label("AFP"));
    }

    #[test]
    fn a_lone_numbered_line_is_not_a_breadcrumb() {
        assert!(find("Intro\n1. Bundesliga\nText.").is_empty());
    }
}
