//! The Sessions pane: the selected user's sessions and refresh tokens (Enterprise plans).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::panes::{Pane, SessionRow};
use super::table::{Column, ListView};
use super::{pane_block, placeholders, theme};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Sessions;
    let block = pane_block(placeholders::title("Sessions and refresh tokens", app), focused);
    let Some(rows) = placeholders::ready(
        app,
        &app.sessions,
        frame,
        area,
        block.clone(),
        "sessions or refresh tokens",
        "has none",
    ) else {
        return;
    };
    let [table_area, help_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let columns = [
        Column { title: "KIND", width: Constraint::Length(8) },
        Column { title: "DEVICE", width: Constraint::Fill(3) },
        Column { title: "IP", width: Constraint::Length(15) },
        Column { title: "APPLICATION", width: Constraint::Fill(2) },
        Column { title: "CREATED", width: Constraint::Length(12) },
        Column { title: "LAST USED", width: Constraint::Length(12) },
        Column { title: "EXPIRES", width: Constraint::Length(12) },
    ];
    let when = |text: Option<&str>| app.clock.relative_text(text).unwrap_or_else(|| "—".into());
    ListView { block, columns: &columns, len: rows.len(), selection: &app.sessions.selection, focused }.draw(
        frame,
        table_area,
        |i| match &rows[i] {
            SessionRow::Session(s) => vec![
                "session".into(),
                s.device("last_user_agent").unwrap_or_default().to_string(),
                s.device("last_ip").unwrap_or_default().to_string(),
                s.client_ids().iter().map(|c| app.application(Some(c))).collect::<Vec<_>>().join(", "),
                when(s.str_field("created_at")),
                when(s.str_field("last_interacted_at")),
                when(s.str_field("expires_at")),
            ],
            SessionRow::RefreshToken(t) => vec![
                "token".into(),
                t.device("last_user_agent").unwrap_or_default().to_string(),
                t.device("last_ip").unwrap_or_default().to_string(),
                app.application(t.client_id()),
                when(t.str_field("created_at")),
                when(t.str_field("last_exchanged_at")),
                when(t.str_field("expires_at")),
            ],
        },
    );
    let help = if app.read_only {
        " --read-only: revoking is unavailable".to_string()
    } else {
        " d revokes the highlighted one · X revokes everything of the user · Auth0 applies revokes within moments".to_string()
    };
    frame.render_widget(Paragraph::new(Line::styled(help, theme::muted())), help_area);
}
