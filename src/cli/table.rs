//! Tables for scripts and people: aligned to fit the terminal, every cell through the text
//! encoder; and JSON through the JSON encoder.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::output::text::clean;

use super::CliError;

/// Pretty JSON on stdout, through the JSON encoder.
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    crate::output::print_json(value).map_err(|e| CliError::Failed(format!("could not print JSON: {e}")))
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
