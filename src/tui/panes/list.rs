//! A list of things belonging to the selected user: grants, device credentials, or sessions and
//! refresh tokens. Each of those panes is this type with its own `PaneModule` impl; what they
//! share (loading for a user, the cursor, the placeholders) is here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::context::{Cx, View};
use super::selection::Selection;
use crate::output::text::clean;
use crate::tui::command::Command;
use crate::tui::remote::{Remote, RequestId};
use crate::tui::ui::{theme, widgets};

#[derive(Debug, Clone)]
pub struct ListPane<T> {
    pub items: Remote<Vec<T>>,
    pub selection: Selection,
    /// Whose items these are.
    pub user_id: Option<String>,
}

impl<T> Default for ListPane<T> {
    fn default() -> Self {
        ListPane { items: Remote::Idle, selection: Selection::default(), user_id: None }
    }
}

impl<T> ListPane<T> {
    pub fn len(&self) -> usize {
        self.items.loaded().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts loading `user_id`'s items under `req`: the old ones go, the cursor goes to the top.
    pub fn start_loading(&mut self, req: RequestId, user_id: &str) {
        self.items = Remote::Loading(req);
        self.user_id = Some(user_id.to_string());
        self.selection.reset();
    }

    /// Loads the selected user's items with the command `load` builds (or says to select one).
    pub fn reload_with(
        &mut self,
        cx: &mut Cx,
        load: impl FnOnce(RequestId, String) -> Command,
    ) -> Vec<Command> {
        let Some(user_id) = cx.selected_user_or_hint() else { return Vec::new() };
        self.load_with(cx, user_id, load)
    }

    /// Loads `user_id`'s items with the command `load` builds.
    pub fn load_with(
        &mut self,
        cx: &mut Cx,
        user_id: String,
        load: impl FnOnce(RequestId, String) -> Command,
    ) -> Vec<Command> {
        let req = cx.next_request();
        self.start_loading(req, &user_id);
        vec![load(req, user_id)]
    }

    /// Applies a loaded list if it is the one awaited (a stale one is dropped).
    pub fn loaded(&mut self, req: RequestId, items: Remote<Vec<T>>) {
        if self.items.is_request(req) {
            self.items = items;
        }
    }

    pub fn highlighted(&self) -> Option<&T> {
        self.items.loaded()?.get(self.selection.selected)
    }

    /// Whether these are `user_id`'s items.
    pub fn is_of(&self, user_id: &str) -> bool {
        self.user_id.as_deref() == Some(user_id)
    }

    /// Removes the items `gone` matches, keeping the selection in range.
    pub fn remove(&mut self, gone: impl Fn(&T) -> bool) {
        if let Remote::Loaded(items) = &mut self.items {
            items.retain(|item| !gone(item));
            let len = items.len();
            self.selection.clamp(len);
        }
    }

    pub fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        let len = self.len();
        Some((&mut self.selection, len))
    }

    /// The loaded items, or `None` after drawing why there are none: no user selected, loading,
    /// an error, or nothing to show.
    pub fn ready(
        &self,
        view: &View,
        frame: &mut Frame,
        area: Rect,
        block: Block<'_>,
        (plural, none_means): (&str, &str),
    ) -> Option<&Vec<T>> {
        let lines: Vec<Line<'static>> = match &self.items {
            Remote::Loaded(items) if !items.is_empty() => return Some(items),
            Remote::Loaded(_) => vec![Line::raw(format!("No {plural}: this user {none_means}."))],
            Remote::Idle => vec![Line::raw("Select a user first: Enter on a row in Users (1).")],
            Remote::Loading(_) => vec![Line::raw(format!("{} loading {plural}…", view.spinner))],
            Remote::Failed(error) => widgets::error_lines(error, "press r to retry"),
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        widgets::centered_message(frame, inner, lines, theme::muted());
        None
    }
}

/// "Grants of Jane Doe".
pub fn title_of_user(what: &str, view: &View) -> String {
    match view.selected_user {
        Some(user) => {
            format!("{what} of {}", clean(user.name().or(user.email()).or(user.user_id()).unwrap_or("?")))
        }
        None => what.to_string(),
    }
}

/// The hint under a list of revocable things.
pub fn revoke_hint(view: &View, hint: &str) -> Line<'static> {
    let text = if view.read_only { " --read-only: revoking is unavailable" } else { hint };
    Line::styled(text.to_string(), theme::muted())
}
