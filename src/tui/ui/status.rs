//! The status bar: tenant, rate limit, requests in flight, paging progress, and the last message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::output::text::clean;

use super::theme;
use crate::tui::app::App;
use crate::tui::keybind::Scope;
use crate::tui::keymap::{self, HelpRow};
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
    let before = Line::from(spans.clone()).width() + 3;
    if let Some(message) = app.status.showing() {
        spans.push(separator());
        let text = cut_at_word(message.text(), usize::from(area.width).saturating_sub(before));
        spans.push(match message {
            Message::Info(_) => Span::raw(text),
            Message::Warning(_) => Span::styled(text, Style::new().fg(theme::WARN)),
            Message::Error(_) => Span::styled(text, theme::error()),
        });
    }
    let left = Line::from(spans);
    let room = usize::from(area.width).saturating_sub(left.width() + 2);
    frame.render_widget(Paragraph::new(left), area);
    if let Some(hints) = hints(app, room) {
        frame.render_widget(Paragraph::new(hints).alignment(ratatui::layout::Alignment::Right), area);
    }
}

/// `text` in at most `room` columns: whole when it fits, else cut after the last whole word that
/// fits, with `…` (`:messages` has it whole).
pub fn cut_at_word(text: &str, room: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= room {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut width = 0;
    for word in text.split_inclusive(' ') {
        let w = word.width();
        if width + w + 1 > room {
            break;
        }
        cut.push_str(word);
        width += w;
    }
    if cut.is_empty() {
        // One word longer than the room: cut by characters, as table cells are.
        return super::table::fit(text, u16::try_from(room).ok());
    }
    format!("{}…", cut.trim_end())
}

/// The focused pane's keys as bound, then `? help`, as many as fit in `room` columns. A key
/// that `--read-only` refuses is left out.
fn hints(app: &App, room: usize) -> Option<Line<'static>> {
    let focus = app.focus;
    let module = app.panes.get(focus);
    let mut rows: Vec<(Scope, HelpRow)> = module.help().into_iter().map(|r| (Scope::In(focus), r)).collect();
    if module.is_list() {
        rows.extend(keymap::help_rows(keymap::LISTS).into_iter().map(|r| (Scope::Everywhere, r)));
    }
    let mut hints: Vec<(String, String)> = rows
        .iter()
        .filter(|(_, row)| !(app.read_only && row.destructive))
        .map(|(scope, row)| {
            let keys = app.keys.label(*scope, row);
            let first = keys.split("  ").next().unwrap_or_default().to_string();
            (first, row.name.replace('_', " "))
        })
        .collect();
    let rows = keymap::help_rows(keymap::SWITCHING);
    let help = rows.iter().find(|r| r.name == "help").map(|r| app.keys.label(Scope::Everywhere, r))?;
    hints.push((help.split("  ").next().unwrap_or_default().to_string(), "help".to_string()));
    // Keep `? help` (the last) and as many of the pane's own as fit before it.
    let width = |(k, n): &(String, String)| k.chars().count() + n.chars().count() + 3;
    let mut used = width(hints.last()?);
    if used > room {
        return None;
    }
    let help = hints.pop()?;
    let mut shown = Vec::new();
    for hint in hints {
        if used + width(&hint) > room {
            break;
        }
        used += width(&hint);
        shown.push(hint);
    }
    shown.push(help);
    let mut spans = Vec::new();
    for (keys, name) in shown {
        spans.push(Span::styled(clean(&keys), theme::header()));
        spans.push(Span::styled(format!(" {name}  "), theme::muted()));
    }
    // One space from the edge, not two.
    if let Some(last) = spans.last_mut() {
        last.content = last.content.trim_end().to_string().into();
        last.content.to_mut().push(' ');
    }
    Some(Line::from(spans))
}
