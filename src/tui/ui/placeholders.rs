//! Placeholders the per-user panes show before there is a list: no user selected, loading, or
//! an error; and their titles.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::output::text::clean;

use super::super::app::App;
use super::super::panes::{ListPane, Remote};
use super::{centered_message, error_lines, spinner, theme};

/// "Grants of Jane Doe".
pub fn title(what: &str, app: &App) -> String {
    match &app.selected_user {
        Some(user) => {
            format!("{what} of {}", clean(user.name().or(user.email()).or(user.user_id()).unwrap_or("?")))
        }
        None => what.to_string(),
    }
}

/// The loaded items, or `None` after drawing why there are none.
pub fn ready<'a, T>(
    app: &App,
    pane: &'a ListPane<T>,
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    plural: &str,
    none_means: &str,
) -> Option<&'a Vec<T>> {
    let lines: Vec<Line<'static>> = match &pane.items {
        Remote::Loaded(items) if !items.is_empty() => return Some(items),
        Remote::Loaded(_) => vec![Line::raw(format!("No {plural}: this user {none_means}."))],
        Remote::Idle => vec![Line::raw("Select a user first: Enter on a row in Users (1).")],
        Remote::Loading(_) => vec![Line::raw(format!("{} loading {plural}…", spinner(app)))],
        Remote::Failed(error) => error_lines(error, "press r to retry"),
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    centered_message(frame, inner, lines, theme::muted());
    None
}
