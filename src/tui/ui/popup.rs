//! Popups drawn over the panes: the revoke confirmation, and the choice of application for a
//! pasted refresh token.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme;
use crate::tui::action::PastedTokenAction;
use crate::tui::overlay::Confirm;

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] =
        Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}

pub fn draw_confirm(confirm: &Confirm, app: &crate::tui::app::App, frame: &mut Frame) {
    let mut lines: Vec<Line> = confirm.lines.iter().map(|l| Line::raw(l.clone())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme::header().fg(theme::FAIL)),
        Span::raw(format!(" {}   ", confirm.target.verb().base)),
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
        .title(Span::styled(format!(" {} ", confirm.title), theme::header()))
        .title_bottom(Span::styled(
            crate::output::text::clean(&format!(
                " on {} ",
                app.profile.as_deref().map_or(app.tenant.clone(), |p| format!("{p} · {}", app.tenant))
            )),
            theme::profile(app.profile_color.as_deref()),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

/// Which application a pasted refresh token belongs to: the profile's apps by number, or a typed
/// client id (public clients).
pub fn draw_choose_app(
    apps: &[(String, String)],
    known: Option<String>,
    action: PastedTokenAction,
    input: Option<&tui_input::Input>,
    frame: &mut Frame,
) {
    let mut lines = vec![Line::raw(match action {
        PastedTokenAction::Revoke => {
            "Revoke this refresh token (POST /oauth/revoke), then prove it dead. Which application was it issued to?"
        }
        PastedTokenAction::Verify => {
            "Prove this refresh token dead. If it still works, the probe uses it up and the new one replaces it here. Which application was it issued to?"
        }
        PastedTokenAction::Refresh => {
            "Exchange this refresh token for new tokens (under rotation it is used up and replaced). Which application was it issued to?"
        }
        PastedTokenAction::Login => {
            "Log a user in through the browser (authorization code with PKCE, on http://127.0.0.1:8484/callback). With which application?"
        }
    })];
    // The held tokens know their application: it is the one offered, and another is a digit away.
    if let Some(known) = known.filter(|_| action != PastedTokenAction::Login) {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(" Enter or y ", theme::header()),
            Span::raw(crate::output::text::clean(&format!(
                "go ahead with {known}, the application these tokens came from"
            ))),
        ]));
        lines.push(Line::styled(" or another application:", theme::muted()));
    }
    lines.push(Line::raw(""));
    if apps.is_empty() {
        lines.push(Line::styled(
            "The profile lists no applications ([profiles.NAME.apps.LABEL]).",
            theme::muted(),
        ));
    }
    for (i, (label, client_id)) in apps.iter().enumerate().take(9) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme::header()),
            Span::raw(crate::output::text::clean(&format!("{label}  {client_id}"))),
        ]));
    }
    lines.push(Line::raw(""));
    match input {
        Some(input) => lines.push(Line::from(vec![
            Span::styled("client id: ", theme::label()),
            Span::raw(crate::output::text::clean(input.value())),
            Span::styled("▏", theme::muted()),
        ])),
        None => {
            lines.push(Line::styled("i types a client id (public clients) · Esc cancels", theme::muted()))
        }
    }
    let width = frame.area().width.saturating_sub(4).min(90);
    let height = (lines.len() as u16 + 6).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    let title = match action {
        PastedTokenAction::Revoke => " Revoke refresh token ",
        PastedTokenAction::Verify => " Prove refresh token dead ",
        PastedTokenAction::Refresh => " Refresh ",
        PastedTokenAction::Login => " Log a user in ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(title, theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

/// The profile picker (`:ctx`): every profile of the config file, the one in use marked, the
/// highlighted one reversed.
pub fn draw_context_picker(app: &crate::tui::app::App, at: usize, frame: &mut Frame) {
    let mut lines = Vec::new();
    for (i, name) in app.profiles.iter().enumerate() {
        let current = app.profile.as_ref() == Some(name);
        let pointer = if i == at { '›' } else { ' ' };
        let number = if i < 9 { format!("{pointer}{} ", i + 1) } else { format!("{pointer}  ") };
        let domain = app.profile_domains.get(name).map(String::as_str).unwrap_or("(no domain)");
        let in_use = if current { "  (in use)" } else { "" };
        let text = crate::output::text::clean(&format!("{name:<12} {domain}{in_use}"));
        let style = if i == at { theme::highlight(true) } else { ratatui::style::Style::default() };
        lines.push(Line::from(vec![Span::styled(number, theme::header()), Span::styled(text, style)]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("↑/↓ choose · Enter or a digit switches · Esc cancels", theme::muted()));
    let width = frame.area().width.saturating_sub(4).min(80);
    let height = (lines.len() as u16 + 2).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(" Switch tenant ", theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Command mode's line, where the status bar was.
pub fn draw_command_line(input: &tui_input::Input, frame: &mut Frame, area: Rect) {
    let text = crate::output::text::clean(input.value());
    let line = Line::from(vec![Span::styled(":", theme::header()), Span::raw(text)]);
    frame.render_widget(Paragraph::new(line), area);
    let cursor = area.x + 1 + input.visual_cursor() as u16;
    frame.set_cursor_position((cursor.min(area.right().saturating_sub(1)), area.y));
}
