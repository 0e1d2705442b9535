//! Makes text from the tenant safe to print: no escape sequences, no control characters.
//!
//! A user named `Mallory\x1b]0;pwned\x07\x1b[2J` must not retitle or clear the terminal, in the
//! table output of the CLI as in the terminal UI.

/// Removes escape sequences (CSI, OSC, …) and every remaining C0/C1 control character;
/// line breaks and tabs become spaces so a value stays on its row.
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    push_clean(&mut out, text);
    out
}

/// [`clean`], appending to `out` instead of allocating.
pub fn push_clean(out: &mut String, text: &str) {
    // Almost all text has nothing to strip: skip the escape parser for it. Control characters are
    // C0 and DEL (single bytes) or C1 (encoded 0xC2 0x80–0x9F): the byte scan is exact for ASCII
    // and sends anything with 0xC2 to the full check.
    let maybe_control = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2;
    if !text.bytes().any(maybe_control) || !text.chars().any(char::is_control) {
        out.push_str(text);
        return;
    }
    // Breaks become spaces first: the escape stripper would drop them, gluing words together.
    let spaced = text.replace(['\n', '\r', '\t'], " ");
    out.extend(strip_ansi_escapes::strip_str(spaced).chars().filter(|c| !c.is_control()));
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
