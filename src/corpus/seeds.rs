//! The bundled reports, embedded in the binary at build time from `seeds/`.

use super::Document;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// The bundled reports as documents, with paths `seeds/<file>`.
pub fn documents() -> Vec<Document> {
    SEEDS
        .iter()
        .map(|(name, bytes)| {
            let stem = Path::new(name)
                .file_stem()
                .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned());
            Document::from_bytes(stem, PathBuf::from("seeds").join(name), bytes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn seeds_are_embedded_with_stems_as_ids() {
        let docs = super::documents();
        assert!(docs.len() >= 5);
        for d in &docs {
            assert!(!d.id.ends_with(".txt"));
            assert!(d.path.starts_with("seeds"));
            assert!(!d.text.is_empty());
        }
    }
}
