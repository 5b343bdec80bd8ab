//! Linking mentions to entities: first inside each document ([`local()`]),
//! then across documents ([`global()`]).
//!
//! Inside a document, a one-off mention that fuses two names of the document
//! (`Kim Putin`, `Russland Nordkorea`) is split; mentions with the same match
//! key form one entity; a title swallowed before a full name is ignored;
//! inflected forms join their attested base (`Putins` → `Putin`); acronyms join
//! their expansion (in parentheses, or the only one of two words or more in
//! the document that fits); organization names join their form with a legal
//! or media designator (`Yonhap News` → `Yonhap`); and a one-word person
//! mention joins the full name whose family name it is (the first word for
//! East Asian names, the last otherwise): the one mentioned last before it,
//! else one the document mentions clearly most.
//!
//! Across documents, entities merge when they share a match key (see
//! [`keys`]), when an inflected-only form meets its stem, and when
//! both name the same country (CLDR and iso-codes names in `assets/linking`).
//! A person known only by a surname joins the one full name in the corpus with
//! that family name, or, among several, the one whose documents share clearly
//! more co-mentioned entities; lone surnames matching no full name merge with
//! each other. Merges need compatible kinds (places and organizations go
//! together, persons only with persons, `other` with anything). Everything is
//! blocked by keys in hash maps: no comparison of all pairs, so it scales to
//! many thousands of documents, and the result does not depend on hash order.

pub mod corrections;
pub mod keys;

mod acronym;
mod cluster;
mod doc;
mod flat;
mod fused;
mod global;
mod groups;
mod kinds;
mod local;
mod split;
mod surfaces;
#[cfg(test)]
pub(crate) mod testing;
mod union;

pub use cluster::slug;
pub use doc::{EntityParts, LocalDoc, LocalDocBuilder, LocalEntity, LocalMention, TooLarge};
pub use global::{Mentions, global, global_given, global_index};
pub use local::local;

/// Let go of what linking within documents remembers on this thread (see
/// [`crate::entity::pipeline::forget_memos`]).
pub(crate) fn forget_memos() {
    local::forget_items();
    keys::forget_word_keys();
    doc::forget_builder();
}
