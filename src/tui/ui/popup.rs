//! Popups drawn over the panes: the revoke confirmation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::super::app::Confirm;
use super::theme;

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] =
        Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}

pub fn draw_confirm(confirm: &Confirm, frame: &mut Frame) {
    let mut lines: Vec<Line> = confirm.lines.iter().map(|l| Line::raw(l.clone())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme::header().fg(theme::FAIL)),
        Span::raw(" revoke   "),
        Span::styled("n", theme::header()),
        Span::raw(" or "),
        Span::styled("Esc", theme::header()),
        Span::raw(" cancel"),
    ]));
    let width = frame.area().width.saturating_sub(4).min(90);
    let height = (lines.len() as u16 + 4).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::error())
        .title(Span::styled(format!(" {} ", confirm.title), theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
