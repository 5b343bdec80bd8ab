//! Linking benchmark and sanity check on gold mentions from a CoNLL-style file
//! (`id<TAB>token<TAB>tag…`, IOB2 tags PER/LOC/ORG/OTH, blank lines between
//! sentences, `#` comment lines), such as GermEval 2014:
//!
//! ```sh
//! cargo bench --bench link_bench -- NER-de-dev.tsv        # fuzzy merges
//! cargo bench --bench link_bench -- NER-de-dev.tsv 115    # ~10k documents
//! ```
//!
//! Every 25 sentences make one document. With a repeat count above 1 the
//! documents are repeated (say so when reporting figures). Prints the time of
//! local and global linking, and, without repetition, every entity whose
//! aliases have more than one match key (the merges normalisation made).

use dossier::entity::link::keys::match_key;
use dossier::entity::link::{global, local};
use dossier::entity::{Kind, Recognized};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let path = args.next().ok_or("usage: link_bench FILE [REPEAT]")?;
    let repeat: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let data = std::fs::read_to_string(path)?;
    let docs = documents(&data);
    let all: Vec<&(String, Vec<Recognized>)> = (0..repeat).flat_map(|_| docs.iter()).collect();
    let t0 = Instant::now();
    let locals: Vec<_> = all.iter().map(|(t, r)| local(t, r)).collect();
    let t1 = Instant::now();
    let linked = global(&locals);
    let t2 = Instant::now();
    let mentions: usize = all.iter().map(|d| d.1.len()).sum();
    println!(
        "{} documents, {mentions} mentions: local {:?}, global {:?}, {} entities",
        all.len(),
        t1 - t0,
        t2 - t1,
        linked.len()
    );
    if repeat == 1 {
        for le in &linked {
            let mut keys: Vec<String> = le
                .entity
                .aliases
                .iter()
                .map(|a| match_key(a, le.entity.kind))
                .collect();
            keys.sort();
            keys.dedup();
            if keys.len() > 1 {
                println!(
                    "{} {} <- {:?}",
                    le.entity.kind, le.entity.name, le.entity.aliases
                );
            }
        }
    }
    Ok(())
}

/// Documents of 25 sentences: text (tokens joined by spaces) and mentions.
fn documents(data: &str) -> Vec<(String, Vec<Recognized>)> {
    let kind = |t: &str| match t {
        "PER" => Some(Kind::Person),
        "LOC" => Some(Kind::Place),
        "ORG" => Some(Kind::Organization),
        "OTH" => Some(Kind::Other),
        _ => None,
    };
    let mut docs = Vec::new();
    let (mut text, mut recs) = (String::new(), Vec::new());
    let mut open: Option<(usize, Kind)> = None;
    let mut sentences = 0;
    let close = |open: &mut Option<(usize, Kind)>, text: &str, recs: &mut Vec<Recognized>| {
        if let Some((start, kind)) = open.take() {
            recs.push(Recognized {
                span: start..text.trim_end().len(),
                kind,
            });
        }
    };
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            close(&mut open, &text, &mut recs);
            text.push('\n');
            sentences += 1;
            if sentences % 25 == 0 {
                docs.push((std::mem::take(&mut text), std::mem::take(&mut recs)));
            }
            continue;
        }
        let (token, tag) = (cols[1], cols[2]);
        if !(tag.starts_with("I-") && open.is_some()) {
            close(&mut open, &text, &mut recs);
            if let Some(k) = tag.strip_prefix("B-").and_then(kind) {
                open = Some((text.len(), k));
            }
        }
        text.push_str(token);
        text.push(' ');
    }
    close(&mut open, &text, &mut recs);
    if !text.is_empty() {
        docs.push((text, recs));
    }
    docs
}
