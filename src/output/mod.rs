//! Every byte tenantscope writes for a person or a script leaves through here, after one of two
//! encoders (and the access crate's `html` for the login pages it serves): [`text`] (no escape sequences or controls;
//! code points that reorder, hide or break text shown as `\u{XXXX}`) or [`json`] (`\uXXXX` for
//! them). The terminal UI draws text cleaned by [`text`], and measures columns on that text. The audit log is written with [`json`], the clipboard gets [`text`].
//!
//! The crate denies `print!`, `eprint!` and their friends outside this module (see `lib.rs`), and
//! `clippy.toml` disallows `std::io::stdout` and `std::io::stderr`, so a new print site cannot go
//! around the encoders.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

pub mod json;
/// The text encoder lives in the access crate, where the tenant's words first arrive and its
/// errors are cleaned; this is the same one, not a second.
pub use tenantscope_auth0::text;

use std::io::Write;

/// Writes `text` to stdout through the text encoder (line breaks kept). A reader that went away
/// (`| head`) means nobody wants the rest: stop quietly, as a Unix tool does, instead of
/// panicking.
pub fn out(text: std::fmt::Arguments<'_>) {
    let mut formatted = String::new();
    let _ = std::fmt::Write::write_fmt(&mut formatted, text);
    write_stdout(&text::clean_lines(&formatted));
}

/// `println!` for data on stdout, through [`out`].
#[macro_export]
macro_rules! outln {
    () => { $crate::output::out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Pretty JSON on stdout, through the JSON encoder.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), serde_json::Error> {
    let text = json::to_string_pretty(value)?;
    write_stdout(&text);
    write_stdout("\n");
    Ok(())
}

/// One JSON line on stdout, through the JSON encoder.
pub fn print_json_line(value: &impl serde::Serialize) -> Result<(), serde_json::Error> {
    let mut text = json::to_string(value)?;
    text.push('\n');
    write_stdout(&text);
    Ok(())
}

/// Lines of JSON text that are already encoded: checked once more, and encoded again where they
/// hold anything the JSON encoder would have escaped (an export line as Auth0 wrote it).
pub fn write_json_line(sink: &mut impl Write, line: &str) -> std::io::Result<()> {
    if json::has_raw_controls(line) || line.bytes().any(|b| b < 0x20) {
        // A value strict JSON refuses (a lone surrogate, 1e400, deep nesting) cannot be decoded
        // and encoded again: it is kept as Auth0 sent it, escaped in place.
        let encoded = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(value) => json::to_string(&value).unwrap_or_else(|_| json::escape_raw(line)),
            Err(_) => json::escape_raw(line),
        };
        sink.write_all(encoded.as_bytes())?;
    } else {
        sink.write_all(line.as_bytes())?;
    }
    sink.write_all(b"\n")
}

/// Stdout for a stream of lines written with [`write_json_line`].
pub fn stdout() -> impl Write {
    std::io::BufWriter::new(std::io::stdout())
}

fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// A message for the user on stderr (never stdout), through the text encoder: messages quote the
/// server.
pub fn note(message: impl std::fmt::Display) {
    eprintln!("tenantscope: {}", text::clean_lines(&message.to_string()));
}

/// A question on stderr, with no line break after it, for an answer typed on the terminal.
pub fn prompt(question: &str) {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{}", text::clean_lines(question));
    let _ = stderr.flush();
}

/// A progress line on stderr, rewritten in place: tenantscope's own carriage return and
/// erase-line, then the text, encoded. `None` clears the line.
pub fn status_line(text: Option<&str>) {
    match text {
        Some(text) => eprint!("\r\x1b[2Ktenantscope: {}", text::clean(text)),
        None => eprint!("\r\x1b[2K"),
    }
}

/// Whether stderr is a terminal (live progress) rather than a file or a pipe (plain notes).
pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// Whether stdout is a terminal (where a secret is shown masked, not printed).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Ends a progress line that is left on screen.
pub fn end_status_line() {
    eprintln!();
}
