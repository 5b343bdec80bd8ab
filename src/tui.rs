//! The terminal: set it up, run the event loop, and always restore it.
//!
//! One input thread and one loading worker send events into one channel; the
//! loop maps key presses to actions, applies them, and redraws only when
//! something changed.

use crate::app::{Action, App};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::entity::EntityIndex;
use crate::ingest::{self, Job, Update};
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use std::io::{self, IsTerminal};
use std::sync::mpsc;
use std::thread;

/// What the event loop receives.
#[derive(Debug)]
enum Event {
    /// Input from the terminal.
    Input(TermEvent),
    /// Progress or results from the loading worker.
    Update(Update),
    /// SIGTERM, SIGHUP or SIGQUIT: leave cleanly.
    Signal,
    /// The store's session has something to say (corrections, the
    /// connection lost or back).
    Store,
}

/// Fault injection for tests: with this variable set, the reader panics after
/// its first frame, to show that a crash restores the terminal.
pub const PANIC_VAR: &str = "DOSSIER_PANIC_AFTER_FIRST_FRAME";

/// Fault injection for tests: with this variable set, the reader aborts
/// (no unwinding, no panic hook) after its first frame, to show that even an
/// abort restores the terminal.
pub const ABORT_VAR: &str = "DOSSIER_ABORT_AFTER_FIRST_FRAME";

/// Fault injection for tests: with this variable set, the event loop stops
/// answering after its first frame (as when blocked on a file), to show that
/// a signal or a closed terminal still ends the process.
pub const HANG_VAR: &str = "DOSSIER_HANG_AFTER_FIRST_FRAME";

/// For tests: with this variable set to a number, the corpus-wide sidebar
/// rows are sorted on a thread from that many entities on (instead of
/// [`crate::app::sidebar::BACKGROUND_ROWS_FROM`]), so that a small corpus
/// shows that the event loop takes them when they come.
pub const SORT_ON_THREAD_VAR: &str = "DOSSIER_SORT_ON_THREAD_FROM";

/// Restoring the terminal when the process dies without unwinding (an
/// abort, such as a failed allocation, or a bus error: an index file read in
/// place, [`crate::mapped`], cut short by another program while open): a
/// SIGABRT and a SIGBUS handler that write the
/// sequences leaving the alternate screen, mouse capture and the hidden
/// cursor, puts back the terminal modes saved before raw mode, and leaves a
/// crash log. Everything it touches is prepared beforehand, and it calls only
/// async-signal-safe functions (`write`, `open`, `close`, `tcsetattr`).
mod abort_guard {
    use std::ffi::CString;
    use std::sync::OnceLock;

    /// Mouse capture off (as crossterm's `DisableMouseCapture`), the main
    /// screen back, the cursor shown.
    const RESTORE: &[u8] =
        b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h\r\n";

    struct Prepared {
        termios: Option<libc::termios>,
        log: Option<CString>,
        report: Vec<u8>,
        message: Vec<u8>,
        bus_report: Vec<u8>,
        bus_message: Vec<u8>,
    }

    static PREPARED: OnceLock<Prepared> = OnceLock::new();

    /// Save the terminal modes and register the handlers; call before the
    /// terminal enters raw mode. Returns the handlers' ids, to unregister.
    pub fn install() -> Vec<signal_hook::SigId> {
        // SAFETY: `tcgetattr` fills the struct on success; it is read only
        // then.
        let termios = unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            (libc::isatty(0) == 1 && libc::tcgetattr(0, &mut t) == 0).then_some(t)
        };
        let log = crate::dirs::state_dir().map(|d| d.join("crash.log"));
        if let Some(d) = log.as_ref().and_then(|l| l.parent()) {
            let _ = std::fs::create_dir_all(d);
        }
        let report = format!(
            "dossier {} aborted (SIGABRT): the process died without unwinding, \
             for example when memory ran out\n",
            env!("CARGO_PKG_VERSION")
        );
        let message = match &log {
            Some(l) => format!("dossier aborted; the details are in {}\n", l.display()),
            None => "dossier aborted\n".into(),
        };
        let bus_report = format!(
            "dossier {} stopped (SIGBUS): a file it reads in place, most likely \
             an index in its cache folder, was cut short by another program \
             while it was open. Nothing of yours was lost; a damaged index is \
             built again at the next start.\n",
            env!("CARGO_PKG_VERSION")
        );
        let bus_message = "dossier stopped: a file it reads in place (most likely an \
                           index in its cache) was cut short by another program; \
                           start it again\n";
        let _ = PREPARED.set(Prepared {
            termios,
            log: log.and_then(|l| CString::new(l.into_os_string().into_encoded_bytes()).ok()),
            report: report.into_bytes(),
            message: message.into_bytes(),
            bus_report: bus_report.into_bytes(),
            bus_message: bus_message.as_bytes().to_vec(),
        });
        // SAFETY: the handlers only call async-signal-safe functions on data
        // prepared above (a `OnceLock` already set is read without locking).
        unsafe {
            [
                signal_hook::low_level::register(libc::SIGABRT, on_abort),
                signal_hook::low_level::register(libc::SIGBUS, on_bus),
            ]
        }
        .into_iter()
        .flatten()
        .collect()
    }

    fn on_abort() {
        let Some(p) = PREPARED.get() else { return };
        restore_and_report(p, &p.report, &p.message);
    }

    /// A bus error cannot be returned from (the read that faulted would
    /// fault again): restore, report, and end the process.
    fn on_bus() {
        if let Some(p) = PREPARED.get() {
            restore_and_report(p, &p.bus_report, &p.bus_message);
        }
        // SAFETY: `_exit` is async-signal-safe and ends the process.
        unsafe { libc::_exit(128 + libc::SIGBUS) }
    }

    fn restore_and_report(p: &Prepared, report: &[u8], message: &[u8]) {
        // SAFETY: plain system calls on valid buffers and descriptors.
        unsafe {
            libc::write(1, RESTORE.as_ptr().cast(), RESTORE.len());
            if let Some(t) = &p.termios {
                libc::tcsetattr(0, libc::TCSANOW, t);
            }
            if let Some(log) = &p.log {
                let fd = libc::open(
                    log.as_ptr(),
                    libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_CLOEXEC,
                    0o600,
                );
                if fd >= 0 {
                    libc::write(fd, report.as_ptr().cast(), report.len());
                    libc::close(fd);
                }
            }
            libc::write(2, message.as_ptr().cast(), message.len());
        }
    }
}

/// Install a panic hook (before the terminal is set up, so that ratatui's
/// restoring hook runs first) that turns mouse capture off, writes the panic
/// and a backtrace to `crash.log` in the state directory, and says where.
fn install_crash_hook() {
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        let backtrace = std::backtrace::Backtrace::force_capture();
        let report = format!(
            "dossier {} crashed: {info}\n\n{backtrace}\n",
            env!("CARGO_PKG_VERSION")
        );
        let log = crate::dirs::state_dir().map(|d| d.join("crash.log"));
        let written = log
            .as_ref()
            .is_some_and(|p| crate::atomic::write(p, report.as_bytes()).is_ok());
        match (written, log) {
            (true, Some(p)) => crate::report::say_plain(format!(
                "dossier crashed: {info}\nthe details are in {}",
                p.display()
            )),
            _ => crate::report::say_plain(&report),
        }
    }));
}

/// How long the event loop has to leave after a signal or a closed terminal
/// before the process leaves without it.
const LEAVE_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

/// Ask the event loop to leave, and make sure the process ends even if the
/// loop cannot answer (it is blocked, or busy): after [`LEAVE_WITHIN`] the
/// terminal is restored and the process exits with `code`.
fn leave(tx: &mpsc::Sender<Event>, code: i32) {
    let _ = tx.send(Event::Signal);
    let _ = thread::Builder::new()
        .name("dossier-leave".into())
        .spawn(move || {
            thread::sleep(LEAVE_WITHIN);
            tracing::warn!("the event loop did not answer; leaving without it");
            let _ = execute!(
                io::stdout(),
                DisableMouseCapture,
                ratatui::crossterm::cursor::Show
            );
            ratatui::restore();
            std::process::exit(code);
        });
}

fn spawn_signal_thread(tx: mpsc::Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT])?;
    thread::Builder::new()
        .name("dossier-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                leave(&tx, 128 + sig);
            }
        })?;
    Ok(())
}

/// Whether the terminal on standard input has gone (hung up, closed).
fn terminal_gone() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no wait.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// The input thread: terminal events into the channel, until the receiver
/// is gone or the terminal is (end of input, hang-up, a read error), which
/// makes the reader leave whatever it is doing.
fn spawn_input_thread(tx: mpsc::Sender<Event>) -> io::Result<()> {
    let watch_stdin = io::stdin().is_terminal();
    thread::Builder::new()
        .name("dossier-input".into())
        .spawn(move || {
            loop {
                match event::poll(std::time::Duration::from_millis(250)) {
                    Ok(true) => match event::read() {
                        Ok(ev) => {
                            if tx.send(Event::Input(ev)).is_err() {
                                return;
                            }
                            continue;
                        }
                        Err(_) => break,
                    },
                    Ok(false) => {}
                    Err(_) => break,
                }
                if watch_stdin && terminal_gone() {
                    break;
                }
            }
            tracing::info!("the terminal is gone; leaving");
            leave(&tx, 129);
        })?;
    Ok(())
}

/// Turn a terminal event into an action.
pub fn action_for(app: &App, ev: &TermEvent) -> Option<Action> {
    match ev {
        TermEvent::Key(_) => ev
            .as_key_press_event()
            .and_then(|k| app.keymap.action(app.mode, k)),
        TermEvent::Resize(w, h) => Some(Action::Resize(*w, *h)),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                lines: 3,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                lines: -3,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Open the reader on `job` with the user's configuration and run until the
/// user quits.
pub fn run(job: Job) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() {
        return run_with(job, Config::default(), Vec::new());
    }
    let (config, problems) = Config::load();
    run_with(job, config, problems)
}

/// Open the reader on `job` with `config`; `problems` (with the config) are
/// printed before the screen is taken, so they stay in the scrollback, and
/// shown in the status bar.
pub fn run_with(job: Job, config: Config, problems: Vec<String>) -> anyhow::Result<()> {
    let roots = match &job {
        Job::Files { roots, .. } => roots.clone(),
        Job::Seeds => Vec::new(),
    };
    if !io::stdout().is_terminal() {
        anyhow::bail!(
            "standard output is not a terminal; for scripts use `dossier entities` or `dossier mentions`"
        );
    }
    let (tx, rx) = mpsc::channel::<Event>();
    let worker_tx = tx.clone();
    // Loading and indexing yield to this thread, which answers the keys,
    // and no thread waits for a huge page to be zeroed.
    crate::heap::small_pages();
    crate::priority::background_pool();
    thread::Builder::new()
        .name("dossier-loader".into())
        .spawn(move || {
            crate::priority::lower_this_thread();
            ingest::run(&job, &|u| worker_tx.send(Event::Update(u)).is_ok());
        })?;
    let state = crate::reading_memory::StateFile::for_corpus(&roots);
    run_screen(
        tx,
        rx,
        config,
        problems,
        Box::new(move |app: &mut App| {
            if let Some(f) = state {
                app.attach_state(f);
            }
        }),
    )
}

/// Open the reader on the shared store `conn` names (see
/// [`crate::store::postgres`]): its articles and entities as last linked
/// (refused while articles wait for a worker or linking is stale), searches
/// through its full-text index, corrections as rows every open reader sees,
/// the reading state of the connection's user.
pub fn run_store(conn: &str) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal; for scripts use `dossier entities URL`");
    }
    let (config, problems) = Config::load();
    let (tx, rx) = mpsc::channel::<Event>();
    let wake = tx.clone();
    let (reader, analyses) = crate::app::shared::StoreReader::open(
        conn,
        Box::new(move || {
            let _ = wake.send(Event::Store);
        }),
    )?;
    let loader_tx = tx.clone();
    thread::Builder::new()
        .name("dossier-analyses".into())
        .spawn(move || {
            let _ = loader_tx.send(Event::Update(analyses.load()));
        })?;
    run_screen(
        tx,
        rx,
        config,
        problems,
        Box::new(move |app: &mut App| reader.install(app)),
    )
}

/// Take the screen and run the event loop over the events of `rx` until
/// the user quits; `setup` prepares the application before the first frame.
fn run_screen(
    tx: mpsc::Sender<Event>,
    rx: mpsc::Receiver<Event>,
    config: Config,
    problems: Vec<String>,
    setup: Box<dyn FnOnce(&mut App)>,
) -> anyhow::Result<()> {
    for p in &problems {
        crate::report::say(p);
    }
    spawn_signal_thread(tx.clone())?;
    install_crash_hook();
    let abort_guard = abort_guard::install();
    let mouse = config.terminal.mouse;
    let mut terminal = ratatui::init();
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let mut unsaved = Vec::new();
    let result = event_loop(
        &mut terminal,
        tx,
        &rx,
        config,
        &problems,
        setup,
        &mut unsaved,
    );
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // What could not be saved at quit is said where it stays seen.
    for e in unsaved {
        crate::report::say(e);
    }
    for id in abort_guard {
        signal_hook::low_level::unregister(id);
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    tx: mpsc::Sender<Event>,
    rx: &mpsc::Receiver<Event>,
    config: Config,
    problems: &[String],
    setup: Box<dyn FnOnce(&mut App)>,
    unsaved: &mut Vec<String>,
) -> anyhow::Result<()> {
    spawn_input_thread(tx)?;
    let size = terminal.size()?;
    let theme = Theme::with_colors(config.theme);
    let mouse = config.terminal.mouse;
    let mut app = App::with_settings(
        Corpus::default(),
        EntityIndex::default(),
        Rect::new(0, 0, size.width, size.height),
        config.keys,
        config.layout,
    );
    if let Some(n) = std::env::var(SORT_ON_THREAD_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
    {
        app.sidebar.background_from = n;
    }
    if let Some(first) = problems.first() {
        app.message = Some(match problems.len() {
            1 => first.clone(),
            n => format!("{first} (and {} more config problems)", n - 1),
        });
    }
    setup(&mut app);
    let result = run_loop(terminal, rx, &mut app, &theme, mouse);
    if let Err(e) = app.save_state_or_say() {
        unsaved.push(e);
    }
    let unsent = app.unsent_corrections();
    if !unsent.is_empty() {
        unsaved.push(format!(
            "{} corrections could not be written (the store is out of reach) and are lost: {}",
            unsent.len(),
            unsent.join("; ")
        ));
    }
    result
}

fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    rx: &mpsc::Receiver<Event>,
    app: &mut App,
    theme: &Theme,
    mouse: bool,
) -> anyhow::Result<()> {
    let panic_after_draw = std::env::var_os(PANIC_VAR).is_some();
    let abort_after_draw = std::env::var_os(ABORT_VAR).is_some();
    let hang_after_draw = std::env::var_os(HANG_VAR).is_some();
    loop {
        if app.dirty {
            terminal.draw(|f| ui::render(app, f, theme))?;
            app.dirty = false;
            if panic_after_draw {
                panic!("{PANIC_VAR} is set");
            }
            if abort_after_draw {
                std::process::abort();
            }
            if hang_after_draw {
                loop {
                    thread::park();
                }
            }
        }
        // A running search goes on between frames while no event waits.
        let first = if app.busy() {
            match rx.try_recv() {
                Ok(ev) => ev,
                Err(mpsc::TryRecvError::Empty) => {
                    app.poll_rewrap();
                    app.poll_filter();
                    app.poll_sidebar();
                    app.search_more();
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => return Ok(()),
            }
        } else if app.relinking() || app.rewrapping() || app.filtering() || app.sorting_sidebar() {
            // A re-link, a re-wrap, a list filter or the sidebar's rows
            // finished on a worker: its index, its wrap or its rows are
            // swapped in.
            let relinked = app.poll_relink();
            let rewrapped = app.poll_rewrap();
            let sorted = app.poll_sidebar();
            if app.poll_filter() || rewrapped || relinked || sorted {
                continue;
            }
            // Keys are answered while the workers run; they are polled often.
            match rx.recv_timeout(std::time::Duration::from_millis(15)) {
                Ok(ev) => ev,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            let Ok(first) = rx.recv() else {
                return Ok(());
            };
            first
        };
        // Take everything already waiting before drawing again; of a storm
        // of resizes only the last is applied (each re-wraps the article).
        let batch: Vec<Event> = std::iter::once(first)
            .chain(rx.try_iter().take(256))
            .collect();
        let last_resize = batch
            .iter()
            .rposition(|e| matches!(e, Event::Input(TermEvent::Resize(..))));
        for (i, ev) in batch.into_iter().enumerate() {
            if matches!(ev, Event::Input(TermEvent::Resize(..))) && Some(i) != last_resize {
                continue;
            }
            match ev {
                Event::Input(ev) => {
                    if let Some(action) = action_for(app, &ev) {
                        app.apply(action);
                    }
                }
                Event::Update(u) => app.on_update(u),
                Event::Store => {
                    app.poll_store();
                }
                Event::Signal => return Ok(()),
            }
            if app.quit {
                return Ok(());
            }
            if std::mem::take(&mut app.suspend) {
                suspend(terminal, mouse)?;
                // The terminal may have changed size meanwhile.
                let size = terminal.size()?;
                app.apply(Action::Resize(size.width, size.height));
                app.dirty = true;
            }
        }
    }
}

/// Ctrl-z: give the terminal back as it was (main screen, cooked mode,
/// cursor shown, no mouse capture), stop with SIGTSTP as a shell's job
/// does, and when the shell resumes dossier (`fg`, SIGCONT) take the
/// terminal again; the caller redraws everything.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    use ratatui::crossterm::{cursor, terminal as term};
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), cursor::Show);
    ratatui::restore();
    tracing::info!("suspended (SIGTSTP)");
    // SAFETY: raising a signal at ourselves; SIGTSTP's default action
    // stops the process until SIGCONT, and then `raise` returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    tracing::info!("resumed");
    term::enable_raw_mode()?;
    execute!(
        io::stdout(),
        term::EnterAlternateScreen,
        term::Clear(term::ClearType::All),
        cursor::Hide
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // A new terminal draws everything on the next frame. (Not
    // `Terminal::clear`: it asks the terminal where the cursor is, and the
    // answer would go to the input thread.)
    *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    Ok(())
}
