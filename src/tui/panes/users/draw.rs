//! The Users pane: the table, the search line, why there are no more rows, and the detail of the
//! highlighted user.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};
use serde_json::Value;

use crate::auth0::User;
use crate::auth0::export::ExportProgress;
use crate::auth0::management::SEARCH_RESULT_CAP;
use crate::output::text::clean;
use crate::roster::Row;
use crate::roster::highlight::Highlighter;

use super::{UsersEnd, UsersPane};
use crate::roster::order::SortColumn;
use crate::tui::panes::View;
use crate::tui::ui::table::{Column, ListView};
use crate::tui::ui::theme;
use crate::tui::ui::widgets::{centered_message, error_lines, pane_block};

pub fn draw(pane: &UsersPane, view: &View, frame: &mut Frame, area: Rect) {
    let search_height = if pane.search.is_some() { 3 } else { 0 };
    let filter_height = if pane.filter.is_some() { 3 } else { 0 };
    let [search_area, filter_area, rest] = Layout::vertical([
        Constraint::Length(search_height),
        Constraint::Length(filter_height),
        Constraint::Min(3),
    ])
    .areas(area);
    if let Some(input) = &pane.search {
        draw_search(frame, search_area, input, "Search (Lucene) · Enter runs · Esc cancels", true);
    }
    if let Some(filter) = &pane.filter {
        let title = "Filter (fuzzy, loaded users) · Enter keeps · Esc clears";
        draw_search(frame, filter_area, &filter.input, title, filter.editing && pane.search.is_none());
    }
    // The detail goes beside the table only when the table keeps room for every column.
    let (table_area, detail_area) = if rest.width >= 170 {
        let [t, d] = Layout::horizontal([Constraint::Fill(2), Constraint::Length(60)]).areas(rest);
        (t, Some(d))
    } else if rest.height >= 18 {
        let detail_height = (rest.height / 3).max(9);
        let [t, d] = Layout::vertical([Constraint::Min(8), Constraint::Length(detail_height)]).areas(rest);
        (t, Some(d))
    } else {
        (rest, None)
    };
    let [table_area, footer_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(table_area);
    draw_table(pane, view, frame, table_area);
    draw_footer(pane, view, frame, footer_area);
    if let Some(detail_area) = detail_area {
        draw_detail(pane, view, frame, detail_area);
    }
}

fn draw_search(frame: &mut Frame, area: Rect, input: &tui_input::Input, title: &str, typing: bool) {
    let block = pane_block(title.into(), typing);
    let inner_width = area.width.saturating_sub(2) as usize;
    let scroll = input.visual_scroll(inner_width.saturating_sub(1));
    frame.render_widget(Paragraph::new(clean(input.value())).scroll((0, scroll as u16)).block(block), area);
    if typing {
        let cursor_x = area.x + 1 + (input.visual_cursor().max(scroll) - scroll) as u16;
        frame.set_cursor_position((cursor_x, area.y + 1));
    }
}

fn draw_table(pane: &UsersPane, view: &View, frame: &mut Frame, area: Rect) {
    let title = table_title(pane);
    let width = area.width.saturating_sub(2);
    let columns = columns_for(width);
    let block = pane_block(title, view.focused);
    if pane.rows.is_empty() && pane.filter.is_none() {
        let lines = match &pane.end {
            UsersEnd::Failed(error) => error_lines(error, "press r to retry"),
            UsersEnd::Loading { .. } => vec![Line::raw(format!("{} loading users…", view.spinner))],
            UsersEnd::Exporting { progress, .. } => {
                let text = UsersPane::export_text(progress.as_ref());
                vec![Line::raw(format!("{} {}", view.spinner, clean(&text)))]
            }
            _ if pane.query.is_some() => vec![Line::raw("No user matches the search. / edits it.")],
            _ => vec![Line::raw("This tenant has no users.")],
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        centered_message(frame, inner, lines, theme::muted());
        return;
    }
    let marks = pane.filter.as_ref().and_then(|f| Highlighter::new(f.input.value()));
    ListView {
        block,
        columns: &columns,
        len: pane.visible_len(),
        selection: &pane.selection,
        focused: view.focused,
    }
    .draw_marked(
        frame,
        area,
        |i| {
            let Some(user) = pane.visible(i) else { return Vec::new() };
            let cells = [
                name_of(user.name()),
                user.email().unwrap_or_default().to_string(),
                user.user_id().unwrap_or_default().to_string(),
                user.connection().unwrap_or_default().to_string(),
                last_login(view, &user),
                user.logins_count().map(|n| n.to_string()).unwrap_or_default(),
                if user.blocked() { "blocked".into() } else { String::new() },
            ];
            match columns.len() {
                7 => cells.to_vec(),
                5 => {
                    vec![
                        cells[0].clone(),
                        cells[1].clone(),
                        cells[3].clone(),
                        cells[4].clone(),
                        cells[6].clone(),
                    ]
                }
                _ => vec![cells[0].clone(), cells[1].clone()],
            }
        },
        marks.as_ref().map(|marks| (marks, FILTERED.as_slice())),
    );
}

/// The columns the local filter reads (`roster::matcher`), where its matches are marked.
const FILTERED: [&str; 4] = ["NAME", "EMAIL", "USER_ID", "CONNECTION"];

/// The columns that fit `width`: all of them from 110 columns, fewer below.
fn columns_for(width: u16) -> Vec<Column> {
    if width >= 110 {
        vec![
            Column { title: "NAME", width: Constraint::Fill(3) },
            Column { title: "EMAIL", width: Constraint::Fill(4) },
            Column { title: "USER_ID", width: Constraint::Fill(4) },
            Column { title: "CONNECTION", width: Constraint::Fill(3) },
            Column { title: "LAST LOGIN", width: Constraint::Length(14) },
            Column { title: "LOGINS", width: Constraint::Length(6) },
            Column { title: "BLOCKED", width: Constraint::Length(7) },
        ]
    } else if width >= 70 {
        vec![
            Column { title: "NAME", width: Constraint::Fill(3) },
            Column { title: "EMAIL", width: Constraint::Fill(4) },
            Column { title: "CONNECTION", width: Constraint::Fill(2) },
            Column { title: "LAST LOGIN", width: Constraint::Length(14) },
            Column { title: "BLOCKED", width: Constraint::Length(7) },
        ]
    } else {
        vec![
            Column { title: "NAME", width: Constraint::Fill(1) },
            Column { title: "EMAIL", width: Constraint::Fill(1) },
        ]
    }
}

/// What the rows are (every user, or a search's) and how they are sorted.
fn table_title(pane: &UsersPane) -> String {
    let mut title = match &pane.query {
        Some(q) => format!("Users matching {}", clean(q)),
        None => "Users".to_string(),
    };
    if let Some(sort) = pane.sort {
        let (arrow, order) = match (sort.column, sort.descending) {
            (SortColumn::Logins, true) => ('▼', "most first"),
            (SortColumn::Logins, false) => ('▲', "fewest first"),
            (_, true) => ('▼', "newest first"),
            (_, false) => ('▲', "oldest first"),
        };
        title.push_str(&format!(" · by {} {arrow} {order}", sort.column.title().to_lowercase()));
    }
    title
}

fn name_of(name: Option<&str>) -> String {
    name.map(str::to_string).unwrap_or_else(|| "(no name)".into())
}

fn last_login(view: &View, user: &Row<'_>) -> String {
    let at = user.last_login_ms().and_then(chrono::DateTime::from_timestamp_millis);
    at.map(|at| view.clock.relative(at)).unwrap_or_else(|| "never".into())
}

/// One line under the table: how many are loaded and why there are no more.
fn draw_footer(pane: &UsersPane, view: &View, frame: &mut Frame, area: Rect) {
    let loaded = pane.rows.len();
    let of_total = pane.total.map(|t| format!(" of {t}")).unwrap_or_default();
    if let Some(filter) = &pane.filter {
        let text = format!(" {} of {loaded} loaded users match the filter", filter.matches.len());
        frame.render_widget(Paragraph::new(Line::styled(text, theme::muted())), area);
        return;
    }
    let line = match &pane.end {
        UsersEnd::Loading { .. } => Line::from(vec![
            Span::raw(format!(" {} ", view.spinner)),
            Span::styled(format!("loading users… {loaded}{of_total} loaded"), theme::muted()),
        ]),
        // Past Auth0's search limit, scrolling cannot reach them all: say how far it goes.
        UsersEnd::More { .. } if pane.total.is_some_and(|t| t > SEARCH_RESULT_CAP as u64) => Line::styled(
            format!(
                " {loaded}{of_total} loaded; scrolling loads up to {SEARCH_RESULT_CAP} (Auth0's search limit), A loads every user"
            ),
            theme::muted(),
        ),
        UsersEnd::More { .. } => {
            Line::styled(format!(" {loaded}{of_total} loaded; more load as you scroll"), theme::muted())
        }
        UsersEnd::Complete if loaded == 1 => Line::styled(" the one user loaded", theme::muted()),
        UsersEnd::Complete => Line::styled(format!(" all {loaded} users loaded"), theme::muted()),
        UsersEnd::SearchCap => Line::styled(
            format!(
                " {loaded}{of_total} loaded: Auth0 pages through at most {SEARCH_RESULT_CAP} results of a search; narrow it with /, or A loads every user"
            ),
            ratatui::style::Style::new().fg(theme::WARN),
        ),
        UsersEnd::Exporting { progress, .. } => {
            // The progress counts the users read, which are the users loaded.
            let text = clean(&UsersPane::export_text(progress.as_ref()));
            // A bar when Auth0 (percentage done) or the file host (its size) says how far it is.
            if let Some(ratio) = progress.as_ref().and_then(ExportProgress::ratio) {
                let gauge = LineGauge::default()
                    .ratio(ratio)
                    .label(Span::styled(format!(" {:>3.0}% ", ratio * 100.0), theme::muted()))
                    .filled_style(Style::new().fg(theme::ACCENT))
                    .unfilled_style(theme::muted());
                let [bar, words] =
                    Layout::horizontal([Constraint::Length(30), Constraint::Min(0)]).areas(area);
                frame.render_widget(gauge, bar);
                frame.render_widget(Paragraph::new(Line::styled(format!(" {text}"), theme::muted())), words);
                return;
            }
            Line::from(vec![Span::raw(format!(" {} ", view.spinner)), Span::styled(text, theme::muted())])
        }
        UsersEnd::Failed(error) => {
            Line::styled(format!(" {} — press r to retry", clean(&error.message)), theme::error())
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_detail(pane: &UsersPane, view: &View, frame: &mut Frame, area: Rect) {
    let block = pane_block("Detail".into(), false);
    let Some(row) = pane.highlighted() else {
        let message = match &pane.end {
            UsersEnd::Failed(error) => error_lines(error, "press r to retry"),
            UsersEnd::Loading { .. } => vec![Line::styled("loading…", theme::muted())],
            _ => vec![Line::styled("no users", theme::muted())],
        };
        frame.render_widget(Paragraph::new(message).block(block).wrap(Wrap { trim: false }), area);
        return;
    };
    // Only the highlighted user is parsed in full, once per frame.
    let user: User = row.user();
    let field = |label: &str, value: String| {
        Line::from(vec![Span::styled(format!("{label:<11}"), theme::label()), Span::raw(clean(&value))])
    };
    let time = |key: &str| {
        user.str_field(key).map(|t| view.clock.describe_timestamp(t)).unwrap_or_else(|| "—".into())
    };
    let mut lines = vec![
        field("name", name_of(user.name())),
        field(
            "email",
            format!(
                "{}{}",
                user.email().unwrap_or("—"),
                if user.0.get("email_verified") == Some(&Value::Bool(true)) { " (verified)" } else { "" }
            ),
        ),
        field("user_id", user.user_id().unwrap_or("—").to_string()),
        field("created", time("created_at")),
        field("updated", time("updated_at")),
        field("last login", time("last_login")),
        field("logins", user.logins_count().map(|n| n.to_string()).unwrap_or_else(|| "0".into())),
    ];
    if row.blocked() {
        lines.push(Line::styled("blocked: this user cannot sign in", theme::error()));
    }
    match &pane.login_blocks {
        Some((id, Ok(blocks))) if Some(id.as_str()) == row.user_id() && !blocks.is_empty() => {
            for block in blocks {
                lines.push(Line::styled(format!("login block: {}", clean(block)), theme::error()));
            }
        }
        Some((id, Err(why))) if Some(id.as_str()) == row.user_id() => {
            lines.push(Line::styled(format!("login blocks unknown: {}", clean(why)), theme::muted()));
        }
        _ => {}
    }
    for identity in user.identity_lines() {
        lines.push(field("identity", identity));
    }
    for (key, label) in [("app_metadata", "app meta"), ("user_metadata", "user meta")] {
        if let Some(value) = user.0.get(key) {
            lines.push(field(label, value.to_string()));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
