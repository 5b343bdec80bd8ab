//! Application state driven by actions, without a terminal, on a corpus
//! indexed by the real engine.

use dossier::app::{Action, App, Focus};
use dossier::corpus::Corpus;
use dossier::entity::Kind;
use dossier::ingest::{self, Job};
use ratatui::layout::Rect;
use std::sync::Mutex;

/// Load a folder of articles through the reader's streaming ingest into an
/// App.
fn load(dir: &std::path::Path) -> App {
    load_cached(dir, None)
}

/// [`load`] with the index caches in `cache`.
fn load_cached(dir: &std::path::Path, cache: Option<&std::path::Path>) -> App {
    let mut job = Job::discover(&[dir.to_path_buf()]);
    if let Job::Files { cache: c, .. } = &mut job {
        *c = cache.map(std::path::Path::to_path_buf);
    }
    let updates = Mutex::new(Vec::new());
    ingest::run(&job, &|u| {
        updates.lock().unwrap().push(u);
        true
    });
    let mut app = App::new(
        Corpus::default(),
        Default::default(),
        Rect::new(0, 0, 120, 40),
    );
    for u in updates.into_inner().unwrap() {
        app.on_update(u);
    }
    app
}

fn articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Treffen in Berlin\n\nDie Außenministerin Annalena Baerbock hat am Montag in Berlin den französischen Präsidenten Emmanuel Macron empfangen. Baerbock sagte, das Gespräch sei gut gewesen.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Macron reist weiter\n\nNach dem Besuch in Berlin flog Emmanuel Macron nach Warschau. Dort traf Macron den polnischen Regierungschef Donald Tusk.",
    )
    .unwrap();
    dir
}

#[test]
fn merge_and_not_entity_are_saved_and_applied_at_once() {
    let dir = articles();
    let config = tempfile::tempdir().unwrap();
    let mut app = load(dir.path());
    assert!(app.progress.done);
    app.corrector.path = Some(config.path().join("corrections.toml"));
    let find = |app: &App, name: &str| app.index.find(name);
    let macron = find(&app, "Emmanuel Macron").expect("Macron recognised");
    let berlin = find(&app, "Berlin").expect("Berlin recognised");
    assert_eq!(app.index.entity(berlin).kind, Kind::Place);
    let baerbock = find(&app, "Annalena Baerbock").expect("Baerbock recognised");
    let before = app.index.mention_count(baerbock) + app.index.mention_count(macron);

    // m on Macron, pick Baerbock by typing, Enter.
    app.apply(Action::Focus(Focus::Sidebar));
    app.selected = Some(macron);
    app.focus = Focus::Reader;
    app.apply(Action::Merge);
    for c in "baerbock".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Submit);
    // The re-link runs off the UI thread: until it is in, the old index is
    // shown (and keys are answered on it).
    assert!(app.relinking(), "{:?}", app.message);
    assert!(app.message.as_deref().unwrap().contains("re-linking"));
    app.finish_relink();
    assert!(!app.relinking());
    let merged = find(&app, "Annalena Baerbock").expect("Baerbock stays");
    assert_eq!(app.index.mention_count(merged), before, "{:?}", app.message);
    assert!(find(&app, "Emmanuel Macron").is_none_or(|id| id == merged));
    let saved = std::fs::read_to_string(config.path().join("corrections.toml")).unwrap();
    assert!(
        saved.contains("Emmanuel Macron") && saved.contains("Annalena Baerbock"),
        "{saved}"
    );

    // x on Berlin (selected, from the reader): gone at once, and saved.
    app.apply(Action::Focus(Focus::Reader));
    app.selected = find(&app, "Berlin");
    app.apply(Action::NotEntity);
    app.finish_relink();
    assert!(
        find(&app, "Berlin").is_none(),
        "Berlin is no longer an entity"
    );
    let saved = std::fs::read_to_string(config.path().join("corrections.toml")).unwrap();
    assert!(saved.contains("Berlin"));

    // A new load with the same corrections file gives the same entities.
    let again = dossier::entity::link::corrections::Corrections::load(
        &config.path().join("corrections.toml"),
    )
    .unwrap();
    assert_eq!(again.merge.len(), 1);
}

#[test]
fn a_correction_after_a_cold_or_warm_open_reads_the_analyses_from_the_cache() {
    let dir = articles();
    let cache = tempfile::tempdir().unwrap();
    let cold = load_cached(dir.path(), Some(cache.path()));
    let warm = load_cached(dir.path(), Some(cache.path()));
    assert_eq!(
        warm.index.mentions(),
        cold.index.mentions(),
        "from the cache"
    );
    // The cold open wrote the analyses to the cache once linked and let
    // them go; the warm open never read them.
    for mut app in [cold, warm] {
        let config = tempfile::tempdir().unwrap();
        let analyses = app.corrector.analyses.clone().expect("analyses to load");
        assert!(!analyses.is_loaded(), "left on disk");
        app.corrector.path = Some(config.path().join("corrections.toml"));
        app.apply(Action::Focus(Focus::Reader));
        app.selected = app.index.find("Berlin");
        assert!(app.selected.is_some());
        app.apply(Action::NotEntity);
        app.finish_relink();
        assert!(analyses.is_loaded(), "loaded by the re-link");
        assert!(app.index.find("Berlin").is_none(), "{:?}", app.message);
        assert!(app.index.find("Emmanuel Macron").is_some());
    }
}

#[test]
fn undo_puts_back_the_last_correction_in_the_file_and_the_index() {
    let dir = articles();
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("corrections.toml");
    let mut app = load(dir.path());
    app.corrector.path = Some(file.clone());
    let find = |app: &App, name: &str| app.index.find(name);
    let entities = app.index.len();
    app.apply(Action::Undo);
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));

    // m: Macron into Baerbock; then x on Berlin.
    app.focus = Focus::Reader;
    app.selected = find(&app, "Emmanuel Macron");
    app.apply(Action::Merge);
    for c in "baerbock".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Submit);
    app.finish_relink();
    assert!(find(&app, "Emmanuel Macron").is_none_or(|id| Some(id) == find(&app, "Baerbock")));
    app.apply(Action::Focus(Focus::Reader));
    app.selected = find(&app, "Berlin");
    app.apply(Action::NotEntity);
    app.finish_relink();
    assert!(find(&app, "Berlin").is_none());

    // u: Berlin is back, the merge stays.
    app.apply(Action::Undo);
    app.finish_relink();
    let berlin = find(&app, "Berlin").expect("Berlin back after undo");
    assert_eq!(app.index.entity(berlin).kind, Kind::Place);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.starts_with("undid: “Berlin” is no longer an entity"),
        "{msg}"
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        !saved.contains("Berlin") && saved.contains("Emmanuel Macron"),
        "{saved}"
    );
    assert_eq!(app.index.len(), entities - 1, "still merged");

    // u again: the merge is undone; then nothing is left to undo.
    app.apply(Action::Undo);
    app.finish_relink();
    let macron = find(&app, "Emmanuel Macron").expect("Macron on his own again");
    let baerbock = find(&app, "Annalena Baerbock").unwrap();
    assert_ne!(macron, baerbock);
    assert_eq!(app.index.len(), entities);
    assert!(std::fs::read_to_string(&file).unwrap().trim().is_empty());
    app.apply(Action::Undo);
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn a_spelling_split_off_in_the_why_view_is_saved_undone_and_merged_back() {
    use dossier::app::Mode;
    use dossier::app::why::spellings;
    let dir = articles();
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("corrections.toml");
    let mut app = load(dir.path());
    app.corrector.path = Some(file.clone());
    let find = |app: &App, name: &str| app.index.find(name);
    let macron = find(&app, "Emmanuel Macron").expect("Macron recognised");
    let all = app.index.mention_count(macron);
    let entities = app.index.len();
    assert_eq!(
        spellings(&app.index.entity(macron)),
        ["Emmanuel Macron", "Macron"]
    );

    // S opens the why view to pick the spelling; j picks "Macron"; S splits it.
    app.apply(Action::Focus(Focus::Reader));
    app.selected = Some(macron);
    app.apply(Action::Split);
    assert_eq!(app.mode, Mode::Why);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("pick the spelling")
    );
    app.apply(Action::Down(1));
    assert_eq!(app.why.unwrap().pick, 1);
    app.apply(Action::Down(5));
    assert_eq!(
        app.why.unwrap().pick,
        1,
        "the last spelling is the last pick"
    );
    app.apply(Action::Split);
    app.finish_relink();
    let full = find(&app, "Emmanuel Macron").expect("the full name stays");
    let short = find(&app, "Macron").expect("Macron on his own");
    assert_ne!(full, short, "{:?}", app.message);
    assert_eq!(app.index.len(), entities + 1);
    assert_eq!(
        app.index.mention_count(full) + app.index.mention_count(short),
        all,
        "no mention lost"
    );
    assert_eq!(spellings(&app.index.entity(full)), ["Emmanuel Macron"]);
    assert_eq!(app.mode, Mode::Why, "the why view stays open");
    assert_eq!(app.why.unwrap().entity, full, "on the entity split from");
    let saved = dossier::entity::link::corrections::Corrections::load(&file).unwrap();
    assert_eq!(saved.split.len(), 1, "saved: {saved:?}");
    assert_eq!(
        (saved.split[0].name.as_str(), saved.split[0].from.as_str()),
        ("Macron", "Emmanuel Macron")
    );
    // The entity split off cannot be split again: one spelling.
    app.apply(Action::Escape);
    app.selected = Some(short);
    app.apply(Action::Split);
    app.apply(Action::Split);
    assert!(
        app.message.as_deref().unwrap().contains("has one spelling"),
        "{:?}",
        app.message
    );
    app.apply(Action::Escape);

    // u: joined again, and the file empty.
    app.apply(Action::Undo);
    app.finish_relink();
    let one = find(&app, "Emmanuel Macron").unwrap();
    assert_eq!(find(&app, "Macron"), Some(one));
    assert_eq!(app.index.mention_count(one), all);
    assert!(std::fs::read_to_string(&file).unwrap().trim().is_empty());

    // Split again, then merge the two back: the later judgement wins.
    app.selected = Some(one);
    app.apply(Action::Split);
    app.apply(Action::Down(1));
    app.apply(Action::Split);
    app.finish_relink();
    app.apply(Action::Escape);
    assert_ne!(find(&app, "Macron"), find(&app, "Emmanuel Macron"));
    app.selected = find(&app, "Macron");
    app.apply(Action::Merge);
    for c in "emmanuel".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Submit);
    app.finish_relink();
    let merged = find(&app, "Emmanuel Macron").unwrap();
    assert_eq!(app.index.mention_count(merged), all, "{:?}", app.message);
    let saved = dossier::entity::link::corrections::Corrections::load(&file).unwrap();
    assert!(saved.split.is_empty(), "the merge replaced the split");
    assert_eq!(saved.merge.len(), 1);
}

#[test]
fn n_walks_mentions_across_articles_with_the_real_engine() {
    let dir = articles();
    let mut app = load(dir.path());
    let macron = app.index.find("Emmanuel Macron").expect("Macron");
    assert_eq!(
        app.index.doc_count(macron),
        2,
        "linked across both articles"
    );
    app.select_entity(macron);
    let mut docs = vec![app.reader.doc];
    for _ in 0..app.index.mention_count(macron) {
        app.apply(Action::NextMatch);
        docs.push(app.reader.doc);
    }
    assert!(
        docs.iter().any(|d| d.0 == 0) && docs.iter().any(|d| d.0 == 1),
        "{docs:?}"
    );
    assert_eq!(docs.first(), docs.last(), "a full round comes back");
}

/// Run as a child process by `killing_a_save_keeps_the_previous_state`: saves
/// ever larger states in a loop until killed.
#[test]
#[ignore = "a helper process for the kill test, not a test on its own"]
fn save_forever() {
    let Some(path) = std::env::var_os("DOSSIER_SAVE_FOREVER") else {
        return;
    };
    let file = dossier::reading_memory::StateFile { path: path.into() };
    let mut state = dossier::reading_memory::ReadingState::default();
    for i in 0.. {
        state.read.insert(format!("article-{i:08}"));
        state.last_doc = Some(format!("article-{i:08}"));
        file.save(&state).unwrap();
    }
}

#[test]
fn killing_a_save_keeps_the_previous_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    for round in 0..5 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "state::save_forever",
                "--test-threads",
                "1",
            ])
            .env("DOSSIER_SAVE_FOREVER", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 37 * round));
        child.kill().unwrap(); // SIGKILL, mid-write or not
        child.wait().unwrap();
        let file = dossier::reading_memory::StateFile { path: path.clone() };
        let state = file.load().expect("the state file is always whole");
        let last = state.last_doc.expect("some state was saved");
        assert_eq!(
            state.read.iter().next_back(),
            Some(&last),
            "consistent: the last article is the newest read"
        );
    }
}

#[test]
fn a_rebound_key_drives_the_app() {
    use dossier::app::Mode;
    use dossier::config::Config;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = articles();
    let mut app = load(dir.path());
    let (config, problems) = Config::parse(
        "[keys]\nnext_article = \"ctrl-t\"\ntoggle_sidebar = [\"F2\"]\n",
        "config.toml",
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.keymap = config.keys;
    let press = |app: &mut App, ev: KeyEvent| {
        if let Some(a) = app.keymap.action(app.mode, ev) {
            app.apply(a);
        }
    };
    assert_eq!(app.reader.doc.index(), 0);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL),
    );
    assert_eq!(app.reader.doc.index(), 1, "ctrl-t opened the next article");
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE),
    );
    assert_eq!(app.reader.doc.index(), 1, "] no longer does");
    assert!(app.sidebar.shown);
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE),
    );
    assert!(app.sidebar.shown, "e is unbound now");
    press(&mut app, KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert!(!app.sidebar.shown, "F2 hides the sidebar");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn layout_settings_shape_the_app() {
    use dossier::app::keymap::Keymap;
    use dossier::app::layout::Settings;
    let settings = Settings {
        list_width: 30,
        sidebar_width: 0,
        wrap_width: 50,
        sidebar_open: false,
    };
    let app = App::with_settings(
        Corpus::default(),
        Default::default(),
        Rect::new(0, 0, 160, 40),
        Keymap::default(),
        settings,
    );
    let panes = app.panes();
    assert!(!app.sidebar.shown && panes.sidebar.is_none());
    assert_eq!(panes.list.unwrap().width, 30);
    assert_eq!(panes.reader.unwrap().width, 130);
    assert_eq!(
        app.reader_text_width(),
        50,
        "wrapped narrower than the pane"
    );
}
