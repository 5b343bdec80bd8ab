//! German adjective declension: the endings a declined adjective takes
//! (`russisch-en`, `Deutsch-e`, `Berlin-er`) and its stem.

/// Declension endings of German adjectives, longest first.
const ADJECTIVE_ENDINGS: [&str; 5] = ["en", "em", "er", "es", "e"];

/// Whether `word` ends like a declined German adjective (`russischen`,
/// `Deutsche`, `Berliner`).
pub fn has_adjective_ending(word: &str) -> bool {
    ADJECTIVE_ENDINGS.iter().any(|e| word.ends_with(e))
}

/// The stem of a declined adjective inside a name (`vereinigten` →
/// `vereinigt`, `weisse` → `weiss`), for folded words of five letters or more.
/// Other words are returned unchanged.
pub fn adjective_stem(word: &str) -> &str {
    if word.chars().count() < 5 {
        return word;
    }
    for ending in ADJECTIVE_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.chars().count() >= 3
        {
            return stem;
        }
    }
    word
}
