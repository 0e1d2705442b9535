//! Keys as the config file writes them (`B`, `Ctrl-n`, `PgDn`, `F5`) and as the help shows them.

use crossterm::event::{KeyCode, KeyModifiers};

/// A key and its modifiers, Shift left out for characters (`B` is already shifted).
pub type Chord = (KeyCode, KeyModifiers);

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
];

/// Reads `Ctrl-n`, `Alt-x`, `Shift-Tab`, `B`, `F5`, `PgDn`; `None` when it names no key.
pub fn parse(text: &str) -> Option<Chord> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text.trim();
    while let Some((prefix, after)) = rest.split_once('-').filter(|(p, a)| !p.is_empty() && !a.is_empty()) {
        modifiers |= match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "c" => KeyModifiers::CONTROL,
            "alt" | "m" | "meta" => KeyModifiers::ALT,
            "shift" | "s" => KeyModifiers::SHIFT,
            _ => break,
        };
        rest = after;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest)?,
    };
    Some(normalize((code, modifiers)))
}

fn named(text: &str) -> Option<KeyCode> {
    if let Some(n) = text.strip_prefix(['F', 'f']).and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    NAMED.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)).map(|(_, code)| *code)
}

/// One spelling for one key: Shift is part of a character (`Shift-b` is `B`), Shift-Tab is
/// BackTab, and a control character is its letter.
pub fn normalize((code, modifiers): Chord) -> Chord {
    match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
            (KeyCode::Char(c.to_ascii_uppercase()), modifiers - KeyModifiers::SHIFT)
        }
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT)
        }
        KeyCode::BackTab => (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT),
        _ => (code, modifiers),
    }
}

/// How the help writes a key.
pub fn label((code, modifiers): Chord) -> String {
    let mut out = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    match code {
        KeyCode::Char(' ') => out.push_str("Space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => out.push_str(&format!("F{n}")),
        KeyCode::BackTab => out.push_str("Shift-Tab"),
        KeyCode::Up => out.push('↑'),
        KeyCode::Down => out.push('↓'),
        KeyCode::Left => out.push('←'),
        KeyCode::Right => out.push('→'),
        KeyCode::PageUp => out.push_str("PgUp"),
        KeyCode::PageDown => out.push_str("PgDn"),
        other => match NAMED.iter().find(|(_, code)| *code == other) {
            Some((name, _)) => out.push_str(name),
            None => out.push('?'),
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn keys_read_as_people_write_them() {
        assert_eq!(parse("B"), Some((KeyCode::Char('B'), NONE)));
        assert_eq!(parse("Shift-b"), Some((KeyCode::Char('B'), NONE)));
        assert_eq!(parse("Ctrl-n"), Some((KeyCode::Char('n'), KeyModifiers::CONTROL)));
        assert_eq!(
            parse("ctrl-alt-x"),
            Some((KeyCode::Char('x'), KeyModifiers::CONTROL | KeyModifiers::ALT))
        );
        assert_eq!(parse("-"), Some((KeyCode::Char('-'), NONE)));
        assert_eq!(parse("Ctrl--"), Some((KeyCode::Char('-'), KeyModifiers::CONTROL)));
        assert_eq!(parse("pgdn"), Some((KeyCode::PageDown, NONE)));
        assert_eq!(parse("Shift-Tab"), Some((KeyCode::BackTab, NONE)));
        assert_eq!(parse("F5"), Some((KeyCode::F(5), NONE)));
        assert_eq!(parse("F13"), None);
        assert_eq!(parse("Hyper-x"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("Return"), None);
    }

    #[test]
    fn labels_read_back() {
        for text in ["B", "Ctrl-n", "PgDn", "Shift-Tab", "F5", "Space", "Enter", "Alt-x"] {
            assert_eq!(label(parse(text).unwrap()), text);
        }
        assert_eq!(label(parse("Down").unwrap()), "↓");
    }
}
