//! Fuzzy matching for filtering lists as you type: every word of the pattern
//! must appear in order (letters may be skipped), case- and
//! umlaut-insensitively; word starts and runs of consecutive letters score
//! higher.

use crate::text::fold_to_base as fold;

/// Score `text` against `pattern`; `None` if it does not match. An empty
/// pattern matches everything with score 0.
pub fn score(pattern: &str, text: &str) -> Option<u32> {
    let hay: Vec<char> = fold(text).chars().collect();
    let mut total = 0;
    for word in pattern.split_whitespace() {
        total += score_word(&fold(word).chars().collect::<Vec<_>>(), &hay)?;
    }
    Some(total)
}

fn score_word(needle: &[char], hay: &[char]) -> Option<u32> {
    // Best of the greedy matches starting at each place the first letter occurs.
    let first = *needle.first()?;
    let mut best: Option<u32> = None;
    for start in (0..hay.len()).filter(|&i| hay[i] == first) {
        if let Some(s) = greedy(needle, hay, start) {
            best = Some(best.map_or(s, |b: u32| b.max(s)));
        }
    }
    best
}

fn greedy(needle: &[char], hay: &[char], start: usize) -> Option<u32> {
    let mut score: i64 = 0;
    let mut at = start;
    let mut prev: Option<usize> = None;
    for &c in needle {
        let i = (at..hay.len()).find(|&i| hay[i] == c)?;
        score += 16;
        if prev.is_some_and(|p| p + 1 == i) {
            score += 10;
        }
        if i == 0 || !hay[i - 1].is_alphanumeric() {
            score += 12;
        }
        if let Some(p) = prev {
            score -= (i - p - 1).min(10) as i64;
        }
        prev = Some(i);
        at = i + 1;
    }
    Some(score.max(1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequences_match_and_word_starts_win() {
        assert!(score("kju", "Kim Jong Un").is_some());
        assert!(score("pjongjang", "Pjöngjang").is_some());
        assert!(score("xyz", "Kim Jong Un").is_none());
        assert!(score("jong un", "Kim Jong-un").is_some());
        assert!(
            score("un jong", "Kim Jong-un").is_some(),
            "words match independently"
        );
        let prefix = score("wla", "Wladiwostok").unwrap();
        let inner = score("wla", "Schwarzwald").unwrap_or(0);
        assert!(prefix > inner);
        assert_eq!(score("", "anything"), Some(0));
    }

    #[test]
    fn consecutive_letters_score_higher() {
        assert!(
            score("putin", "Wladimir Putin").unwrap()
                > score("putin", "Parteitag unter Tino").unwrap_or(0)
        );
    }
}
