//! Rendering the article list with titles too long for their row (issue
//! 16): a long title gets a second line, broken at a word, under the title
//! and not under the number; the selected row is whole on screen wherever
//! the list scrolls to; a click on either line opens that article.

use dossier::app::{Action, App, Focus};
use dossier::corpus::{Corpus, DocId, Document};
use dossier::entity::EntityIndex;
use dossier::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A first line as 10kGNAD's texts have them: a whole sentence.
const LONG: &str = "Die Regierung in Wien hat am Dienstag nach langen Verhandlungen das neue Budget für das kommende Jahr beschlossen";

/// 30 articles: every third with a long title, the others short.
fn long_titles(w: u16, h: u16) -> App {
    let docs = (0..30)
        .map(|i| {
            let title = if i % 3 == 1 {
                format!("{LONG} ({i})")
            } else {
                format!("Kurz {i}")
            };
            let text = format!("{title}\n\nText {i}.");
            let mut d =
                Document::from_bytes(format!("d{i}"), format!("d{i}.txt").into(), text.as_bytes());
            if i == 1 {
                d.category = Some("Inland".into());
            }
            d
        })
        .collect();
    let mut app = App::new(
        Corpus::new(docs),
        EntityIndex::default(),
        Rect::new(0, 0, w, h),
    );
    app.progress.done = true;
    app.refresh();
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| ui::render(app, f, &Theme::new(true))).unwrap();
    t
}

/// The lines inside the list's border, trimmed at the end.
fn list_lines(app: &App, t: &Terminal<TestBackend>) -> Vec<String> {
    let r = app.panes().list.expect("the list is on screen");
    let buf = t.backend().buffer();
    (r.y + 1..r.bottom() - 1)
        .map(|y| {
            (r.x + 1..r.right() - 1)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The article number a list line starts with, if it starts a row.
fn number(line: &str) -> Option<usize> {
    let digits: String = line
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Checks that hold at any size: a long title's row is two lines, the
/// second indented under the title and going on where the first stops;
/// short titles take one line.
fn assert_two_line_rows(app: &App, lines: &[String]) {
    let num_w = 2;
    let mut i = 0;
    let mut seen_long = 0;
    while i < lines.len() {
        let Some(n) = number(&lines[i]) else {
            panic!("line {i} starts no row: {:?}\n{lines:#?}", lines[i]);
        };
        let title = &app.corpus.doc(DocId(n as u32 - 1)).title;
        if title.starts_with("Kurz") {
            assert!(lines[i].contains(&**title), "{}", lines[i]);
            i += 1;
            continue;
        }
        seen_long += 1;
        let Some(second) = lines.get(i + 1) else {
            break; // the last line: the view ends inside a row only below the selection
        };
        assert!(
            second.starts_with(&" ".repeat(num_w + 1)) && number(second).is_none(),
            "the second line is under the title: {second:?}"
        );
        let first: String = lines[i].chars().skip(num_w + 1).collect();
        let first = first.trim();
        assert!(title.starts_with(first), "{first:?} starts {title:?}");
        assert!(
            first.ends_with(|c: char| c.is_alphanumeric()),
            "broken at a word: {first:?}"
        );
        let rest = second.trim().trim_end_matches("Inland").trim();
        let rest = rest.trim_end_matches('…');
        assert!(
            title[first.len()..].trim_start().starts_with(rest),
            "{rest:?} goes on from {first:?}"
        );
        i += 2;
    }
    assert!(seen_long >= 2, "long titles on screen: {lines:#?}");
}

#[test]
fn long_titles_take_two_lines_at_120x40_and_80x24() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = long_titles(w, h);
        app.apply(Action::Focus(Focus::List));
        let t = draw(&app);
        let lines = list_lines(&app, &t);
        assert_two_line_rows(&app, &lines);
        assert_eq!(number(&lines[0]), Some(1));
        assert_eq!(number(&lines[1]), Some(2));
        assert_eq!(number(&lines[3]), Some(3), "article 2 took two lines");
        // The category stays at the right end of the row's last line.
        assert!(lines[2].ends_with(" Inland"), "{}", lines[2]);
        assert!(!lines[1].contains("Inland"), "{}", lines[1]);
        insta::assert_snapshot!(format!("long_titles_{w}x{h}"), t.backend());
        // Down to the last article: its two lines are the list's last.
        app.apply(Action::Bottom);
        assert_eq!(app.reader.doc, DocId(29));
        app.apply(Action::Up(1));
        assert_eq!(app.reader.doc, DocId(28), "a long title");
        let t = draw(&app);
        let lines = list_lines(&app, &t);
        assert_two_line_rows(&app, &lines);
        let at = lines.iter().position(|l| number(l) == Some(29)).unwrap();
        assert!(at + 2 < lines.len(), "both lines of the selected row shown");
        assert_eq!(number(lines.last().unwrap()), Some(30));
        // Up again row by row: the selected row always whole on screen.
        for _ in 0..28 {
            app.apply(Action::Up(1));
            let t = draw(&app);
            let lines = list_lines(&app, &t);
            let n = app.reader.doc.index() + 1;
            let at = lines
                .iter()
                .position(|l| number(l) == Some(n))
                .unwrap_or_else(|| panic!("article {n} on screen: {lines:#?}"));
            if n % 3 == 2 {
                assert!(at + 1 < lines.len(), "article {n}: both lines shown");
            }
        }
        assert_eq!(app.list.selection.offset, 0);
    }
}

#[test]
fn a_click_on_either_line_of_a_row_opens_its_article() {
    let mut app = long_titles(120, 40);
    let r = app.panes().list.unwrap();
    // Lines: 1 (one), 2 (two), 3, 4, 5 (two), …
    for (line, doc) in [
        (0, 0),
        (1, 1),
        (2, 1),
        (3, 2),
        (4, 3),
        (5, 4),
        (6, 4),
        (7, 5),
    ] {
        app.apply(Action::Click {
            x: r.x + 5,
            y: r.y + 1 + line,
        });
        assert_eq!(app.reader.doc, DocId(doc), "line {line}");
    }
}
