//! Drawing pieces every pane uses: a titled block, an error in Auth0's words, a message in the
//! middle of an empty pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::output::text::clean;
use crate::tui::remote::ErrorView;

/// A bordered block titled for a pane.
pub fn pane_block(title: String, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(focused))
        .title(Span::styled(format!(" {title} "), theme::header()))
}

/// An error in Auth0's words, what to do, and how to retry.
pub fn error_lines(error: &ErrorView, retry: &str) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(clean(&error.message), theme::error())];
    if let Some(hint) = &error.hint {
        lines.push(Line::raw(clean(hint)));
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
    frame.render_widget(Paragraph::new(lines).style(style).wrap(Wrap { trim: true }).centered(), middle);
}
