//! Makes text from the tenant safe to print: no escape sequences, no control characters.
//!
//! A user named `Mallory\x1b]0;pwned\x07\x1b[2J` must not retitle or clear the terminal, in the
//! table output of the CLI as in the terminal UI.

/// Removes escape sequences (CSI, OSC, …) and every remaining C0/C1 control character;
/// line breaks and tabs become spaces so a value stays on its row.
pub fn clean(text: &str) -> String {
    // Almost all text has nothing to strip: skip the escape parser for it.
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    // Breaks become spaces first: the escape stripper would drop them, gluing words together.
    let spaced = text.replace(['\n', '\r', '\t'], " ");
    strip_ansi_escapes::strip_str(spaced).chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn hostile_name_loses_its_escape_sequences() {
        assert_eq!(clean("Mallory\x1b]0;pwned\x07\x1b[2J"), "Mallory");
    }

    #[test]
    fn c1_controls_and_bare_escapes_are_dropped() {
        let cleaned = clean("a\u{9b}31mb\u{7f}c\x1b");
        assert!(!cleaned.chars().any(char::is_control), "{cleaned:?}");
        assert!(cleaned.starts_with('a') && cleaned.ends_with('c'), "{cleaned:?}");
    }

    #[test]
    fn wide_and_accented_text_is_kept() {
        assert_eq!(clean("山田 太郎 🦊 Zoë"), "山田 太郎 🦊 Zoë");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(clean("a\nb\tc"), "a b c");
    }
}
