//! German text primitives shared by the domain: folding for comparison,
//! tokens and sentences.

pub mod fold;

pub use fold::fold;
