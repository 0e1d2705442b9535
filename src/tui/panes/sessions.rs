//! The Sessions pane: the selected user's sessions and refresh tokens (Enterprise plans), and
//! revoking one.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::PaneModule;
use super::context::{Cx, View};
use super::list::{ListPane, revoke_hint, title_of_user};
use super::selection::Selection;
use crate::tui::action::{Outcome, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::overlay::Confirm;
use crate::tui::remote::{ErrorView, Remote};
use crate::tui::session_row::SessionRow;
use crate::tui::ui::table::{Column, ListView};
use crate::tui::ui::widgets::pane_block;

const KEYS: &[Binding<()>] = &[Binding {
    keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
    label: "d  Del",
    name: "revoke",
    action: (),
    help: "revoke the highlighted session or refresh token",
    destructive: true,
}];

impl PaneModule for ListPane<SessionRow> {
    fn on_outcome(&mut self, outcome: Outcome, _cx: &mut Cx) -> Vec<Command> {
        let Outcome::Sessions { req, result } = outcome else { return Vec::new() };
        let rows = match result {
            Ok(rows) => Remote::Loaded(rows),
            Err(err) if err.is_feature_missing() => Remote::Failed(ErrorView {
                message: "This tenant has no sessions and refresh-token endpoints: they come with Auth0's Enterprise plans.".into(),
                hint: Some(format!("Auth0 answered: {err}")),
            }),
            Err(err) => Remote::Failed(ErrorView::from(&err)),
        };
        self.loaded(req, rows);
        Vec::new()
    }

    fn title(&self) -> &'static str {
        "Sessions"
    }

    fn about(&self) -> &'static str {
        "Sessions and refresh tokens of the selected user"
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
        self.highlighted().and_then(SessionRow::id).map(|id| ("id", id.to_string()))
    }

    fn reload(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.reload_with(cx, |req, user_id| Command::LoadSessions { req, user_id })
    }

    /// A revoked refresh token goes; anything that takes others with it (a session its refresh
    /// tokens, a grant those issued under it, a block nothing) is re-listed, so the pane shows
    /// what Auth0 holds now without `r`.
    fn on_revoked(&mut self, target: &RevokeTarget, cx: &mut Cx) -> Vec<Command> {
        match target {
            RevokeTarget::RefreshToken { id, .. } => {
                self.remove(|row| row.id() == Some(id.as_str()));
                Vec::new()
            }
            RevokeTarget::Session { .. }
            | RevokeTarget::AllSessions { .. }
            | RevokeTarget::AllRefreshTokens { .. }
            | RevokeTarget::Grant { .. }
            | RevokeTarget::AllGrants { .. }
            | RevokeTarget::Device { .. } => {
                self.reload_with(cx, |req, user_id| Command::LoadSessions { req, user_id })
            }
            _ => Vec::new(),
        }
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        let block = pane_block(title_of_user("Sessions and refresh tokens", view), view.focused);
        let none = ("sessions or refresh tokens", "has none");
        let Some(rows) = self.ready(view, frame, area, block.clone(), none) else { return };
        let [table_area, help_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let columns = [
            Column { title: "KIND", width: Constraint::Length(8) },
            Column { title: "DEVICE", width: Constraint::Fill(3) },
            Column { title: "IP", width: Constraint::Length(15) },
            Column { title: "APPLICATION", width: Constraint::Fill(2) },
            Column { title: "CREATED", width: Constraint::Length(12) },
            Column { title: "LAST USED", width: Constraint::Length(12) },
            Column { title: "EXPIRES", width: Constraint::Length(12) },
        ];
        let list = ListView {
            block,
            columns: &columns,
            len: rows.len(),
            selection: &self.selection,
            focused: view.focused,
        };
        list.draw(frame, table_area, |i| row_cells(view, &rows[i]));
        let hint = " d revokes the highlighted one · X revokes everything of the user · Auth0 applies revokes within moments";
        frame.render_widget(Paragraph::new(revoke_hint(view, hint)), help_area);
    }
}

/// When it expires, and `✗ expired` once it has: Auth0 may still list an expired one.
fn expiry(view: &View, text: Option<&str>) -> String {
    let at = text.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    match at {
        Some(at) if at.with_timezone(&chrono::Utc) <= view.clock.now => {
            format!("✗ expired {}", view.clock.relative(at.with_timezone(&chrono::Utc)))
        }
        _ => view.clock.relative_text(text).unwrap_or_else(|| "—".into()),
    }
}

fn row_cells(view: &View, row: &SessionRow) -> Vec<String> {
    let when = |text: Option<&str>| view.clock.relative_text(text).unwrap_or_else(|| "—".into());
    match row {
        SessionRow::Session(s) => vec![
            "session".into(),
            s.device("last_user_agent").unwrap_or_default().to_string(),
            s.device("last_ip").unwrap_or_default().to_string(),
            s.client_ids().iter().map(|c| view.application(Some(c))).collect::<Vec<_>>().join(", "),
            when(s.str_field("created_at")),
            when(s.str_field("last_interacted_at")),
            expiry(view, s.str_field("expires_at")),
        ],
        SessionRow::RefreshToken(t) => vec![
            "token".into(),
            t.device("last_user_agent").unwrap_or_default().to_string(),
            t.device("last_ip").unwrap_or_default().to_string(),
            view.application(t.client_id()),
            when(t.str_field("created_at")),
            when(t.str_field("last_exchanged_at")),
            expiry(view, t.str_field("expires_at")),
        ],
    }
}

impl ListPane<SessionRow> {
    fn confirm_revoke(&self, view: &View) -> Option<Confirm> {
        let row = self.highlighted()?;
        let id = row.id()?.to_string();
        let user_id = view.selected_user_id();
        Some(match row {
            SessionRow::Session(session) => Confirm {
                title: "Revoke this session?".into(),
                lines: vec![
                    format!("Session:      {id}"),
                    format!("Last IP:      {}", session.device("last_ip").unwrap_or_default()),
                    format!("Device:       {}", session.device("last_user_agent").unwrap_or_default()),
                    format!(
                        "Applications: {}",
                        session
                            .client_ids()
                            .iter()
                            .map(|c| view.application(Some(c)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    String::new(),
                ],
                target: RevokeTarget::Session { id, user_id },
            },
            SessionRow::RefreshToken(token) => Confirm {
                title: "Revoke this refresh token?".into(),
                lines: vec![
                    format!("Refresh token: {id}"),
                    format!("Application:   {}", view.application(token.client_id())),
                    format!("Audience:      {}", token.audiences().join(" ")),
                    String::new(),
                ],
                target: RevokeTarget::RefreshToken { id, user_id },
            },
        })
    }
}
