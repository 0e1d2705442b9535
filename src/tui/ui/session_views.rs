//! `:messages` and `:requests`: what this session said and sent, newest first, over the panes.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::popup::centered;
use super::theme;
use crate::output::text::clean;
use crate::tui::app::App;
use crate::tui::overlay::Message;

/// Every message, whole and wrapped, with its time and kind.
pub fn draw_messages(app: &App, frame: &mut Frame, scroll: u16) {
    let mut lines: Vec<Line> = app
        .status
        .log
        .messages()
        .map(|said| {
            let style = match said.message {
                Message::Info(_) => ratatui::style::Style::new(),
                Message::Warning(_) => ratatui::style::Style::new().fg(theme::WARN),
                Message::Error(_) => theme::error(),
            };
            Line::from(vec![
                Span::styled(format!("{} ", app.clock.local_time(said.at)), theme::muted()),
                Span::styled(format!("{:<8}", said.message.kind()), style),
                Span::raw(clean(said.message.text())),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("nothing has been said yet this session", theme::muted()));
    }
    let title =
        format!(" Messages ({}) · newest first · j/k scroll · Esc closes ", app.status.log.messages().len());
    draw_box(frame, title, Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)));
}

/// Every request, one line each, the selected one highlighted; its `curl` under the list.
pub fn draw_requests(app: &App, frame: &mut Frame, selected: usize) {
    let count = app.status.log.requests().len();
    let area = frame.area();
    let rows = usize::from(area.height.saturating_sub(8)).max(1);
    // Keep the selected line in view.
    let first = selected.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = app
        .status
        .log
        .requests()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, sent)| {
            let failed = sent.status.is_none_or(|status| status >= 400);
            let style = if failed { theme::error() } else { ratatui::style::Style::new() };
            let style = if i == selected { style.patch(theme::highlight(true)) } else { style };
            Line::from(vec![
                Span::styled(format!("{} ", app.clock.local_time(sent.at)), theme::muted()),
                Span::styled(clean(&sent.to_string()), style),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("no request has been sent yet this session", theme::muted()));
    } else if let Some(sent) = app.status.log.requests().nth(selected) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(clean(&sent.curl()), theme::muted()));
    }
    let title = format!(" Requests ({count}) · newest first · y copies as curl · Esc closes ");
    draw_box(frame, title, Paragraph::new(lines).wrap(Wrap { trim: false }));
}

fn draw_box(frame: &mut Frame, title: String, body: Paragraph) {
    let area = frame.area();
    let area = centered(area, area.width.saturating_sub(4).max(20), area.height.saturating_sub(2).max(5));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(title, theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(body.block(block), area);
}
