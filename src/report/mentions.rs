//! `dossier mentions`: each mention of one entity with its document, line and
//! a line of context, as text or JSON.

use super::{Format, exit_code, load, usage};
use crate::corpus::records::RecordOptions;
use crate::corpus::sanitize::visible;
use crate::corpus::{Corpus, DocId};
use crate::entity::{EntityId, EntityIndex};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the mentions of the entity `name` in the corpus at `paths` (the
/// bundled reports when empty); an unknown name gets suggestions on stderr.
pub fn run(
    name: &str,
    paths: &[PathBuf],
    format: Format,
    options: &RecordOptions,
) -> anyhow::Result<ExitCode> {
    let Some(loaded) = load(paths, options) else {
        return Ok(usage());
    };
    let Some(id) = loaded.index.find(name) else {
        super::say(format!("no entity named “{name}”"));
        let candidates = similar(&loaded.index, name);
        if !candidates.is_empty() {
            super::say_plain(format!("did you mean: {}", candidates.join(", ")));
        }
        return Ok(usage());
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Text => write_mentions(&mut out, &loaded.corpus, &loaded.index, id)?,
        Format::Json => {
            serde_json::to_writer(&mut out, &mentions_json(&loaded.corpus, &loaded.index, id))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_code(&loaded))
}

/// A heading line for the entity, then a line per mention.
pub fn write_mentions(
    out: &mut impl Write,
    corpus: &Corpus,
    index: &EntityIndex,
    id: EntityId,
) -> io::Result<()> {
    let e = index.entity(id);
    writeln!(
        out,
        "{} ({}): {} mentions in {} documents",
        visible(e.name),
        e.kind,
        index.mention_count(id),
        index.doc_count(id)
    )?;
    for m in index.mentions_of(id) {
        let d = corpus.doc(m.doc);
        writeln!(
            out,
            "{}:{}: {}",
            visible(&d.id),
            d.line_of(m.start as usize),
            context(corpus, m.doc, m.span())
        )?;
    }
    Ok(())
}

/// The mentions of `id` as JSON: the entity (id, name, kind, spellings),
/// then each mention with its document, line, byte offsets into the file
/// (end exclusive), its text and the line of context the text format shows.
pub fn mentions_json(corpus: &Corpus, index: &EntityIndex, id: EntityId) -> serde_json::Value {
    let e = index.entity(id);
    let mentions: Vec<serde_json::Value> = index
        .mentions_of(id)
        .map(|m| {
            let d = corpus.doc(m.doc);
            serde_json::json!({
                "doc": d.id,
                "line": d.line_of(m.start as usize),
                "start": m.start,
                "end": m.end,
                "text": d.text.get(m.span()).unwrap_or(""),
                "context": context(corpus, m.doc, m.span()),
            })
        })
        .collect();
    serde_json::json!({
        "entity": {
            "id": e.key,
            "name": e.name,
            "kind": e.kind,
            "aliases": e.aliases,
            "documents": index.doc_count(id),
        },
        "mentions": mentions,
    })
}

/// A line of context around a mention, at most about 100 characters, with the
/// mention in brackets.
pub fn context(corpus: &Corpus, doc: DocId, span: std::ops::Range<usize>) -> String {
    let d = corpus.doc(doc);
    let line = d.line_at(span.start);
    let line_start = line.as_ptr() as usize - d.text.as_ptr() as usize;
    // Offsets are checked against the text, never trusted: one that does not
    // fit shows the line without brackets rather than panicking.
    let s = span.start.saturating_sub(line_start).min(line.len());
    let e = span.end.saturating_sub(line_start).clamp(s, line.len());
    if !line.is_char_boundary(s) || !line.is_char_boundary(e) {
        return visible(&line.chars().take(90).collect::<String>());
    }
    let before: String = line[..s]
        .chars()
        .rev()
        .take(45)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = line[e..].chars().take(45).collect();
    let lead = if before.len() < s { "…" } else { "" };
    let tail = if after.len() < line.len() - e {
        "…"
    } else {
        ""
    };
    visible(&format!(
        "{lead}{}[{}]{}{tail}",
        before.trim_start(),
        &line[s..e],
        after.trim_end()
    ))
}

/// Up to eight entities with a spelling that contains `name` (folded).
fn similar(index: &EntityIndex, name: &str) -> Vec<String> {
    let needle = crate::text::fold_to_base(name);
    index
        .entities()
        .iter()
        .filter(|e| {
            e.aliases
                .iter()
                .any(|a| crate::text::fold_to_base(a).contains(&needle))
        })
        .take(8)
        .map(|e| e.name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    #[test]
    fn context_brackets_the_mention_and_cuts_long_lines() {
        let short = "Titel\n\nIn Bonn sagte Anna Berger nichts.";
        let long = format!(
            "Titel\n\n{} Anna Berger {}",
            "vorne ".repeat(20),
            "hinten ".repeat(20)
        );
        let corpus = Corpus::new(vec![
            Document::from_bytes("a".into(), "a.txt".into(), short.as_bytes()),
            Document::from_bytes("b".into(), "b.txt".into(), long.as_bytes()),
        ]);
        let at = |text: &str| text.find("Anna Berger").unwrap();
        let a = at(short);
        assert_eq!(
            context(&corpus, DocId(0), a..a + 11),
            "In Bonn sagte [Anna Berger] nichts."
        );
        let b = at(&long);
        let c = context(&corpus, DocId(1), b..b + 11);
        assert!(c.starts_with('…') && c.ends_with('…'), "{c}");
        assert!(c.contains("[Anna Berger]"), "{c}");
        assert!(c.chars().count() <= 45 * 2 + 13 + 2, "{c}");
    }

    #[test]
    fn offsets_that_do_not_fit_the_text_never_panic() {
        let text = "Titel\n\nÄÄÄÄ Anna";
        let corpus = Corpus::new(vec![Document::from_bytes(
            "a".into(),
            "a.txt".into(),
            text.as_bytes(),
        )]);
        // Inside a two-byte letter, past the end, reversed.
        #[allow(clippy::reversed_empty_ranges)]
        for span in [8..10, 9..12, 30..40, 12..9] {
            let c = context(&corpus, DocId(0), span.clone());
            assert!(c.contains("ÄÄÄÄ") || c.contains("Titel"), "{span:?}: {c}");
        }
    }
}
