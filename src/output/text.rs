//! The text encoder: makes text safe to show on a terminal, and honest.
//!
//! A user named `Mallory\x1b]0;pwned\x07\x1b[2J` must not retitle or clear the terminal, and a
//! user named `Eve\u{202e}gnp.exe` must not display as `Eveexe.png` (the "Trojan Source" class,
//! CVE-2021-42574). So escape sequences and control characters are removed, and the Unicode
//! bidirectional controls are shown as what they are: `⟨U+202E⟩`.

use std::fmt::Write as _;

/// Whether `c` is one of Unicode's bidirectional formatting characters (the `Bidi_Control`
/// property): embeddings, overrides, isolates and the directional marks. Any of them can make
/// text display in another order than it is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a byte may start something the encoder changes: a C0 control or DEL (one byte), a C1
/// control (0xC2 then 0x80–0x9F), or a bidi control (0xD8 0x9C, or 0xE2 0x80/0x81 …). Text
/// without such bytes is passed through untouched, which is almost all text.
fn may_need_work(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2
}

/// Whether the encoder changes anything in `text` (a kept line break changes nothing).
fn needs_work(text: &str, keep_newlines: bool) -> bool {
    let kept = |c: char| keep_newlines && c == '\n';
    text.bytes().any(|b| may_need_work(b) && !kept(char::from(b)))
        && text.chars().any(|c| (c.is_control() && !kept(c)) || is_bidi_control(c))
}

/// One line of text for a table cell, a status bar or a message: escape sequences (CSI, OSC, …)
/// and every remaining C0/C1 control removed, line breaks and tabs turned into spaces so a value
/// stays on its row, and bidi controls shown as `⟨U+XXXX⟩`.
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    push_clean(&mut out, text);
    out
}

/// [`clean`], appending to `out` instead of allocating.
pub fn push_clean(out: &mut String, text: &str) {
    push_encoded(out, text, false);
}

/// Text of several lines (a report, pretty JSON, a confirmation): as [`clean`], except that line
/// breaks (`\n`) are kept. A carriage return is dropped: it could overwrite what is already shown.
pub fn clean_lines(text: &str) -> String {
    let mut out = String::new();
    push_encoded(&mut out, text, true);
    out
}

fn push_encoded(out: &mut String, text: &str, keep_newlines: bool) {
    if !needs_work(text, keep_newlines) {
        out.push_str(text);
        return;
    }
    // Breaks become spaces (or are protected) first: the escape stripper would drop them,
    // gluing words together.
    let spaced: String = text
        .chars()
        .map(|c| match c {
            '\n' if keep_newlines => '\u{e000}',
            '\n' | '\t' => ' ',
            '\r' if !keep_newlines => ' ',
            other => other,
        })
        .collect();
    for c in strip_ansi_escapes::strip_str(spaced).chars() {
        match c {
            '\u{e000}' => out.push('\n'),
            c if is_bidi_control(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(clean("山田 太郎 🦊 Zoë — → ✓"), "山田 太郎 🦊 Zoë — → ✓");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(clean("a\nb\tc"), "a b c");
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        assert_eq!(clean("Eve\u{202e}gnp.exe"), "Eve⟨U+202E⟩gnp.exe");
        for c in ['\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{2066}', '\u{2069}'] {
            let shown = clean(&format!("a{c}b"));
            assert!(!shown.chars().any(is_bidi_control), "{shown:?}");
            assert!(shown.contains(&format!("U+{:04X}", c as u32)), "{shown:?}");
        }
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_the_rest() {
        assert_eq!(clean_lines("one\x1b[2J\ntwo\r\u{202e}x\n"), "one\ntwo⟨U+202E⟩x\n");
        assert_eq!(clean_lines("plain\ntext\n"), "plain\ntext\n");
    }
}
