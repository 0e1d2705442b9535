//! The status bar: tenant, rate limit, requests in flight, paging progress, and the last message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::output::text::clean;

use super::theme;
use crate::tui::app::App;
use crate::tui::overlay::Message;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let separator = || Span::styled(" │ ", theme::muted());
    let mut spans = vec![Span::styled(format!(" {}", app.tenant), theme::label())];
    if app.read_only {
        spans.push(separator());
        spans.push(Span::styled("READ-ONLY", Style::new().fg(theme::WARN)));
    }
    if let Some(limit) = app.status.rate_limit {
        spans.push(separator());
        let low = limit.remaining.saturating_mul(5) <= limit.limit;
        let style = if low { Style::new().fg(theme::WARN) } else { theme::muted() };
        spans.push(Span::styled(format!("rate {}/{}", limit.remaining, limit.limit), style));
    }
    if app.status.in_flight > 0 {
        spans.push(separator());
        let plural = if app.status.in_flight == 1 { "" } else { "s" };
        spans.push(Span::raw(format!(
            "{} {} request{plural}",
            app.status.spinner_frame(),
            app.status.in_flight
        )));
    }
    if let Some(pages) = &app.status.pages {
        spans.push(separator());
        spans.push(Span::styled(clean(&pages.to_string()), theme::muted()));
    }
    if let Some(message) = &app.status.message {
        spans.push(separator());
        spans.push(match message {
            Message::Info(text) => Span::raw(text.clone()),
            Message::Error(text) => Span::styled(text.clone(), theme::error()),
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
