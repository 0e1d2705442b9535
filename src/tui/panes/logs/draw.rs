//! Drawing the Logs pane: the events as a table (failures marked ✗, not by colour alone), or the
//! highlighted one whole as sanitised JSON; and a line saying what the follow is doing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::LogsPane;
use crate::auth0::LogEvent;
use crate::auth0::log_event::Outcome;
use crate::output::text::{clean, clean_lines};
use crate::tui::panes::View;
use crate::tui::ui::table::{Column, ListView};
use crate::tui::ui::theme;
use crate::tui::ui::widgets::pane_block;

pub fn draw(pane: &LogsPane, view: &View, frame: &mut Frame, area: Rect) {
    let title = match &pane.user_filter {
        Some(user) => format!("Logs of {}", clean(user)),
        None => "Logs".to_string(),
    };
    let block = pane_block(title, view.focused);
    let none = ("events", "has none the tenant still keeps (1 to 30 days, by plan)");
    let [body, footer] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(footer_line(pane, view)), footer);
    if matches!(pane.list.items, crate::tui::remote::Remote::Idle) {
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let lines = vec![Line::raw("r loads the tenant's events; l on a user in Users loads theirs.")];
        crate::tui::ui::widgets::centered_message(frame, inner, lines, theme::muted());
        return;
    }
    let Some(events) = pane.list.ready(view, frame, body, block.clone(), none) else { return };
    if pane.detail
        && let Some(event) = pane.list.highlighted()
    {
        let json = crate::output::json::to_string_pretty(&event.0).unwrap_or_default();
        let (meaning, _) = event.meaning();
        let when = event.date().map(|d| view.clock.describe_timestamp(d)).unwrap_or_default();
        let mut lines = vec![
            Line::styled(clean(&format!("{} {meaning} · {when}", event.code())), theme::header()),
            Line::raw(""),
        ];
        lines.extend(clean_lines(&json).lines().map(|l| Line::raw(l.to_string())));
        let paragraph = Paragraph::new(lines).block(block).wrap(Wrap { trim: false });
        frame.render_widget(paragraph, body);
        return;
    }
    let wide = body.width >= 110;
    let mut columns = vec![
        Column { title: "WHEN", width: Constraint::Length(10) },
        Column { title: "TYPE", width: Constraint::Length(if wide { 34 } else { 10 }) },
        Column { title: "USER", width: Constraint::Fill(2) },
    ];
    if wide {
        columns.push(Column { title: "APPLICATION", width: Constraint::Fill(1) });
        columns.push(Column { title: "IP", width: Constraint::Length(15) });
    }
    columns.push(Column { title: "DESCRIPTION", width: Constraint::Fill(2) });
    let list = ListView {
        block,
        columns: &columns,
        len: events.len(),
        selection: &pane.list.selection,
        focused: view.focused,
    };
    list.draw(frame, body, |i| row(view, &events[i], wide));
}

fn row(view: &View, event: &LogEvent, wide: bool) -> Vec<String> {
    let (meaning, outcome) = event.meaning();
    let mark = if outcome == Outcome::Failure { "✗ " } else { "" };
    let kind = if wide && !meaning.is_empty() {
        format!("{mark}{} {meaning}", event.code())
    } else {
        format!("{mark}{}", event.code())
    };
    let when = view.clock.relative_text(event.date()).unwrap_or_default();
    let mut cells = vec![when, kind, event.who().unwrap_or_default().to_string()];
    if wide {
        cells.push(event.client_name().or(event.client_id()).unwrap_or_default().to_string());
        cells.push(event.ip().unwrap_or_default().to_string());
    }
    cells.push(event.description().unwrap_or_default().to_string());
    cells
}

fn footer_line(pane: &LogsPane, view: &View) -> Line<'static> {
    let text = match &pane.following {
        Some(f) if f.paused => " following: paused while the rate-limit budget is low".to_string(),
        Some(f) => {
            let wait = (f.next_poll - view.clock.now).num_seconds().max(0);
            format!(" following: new events appear at the top · next look in {wait} s · t stops")
        }
        None => " t follows new events · Enter shows one whole · u opens its user · r reloads".to_string(),
    };
    Line::styled(text, theme::muted())
}
