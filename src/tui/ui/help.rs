//! The `?` overlay, generated from the key tables that dispatch the keys: the app's own, then
//! each registered pane's, in tab order.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::popup::centered;
use super::theme;
use crate::tui::app::App;
use crate::tui::keybind::Scope;
use crate::tui::keymap::{self, HelpRow};
use crate::tui::panes::Pane;

/// Every section of the help: a title and its rows, each with its keys as bound.
pub fn sections(app: &App) -> Vec<(&'static str, Vec<(String, HelpRow)>)> {
    let bound = |scope: Scope, rows: Vec<HelpRow>| -> Vec<(String, HelpRow)> {
        rows.into_iter().map(|row| (app.keys.label(scope, &row), row)).collect()
    };
    let mut everywhere = bound(Scope::Everywhere, keymap::help_rows(keymap::SWITCHING));
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let label = DIGITS.get(i).copied().unwrap_or("");
        let about = app.panes.get(*pane).about();
        let row = HelpRow { name: "", keys: &[], label, help: about, destructive: false };
        everywhere.push((label.to_string(), row));
    }
    everywhere.extend(bound(Scope::Everywhere, keymap::help_rows(keymap::MOVING)));
    let lists = bound(Scope::Everywhere, keymap::help_rows(keymap::LISTS));
    let mut sections = vec![("Everywhere", everywhere), ("Lists", lists)];
    for pane in Pane::ALL {
        let module = app.panes.get(*pane);
        sections.push((module.title(), bound(Scope::In(*pane), module.help())));
    }
    sections
}

const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

pub fn draw(app: &App, frame: &mut Frame, scroll: u16) {
    let mut lines = Vec::new();
    for (title, rows) in sections(app) {
        lines.push(Line::styled(title, theme::label()));
        for (keys, row) in rows {
            let unavailable = app.read_only && row.destructive;
            let help = if unavailable {
                format!("{} (unavailable: --read-only)", row.help)
            } else {
                row.help.to_string()
            };
            let style = if unavailable { theme::muted() } else { ratatui::style::Style::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<11}", crate::output::text::clean(&keys)), theme::header()),
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
