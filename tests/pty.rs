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
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Start dossier with `args` at `cols`×`rows`.
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
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
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// Send keys (raw bytes as a terminal would).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
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

fn article_number(screen: &str) -> Option<usize> {
    let at = screen.find("Article ")? + "Article ".len();
    let rest = &screen[at..];
    rest[..rest.find('/')?].trim().parse().ok()
}

#[test]
fn jump_to_the_next_mention_across_articles_then_quit_cleanly() {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_for(30, "the index", |t| {
        t.contains("Entities") && t.contains("Article 1/5") && !t.contains("indexing")
    });
    // Select Kim Jong Un through the sidebar filter, by one of his spellings.
    s.send("f");
    s.send("Kim Jong-un");
    s.wait_for(5, "the filtered sidebar", |t| t.contains("f:Kim Jong-un"));
    s.send("\r");
    let screen = s.wait_for(5, "the selection", |t| t.contains("mention "));
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
