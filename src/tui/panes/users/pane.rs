//! The Users pane's keys: search on the tenant, filter what is loaded, load every user, select
//! one for the per-user panes; and the pages loaded as the cursor nears the end.

use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::UsersPane;
use crate::auth0::management::MAX_PER_PAGE;
use crate::output::text::clean;
use crate::roster::Row;
use crate::roster::order::{Sort, SortColumn};
use crate::tui::action::RevokeTarget;
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::overlay::Confirm;
use crate::tui::panes::filter::LocalFilter;
use crate::tui::panes::{Cx, FollowUp, PaneModule, Selection, View};

/// How soon a second `A` must come to start an export over.
const RESTART_WITHIN: chrono::TimeDelta = chrono::TimeDelta::seconds(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Logs,
    Block,
    Filter,
    Sort,
    FlipSort,
    ExportAll,
    Search,
    Select,
}

const KEYS: &[Binding<Key>] = &[
    Binding {
        keys: &[(KeyCode::Char('l'), NONE)],
        label: "l",
        name: "logs",
        action: Key::Logs,
        help: "the highlighted user's events, in Logs",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('b'), NONE)],
        label: "b",
        name: "block",
        action: Key::Block,
        help: "block (or unblock) the highlighted user: no new logins; X then revokes what they hold",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        name: "filter",
        action: Key::Filter,
        help: "filter the loaded users as you type (fuzzy, local; matches marked); Enter keeps it, Esc clears it",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        name: "sort",
        action: Key::Sort,
        help: "sort the loaded users by last login, then logins, then created, then as they came",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('S'), NONE)],
        label: "S",
        name: "flip_sort",
        action: Key::FlipSort,
        help: "flip the sort between newest (most) first and oldest (fewest) first",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('A'), NONE)],
        label: "A",
        name: "export_all",
        action: Key::ExportAll,
        help: "load every user of the tenant (an export job; past the 1000-result limit)",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        name: "search",
        action: Key::Search,
        help: "search (Lucene: email:\"a@b.c\", name:jo*); ↑ recalls the last, Enter runs, Esc cancels",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        name: "select",
        action: Key::Select,
        help: "select the user for Grants and Devices",
        destructive: false,
    },
];

impl PaneModule for UsersPane {
    fn on_outcome(&mut self, outcome: crate::tui::action::Outcome, cx: &mut Cx) -> Vec<Command> {
        self.answered(outcome, cx)
    }

    fn title(&self) -> &'static str {
        "Users"
    }

    fn about(&self) -> &'static str {
        "Users"
    }

    fn help(&self) -> Vec<HelpRow> {
        keymap::help_rows(KEYS)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        Some(match keymap::find(KEYS, key)?.action {
            Key::Logs => {
                match self.highlighted().as_ref().and_then(Row::user_id) {
                    Some(user_id) => cx.follow_ups.push(FollowUp::ShowUserLogs(user_id.to_string())),
                    None => cx.status.info("no user highlighted"),
                }
                Vec::new()
            }
            Key::Block => self.ask_block(cx),
            Key::Filter => {
                let rows = &self.rows;
                self.filter.get_or_insert_with(|| LocalFilter::new(rows)).editing = true;
                self.make_shown();
                Vec::new()
            }
            Key::Sort => {
                let column = SortColumn::next(self.sort.map(|s| s.column));
                self.set_sort(column.map(|column| Sort { column, descending: true }));
                Vec::new()
            }
            Key::FlipSort => {
                match self.sort {
                    Some(sort) => self.set_sort(Some(Sort { descending: !sort.descending, ..sort })),
                    None => cx.status.info("not sorted: s sorts by last login, logins or created"),
                }
                Vec::new()
            }
            Key::ExportAll => self.export_all(cx),
            Key::Search => {
                // A new search starts empty; ↑ brings back the one shown.
                self.search = Some(Input::default());
                Vec::new()
            }
            Key::Select => self.select_highlighted(cx),
        })
    }

    fn on_typing(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        if self.search.is_some() {
            return Some(self.on_search_key(key, cx));
        }
        if self.filter.as_ref().is_some_and(|f| f.editing) {
            self.on_filter_key(key);
            return Some(Vec::new());
        }
        // Esc lets go of a kept filter: every loaded user again.
        if key.code == KeyCode::Esc && self.filter.is_some() {
            self.filter = None;
            self.selection.reset();
            self.make_shown();
            cx.status.info("filter cleared: every loaded user again");
            return Some(Vec::new());
        }
        None
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Option<Vec<Command>> {
        let input = self.search.as_mut()?;
        *input = Input::new(format!("{}{}", input.value(), clean(text)));
        Some(Vec::new())
    }

    fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        let len = self.visible_len();
        Some((&mut self.selection, len))
    }

    fn cursor_moved(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.load_more(cx)
    }

    fn copy(&self) -> Option<(&'static str, String)> {
        self.highlighted().as_ref().and_then(Row::user_id).map(|id| ("user id", id.to_string()))
    }

    fn reload(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.search_for(self.query.clone(), cx)
    }

    fn on_revoked(&mut self, target: &RevokeTarget, _cx: &mut Cx) -> Vec<Command> {
        let RevokeTarget::Block { user_id, blocked } = target else { return Vec::new() };
        self.rows.set_blocked(user_id, *blocked);
        Vec::new()
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        super::draw::draw(self, view, frame, area);
    }
}

impl UsersPane {
    /// Starts over with the users `query` matches (`None`: every user).
    pub fn search_for(&mut self, query: Option<String>, cx: &mut Cx) -> Vec<Command> {
        let req = cx.next_request();
        let (query, page) = self.restart(query, req);
        vec![Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE }]
    }

    /// The next page, when the cursor nears the end of the loaded rows.
    pub fn load_more(&mut self, cx: &mut Cx) -> Vec<Command> {
        let mut req = None;
        let due = self.next_page_due(|| *req.insert(cx.next_request()));
        match (due, req) {
            (Some((query, page)), Some(req)) => {
                vec![Command::LoadUsersPage { req, query, page, per_page: MAX_PER_PAGE }]
            }
            _ => Vec::new(),
        }
    }

    /// `b`: a confirmation to block (or unblock) the highlighted user, who becomes the selected
    /// one, so `X` can revoke what they hold right after.
    fn ask_block(&mut self, cx: &mut Cx) -> Vec<Command> {
        let Some(user) = self.highlighted().map(|r| r.to_user_row()) else { return Vec::new() };
        let Some(user_id) = user.user_id().map(str::to_string) else { return Vec::new() };
        let blocked = !user.blocked();
        let who = user.name().or(user.email()).unwrap_or(&user_id).to_string();
        let confirm = Confirm {
            title: format!("{} {who}?", if blocked { "Block" } else { "Unblock" }),
            lines: vec![
                format!("User:  {user_id}"),
                format!("Email: {}", user.email().unwrap_or_default()),
                String::new(),
            ],
            target: RevokeTarget::Block { user_id, blocked },
        };
        cx.follow_ups.push(FollowUp::SelectUser(Box::new(user)));
        cx.confirm(Some(confirm))
    }

    fn select_highlighted(&mut self, cx: &mut Cx) -> Vec<Command> {
        let Some(user) = self.highlighted().map(|r| r.to_user_row()) else { return Vec::new() };
        if user.user_id().is_none() {
            cx.status.error("this user has no user_id");
        } else {
            cx.follow_ups.push(FollowUp::SelectUser(Box::new(user)));
        }
        Vec::new()
    }

    /// `A`: every user through an export job. During one, `A` first asks, and only a second `A`
    /// within a few seconds starts it over.
    fn export_all(&mut self, cx: &mut Cx) -> Vec<Command> {
        let now = cx.view.clock.now;
        if matches!(self.end, super::UsersEnd::Exporting { .. }) {
            let asked = self.restart_asked.is_some_and(|at| now - at <= RESTART_WITHIN);
            if !asked {
                self.restart_asked = Some(now);
                cx.status.warn(format!(
                    "an export is under way: A again within {} s starts it over",
                    RESTART_WITHIN.num_seconds()
                ));
                return Vec::new();
            }
        }
        let req = cx.next_request();
        self.start_export(req);
        cx.status
            .info("loading every user through an export job; the table changes when the first users arrive…");
        vec![Command::ExportUsers { req }]
    }

    fn on_search_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Vec<Command> {
        match key.code {
            KeyCode::Esc => {
                self.search = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let text = self.search.take().map(|i| i.value().trim().to_string()).unwrap_or_default();
                self.search_for((!text.is_empty()).then_some(text), cx)
            }
            KeyCode::Up => {
                self.search = Some(Input::new(self.query.clone().unwrap_or_default()));
                Vec::new()
            }
            _ => {
                if let Some(input) = &mut self.search {
                    input.handle_event(&Event::Key(key));
                }
                Vec::new()
            }
        }
    }

    /// Typing in the local filter: every keystroke re-filters.
    fn on_filter_key(&mut self, key: KeyEvent) {
        let Some(filter) = &mut self.filter else { return };
        match key.code {
            KeyCode::Esc => {
                self.filter = None;
                self.selection.reset();
                self.make_shown();
            }
            KeyCode::Enter => filter.editing = false,
            _ => {
                let previous = filter.input.value().to_string();
                filter.input.handle_event(&Event::Key(key));
                if filter.input.value() != previous {
                    filter.pattern_changed(&self.rows);
                    self.selection.reset();
                    self.make_shown();
                }
            }
        }
    }
}
