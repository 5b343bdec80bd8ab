//! Ranked matching for filtering lists as you type, the way lazygit and
//! yazi rank: an exact match first, then a prefix, then a match at a word
//! start, then anywhere inside, and only then a fuzzy one (the letters in
//! order, others skipped). Case, umlauts and other diacritics are folded
//! (`koln` finds `Köln`, `spo` finds `SPÖ`).
//!
//! Texts are folded once ([`fold`]) and matched many times ([`rank`]); the
//! matched characters of the few rows on screen are found again for
//! highlighting ([`positions`]).

use crate::text::fold::fold_char_to_base;

/// How well a text matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The whole text is the query.
    Exact,
    /// The text starts with the query.
    Prefix,
    /// The query starts a word of the text (each word of it, for a query of
    /// several words).
    WordStart,
    /// The query is inside the text.
    Substring,
    /// The query's letters are in the text in order, others between them.
    Fuzzy,
}

/// The rank of a match: its tier, then a score within the tier (higher is
/// better). Sorting by `Rank` puts the best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rank {
    /// The tier.
    pub tier: Tier,
    /// Lower is better within a tier: shorter texts, earlier matches and
    /// tighter fuzzy matches come first.
    pub cost: u32,
}

/// Fold a text for matching: lower case, every letter to its base letter
/// (`Ä` → `a`, `ß` → `ss`), other characters kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_to_base(c, &mut out);
    }
    out
}

/// A query, folded once and split into words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The whole query, folded, white space runs made single spaces.
    pub whole: String,
    /// Its words, folded.
    pub words: Vec<String>,
}

impl Query {
    /// Fold and split `query`.
    pub fn new(query: &str) -> Query {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        Query {
            whole: words.join(" "),
            words,
        }
    }

    /// Whether there is nothing to match (everything matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every text this query matches is also matched by `shorter`
    /// (so a list filtered by `shorter` can be narrowed instead of filtered
    /// anew): `shorter`'s words are prefixes of this query's, one for one.
    pub fn narrows(&self, shorter: &Query) -> bool {
        !shorter.is_empty()
            && shorter.words.len() == self.words.len()
            && shorter
                .words
                .iter()
                .zip(&self.words)
                .all(|(s, w)| w.starts_with(s.as_str()))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether byte `i` of `hay` starts a word.
fn word_start(hay: &str, i: usize) -> bool {
    i == 0 || !hay[..i].chars().next_back().is_some_and(is_word_char)
}

/// The best place of `needle` in `hay` (folded): (at a word start, byte
/// offset), word starts first, then the earliest.
fn find(hay: &str, needle: &str) -> Option<(bool, usize)> {
    let mut first = None;
    for (i, _) in hay.match_indices(needle) {
        if word_start(hay, i) {
            return Some((true, i));
        }
        first.get_or_insert((false, i));
    }
    first
}

/// Rank the folded text `hay` against `query`; `None` if it does not match.
/// An empty query matches everything as [`Tier::Exact`].
pub fn rank(query: &Query, hay: &str) -> Option<Rank> {
    if query.is_empty() {
        return Some(Rank {
            tier: Tier::Exact,
            cost: 0,
        });
    }
    let len = hay.chars().count() as u32;
    let q = query.whole.as_str();
    if hay == q {
        return Some(Rank {
            tier: Tier::Exact,
            cost: 0,
        });
    }
    if hay.starts_with(q) {
        return Some(Rank {
            tier: Tier::Prefix,
            cost: len,
        });
    }
    if let Some((at_start, i)) = find(hay, q) {
        let tier = if at_start {
            Tier::WordStart
        } else {
            Tier::Substring
        };
        return Some(Rank {
            tier,
            cost: i as u32 * 4 + len,
        });
    }
    if query.words.len() > 1 {
        // Every word inside, in any order.
        let mut tier = Tier::WordStart;
        let mut cost = len;
        for w in &query.words {
            let (at_start, i) = find(hay, w)?;
            if !at_start {
                tier = Tier::Substring;
            }
            cost += i as u32;
        }
        return Some(Rank { tier, cost });
    }
    // Most texts do not hold the query's letters in order at all: they are
    // told apart in one pass, without the scoring below.
    let mut letters = hay.chars();
    if !q.chars().all(|c| letters.any(|h| h == c)) {
        return None;
    }
    let hay_chars: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = q.chars().collect();
    fuzzy(&needle, &hay_chars).map(|(score, _)| Rank {
        tier: Tier::Fuzzy,
        cost: u32::MAX / 2 - score.min(u32::MAX / 2),
    })
}

/// Rank an unfolded `text` (folds it first).
pub fn rank_text(query: &Query, text: &str) -> Option<Rank> {
    rank(query, &fold(text))
}

/// The best fuzzy match of `needle` in `hay`: (score, positions), word
/// starts and runs of consecutive letters scoring higher.
fn fuzzy(needle: &[char], hay: &[char]) -> Option<(u32, Vec<usize>)> {
    let first = *needle.first()?;
    let mut best: Option<(u32, Vec<usize>)> = None;
    for start in (0..hay.len()).filter(|&i| hay[i] == first) {
        if let Some((s, pos)) = greedy(needle, hay, start)
            && best.as_ref().is_none_or(|b| s > b.0)
        {
            best = Some((s, pos));
        }
    }
    best
}

fn greedy(needle: &[char], hay: &[char], start: usize) -> Option<(u32, Vec<usize>)> {
    let mut score: i64 = 0;
    let mut at = start;
    let mut prev: Option<usize> = None;
    let mut positions = Vec::with_capacity(needle.len());
    for &c in needle {
        let i = (at..hay.len()).find(|&i| hay[i] == c)?;
        score += 16;
        if prev.is_some_and(|p| p + 1 == i) {
            score += 10;
        }
        if i == 0 || !is_word_char(hay[i - 1]) {
            score += 12;
        }
        if let Some(p) = prev {
            score -= (i - p - 1).min(10) as i64;
        }
        prev = Some(i);
        positions.push(i);
        at = i + 1;
    }
    Some((score.max(1) as u32, positions))
}

/// The characters of `text` (indices into `text.chars()`) that `query`
/// matches, for highlighting; empty when it does not match.
pub fn positions(query: &Query, text: &str) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its characters the original one.
    let mut hay = String::with_capacity(text.len());
    let mut origin: Vec<usize> = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let before = hay.chars().count();
        fold_char_to_base(c, &mut hay);
        origin.extend(std::iter::repeat_n(i, hay.chars().count() - before));
    }
    let hay_chars: Vec<char> = hay.chars().collect();
    let char_at = |byte: usize| hay[..byte].chars().count();
    let mut out: Vec<usize> = Vec::new();
    let mut span = |byte: usize, needle: &str| {
        let from = char_at(byte);
        let n = needle.chars().count();
        out.extend((from..from + n).filter_map(|k| origin.get(k).copied()));
    };
    if let Some((_, i)) = find(&hay, &query.whole) {
        span(i, &query.whole);
    } else if query.words.len() > 1 {
        for w in &query.words {
            match find(&hay, w) {
                Some((_, i)) => span(i, w),
                None => return Vec::new(),
            }
        }
    } else {
        let needle: Vec<char> = query.whole.chars().collect();
        if let Some((_, pos)) = fuzzy(&needle, &hay_chars) {
            out.extend(pos.into_iter().filter_map(|k| origin.get(k).copied()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(q: &str, text: &str) -> Option<Rank> {
        rank_text(&Query::new(q), text)
    }

    #[test]
    fn tiers_come_in_order_exact_prefix_word_start_substring_fuzzy() {
        assert_eq!(r("spö", "SPÖ").unwrap().tier, Tier::Exact);
        assert_eq!(r("SPO", "SPÖ").unwrap().tier, Tier::Exact, "folded");
        assert_eq!(r("spo", "Spoerri").unwrap().tier, Tier::Prefix);
        assert_eq!(r("spo", "Hans Spoerri").unwrap().tier, Tier::WordStart);
        assert_eq!(r("spo", "Lespoir").unwrap().tier, Tier::Substring);
        assert_eq!(r("spo", "Stefan Podolski").unwrap().tier, Tier::Fuzzy);
        assert!(r("xyz", "SPÖ").is_none());
        let mut ranked = [
            ("Stefan Podolski", r("spö", "Stefan Podolski")),
            ("Hans Spoerri", r("spö", "Hans Spoerri")),
            ("SPÖ", r("spö", "SPÖ")),
        ];
        ranked.sort_by_key(|(_, rank)| *rank);
        assert_eq!(ranked[0].0, "SPÖ", "the party first, not a fuzzy accident");
        assert_eq!(ranked[1].0, "Hans Spoerri");
    }

    #[test]
    fn within_a_tier_shorter_and_earlier_win() {
        assert!(r("berlin", "Berlin-Mitte") < r("berlin", "Berliner Zeitung"));
        assert!(r("wien", "In Wien tagt") < r("wien", "Später in Wien tagt"));
        assert!(
            r("putin", "Wladimir Putin").unwrap().tier
                < r("putin", "Parteitag unter Tino").unwrap().tier
        );
    }

    #[test]
    fn words_match_each_on_their_own() {
        assert_eq!(r("jong un", "Kim Jong-un").unwrap().tier, Tier::WordStart);
        assert_eq!(r("un jong", "Kim Jong-un").unwrap().tier, Tier::WordStart);
        assert_eq!(r("ong kim", "Kim Jong-un").unwrap().tier, Tier::Substring);
        assert!(r("un xyz", "Kim Jong-un").is_none());
        assert_eq!(r("", "anything").unwrap().tier, Tier::Exact);
    }

    #[test]
    fn queries_narrow_when_each_word_grows() {
        let q = |s: &str| Query::new(s);
        assert!(q("berl").narrows(&q("ber")));
        assert!(q("kim jong").narrows(&q("kim jo")));
        assert!(
            !q("kim jong").narrows(&q("kim")),
            "a new word is no narrowing"
        );
        assert!(!q("ber").narrows(&q("")), "nothing to narrow");
        assert!(!q("bar").narrows(&q("ber")));
    }

    #[test]
    fn positions_point_at_the_original_characters() {
        assert_eq!(positions(&Query::new("spo"), "Die SPÖ tagt"), vec![4, 5, 6]);
        assert_eq!(positions(&Query::new("koln"), "Köln"), vec![0, 1, 2, 3]);
        // ß folds to two letters: both point at it.
        assert_eq!(
            positions(&Query::new("strasse"), "Straße"),
            vec![0, 1, 2, 3, 4, 5]
        );
        assert_eq!(positions(&Query::new("kju"), "Kim Jong Un"), vec![0, 4, 9]);
        assert_eq!(
            positions(&Query::new("jong kim"), "Kim Jong"),
            vec![0, 1, 2, 4, 5, 6, 7]
        );
        assert!(positions(&Query::new("xyz"), "Köln").is_empty());
    }
}
