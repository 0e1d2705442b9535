//! The `?` overlay, generated from the keymap table that dispatches the keys.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::app::App;
use super::super::keymap::{BINDINGS, Scope};
use super::super::panes::Pane;
use super::popup::centered;
use super::theme;

pub fn draw(app: &App, frame: &mut Frame, scroll: u16) {
    // Built from the list of panes, so a pane cannot be left out of the help.
    let scopes = [Scope::Global, Scope::Lists].into_iter().chain(Pane::ALL.map(Scope::Pane));
    let mut lines = Vec::new();
    for scope in scopes {
        lines.push(Line::styled(scope.title(), theme::label()));
        for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
            let unavailable = app.read_only && binding.action.is_destructive();
            let help = if unavailable {
                format!("{} (unavailable: --read-only)", binding.help)
            } else {
                binding.help.to_string()
            };
            let style = if unavailable { theme::muted() } else { ratatui::style::Style::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<11}", binding.label), theme::header()),
                Span::styled(help, style),
            ]));
        }
    }
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<11}", "mouse"), theme::header()),
        Span::raw("click selects a row, the wheel scrolls"),
    ]));
    let width = frame.area().width.saturating_sub(4).min(96);
    let height = (lines.len() as u16 + 2).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    // Scroll only as far as the last line.
    let scroll = scroll.min((lines.len() as u16 + 2).saturating_sub(height));
    let title = if lines.len() as u16 + 2 > height {
        " Keys · j/k scroll · Esc closes "
    } else {
        " Keys · Esc closes "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(title, theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
