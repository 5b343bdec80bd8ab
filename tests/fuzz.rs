//! Property tests with many random cases: article parsing, wrapping, search
//! and rendering at random sizes never panic, and offsets survive. The number
//! of cases is bounded so CI stays within its time (PROPTEST_CASES raises it).

use dossier::app::{Action, App, Focus};
use dossier::corpus::{Corpus, Document};
use dossier::entity::pipeline;
use dossier::ui::{self, theme::Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Bytes that look like hostile articles: text, umlauts, escapes, controls,
/// invalid UTF-8, wide characters, line ends.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b"Der ".to_vec()),
        Just("Präsident Müller ".as_bytes().to_vec()),
        Just(b"Kim Jong-un ".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\x1b[31m".to_vec()),
        Just(b"\x1b]52;c;AAAA\x07".to_vec()),
        Just("\u{9b}\u{202e}\u{2066}\u{ad}\u{200b}".as_bytes().to_vec()),
        Just("東京 👍🏽 é".as_bytes().to_vec()),
        Just(vec![0xff, 0xfe, 0xc3]),
        Just(b"  1. Startseite\n".to_vec()),
        Just("© picture alliance/dpa".as_bytes().to_vec()),
        Just(b"Donaudampfschifffahrtsgesellschaft ".to_vec()),
        prop::collection::vec(any::<u8>(), 0..12),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Cases per property: `PROPTEST_CASES`, or `default` (what CI runs).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1000), .. ProptestConfig::default() })]

    #[test]
    fn documents_keep_offsets_and_hide_controls(bytes in article_bytes()) {
        let d = Document::from_bytes("x".into(), "x.txt".into(), &bytes);
        prop_assert_eq!(d.text.len(), bytes.len());
        prop_assert!(d.text.chars().all(|c| c == '\n' || !dossier::corpus::sanitize::is_unsafe(c)));
        prop_assert!(!d.title.chars().any(|c| c.is_control()));
        for h in &d.hidden {
            prop_assert!(h.start <= h.end && h.end <= d.text.len());
        }
        for m in &pipeline::recognize(&d) {
            prop_assert!(d.text.is_char_boundary(m.span.start) && d.text.is_char_boundary(m.span.end));
            prop_assert!(m.span.start < m.span.end);
        }
        let a = pipeline::analyse(&d);
        for m in a.mentions() {
            prop_assert_eq!(&d.text[m.span()], m.surface.as_str());
        }
    }

    #[test]
    fn wrapping_covers_text_in_order(bytes in article_bytes(), width in 0usize..50) {
        let d = Document::from_bytes("x".into(), "x.txt".into(), &bytes);
        let w = dossier::wrap::wrap(&d.text, &d.hidden, width);
        let mut last = 0;
        for l in &w.lines {
            prop_assert!(l.range.start >= last, "lines go forward");
            prop_assert!(d.text.is_char_boundary(l.range.start) && d.text.is_char_boundary(l.range.end));
            last = l.range.end;
        }
    }

    #[test]
    fn search_hits_are_valid_ranges(bytes in article_bytes(), q in "[a-zäöüß ]{1,6}") {
        let d = Document::from_bytes("x".into(), "x.txt".into(), &bytes);
        for r in dossier::search::find_in(&d.text, &q) {
            prop_assert!(r.start < r.end && r.end <= d.text.len());
            prop_assert!(d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), .. ProptestConfig::default() })]

    #[test]
    fn rendering_at_random_sizes_never_panics(
        docs in prop::collection::vec(article_bytes(), 1..4),
        w in 1u16..140,
        h in 1u16..50,
        keys in prop::collection::vec(0usize..14, 0..25),
    ) {
        let docs: Vec<Document> = docs
            .iter()
            .enumerate()
            .map(|(i, b)| Document::from_bytes(format!("d{i}"), format!("d{i}.txt").into(), b))
            .collect();
        let corpus = Corpus::new(docs);
        let index = pipeline::extract(&corpus);
        let mut app = App::new(corpus, index, Rect::new(0, 0, w, h));
        app.progress.done = true;
        let actions = [
            Action::Down(1), Action::Up(1), Action::FocusNext, Action::Enter, Action::NextMatch,
            Action::PrevMatch, Action::NextArticle, Action::Bottom, Action::ToggleHelp,
            Action::ToggleScope, Action::ToggleSidebar, Action::Focus(Focus::Sidebar),
            Action::Resize(w / 2 + 1, h), Action::Escape,
        ];
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        for k in keys {
            app.apply(actions[k].clone());
            let size = app.area;
            t.backend_mut().resize(size.width, size.height);
            t.draw(|f| ui::render(&app, f, &Theme::new(true))).unwrap();
        }
    }
}
