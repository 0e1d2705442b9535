//! The event loop, generic over ratatui's backend so tests drive the real app on a `TestBackend`,
//! and the terminal set-up around it for the real thing.

use std::io::{self, Write};
use std::time::Duration;

use base64::Engine;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, EventStream,
};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::config::Settings;
use crate::timefmt::Clock;

use super::action::Action;
use super::app::App;
use super::command::Runner;
use super::keybind::KeyBindings;
use super::tenant::{Connection, Switch, connect, switcher};
use super::ui;

/// How often the spinner turns and relative times move on.
const TICK: Duration = Duration::from_millis(100);

/// Why the loop stopped other than by the user quitting.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("the terminal failed: {0}")]
    Terminal(#[from] io::Error),
    #[error("a background task failed: {0}")]
    Task(String),
    /// The config file's `[keys]` cannot be applied: the message names the file and the line.
    #[error("{0}")]
    Keys(String),
}

/// The tenant the loop talks to: the runner of its tasks, and the channel they answer on.
pub struct Link<'a> {
    pub runner: &'a mut Runner,
    pub actions: &'a mut UnboundedReceiver<Action>,
}

/// Runs until the user quits. `events` are the terminal's; `clock` is read on every tick;
/// `switch` connects to another profile when `:ctx` asks.
pub async fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: impl Stream<Item = io::Result<Event>> + Unpin,
    link: Link<'_>,
    osc52: &mut dyn Write,
    clock: impl Fn() -> Clock,
    switch: &mut Switch,
) -> Result<(), RunError>
where
    B::Error: Send + Sync + 'static,
{
    let Link { runner, actions } = link;
    for command in app.start() {
        runner.spawn(command);
    }
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while !app.should_quit {
        terminal.draw(|frame| ui::draw(app, frame)).map_err(|e| RunError::Terminal(io::Error::other(e)))?;
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match from_terminal(event) {
                    Some(action) => action,
                    None => continue,
                },
                Some(Err(err)) => return Err(RunError::Terminal(err)),
                None => return Ok(()),
            },
            Some(action) = actions.recv() => action,
            _ = tick.tick() => Action::Tick(clock()),
            finished = runner.next_finished() => match finished {
                Ok(()) => continue,
                Err(err) => return Err(RunError::Task(err.to_string())),
            },
        };
        for command in app.update(action) {
            runner.spawn(command);
        }
        if let Some(text) = app.take_osc52() {
            write_osc52(osc52, &text)?;
        }
        if let Some(profile) = app.take_switch() {
            match switch(&profile) {
                // The old runner goes with its tasks, and its channel with their answers.
                Ok(connection) => {
                    *runner = connection.runner;
                    *actions = connection.actions;
                    for command in app.switched(connection.info) {
                        runner.spawn(command);
                    }
                }
                Err(problem) => app
                    .status
                    .error(crate::output::text::clean(&format!("could not switch to {profile}: {problem}"))),
            }
        }
    }
    Ok(())
}

fn from_terminal(event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => Some(Action::Key(key)),
        Event::Paste(text) => Some(Action::Paste(text.into())),
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        Event::Resize(_, _) => Some(Action::Resize),
        _ => None,
    }
}

/// The terminal the UI owns. What reaches it is ratatui's drawing, tenantscope's own control
/// sequences, and OSC 52 (base64): never text from the tenant as it came.
#[allow(clippy::disallowed_methods)]
fn terminal_out() -> io::Stdout {
    io::stdout()
}

/// Copies through the terminal: `ESC ] 52 ; c ; base64 BEL`.
fn write_osc52(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// How the terminal UI runs, besides the tenant's settings.
#[derive(Default)]
pub struct RunOptions {
    /// Where revokes are recorded.
    pub audit: Option<crate::audit::AuditLog>,
    /// Logs users in at the login page in place of a person (the demo's).
    pub stand_in: Option<crate::auth0::login::StandIn>,
    /// Draw in colour (`--color`, `NO_COLOR`).
    pub color: bool,
    /// How the session was connected, so `:ctx NAME` can connect to another profile (none in
    /// the demo).
    pub switching: Option<crate::config::ConnectionArgs>,
    /// Keys rebound in the config file, and the file they came from.
    pub keys: Vec<crate::config::keys::KeyEntry>,
    pub keys_file: Option<std::path::PathBuf>,
}

/// Opens the terminal UI on `settings` and restores the terminal however it ends.
pub async fn run(settings: Settings, options: RunOptions) -> Result<(), RunError> {
    let RunOptions { audit, stand_in, color, switching, keys, keys_file } = options;
    // An export's spool left behind by a crash holds users' data: it goes now.
    crate::roster::spool::remove_orphans();
    // A key conflict stops the start, before the terminal is taken, naming its line.
    let keys = KeyBindings::build(&keys, &Default::default()).map_err(|problem| {
        let file = keys_file.map(|f| format!("{}, ", f.display())).unwrap_or_default();
        RunError::Keys(format!("The config file's [keys] cannot be used: {file}{problem}."))
    })?;
    let Connection { mut runner, mut actions, info } =
        connect(settings, audit.clone(), stand_in).map_err(|e| RunError::Terminal(io::Error::other(e)))?;
    let mut app = App::new(info.host, info.read_only, Clock::system());
    app.color = color;
    app.keys = keys;
    app.profile = info.profile;
    app.profile_color = info.color;
    app.issuer = Some(info.issuer);
    app.apps = info.apps;
    app.history = super::history::load();
    let profiles = switching.as_ref().map(crate::config::profile_domains).unwrap_or_default();
    app.profiles = profiles.iter().map(|(name, _)| name.clone()).collect();
    app.profile_domains = profiles.into_iter().filter_map(|(name, domain)| Some((name, domain?))).collect();
    let mut switch: Box<Switch> = match switching {
        Some(args) => Box::new(switcher(args, audit)),
        None => Box::new(|_: &str| Err("the demo has one tenant".to_string())),
    };

    let mut terminal = take_terminal()?;
    let result = match crossterm::execute!(terminal_out(), EnableBracketedPaste, EnableMouseCapture) {
        Ok(()) => {
            panic_if_asked();
            let events = EventStream::new();
            event_loop(
                &mut terminal,
                &mut app,
                events,
                Link { runner: &mut runner, actions: &mut actions },
                &mut terminal_out(),
                Clock::system,
                &mut *switch,
            )
            .await
        }
        Err(err) => Err(RunError::Terminal(err)),
    };
    restore();
    super::history::save(&app.history);
    result
}

/// Raw mode and the alternate screen; from here until [`restore`], a panic that is not caught
/// in a task gives the terminal back before the process ends (see [`crate::crash`]).
/// (`ratatui::init` is not used: its panic hook would restore the terminal for a task's panic
/// too, which the app survives.)
fn take_terminal() -> io::Result<ratatui::DefaultTerminal> {
    crossterm::terminal::enable_raw_mode()?;
    crate::crash::terminal_taken(Some(restore));
    crossterm::execute!(terminal_out(), crossterm::terminal::EnterAlternateScreen)?;
    Terminal::new(ratatui::backend::CrosstermBackend::new(terminal_out()))
}

/// Mouse capture and bracketed paste off, raw mode off, the main screen, the cursor shown.
fn restore() {
    let _ = crossterm::execute!(terminal_out(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = crossterm::execute!(terminal_out(), crossterm::cursor::Show);
    crate::crash::terminal_taken(None);
}

/// Debug builds only: panics on the main thread once the terminal is set up, when
/// `TENANTSCOPE_TEST_PANIC` is set, so a test can prove that the terminal is restored.
fn panic_if_asked() {
    #[cfg(debug_assertions)]
    if std::env::var_os("TENANTSCOPE_TEST_PANIC").is_some() {
        panic!("a panic on the main thread, asked for by TENANTSCOPE_TEST_PANIC");
    }
}
