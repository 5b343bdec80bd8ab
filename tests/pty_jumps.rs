//! End-to-end test of the jump history (issue 16) in a pseudo-terminal:
//! `Ctrl-o`, `Ctrl-n` and `''` over jumps made with `Enter` on an entity and
//! `n` into another article, each step checked on the screen.

use crate::pty::{article_number, seeds_with_kim_selected};

/// The "mention i/M" of the status bar.
fn mention_ordinal(screen: &str) -> Option<String> {
    let at = screen.find("mention ")? + "mention ".len();
    let rest = &screen[at..];
    let end = rest
        .find(|c: char| c != '/' && !c.is_ascii_digit())
        .unwrap_or(rest.len());
    (end > 0).then(|| format!("mention {}", &rest[..end]))
}

#[test]
fn ctrl_o_ctrl_n_and_quote_quote_walk_the_jump_history() {
    // Enter on an entity in the sidebar (found by its filter).
    let (mut s, first) = seeds_with_kim_selected();
    let start = article_number(&first).expect("article number");
    let start_mention = mention_ordinal(&first).expect("a mention");
    // n until the reader goes into another article: a jump.
    let mut moved = None;
    for _ in 0..60 {
        s.send("n");
        let t = s.settle();
        if article_number(&t) != Some(start) {
            moved = Some(t);
            break;
        }
    }
    let there = moved.expect("n went into another article");
    let other = article_number(&there).unwrap();
    let other_mention = mention_ordinal(&there).unwrap();
    let place = |t: &str| (article_number(t), mention_ordinal(t));
    // Ctrl-o: back to the article n left, at the mention it left.
    s.send("\x0f");
    let back = s.wait_for(5, "Ctrl-o", |t| article_number(t) != Some(other));
    let left = place(&back);
    assert_eq!(left.0, Some(start), "back in the first article:\n{back}");
    assert_ne!(left.1, Some(other_mention.clone()));
    // Ctrl-n (vim's Ctrl-i; terminals send Ctrl-i as Tab): forward again.
    s.send("\x0e");
    let fwd = s.wait_for(5, "Ctrl-n", |t| article_number(t) == Some(other));
    assert_eq!(
        place(&fwd),
        (Some(other), Some(other_mention.clone())),
        "{fwd}"
    );
    s.send("\x0e");
    let end = s.wait_for(5, "the end of the history", |t| t.contains("no later jump"));
    assert_eq!(place(&end).0, Some(other));
    // '' back to where the jump left, '' again here.
    s.send("''");
    let q = s.wait_for(5, "''", |t| article_number(t) == Some(start));
    assert_eq!(place(&q), left, "{q}");
    s.send("''");
    let q = s.wait_for(5, "'' again", |t| article_number(t) == Some(other));
    assert_eq!(place(&q), (Some(other), Some(other_mention)), "{q}");
    // '' is a jump too: Ctrl-o goes back to where it left, then to where
    // Enter found the reader if Enter jumped (the entity's first mention
    // was in another article), and then there is no earlier jump.
    s.send("\x0f");
    let t = s.wait_for(5, "Ctrl-o after ''", |t| article_number(t) == Some(start));
    assert_eq!(place(&t), left, "{t}");
    if start != 1 {
        s.send("\x0f");
        s.wait_for(5, "where Enter left", |t| article_number(t) == Some(1));
    }
    s.send("\x0f");
    s.wait_for(5, "the start of the history", |t| {
        t.contains("no earlier jump")
    });
    assert!(start_mention.starts_with("mention "), "{start_mention}");
    s.send("q");
    assert!(s.wait_exit(10).success());
}
