//! German text primitives shared by the domain: folding for comparison
//! ([`fold`]), tokens ([`token`]), sentences ([`sentence`]), adjective
//! endings ([`adjective`]), widths in terminal cells ([`cells`]) and
//! many short strings held in one text ([`strings`]).

pub mod adjective;
pub mod cells;
pub mod fold;
pub mod sentence;
pub mod strings;
pub mod token;

pub use fold::{fold, fold_to_base};
