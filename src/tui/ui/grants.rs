//! The Grants pane: the applications the selected user has authorized.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::panes::Pane;
use super::table::{Column, ListView};
use super::{pane_block, placeholders, theme};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Grants;
    let block = pane_block(placeholders::title("Grants", app), focused);
    let Some(grants) = placeholders::ready(
        app,
        &app.grants,
        frame,
        area,
        block.clone(),
        "grants",
        "authorized no application",
    ) else {
        return;
    };
    let [table_area, help_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
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
    ListView { block, columns: &columns, len: grants.len(), selection: &app.grants.selection, focused }.draw(
        frame,
        table_area,
        |i| {
            let grant = &grants[i];
            let mut cells =
                vec![app.application(grant.client_id()), grant.audience().unwrap_or_default().to_string()];
            if wide {
                cells.push(grant.scopes().join(" "));
            }
            cells.push(grant.id().unwrap_or_default().to_string());
            cells
        },
    );
    let help = if app.read_only {
        " --read-only: revoking is unavailable".to_string()
    } else {
        " d revoke · D revoke all · revoking also kills that app's refresh tokens for this user".to_string()
    };
    frame.render_widget(Paragraph::new(Line::styled(help, theme::muted())), help_area);
}
