//! Article titles: the headline where a file starts with one, else the first
//! sentence, shortened.

use std::ops::Range;

/// The longest title shown, in characters.
pub const MAX_TITLE: usize = 90;

/// The title of an article whose display text is `text`, skipping `hidden`
/// page furniture.
pub fn title(text: &str, hidden: &[Range<usize>]) -> String {
    let mut start = 0;
    for line in text.split('\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        let is_hidden = hidden
            .iter()
            .any(|h| h.start <= range.start && range.end <= h.end);
        let t = line.trim();
        if t.is_empty() || is_hidden || super::furniture::is_credit_line(t) {
            continue;
        }
        let t = t.trim_start_matches('#').trim();
        if t.is_empty() {
            continue;
        }
        let candidate = if is_headline(t) { t } else { first_sentence(t) };
        return shorten(candidate, MAX_TITLE);
    }
    String::from("(untitled)")
}

/// A headline: a short line that does not end like a sentence and has no
/// sentence break inside.
fn is_headline(line: &str) -> bool {
    line.chars().count() <= 160 && !line.ends_with('.') && first_sentence(line).len() == line.len()
}

/// The first sentence of a line: up to the first `.`, `!` or `?` that is
/// followed by a space and a capital letter or quote, and does not end a
/// number (`4. September`) or a one-letter abbreviation.
pub fn first_sentence(line: &str) -> &str {
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = &line[i + 1..];
        let Some(rest) = after.strip_prefix(' ') else {
            continue;
        };
        let next = rest.chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || matches!(n, '„' | '"' | '»' | '«')) {
            continue;
        }
        if c == '.' {
            let word_start = line[..i].rfind(' ').map_or(0, |s| s + 1);
            let word = &line[word_start..i];
            if word.chars().all(|ch| ch.is_ascii_digit()) || word.chars().count() <= 1 {
                continue;
            }
        }
        return &line[..=i];
    }
    line
}

/// Shorten to at most `max` characters at a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_line_is_the_title() {
        let text = "Putin trifft Kim: Russland und Nordkorea\n\n  1. Startseite\nText.";
        assert_eq!(title(text, &[]), "Putin trifft Kim: Russland und Nordkorea");
    }

    #[test]
    fn else_the_first_sentence_shortened() {
        let text = "Die Idylle hält an. Der Präsident hat sich am 4. September bereit erklärt.";
        assert_eq!(title(text, &[]), "Die Idylle hält an.");
        let long = "Der nordkoreanische Machthaber soll Berichten zufolge noch in diesem Monat nach Russland reisen, um sich mit dem Präsidenten zu treffen.";
        let t = title(long, &[]);
        assert!(t.chars().count() <= MAX_TITLE && t.ends_with('…'), "{t}");
        assert!(t.starts_with("Der nordkoreanische Machthaber"));
    }

    #[test]
    fn skips_hidden_lines_and_markdown_marks() {
        let text = "TOPSHOT-RUSSIA-POLITICS\n# Ein Titel\nText.";
        let hidden = crate::corpus::furniture::find(text);
        assert_eq!((hidden.len(), hidden[0].start), (1, 0));
        assert_eq!(title(text, &hidden), "Ein Titel");
        assert_eq!(title("", &[]), "(untitled)");
    }

    #[test]
    fn numbers_do_not_end_sentences() {
        assert_eq!(
            first_sentence("Am 4. September kam er. Dann ging er."),
            "Am 4. September kam er."
        );
    }
}
