//! Train the German NER tagger and/or cross-validate it on GermEval 2014 dev.
//!
//! ```sh
//! # ship a model (all of GermEval dev + the open corpora):
//! cargo run --release --example train -- --ensemble 5 --out assets/model/ner-de.bin
//! # 5-fold cross-validation over GermEval dev (train on 4 folds + open corpora):
//! cargo run --release --example train -- --ensemble 5 --cv 5
//! ```
//! Options: `--corpora DIR` (default `../shared/corpora` beside the crate), `--epochs N`,
//! `--bits B`, `--dev-repeat N` (GermEval dev seen N times per epoch), `--dev-only` (no extra corpora), `--no-other-class` (train OTH as O),
//! `--o-penalty P` (O penalty of the cross-validated models), `--seed S` (shuffling seed),
//! `--domain-copies` (private feature copies for the other corpora), `--ensemble N` (average
//! the weights of N models trained with different shuffling seeds), `--cv-errors FILE`
//! (write every cross-validation error, sorted by kind), `--without NAME` (leave out the
//! corpus files whose path contains NAME; repeatable), `--historical` (add the Europeana
//! historical newspapers with private feature copies).

use dossier::entity::eval::conll::{Sentence, SpanScores};
use dossier::entity::eval::train::{self, TrainOptions};
use dossier::entity::kind::Kind;
use dossier::entity::ner::tag::Tag;
use dossier::entity::ner::tag::spans;
use std::path::PathBuf;
use std::time::Instant;

fn print_scores(label: &str, s: &SpanScores) {
    println!(
        "{label}: typed P {:.3} R {:.3} F1 {:.3} | untyped P {:.3} R {:.3} F1 {:.3}",
        s.typed.precision(),
        s.typed.recall(),
        s.typed.f1(),
        s.untyped.precision(),
        s.untyped.recall(),
        s.untyped.f1()
    );
    for k in [Kind::Person, Kind::Place, Kind::Organization] {
        let c = s.kind(k);
        println!(
            "  {:<13} P {:.3} R {:.3} F1 {:.3} (gold {})",
            k.as_str(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp + c.fn_
        );
    }
}

/// Every held-out span the model got wrong, sorted into kinds of error
/// (wrong kind, wrong boundary, missed, spurious), with counts first.
fn error_report(dev: &[Sentence], predicted: &[Vec<Tag>]) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lines = String::new();
    for (s, pred) in dev.iter().zip(predicted) {
        let gold = spans(&s.tags);
        let pred = spans(pred);
        let text = |r: &std::ops::Range<usize>| s.tokens[r.clone()].join(" ");
        let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a.start < b.end && b.start < a.end
        };
        for (r, k) in &gold {
            if pred.iter().any(|(p, pk)| p == r && pk == k) {
                continue;
            }
            let (class, what) = if let Some((_, pk)) = pred.iter().find(|(p, _)| p == r) {
                ("kind", format!("{} as {}", k.as_str(), pk.as_str()))
            } else if let Some((p, pk)) = pred.iter().find(|(p, _)| overlaps(p, r)) {
                let what = format!("{} -> {} [{}]", k.as_str(), pk.as_str(), text(p));
                ("bounds", what)
            } else {
                ("missed", k.as_str().to_string())
            };
            *counts.entry(class).or_default() += 1;
            let _ = writeln!(
                lines,
                "{class:<7} {what}: [{}] in: {}",
                text(r),
                s.tokens.join(" ")
            );
        }
        for (p, pk) in &pred {
            if gold.iter().any(|(g, _)| overlaps(g, p)) {
                continue;
            }
            *counts.entry("spurious").or_default() += 1;
            let _ = writeln!(
                lines,
                "spurious {}: [{}] in: {}",
                pk.as_str(),
                text(p),
                s.tokens.join(" ")
            );
        }
    }
    let mut out = String::new();
    for (k, n) in counts {
        let _ = writeln!(out, "{k}: {n}");
    }
    out + &lines
}

fn main() -> anyhow::Result<()> {
    let mut corpora = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"));
    let mut out: Option<PathBuf> = None;
    let mut cv: Option<usize> = None;
    let mut opts = TrainOptions::default();
    let mut dev_only = false;
    let mut cv_errors: Option<PathBuf> = None;
    let mut without: Vec<String> = Vec::new();
    let mut historical = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--corpora" => corpora = PathBuf::from(val()?),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--cv" => cv = Some(val()?.parse()?),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--bits" => opts.bits = val()?.parse()?,
            "--dev-repeat" => opts.in_domain_repeat = val()?.parse()?,
            "--dev-only" => dev_only = true,
            "--no-gold-names" => opts.gold_names = false,
            "--gold-names" => opts.gold_names = true,
            "--no-other-class" => opts.other_class = false,
            "--o-penalty" => opts.o_penalty = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--domain-copies" => opts.domain_copies = true,
            "--ensemble" => opts.ensemble = val()?.parse()?,
            "--cv-errors" => cv_errors = Some(PathBuf::from(val()?)),
            "--without" => without.push(val()?),
            "--historical" => historical = true,
            other => anyhow::bail!("unknown argument {other:?}"),
        }
    }
    let dev = dossier::entity::eval::conll::read(&corpora.join(train::GERMEVAL_DEV))?;
    let extra = if dev_only {
        train::OtherCorpora::default()
    } else {
        let historical: &[train::CorpusFile] = if historical {
            train::HISTORICAL_CORPORA
        } else {
            &[]
        };
        let files: Vec<train::CorpusFile> = train::OPEN_CORPORA
            .iter()
            .chain(historical)
            .filter(|f| !without.iter().any(|w| f.path.contains(w.as_str())))
            .cloned()
            .collect();
        train::load_corpora(&corpora, &files, &dev)?
    };
    let tokens: usize = dev.iter().chain(extra.iter()).map(|s| s.tokens.len()).sum();
    println!(
        "GermEval dev {} sentences, extra {} sentences ({} with private copies), {tokens} tokens; {opts:?}",
        dev.len(),
        extra.len(),
        extra.private.len()
    );
    if let Some(k) = cv {
        let t = Instant::now();
        let report = train::cross_validate(&dev, &extra, k, &opts)?;
        for (i, f) in report.folds.iter().enumerate() {
            println!(
                "fold {i}: typed F1 {:.3} untyped F1 {:.3}",
                f.typed.f1(),
                f.untyped.f1()
            );
        }
        print_scores(&format!("{k}-fold CV"), &report.total);
        println!("cross-validation took {:.1} s", t.elapsed().as_secs_f64());
        if let Some(path) = &cv_errors {
            std::fs::write(path, error_report(&dev, &report.predicted))?;
            println!("errors by kind written to {}", path.display());
        }
    }
    if let Some(path) = out {
        let t = Instant::now();
        let model = train::train_weighted(&dev, &extra, &opts)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, model.as_bytes())?;
        println!(
            "wrote {} ({} bytes) in {:.1} s",
            path.display(),
            model.as_bytes().len(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
