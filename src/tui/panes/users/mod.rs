//! The Users pane: pages of users loaded as the cursor nears the end, a server-side search line,
//! and the reason there are no more rows. `pane.rs` holds its keys, `draw.rs` its drawing.

use tui_input::Input;

use crate::auth0::export::ExportProgress;
use crate::auth0::management::{MAX_PER_PAGE, UsersPage, reachable_search_pages};
use crate::auth0::{Auth0Error, UserQuery, UserRow};
use crate::roster::order::{Sort, sorted};
use crate::roster::{Roster, Row};

use super::selection::Selection;
use crate::tui::remote::ErrorView;
use crate::tui::remote::RequestId;

mod draw;
mod outcome;
mod pane;

/// Load the next page when the cursor is this close to the last loaded row.
const PREFETCH_ROWS: usize = 20;

/// Why no further page will be loaded, or what is under way.
#[derive(Debug, Clone, PartialEq)]
pub enum UsersEnd {
    /// More pages exist; `next` is the next page number.
    More {
        next: usize,
    },
    Loading {
        req: RequestId,
        page: usize,
    },
    /// Every matching user is loaded.
    Complete,
    /// Auth0 lets a search page through at most 1000 results.
    SearchCap,
    /// Every user is coming in through an export job; the latest progress (none yet while the
    /// job is being created).
    Exporting {
        req: RequestId,
        progress: Option<ExportProgress>,
    },
    Failed(ErrorView),
}

#[derive(Debug)]
pub struct UsersPane {
    pub rows: Roster,
    pub selection: Selection,
    /// The query the rows answer (`None`: every user).
    pub query: Option<String>,
    /// The search line, while it is open.
    pub search: Option<Input>,
    /// The local fuzzy filter over the loaded rows, while it is on.
    pub filter: Option<super::filter::LocalFilter>,
    pub total: Option<u64>,
    pub end: UsersEnd,
    /// The selected user's brute-force and suspicious-IP blocks: (user id, each block in words,
    /// or why they could not be read).
    pub login_blocks: Option<(String, Result<Vec<String>, String>)>,
    /// The column the rows are sorted by (`s`, `S`), and the order of the rows it last sorted.
    pub sort: Option<Sort>,
    /// An export is under way and the rows shown are still the ones from before it: they stay
    /// until its first users arrive.
    pub keeping_rows_until_export: bool,
    /// When `A` was pressed during an export, asking to start it over.
    pub restart_asked: Option<chrono::DateTime<chrono::Utc>>,
    order: Vec<u32>,
    /// The rows in the order they show, while a sort or the filter is on.
    shown: Option<Vec<u32>>,
    /// How many rows there were when `shown` was made.
    shown_rows: usize,
}

impl Default for UsersPane {
    fn default() -> Self {
        UsersPane {
            rows: Roster::default(),
            selection: Selection::default(),
            query: None,
            search: None,
            filter: None,
            total: None,
            end: UsersEnd::More { next: 0 },
            login_blocks: None,
            sort: None,
            keeping_rows_until_export: false,
            restart_asked: None,
            order: Vec::new(),
            shown: None,
            shown_rows: 0,
        }
    }
}

/// The Lucene query that finds the user with this id, quotes and backslashes escaped.
pub fn user_id_query(user_id: &str) -> String {
    format!("user_id:\"{}\"", user_id.replace('\\', "\\\\").replace('"', "\\\""))
}

impl UsersPane {
    pub fn highlighted(&self) -> Option<Row<'_>> {
        self.visible(self.selection.selected)
    }

    /// How many rows show: every loaded row, or the filter's matches.
    pub fn visible_len(&self) -> usize {
        match &self.shown {
            Some(shown) => shown.len(),
            None => self.rows.len(),
        }
    }

    /// The `index`th row that shows.
    pub fn visible(&self, index: usize) -> Option<Row<'_>> {
        match &self.shown {
            Some(shown) => self.rows.get(*shown.get(index)? as usize),
            None => self.rows.get(index),
        }
    }

    /// Sorts by `sort` (`None`: the order they came in), keeping the highlighted user highlighted.
    pub fn set_sort(&mut self, sort: Option<Sort>) {
        let highlighted = self.shown_index(self.selection.selected);
        self.sort = sort;
        self.order = sort.map(|s| sorted(&self.rows, s)).unwrap_or_default();
        self.make_shown();
        if let Some(row) = highlighted {
            let at = match &self.shown {
                Some(shown) => shown.iter().position(|&r| r as usize == row),
                None => Some(row),
            };
            self.selection.selected = at.unwrap_or(0);
        }
    }

    /// The row index behind the `index`th shown row.
    fn shown_index(&self, index: usize) -> Option<usize> {
        match &self.shown {
            Some(shown) => shown.get(index).map(|&r| r as usize),
            None => (index < self.rows.len()).then_some(index),
        }
    }

    /// New rows and filter matches show. Rows that arrive while sorted join the sort when the
    /// loaded rows have grown by a quarter, or once every row is in; until then they follow it.
    pub fn sync_view(&mut self) {
        // Matches only change when rows do (a new pattern remakes the list itself).
        let grown = self.rows.len() != self.shown_rows;
        if grown && let Some(filter) = &mut self.filter {
            filter.sync_rows(&self.rows);
        }
        if self.rows.len() < self.order.len() {
            self.order.clear();
        }
        if let Some(sort) = self.sort
            && grown
            && (self.rows.len() >= self.order.len() + self.order.len() / 4 || !self.is_loading())
        {
            self.order = sorted(&self.rows, sort);
        }
        if grown {
            self.make_shown();
        }
    }

    fn is_loading(&self) -> bool {
        matches!(self.end, UsersEnd::Loading { .. } | UsersEnd::Exporting { .. })
    }

    /// Makes the list of shown rows: the sort's order (then rows not sorted yet), kept to the
    /// filter's matches.
    pub fn make_shown(&mut self) {
        self.shown_rows = self.rows.len();
        let len = self.rows.len() as u32;
        let sorted_len = self.order.len() as u32;
        self.shown = match (self.sort.is_some(), &self.filter) {
            (false, None) => None,
            (false, Some(filter)) => Some(filter.matches.clone()),
            (true, None) => Some(self.order.iter().copied().chain(sorted_len..len).collect()),
            (true, Some(filter)) => {
                let mut hit = vec![false; len as usize];
                for &m in &filter.matches {
                    if let Some(h) = hit.get_mut(m as usize) {
                        *h = true;
                    }
                }
                Some(self.order.iter().copied().chain(sorted_len..len).filter(|&r| hit[r as usize]).collect())
            }
        };
        self.selection.clamp(self.visible_len());
    }

    pub fn user_query(&self) -> UserQuery {
        UserQuery { q: self.query.clone(), ..Default::default() }
    }

    /// Starts over with `query`: the rows go, and page 0 is asked for under `req`.
    pub fn restart(&mut self, query: Option<String>, req: RequestId) -> (UserQuery, usize) {
        self.query = query;
        self.rows.clear();
        self.total = None;
        self.selection.reset();
        self.end = UsersEnd::Loading { req, page: 0 };
        (self.user_query(), 0)
    }

    /// Starts over for an export of every user, under `req`.
    /// Starts loading every user; the table keeps what it shows until the first users arrive.
    pub fn start_export(&mut self, req: RequestId) {
        self.keeping_rows_until_export = !self.rows.is_empty();
        self.restart_asked = None;
        self.end = UsersEnd::Exporting { req, progress: None };
    }

    /// The export's users are coming: the rows from before it go.
    pub fn replace_rows_for_export(&mut self) {
        if std::mem::take(&mut self.keeping_rows_until_export) {
            self.query = None;
            self.rows.clear();
            self.total = None;
            self.selection.reset();
        }
    }

    /// What the export is doing, in words.
    pub fn export_text(progress: Option<&ExportProgress>) -> String {
        progress.map_or_else(|| "starting the export job".to_string(), ToString::to_string)
    }

    pub fn is_export(&self, req: RequestId) -> bool {
        matches!(&self.end, UsersEnd::Exporting { req: r, .. } if *r == req)
    }

    /// The next page to load now, if the cursor is near the end and more exist; marks it loading.
    pub fn next_page_due(&mut self, req: impl FnOnce() -> RequestId) -> Option<(UserQuery, usize)> {
        let UsersEnd::More { next } = self.end else {
            return None;
        };
        let near_end = self.selection.selected + PREFETCH_ROWS >= self.rows.len();
        if !near_end {
            return None;
        }
        if next >= reachable_search_pages(MAX_PER_PAGE) {
            self.end = UsersEnd::SearchCap;
            return None;
        }
        self.end = UsersEnd::Loading { req: req(), page: next };
        Some((self.user_query(), next))
    }

    /// Applies a loaded page if it is the one awaited (`false`: stale, dropped).
    pub fn page_loaded(
        &mut self,
        req: RequestId,
        page: usize,
        result: &mut Result<UsersPage, Auth0Error>,
    ) -> bool {
        if self.end != (UsersEnd::Loading { req, page }) {
            return false;
        }
        match result {
            Ok(loaded) => {
                let full = loaded.users.len() >= MAX_PER_PAGE;
                self.total = loaded.total.or(self.total);
                let rows: Vec<UserRow> = loaded.users.iter().map(UserRow::from).collect();
                self.rows.extend(&rows);
                let all_read = self.total.is_some_and(|t| self.rows.len() as u64 >= t);
                self.end = if !full || all_read {
                    UsersEnd::Complete
                } else if page + 1 >= reachable_search_pages(MAX_PER_PAGE) {
                    UsersEnd::SearchCap
                } else {
                    UsersEnd::More { next: page + 1 }
                };
            }
            Err(err) if err.is_search_cap() => self.end = UsersEnd::SearchCap,
            Err(err) => self.end = UsersEnd::Failed(ErrorView::from(&*err)),
        }
        true
    }
}
