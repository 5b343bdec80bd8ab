//! The German search vector of an article in a shared store, made by the
//! workers (in parallel, beside the analysis) instead of by the server's
//! `to_tsvector('german', …)`, and the lexemes of a search query made the
//! same way, so that a query always finds the words it names.
//!
//! The rules follow PostgreSQL's `german` text search configuration, which
//! the store used before: words are lower-cased; a word of letters is
//! dropped if it is a German stop word (Snowball's list, the one PostgreSQL
//! ships: `assets/search/german.stop`) and otherwise stemmed by the Snowball
//! German stemmer; a word with digits is kept as it is (`g20`, `2024`); a
//! hyphenated word (`Kim-Jong-un`) gives the whole and each part. Each
//! word's position counts every word before it, stop words too. The vector
//! keeps PostgreSQL's limits: lexemes of at most 2,047 bytes, 1 MB of
//! lexemes in all, 256 positions per lexeme, positions up to 16,383.
//!
//! Why here and not on the server: on a machine that also runs the workers,
//! the server's parser and stemmer cost more CPU than the analysis itself
//! (measured in `BENCHMARKS.md`), and one server serves every worker, so the
//! work belongs with the workers, which scale out.

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

/// PostgreSQL's longest lexeme, in bytes (`MAXSTRLEN`).
const MAX_LEXEME: usize = 2047;
/// PostgreSQL's total length of a vector's lexemes (`MAXSTRPOS`).
const MAX_TOTAL: usize = (1 << 20) - 1;
/// PostgreSQL's positions kept per lexeme (`MAXNUMPOS`).
const MAX_POSITIONS: usize = 256;
/// PostgreSQL's largest position (`MAXENTRYPOS - 1`).
const MAX_POSITION: u16 = (1 << 14) - 1;

/// The stop words, embedded.
const STOP_WORDS: &str = include_str!("../../../assets/search/german.stop");

fn stop_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOP_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// An article's search vector: its lexemes in PostgreSQL's order (bytes),
/// each with its positions, held in `tsvector`'s binary form (PostgreSQL's
/// `tsvectorsend`: the number of lexemes, then each lexeme null-terminated,
/// its number of positions and the positions, big-endian), which is what
/// the server is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchVector {
    bytes: Vec<u8>,
}

/// Words seen by this thread and their lexemes, so that each distinct word
/// is lower-cased and stemmed once; cleared between articles when full.
#[derive(Default)]
struct Memo {
    /// A word as written → the id of its lexeme, or [`NONE`].
    words: FxHashMap<Box<str>, u32>,
    /// Lexeme → its id.
    ids: FxHashMap<Box<str>, u32>,
    /// Id → lexeme.
    lexemes: Vec<Box<str>>,
}

/// The id of "no lexeme" (a stop word, or a word too long).
const NONE: u32 = u32::MAX;
/// Words a thread's memo holds before it is cleared.
const MEMO_WORDS: usize = 1 << 17;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

impl Memo {
    fn id(&mut self, word: &str, stemmer: &Stemmer) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = match lexeme(word, stemmer) {
            None => NONE,
            Some(l) => match self.ids.get(l.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.lexemes.len() as u32;
                    self.lexemes.push(l.clone().into_boxed_str());
                    self.ids.insert(l.into_boxed_str(), id);
                    id
                }
            },
        };
        self.words.insert(word.into(), id);
        id
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::German))
}

impl SearchVector {
    /// The search vector of `parts` read one after the other as one text
    /// (an article's title and text).
    pub fn of(parts: &[&str]) -> SearchVector {
        MEMO.with_borrow_mut(|memo| {
            if memo.words.len() > MEMO_WORDS {
                *memo = Memo::default();
            }
            // Lexeme id and position of every word that has a lexeme, in
            // one integer each (id above, position below) to sort fast.
            let mut found: Vec<u64> = Vec::new();
            let mut position = 0u32;
            for part in parts {
                for_each_word(part, |word| {
                    position += 1;
                    let id = memo.id(word, stemmer());
                    if id != NONE {
                        let at = u16::try_from(position).unwrap_or(MAX_POSITION);
                        found.push(u64::from(id) << 16 | u64::from(at.min(MAX_POSITION)));
                    }
                });
            }
            found.sort_unstable();
            // Each lexeme with its positions, first come first kept up to
            // the total length PostgreSQL allows.
            let mut groups: Vec<(&str, &[u64])> = found
                .chunk_by(|a, b| a >> 16 == b >> 16)
                .map(|run| (&*memo.lexemes[(run[0] >> 16) as usize], run))
                .collect();
            // Past PostgreSQL's total length, the lexemes that come first
            // in the text are kept.
            if groups.iter().map(|g| g.0.len()).sum::<usize>() > MAX_TOTAL {
                let mut total = 0usize;
                groups.sort_unstable_by_key(|g| g.1[0] as u16);
                groups.retain(|g| {
                    total += g.0.len();
                    total <= MAX_TOTAL
                });
            }
            groups.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let mut bytes = Vec::with_capacity(4 + groups.len() * 16);
            bytes.extend_from_slice(&(groups.len() as i32).to_be_bytes());
            for (lexeme, run) in groups {
                bytes.extend_from_slice(lexeme.as_bytes());
                bytes.push(0);
                let count_at = bytes.len();
                bytes.extend_from_slice(&[0, 0]);
                let mut count = 0u16;
                let mut last = 0u16;
                for &packed in run {
                    let at = packed as u16;
                    if usize::from(count) < MAX_POSITIONS && at > last {
                        bytes.extend_from_slice(&at.to_be_bytes());
                        count += 1;
                        last = at;
                    }
                }
                bytes[count_at..count_at + 2].copy_from_slice(&count.to_be_bytes());
            }
            SearchVector { bytes }
        })
    }

    /// The lexemes with their positions, in order (read back from the
    /// binary form).
    pub fn entries(&self) -> Vec<(&str, Vec<u16>)> {
        let b = &self.bytes;
        let mut out = Vec::new();
        let mut at = 4;
        while at < b.len() {
            let end = at + b[at..].iter().position(|&c| c == 0).unwrap_or(b.len() - at);
            let lexeme = std::str::from_utf8(&b[at..end]).unwrap_or_default();
            let n = u16::from_be_bytes([b[end + 1], b[end + 2]]) as usize;
            let positions = (0..n)
                .map(|i| u16::from_be_bytes([b[end + 3 + 2 * i], b[end + 4 + 2 * i]]))
                .collect();
            out.push((lexeme, positions));
            at = end + 3 + 2 * n;
        }
        out
    }

    /// The lexemes, in order.
    pub fn lexemes(&self) -> Vec<&str> {
        self.entries().into_iter().map(|(l, _)| l).collect()
    }

    /// The positions of `lexeme`, if the vector has it.
    pub fn positions(&self, lexeme: &str) -> Option<Vec<u16>> {
        self.entries()
            .into_iter()
            .find(|(l, _)| *l == lexeme)
            .map(|(_, p)| p)
    }
}

/// The distinct lexemes of a search query, in order: an article matches
/// if its vector holds them all. Empty if the query has only stop words.
pub fn query_lexemes(query: &str) -> Vec<String> {
    SearchVector::of(&[query])
        .lexemes()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The `tsquery` (text form) that asks for all of `lexemes`, each quoted.
pub fn tsquery_all(lexemes: &[String]) -> String {
    lexemes
        .iter()
        .map(|l| format!("'{}'", l.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Calls `each` once per word of `text`, in order: a hyphenated word
/// first whole, then each part, each its own word.
fn for_each_word<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphanumeric) {
        rest = &rest[start..];
        // A word: runs of letters and digits joined by single hyphens.
        let first = run_end(rest);
        let mut end = first;
        while rest[end..].starts_with('-') {
            let part = run_end(&rest[end + 1..]);
            if part == 0 {
                break;
            }
            end += 1 + part;
        }
        if end > first {
            each(&rest[..end]);
            for part in rest[..end].split('-') {
                each(part);
            }
        } else {
            each(&rest[..end]);
        }
        rest = &rest[end..];
    }
}

/// The byte length of the run of letters and digits `s` starts with.
fn run_end(s: &str) -> usize {
    s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len())
}

/// The lexeme of one word (or hyphenated word), or `None` if it is a stop
/// word or too long to index.
fn lexeme(word: &str, stemmer: &Stemmer) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.len() > MAX_LEXEME {
        return None;
    }
    if lower.chars().any(|c| c.is_numeric()) {
        return Some(lower);
    }
    if stop_words().contains(lower.as_str()) {
        return None;
    }
    let stem = stemmer.stem(&lower).into_owned();
    (!stem.is_empty()).then_some(stem)
}

impl ToSql for SearchVector {
    /// `tsvector`'s binary form, as made by [`SearchVector::of`].
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        out.extend_from_slice(&self.bytes);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }

    to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexemes(text: &str) -> Vec<String> {
        SearchVector::of(&[text])
            .lexemes()
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn inflected_forms_share_a_lexeme() {
        let v = SearchVector::of(&["Die Wahl in Berlin.", "Nach den Wahlen sprach der Kanzler."]);
        assert_eq!(v.positions("wahl"), Some(vec![2, 7]), "{:?}", v.entries());
        assert!(v.positions("berlin").is_some());
        assert!(v.positions("kanzl").is_some(), "{:?}", v.entries());
        // The query finds what the text says, in another form.
        for q in ["Wahlen", "wahl", "Kanzlers"] {
            let terms = query_lexemes(q);
            assert!(
                terms.iter().all(|t| v.positions(t).is_some()),
                "{q}: {terms:?}"
            );
        }
    }

    #[test]
    fn stop_words_are_dropped_but_counted() {
        let v = SearchVector::of(&["und der Gipfel"]);
        assert_eq!(lexemes("und der Gipfel"), vec!["gipfel"]);
        assert_eq!(v.positions("gipfel"), Some(vec![3]));
        assert!(query_lexemes("und der").is_empty());
        // A word that only starts like a stop word is kept.
        assert_eq!(lexemes("Understatement"), vec!["understatement"]);
    }

    #[test]
    fn hyphenated_words_give_the_whole_and_the_parts() {
        assert_eq!(
            lexemes("Kim-Jong-un"),
            vec!["jong", "kim", "kim-jong-un", "un"]
        );
        // A dash between spaces joins nothing.
        assert_eq!(lexemes("Kim - Putin"), vec!["kim", "putin"]);
        // A trailing hyphen (a word cut at a line end) is no compound.
        assert_eq!(lexemes("Nord-"), vec!["nord"]);
    }

    #[test]
    fn words_with_digits_are_kept_as_they_are() {
        assert_eq!(lexemes("G20 2024 Kosten"), vec!["2024", "g20", "kost"]);
    }

    #[test]
    fn lexemes_are_in_byte_order_and_unique() {
        let v = SearchVector::of(&["Zug zug Äpfel apfel Öl Zebra"]);
        let l: Vec<&str> = v.lexemes();
        let mut sorted = l.clone();
        sorted.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        sorted.dedup();
        assert_eq!(l, sorted);
        assert_eq!(v.positions("zug"), Some(vec![1, 2]));
    }

    #[test]
    fn limits_of_postgresql_are_kept() {
        // Positions stop at 16,383 and at 256 per lexeme, strictly rising.
        let text = "Gipfel ".repeat(20_000);
        let v = SearchVector::of(&[&text]);
        let p = v.positions("gipfel").unwrap();
        assert_eq!(p.len(), MAX_POSITIONS);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        let late = format!("{}Gipfel Gipfel", "x ".repeat(17_000));
        let p = SearchVector::of(&[&late]).positions("gipfel").unwrap();
        assert_eq!(p, vec![MAX_POSITION], "positions past the last collapse");
        // A word too long to index is left out; the text around it is not.
        let long = format!("{} Gipfel", "a".repeat(3000));
        assert_eq!(lexemes(&long), vec!["gipfel"]);
        // At most 1 MB of lexemes.
        let many: String = (0..200_000).map(|i| format!("w{i:07} ")).collect();
        let v = SearchVector::of(&[&many]);
        let total: usize = v.lexemes().iter().map(|l| l.len()).sum();
        assert!(total <= MAX_TOTAL && total > MAX_TOTAL - 16, "{total}");
    }

    #[test]
    fn the_binary_form_is_tsvectors() {
        let v = SearchVector::of(&["Gipfel in Moskau, Gipfel"]);
        let mut out = bytes::BytesMut::new();
        v.to_sql(&Type::TS_VECTOR, &mut out).unwrap();
        let mut want: Vec<u8> = vec![0, 0, 0, 2];
        want.extend(b"gipfel\0\0\x02\0\x01\0\x04");
        want.extend(b"moskau\0\0\x01\0\x03");
        assert_eq!(&out[..], &want[..]);
        assert!(SearchVector::accepts(&Type::TS_VECTOR));
        assert!(!SearchVector::accepts(&Type::TEXT));
    }

    #[test]
    fn a_query_quotes_its_lexemes() {
        assert_eq!(
            tsquery_all(&["kim".into(), "o'brien".into(), "a\\b".into()]),
            r"'kim' & 'o''brien' & 'a\\b'"
        );
        assert_eq!(tsquery_all(&[]), "");
    }
}
