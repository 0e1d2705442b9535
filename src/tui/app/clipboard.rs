//! Copy and paste, the mouse, and a token handed to the Token pane.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use tui_input::Input;

use crate::auth0::{DeviceCredential, Grant, UserRow};
use crate::output::text::clean;
use crate::tui::command::Command;
use crate::tui::panes::{Pane, SessionRow};

use super::{App, Message};

impl App {
    pub(super) fn copy(&mut self) -> Vec<Command> {
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
            Some((what, text)) => {
                // The clipboard is output too: it goes through the text encoder.
                vec![Command::CopyToClipboard {
                    what: what.into(),
                    text: crate::output::text::clean_lines(&text),
                }]
            }
            None => {
                self.status.message = Some(Message::Info("nothing to copy here".into()));
                Vec::new()
            }
        }
    }

    pub(super) fn on_paste(&mut self, text: String) -> Vec<Command> {
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
    pub(super) fn take_token(&mut self, text: String) -> Vec<Command> {
        let req = self.next_request();
        match self.token.set(text, req) {
            Some(token) => vec![self.track_request(Command::VerifyToken { req, token: token.into() })],
            None => Vec::new(),
        }
    }

    /// Opens the token's user in the Users pane, searching by user_id.
    pub(super) fn open_subject(&mut self) -> Vec<Command> {
        let Some(sub) = self.token.subject_user() else {
            self.status.message = Some(Message::Info("this token's sub is not a user".into()));
            return Vec::new();
        };
        self.focus = Pane::Users;
        self.status.message = Some(Message::Info(format!("searching for {}", clean(&sub))));
        let escaped = sub.replace('\\', "\\\\").replace('"', "\\\"");
        self.reload_users(Some(format!("user_id:\"{escaped}\"")))
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
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
}
