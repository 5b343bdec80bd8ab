//! German text primitives shared by the domain: folding for comparison
//! ([`fold`]), tokens ([`token`]), sentences ([`sentence`]), adjective
//! endings ([`adjective`]) and widths in terminal cells ([`cells`]).

pub mod adjective;
pub mod cells;
pub mod fold;
pub mod sentence;
pub mod token;

pub use fold::{fold, fold_to_base};
