//! Hashed features of tokens in a sentence, for the sequence tagger.
//!
//! Each feature is a template number mixed with a value hash and cut to a
//! bucket index of the weight table (the "hashing trick"): no feature strings
//! are built. The token's own strings (lowercase form, prefixes, suffixes,
//! shape, hyphen parts) are hashed once per token by [`TokenHashes::of`]; the
//! features of a position then only mix those hashes with a template id.
//!
//! Lexicon features come from [`Lexicon`]: Brown clusters (prefixes of 4, 8,
//! 12 and 16 bits) of the word and its neighbours, german-nouns and frequency
//! flags, log-probability, and matches of the place gazetteer and of the gold
//! name list over the sentence (longest match first, as B/I positions).
//!
//! Changing anything here changes which buckets a model's weights live in:
//! bump [`FEATURE_VERSION`] and retrain.

use super::lexicon::{Lexicon, Sources};

/// Version of the feature set; stored in the model file and checked on load.
pub const FEATURE_VERSION: u32 = 3;

/// Where lexicon features come from.
#[derive(Debug, Clone, Copy)]
pub struct FeatureContext<'l> {
    /// The lexicon and gazetteers.
    pub lexicon: &'l Lexicon,
    /// Which gold corpora the gold-name list counts: [`Sources::All`] for the
    /// shipped model, [`Sources::WithoutGermEval`] when cross-validating on
    /// GermEval dev.
    pub sources: Sources,
    /// Whether to use the gold-name list at all.
    pub gold_names: bool,
}

impl FeatureContext<'static> {
    /// The shipped lexicon, all sources.
    pub fn shipped() -> FeatureContext<'static> {
        FeatureContext {
            lexicon: Lexicon::get(),
            sources: Sources::All,
            gold_names: USE_GOLD_NAMES,
        }
    }
}

/// Whether the shipped feature set uses the gold-name list: it does not, as
/// every training name is in that list, so the tagger learns to trust it more
/// than it deserves on unseen text (5-fold CV: typed F1 0.691 with it, 0.709
/// without).
pub const USE_GOLD_NAMES: bool = false;

mod facts;
pub(crate) use facts::forget_word_memo;
mod hash;
mod sentence;
mod templates;

pub use facts::{JointFacts, SentenceFacts, WordFacts, WordFeatures};
pub use hash::{ShapeClass, TokenHashes};
pub use sentence::SentenceHashes;
pub use templates::{Neighbour, Offset, neighbour_features};

#[cfg(test)]
mod tests {
    use super::facts::{remembered_word_info, word_info};
    use super::*;

    fn feats(tokens: &[&str], i: usize) -> Vec<u32> {
        let s = SentenceHashes::new(tokens, &FeatureContext::shipped());
        let mut out = Vec::new();
        s.features(i, 18, &mut out);
        out
    }

    #[test]
    fn remembered_word_facts_are_the_lexicons_own_and_kept_per_lexicon() {
        let shipped = Lexicon::get();
        let empty = Lexicon::empty();
        let mut buf = String::new();
        let words = ["Berlin", "der", "Nordkoreas", "US-Medien", "Artillerie"];
        for round in 0..2 {
            for lex in [shipped, &empty] {
                for w in words {
                    let direct = format!("{:?}", word_info(lex, w, &mut buf));
                    let remembered = format!("{:?}", remembered_word_info(lex, w, &mut buf));
                    assert_eq!(remembered, direct, "{w} in round {round}");
                }
            }
        }
        // The two lexicons really differ on these words, so a memo shared
        // between them would have failed above.
        assert_ne!(
            format!("{:?}", word_info(shipped, "Berlin", &mut buf)),
            format!("{:?}", word_info(&empty, "Berlin", &mut buf))
        );
    }

    #[test]
    fn shape_classes() {
        assert_eq!(TokenHashes::of("Berlin").class, ShapeClass::Capitalized);
        assert_eq!(TokenHashes::of("NATO").class, ShapeClass::AllCaps);
        assert_eq!(TokenHashes::of("sagte").class, ShapeClass::Lower);
        assert_eq!(TokenHashes::of("3,5").class, ShapeClass::Number);
        assert_eq!(TokenHashes::of("US-Medien").class, ShapeClass::Capitalized);
        assert_eq!(TokenHashes::of("„").class, ShapeClass::Punct);
        assert_eq!(TokenHashes::of("G7").class, ShapeClass::Mixed);
    }

    #[test]
    fn lowercase_hash_ignores_case_but_exact_does_not() {
        let a = TokenHashes::of("Berlin");
        let b = TokenHashes::of("BERLIN");
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.suffix[1], TokenHashes::of("Mein").suffix[1]);
    }

    #[test]
    fn features_stay_in_range_and_depend_on_context() {
        let a = feats(&["Der", "Präsident", "Putin", "sagte"], 2);
        let b = feats(&["Der", "Kanzler", "Putin", "sagte"], 2);
        assert!(a.iter().all(|&f| f < 1 << 18));
        assert!(a.len() >= 20);
        // Same word, same own features; the left-context feature differs.
        assert_eq!(a[..3], b[..3]);
        assert_ne!(a, b);
    }

    #[test]
    fn hyphen_parts_are_features() {
        let a = feats(&["die", "US-Medien"], 1);
        let b = feats(&["die", "EU-Medien"], 1);
        let shared = a.iter().filter(|f| b.contains(f)).count();
        // The last part, suffixes and shape are shared; the word is not.
        assert!(shared >= 6, "{shared}");
        assert_ne!(a[1], b[1]);
    }
}
