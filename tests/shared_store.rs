//! The shared corpus on PostgreSQL, end to end with the real binary: the
//! map step (`analyze`, `worker`), the reduce step (`link`), and the same
//! entities as the embedded index.
//!
//! The tests that need a server run when `DOSSIER_TEST_PG` names one
//! (`postgres://postgres@127.0.0.1:54329/postgres`, as `.ci/run` starts
//! it); each makes a database of its own there and drops it. Without the
//! variable they print that they are skipped and pass.

#[path = "shared_store_reader.rs"]
mod reader;

use postgres::{Client, NoTls};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A scratch environment for the binary: no cache, no corrections file.
struct Env {
    config: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args)
            .env("DOSSIER_NO_CACHE", "1")
            .env("DOSSIER_CONFIG_DIR", self.config.path())
            .env("DOSSIER_STATE_DIR", self.config.path())
            .env_remove("PGPASSWORD");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run dossier")
    }

    /// Run and expect success.
    fn ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dossier {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
}

/// The server to test against, or `None` (and a message) to skip.
fn server() -> Option<String> {
    match std::env::var("DOSSIER_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "shared-store test skipped: set DOSSIER_TEST_PG=postgres://user@host:port/db (see .ci/run)"
            );
            None
        }
    }
}

/// A fresh database on the test server, dropped on drop.
struct Database {
    admin: String,
    name: String,
    url: String,
}

impl Database {
    fn new(admin: &str, name: &str) -> Database {
        let name = format!("dossier_test_{name}_{}", std::process::id());
        let mut c = Client::connect(admin, NoTls).expect("connect to DOSSIER_TEST_PG");
        // Two statements: DROP DATABASE refuses a transaction block.
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let (base, query) = match admin.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (admin, String::new()),
        };
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        let host_end = base[scheme_end..]
            .find('/')
            .map_or(base.len(), |i| scheme_end + i);
        let url = format!("{}/{name}{query}", &base[..host_end]);
        Database {
            admin: admin.to_string(),
            name,
            url,
        }
    }

    fn client(&self) -> Client {
        Client::connect(&self.url, NoTls).unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        self.client().query_one(sql, &[]).unwrap().get(0)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.admin, NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `n` short articles that name people and places, in a temporary folder.
fn articles(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let people = [
        "Anna Berger",
        "Jonas Keller",
        "Maria Schulte",
        "Felix Brandt",
    ];
    let places = ["Bonn", "Leipzig", "Kassel", "Rostock"];
    for i in 0..n {
        let (p, q) = (people[i % 4], people[(i + 1) % 4]);
        let text = format!(
            "Bericht {i}\n\n{p} traf am Montag in {} auf {q}. Danach sagte {p}, \
             man werde in {} weiter sprechen.\n",
            places[i % 4],
            places[(i + 2) % 4]
        );
        std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
    }
    dir
}

fn shared_gold() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/wikinews-linking");
    p.is_dir().then_some(p)
}

/// Ingest `paths`, analyse with one worker, link; the entities' JSON.
fn through_the_store(env: &Env, db: &Database, paths: &[&str]) -> Vec<u8> {
    let mut ingest = vec!["ingest", db.url.as_str()];
    ingest.extend_from_slice(paths);
    let out = env.run(&ingest);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.ok(&["worker", "--exit-when-empty", "--batch", "7", &db.url]);
    env.ok(&["link", &db.url]);
    env.ok(&["entities", "--format", "json", &db.url])
}

#[test]
fn embedded_and_shared_entities_are_byte_identical() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "identical");
    let shared = through_the_store(&env, &db, &[]);
    let embedded = env.ok(&["entities", "--format", "json"]);
    assert!(shared.len() > 1000);
    assert!(shared == embedded, "the seeds differ between the modes");
    // With a split, in the store's log and in the corrections file: the
    // same entities again, and the split made.
    let v: serde_json::Value = serde_json::from_slice(&shared).unwrap();
    let joined = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["aliases"].as_array().unwrap().len() >= 2)
        .expect("an entity of two spellings");
    let from = joined["name"].as_str().unwrap().to_string();
    let name = joined["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .find(|a| *a != from)
        .unwrap()
        .to_string();
    db.client()
        .execute(
            "INSERT INTO corrections (author, kind, subject, target) VALUES ('anna', 'split', $1, $2)",
            &[&name, &from],
        )
        .unwrap();
    let file = env.config.path().join("corrections.toml");
    let mut split = dossier::entity::link::corrections::Corrections::default();
    split.add_split(&name, &from);
    split.save(&file).unwrap();
    let linked = env.run(&["link", &db.url]);
    assert!(
        !String::from_utf8_lossy(&linked.stderr).contains("not applied"),
        "{}",
        String::from_utf8_lossy(&linked.stderr)
    );
    let shared_split = env.ok(&["entities", "--format", "json", &db.url]);
    let embedded_split = env.ok(&["entities", "--format", "json"]);
    assert!(
        shared_split == embedded_split,
        "the seeds with a split of “{name}” from “{from}” differ between the modes"
    );
    assert!(shared_split != shared, "the split changed nothing");
    let v: serde_json::Value = serde_json::from_slice(&shared_split).unwrap();
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&name.as_str()), "{name} is an entity");
    std::fs::remove_file(&file).unwrap();
    let Some(gold) = shared_gold() else {
        eprintln!("shared gold not found beside the project; Wikinews part skipped");
        return;
    };
    let gold = gold.to_string_lossy().to_string();
    let db = Database::new(&admin, "identical_wikinews");
    let shared = through_the_store(&env, &db, &[&gold]);
    let embedded = env.run(&["entities", "--format", "json", &gold]).stdout;
    assert!(
        shared == embedded,
        "the Wikinews articles differ between the modes"
    );
    // Loading the same folder again adds nothing.
    let again = env.run(&["ingest", &db.url, &gold]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 articles added"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(db.count("SELECT count(*) FROM queue"), 0);
}

#[test]
fn two_workers_never_take_the_same_article() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "two_workers");
    let dir = articles(90);
    env.ok(&["ingest", &db.url, &dir.path().to_string_lossy()]);
    let spawn = || {
        env.command(&[
            "worker",
            "--exit-when-empty",
            "--batch",
            "3",
            "--threads",
            "1",
            "--pause-before-commit-ms",
            "60",
            &db.url,
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for w in [a, b] {
        let out = w.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(db.count("SELECT count(*) FROM analyses"), 90);
    assert_eq!(
        db.count("SELECT count(*) FROM analyses WHERE runs <> 1"),
        0,
        "every article analysed exactly once"
    );
    assert_eq!(db.count("SELECT count(*) FROM queue"), 0);
    assert_eq!(
        db.count("SELECT count(DISTINCT analysed_by) FROM analyses"),
        2,
        "both workers took batches"
    );
    assert_eq!(
        db.count(
            "SELECT count(*) FROM (SELECT 1 FROM mentions
             GROUP BY article, start_byte, end_byte HAVING count(*) > 1) d"
        ),
        0,
        "no mention written twice"
    );
    assert!(db.count("SELECT count(*) FROM mentions") >= 90 * 4);
}

/// Rows of the queue that some transaction holds.
fn claimed(db: &Database) -> i64 {
    let mut c = db.client();
    let mut tx = c.transaction().unwrap();
    let free: i64 = tx
        .query_one(
            "SELECT count(*) FROM (SELECT 1 FROM queue FOR UPDATE SKIP LOCKED) f",
            &[],
        )
        .unwrap()
        .get(0);
    let all: i64 = tx
        .query_one("SELECT count(*) FROM queue", &[])
        .unwrap()
        .get(0);
    tx.rollback().unwrap();
    all - free
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_killed_worker_loses_nothing() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "killed");
    let dir = articles(20);
    env.ok(&["ingest", &db.url, &dir.path().to_string_lossy()]);
    let mut worker = env
        .command(&[
            "worker",
            "--batch",
            "5",
            "--pause-before-commit-ms",
            "60000",
            &db.url,
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the worker's claim", || claimed(&db) == 5);
    // Mid-batch: analysed and written, not committed.
    worker.kill().unwrap();
    worker.wait().unwrap();
    wait_until("the claim to be released", || claimed(&db) == 0);
    assert_eq!(
        db.count("SELECT count(*) FROM queue"),
        20,
        "the batch is back"
    );
    assert_eq!(db.count("SELECT count(*) FROM analyses"), 0);
    assert_eq!(db.count("SELECT count(*) FROM mentions"), 0);
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    assert_eq!(db.count("SELECT count(*) FROM analyses WHERE runs = 1"), 20);
    assert_eq!(db.count("SELECT count(*) FROM queue"), 0);
    env.ok(&["link", &db.url]);
    let v: serde_json::Value =
        serde_json::from_slice(&env.ok(&["entities", "--format", "json", &db.url])).unwrap();
    assert!(
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Anna Berger"),
        "{v}"
    );
}

#[test]
fn a_store_of_another_schema_version_is_refused_with_a_clear_message() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "versions");
    let stderr = |args: &[&str]| {
        let out = env.run(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(stderr(&["link", &db.url]).contains("no dossier tables"));
    env.ok(&["ingest", &db.url]);
    assert!(stderr(&["entities", "--format", "json", &db.url]).contains("not analysed yet"));
    db.client()
        .batch_execute("UPDATE schema_version SET version = 99")
        .unwrap();
    let newer = stderr(&["worker", "--exit-when-empty", &db.url]);
    assert!(
        newer.contains("version 99") && newer.contains("newer dossier"),
        "{newer}"
    );
    // Back to version 1, as an older dossier left it.
    db.client()
        .batch_execute(
            "DROP INDEX IF EXISTS analyses_search; ALTER TABLE analyses DROP COLUMN search;
             UPDATE schema_version SET version = 1",
        )
        .unwrap();
    let older = stderr(&["worker", "--exit-when-empty", &db.url]);
    assert!(
        older.contains("version 1") && older.contains("--migrate"),
        "{older}"
    );
    let older = stderr(&["ingest", &db.url]);
    assert!(older.contains("--migrate"), "{older}");
    env.ok(&["ingest", "--migrate", &db.url]);
    assert_eq!(db.count("SELECT version::int8 FROM schema_version"), 2);
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    env.ok(&["link", &db.url]);
    assert_eq!(
        db.count(
            "SELECT count(*) FROM analyses
             WHERE search @@ to_tsquery('german', 'Nordkorea')"
        ),
        5,
        "German full-text search over the migrated store (every seed names Nordkorea)"
    );
    // Corrections are append-only.
    let mut c = db.client();
    c.batch_execute(
        "INSERT INTO corrections (author, kind, subject) VALUES ('anna', 'not-an-entity', 'x')",
    )
    .unwrap();
    let err = c.batch_execute("DELETE FROM corrections").unwrap_err();
    assert!(
        err.as_db_error().unwrap().message().contains("append-only"),
        "{err}"
    );
}

#[test]
fn a_load_goes_in_batches_in_corpus_order_and_a_second_load_adds_nothing() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "batches");
    // More articles than one batch of the reader (256), so several
    // transactions.
    let dir = articles(700);
    let path = dir.path().to_string_lossy().into_owned();
    let first = env.run(&["ingest", &db.url, &path]);
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{said}");
    assert!(said.contains("700 articles added"), "{said}");
    assert_eq!(db.count("SELECT count(*) FROM queue"), 700);
    // Ids follow the corpus order (a000, a001, …).
    let order: Vec<String> = db
        .client()
        .query("SELECT doc_id FROM articles ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(order.len(), 700);
    let again = env.run(&["ingest", &db.url, &path]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("0 articles added") && said.contains("700 already there"),
        "{said}"
    );
    assert_eq!(db.count("SELECT count(*) FROM articles"), 700);
}

#[test]
fn a_worker_cut_off_reconnects_and_counts_every_article_it_analysed() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "cut_off");
    let dir = articles(30);
    env.ok(&["ingest", &db.url, &dir.path().to_string_lossy()]);
    let worker = env
        .command(&[
            "worker",
            "--exit-when-empty",
            "--batch",
            "3",
            "--threads",
            "1",
            "--pause-before-commit-ms",
            "100",
            &db.url,
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the first batches", || {
        db.count("SELECT count(*) FROM analyses") >= 6
    });
    // The server ends the worker's session, as a restart or a network
    // fault would.
    let cut = db.count(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    assert_eq!(cut, 1);
    let out = worker.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("lost the connection"), "{said}");
    assert!(said.contains("30 articles analysed"), "{said}");
    assert_eq!(db.count("SELECT count(*) FROM analyses"), 30);
    assert_eq!(db.count("SELECT count(*) FROM queue"), 0);
}

/// Whether the store has its search index.
fn has_search_index(db: &Database) -> bool {
    db.client()
        .query_one("SELECT to_regclass('analyses_search') IS NOT NULL", &[])
        .unwrap()
        .get(0)
}

#[test]
fn a_bulk_load_leaves_the_search_index_to_link_and_a_small_one_keeps_it() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "bulk_index");
    let dir = articles(12);
    env.ok(&["ingest", &db.url, &dir.path().to_string_lossy()]);
    assert!(!has_search_index(&db), "a bulk load drops the index");
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    assert!(!has_search_index(&db), "workers do not build it");
    env.ok(&["link", &db.url]);
    assert!(has_search_index(&db), "link builds it");
    let uses_index: String = db
        .client()
        .query(
            "EXPLAIN SELECT article FROM analyses WHERE search @@ 'bonn'::tsquery",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    assert!(
        uses_index.contains("analyses_search") || uses_index.contains("Seq Scan"),
        "{uses_index}"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM analyses WHERE search @@ to_tsquery('german', 'Bonn')"),
        6,
        "every article that names Bonn"
    );
    // Fewer new articles than the store holds: the index stays and is
    // kept up to date by the workers.
    let more = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::write(
            more.path().join(format!("z{i}.txt")),
            format!("Nachtrag {i}\n\nIn Zwickau tagte am Montag der Rat.\n"),
        )
        .unwrap();
    }
    env.ok(&["ingest", &db.url, &more.path().to_string_lossy()]);
    assert!(has_search_index(&db), "a small load keeps the index");
    env.ok(&["worker", "--exit-when-empty", &db.url]);
    assert_eq!(
        db.count("SELECT count(*) FROM analyses WHERE search @@ to_tsquery('german', 'Zwickau')"),
        3
    );
}

#[test]
fn search_vectors_are_postgresqls_german_vectors_for_ordinary_words() {
    use dossier::store::postgres::search_vector::SearchVector;
    let Some(admin) = server() else { return };
    let mut c = Client::connect(&admin, NoTls).unwrap();
    // Inflected nouns, verbs and adjectives, umlauts and ß, stop words,
    // capitals, a hyphenated compound, punctuation.
    let text = "Die Außenminister der Vereinten Nationen trafen sich am Montag in Genf; \
                nach langen Gesprächen über die Häfen, Straßen und Brücken sagten sie, \
                man werde die Gespräche fortsetzen. Der Nord-Süd-Dialog ruht. \
                „Wir wollen Frieden“, erklärte die Ministerin. Größere Schäden blieben aus.";
    let ours: String = c
        .query_one("SELECT $1::tsvector::text", &[&SearchVector::of(&[text])])
        .unwrap()
        .get(0);
    let server: String = c
        .query_one("SELECT to_tsvector('german', $1)::text", &[&text])
        .unwrap()
        .get(0);
    assert_eq!(
        ours, server,
        "lexemes and positions as PostgreSQL makes them"
    );
    // Where they differ: a hyphenated word with digits, which PostgreSQL
    // splits into a number and a word. dossier keeps what PostgreSQL keeps,
    // and the whole.
    let odd = "Der 60-Jährige";
    let mut lexemes = |sql: &str, p: &(dyn postgres::types::ToSql + Sync)| -> Vec<String> {
        c.query_one(sql, &[p]).unwrap().get(0)
    };
    let ours = lexemes(
        "SELECT tsvector_to_array($1::tsvector)",
        &SearchVector::of(&[odd]),
    );
    let server = lexemes("SELECT tsvector_to_array(to_tsvector('german', $1))", &odd);
    assert_ne!(ours, server);
    assert!(
        server.iter().all(|l| ours.contains(l)),
        "{ours:?} ⊉ {server:?}"
    );
}

#[test]
fn a_password_is_never_shown() {
    // No server needed: nothing listens on port 1.
    let env = Env::new();
    let out = env.run(&["link", "postgres://anna:s3cret-pw@127.0.0.1:1/news"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot connect to postgres://anna@127.0.0.1:1/news"),
        "{err}"
    );
    assert!(!err.contains("s3cret"), "{err}");
    let out = env.run(&["ingest", "postgres://anna:s3cret-pw@127.0.0.1:nope/news"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        !err.contains("s3cret") && err.contains("anna:***@"),
        "{err}"
    );
}

#[test]
fn analyze_writes_a_line_per_article_and_names_bad_lines() {
    let env = Env::new();
    let seeds = env.ok(&["analyze"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(seeds)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines
            .iter()
            .all(|l| !l["entities"].as_array().unwrap().is_empty())
    );
    let mut child = env
        .command(&["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            concat!(
                r#"{"id": "x", "title": "Eins", "text": "Anna Berger besuchte Bonn."}"#,
                "\n{\"id\": \"y\", \"text\": \n",
                r#"{"id": "z", "text": "Jonas Keller in Leipzig."}"#,
                "\n"
            )
            .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "some input skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input, line 2"), "{err}");
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"x\"", "\"z\""]);
}

#[test]
fn corrections_in_force_apply_when_linking_and_an_undo_reverts_them() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "corrections");
    through_the_store(&env, &db, &[]);
    // How often "Nordkorea" is a mention of an entity.
    let mentioned = || -> usize {
        let v: serde_json::Value =
            serde_json::from_slice(&env.ok(&["entities", "--format", "json", &db.url])).unwrap();
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["mentions"].as_array().unwrap())
            .filter(|m| m["text"] == "Nordkorea")
            .count()
    };
    let before = mentioned();
    assert!(before > 10, "{before}");
    let mut c = db.client();
    let id: i64 = c
        .query_one(
            "INSERT INTO corrections (author, kind, subject)
             VALUES ('anna', 'not-an-entity', 'Nordkorea') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    env.ok(&["link", &db.url]);
    assert_eq!(mentioned(), 0, "not an entity");
    c.execute(
        "INSERT INTO corrections (author, kind, undoes) VALUES ('ben', 'undo', $1)",
        &[&id],
    )
    .unwrap();
    env.ok(&["link", &db.url]);
    assert_eq!(mentioned(), before, "undone");
    // A split that names nothing present is said, and changes nothing.
    c.execute(
        "INSERT INTO corrections (author, kind, subject, target)
         VALUES ('anna', 'split', 'Atlantis', 'Nordkorea')",
        &[],
    )
    .unwrap();
    let out = env.run(&["link", &db.url]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("correction not applied: split “Atlantis” from “Nordkorea”: no entity called “Nordkorea” has it"),
        "{said}"
    );
    assert_eq!(mentioned(), before);
}

#[test]
fn an_idle_worker_wakes_when_articles_are_added() {
    let Some(admin) = server() else { return };
    let env = Env::new();
    let db = Database::new(&admin, "wakes");
    let first = articles(3);
    env.ok(&["ingest", &db.url, &first.path().to_string_lossy()]);
    let mut worker = env
        .command(&["worker", &db.url])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the first articles", || {
        db.count("SELECT count(*) FROM analyses") == 3
    });
    // Idle now, listening; it looks at the queue by itself only every 30 s.
    std::thread::sleep(Duration::from_millis(300));
    let more = tempfile::tempdir().unwrap();
    std::fs::write(
        more.path().join("neu.txt"),
        "Neu\n\nAnna Berger sprach in Bonn mit Jonas Keller.\n",
    )
    .unwrap();
    env.ok(&["ingest", &db.url, &more.path().to_string_lossy()]);
    let started = Instant::now();
    wait_until("the added article", || {
        db.count("SELECT count(*) FROM analyses") == 4
    });
    worker.kill().unwrap();
    worker.wait().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "woken by the notification, not the 30 s poll: {:?}",
        started.elapsed()
    );
}
