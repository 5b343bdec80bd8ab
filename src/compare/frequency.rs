//! How many documents of a corpus contain each content word: the background
//! against which words shared by two sentences are weighed (a word every
//! report uses says little about two sentences being about the same thing).

use super::figure::content_words;
use crate::corpus::Corpus;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Document frequencies of content-word stems in a corpus.
#[derive(Debug, Clone, Default)]
pub struct WordFrequencies {
    doc_count: usize,
    df: HashMap<String, u32>,
}

impl WordFrequencies {
    /// Count the documents each content-word stem occurs in.
    pub fn new(corpus: &Corpus) -> WordFrequencies {
        let sets: Vec<HashSet<String>> = corpus
            .docs()
            .par_iter()
            .map(|d| {
                content_words(&d.text, 0..d.text.len(), &[])
                    .into_iter()
                    .collect()
            })
            .collect();
        let mut df: HashMap<String, u32> = HashMap::new();
        for set in sets {
            for w in set {
                *df.entry(w).or_insert(0) += 1;
            }
        }
        WordFrequencies {
            doc_count: corpus.len(),
            df,
        }
    }

    /// The number of documents counted.
    pub fn doc_count(&self) -> usize {
        self.doc_count
    }

    /// How many documents contain a stem (as made by
    /// [`super::figure::word_stem`]).
    pub fn doc_frequency(&self, stem: &str) -> usize {
        self.df.get(stem).copied().unwrap_or(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use std::path::PathBuf;

    #[test]
    fn counts_documents_not_occurrences() {
        let docs = [
            "Das Erdbeben und das Erdbeben.",
            "Ein Erdbeben in Chile.",
            "Die Wahl in Chile.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_bytes(format!("{i}"), PathBuf::from("x"), t.as_bytes()))
        .collect();
        let f = WordFrequencies::new(&Corpus::new(docs));
        assert_eq!(f.doc_count(), 3);
        assert_eq!(
            f.doc_frequency(&super::super::figure::word_stem("Erdbeben")),
            2
        );
        assert_eq!(f.doc_frequency(&super::super::figure::word_stem("Wahl")), 1);
        assert_eq!(f.doc_frequency("nirgends"), 0);
    }
}
