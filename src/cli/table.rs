//! Tables for scripts and people: aligned to fit the terminal, every cell through the text
//! encoder; and JSON through the JSON encoder.

use comfy_table::{ColumnConstraint, ContentArrangement, Row, Table, presets};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::output::text::clean;

use super::CliError;

/// Pretty JSON on stdout, through the JSON encoder.
pub fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    crate::output::print_json(value).map_err(|e| CliError::Failed(format!("could not print JSON: {e}")))
}

/// `--wide`: tables show every value whole, however wide the terminal.
static WIDE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns `--wide` on for the rest of the process.
pub(crate) fn show_wide(on: bool) {
    WIDE.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// How a column gives way on a narrow terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Ids, which get pasted into the next command: never cut, wrapped or left out.
    Id,
    /// Addresses, times, counts and short codes, useless cut: whole, or left out.
    Whole,
    /// Names and descriptions: cut with `…`, or left out.
    Cut,
}

/// Which a column is, by its header: one place, for every table.
fn fit_of(header: &str) -> Fit {
    match header {
        "ID" | "SESSION" | "IDENTIFIER" => Fit::Id,
        _ if header.ends_with("_ID") => Fit::Id,
        "IP" | "LAST IP" | "DATE" | "CREATED" | "LAST USED" | "EXPIRES" | "LAST LOGIN" | "LOGINS"
        | "BLOCKED" | "ROTATING" | "TYPE" | "FIELD" => Fit::Whole,
        _ => Fit::Cut,
    }
}

/// An aligned table on stdout, one line a row; cells are cleaned of control characters and
/// escape sequences. On a terminal it fits the width (see [`render`]); off one every value is
/// whole: a script reads what Auth0 said (and should read `--json`).
pub fn print_table(headers: &[&str], rows: Vec<Vec<String>>) {
    let wide = WIDE.load(std::sync::atomic::Ordering::Relaxed);
    let width = if wide { None } else { terminal_width() };
    let (table, hidden) = render(headers, rows, width);
    crate::outln!("{table}");
    if let (false, Some(width)) = (hidden.is_empty(), width) {
        super::note(format!(
            "not shown at {width} columns: {}; --wide shows every column, --json every field",
            hidden.join(", ")
        ));
    }
}

/// A record of fields and values: long values wrap rather than being cut, since each row is
/// one thing the user asked to see.
pub fn print_record(rows: Vec<Vec<String>>) {
    let wide = WIDE.load(std::sync::atomic::Ordering::Relaxed);
    let mut table = new_table(&["FIELD", "VALUE"], if wide { None } else { terminal_width() });
    for row in rows {
        table.add_row(row.iter().map(|cell| clean(cell)));
    }
    keep_whole(&mut table, &["FIELD", "VALUE"]);
    crate::outln!("{}", lines_of(&table));
}

/// The terminal's width when stdout is one.
fn terminal_width() -> Option<u16> {
    if !crate::output::stdout_is_terminal() {
        return None;
    }
    crossterm::terminal::size().ok().map(|(width, _)| width).filter(|&w| w > 0)
}

/// The narrowest a column that gives way is made before whole columns are left out instead.
const MIN_CUT_WIDTH: usize = 8;

/// The table in `width` columns (`None`: no limit), and the headers of the columns left out to
/// fit. Ids are never cut, wrapped or left out; names are cut with `…`; when they would be cut
/// narrower than [`MIN_CUT_WIDTH`], the rightmost column that is not an id is left out, until the
/// rest fit.
pub fn render(headers: &[&str], rows: Vec<Vec<String>>, width: Option<u16>) -> (String, Vec<String>) {
    let rows: Vec<Vec<String>> = rows.into_iter().map(|row| row.iter().map(|c| clean(c)).collect()).collect();
    let natural: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .chain([headers[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut shown: Vec<usize> = (0..headers.len()).collect();
    let mut hidden = Vec::new();
    if let Some(width) = width.map(usize::from) {
        loop {
            // Each column is padded by a space on either side.
            let total: usize = shown.iter().map(|&i| natural[i] + 2).sum();
            let cut = shown.iter().filter(|&&i| fit_of(headers[i]) == Fit::Cut).count();
            let whole: usize =
                shown.iter().filter(|&&i| fit_of(headers[i]) != Fit::Cut).map(|&i| natural[i] + 2).sum();
            let room = width.saturating_sub(whole + 2 * cut);
            if total <= width || (cut > 0 && room / cut >= MIN_CUT_WIDTH) {
                break;
            }
            let Some(last) = shown.iter().rposition(|&i| fit_of(headers[i]) != Fit::Id) else { break };
            hidden.insert(0, headers[shown.remove(last)].to_string());
        }
    }
    let shown_headers: Vec<&str> = shown.iter().map(|&i| headers[i]).collect();
    let mut table = new_table(&shown_headers, width);
    for row in rows {
        let mut row = Row::from(shown.iter().map(|&i| row.get(i).cloned().unwrap_or_default()));
        row.max_height(1);
        table.add_row(row);
    }
    keep_whole(&mut table, &shown_headers);
    (lines_of(&table), hidden)
}

fn new_table(headers: &[&str], width: Option<u16>) -> Table {
    let mut table = Table::new();
    let mut header = Row::from(headers.iter().map(|h| h.to_string()));
    header.max_height(1);
    table.load_preset(presets::NOTHING).set_truncation_indicator("…").set_header(header);
    match width {
        Some(width) => table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width),
        // Not a terminal, or `--wide`: every value whole, whatever the terminal.
        None => table.set_content_arrangement(ContentArrangement::Disabled).force_no_tty(),
    };
    table
}

/// Gives each column that is not cut its content's width, so it is never cut or wrapped.
fn keep_whole(table: &mut Table, headers: &[&str]) {
    for (i, header) in headers.iter().enumerate() {
        if let Some(column) = table.column_mut(i).filter(|_| fit_of(header) != Fit::Cut) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

fn lines_of(table: &Table) -> String {
    table.to_string().lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn users() -> Vec<Vec<String>> {
        let row = |name: &str, email: &str, id: &str| {
            [name, email, id, "Username-Password-Authentication", "2026-08-26 22:31", "409", ""]
                .map(String::from)
                .to_vec()
        };
        vec![
            row("Quinn Patel", "quinnpatel.1@example.com", "auth0|8a98bfee845d97da9cbf0571"),
            row("Dmitri Tanaka", "dmitritanaka.2@acme.co", "samlp|acme-saml|dmitritanaka.2@acme.co"),
        ]
    }

    const HEADERS: [&str; 7] = ["NAME", "EMAIL", "USER_ID", "CONNECTION", "LAST LOGIN", "LOGINS", "BLOCKED"];

    #[test]
    fn at_80_columns_ids_stay_whole_names_give_way_and_what_is_left_out_is_named() {
        let (table, hidden) = render(&HEADERS, users(), Some(80));
        assert!(table.lines().all(|l| l.width() <= 80), "{table}");
        assert_eq!(table.lines().count(), 3, "one line a row: {table}");
        assert!(table.contains("auth0|8a98bfee845d97da9cbf0571"), "{table}");
        assert!(table.contains("samlp|acme-saml|dmitritanaka.2@acme.co"), "{table}");
        assert!(table.contains('…'), "{table}");
        assert_eq!(hidden, ["LAST LOGIN", "LOGINS", "BLOCKED"]);
    }

    #[test]
    fn at_200_columns_or_off_a_terminal_every_value_is_whole() {
        for width in [Some(200), None] {
            let (table, hidden) = render(&HEADERS, users(), width);
            assert!(hidden.is_empty() && !table.contains('…'), "{table}");
            assert!(table.contains("quinnpatel.1@example.com  auth0|8a98bfee845d97da9cbf0571"), "{table}");
            assert!(table.contains("Username-Password-Authentication"), "{table}");
        }
    }

    #[test]
    fn a_terminal_too_narrow_for_the_ids_still_shows_them_whole() {
        let (table, hidden) = render(&HEADERS, users(), Some(20));
        assert!(table.contains("samlp|acme-saml|dmitritanaka.2@acme.co"), "{table}");
        assert_eq!(hidden.len(), 6, "{hidden:?}");
    }
}
