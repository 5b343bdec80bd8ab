//! Measuring the engine: gold entity mentions ([`gold`], the metric of
//! `../shared/tools/score.py`), CoNLL-style NER gold files and exact-span
//! scores ([`conll`]), and, with the `train` feature, training and
//! cross-validating the tagger ([`train`]).

pub mod conll;
pub mod gold;
#[cfg(feature = "train")]
pub mod train;

pub use gold::{Gold, GoldScore, score};
