//! The `?` overlay, generated from the key tables that dispatch the keys: the app's own, then
//! each registered pane's, in tab order.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::popup::centered;
use super::theme;
use crate::output::text::clean;
use crate::tui::app::App;
use crate::tui::command_line;
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

/// The `:` commands, one line each: the fixed words, then a pane's name for each pane.
fn commands(app: &App) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = command_line::WORDS
        .iter()
        .map(|(word, argument, help)| (format!(":{word}{argument}"), help.to_string()))
        .collect();
    let panes: Vec<String> = app.pane_names().into_iter().map(|(_, name)| format!(":{name}")).collect();
    rows.push((panes.join(" "), "show that pane".to_string()));
    rows.push((
        "Tab, ↑/↓".to_string(),
        "Tab cycles through the completions; ↑/↓ walk the history".to_string(),
    ));
    rows
}

/// Width of the keys column, the help text's indent.
const KEYS: usize = 13;

/// One help row: the keys, then the text wrapped at words under itself (a hanging indent).
fn row_lines(keys: &str, help: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(KEYS).max(20);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in help.split(' ') {
        if !current.is_empty() && current.width() + 1 + word.width() > room {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    let keys = clean(keys);
    // Keys longer than their column take a line of their own.
    let mut out = Vec::new();
    let mut first_keys = Some(format!("  {keys:<width$}", width = KEYS - 2));
    if keys.width() > KEYS - 3 {
        out.push(Line::styled(format!("  {keys}"), theme::header()));
        first_keys = None;
    }
    for (i, text) in lines.into_iter().enumerate() {
        let lead = match (i, first_keys.take()) {
            (0, Some(keys)) => Span::styled(keys, theme::header()),
            _ => Span::raw(" ".repeat(KEYS)),
        };
        out.push(Line::from(vec![lead, Span::styled(text, style)]));
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame, scroll: u16) {
    let width = frame.area().width.saturating_sub(4).min(100);
    let text_width = usize::from(width.saturating_sub(2));
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
            let style = if unavailable { theme::muted() } else { Style::new() };
            lines.extend(row_lines(&keys, &help, style, text_width));
        }
    }
    lines.extend(row_lines(
        "mouse",
        "a click on a tab shows that pane, on a row selects it; the wheel scrolls",
        Style::new(),
        text_width,
    ));
    lines.push(Line::styled("Commands (: opens the line at the bottom)", theme::label()));
    for (usage, help) in commands(app) {
        lines.extend(row_lines(&usage, &help, Style::new(), text_width));
    }
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let height = total.min(frame.area().height);
    let area = centered(frame.area(), width, height);
    // Scroll only as far as the last line.
    let scroll = scroll.min(total.saturating_sub(height));
    let title = if total > height { " Keys · j/k scroll · Esc closes " } else { " Keys · Esc closes " };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(title, theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
