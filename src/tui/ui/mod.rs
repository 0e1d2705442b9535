//! Drawing: a pure function of the app's state. Only visible rows are built, so a frame costs
//! the same with a thousand users loaded or a hundred thousand.

mod devices;
mod grants;
mod help;
mod placeholders;
mod popup;
mod sessions;
mod status;
mod table;
pub mod theme;
mod token;
mod users;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Popup};
use super::panes::{ErrorView, Pane};

pub fn draw(app: &App, frame: &mut Frame) {
    let [tabs, body, status_bar] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)])
            .areas(frame.area());
    draw_tabs(app, frame, tabs);
    match app.focus {
        Pane::Users => users::draw(app, frame, body),
        Pane::Grants => grants::draw(app, frame, body),
        Pane::Devices => devices::draw(app, frame, body),
        Pane::Token => token::draw(app, frame, body),
        Pane::Sessions => sessions::draw(app, frame, body),
    }
    status::draw(app, frame, status_bar);
    match &app.popup {
        Some(Popup::Help(scroll)) => help::draw(app, frame, *scroll),
        Some(Popup::Confirm(confirm)) => popup::draw_confirm(confirm, frame),
        Some(Popup::ChooseApp { action, input }) => {
            popup::draw_choose_app(app, *action, input.as_ref(), frame)
        }
        None => {}
    }
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" tenantscope ", theme::header())];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let style = if *pane == app.focus { theme::highlight(true) } else { theme::muted() };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} {} ", i + 1, pane.title()), style));
    }
    spans.push(Span::styled("   ? help", theme::muted()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered block titled for a pane.
pub fn pane_block(title: String, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(focused))
        .title(Span::styled(format!(" {title} "), theme::header()))
}

/// An error in Auth0's words, what to do, and how to retry.
pub fn error_lines(error: &ErrorView, retry: &str) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(crate::output::text::clean(&error.message), theme::error())];
    if let Some(hint) = &error.hint {
        lines.push(Line::raw(crate::output::text::clean(hint)));
    }
    lines.push(Line::styled(retry.to_string(), theme::muted()));
    lines
}

/// A message in the middle of an empty pane.
pub fn centered_message(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, style: Style) {
    // Each line takes as many rows as it wraps to.
    let width = area.width.max(1) as usize;
    let height =
        lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum::<usize>().min(area.height as usize)
            as u16;
    let [_, middle, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(lines).style(style).wrap(ratatui::widgets::Wrap { trim: true }).centered(),
        middle,
    );
}

pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(app: &App) -> &'static str {
    SPINNER[app.status.spinner % SPINNER.len()]
}
