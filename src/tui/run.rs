//! The event loop, generic over ratatui's backend so tests drive the real app on a `TestBackend`,
//! and the terminal set-up around it for the real thing.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, EventStream,
};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{self, UnboundedReceiver};

use crate::auth0::{Http, HttpEvent, HttpOptions, ManagementClient};
use crate::config::Settings;
use crate::timefmt::Clock;

use super::action::Action;
use super::app::App;
use super::command::Runner;
use super::panes::MatchNotifier;
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
}

/// Runs until the user quits. `events` are the terminal's; `clock` is read on every tick.
pub async fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: impl Stream<Item = io::Result<Event>> + Unpin,
    runner: &mut Runner,
    actions: &mut UnboundedReceiver<Action>,
    osc52: &mut dyn Write,
    clock: impl Fn() -> Clock,
) -> Result<(), RunError>
where
    B::Error: Send + Sync + 'static,
{
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
}

/// Opens the terminal UI on `settings` and restores the terminal however it ends.
pub async fn run(settings: Settings, options: RunOptions) -> Result<(), RunError> {
    let RunOptions { audit, stand_in, color } = options;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let notices = tx.clone();
    let wake = tx.clone();
    let options = HttpOptions { ca_certs: settings.ca_certs, ..HttpOptions::default() };
    let http = Http::new(options)
        .map_err(|e| RunError::Terminal(io::Error::other(e.to_string())))?
        .with_events(Arc::new(move |event| {
            let action = match event {
                HttpEvent::Pages(progress) => Action::Pages(progress),
                HttpEvent::RateLimit(limit) => Action::RateLimit(limit),
                waiting => Action::Notice(waiting.to_string()),
            };
            let _ = notices.send(action);
        }));
    let tenant = settings.tenant.host().to_string();
    // The app sees labels and client ids; the secrets stay with the runner.
    let apps: Vec<(String, String)> =
        settings.apps.iter().map(|(label, app)| (label.clone(), app.client_id.clone())).collect();
    let app_secrets = settings.apps.clone();
    let issuer = settings.tenant.issuer();
    let client = ManagementClient::new(http, settings.tenant, settings.credentials, settings.read_only);
    let mut runner = Runner::new(client, tx.clone()).with_apps(app_secrets);
    if let Some(stand_in) = stand_in {
        runner = runner.with_stand_in(stand_in);
    }
    if let Some(log) = audit {
        if let Some(warning) = log.permission_warning() {
            let _ = tx.send(Action::Notice(format!("warning: {warning}")));
        }
        runner = runner.with_audit(log);
    }
    let mut app = App::new(tenant, settings.read_only, Clock::system());
    app.color = color;
    app.profile = settings.profile.clone();
    app.profile_color = settings.color.clone();
    app.filter_notifier = MatchNotifier::new(move || {
        let _ = wake.send(Action::FilterMatched);
    });
    app.issuer = Some(issuer);
    app.apps = apps;
    app.history = super::history::load();

    let mut terminal = ratatui::init();
    install_panic_hook();
    let result = match crossterm::execute!(terminal_out(), EnableBracketedPaste, EnableMouseCapture) {
        Ok(()) => {
            panic_if_asked();
            let events = EventStream::new();
            event_loop(
                &mut terminal,
                &mut app,
                events,
                &mut runner,
                &mut actions,
                &mut terminal_out(),
                Clock::system,
            )
            .await
        }
        Err(err) => Err(RunError::Terminal(err)),
    };
    restore();
    super::history::save(&app.history);
    result
}

fn restore() {
    let _ = crossterm::execute!(terminal_out(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// Debug builds only: panics on the main thread once the terminal is set up, when
/// `TENANTSCOPE_TEST_PANIC` is set, so a test can prove that the terminal is restored.
fn panic_if_asked() {
    #[cfg(debug_assertions)]
    if std::env::var_os("TENANTSCOPE_TEST_PANIC").is_some() {
        panic!("a panic on the main thread, asked for by TENANTSCOPE_TEST_PANIC");
    }
}

/// ratatui's hook restores the screen and raw mode; this one also turns off mouse capture and
/// bracketed paste, so a panic leaves a usable shell.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(terminal_out(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}
