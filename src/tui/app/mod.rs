//! The app's state and `update`: an action in, the state changed and commands out. No I/O and no
//! awaiting here, so every key is answered at once and the logic is testable without a terminal.
//!
//! This file holds the state, the dispatch of actions and keys, and loading; `revoke.rs` the
//! confirmations and their results, `outcome.rs` what each finished command changes, and
//! `clipboard.rs` copy, paste and the mouse.

use crate::auth0::ClientNames;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::auth0::management::MAX_PER_PAGE;
use crate::auth0::paging::PagesProgress;
use crate::auth0::{DeviceCredential, Grant, RateLimit, UserRow};
use crate::output::text::clean;
use crate::timefmt::Clock;

use super::action::{Action, PastedTokenAction, RequestId, RevokeTarget};
use super::command::Command;
use super::keymap::{self, KeyAction};
mod clipboard;
mod outcome;
mod revoke;

use super::panes::{
    ErrorView, ListPane, LocalFilter, MatchNotifier, Pane, Remote, SessionRow, TokenPane, UsersPane,
};

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

    // ---- keys ----

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.should_quit = true;
            return Vec::new();
        }
        if let Some(popup) = self.popup.clone() {
            return self.on_popup_key(popup, key);
        }
        if self.focus == Pane::Users && self.users.search.is_some() {
            return self.on_search_key(key);
        }
        if self.focus == Pane::Users && self.users.filter.as_ref().is_some_and(|f| f.editing) {
            return self.on_filter_key(key);
        }
        match keymap::lookup(self.focus, key) {
            Some(binding) => self.perform(binding.action),
            None => Vec::new(),
        }
    }

    fn on_popup_key(&mut self, popup: Popup, key: KeyEvent) -> Vec<Command> {
        match popup {
            Popup::Help(scroll) => {
                self.popup = match key.code {
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => None,
                    KeyCode::Char('j') | KeyCode::Down | KeyCode::PageDown => {
                        Some(Popup::Help(scroll.saturating_add(1)))
                    }
                    KeyCode::Char('k') | KeyCode::Up | KeyCode::PageUp => {
                        Some(Popup::Help(scroll.saturating_sub(1)))
                    }
                    _ => Some(Popup::Help(scroll)),
                };
                Vec::new()
            }
            Popup::ChooseApp { action, input } => self.on_choose_app_key(action, input, key),
            Popup::Confirm(confirm) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.popup = None;
                    self.status.message =
                        Some(Message::Info(format!("revoking {}…", clean(&confirm.target.describe_short()))));
                    vec![self.track_request(Command::Revoke(confirm.target))]
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                    self.popup = None;
                    self.status.message = Some(Message::Info("cancelled; nothing was revoked".into()));
                    Vec::new()
                }
                _ => Vec::new(),
            },
        }
    }

    fn on_search_key(&mut self, key: KeyEvent) -> Vec<Command> {
        match key.code {
            KeyCode::Esc => {
                self.users.search = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let text = self.users.search.take().map(|i| i.value().trim().to_string()).unwrap_or_default();
                self.reload_users((!text.is_empty()).then_some(text))
            }
            _ => {
                if let Some(input) = &mut self.users.search {
                    input.handle_event(&crossterm::event::Event::Key(key));
                }
                Vec::new()
            }
        }
    }

    /// Typing in the local filter: every keystroke re-filters, waiting at most a few
    /// milliseconds for the matcher.
    fn on_filter_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(filter) = &mut self.users.filter else { return Vec::new() };
        match key.code {
            KeyCode::Esc => {
                self.users.filter = None;
                self.users.selection.reset();
            }
            KeyCode::Enter => filter.editing = false,
            _ => {
                let previous = filter.input.value().to_string();
                filter.input.handle_event(&crossterm::event::Event::Key(key));
                if filter.input.value() != previous {
                    filter.pattern_changed(&previous);
                    filter.tick(super::panes::KEYSTROKE_WAIT_MS);
                    self.users.selection.reset();
                }
            }
        }
        Vec::new()
    }

    fn perform(&mut self, action: KeyAction) -> Vec<Command> {
        if action.is_destructive() && self.read_only {
            self.status.message = Some(Message::Error(
                "--read-only is set: revoking is unavailable; restart without --read-only to revoke".into(),
            ));
            return Vec::new();
        }
        match action {
            KeyAction::Quit => {
                self.should_quit = true;
                Vec::new()
            }
            KeyAction::Help => {
                self.popup = Some(Popup::Help(0));
                Vec::new()
            }
            KeyAction::NextPane => self.focus_pane(self.focus.next()),
            KeyAction::PrevPane => self.focus_pane(self.focus.previous()),
            KeyAction::GoTo(pane) => self.focus_pane(pane),
            KeyAction::Down => self.move_cursor(|s, len| s.down(len, 1)),
            KeyAction::Up => self.move_cursor(|s, _| s.up(1)),
            KeyAction::Top => self.move_cursor(|s, _| s.top()),
            KeyAction::Bottom => self.move_cursor(|s, len| s.bottom(len)),
            KeyAction::PageDown => self.move_cursor(|s, len| {
                let page = s.page();
                s.down(len, page)
            }),
            KeyAction::PageUp => self.move_cursor(|s, _| {
                let page = s.page();
                s.up(page)
            }),
            KeyAction::Search => {
                let current = self.users.query.clone().unwrap_or_default();
                self.users.search = Some(Input::new(current));
                Vec::new()
            }
            KeyAction::SelectUser => self.select_highlighted_user(),
            KeyAction::Filter => {
                let notifier = self.filter_notifier.clone();
                let filter = self.users.filter.get_or_insert_with(|| LocalFilter::new(notifier));
                filter.editing = true;
                Vec::new()
            }
            KeyAction::Revoke => self.ask_revoke_one(),
            KeyAction::RevokeAll => self.ask_revoke_all(),
            KeyAction::Reload => self.reload_pane(),
            KeyAction::Copy => self.copy(),
            KeyAction::PasteClipboard => vec![Command::ReadClipboard],
            KeyAction::OpenSubject => self.open_subject(),
            KeyAction::RevokeEverything => self.ask_revoke_everything(),
            KeyAction::ExportAll => {
                let req = self.next_request();
                self.users.start_export(req);
                self.status.message = Some(Message::Info("loading every user through an export job…".into()));
                vec![self.track_request(Command::ExportUsers { req })]
            }
            KeyAction::RevokePastedToken => self.choose_app(PastedTokenAction::Revoke),
            KeyAction::VerifyPastedToken => self.choose_app(PastedTokenAction::Verify),
            KeyAction::ClearToken => {
                self.token.clear();
                self.status.message = Some(Message::Info("token cleared".into()));
                Vec::new()
            }
        }
    }

    fn focus_pane(&mut self, pane: Pane) -> Vec<Command> {
        self.focus = pane;
        Vec::new()
    }

    fn move_cursor(&mut self, step: impl FnOnce(&mut super::panes::Selection, usize)) -> Vec<Command> {
        match self.focus {
            Pane::Users => {
                let len = self.users.visible_len();
                step(&mut self.users.selection, len);
                self.load_more_users()
            }
            Pane::Grants => {
                let len = self.grants.len();
                step(&mut self.grants.selection, len);
                Vec::new()
            }
            Pane::Devices => {
                let len = self.devices.len();
                step(&mut self.devices.selection, len);
                Vec::new()
            }
            Pane::Sessions => {
                let len = self.sessions.len();
                step(&mut self.sessions.selection, len);
                Vec::new()
            }
            Pane::Token => {
                let mut scroll =
                    super::panes::Selection { selected: self.token.scroll as usize, ..Default::default() };
                step(&mut scroll, usize::from(u16::MAX));
                self.token.scroll = scroll.selected.min(u16::MAX as usize) as u16;
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
