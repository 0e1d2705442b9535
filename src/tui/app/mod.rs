//! The app's state and `update`: an action in, the state changed and commands out. No I/O and no
//! awaiting here, so every key is answered at once and the logic is testable without a terminal.
//!
//! This file holds the state, the dispatch of actions, and loading; `keys.rs` what each key
//! does, `revoke.rs` the confirmations and their results, `outcome.rs` what each finished
//! command changes, and `clipboard.rs` copy, paste and the mouse.

use crate::auth0::ClientNames;

use crossterm::event::KeyEventKind;
use tui_input::Input;

use crate::auth0::management::MAX_PER_PAGE;
use crate::auth0::paging::PagesProgress;
use crate::auth0::{DeviceCredential, Grant, RateLimit, UserRow};
use crate::output::text::clean;
use crate::timefmt::Clock;

use super::action::{Action, PastedTokenAction, RequestId, RevokeTarget};
use super::command::Command;
mod clipboard;
mod keys;
mod outcome;
mod revoke;

use super::panes::{ErrorView, ListPane, MatchNotifier, Pane, Remote, SessionRow, TokenPane, UsersPane};

/// A confirmation that names exactly what will go.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub target: RevokeTarget,
}

#[derive(Debug, Clone)]
pub enum Popup {
    /// The key overlay, scrolled by this many lines.
    Help(u16),
    Confirm(Confirm),
    /// Which application a pasted refresh token belongs to; `input` while a client id is typed.
    ChooseApp {
        action: PastedTokenAction,
        input: Option<Input>,
    },
}

impl PartialEq for Popup {
    /// The typed client id compares by its text (tui-input's `Input` has no equality).
    fn eq(&self, other: &Popup) -> bool {
        match (self, other) {
            (Popup::Help(a), Popup::Help(b)) => a == b,
            (Popup::Confirm(a), Popup::Confirm(b)) => a == b,
            (Popup::ChooseApp { action: a, input: i }, Popup::ChooseApp { action: b, input: j }) => {
                a == b && i.as_ref().map(Input::value) == j.as_ref().map(Input::value)
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// What the status bar shows.
#[derive(Debug, Default)]
pub struct Status {
    pub rate_limit: Option<RateLimit>,
    pub in_flight: usize,
    /// A listing of many pages under way (shown until its last page is read).
    pub pages: Option<PagesProgress>,
    pub spinner: usize,
    pub message: Option<Message>,
}

#[derive(Debug)]
pub struct App {
    /// The tenant's host, for the status bar.
    pub tenant: String,
    /// The tenant's issuer (`{base}/`), which pasted tokens are checked against.
    pub issuer: Option<String>,
    /// The profile's applications (label, client id), for refresh tokens pasted in Token.
    pub apps: Vec<(String, String)>,
    pub read_only: bool,
    pub focus: Pane,
    pub users: UsersPane,
    pub grants: ListPane<Grant>,
    pub devices: ListPane<DeviceCredential>,
    pub sessions: ListPane<SessionRow>,
    pub token: TokenPane,
    /// The user Grants and Devices are about.
    pub selected_user: Option<UserRow>,
    /// client_id → application name; empty until loaded (or without read:clients).
    pub client_names: ClientNames,
    pub popup: Option<Popup>,
    pub status: Status,
    pub clock: Clock,
    pub should_quit: bool,
    /// Wakes the event loop when the local filter has new matches.
    pub filter_notifier: MatchNotifier,
    last_request: u64,
}

impl App {
    pub fn new(tenant: String, read_only: bool, clock: Clock) -> App {
        App {
            tenant,
            issuer: None,
            apps: Vec::new(),
            read_only,
            focus: Pane::Users,
            users: UsersPane::default(),
            grants: ListPane::default(),
            devices: ListPane::default(),
            sessions: ListPane::default(),
            token: TokenPane::default(),
            selected_user: None,
            client_names: ClientNames::default(),
            popup: None,
            status: Status::default(),
            clock,
            should_quit: false,
            filter_notifier: MatchNotifier::default(),
            last_request: 0,
        }
    }

    /// What to fetch when the app opens: the first page of users and the application names.
    pub fn start(&mut self) -> Vec<Command> {
        let mut commands = self.reload_users(None);
        commands.push(self.track_request(Command::LoadClientNames));
        commands
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let commands = self.apply(action);
        // New rows (pages, export batches) join the local filter, and its latest matches show.
        if let Some(filter) = &mut self.users.filter {
            filter.sync_rows(&self.users.rows);
            filter.tick(0);
            let len = filter.matches.len();
            self.users.selection.clamp(len);
        }
        commands
    }

    fn apply(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Action::Key(_) | Action::Resize => Vec::new(),
            Action::Paste(text) => self.on_paste(text.into_inner()),
            Action::Mouse(mouse) => self.on_mouse(mouse),
            Action::Tick(clock) => {
                self.clock = clock;
                if self.status.in_flight > 0 {
                    self.status.spinner = self.status.spinner.wrapping_add(1);
                }
                Vec::new()
            }
            Action::Done(outcome) => {
                if outcome.was_network() {
                    self.status.in_flight = self.status.in_flight.saturating_sub(1);
                }
                self.on_outcome(outcome)
            }
            Action::Notice(text) => {
                self.status.message = Some(Message::Info(clean(&text)));
                Vec::new()
            }
            Action::RateLimit(limit) => {
                self.status.rate_limit = Some(limit);
                Vec::new()
            }
            // The matches are taken after every action (see `update`).
            Action::FilterMatched => Vec::new(),
            Action::Pages(progress) => {
                self.status.pages = (progress.done < progress.total).then_some(progress);
                Vec::new()
            }
        }
    }

    // ---- users ----

    fn reload_users(&mut self, query: Option<String>) -> Vec<Command> {
        let req = self.next_request();
        let (query, page) = self.users.restart(query, req);
        vec![self.track_request(Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE })]
    }

    fn load_more_users(&mut self) -> Vec<Command> {
        let mut req = None;
        let due = self.users.next_page_due(|| {
            let id = RequestId(self.last_request + 1);
            req = Some(id);
            id
        });
        match (due, req) {
            (Some((query, page)), Some(req)) => {
                self.last_request = req.0;
                vec![self.track_request(Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE })]
            }
            _ => Vec::new(),
        }
    }

    fn select_highlighted_user(&mut self) -> Vec<Command> {
        let Some(user) = self.users.highlighted().cloned() else {
            return Vec::new();
        };
        let Some(user_id) = user.user_id().map(str::to_string) else {
            self.status.message = Some(Message::Error("this user has no user_id".into()));
            return Vec::new();
        };
        let label = clean(user.name().or(user.email()).unwrap_or(&user_id));
        self.selected_user = Some(user);
        self.status.message = Some(Message::Info(format!(
            "selected {label}: 2 shows their grants, 3 their devices, 5 their sessions"
        )));
        let mut commands = self.load_grants(&user_id);
        commands.extend(self.load_devices(&user_id));
        commands.extend(self.load_sessions(&user_id));
        commands
    }

    fn load_grants(&mut self, user_id: &str) -> Vec<Command> {
        let req = self.next_request();
        self.grants.start_loading(req, user_id);
        vec![self.track_request(Command::LoadGrants { req, user_id: user_id.to_string() })]
    }

    fn load_sessions(&mut self, user_id: &str) -> Vec<Command> {
        let req = self.next_request();
        self.sessions.start_loading(req, user_id);
        vec![self.track_request(Command::LoadSessions { req, user_id: user_id.to_string() })]
    }

    fn load_devices(&mut self, user_id: &str) -> Vec<Command> {
        let req = self.next_request();
        self.devices.start_loading(req, user_id);
        vec![self.track_request(Command::LoadDevices { req, user_id: user_id.to_string() })]
    }

    fn reload_pane(&mut self) -> Vec<Command> {
        match self.focus {
            Pane::Users => self.reload_users(self.users.query.clone()),
            Pane::Grants | Pane::Devices | Pane::Sessions => {
                let Some(user_id) = self.selected_user_id() else {
                    self.status.message =
                        Some(Message::Info("select a user first: Enter in Users (1)".into()));
                    return Vec::new();
                };
                match self.focus {
                    Pane::Grants => self.load_grants(&user_id),
                    Pane::Devices => self.load_devices(&user_id),
                    _ => self.load_sessions(&user_id),
                }
            }
            Pane::Token => Vec::new(),
        }
    }

    pub fn selected_user_id(&self) -> Option<String> {
        self.selected_user.as_ref()?.user_id().map(str::to_string)
    }

    /// The application's name when known, else its client id.
    pub fn application(&self, client_id: Option<&str>) -> String {
        self.client_names.application(client_id)
    }

    // ---- plumbing ----

    fn next_request(&mut self) -> RequestId {
        self.last_request += 1;
        RequestId(self.last_request)
    }

    /// Counts `command` as a request in flight (the status bar shows how many), and returns it.
    fn track_request(&mut self, command: Command) -> Command {
        self.status.in_flight += 1;
        command
    }
}

fn remote<T>(result: Result<T, crate::auth0::Auth0Error>) -> Remote<T> {
    match result {
        Ok(value) => Remote::Loaded(value),
        Err(err) => Remote::Failed(ErrorView::from(&err)),
    }
}
