//! The Grants pane: the applications the selected user has authorized, and revoking one or all.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::PaneModule;
use super::context::{Cx, View};
use super::list::{ListPane, revoke_hint, title_of_user};
use super::selection::Selection;
use crate::auth0::Grant;
use crate::tui::action::{Outcome, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::overlay::Confirm;
use crate::tui::remote::Remote;
use crate::tui::ui::table::{Column, ListView};
use crate::tui::ui::widgets::pane_block;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Revoke,
    RevokeAll,
}

const KEYS: &[Binding<Key>] = &[
    Binding {
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d  Del",
        name: "revoke",
        action: Key::Revoke,
        help: "revoke the highlighted grant",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('D'), NONE)],
        label: "D",
        name: "revoke_all",
        action: Key::RevokeAll,
        help: "revoke every grant of the user",
        destructive: true,
    },
];

impl PaneModule for ListPane<Grant> {
    fn on_outcome(&mut self, outcome: Outcome, _cx: &mut Cx) -> Vec<Command> {
        if let Outcome::Grants { req, result } = outcome {
            self.loaded(req, Remote::fetched(result));
        }
        Vec::new()
    }

    fn title(&self) -> &'static str {
        "Grants"
    }

    fn about(&self) -> &'static str {
        "Grants of the selected user"
    }

    fn help(&self) -> Vec<HelpRow> {
        keymap::help_rows(KEYS)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        let confirm = match keymap::find(KEYS, key)?.action {
            Key::Revoke => self.confirm_revoke(&cx.view),
            Key::RevokeAll => self.confirm_revoke_all(cx),
        };
        Some(cx.confirm(confirm))
    }

    fn follows_selected_user(&self) -> bool {
        true
    }

    fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        ListPane::cursor(self)
    }

    fn copy(&self) -> Option<(&'static str, String)> {
        self.highlighted().and_then(Grant::id).map(|id| ("grant id", id.to_string()))
    }

    fn reload(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.reload_with(cx, |req, user_id| Command::LoadGrants { req, user_id })
    }

    fn on_revoked(&mut self, target: &RevokeTarget, _cx: &mut Cx) -> Vec<Command> {
        match target {
            RevokeTarget::Grant { id, .. } => self.remove(|g| g.id() == Some(id.as_str())),
            RevokeTarget::AllGrants { user_id, .. } if self.is_of(user_id) => self.remove(|_| true),
            _ => {}
        }
        // The verdict is the app's to say (app/revoke.rs); a pane only changes its rows.
        Vec::new()
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        let block = pane_block(title_of_user("Grants", view), view.focused);
        let none = ("grants", "authorized no application");
        let Some(grants) = self.ready(view, frame, area, block.clone(), none) else { return };
        let [table_area, help_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        // Narrow terminals drop the scopes: the confirmation still lists them.
        let wide = area.width >= 100;
        let mut columns = vec![
            Column { title: "APPLICATION", width: Constraint::Fill(2) },
            Column { title: "AUDIENCE", width: Constraint::Fill(3) },
        ];
        if wide {
            columns.push(Column { title: "SCOPES", width: Constraint::Fill(4) });
        }
        columns.push(Column { title: "GRANT ID", width: Constraint::Length(24) });
        let list = ListView {
            block,
            columns: &columns,
            len: grants.len(),
            selection: &self.selection,
            focused: view.focused,
        };
        list.draw(frame, table_area, |i| {
            let grant = &grants[i];
            let mut cells =
                vec![view.application(grant.client_id()), grant.audience().unwrap_or_default().to_string()];
            if wide {
                cells.push(grant.scopes().join(" "));
            }
            cells.push(grant.id().unwrap_or_default().to_string());
            cells
        });
        let hint = " d revoke · D revoke all · revoking also kills that app's refresh tokens for this user";
        frame.render_widget(Paragraph::new(revoke_hint(view, hint)), help_area);
    }
}

impl ListPane<Grant> {
    fn confirm_revoke(&self, view: &View) -> Option<Confirm> {
        let grant = self.highlighted()?;
        let id = grant.id()?.to_string();
        Some(Confirm {
            title: "Revoke this grant?".into(),
            lines: vec![
                format!("Application: {}", view.application(grant.client_id())),
                format!("Audience:    {}", grant.audience().unwrap_or_default()),
                format!("Scopes:      {}", grant.scopes().join(" ")),
                format!("User:        {}", grant.user_id().unwrap_or_default()),
                format!("Grant id:    {id}"),
                String::new(),
            ],
            target: RevokeTarget::Grant { id, user_id: view.selected_user_id() },
        })
    }

    fn confirm_revoke_all(&self, cx: &mut Cx) -> Option<Confirm> {
        let (user_id, grants) = (cx.view.selected_user_id()?, self.items.loaded()?);
        if grants.is_empty() {
            cx.status.info("this user has no grants to revoke");
            return None;
        }
        let mut lines: Vec<String> = grants
            .iter()
            .map(|g| {
                let application = cx.view.application(g.client_id());
                let audience = g.audience().unwrap_or_default();
                format!("{application} → {audience} [{}]", g.id().unwrap_or_default())
            })
            .collect();
        lines.push(String::new());
        Some(Confirm {
            title: format!("Revoke all {} grants of {user_id}?", grants.len()),
            lines,
            target: RevokeTarget::AllGrants { user_id, count: grants.len() },
        })
    }
}
