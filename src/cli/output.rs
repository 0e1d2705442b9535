//! Output for scripts: Auth0's JSON as it came, or an aligned table that fits the terminal with
//! every value from the tenant sanitised.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::sanitize::clean;

use super::CliError;

/// Writes to stdout. A reader that went away (`| head`) means nobody wants the rest: stop quietly,
/// as a Unix tool does, instead of panicking; the simulated tenant keeps serving.
pub fn out(text: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_fmt(text).and_then(|()| stdout.flush());
}

/// `println!` for the CLI's data, through [`out`].
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::output::out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::output::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Pretty JSON on stdout, with nothing in it a terminal would act on.
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let text = super::safe_json::to_string_pretty(value)
        .map_err(|e| CliError::Failed(format!("could not print JSON: {e}")))?;
    crate::outln!("{text}");
    Ok(())
}

/// An aligned table on stdout; cells are cleaned of control characters and escape sequences.
pub fn print_table(headers: &[&str], rows: Vec<Vec<String>>) {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(|h| h.to_string()));
    for row in rows {
        table.add_row(row.iter().map(|cell| clean(cell)));
    }
    crate::outln!("{}", table.to_string().lines().map(str::trim_end).collect::<Vec<_>>().join("\n"));
}

/// `2026-10-30T14:02:11.123Z` → `2026-10-30 15:02` in local time; other text as it came.
pub fn local_time(timestamp: Option<&str>) -> String {
    let Some(text) = timestamp else {
        return String::new();
    };
    match chrono::DateTime::parse_from_rfc3339(text) {
        Ok(at) => at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => text.to_string(),
    }
}

/// `opt` or an empty cell.
pub fn or_blank(value: Option<&str>) -> String {
    value.unwrap_or_default().to_string()
}
