//! The app's state and `update`: an action in, the state changed and commands out. No I/O and no
//! awaiting here, so every key is answered at once and the logic is testable without a terminal.
//!
//! The panes own their state, keys and drawing (see `panes/`); the app holds them, dispatches to
//! the focused one, and does what spans panes. This file holds the state, the dispatch of
//! actions and the links between panes; `keys.rs` the keys that are not a pane's, `revoke.rs`
//! the confirmations and results of revokes, `outcome.rs` what each finished command changes,
//! and `input.rs` paste and the mouse.

use crossterm::event::{KeyCode, KeyEventKind};

use crate::auth0::{ClientNames, UserRow};
use crate::output::text::clean;
use crate::timefmt::Clock;

use super::action::{Action, RequestId};
use super::command::Command;
use super::overlay::{Popup, Status};
use super::panes::{Cx, FollowUp, Pane, PaneModule, Panes, View, user_id_query};
use super::requests::{Asker, Requests};

mod command_mode;
mod input;
mod keys;
mod login_api;
mod outcome;
mod revoke;
mod session_views;

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
    pub panes: Panes,
    /// The user Grants, Devices and Sessions are about.
    pub selected_user: Option<UserRow>,
    /// client_id → application name; empty until loaded (or without read:clients).
    pub client_names: ClientNames,
    pub popup: Option<Popup>,
    pub status: Status,
    pub clock: Clock,
    pub should_quit: bool,
    /// Draw in colour; without it, meaning is carried by words and marks alone.
    pub color: bool,
    /// The profile's name and colour, which the header and confirmations carry.
    pub profile: Option<String>,
    pub profile_color: Option<String>,
    /// Command-mode lines of each profile (loaded and saved by the run loop).
    pub history: crate::tui::history::History,
    /// Keys rebound in the config file (`[keys]`).
    pub keys: crate::tui::keybind::KeyBindings,
    /// The config file's profiles, for `:ctx`.
    pub profiles: Vec<String>,
    /// Each profile's domain as the config file gives it, for the picker.
    pub profile_domains: std::collections::HashMap<String, String>,
    /// A profile `:ctx` asked for, which the run loop connects to.
    switch_to: Option<String>,
    /// `:readonly` was used: every tenant of this session stays read-only.
    read_only_locked: bool,
    /// Text to copy through the terminal (OSC 52), which the run loop writes: it owns the
    /// terminal, so this is not a task.
    osc52: Option<String>,
    last_request: u64,
    /// What has been sent and not answered, and who asked for each.
    requests: Requests,
    /// The pane just called asked to be shown (`FollowUp::ShowThisPane`).
    show_asking_pane: bool,
    /// Where the last frame drew each tab (row, first and last column), for mouse clicks.
    pub tabs_drawn: std::cell::RefCell<Vec<(u16, std::ops::Range<u16>, Pane)>>,
}

impl App {
    pub fn new(tenant: String, read_only: bool, clock: Clock) -> App {
        App {
            tenant,
            issuer: None,
            apps: Vec::new(),
            read_only,
            focus: Pane::ALL[0],
            panes: Panes::default(),
            selected_user: None,
            client_names: ClientNames::default(),
            popup: None,
            status: Status::at(clock.now),
            clock,
            should_quit: false,
            color: true,
            profile: None,
            profile_color: None,
            history: Default::default(),
            keys: Default::default(),
            profiles: Vec::new(),
            profile_domains: Default::default(),
            switch_to: None,
            read_only_locked: false,
            osc52: None,
            last_request: 0,
            requests: Requests::default(),
            show_asking_pane: false,
            tabs_drawn: Default::default(),
        }
    }

    /// What to fetch when the app opens: the first page of users and the application names.
    pub fn start(&mut self) -> Vec<Command> {
        let commands = self.first_requests();
        self.send(commands)
    }

    fn first_requests(&mut self) -> Vec<Command> {
        let mut commands = self.on_pane(Pane::Users, |pane, cx| pane.reload(cx));
        commands.push(Command::LoadClientNames { req: self.next_request() });
        commands
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let shown = self.focus;
        let mut commands = self.apply(action);
        if self.focus != shown {
            let focus = self.focus;
            commands.extend(self.on_pane(focus, |pane, cx| pane.on_shown(cx)));
        }
        self.panes.users.sync_view();
        self.send(commands)
    }

    /// Every command leaves through here: registered with who asked, so its outcome goes there
    /// and the status bar's count of requests in flight is the registry's, never kept by hand.
    fn send(&mut self, commands: Vec<Command>) -> Vec<Command> {
        for command in &commands {
            self.requests.sent(command);
        }
        self.status.in_flight = self.requests.in_flight();
        commands
    }

    /// The profile the loop should connect to (`:ctx NAME`), if any.
    pub fn take_switch(&mut self) -> Option<String> {
        self.switch_to.take()
    }

    /// Now showing another tenant: everything of the last one goes (request ids keep counting,
    /// so a late answer cannot pass for a new one); what to fetch first comes back.
    pub fn switched(&mut self, info: crate::tui::tenant::TenantInfo) -> Vec<Command> {
        let label = info.profile.clone().unwrap_or_else(|| info.host.clone());
        self.panes = Panes::default();
        self.selected_user = None;
        self.client_names = ClientNames::default();
        self.popup = None;
        self.status.for_new_tenant();
        self.requests.forget_all();
        self.focus = Pane::ALL[0];
        self.tenant = info.host;
        self.issuer = Some(info.issuer);
        self.apps = info.apps;
        self.read_only = info.read_only || self.read_only_locked;
        self.profile = info.profile;
        self.profile_color = info.color;
        self.status.info(format!("now on {}", clean(&label)));
        let mut commands = Vec::new();
        if self.read_only_locked {
            commands.push(Command::LockReadOnly { req: self.next_request() });
        }
        commands.extend(self.first_requests());
        self.send(commands)
    }

    /// The text the loop should copy through the terminal, if any.
    pub fn take_osc52(&mut self) -> Option<String> {
        self.osc52.take()
    }

    fn apply(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Action::Key(_) | Action::Resize => Vec::new(),
            Action::Paste(text) => self.on_paste(text.into_inner()),
            Action::Mouse(mouse) => self.on_mouse(mouse),
            Action::Tick(clock) => {
                self.status.now = clock.now;
                self.clock = clock;
                if self.status.in_flight > 0 {
                    self.status.spinner = self.status.spinner.wrapping_add(1);
                }
                let mut commands = Vec::new();
                for pane in Pane::ALL {
                    commands.extend(self.on_pane(*pane, |pane, cx| pane.on_tick(cx)));
                }
                commands
            }
            Action::Done(outcome) => match self.requests.answered(&outcome) {
                Some(Asker::Pane(pane)) => self.on_pane(pane, |pane, cx| pane.on_outcome(outcome, cx)),
                Some(Asker::App) => self.on_outcome(outcome),
                // Not awaited: an answer from the tenant before `:ctx` switched away.
                None => Vec::new(),
            },
            Action::Notice(text) => {
                self.status.info(clean(&text));
                Vec::new()
            }
            Action::Warning(text) => {
                self.status.warn(clean(&text));
                Vec::new()
            }
            Action::Sent(request) => {
                self.status.log.sent(request);
                Vec::new()
            }
            Action::RateLimit(limit) => {
                self.status.rate_limit = Some(limit);
                Vec::new()
            }
            // The matches are taken after every action (see `update`).
            Action::Pages(progress) => {
                self.status.pages = (progress.done < progress.total).then_some(progress);
                Vec::new()
            }
        }
    }

    /// What the panes may read, as the focused pane sees it.
    pub fn view(&self) -> View<'_> {
        View {
            read_only: self.read_only,
            focused: true,
            clock: &self.clock,
            client_names: &self.client_names,
            selected_user: self.selected_user.as_ref(),
            issuer: self.issuer.as_deref(),
            spinner: self.status.spinner_frame(),
            rate_limit: self.status.rate_limit,
        }
    }

    /// Runs `f` with the panes and what they may change; then does what they asked of the app.
    fn with_cx<R>(&mut self, f: impl FnOnce(&mut Panes, &mut Cx) -> R) -> (R, Vec<Command>) {
        let spinner = self.status.spinner_frame();
        let App {
            panes,
            status,
            popup,
            last_request,
            read_only,
            clock,
            client_names,
            selected_user,
            issuer,
            ..
        } = self;
        let view = View {
            read_only: *read_only,
            focused: true,
            clock,
            client_names,
            selected_user: selected_user.as_ref(),
            issuer: issuer.as_deref(),
            spinner,
            rate_limit: status.rate_limit,
        };
        let mut cx = Cx { view, status, popup, last_request, follow_ups: Vec::new() };
        let result = f(panes, &mut cx);
        let follow_ups = std::mem::take(&mut cx.follow_ups);
        self.show_asking_pane = follow_ups.contains(&FollowUp::ShowThisPane);
        let mut commands = Vec::new();
        for follow_up in follow_ups {
            commands.extend(self.follow(follow_up));
        }
        (result, commands)
    }

    /// Calls `pane`; `None` when it did not take what it was given.
    fn ask_pane(
        &mut self,
        pane: Pane,
        f: impl FnOnce(&mut dyn PaneModule, &mut Cx) -> Option<Vec<Command>>,
    ) -> Option<Vec<Command>> {
        let (result, follow_ups) = self.with_cx(|panes, cx| f(panes.get_mut(pane), cx));
        if std::mem::take(&mut self.show_asking_pane) {
            self.focus = pane;
        }
        let mut commands = result?;
        commands.extend(follow_ups);
        Some(commands)
    }

    /// Calls `pane`, and returns what it and the app asked for.
    fn on_pane(
        &mut self,
        pane: Pane,
        f: impl FnOnce(&mut dyn PaneModule, &mut Cx) -> Vec<Command>,
    ) -> Vec<Command> {
        self.ask_pane(pane, |pane, cx| Some(f(pane, cx))).unwrap_or_default()
    }

    /// Does what a pane asked of the app because it spans panes.
    fn follow(&mut self, follow_up: FollowUp) -> Vec<Command> {
        match follow_up {
            FollowUp::SelectUser(user) => {
                let label = clean(user.name().or(user.email()).or(user.user_id()).unwrap_or_default());
                self.selected_user = Some(*user);
                self.status.info(format!("selected {label}: {}", self.user_panes_hint()));
                let mut commands = self.reload_user_panes();
                if let Some(user_id) = self.selected_user_id() {
                    commands.push(Command::LoadLoginBlocks { req: self.next_request(), user_id });
                }
                commands
            }
            // Only a pane called by name can be brought to the front (see `ask_pane`).
            FollowUp::ShowThisPane => Vec::new(),
            FollowUp::ShowSession { user_id, session_id } => self.show_session(&user_id, &session_id),
            FollowUp::ShowUserLogs(user_id) => {
                self.focus = Pane::Logs;
                self.with_cx(|panes, cx| panes.logs.show_user(user_id, cx)).0
            }
            FollowUp::SearchUsers(query) => {
                self.focus = Pane::Users;
                self.with_cx(|panes, cx| panes.users.search_for(Some(query), cx)).0
            }
        }
    }

    /// Sessions with `session_id` highlighted, once `user_id` is the selected user.
    fn show_session(&mut self, user_id: &str, session_id: &str) -> Vec<Command> {
        if self.selected_user_id().as_deref() != Some(user_id) {
            self.status.info("select the token's user first (Enter on them in Users), then press S again");
            return self.follow(FollowUp::SearchUsers(user_id_query(user_id)));
        }
        self.focus = Pane::Sessions;
        let sessions = &mut self.panes.sessions;
        match sessions.items.loaded().and_then(|rows| rows.iter().position(|r| r.id() == Some(session_id))) {
            Some(index) => {
                sessions.selection.selected = index;
                self.status.info(format!("the token's session {}", clean(session_id)));
            }
            None => self.status.info(format!(
                "session {} is not among the user's sessions: it ended, or they have not loaded yet (r reloads)",
                clean(session_id)
            )),
        }
        Vec::new()
    }

    /// Reloads every pane that shows something of the selected user.
    fn reload_user_panes(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        let user_panes: Vec<Pane> =
            Pane::ALL.iter().copied().filter(|p| self.panes.get(*p).follows_selected_user()).collect();
        for pane in user_panes {
            commands.extend(self.on_pane(pane, |pane, cx| pane.reload(cx)));
        }
        commands
    }

    /// "2 shows their grants, 3 their devices, 5 their sessions": where the selected user's things
    /// are, from the registered panes.
    fn user_panes_hint(&self) -> String {
        let parts: Vec<String> = Pane::ALL
            .iter()
            .enumerate()
            .filter(|(_, pane)| self.panes.get(**pane).follows_selected_user())
            .map(|(i, pane)| format!("{} their {}", i + 1, self.panes.get(*pane).title().to_lowercase()))
            .collect();
        parts.join(", ").replacen(" their ", " shows their ", 1)
    }

    pub fn selected_user_id(&self) -> Option<String> {
        self.selected_user.as_ref()?.user_id().map(str::to_string)
    }

    /// The application's name when known, else its client id.
    pub fn application(&self, client_id: Option<&str>) -> String {
        self.client_names.application(client_id)
    }

    fn next_request(&mut self) -> RequestId {
        self.last_request += 1;
        RequestId(self.last_request)
    }

    /// Whether `key` is a digit that shows a pane.
    fn pane_of_digit(key: crossterm::event::KeyEvent) -> Option<Pane> {
        let plain = (key.modifiers - crossterm::event::KeyModifiers::SHIFT).is_empty();
        match key.code {
            KeyCode::Char(c) if plain => Pane::from_digit(c),
            _ => None,
        }
    }
}
