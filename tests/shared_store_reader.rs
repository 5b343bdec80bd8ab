//! The reader over a shared store, in-process: two readers (two `App`s,
//! each with its own session) on one shared corpus, corrections seen by
//! the other through `LISTEN`/`NOTIFY`, search through the German
//! full-text index, the reading state per user, and the server stopped
//! and started again under an open reader. Skipped without
//! `DOSSIER_TEST_PG`, as the other shared-store tests.

use super::{Database, Env, server, through_the_store};
use dossier::app::shared::StoreReader;
use dossier::app::{Action, App, Focus};
use dossier::corpus::Corpus;
use dossier::text::fold::fold_to_base as fold;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Two reports on one visit, a third on another city.
fn articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Treffen in Berlin\n\nDie Außenministerin Annalena Baerbock hat am Montag in Berlin den \
         französischen Präsidenten Emmanuel Macron empfangen. Baerbock sagte, der Besuch sei gut \
         gewesen.",
        "Macron reist weiter\n\nNach dem Besuch in Berlin flog Emmanuel Macron nach Warschau. \
         Dort traf Macron den polnischen Regierungschef Donald Tusk.",
        "Neue Häuser in Kassel\n\nIn Kassel entstehen neue Häuser. Der Bürgermeister Felix Brandt \
         sprach von einem guten Haus für alle.",
    ];
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("r{i}.txt")), t).unwrap();
    }
    dir
}

/// A reader over the store at `url`, as `dossier URL` opens it (the
/// analyses read at once).
fn open(url: &str) -> App {
    let (reader, analyses) = StoreReader::open(url, Box::new(|| {})).expect("open the store");
    let mut app = App::new(
        Corpus::default(),
        Default::default(),
        Rect::new(0, 0, 120, 40),
    );
    reader.install(&mut app);
    app.on_update(analyses.load());
    app.finish_relink();
    app
}

/// Poll `app`'s store until `done` holds (re-links finished as they
/// come); how long it took. Fails after `within`.
fn poll_until(
    app: &mut App,
    within: Duration,
    what: &str,
    done: impl Fn(&App) -> bool,
) -> Duration {
    let started = Instant::now();
    loop {
        app.poll_store();
        app.finish_relink();
        if done(app) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "waited {within:?} for {what}; status: {:?} / {:?}",
            app.offline,
            app.message
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The screen `app` draws (the real drawing code, through ratatui's
/// TestBackend).
fn screen(app: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.area.width,
        app.area.height,
    ))
    .unwrap();
    let theme = dossier::ui::theme::Theme::new(false);
    t.draw(|f| dossier::ui::render(app, f, &theme)).unwrap();
    t.backend().to_string()
}

/// Merge Macron into Baerbock from `app`, as a user does (`m`, a name,
/// Enter).
fn merge_macron_into_baerbock(app: &mut App) {
    app.focus = Focus::Reader;
    app.selected = app.index.find("Emmanuel Macron");
    assert!(app.selected.is_some(), "Macron recognised");
    app.apply(Action::Merge);
    for c in "baerbock".chars() {
        app.apply(Action::Input(c));
    }
    app.apply(Action::Submit);
    app.finish_relink();
}

fn merged(app: &App) -> bool {
    let (m, b) = (
        app.index.find("Emmanuel Macron"),
        app.index.find("Annalena Baerbock"),
    );
    b.is_some() && m == b
}

fn apart(app: &App) -> bool {
    let (m, b) = (
        app.index.find("Emmanuel Macron"),
        app.index.find("Annalena Baerbock"),
    );
    m.is_some() && b.is_some() && m != b
}

/// Set up a shared corpus of [`articles`] in `db`.
fn shared_corpus(env: &Env, db: &Database) -> tempfile::TempDir {
    let dir = articles();
    through_the_store(env, db, &[&dir.path().to_string_lossy()]);
    dir
}

#[test]
fn a_merge_in_one_reader_appears_in_the_other_within_a_second() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "two_readers");
    let _dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    let mut b = open(&db.url);
    assert_eq!(a.corpus.len(), 3);
    assert!(apart(&a) && apart(&b));
    // The three panes, over the store.
    let shown = screen(&a);
    for seen in [
        "Treffen in Berlin",
        "Macron reist weiter",
        "Annalena Baerbock",
        "Article 1/3",
    ] {
        assert!(shown.contains(seen), "{seen} not on screen:\n{shown}");
    }

    merge_macron_into_baerbock(&mut a);
    assert!(merged(&a), "{:?}", a.message);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("shared in postgres://"),
        "{:?}",
        a.message
    );
    let took = poll_until(&mut b, Duration::from_secs(1), "the merge in b", merged);
    eprintln!("the merge reached the other reader in {took:?}");
    let (author, kind): (String, String) = {
        let row = db
            .client()
            .query_one("SELECT author, kind FROM corrections", &[])
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!((author.as_str(), kind.as_str()), ("postgres", "merge"));

    // A reader opened now shows it too (the correction is newer than the
    // link), and so does `dossier link`.
    let c = open(&db.url);
    assert!(merged(&c));

    // An undo is another row; every reader re-links without the merge.
    a.apply(Action::Undo);
    poll_until(&mut a, Duration::from_secs(2), "the undo in a", apart);
    poll_until(&mut b, Duration::from_secs(2), "the undo in b", apart);
    assert_eq!(db.count("SELECT count(*) FROM corrections"), 2);
    assert_eq!(
        db.count("SELECT count(*) FROM corrections WHERE kind = 'undo'"),
        1
    );

    // "Not an entity" from b reaches a.
    b.focus = Focus::Reader;
    b.selected = b.index.find("Warschau");
    assert!(b.selected.is_some(), "Warschau recognised");
    b.apply(Action::NotEntity);
    b.finish_relink();
    assert!(b.index.find("Warschau").is_none());
    poll_until(&mut a, Duration::from_secs(1), "not-an-entity in a", |a| {
        a.index.find("Warschau").is_none()
    });
}

/// Split "Macron" off "Emmanuel Macron" from `app`, as a user does (`S`
/// opens the why view, `j` picks the spelling, `S` splits it).
fn split_macron(app: &mut App) {
    app.focus = Focus::Reader;
    app.selected = app.index.find("Emmanuel Macron");
    assert!(app.selected.is_some(), "Macron recognised");
    app.apply(Action::Split);
    app.apply(Action::Down(1));
    app.apply(Action::Split);
    app.finish_relink();
    app.apply(Action::Escape);
}

/// Whether "Macron" and "Emmanuel Macron" are two entities.
fn split_apart(app: &App) -> bool {
    let (short, full) = (app.index.find("Macron"), app.index.find("Emmanuel Macron"));
    short.is_some() && full.is_some() && short != full
}

fn joined(app: &App) -> bool {
    let full = app.index.find("Emmanuel Macron");
    full.is_some() && app.index.find("Macron") == full
}

#[test]
fn a_split_in_one_reader_appears_in_the_other_within_a_second() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "split_readers");
    let _dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    let mut b = open(&db.url);
    assert!(joined(&a) && joined(&b));
    let entities = a.index.len();

    split_macron(&mut a);
    assert!(split_apart(&a), "{:?}", a.message);
    assert_eq!(a.index.len(), entities + 1, "only Macron left the entity");
    assert!(a.index.find("Annalena Baerbock").is_some());
    let took = poll_until(
        &mut b,
        Duration::from_secs(1),
        "the split in b",
        split_apart,
    );
    eprintln!("the split reached the other reader in {took:?}");
    let row = db
        .client()
        .query_one("SELECT kind, subject, target FROM corrections", &[])
        .unwrap();
    let row: (String, String, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        row,
        ("split".into(), "Macron".into(), "Emmanuel Macron".into())
    );
    // A reader opened now, and `dossier link`, apply it too.
    assert!(split_apart(&open(&db.url)));

    // Undo: one entity again, in both readers.
    a.apply(Action::Undo);
    poll_until(&mut a, Duration::from_secs(2), "the undo in a", joined);
    poll_until(&mut b, Duration::from_secs(2), "the undo in b", joined);

    // Split again from b, then merge the two back from a: the later
    // judgement wins, in both readers and in `dossier link`.
    split_macron(&mut b);
    poll_until(
        &mut a,
        Duration::from_secs(1),
        "the second split in a",
        split_apart,
    );
    a.focus = Focus::Reader;
    a.selected = a.index.find("Macron");
    a.apply(Action::Merge);
    for c in "emmanuel".chars() {
        a.apply(Action::Input(c));
    }
    a.apply(Action::Submit);
    a.finish_relink();
    assert!(joined(&a), "{:?}", a.message);
    poll_until(
        &mut b,
        Duration::from_secs(1),
        "the merge after the split in b",
        joined,
    );
    env.ok(&["link", &db.url]);
    assert!(joined(&open(&db.url)));
}

#[test]
fn a_new_link_with_new_articles_appears_in_an_open_reader() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "new_link");
    let dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    assert_eq!(a.corpus.len(), 3);
    a.focus = Focus::Reader;
    a.selected = a.index.find("Emmanuel Macron");
    assert!(a.selected.is_some());
    assert!(a.index.find("Olaf Scholz").is_none());

    // A colleague adds an article, a worker analyses it, and links.
    let more = tempfile::tempdir().unwrap();
    std::fs::write(
        more.path().join("r3.txt"),
        "Scholz in Kassel\n\nBundeskanzler Olaf Scholz besuchte Kassel. Scholz lobte die neuen \
         Häuser, Emmanuel Macron schickte einen Gruß.",
    )
    .unwrap();
    env.ok(&["ingest", &db.url, &more.path().to_string_lossy()]);
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    env.ok(&["link", &db.url]);
    let took = poll_until(&mut a, Duration::from_secs(2), "the new link in a", |a| {
        a.corpus.len() == 4 && a.index.find("Olaf Scholz").is_some()
    });
    eprintln!("the new link reached the open reader in {took:?}");
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("linked again: 1 new article"),
        "{:?}",
        a.message
    );
    // The selection follows its entity into the new index, which counts
    // the new article's mention.
    let macron = a.selected.expect("still selected");
    assert_eq!(a.index.entity(macron).name, "Emmanuel Macron");
    assert_eq!(a.index.doc_count(macron), 3);
    // Search and corrections work over the new article too.
    let plan = a.searcher.plan("Bundeskanzler").unwrap();
    assert_eq!(plan.docs, Some(vec![dossier::corpus::DocId(3)]));
    a.selected = a.index.find("Olaf Scholz");
    a.apply(Action::NotEntity);
    a.finish_relink();
    assert!(a.index.find("Olaf Scholz").is_none(), "{:?}", a.message);
    assert_eq!(a.corpus.len(), 4);
    drop(dir);
}

#[test]
fn search_goes_through_the_german_full_text_index() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "search");
    let _dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    let search = |a: &mut App, q: &str| {
        a.search.query = q.into();
        a.run_search();
        while a.busy() {
            a.search_more();
        }
        a.search
            .hits
            .iter()
            .map(|h| {
                let d = a.corpus.doc(h.doc);
                (d.id.to_string(), d.text[h.range.clone()].to_string())
            })
            .collect::<Vec<_>>()
    };
    // A stem finds its inflected forms, in the articles the index names.
    let hits = search(&mut a, "Häusern");
    assert!(!hits.is_empty(), "{:?}", a.message);
    assert!(hits.iter().all(|(id, _)| id == "r2"), "{hits:?}");
    let words: Vec<&str> = hits.iter().map(|(_, w)| w.as_str()).collect();
    assert!(
        words.contains(&"Häuser") && words.contains(&"Haus"),
        "{words:?}"
    );
    // "Besuche" finds "Besuch" in two articles, and nothing else.
    let hits = search(&mut a, "Besuche");
    let mut docs: Vec<&str> = hits.iter().map(|(id, _)| id.as_str()).collect();
    docs.dedup();
    assert_eq!(docs, vec!["r0", "r1"]);
    assert!(
        hits.iter().all(|(_, w)| fold(w).starts_with("besuch")),
        "{hits:?}"
    );
    // A word no article has: no match, said.
    assert!(search(&mut a, "Zeppelin").is_empty());
    assert_eq!(a.message.as_deref(), Some("no match for “Zeppelin”"));
    // Only stop words: the words as typed, everywhere.
    let hits = search(&mut a, "der");
    assert!(!hits.is_empty());
}

#[test]
fn the_reading_state_is_kept_per_user_in_the_store() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "reading_state");
    let _dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    let last = a.corpus.find("r2").unwrap();
    a.open(last);
    a.save_state();
    assert!(a.message.is_none(), "{:?}", a.message);
    assert_eq!(
        db.count(
            "SELECT count(*) FROM reading_state WHERE reader = 'postgres' AND read_at IS NOT NULL"
        ),
        2,
        "the first article (opened at start) and r2"
    );
    let b = open(&db.url);
    assert_eq!(b.reader.doc, last, "reopened where the user left");
    assert!(b.memory.is_read("r2") && !b.memory.is_read("r1"));
}

#[test]
fn a_reader_is_refused_while_articles_wait_or_linking_is_stale() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "refused");
    let dir = articles();
    env.ok(&["ingest", &db.url, &dir.path().to_string_lossy()]);
    let e = StoreReader::open(&db.url, Box::new(|| {}))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("not analysed yet") && e.contains("dossier worker"),
        "{e}"
    );
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    let e = StoreReader::open(&db.url, Box::new(|| {}))
        .unwrap_err()
        .to_string();
    assert!(e.contains("dossier link"), "{e}");
}

/// A PostgreSQL cluster of this test's own (to stop and start under a
/// reader without disturbing the other tests), stopped on drop.
struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// Whether it serves TLS (with a self-signed certificate).
    ssl: bool,
}

impl Cluster {
    fn pg(&self, tool: &str, args: &[&str]) -> bool {
        let tool = self.bin.join(tool);
        let mut c = if unsafe { libc::geteuid() } == 0 {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(tool);
            c
        } else {
            Command::new(tool)
        };
        c.args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn data(&self) -> String {
        self.dir.path().join("data").to_string_lossy().into_owned()
    }

    fn start(&self) -> bool {
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories={} -p {}{}",
            self.dir.path().display(),
            self.port,
            if self.ssl { " -c ssl=on" } else { "" }
        );
        let log = self.dir.path().join("log").to_string_lossy().into_owned();
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                &log,
                "-w",
                "-t",
                "30",
                "start",
                "-o",
                &opts,
            ],
        )
    }

    /// A self-signed certificate and its key where the server looks for
    /// them (server.crt, server.key in the data directory), readable by
    /// the server only.
    fn certificate(&self) -> bool {
        let data = Path::new(&self.data()).to_path_buf();
        let (crt, key) = (data.join("server.crt"), data.join("server.key"));
        let made = Command::new("openssl")
            .args([
                "req",
                "-new",
                "-x509",
                "-days",
                "1",
                "-nodes",
                "-subj",
                "/CN=localhost",
            ])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&crt)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            return false;
        }
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600));
        if unsafe { libc::geteuid() } == 0 {
            let _ = Command::new("chown")
                .arg("postgres")
                .arg(&key)
                .arg(&crt)
                .status();
        }
        true
    }

    fn stop(&self) -> bool {
        self.pg(
            "pg_ctl",
            &["-D", &self.data(), "-m", "fast", "-w", "-t", "30", "stop"],
        )
    }

    /// A fresh cluster on `port`, started; `None` (said) when PostgreSQL's
    /// programs are missing or it does not start.
    fn new(port: u16) -> Option<Cluster> {
        Cluster::make(port, false)
    }

    /// [`Cluster::new`] serving TLS with a self-signed certificate made
    /// here (`None`, said, without openssl).
    fn with_tls(port: u16) -> Option<Cluster> {
        Cluster::make(port, true)
    }

    fn make(port: u16, ssl: bool) -> Option<Cluster> {
        let bin = Path::new("/usr/lib/postgresql/15/bin");
        if !bin.join("initdb").exists() {
            eprintln!("no PostgreSQL 15 programs: the restart test is skipped");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        if unsafe { libc::geteuid() } == 0 {
            let _ = Command::new("chown")
                .args(["postgres"])
                .arg(dir.path())
                .status();
        }
        let c = Cluster {
            dir,
            bin: bin.to_path_buf(),
            port,
            ssl,
        };
        if !c.pg(
            "initdb",
            &["-D", &c.data(), "-A", "trust", "-U", "postgres"],
        ) {
            eprintln!("initdb failed: the test of a cluster of its own is skipped");
            return None;
        }
        if ssl && !c.certificate() {
            eprintln!("no certificate could be made (openssl): the TLS test is skipped");
            return None;
        }
        if !c.start() {
            eprintln!(
                "could not start a cluster of its own on port {port}: the restart test is skipped"
            );
            return None;
        }
        Some(c)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.pg(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
    }
}

#[test]
fn the_server_stopped_and_started_under_an_open_reader_loses_no_correction() {
    if server().is_none() {
        return;
    }
    let port = std::env::var("DOSSIER_TEST_PG_SPARE_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(54337);
    let Some(cluster) = Cluster::new(port) else {
        return;
    };
    let admin = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    let env = Env::new();
    let db = Database::new(&admin, "restart");
    let _dir = shared_corpus(&env, &db);
    let mut a = open(&db.url);
    let mut b = open(&db.url);
    assert!(apart(&a));
    // An idle worker too.
    let sessions = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()";
    let before = db.count(sessions);
    let worker_log = tempfile::NamedTempFile::new().unwrap();
    let mut worker = env
        .command(&["worker", "--threads", "1", &db.url])
        .stderr(worker_log.reopen().unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while db.count(sessions) <= before {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the worker waits: {:?} {}",
            worker.try_wait(),
            std::fs::read_to_string(worker_log.path()).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Connected: let it find the queue empty and wait.
    std::thread::sleep(Duration::from_millis(500));

    assert!(cluster.stop(), "the server stops");
    poll_until(
        &mut a,
        Duration::from_secs(10),
        "the reader to notice",
        |a| a.offline.is_some(),
    );
    let offline = a.offline.clone().unwrap();
    assert!(
        offline.contains("out of reach") && offline.contains("reconnecting"),
        "{offline}"
    );
    let shown = screen(&a);
    assert!(shown.contains("⚠ offline:"), "{shown}");
    assert!(shown.contains("Treffen in Berlin"), "what it shows stays");
    // It keeps what it shows, and a correction made now is kept.
    assert_eq!(a.corpus.len(), 3);
    merge_macron_into_baerbock(&mut a);
    assert!(merged(&a), "applied here at once: {:?}", a.message);
    assert_eq!(
        a.unsent_corrections().len(),
        1,
        "kept until the server is back"
    );
    // A search says the server is gone.
    a.search.query = "Besuch".into();
    a.run_search();
    assert!(
        a.message.as_deref().unwrap_or("").contains("out of reach"),
        "{:?}",
        a.message
    );

    assert!(cluster.start(), "the server starts again");
    poll_until(
        &mut a,
        Duration::from_secs(15),
        "the reader to reconnect",
        |a| a.offline.is_none() && a.unsent_corrections().is_empty(),
    );
    assert!(merged(&a));
    assert_eq!(
        db.count("SELECT count(*) FROM corrections WHERE kind = 'merge'"),
        1,
        "written once it was back"
    );
    // The other reader, back too, re-reads the corrections made meanwhile.
    poll_until(&mut b, Duration::from_secs(15), "the other reader", merged);
    assert!(b.offline.is_none());

    // The worker reconnected: new articles are analysed.
    let more = tempfile::tempdir().unwrap();
    std::fs::write(
        more.path().join("n0.txt"),
        "Nachtrag\n\nFelix Brandt sprach in Kassel.",
    )
    .unwrap();
    env.ok(&["ingest", &db.url, &more.path().to_string_lossy()]);
    let started = Instant::now();
    while db.count("SELECT count(*) FROM queue") > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the worker did not come back: {}",
            std::fs::read_to_string(worker_log.path()).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = worker.kill();
    let _ = worker.wait();
    let said = std::fs::read_to_string(worker_log.path()).unwrap();
    assert!(
        said.contains("lost the connection") && said.contains("back in the queue"),
        "{said}"
    );
    assert!(said.contains("reconnected to postgres://"), "{said}");
}

/// `url` with `sslmode` set.
fn with_sslmode(url: &str, mode: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}sslmode={mode}")
}

/// Whether the connection of `store` is encrypted, as the server sees it.
fn encrypted(store: &mut dossier::store::postgres::PgStore) -> bool {
    store
        .client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn tls_is_used_when_the_server_offers_it_and_required_when_asked() {
    use dossier::store::postgres::PgStore;
    let Some(admin) = server() else { return };
    // The test server offers no TLS: prefer (the default) goes on without
    // it, require is refused with a message that says why.
    let mut plain = PgStore::connect(&admin).expect("prefer connects without TLS");
    assert!(!encrypted(&mut plain));
    let e = PgStore::connect(&with_sslmode(&admin, "require"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("does not offer TLS") && e.contains("sslmode=require"),
        "{e}"
    );

    let port = std::env::var("DOSSIER_TEST_PG_TLS_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(54347);
    let Some(_cluster) = Cluster::with_tls(port) else {
        return;
    };
    let tls_admin = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    for (mode, want) in [("require", true), ("prefer", true), ("disable", false)] {
        let mut s = PgStore::connect(&with_sslmode(&tls_admin, mode))
            .unwrap_or_else(|e| panic!("sslmode={mode}: {e}"));
        assert_eq!(encrypted(&mut s), want, "sslmode={mode}");
    }
    let mut s = PgStore::connect(&tls_admin).unwrap();
    assert!(
        encrypted(&mut s),
        "TLS by default when the server offers it"
    );

    // The whole way over TLS: ingest, a worker, link, and a reader whose
    // session is encrypted too.
    let env = Env::new();
    let mut db = Database::new(&tls_admin, "tls");
    db.url = with_sslmode(&db.url, "require");
    let _dir = shared_corpus(&env, &db);
    let reader = open(&db.url);
    assert_eq!(reader.corpus.len(), 3);
    let mut check = PgStore::connect(&tls_admin).unwrap();
    let (on, off): (i64, i64) = {
        let row = check
            .client
            .query_one(
                "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)
                 FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                 WHERE a.datname = $1",
                &[&db.name],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert!(
        on >= 1 && off == 0,
        "the reader's session is encrypted: {on} encrypted, {off} not"
    );
    drop(reader);
}
