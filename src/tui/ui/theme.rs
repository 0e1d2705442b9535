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

/// The characters the local filter matched: underlined as well as coloured, so they show
/// without colour too.
pub fn matched() -> Style {
    Style::new().fg(WARN).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
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

/// A profile's colour (`color = "red"` in the config file), as the header's background.
pub fn profile(color: Option<&str>) -> Style {
    let background = match color {
        Some("red") => Color::Red,
        Some("yellow") => Color::Yellow,
        Some("green") => Color::Green,
        Some("blue") => Color::Blue,
        Some("magenta") => Color::Magenta,
        Some("cyan") => Color::Cyan,
        _ => return header(),
    };
    header().bg(background).fg(Color::Black)
}
