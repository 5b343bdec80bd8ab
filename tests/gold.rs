//! The entity engine over the bundled reports, scored against the gold file
//! (a copy of shared/gold/seeds.json) by the same code as `dossier eval`.

use dossier::corpus::{Corpus, seeds};
use dossier::entity::{eval, json, pipeline};

#[test]
fn the_engine_meets_the_seeds_targets() {
    let gold = eval::Gold::parse(include_str!("data/seeds-gold.json")).expect("gold file");
    let corpus = Corpus::new(seeds::documents());
    let index = pipeline::extract(&corpus);
    let score = eval::score(&gold, &json::output(&corpus, &index));
    let report = format!("{score:#}");
    assert!(score.f1 >= 0.98, "mention F1 {:.3}\n{report}", score.f1);
    assert!(
        score.typed_recall >= 0.95,
        "typed recall {:.3}\n{report}",
        score.typed_recall
    );
    assert!(
        score.b3_f1 >= 0.98,
        "B-cubed F1 {:.3}\n{report}",
        score.b3_f1
    );
    assert_eq!((score.splits, score.merges), (0, 0), "{report}");
}

#[test]
fn the_cli_scores_the_same_as_the_library() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "eval",
            "--gold",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds-gold.json"),
        ])
        .env("DOSSIER_NO_CACHE", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for label in ["mentions", "typed", "linking", "split", "merged"] {
        assert!(text.contains(label), "{label} in {text}");
    }
    let gold = eval::Gold::parse(include_str!("data/seeds-gold.json")).unwrap();
    let corpus = Corpus::new(seeds::documents());
    let score = eval::score(&gold, &json::output(&corpus, &pipeline::extract(&corpus)));
    assert!(text.contains(&format!("F1 {:.3}", score.b3_f1)), "{text}");
}
