//! `dossier cache`: where the index cache is, how large, how many entries;
//! `dossier cache clear` empties it. The rules that keep it in bounds are in
//! [`crate::ingest::cache_admin`].

use super::Format;
use crate::ingest::cache_admin::{self, Removed, Summary};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// What `dossier cache` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Subcommand)]
pub enum CacheAction {
    /// Remove every file of the index cache.
    Clear,
}

/// Show the cache (`action` `None`) or clear it.
pub fn run(action: Option<CacheAction>, format: Format) -> anyhow::Result<ExitCode> {
    let Some(dir) = crate::dirs::cache_dir() else {
        eprintln!("dossier: no cache directory (set DOSSIER_CACHE_DIR)");
        return Ok(super::usage());
    };
    let enabled = std::env::var_os("DOSSIER_NO_CACHE").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(io::stdout().lock());
    match action {
        None => {
            let files = cache_admin::scan(&dir)?;
            let summary = cache_admin::summarize(&files);
            write_summary(
                &mut out,
                &dir,
                &summary,
                cache_admin::limit(),
                enabled,
                format,
            )?;
        }
        Some(CacheAction::Clear) => {
            let removed = cache_admin::clear(&dir)?;
            write_cleared(&mut out, &dir, removed, format)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_summary(
    out: &mut impl Write,
    dir: &Path,
    s: &Summary,
    limit: u64,
    enabled: bool,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let mut v = serde_json::json!({
                "location": dir.display().to_string(),
                "enabled": enabled,
                "bytes": s.bytes,
                "limit": limit,
                "entries": s.entries,
                "files": s.files,
                "stale": s.stale,
            });
            escape_location(&mut v, dir);
            writeln!(out, "{v}")
        }
        Format::Text => {
            writeln!(out, "location  {}", dir.display())?;
            let bound = if limit == 0 {
                "no limit".to_string()
            } else {
                format!("limit {}", human_bytes(limit))
            };
            writeln!(out, "size      {} ({bound})", human_bytes(s.bytes))?;
            writeln!(
                out,
                "entries   {} (corpora with a cached index; {} files, {} stale)",
                s.entries, s.files, s.stale
            )?;
            if !enabled {
                writeln!(out, "(not used: DOSSIER_NO_CACHE is set)")?;
            }
            Ok(())
        }
    }
}

/// Add `location_escaped`, the exact path, when `dir` is not valid UTF-8
/// (see [`crate::corpus::path_text`]).
fn escape_location(v: &mut serde_json::Value, dir: &Path) {
    if let (Some(e), Some(map)) = (crate::corpus::path_text::escaped(dir), v.as_object_mut()) {
        map.insert("location_escaped".into(), e.into());
    }
}

fn write_cleared(out: &mut impl Write, dir: &Path, r: Removed, format: Format) -> io::Result<()> {
    match format {
        Format::Json => {
            let mut v = serde_json::json!({
                "location": dir.display().to_string(),
                "removed": r.files,
                "bytes": r.bytes,
            });
            escape_location(&mut v, dir);
            writeln!(out, "{v}")
        }
        Format::Text => writeln!(
            out,
            "removed {} files ({}) from {}",
            r.files,
            human_bytes(r.bytes),
            dir.display()
        ),
    }
}

/// `1.5 MB`: bytes in powers of 1024, one decimal from KB on.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(1 << 30), "1.0 GB");
    }
}
