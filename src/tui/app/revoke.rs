//! Revoking what spans panes: everything of the selected user, and a pasted refresh token (which
//! application it belongs to); and handing a revoke's result to every pane, each of which knows
//! what it changes there.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::output::text::clean;
use crate::revoke::Verdict;
use crate::tui::action::{AppChoice, PastedTokenAction, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::overlay::{Confirm, Popup};
use crate::tui::panes::{Pane, Remote, SessionRow, sanitized};

use super::App;

impl App {
    /// One confirmation listing everything of the selected user that will go.
    pub(super) fn ask_revoke_everything(&mut self) -> Vec<Command> {
        let Some(user_id) = self.selected_user_id() else {
            self.status.info("select a user first: Enter in Users (1)");
            return Vec::new();
        };
        let (Some(grants), Some(devices)) =
            (self.panes.grants.items.loaded(), self.panes.devices.items.loaded())
        else {
            self.status.info("wait until the user's grants and devices have loaded (2, 3)");
            return Vec::new();
        };
        let mut lines = Vec::new();
        for grant in grants {
            let application = self.application(grant.client_id());
            lines.push(format!("grant          {application} → {}", grant.audience().unwrap_or_default()));
        }
        for device in devices {
            lines.push(format!(
                "device         {} ({}, {})",
                device.device_name().unwrap_or_default(),
                device.kind().unwrap_or_default(),
                self.application(device.client_id())
            ));
        }
        let sessions = &self.panes.sessions.items;
        let with_sessions = matches!(sessions, Remote::Loaded(_));
        match sessions.loaded() {
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

    /// The application a pasted refresh token belongs to: a profile's by its digit, or a typed
    /// client id (`i`).
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
            // The application the held tokens came from.
            (None, KeyCode::Enter | KeyCode::Char('y')) => {
                self.panes.token.app.clone().filter(|_| action != PastedTokenAction::Login)
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
        let Some(app) = chosen else { return Vec::new() };
        let req = self.next_request();
        let command = match action {
            // Next, which API the access token is for: the tenant's APIs are asked for now.
            PastedTokenAction::Login => {
                self.popup = Some(Popup::ChooseApi { app, apis: Remote::Loading(req), input: None });
                return vec![Command::LoadApis { req }];
            }
            _ => {
                let Some(token) = self.panes.token.refresh_token() else { return Vec::new() };
                match action {
                    PastedTokenAction::Refresh => Command::RefreshHeld { req, app, token: token.into() },
                    _ => Command::PastedRefreshToken { req, action, app, token: token.into() },
                }
            }
        };
        self.popup = None;
        self.status.info(match action {
            PastedTokenAction::Revoke => "revoking the refresh token, then proving it dead (up to 10 s)…",
            PastedTokenAction::Verify => "probing the refresh token…",
            PastedTokenAction::Refresh => "refreshing…",
            PastedTokenAction::Login => "starting the login…",
        });
        vec![command]
    }

    /// Auth0 has answered a revoke: say its verdict, and let each pane change what it shows
    /// where Auth0 took it (an absent row goes too: Auth0 does not list it).
    pub(super) fn on_revoked(&mut self, target: RevokeTarget, verdict: Verdict) -> Vec<Command> {
        let mut line = clean(&verdict.line(&target.subject_short()));
        if let RevokeTarget::Block { user_id, blocked } = &target {
            if *blocked && verdict.was_taken() {
                line.push_str(" · tokens and sessions already issued live on: X revokes them");
            }
            // The user's detail and the table show the same state.
            if let Some(user) = self.selected_user.as_mut().filter(|u| u.user_id() == Some(user_id.as_str()))
            {
                user.set_blocked(*blocked);
            }
        }
        match &verdict {
            Verdict::Failed(_) => {
                self.status.error(line);
                return Vec::new();
            }
            Verdict::Accepted { .. } => self.status.error(line),
            _ => self.status.info(line),
        }
        let mut commands = Vec::new();
        for pane in Pane::ALL {
            commands.extend(self.on_pane(*pane, |pane, cx| pane.on_revoked(&target, cx)));
        }
        commands
    }
}
