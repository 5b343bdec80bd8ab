//! German text primitives shared by the domain: folding for comparison,
//! tokens and sentences.

pub mod fold;
pub mod sentence;
pub mod token;

pub use fold::{fold, fold_to_base};
