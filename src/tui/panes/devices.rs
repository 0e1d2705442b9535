//! The Devices pane: the selected user's device credentials, and revoking one.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::PaneModule;
use super::context::{Cx, View};
use super::list::{ListPane, title_of_user};
use super::selection::Selection;
use crate::auth0::DeviceCredential;
use crate::tui::action::{Outcome, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::overlay::Confirm;
use crate::tui::remote::Remote;
use crate::tui::ui::table::{Column, ListView};
use crate::tui::ui::widgets::pane_block;

const KEYS: &[Binding<()>] = &[Binding {
    keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
    label: "d  Del",
    name: "revoke",
    action: (),
    help: "revoke the highlighted device credential",
    destructive: true,
}];

impl PaneModule for ListPane<DeviceCredential> {
    fn on_outcome(&mut self, outcome: Outcome, _cx: &mut Cx) -> Vec<Command> {
        if let Outcome::Devices { req, result } = outcome {
            self.loaded(req, Remote::fetched(result));
        }
        Vec::new()
    }

    fn title(&self) -> &'static str {
        "Devices"
    }

    fn about(&self) -> &'static str {
        "Devices of the selected user"
    }

    fn help(&self) -> Vec<HelpRow> {
        keymap::help_rows(KEYS)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        keymap::find(KEYS, key)?;
        Some(cx.confirm(self.confirm_revoke(&cx.view)))
    }

    fn follows_selected_user(&self) -> bool {
        true
    }

    fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        ListPane::cursor(self)
    }

    fn copy(&self) -> Option<(&'static str, String)> {
        self.highlighted().and_then(DeviceCredential::id).map(|id| ("device credential id", id.to_string()))
    }

    fn reload(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.reload_with(cx, |req, user_id| Command::LoadDevices { req, user_id })
    }

    fn on_revoked(&mut self, target: &RevokeTarget, cx: &mut Cx) -> Vec<Command> {
        let reload = |this: &mut Self, cx: &mut Cx, user_id: &str| {
            this.load_with(cx, user_id.to_string(), |req, user_id| Command::LoadDevices { req, user_id })
        };
        match target {
            RevokeTarget::Device { id, .. } => {
                self.remove(|d| d.id() == Some(id.as_str()));
                Vec::new()
            }
            // Revoking a grant kills its refresh tokens, and with them their device credentials.
            RevokeTarget::Grant { user_id: Some(user_id), .. } | RevokeTarget::AllGrants { user_id, .. }
                if self.is_of(user_id) =>
            {
                reload(self, cx, user_id)
            }
            _ => Vec::new(),
        }
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        let block = pane_block(title_of_user("Devices", view), view.focused);
        let none = ("device credentials", "holds no device credential");
        let Some(devices) = self.ready(view, frame, area, block.clone(), none) else { return };
        let columns = [
            Column { title: "DEVICE", width: Constraint::Fill(2) },
            Column { title: "TYPE", width: Constraint::Length(22) },
            Column { title: "APPLICATION", width: Constraint::Fill(2) },
            Column { title: "ID", width: Constraint::Length(20) },
        ];
        let list = ListView {
            block,
            columns: &columns,
            len: devices.len(),
            selection: &self.selection,
            focused: view.focused,
        };
        list.draw(frame, area, |i| {
            let device = &devices[i];
            vec![
                device.device_name().unwrap_or_default().to_string(),
                device.kind().unwrap_or_default().to_string(),
                view.application(device.client_id()),
                device.id().unwrap_or_default().to_string(),
            ]
        });
    }
}

impl ListPane<DeviceCredential> {
    fn confirm_revoke(&self, view: &View) -> Option<Confirm> {
        let device = self.highlighted()?;
        let id = device.id()?.to_string();
        Some(Confirm {
            title: "Revoke this device credential?".into(),
            lines: vec![
                format!("Device:      {}", device.device_name().unwrap_or_default()),
                format!("Type:        {}", device.kind().unwrap_or_default()),
                format!("Application: {}", view.application(device.client_id())),
                format!("User:        {}", device.user_id().unwrap_or_default()),
                format!("Id:          {id}"),
                String::new(),
            ],
            target: RevokeTarget::Device { id, user_id: view.selected_user_id() },
        })
    }
}
