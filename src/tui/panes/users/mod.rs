//! The Users pane: pages of users loaded as the cursor nears the end, a server-side search line,
//! and the reason there are no more rows. `pane.rs` holds its keys, `draw.rs` its drawing.

use tui_input::Input;

use crate::auth0::export::ExportProgress;
use crate::auth0::management::{MAX_PER_PAGE, UsersPage, reachable_search_pages};
use crate::auth0::{Auth0Error, UserQuery, UserRow};

use super::selection::Selection;
use crate::tui::remote::ErrorView;
use crate::tui::remote::RequestId;

mod draw;
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
    pub rows: Vec<UserRow>,
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
}

impl Default for UsersPane {
    fn default() -> Self {
        UsersPane {
            rows: Vec::new(),
            selection: Selection::default(),
            query: None,
            search: None,
            filter: None,
            total: None,
            end: UsersEnd::More { next: 0 },
            login_blocks: None,
        }
    }
}

/// The Lucene query that finds the user with this id, quotes and backslashes escaped.
pub fn user_id_query(user_id: &str) -> String {
    format!("user_id:\"{}\"", user_id.replace('\\', "\\\\").replace('"', "\\\""))
}

impl UsersPane {
    pub fn highlighted(&self) -> Option<&UserRow> {
        self.visible(self.selection.selected)
    }

    /// How many rows show: every loaded row, or the filter's matches.
    pub fn visible_len(&self) -> usize {
        match &self.filter {
            Some(filter) => filter.matches.len(),
            None => self.rows.len(),
        }
    }

    /// The `index`th row that shows.
    pub fn visible(&self, index: usize) -> Option<&UserRow> {
        match &self.filter {
            Some(filter) => self.rows.get(*filter.matches.get(index)? as usize),
            None => self.rows.get(index),
        }
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
    pub fn start_export(&mut self, req: RequestId) {
        self.query = None;
        self.rows.clear();
        self.total = None;
        self.selection.reset();
        self.end = UsersEnd::Exporting { req, progress: None };
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
                self.rows.extend(loaded.users.iter().map(UserRow::from));
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
