//! Revoking: the confirmations that name what goes, the choice of application for a pasted
//! refresh token, and what changes on screen once Auth0 has answered.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::auth0::Deleted;
use crate::output::text::clean;
use crate::tui::action::{AppChoice, PastedTokenAction, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::panes::{Pane, Remote, SessionRow};

use super::{App, Confirm, Message, Popup};

impl App {
    pub(super) fn ask_revoke_one(&mut self) -> Vec<Command> {
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
                            format!(
                                "Device:       {}",
                                session.device("last_user_agent").unwrap_or_default()
                            ),
                            format!(
                                "Applications: {}",
                                session
                                    .client_ids()
                                    .iter()
                                    .map(|c| self.application(Some(c)))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            String::new(),
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
    pub(super) fn ask_revoke_everything(&mut self) -> Vec<Command> {
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
    pub(super) fn choose_app(&mut self, action: PastedTokenAction) -> Vec<Command> {
        if !matches!(self.token.decoded, Some(Ok(crate::token::Decoded::OpaqueRefreshToken))) {
            self.status.message =
                Some(Message::Info("R and V work on a refresh token (v1.…) pasted here".into()));
            return Vec::new();
        }
        self.popup = Some(Popup::ChooseApp { action, input: None });
        Vec::new()
    }

    pub(super) fn on_choose_app_key(
        &mut self,
        action: PastedTokenAction,
        input: Option<Input>,
        key: KeyEvent,
    ) -> Vec<Command> {
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
            PastedTokenAction::Revoke => {
                "revoking the refresh token, then proving it dead (up to 10 s)…".into()
            }
            PastedTokenAction::Verify => "probing the refresh token…".into(),
        }));
        vec![self.track_request(Command::PastedRefreshToken { action, app, token: token.into() })]
    }

    pub(super) fn ask_revoke_all(&mut self) -> Vec<Command> {
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
        let confirm = Confirm {
            title: format!("Revoke all {} grants of {user_id}?", grants.len()),
            lines,
            target: RevokeTarget::AllGrants { user_id, count: grants.len() },
        };
        self.popup = Some(Popup::Confirm(sanitized(confirm)));
        Vec::new()
    }

    pub(super) fn on_revoked(
        &mut self,
        target: RevokeTarget,
        result: Result<Deleted, crate::auth0::Auth0Error>,
    ) -> Vec<Command> {
        let what = clean(&target.describe_short());
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
            _ => {}
        }
        if matches!(target, RevokeTarget::Grant { .. } | RevokeTarget::AllGrants { .. }) {
            self.status.message = Some(Message::Info(format!(
                "revoked {what}. To prove it, paste the user's refresh token in Token (4) and press V"
            )));
        }
        commands
    }
}

/// Everything in a confirmation came from the tenant: clean it once, here. Its last line is
/// the target's consequence, the same sentence the CLI asks with.
fn sanitized(confirm: Confirm) -> Confirm {
    let mut lines: Vec<String> = confirm.lines.iter().map(|l| clean(l)).collect();
    lines.push(confirm.target.consequence().to_string());
    Confirm { title: clean(&confirm.title), lines, target: confirm.target }
}
