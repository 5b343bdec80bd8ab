//! `dossier quotes`: every quotation of a corpus with its speaker, or those
//! of one entity, as text or as the scorer's JSON; with `--gold`, the
//! figures of the reference scorer against a gold file instead.

use super::{EXIT_USAGE, Format, load};
use crate::corpus::Corpus;
use crate::corpus::records::RecordOptions;
use crate::entity::{EntityId, EntityIndex};
use crate::quote::corpus::analyse_corpus;
use crate::quote::eval::{Gold, KINDS, score};
use crate::quote::json::{self, QuotesJson};
use anyhow::Context;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `dossier quotes`.
#[derive(Debug, Clone, clap::Args)]
pub struct QuotesArgs {
    /// Only the quotations of this entity (its name or one of its spellings).
    #[arg(long, value_name = "NAME")]
    pub of: Option<String>,
    /// Output format: a line per quotation (document and line, kind,
    /// speaker, words), or the scorer's system format (see the README).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Score against a quotes-wikinews/1 gold file instead of listing: only
    /// the gold's articles are read from the PATH folders, and the figures
    /// of score_quotes.py are printed.
    #[arg(long, value_name = "GOLD")]
    pub gold: Option<PathBuf>,
    /// With --gold: the coarse kinds to score (direct, indirect, reported).
    #[arg(long, value_delimiter = ',', requires = "gold")]
    pub kinds: Vec<String>,
    /// Only the quotations of these kinds as dossier finds them (direct,
    /// indirect, reported); with --gold and --kinds direct, the figures of
    /// a direct-quotation extractor.
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<String>,
    /// Articles and folders (default: the bundled reports; `-`: standard
    /// input).
    pub paths: Vec<PathBuf>,
}

/// The paths to read for a gold file: each folder among `paths` gives the
/// gold's articles (`<id>.txt`) in it; files are kept.
fn gold_paths(gold: &Gold, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for id in gold.documents.keys() {
                let f = p.join(format!("{id}.txt"));
                if f.is_file() {
                    out.push(f);
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Run `dossier quotes`.
pub fn run(args: QuotesArgs, options: &RecordOptions) -> anyhow::Result<ExitCode> {
    let gold = match &args.gold {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let g = Gold::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a gold file: {e}", path.display()))?;
            Some(g)
        }
        None => None,
    };
    let paths = match &gold {
        Some(g) => gold_paths(g, &args.paths),
        None => args.paths.clone(),
    };
    let Some(loaded) = load(&paths, options) else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let wanted: Option<EntityId> = match &args.of {
        Some(name) => match loaded.index.find(name) {
            Some(id) => Some(id),
            None => {
                super::say(format!("no entity named “{name}”"));
                return Ok(ExitCode::from(EXIT_USAGE));
            }
        },
        None => None,
    };
    if let Some(bad) = args.only.iter().find(|k| !KINDS.contains(&k.as_str())) {
        super::say(format!(
            "unknown kind “{bad}”; use direct, indirect, reported"
        ));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let mut docs = analyse_corpus(&loaded.corpus, &loaded.index);
    if !args.only.is_empty() {
        for d in &mut docs {
            d.quotes
                .retain(|q| args.only.iter().any(|k| k == q.kind.as_str()));
        }
    }
    let keep = |e: Option<EntityId>| wanted.is_none() || e == wanted;
    let out_json = json::build(&loaded.corpus, &loaded.index, &docs, &keep);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if let Some(g) = &gold {
        let kinds: Vec<&str> = if args.kinds.is_empty() {
            KINDS.to_vec()
        } else {
            args.kinds.iter().map(String::as_str).collect()
        };
        if let Some(bad) = kinds.iter().find(|k| !KINDS.contains(k)) {
            super::say(format!(
                "unknown kind “{bad}”; use direct, indirect, reported"
            ));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        let s = score(g, &out_json, &kinds);
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut out, &s)?;
                writeln!(out)?;
            }
            Format::Text => write!(
                out,
                "{}",
                crate::corpus::sanitize::visible_lines(&s.to_string())
            )?,
        }
    } else {
        match args.format {
            Format::Json => {
                serde_json::to_writer(&mut out, &out_json)?;
                writeln!(out)?;
            }
            Format::Text => write_text(&mut out, &loaded.corpus, &loaded.index, &out_json)?,
        }
    }
    out.flush()?;
    Ok(super::exit_code(&loaded))
}

/// The quotations as text: `doc:line [kind] speaker (entity): words`.
fn write_text(
    out: &mut impl Write,
    corpus: &Corpus,
    index: &EntityIndex,
    q: &QuotesJson,
) -> io::Result<()> {
    use crate::corpus::sanitize::visible;
    for quote in &q.quotes {
        let Some(d) = corpus.find(&quote.doc) else {
            continue;
        };
        let doc = corpus.doc(d);
        let who = match (&quote.speaker, &quote.speaker_entity) {
            (Some(sp), e) => {
                let phrase = doc.text.get(sp.start..sp.end).unwrap_or("");
                let name = e
                    .as_ref()
                    .and_then(|k| index.entities().iter().find(|x| x.key == k))
                    .map(|x| x.name);
                match name {
                    Some(n) if n != phrase => format!("{phrase} ({n})"),
                    _ => phrase.to_string(),
                }
            }
            (None, _) => "—".to_string(),
        };
        let words: Vec<&str> = quote
            .spans
            .iter()
            .filter_map(|[s, e]| doc.text.get(*s..*e))
            .collect();
        writeln!(
            out,
            "{}:{} [{}] {}: {}",
            visible(&doc.id),
            doc.line_of(quote.start),
            quote.kind.as_str(),
            visible(&who),
            visible(&words.join(" … ").replace('\n', " "))
        )?;
    }
    Ok(())
}
