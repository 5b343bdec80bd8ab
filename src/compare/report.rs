//! The plain-text comparison report (`dossier compare A B --format text`).

use super::{Comparison, EntityCount, FigureDiff, Relation};
use std::fmt::Write;

fn entity_list(out: &mut String, heading: &str, list: &[EntityCount], both: bool) {
    let _ = writeln!(out, "{heading} ({}):", list.len());
    if list.is_empty() {
        let _ = writeln!(out, "  –");
        return;
    }
    let items: Vec<String> = list
        .iter()
        .map(|e| {
            if both {
                format!("{} ({}/{})", e.name, e.left, e.right)
            } else {
                format!("{} ({})", e.name, e.left.max(e.right))
            }
        })
        .collect();
    let _ = writeln!(out, "  {}", items.join(", "));
}

fn figure_pairs(out: &mut String, heading: &str, list: &[FigureDiff]) {
    let _ = writeln!(out, "{heading} ({}):", list.len());
    if list.is_empty() {
        let _ = writeln!(out, "  –");
    }
    for (k, d) in list.iter().enumerate() {
        let label = match d.relation {
            Relation::Same => "same",
            Relation::Contradicts => "contradicts",
            Relation::Differs => "differs",
            Relation::MorePrecise => "more precise",
        };
        let _ = writeln!(
            out,
            "  {}. {}  |  {}  [{label}]",
            k + 1,
            d.left.figure.text,
            d.right.figure.text
        );
        let _ = writeln!(out, "     {}", d.why);
        let _ = writeln!(
            out,
            "     left  (line {}): {}",
            d.left.line, d.left.sentence
        );
        let _ = writeln!(
            out,
            "     right (line {}): {}",
            d.right.line, d.right.sentence
        );
    }
}

/// The comparison as plain text: the two reports, the entity strip, the
/// figures that differ and those that agree, each with both sentences.
pub fn text_report(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Left:  {} – {}", c.left.id, c.left.title);
    let _ = writeln!(out, "Right: {} – {}", c.right.id, c.right.title);
    let _ = writeln!(out);
    entity_list(
        &mut out,
        "Shared entities (left/right)",
        &c.entities.shared,
        true,
    );
    entity_list(&mut out, "Only left", &c.entities.only_left, false);
    entity_list(&mut out, "Only right", &c.entities.only_right, false);
    let _ = writeln!(out);
    figure_pairs(&mut out, "Figures that differ", &c.differences);
    let _ = writeln!(out);
    figure_pairs(&mut out, "Figures that agree", &c.agreements);
    let _ = writeln!(
        out,
        "\n{} figures left, {} right; {} matched.",
        c.figure_counts.0,
        c.figure_counts.1,
        c.differences.len() + c.agreements.len()
    );
    out
}
