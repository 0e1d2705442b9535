//! The JSON encoder: JSON that is safe to print on a terminal and means the same.
//!
//! serde_json escapes the C0 controls (ESC among them), but writes DEL and the C1 controls
//! (U+007F–U+009F) as they are, and some terminals act on C1 controls (U+009B is a one-character
//! CSI). It also writes raw the code points that reorder, hide or break text (the table
//! [`super::text::SHOWN_AS_ESCAPES`]: bidi controls, zero-width characters, line separators,
//! tags), which make a value display as something it is not. A user name from the tenant must
//! not drive the terminal or spoof it, so these are written as `\uXXXX` escapes too (a surrogate
//! pair above U+FFFF): any JSON reader decodes the same text.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

use super::text::{is_shown_as_escape, may_need_work};

/// Whether `c` is one of the characters serde_json leaves raw that a terminal may act on or that
/// reorder, hide or break what is shown.
fn needs_escape(c: char) -> bool {
    ('\u{7f}'..='\u{9f}').contains(&c) || is_shown_as_escape(c)
}

/// `c` as a JSON escape: `\uXXXX`, or the two of its UTF-16 surrogate pair above U+FFFF.
fn write_escape(out: &mut impl std::fmt::Write, c: char) -> std::fmt::Result {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        write!(out, "\\u{unit:04x}")?;
    }
    Ok(())
}

/// Whether JSON text holds, raw, a character this encoder would escape: DEL, a C1 control or a
/// code point of [`super::text::SHOWN_AS_ESCAPES`].
pub fn has_raw_controls(text: &str) -> bool {
    // Bytes first: this runs on every line of an export, and almost none has any of them.
    let suspect = text.bytes().any(|b| b >= 0x7f && may_need_work(b));
    suspect && text.chars().any(needs_escape)
}

/// JSON text kept as it was written, with every character this encoder escapes written as a
/// `\uXXXX` escape inside strings (the same value to any reader), and controls between values
/// (whitespace there) as spaces. For text strict JSON readers refuse to parse (a lone surrogate
/// escape, `1e400`, deep nesting), so it cannot be decoded and encoded again.
pub fn escape_raw(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        let control = c < ' ' || needs_escape(c);
        match (in_string, control) {
            (true, true) => {
                let _ = write_escape(&mut out, c);
                escaped = false;
                continue;
            }
            (false, true) => {
                out.push(' ');
                continue;
            }
            _ => {}
        }
        out.push(c);
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
    }
    out
}

/// Pretty JSON, with DEL and C1 controls escaped.
pub fn to_string_pretty(value: &impl Serialize) -> serde_json::Result<String> {
    write_with(value, PrettyFormatter::new())
}

/// Compact JSON (one line), with DEL and C1 controls escaped.
pub fn to_string(value: &impl Serialize) -> serde_json::Result<String> {
    write_with(value, CompactFormatter)
}

fn write_with<F: Formatter>(value: &impl Serialize, formatter: F) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut Serializer::with_formatter(&mut out, TerminalSafe(formatter)))?;
    // serde_json writes only UTF-8, and the escapes are ASCII.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Delegates to the inner formatter (its layout), escaping DEL and C1 in string contents.
struct TerminalSafe<F>(F);

impl<F: Formatter> Formatter for TerminalSafe<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        // Every character escaped here starts with one of these bytes; most strings have none.
        if !fragment.bytes().any(|b| b >= 0x7f && may_need_work(b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut escape = String::with_capacity(12);
                let _ = write_escape(&mut escape, c);
                writer.write_all(escape.as_bytes())?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the inner formatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn text_strict_json_refuses_is_escaped_in_place_and_keeps_its_meaning() {
        let line =
            "{\"name\":\"Eve\u{202e}gnp\u{85}\",\t\"bad\":\"\\ud800\",\"n\":1e400,\"q\":\"a\\\"\u{9b}b\"}";
        let escaped = escape_raw(line);
        assert_eq!(
            escaped,
            "{\"name\":\"Eve\\u202egnp\\u0085\", \"bad\":\"\\ud800\",\"n\":1e400,\"q\":\"a\\\"\\u009bb\"}"
        );
        assert!(!has_raw_controls(&escaped));
    }

    #[test]
    fn c1_and_del_are_escaped_and_the_json_means_the_same() {
        let value = json!({"name": "Mallory\u{9b}2J\u{7f} Zoë \u{1b}]0;x\u{7}", "n": [1, {"k": "\u{85}"}]});
        for text in [to_string(&value).unwrap(), to_string_pretty(&value).unwrap()] {
            assert!(!has_raw_controls(&text) && !text.contains('\u{1b}'), "{text:?}");
            assert!(text.contains("\\u009b") && text.contains("\\u007f") && text.contains("\\u0085"));
            assert!(text.contains("Zoë"), "other text stays as it is: {text}");
            assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        }
    }

    #[test]
    fn the_layout_is_serde_jsons() {
        let value = json!({"a": [1, 2], "b": {"c": null}});
        assert_eq!(to_string(&value).unwrap(), serde_json::to_string(&value).unwrap());
        assert_eq!(to_string_pretty(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn bidi_controls_are_escaped() {
        let value = json!({"name": "Eve\u{202e}gnp.exe", "note": "\u{2066}x\u{2069} → ok"});
        let text = to_string(&value).unwrap();
        assert!(text.contains("Eve\\u202egnp.exe") && text.contains("\\u2066x\\u2069 → ok"), "{text}");
        assert!(has_raw_controls(&serde_json::to_string(&value).unwrap()));
        assert!(!has_raw_controls(&text));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }

    #[test]
    fn invisible_code_points_are_escaped_with_surrogate_pairs_above_the_bmp() {
        let value = json!({"name": "a\u{2028}b\u{200b}c\u{feff}d\u{e0041}e"});
        let text = to_string(&value).unwrap();
        assert_eq!(text, "{\"name\":\"a\\u2028b\\u200bc\\ufeffd\\udb40\\udc41e\"}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        assert!(has_raw_controls(&serde_json::to_string(&value).unwrap()));
        let raw = "{\"n\":\"\u{e0041}\u{2029}\"}";
        assert_eq!(escape_raw(raw), "{\"n\":\"\\udb40\\udc41\\u2029\"}");
    }

    #[test]
    fn raw_controls_are_found() {
        assert!(has_raw_controls("{\"name\":\"a\u{9b}b\"}"));
        assert!(!has_raw_controls("{\"name\":\"— → ✓\"}"));
        assert!(has_raw_controls("\u{7f}"));
        assert!(!has_raw_controls("{\"name\":\"Zoë \\u001b\"}"));
    }
}
