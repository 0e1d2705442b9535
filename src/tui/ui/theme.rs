//! Colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

pub const ACCENT: Color = Color::Cyan;
pub const PASS: Color = Color::Green;
pub const FAIL: Color = Color::Red;
pub const MUTED: Color = Color::DarkGray;
pub const WARN: Color = Color::Yellow;

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn highlight(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

pub fn muted() -> Style {
    Style::new().fg(MUTED)
}

pub fn label() -> Style {
    Style::new().fg(ACCENT)
}

pub fn error() -> Style {
    Style::new().fg(FAIL)
}

pub fn border(focused: bool) -> Style {
    if focused { Style::new().fg(ACCENT) } else { Style::new().fg(MUTED) }
}
