//! German text primitives shared by the domain: folding for comparison
//! ([`fold`]), tokens ([`token`]), sentences ([`sentence`]) and adjective
//! endings ([`adjective`]).

pub mod adjective;
pub mod fold;
pub mod sentence;
pub mod token;

pub use fold::{fold, fold_to_base};
