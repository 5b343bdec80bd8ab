//! End-to-end: the real binary in a pseudo-terminal, driven with keys, the
//! screen read back through a VT100 parser.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A running dossier in a pseudo-terminal.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    /// Config and state directories of this run, unless `env` named others.
    _home: tempfile::TempDir,
}

impl Session {
    /// Start dossier with `args` at `cols`×`rows`.
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args);
        Session::start_command(cmd, cols, rows, env)
    }

    /// Start `cmd` (dossier, or a shell that runs it) at `cols`×`rows`.
    pub fn start_command(
        mut cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env("DOSSIER_NO_CACHE", "1");
        // Keep the user's own config and log out of the tests.
        let home = tempfile::tempdir().expect("a temporary home");
        cmd.env("DOSSIER_CONFIG_DIR", home.path().join("config"));
        cmd.env("DOSSIER_STATE_DIR", home.path().join("state"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn dossier");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
            0,
        )));
        let p = parser.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = raw.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
            _home: home,
        }
    }

    /// Send keys (raw bytes as a terminal would).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Whether the process has ended, within `secs`.
    pub fn ended_within(&mut self, secs: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return true;
            }
            thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        false
    }

    /// The screen text.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen is stable (two identical reads 60 ms apart).
    pub fn settle(&self) -> String {
        let mut last = self.text();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            thread::sleep(Duration::from_millis(60));
            let now = self.text();
            if now == last || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    /// Wait until the screen satisfies `cond`, or panic after `secs`; the
    /// screen at that moment, not settled (for a screen that keeps changing,
    /// such as progress while a corpus is indexed).
    pub fn wait_until(&self, secs: u64, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.text();
            if cond(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Wait until the screen satisfies `cond`, or panic after `secs`.
    pub fn wait_for(&self, secs: u64, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.text();
            if cond(&s) {
                return self.settle();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Run `f` on the parsed screen.
    pub fn screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Wait for the process to end; its exit status.
    pub fn wait_exit(&mut self, secs: u64) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("dossier did not exit; screen:\n{}", self.text());
            }
            thread::sleep(Duration::from_millis(30));
        }
    }
}

/// The article number of the status bar's "Article N/M".
pub fn article_number(screen: &str) -> Option<usize> {
    let at = screen.find("Article ")? + "Article ".len();
    let rest = &screen[at..];
    rest[..rest.find('/')?].trim().parse().ok()
}

/// The reader on the bundled reports at 120×40, indexed, with Kim Jong Un
/// selected through the sidebar filter (by one of his spellings): the
/// session and the screen of the selection.
pub fn seeds_with_kim_selected() -> (Session, String) {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_for(30, "the index", |t| {
        t.contains("Entities") && t.contains("Article 1/5") && !t.contains("indexing")
    });
    s.send("\t\t");
    s.send("f");
    s.send("Kim Jong-un");
    s.wait_for(5, "the filtered sidebar", |t| t.contains("f:Kim Jong-un"));
    s.send("\r");
    let screen = s.wait_for(5, "the selection", |t| t.contains("mention "));
    (s, screen)
}

#[test]
fn the_corpus_wide_sidebar_sorted_on_a_thread_is_shown_by_the_event_loop() {
    // Sorted on a thread from the first entity on, as a large index is: the
    // event loop must take the rows when they come, with no key pressed.
    let mut s = Session::start(&[], 120, 40, &[("DOSSIER_SORT_ON_THREAD_FROM", "0")]);
    s.wait_for(30, "the index", |t| {
        t.contains("Entities") && t.contains("Article 1/5") && !t.contains("indexing")
    });
    s.send("\t\t");
    s.send("a");
    let screen = s.wait_for(10, "every entity of the corpus", |t| {
        t.contains("all articles") && t.contains("Wladiwostok") && !t.contains("sorting every")
    });
    assert!(screen.contains("People ("), "{screen}");
    s.send("q");
    assert!(s.wait_exit(10).success());
}

#[test]
fn jump_to_the_next_mention_across_articles_then_quit_cleanly() {
    let (mut s, screen) = seeds_with_kim_selected();
    let start = article_number(&screen).expect("article number");
    assert!(screen.contains("Kim Jong"), "{screen}");
    // n until the reading pane moves to another article.
    let mut moved = None;
    for _ in 0..60 {
        s.send("n");
        let t = s.settle();
        let now = article_number(&t).unwrap();
        if now != start {
            moved = Some((now, t));
            break;
        }
    }
    let (now, screen) = moved.expect("n moved to another article");
    let docs = dossier::corpus::seeds::documents();
    let title: String = docs[now - 1].title.chars().take(30).collect();
    let title_row = screen.lines().next().unwrap();
    assert!(
        title_row.contains(&title),
        "reader shows article {now} ({title}): {title_row}"
    );
    // The highlighted current mention is on the marked row and reads "Kim".
    let found = s.screen(|sc| {
        let (rows, cols) = sc.size();
        let (rows, cols): (u16, u16) = (rows.into(), cols.into());
        (0..rows).any(|r| {
            let marked = (0..cols).any(|c| sc.cell(r, c).is_some_and(|x| x.contents() == "▶"));
            let inverse: String = (0..cols)
                .filter_map(|c| sc.cell(r, c))
                .filter(|x| x.inverse())
                .map(|x| x.contents())
                .collect();
            marked && inverse.starts_with("Kim")
        })
    });
    assert!(
        found,
        "a marked row with the mention highlighted:\n{screen}"
    );
    s.send("q");
    let status = s.wait_exit(10);
    assert!(status.success());
    s.screen(|sc| {
        assert!(!sc.alternate_screen(), "alternate screen left");
        assert!(!sc.hide_cursor(), "cursor visible");
    });
}

#[test]
fn search_and_help_in_a_small_terminal() {
    let mut s = Session::start(&[], 80, 24, &[("NO_COLOR", "1")]);
    s.wait_for(30, "the reader", |t| t.contains("Article 1/5"));
    s.send("/Pjongjang\r");
    let t = s.wait_for(5, "search hits", |t| t.contains("“Pjongjang” 1/"));
    assert!(
        t.contains("Pjöngjang"),
        "umlaut-insensitive search shows the hit:\n{t}"
    );
    s.send("?");
    s.wait_for(5, "help", |t| t.contains("dossier keys"));
    s.send("\x1b");
    s.wait_for(5, "help closed", |t| !t.contains("dossier keys"));
    s.send("q");
    assert!(s.wait_exit(10).success());
}

fn assert_restored(s: &Session) {
    s.screen(|sc| {
        assert!(!sc.alternate_screen(), "alternate screen left");
        assert!(!sc.hide_cursor(), "cursor visible");
    });
}

/// A file full of terminal attacks: title, clipboard, hyperlinks, colours,
/// cursor moves, screen clearing, C1 controls, bell, backspace, carriage
/// return, bidi overrides.
const HOSTILE: &[u8] = b"Titel \x1b]0;PWNED-TITLE\x07mit Angriff\n\n\
Ein Satz \x1b]52;c;cm0gLXJmIH4=\x07 mit Zwischenablage.\n\
Ein \x1b]8;;http://evil.example\x1b\\Link\x1b]8;;\x1b\\ hier.\n\
Farbe \x1b[31;1mROT\x1b[0m und \x1b[2J\x1b[H geloescht, \x1b[10;10HCursor.\n\
C1 \xc2\x9b31m und \xc2\x9d0;x\xc2\x9c Glocke \x07\x07 Rueck\x08\x08 Wagen\rruecklauf.\n\
Bidi \xe2\x80\xae gespiegelt \xe2\x80\xac und \xe2\x81\xa6 isoliert \xe2\x81\xa9 Ende.\n";

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("angriff\x1b]0;FILE\x07.txt");
    std::fs::write(&file, HOSTILE).unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 120, 30, &[]);
    let t = s.wait_for(30, "the article", |t| t.contains("Zwischenablage"));
    assert!(t.contains("␛"), "escape shown as a visible symbol:\n{t}");
    s.send("G");
    s.settle();
    let raw = s.raw();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"\x1b]"),
        "no OSC sequence (title, clipboard, hyperlink) was emitted"
    );
    assert!(!raw.contains(&0x07), "no bell");
    assert!(!raw.contains(&0x08), "no backspace");
    assert!(
        !has("\u{9b}".as_bytes()) && !has("\u{202e}".as_bytes()) && !has("\u{2066}".as_bytes())
    );
    s.screen(|sc| {
        // The article text kept its place: the rows are intact and no cell
        // outside the reader's text took the article's red.
        let red = (0..30u16)
            .flat_map(|r| (0..120u16).map(move |c| (r, c)))
            .filter_map(|(r, c)| sc.cell(r, c))
            .filter(|cell| cell.fgcolor() == vt100::Color::Idx(1) && cell.bold())
            .count();
        assert_eq!(red, 0, "no bold red from the article's SGR");
    });
    s.send("q");
    assert!(s.wait_exit(10).success());
    assert_restored(&s);
}

#[test]
fn a_crash_restores_the_terminal_and_says_where_the_log_is() {
    let state = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &[],
        100,
        30,
        &[
            ("DOSSIER_PANIC_AFTER_FIRST_FRAME", "1"),
            ("DOSSIER_STATE_DIR", state.path().to_str().unwrap()),
        ],
    );
    let status = s.wait_exit(20);
    assert!(!status.success());
    assert_restored(&s);
    let log = state.path().join("crash.log");
    assert!(s.text().contains("crash.log"), "{}", s.text());
    let report = std::fs::read_to_string(log).unwrap();
    assert!(report.contains("DOSSIER_PANIC_AFTER_FIRST_FRAME"));
}

#[test]
fn an_abort_restores_the_terminal_too() {
    // An abort (a failed allocation, say) skips unwinding and the panic hook.
    let state = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &[],
        100,
        30,
        &[
            ("DOSSIER_ABORT_AFTER_FIRST_FRAME", "1"),
            ("DOSSIER_STATE_DIR", state.path().to_str().unwrap()),
        ],
    );
    let status = s.wait_exit(20);
    assert!(!status.success());
    assert_restored(&s);
    let raw = s.raw();
    let tail = &raw[raw.len().saturating_sub(200)..];
    let has = |needle: &[u8]| tail.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"\x1b[?1000l"), "mouse capture turned off");
    assert!(s.text().contains("crash.log"), "{}", s.text());
    let report = std::fs::read_to_string(state.path().join("crash.log")).unwrap();
    assert!(report.contains("SIGABRT"), "{report}");
}

#[test]
fn a_fifo_as_the_state_file_does_not_hang_the_reader() {
    let state = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(state.path().join("corpora")).unwrap();
    crate::hostile::mkfifo(&state.path().join("corpora/bundled.toml"));
    let env = [("DOSSIER_STATE_DIR", state.path().to_str().unwrap())];
    let mut s = Session::start(&[], 200, 30, &env);
    let t = s.wait_for(30, "the reader", |t| {
        t.contains("Article 1/5") && t.contains("is a named")
    });
    assert!(
        t.contains("bundled.toml: is a named"),
        "the problem is shown:\n{t}"
    );
    s.send("q");
    assert!(s.wait_exit(10).success());
    assert_restored(&s);
}

#[test]
fn a_reader_that_does_not_answer_still_ends_on_a_signal_or_a_closed_terminal() {
    let hang = [("DOSSIER_HANG_AFTER_FIRST_FRAME", "1")];
    let mut s = Session::start(&[], 100, 30, &hang);
    s.wait_for(30, "the first frame", |t| !t.trim().is_empty());
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &s.pid().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    assert!(s.ended_within(10), "SIGTERM ends it");
    thread::sleep(Duration::from_millis(100));
    assert_restored(&s);
    for hang in [&hang[..], &[]] {
        assert!(
            closing_the_terminal_ends_it(hang),
            "a closed terminal ends it ({hang:?})"
        );
    }
}

/// Run dossier on a pseudo-terminal of our own (portable-pty keeps a copy
/// of the master open in its reader, so closing it would not hang up),
/// wait for its first frame, close the terminal, and say whether it ended
/// within ten seconds.
fn closing_the_terminal_ends_it(env: &[(&str, &str)]) -> bool {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: valid out-pointers and size.
    let ok = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(ok, 0, "openpty");
    // SAFETY: `master` is open. The child must not inherit it, or closing
    // ours would not hang up.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: fresh descriptors we own.
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    let home = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env("TERM", "xterm-256color")
        .env("DOSSIER_NO_CACHE", "1")
        .env("DOSSIER_CONFIG_DIR", home.path().join("config"))
        .env("DOSSIER_STATE_DIR", home.path().join("state"))
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    for (k, v) in env {
        cmd.env(k, v);
    }
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn dossier");
    drop(cmd);
    // SAFETY: `master` is open; make reads non-blocking.
    unsafe { libc::fcntl(master, libc::F_SETFL, libc::O_NONBLOCK) };
    let mut seen = 0usize;
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen < 2000 && Instant::now() < deadline {
        let mut buf = [0u8; 4096];
        // SAFETY: reading into a valid buffer.
        let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            seen += n as usize;
        } else {
            thread::sleep(Duration::from_millis(20));
        }
    }
    assert!(seen >= 2000, "a first frame");
    thread::sleep(Duration::from_millis(300));
    // SAFETY: the only copy of the master: the terminal is gone.
    unsafe { libc::close(master) };
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        thread::sleep(Duration::from_millis(30));
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}

#[test]
fn sigterm_and_sighup_leave_cleanly() {
    for sig in ["-TERM", "-HUP"] {
        let mut s = Session::start(&[], 100, 30, &[]);
        s.wait_for(30, "the reader", |t| t.contains("Article 1/5"));
        let ok = std::process::Command::new("kill")
            .args([sig, &s.pid().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let status = s.wait_exit(10);
        assert!(status.success(), "{sig}: clean exit");
        assert_restored(&s);
    }
}

#[test]
fn a_bookmark_survives_quitting_and_restarting() {
    let state = tempfile::tempdir().unwrap();
    let env = [("DOSSIER_STATE_DIR", state.path().to_str().unwrap())];
    let mut s = Session::start(&[], 120, 40, &env);
    s.wait_for(30, "the reader", |t| {
        t.contains("Article 1/5") && !t.contains("indexing")
    });
    // Third article, a few lines down, bookmark it.
    s.send("]]");
    s.wait_for(5, "article 3", |t| t.contains("Article 3/5"));
    s.send("\t");
    s.send("jjjj");
    s.send("b");
    s.wait_for(5, "the bookmark", |t| t.contains("bookmark set"));
    s.send("q");
    assert!(s.wait_exit(10).success());

    let mut s = Session::start(&[], 120, 40, &env);
    let t = s.wait_for(30, "the reopened article", |t| t.contains("Article 3/5"));
    assert!(t.contains("Article 3/5"), "the last article is reopened");
    s.send("B");
    let t = s.wait_for(5, "the bookmarks list", |t| {
        t.contains("bookmarks · Enter go")
    });
    let docs = dossier::corpus::seeds::documents();
    let title: String = docs[2].title.chars().take(20).collect();
    assert!(t.contains(&title), "the bookmark names article 3:\n{t}");
    s.send("\r");
    s.wait_for(5, "the list closed", |t| {
        !t.contains("bookmarks · Enter go")
    });
    s.send("q");
    assert!(s.wait_exit(10).success());
}

#[test]
fn two_readers_of_one_corpus_keep_each_others_bookmarks() {
    let state = tempfile::tempdir().unwrap();
    let env = [("DOSSIER_STATE_DIR", state.path().to_str().unwrap())];
    let ready = |t: &str| t.contains("Article 1/5") && !t.contains("indexing");
    let mut one = Session::start(&[], 120, 40, &env);
    let mut two = Session::start(&[], 120, 40, &env);
    one.wait_for(30, "reader one", ready);
    two.wait_for(30, "reader two", ready);
    // One bookmarks article 3, then two bookmarks article 2 (each saves at
    // once: two's save used to drop one's bookmark), then both quit (one
    // first: its save at quit used to drop two's).
    one.send("]]");
    one.wait_for(5, "article 3", |t| t.contains("Article 3/5"));
    one.send("\tjjb");
    one.wait_for(5, "the bookmark", |t| t.contains("bookmark set"));
    two.send("]");
    two.wait_for(5, "article 2", |t| t.contains("Article 2/5"));
    two.send("\tjb");
    two.wait_for(5, "the bookmark", |t| t.contains("bookmark set"));
    one.send("q");
    assert!(one.wait_exit(10).success());
    two.send("q");
    assert!(two.wait_exit(10).success());
    let file = state.path().join("corpora/bundled.toml");
    let saved: toml::Value = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let docs = dossier::corpus::seeds::documents();
    let marked: Vec<&str> = saved["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["doc"].as_str().unwrap())
        .collect();
    assert!(
        marked.contains(&docs[2].id.as_ref()) && marked.contains(&docs[1].id.as_ref()),
        "both bookmarks survive: {marked:?}"
    );
    let read = saved["read"].as_array().unwrap();
    assert!(read.len() >= 3, "read marks of both: {read:?}");
}

#[test]
fn compare_view_selects_a_shared_entity_and_jumps_both_panes() {
    let mut s = Session::start(&[], 160, 45, &[]);
    s.wait_for(30, "the index", |t| {
        t.contains("Article 1/5") && !t.contains("indexing")
    });
    s.send("c");
    let t = s.wait_for(10, "the compare view", |t| t.contains("In both ("));
    assert!(t.contains("left: ") && t.contains("right: ") && t.contains("Figures: "));
    // The strip opens on the first shared entity: select it, then jump twice.
    s.send("\r");
    s.wait_for(5, "a selection", |t| t.contains("Compare │"));
    let marked_rows = |s: &Session| {
        s.screen(|sc| {
            let (rows, cols) = sc.size();
            let (rows, cols): (u16, u16) = (rows.into(), cols.into());
            let half = cols / 2;
            let mut sides = [Vec::new(), Vec::new()];
            for r in 0..rows {
                for c in 0..cols {
                    if sc.cell(r, c).is_some_and(|x| x.contents() == "▶") {
                        sides[usize::from(c >= half)].push(r);
                    }
                }
            }
            sides
        })
    };
    let first = marked_rows(&s);
    assert!(
        !first[0].is_empty() && !first[1].is_empty(),
        "both panes mark a mention: {first:?}"
    );
    s.send("n");
    s.settle();
    s.send("n");
    let t = s.settle();
    let second = marked_rows(&s);
    assert!(!second[0].is_empty() && !second[1].is_empty(), "{t}");
    assert_ne!(first, second, "n moved the marked mentions:\n{t}");
    // Both marked lines show the selected entity highlighted (reverse video).
    let name_cells = s.screen(|sc| {
        let (rows, cols) = sc.size();
        let (rows, cols): (u16, u16) = (rows.into(), cols.into());
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter(|&(r, c)| sc.cell(r, c).is_some_and(|x| x.inverse()))
            .count()
    });
    assert!(name_cells >= 4, "highlighted mentions:\n{t}");
    s.send("\x1b");
    s.wait_for(5, "the reader again", |t| t.contains("Article 1/5"));
    s.send("q");
    assert!(s.wait_exit(10).success());
}

#[test]
fn a_config_file_rebinds_keys_and_its_problems_are_shown_and_logged() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    let state = home.path().join("state");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[keys]\nquit = \"Z\"\nnxt_match = \"n\"\n\n[layout]\nsidebar_open = false\n",
    )
    .unwrap();
    let mut s = Session::start(
        &["--log-level", "info"],
        120,
        30,
        &[
            ("DOSSIER_CONFIG_DIR", config.to_str().unwrap()),
            ("DOSSIER_STATE_DIR", state.to_str().unwrap()),
        ],
    );
    let t = s.wait_for(30, "the reader", |t| t.contains("Article 1/5"));
    assert!(
        t.contains("config.toml:3: unknown action `nxt_match`"),
        "the problem is in the status bar:\n{t}"
    );
    assert!(!t.contains("Entities"), "the sidebar starts closed:\n{t}");
    s.send("q");
    let t = s.settle();
    assert!(t.contains("Article 1/5"), "q no longer quits:\n{t}");
    s.send("Z");
    assert!(s.wait_exit(10).success());
    let log = std::fs::read_to_string(state.join("dossier.log")).expect("a log file");
    assert!(log.contains("unknown action `nxt_match`"), "{log}");
    assert!(log.contains("analysed 5 articles"), "{log}");
    let screen = s.text();
    assert!(!screen.contains(" INFO "), "nothing logged to the screen");
}

#[test]
fn the_reader_opens_an_article_piped_to_dash() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Besuch in Paris\n\nAngela Merkel besuchte am Montag Paris.\n",
    )
    .unwrap();
    // Standard input is a pipe; keys still come from the terminal.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!(
            "cat '{}' | exec '{}' -",
            article.display(),
            env!("CARGO_BIN_EXE_dossier")
        ),
    ]);
    let mut s = Session::start_command(cmd, 100, 30, &[]);
    let screen = s.wait_for(30, "the piped article", |t| {
        t.contains("Article 1/1") && t.contains("Angela Merkel besuchte")
    });
    assert!(screen.contains("Besuch in Paris"), "{screen}");
    s.wait_for(10, "its entities", |t| t.contains("People (1)"));
    s.send("q");
    assert!(s.wait_exit(10).success());
    // With the terminal on standard input there is no article to read.
    let mut s = Session::start(&["-"], 100, 30, &[]);
    assert_eq!(s.wait_exit(10).exit_code(), 2);
    let said = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        said.contains("standard input, which is a terminal"),
        "{said}"
    );
}

#[test]
fn a_reading_state_that_cannot_be_saved_is_reported_at_quit() {
    let state = tempfile::tempdir().unwrap();
    // `corpora` is a file: the state can be neither read nor written.
    std::fs::write(state.path().join("corpora"), "not a folder").unwrap();
    let env = [("DOSSIER_STATE_DIR", state.path().to_str().unwrap())];
    let mut s = Session::start(&[], 120, 30, &env);
    s.wait_for(30, "the reader", |t| t.contains("Article 1/5"));
    s.send("q");
    s.wait_exit(10);
    assert_restored(&s);
    let t = s.settle();
    assert!(
        t.contains("could not save the reading state"),
        "said at quit:\n{t}"
    );
    let log = std::fs::read_to_string(state.path().join("dossier.log")).unwrap_or_default();
    assert!(
        log.contains("could not save the reading state"),
        "logged: {log}"
    );
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes_it_redrawn() {
    // An interactive shell with job control, as a user's terminal has.
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    let mut s = Session::start_command(cmd, 100, 30, &[("PS1", "sh$ ")]);
    s.wait_for(10, "the shell", |t| t.contains("sh$"));
    s.send(&format!("{}\r", env!("CARGO_BIN_EXE_dossier")));
    s.wait_for(30, "the reader", |t| t.contains("Article 1/5"));
    s.send("\x1a");
    s.wait_for(10, "the shell's job report", |t| t.contains("Stopped"));
    s.screen(|sc| {
        assert!(!sc.alternate_screen(), "the main screen is back");
        assert!(!sc.hide_cursor(), "the cursor shows");
    });
    s.send("fg\r");
    s.wait_for(10, "the reader again", |t| t.contains("Article 1/5"));
    s.screen(|sc| assert!(sc.alternate_screen(), "back on the alternate screen"));
    s.send("j");
    s.wait_for(5, "keys answered after resuming", |t| {
        t.contains("Article 2/5")
    });
    s.send("q");
    s.wait_for(10, "the shell after quitting", |t| {
        !t.contains("Article 2/5") && t.contains("sh$")
    });
    assert_restored(&s);
    s.send("exit\r");
    assert!(s.ended_within(10));
}

#[test]
fn an_index_file_cut_short_while_in_use_ends_the_reader_cleanly() {
    // The linked index is read where it lies on a warm open (mapped): a
    // program that cuts the file short under the reader makes the next read
    // of it a bus error, which restores the terminal and says what happened.
    let corpus = tempfile::tempdir().unwrap();
    for (i, d) in dossier::corpus::seeds::documents().iter().enumerate() {
        std::fs::write(corpus.path().join(format!("{i}.txt")), d.text.to_string()).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let env = [
        ("DOSSIER_NO_CACHE", ""),
        ("DOSSIER_CACHE_DIR", cache.path().to_str().unwrap()),
        ("DOSSIER_STATE_DIR", state.path().to_str().unwrap()),
    ];
    let dir = corpus.path().to_str().unwrap();
    let ready = |t: &str| t.contains("Article 1/5") && !t.contains("indexing");
    let linked = || {
        std::fs::read_dir(cache.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(".linked.bin"))
    };
    // The first run builds the index and writes it to the cache.
    let mut s = Session::start(&[dir], 100, 30, &env);
    s.wait_for(30, "the first run", ready);
    let deadline = Instant::now() + Duration::from_secs(20);
    while linked().is_none() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    s.send("q");
    assert!(s.wait_exit(10).success());
    let file = linked().expect("the linked index was written");
    // The second opens it warm; then it is cut short, and the next article
    // reads its mentions.
    let mut s = Session::start(&[dir], 100, 30, &env);
    s.wait_for(30, "the warm run", ready);
    thread::sleep(Duration::from_millis(500));
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(0)
        .unwrap();
    s.send("jjjj");
    let status = s.wait_exit(20);
    assert!(!status.success());
    assert_restored(&s);
    assert!(s.text().contains("cut short"), "{}", s.text());
    let report = std::fs::read_to_string(state.path().join("crash.log")).unwrap();
    assert!(report.contains("SIGBUS"), "{report}");
    // The next start finds the file damaged and builds the index again.
    let mut s = Session::start(&[dir], 100, 30, &env);
    s.wait_for(30, "the run after", ready);
    s.send("jq");
    assert!(s.wait_exit(10).success());
}
