//! `dossier entities`: every entity of a corpus with its mentions, as an
//! aligned table or as the stable JSON contract.

use super::{Format, exit_code, load, usage};
use crate::corpus::records::RecordOptions;
use crate::corpus::sanitize::visible;
use crate::entity::{EntityId, EntityIndex, json};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the entities of `paths` (the bundled reports when empty).
pub fn run(paths: &[PathBuf], format: Format, options: &RecordOptions) -> anyhow::Result<ExitCode> {
    let Some(loaded) = load(paths, options) else {
        return Ok(usage());
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            let view = json::JsonView {
                corpus: &loaded.corpus,
                index: &loaded.index,
            };
            serde_json::to_writer(&mut out, &view)?;
            writeln!(out)?;
        }
        Format::Text => write_table(&mut out, &loaded.index)?,
    }
    out.flush()?;
    Ok(exit_code(&loaded))
}

/// The table: kinds in order, then most mentioned first, then by name.
pub fn write_table(out: &mut impl Write, index: &EntityIndex) -> io::Result<()> {
    let mut ids: Vec<EntityId> = (0..index.len()).map(|i| EntityId(i as u32)).collect();
    ids.retain(|&id| index.mention_count(id) > 0);
    ids.sort_by(|&a, &b| {
        let (ea, eb) = (index.entity(a), index.entity(b));
        ea.kind
            .cmp(&eb.kind)
            .then(index.mention_count(b).cmp(&index.mention_count(a)))
            .then(ea.name.cmp(eb.name))
    });
    let name_w = ids
        .iter()
        .map(|&id| index.entity(id).name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    writeln!(
        out,
        "{:<12} {:<name_w$} {:>4} {:>8}  ALSO WRITTEN",
        "KIND", "NAME", "DOCS", "MENTIONS"
    )?;
    for id in ids {
        let e = index.entity(id);
        let others: Vec<&str> = e.aliases.iter().filter(|a| *a != e.name).collect();
        writeln!(
            out,
            "{:<12} {:<name_w$} {:>4} {:>8}  {}",
            e.kind.as_str(),
            visible(e.name),
            index.doc_count(id),
            index.mention_count(id),
            visible(&others.join(", "))
        )?;
    }
    Ok(())
}
