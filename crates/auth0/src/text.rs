//! The text encoder: makes text safe to show on a terminal, and honest.
//!
//! A user named `Mallory\x1b]0;pwned\x07\x1b[2J` must not retitle or clear the terminal, and a
//! user named `Eve\u{202e}gnp.exe` must not display as `Eveexe.png` (the "Trojan Source" class,
//! CVE-2021-42574). So escape sequences and control characters are removed, and the code points
//! in [`SHOWN_AS_ESCAPES`] — the ones that reorder, hide or break text — are shown as what they
//! are: `\u{202e}`.

use std::fmt::Write as _;

/// The code points both encoders show as escapes rather than pass through, and why. Each one is
/// invisible or moves other text, so passing it raw lets a value from the tenant look like
/// something it is not; showing it escaped keeps every character of the value on screen.
pub const SHOWN_AS_ESCAPES: &[(char, char, &str)] = &[
    ('\u{061c}', '\u{061c}', "Arabic letter mark: a bidi control, reorders what follows"),
    ('\u{200b}', '\u{200d}', "zero-width space, non-joiner and joiner: invisible, hide text in a value"),
    ('\u{200e}', '\u{200f}', "left-to-right and right-to-left marks: bidi controls"),
    ('\u{2028}', '\u{2029}', "line and paragraph separators: break a line where none is seen"),
    ('\u{202a}', '\u{202e}', "bidi embeddings and overrides: show text in another order (Trojan Source)"),
    ('\u{2060}', '\u{2064}', "word joiner and invisible operators: invisible"),
    ('\u{2066}', '\u{2069}', "bidi isolates: show text in another order"),
    ('\u{feff}', '\u{feff}', "zero-width no-break space (byte-order mark): invisible"),
    ('\u{e0000}', '\u{e007f}', "tag characters: invisible, can smuggle a whole hidden sentence"),
];

/// Whether `c` is one of [`SHOWN_AS_ESCAPES`].
#[inline]
pub fn is_shown_as_escape(c: char) -> bool {
    // Everything listed is at or above U+061C; most text never gets past this first test.
    c >= '\u{061c}' && SHOWN_AS_ESCAPES.iter().any(|&(first, last, _)| (first..=last).contains(&c))
}

/// Whether a byte may start something the encoder changes: a C0 control or DEL (one byte), a C1
/// control (0xC2 then 0x80–0x9F), or a code point of [`SHOWN_AS_ESCAPES`] (0xD8 for U+061C,
/// 0xE2 for U+2000–U+2FFF, 0xEF for U+FEFF, 0xF3 for the tags). Text without such bytes is passed
/// through untouched, which is almost all text.
#[inline]
pub fn may_need_work(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef | 0xf3)
}

/// Whether the encoder changes anything in `text` (a kept line break changes nothing).
fn needs_work(text: &str, keep_newlines: bool) -> bool {
    let kept = |c: char| keep_newlines && c == '\n';
    text.bytes().any(|b| may_need_work(b) && !kept(char::from(b)))
        && text.chars().any(|c| (c.is_control() && !kept(c)) || is_shown_as_escape(c))
}

/// `1000000` as `1,000,000`, for the sentences that quote a bound.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// One line of text for a table cell, a status bar or a message: escape sequences (CSI, OSC, …)
/// and every remaining C0/C1 control removed, line breaks and tabs turned into spaces so a value
/// stays on its row, and the code points of [`SHOWN_AS_ESCAPES`] shown as `\u{XXXX}`.
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
            c if is_shown_as_escape(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
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
    fn bounds_are_quoted_with_grouped_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(25_165_824), "25,165,824");
    }

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
        assert_eq!(clean("Eve\u{202e}gnp.exe"), "Eve\\u{202e}gnp.exe");
        for c in ['\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{2066}', '\u{2069}'] {
            let shown = clean(&format!("a{c}b"));
            assert!(!shown.chars().any(is_shown_as_escape), "{shown:?}");
            assert_eq!(shown, format!("a\\u{{{:04x}}}b", c as u32));
        }
    }

    #[test]
    fn invisible_and_line_separating_code_points_are_shown() {
        let hidden = "a\u{2028}b\u{2029}c\u{200b}d\u{2060}e\u{2064}f\u{feff}g\u{e0041}\u{e007f}h";
        assert_eq!(
            clean(hidden),
            "a\\u{2028}b\\u{2029}c\\u{200b}d\\u{2060}e\\u{2064}f\\u{feff}g\\u{e0041}\\u{e007f}h"
        );
        assert_eq!(clean_lines("x\u{2028}\ny"), "x\\u{2028}\ny");
        for &(first, last, why) in SHOWN_AS_ESCAPES {
            for c in [first, last] {
                assert!(may_need_work(c.to_string().as_bytes()[0]), "{why}");
                assert!(!clean(&c.to_string()).contains(c), "{why}");
            }
        }
    }

    #[test]
    fn neighbours_of_the_escaped_ranges_pass() {
        for c in ['\u{2010}', '\u{2030}', '\u{2065}', '\u{fefe}', '\u{e0100}', '\u{0600}', '—', '…'] {
            assert_eq!(clean(&c.to_string()), c.to_string());
        }
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_the_rest() {
        assert_eq!(clean_lines("one\x1b[2J\ntwo\r\u{202e}x\n"), "one\ntwo\\u{202e}x\n");
        assert_eq!(clean_lines("plain\ntext\n"), "plain\ntext\n");
    }
}
