//! Recognition: the statistical tagger that finds names of people, places and
//! organizations in German text, and the rules on top of it.
//!
//! Text is cut into tokens and sentences by [`crate::text`]; [`lexicon`] holds the word
//! and place facts the features read (in the compact [`table`] format);
//! [`features`] turns a sentence into hashed features; [`tagger`] scores them
//! with the shipped model and decodes [`tag`] sequences with constrained
//! Viterbi ([`word_scores`] keeps per-word sums so that each word costs one
//! sum); [`recognize`] turns tags into mentions and applies the span rules.

mod bodies;
mod cut;
pub mod features;
pub mod lexicon;
mod person_span;
pub mod recognize;
pub mod table;
pub mod tag;
pub mod tagger;
pub mod word_scores;
mod word_table;

/// Let go of what recognition remembers on this thread (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_memos() {
    features::forget_word_memo();
    word_scores::forget_memo();
}
