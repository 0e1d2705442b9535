//! The app's state and `update`: an action in, the state changed and commands out. No I/O and no
//! awaiting here, so every key is answered at once and the logic is testable without a terminal.

use std::collections::HashMap;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::auth0::management::MAX_PER_PAGE;
use crate::auth0::{Deleted, DeviceCredential, Grant, RateLimit, UserRow};
use crate::sanitize::clean;
use crate::timefmt::Clock;

use super::action::{Action, AppChoice, HeldAction, HeldOutcome, Outcome, RequestId, RevokeTarget};
use super::command::Command;
use super::keymap::{self, KeyAction};
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
        action: HeldAction,
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
    pub client_names: HashMap<String, String>,
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
            client_names: HashMap::new(),
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
        commands.push(self.network(Command::LoadClientNames));
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
            Action::Paste(text) => self.on_paste(text),
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
                        Some(Message::Info(format!("revoking {}…", clean(&confirm.target.describe()))));
                    vec![self.network(Command::Revoke(confirm.target))]
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
                vec![self.network(Command::ExportUsers { req })]
            }
            KeyAction::RevokeHeldToken => self.choose_app(HeldAction::Revoke),
            KeyAction::VerifyHeldToken => self.choose_app(HeldAction::Verify),
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
        vec![self.network(Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE })]
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
                vec![self.network(Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE })]
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
        vec![self.network(Command::LoadGrants { req, user_id: user_id.to_string() })]
    }

    fn load_sessions(&mut self, user_id: &str) -> Vec<Command> {
        let req = self.next_request();
        self.sessions.start_loading(req, user_id);
        vec![self.network(Command::LoadSessions { req, user_id: user_id.to_string() })]
    }

    fn load_devices(&mut self, user_id: &str) -> Vec<Command> {
        let req = self.next_request();
        self.devices.start_loading(req, user_id);
        vec![self.network(Command::LoadDevices { req, user_id: user_id.to_string() })]
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
        let id = client_id.unwrap_or_default();
        self.client_names.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    // ---- revoking ----

    fn ask_revoke_one(&mut self) -> Vec<Command> {
        let user = self.selected_user_id();
        let confirm = match self.focus {
            Pane::Grants => self.grants.highlighted().and_then(|grant| {
                let id = grant.id()?.to_string();
                Some(Confirm {
                    title: "Revoke this grant?".into(),
                    lines: vec![
                        format!("Application: {}", self.application(grant.client_id())),
                        format!("Audience:    {}", grant.audience().unwrap_or_default()),
                        format!("Scopes:      {}", grant.scopes().join(" ")),
                        format!("User:        {}", grant.user_id().unwrap_or_default()),
                        format!("Grant id:    {id}"),
                        String::new(),
                        "The application loses access, and the refresh tokens issued under this grant stop working.".into(),
                    ],
                    target: RevokeTarget::Grant { id, user_id: user.clone() },
                })
            }),
            Pane::Devices => self.devices.highlighted().and_then(|device| {
                let id = device.id()?.to_string();
                Some(Confirm {
                    title: "Revoke this device credential?".into(),
                    lines: vec![
                        format!("Device:      {}", device.device_name().unwrap_or_default()),
                        format!("Type:        {}", device.kind().unwrap_or_default()),
                        format!("Application: {}", self.application(device.client_id())),
                        format!("User:        {}", device.user_id().unwrap_or_default()),
                        format!("Id:          {id}"),
                        String::new(),
                        "A refresh token held by this credential stops working.".into(),
                    ],
                    target: RevokeTarget::Device { id, user_id: user.clone() },
                })
            }),
            Pane::Sessions => self.sessions.highlighted().and_then(|row| {
                let id = row.id()?.to_string();
                Some(match row {
                    SessionRow::Session(session) => Confirm {
                        title: "Revoke this session?".into(),
                        lines: vec![
                            format!("Session:      {id}"),
                            format!("Last IP:      {}", session.device("last_ip").unwrap_or_default()),
                            format!("Device:       {}", session.device("last_user_agent").unwrap_or_default()),
                            format!(
                                "Applications: {}",
                                session.client_ids().iter().map(|c| self.application(Some(c))).collect::<Vec<_>>().join(", ")
                            ),
                            String::new(),
                            "The user is signed out there, and the refresh tokens issued in it stop working.".into(),
                        ],
                        target: RevokeTarget::Session { id, user_id: user.clone() },
                    },
                    SessionRow::RefreshToken(token) => Confirm {
                        title: "Revoke this refresh token?".into(),
                        lines: vec![
                            format!("Refresh token: {id}"),
                            format!("Application:   {}", self.application(token.client_id())),
                            format!("Audience:      {}", token.audiences().join(" ")),
                            String::new(),
                            "The application can no longer renew the user's access with it.".into(),
                        ],
                        target: RevokeTarget::RefreshToken { id, user_id: user.clone() },
                    },
                })
            }),
            _ => None,
        };
        self.popup = confirm.map(|c| Popup::Confirm(sanitized(c)));
        Vec::new()
    }

    /// One confirmation listing everything of the selected user that will go.
    fn ask_revoke_everything(&mut self) -> Vec<Command> {
        let Some(user_id) = self.selected_user_id() else {
            self.status.message = Some(Message::Info("select a user first: Enter in Users (1)".into()));
            return Vec::new();
        };
        let (Some(grants), Some(devices)) = (self.grants.items.loaded(), self.devices.items.loaded()) else {
            self.status.message =
                Some(Message::Info("wait until the user's grants and devices have loaded (2, 3)".into()));
            return Vec::new();
        };
        let mut lines = Vec::new();
        for grant in grants {
            lines.push(format!(
                "grant          {} → {}",
                self.application(grant.client_id()),
                grant.audience().unwrap_or_default()
            ));
        }
        for device in devices {
            lines.push(format!(
                "device         {} ({}, {})",
                device.device_name().unwrap_or_default(),
                device.kind().unwrap_or_default(),
                self.application(device.client_id())
            ));
        }
        let with_sessions = matches!(self.sessions.items, Remote::Loaded(_));
        match self.sessions.items.loaded() {
            Some(rows) => {
                let sessions = rows.iter().filter(|r| matches!(r, SessionRow::Session(_))).count();
                lines.push(format!("refresh tokens {} (every one of the user's)", rows.len() - sessions));
                lines.push(format!("sessions       {sessions} (the user is signed out everywhere)"));
            }
            None => lines.push("sessions and refresh tokens: not available on this tenant".into()),
        }
        lines.push(String::new());
        lines.push(
            "Applications lose access, refresh tokens stop working, and the user is signed out.".into(),
        );
        let devices = devices.iter().filter_map(|d| d.id().map(str::to_string)).collect();
        let confirm = Confirm {
            title: format!("Revoke everything of {user_id}?"),
            lines,
            target: RevokeTarget::Everything { user_id, devices, with_sessions },
        };
        self.popup = Some(Popup::Confirm(sanitized(confirm)));
        Vec::new()
    }

    /// R and V on a pasted refresh token: first, which application it belongs to.
    fn choose_app(&mut self, action: HeldAction) -> Vec<Command> {
        if !matches!(self.token.decoded, Some(Ok(crate::token::Decoded::OpaqueRefreshToken))) {
            self.status.message =
                Some(Message::Info("R and V work on a refresh token (v1.…) pasted here".into()));
            return Vec::new();
        }
        self.popup = Some(Popup::ChooseApp { action, input: None });
        Vec::new()
    }

    fn on_choose_app_key(&mut self, action: HeldAction, input: Option<Input>, key: KeyEvent) -> Vec<Command> {
        let chosen = match (input, key.code) {
            (_, KeyCode::Esc) => {
                self.popup = None;
                return Vec::new();
            }
            (Some(input), KeyCode::Enter) => {
                let client_id = input.value().trim().to_string();
                (!client_id.is_empty()).then_some(AppChoice { label: None, client_id })
            }
            (Some(mut input), _) => {
                input.handle_event(&crossterm::event::Event::Key(key));
                self.popup = Some(Popup::ChooseApp { action, input: Some(input) });
                return Vec::new();
            }
            (None, KeyCode::Char('i')) => {
                self.popup = Some(Popup::ChooseApp { action, input: Some(Input::default()) });
                return Vec::new();
            }
            (None, KeyCode::Char(c)) => c
                .to_digit(10)
                .and_then(|n| self.apps.get((n as usize).checked_sub(1)?))
                .map(|(label, client_id)| AppChoice {
                    label: Some(label.clone()),
                    client_id: client_id.clone(),
                }),
            _ => None,
        };
        let (Some(app), Some(token)) = (chosen, self.token.raw_text()) else { return Vec::new() };
        self.popup = None;
        self.status.message = Some(Message::Info(match action {
            HeldAction::Revoke => "revoking the refresh token, then proving it dead (up to 10 s)…".into(),
            HeldAction::Verify => "probing the refresh token…".into(),
        }));
        vec![self.network(Command::HeldToken { action, app, token })]
    }

    fn ask_revoke_all(&mut self) -> Vec<Command> {
        let (Some(user_id), Some(grants)) = (self.selected_user_id(), self.grants.items.loaded()) else {
            return Vec::new();
        };
        if grants.is_empty() {
            self.status.message = Some(Message::Info("this user has no grants to revoke".into()));
            return Vec::new();
        }
        let mut lines: Vec<String> = grants
            .iter()
            .map(|g| {
                format!(
                    "{} → {} [{}]",
                    self.application(g.client_id()),
                    g.audience().unwrap_or_default(),
                    g.id().unwrap_or_default()
                )
            })
            .collect();
        lines.push(String::new());
        lines.push("Every application above loses access, and their refresh tokens stop working.".into());
        let confirm = Confirm {
            title: format!("Revoke all {} grants of {user_id}?", grants.len()),
            lines,
            target: RevokeTarget::AllGrants { user_id, count: grants.len() },
        };
        self.popup = Some(Popup::Confirm(sanitized(confirm)));
        Vec::new()
    }

    // ---- copy and paste ----

    fn copy(&mut self) -> Vec<Command> {
        let copied = match self.focus {
            Pane::Sessions => {
                self.sessions.highlighted().and_then(SessionRow::id).map(|id| ("id", id.to_string()))
            }
            Pane::Users => {
                self.users.highlighted().and_then(UserRow::user_id).map(|id| ("user id", id.to_string()))
            }
            Pane::Grants => {
                self.grants.highlighted().and_then(Grant::id).map(|id| ("grant id", id.to_string()))
            }
            Pane::Devices => self
                .devices
                .highlighted()
                .and_then(DeviceCredential::id)
                .map(|id| ("device credential id", id.to_string())),
            Pane::Token => self.token.claims_json().map(|json| ("claims JSON", json)),
        };
        match copied {
            Some((what, text)) => vec![Command::CopyToClipboard { what: what.into(), text }],
            None => {
                self.status.message = Some(Message::Info("nothing to copy here".into()));
                Vec::new()
            }
        }
    }

    fn on_paste(&mut self, text: String) -> Vec<Command> {
        if let (Pane::Users, Some(input)) = (self.focus, &mut self.users.search) {
            let single_line = clean(&text);
            let value = format!("{}{single_line}", input.value());
            *input = Input::new(value);
            return Vec::new();
        }
        if self.focus == Pane::Token {
            self.status.message = Some(Message::Info("token pasted (kept in memory only)".into()));
            return self.take_token(text);
        } else {
            self.status.message =
                Some(Message::Info("to decode a token, paste it in the Token pane (4)".into()));
        }
        Vec::new()
    }

    /// Shows a pasted token and asks for its signature to be checked.
    fn take_token(&mut self, text: String) -> Vec<Command> {
        let req = self.next_request();
        match self.token.set(text, req) {
            Some(token) => vec![self.network(Command::VerifyToken { req, token })],
            None => Vec::new(),
        }
    }

    /// Opens the token's user in the Users pane, searching by user_id.
    fn open_subject(&mut self) -> Vec<Command> {
        let Some(sub) = self.token.subject_user() else {
            self.status.message = Some(Message::Info("this token's sub is not a user".into()));
            return Vec::new();
        };
        self.focus = Pane::Users;
        self.status.message = Some(Message::Info(format!("searching for {}", clean(&sub))));
        let escaped = sub.replace('\\', "\\\\").replace('"', "\\\"");
        self.reload_users(Some(format!("user_id:\"{escaped}\"")))
    }

    fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
        if self.popup.is_some() {
            return Vec::new();
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.move_cursor(|s, len| s.down(len, 3)),
            MouseEventKind::ScrollUp => self.move_cursor(|s, _| s.up(3)),
            MouseEventKind::Down(MouseButton::Left) => {
                let (grants, devices, sessions) =
                    (self.grants.len(), self.devices.len(), self.sessions.len());
                let (selection, len) = match self.focus {
                    Pane::Sessions => (&mut self.sessions.selection, sessions),
                    Pane::Users => {
                        let len = self.users.visible_len();
                        (&mut self.users.selection, len)
                    }
                    Pane::Grants => (&mut self.grants.selection, grants),
                    Pane::Devices => (&mut self.devices.selection, devices),
                    Pane::Token => return Vec::new(),
                };
                if let Some(row) = selection.row_at(mouse.column, mouse.row, len) {
                    selection.selected = row;
                }
                if self.focus == Pane::Users { self.load_more_users() } else { Vec::new() }
            }
            _ => Vec::new(),
        }
    }

    // ---- results ----

    fn on_outcome(&mut self, outcome: Outcome) -> Vec<Command> {
        match outcome {
            Outcome::UsersPage { req, page, mut result } => {
                let applied = self.users.page_loaded(req, page, &mut result);
                if applied && let Err(err) = &result {
                    self.status.message = Some(Message::Error(clean(&err.with_hint())));
                }
                // A short screen may already show the whole page: keep filling it.
                if applied { self.load_more_users() } else { Vec::new() }
            }
            Outcome::Grants { req, result } => {
                if self.grants.items.is_request(req) {
                    self.grants.items = remote(result);
                }
                Vec::new()
            }
            Outcome::Devices { req, result } => {
                if self.devices.items.is_request(req) {
                    self.devices.items = remote(result);
                }
                Vec::new()
            }
            Outcome::ClientNames { result } => {
                match result {
                    Ok(names) => self.client_names = names,
                    Err(err) => {
                        self.status.message = Some(Message::Info(clean(&format!(
                            "showing client ids instead of application names: {}",
                            err.with_hint()
                        ))))
                    }
                }
                Vec::new()
            }
            Outcome::Revoked { target, result } => self.on_revoked(target, result),
            Outcome::Sessions { req, result } => {
                if self.sessions.items.is_request(req) {
                    self.sessions.items = match result {
                        Ok(rows) => Remote::Loaded(rows),
                        Err(err) if matches!(err.status(), Some(403) | Some(404)) && err.code() != Some("insufficient_scope") => {
                            Remote::Failed(ErrorView {
                                message: "This tenant has no sessions and refresh-token endpoints: they come with Auth0's Enterprise plans.".into(),
                                hint: Some(format!("Auth0 answered: {err}")),
                            })
                        }
                        Err(err) => Remote::Failed(ErrorView::from(&err)),
                    };
                }
                Vec::new()
            }
            Outcome::RevokedEverything { user_id, results } => {
                let failed: Vec<String> = results
                    .iter()
                    .filter_map(|(part, r)| r.as_ref().err().map(|e| format!("{part}: {}", e.with_hint())))
                    .collect();
                let done: Vec<&str> =
                    results.iter().filter(|(_, r)| r.is_ok()).map(|(p, _)| p.as_str()).collect();
                self.status.message = Some(if failed.is_empty() {
                    Message::Info(clean(&format!("revoked everything of {user_id}: {}", done.join(", "))))
                } else {
                    Message::Error(clean(&format!(
                        "revoked {}; failed: {}",
                        done.join(", "),
                        failed.join("; ")
                    )))
                });
                let mut commands = self.load_grants(&user_id);
                commands.extend(self.load_devices(&user_id));
                commands.extend(self.load_sessions(&user_id));
                commands
            }
            Outcome::ExportProgress { req, progress } => {
                if let (true, super::panes::UsersEnd::Exporting { progress: shown, .. }) =
                    (self.users.is_export(req), &mut self.users.end)
                {
                    *shown = Some(progress);
                }
                Vec::new()
            }
            Outcome::ExportBatch { req, mut users } => {
                if self.users.is_export(req) {
                    self.users.rows.append(&mut users);
                }
                Vec::new()
            }
            Outcome::ExportDone { req, result } => {
                if self.users.is_export(req) {
                    match result {
                        Ok(count) => {
                            self.users.total = Some(count);
                            self.users.end = super::panes::UsersEnd::Complete;
                            self.status.message = Some(Message::Info(format!("loaded all {count} users")));
                        }
                        Err(err) => {
                            self.status.message = Some(Message::Error(clean(&err.with_hint())));
                            self.users.end = super::panes::UsersEnd::Failed(ErrorView::from(&err));
                        }
                    }
                }
                Vec::new()
            }
            Outcome::HeldToken { action, result } => {
                match result {
                    Ok(HeldOutcome::Dead { description }) => {
                        let done = if action == HeldAction::Revoke { "revoked, and " } else { "" };
                        self.status.message = Some(Message::Info(clean(&format!(
                            "{done}proven dead: Auth0 answers invalid_grant \"{description}\""
                        ))));
                    }
                    Ok(HeldOutcome::StillAccepted { refresh_token }) => {
                        // The probe used the token up: show the one it received, so nothing is lost.
                        let req = self.next_request();
                        self.token.set(refresh_token, req);
                        self.status.message = Some(Message::Error(
                            "still accepted: Auth0 took the token; the new refresh token it issued is shown here".into(),
                        ));
                    }
                    Err(err) => {
                        self.status.message = Some(Message::Error(clean(&err.with_hint())));
                    }
                }
                Vec::new()
            }
            Outcome::TokenVerified { req, report } => {
                self.token.verified(req, report);
                Vec::new()
            }
            Outcome::Copied { what, text, result } => match result {
                Ok(()) => {
                    self.status.message = Some(Message::Info(format!("copied the {what}")));
                    Vec::new()
                }
                Err(_) => {
                    self.status.message = Some(Message::Info(format!(
                        "copied the {what} through the terminal (OSC 52): no system clipboard here"
                    )));
                    vec![Command::Osc52(text)]
                }
            },
            Outcome::ClipboardRead { result } => {
                match result {
                    Ok(text) if !text.trim().is_empty() => {
                        self.status.message = Some(Message::Info(
                            "token pasted from the clipboard (kept in memory only)".into(),
                        ));
                        return self.take_token(text);
                    }
                    Ok(_) => self.status.message = Some(Message::Info("the clipboard is empty".into())),
                    Err(_) => {
                        self.status.message = Some(Message::Info(
                            "no system clipboard here (SSH, headless): paste into the terminal instead"
                                .into(),
                        ))
                    }
                }
                Vec::new()
            }
        }
    }

    fn on_revoked(
        &mut self,
        target: RevokeTarget,
        result: Result<Deleted, crate::auth0::Auth0Error>,
    ) -> Vec<Command> {
        let what = clean(&target.describe());
        if let Err(err) = result {
            self.status.message =
                Some(Message::Error(clean(&format!("could not revoke {what}: {}", err.with_hint()))));
            return Vec::new();
        }
        self.status.message = Some(Message::Info(format!("revoked {what}")));
        let mut commands = Vec::new();
        match &target {
            RevokeTarget::Grant { id, user_id } => {
                self.grants.remove(|g| g.id() == Some(id.as_str()));
                // Revoking a grant kills its refresh tokens, and with them their device credentials.
                if let Some(user_id) = user_id.clone().filter(|u| self.devices.user_id.as_ref() == Some(u)) {
                    commands.extend(self.load_devices(&user_id));
                }
            }
            RevokeTarget::AllGrants { user_id, .. } => {
                if self.grants.user_id.as_ref() == Some(user_id) {
                    self.grants.remove(|_| true);
                }
                if self.devices.user_id.as_ref() == Some(user_id) {
                    commands.extend(self.load_devices(&user_id.clone()));
                }
            }
            RevokeTarget::Device { id, .. } => self.devices.remove(|d| d.id() == Some(id.as_str())),
            RevokeTarget::Session { id, .. } | RevokeTarget::RefreshToken { id, .. } => {
                self.sessions.remove(|row| row.id() == Some(id.as_str()));
                self.status.message =
                    Some(Message::Info(format!("revoked {what}; Auth0 applies it within moments")));
            }
            RevokeTarget::Everything { .. } => {}
        }
        if matches!(target, RevokeTarget::Grant { .. } | RevokeTarget::AllGrants { .. }) {
            self.status.message = Some(Message::Info(format!(
                "revoked {what}. To prove it, paste the user's refresh token in Token (4) and press V"
            )));
        }
        commands
    }

    // ---- plumbing ----

    fn next_request(&mut self) -> RequestId {
        self.last_request += 1;
        RequestId(self.last_request)
    }

    /// Counts a network command as in flight.
    fn network(&mut self, command: Command) -> Command {
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

/// Everything in a confirmation came from the tenant: clean it once, here.
fn sanitized(confirm: Confirm) -> Confirm {
    Confirm {
        title: clean(&confirm.title),
        lines: confirm.lines.iter().map(|l| clean(l)).collect(),
        target: confirm.target,
    }
}
