//! What the UI knows of a request to the tenant: its id, and the state of what it fetches.
//! Actions, commands and panes all speak of these, so they live apart from each of them.

use crate::auth0::Auth0Error;

/// Tags a request so its result can be matched, and dropped when the user has moved on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RequestId(pub u64);

/// An Auth0 error as the UI shows it: Auth0's words and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorView {
    pub message: String,
    pub hint: Option<String>,
}

impl From<&Auth0Error> for ErrorView {
    fn from(err: &Auth0Error) -> Self {
        ErrorView { message: err.to_string(), hint: err.hint() }
    }
}

/// Something fetched from the tenant.
#[derive(Debug, Clone, PartialEq)]
pub enum Remote<T> {
    Idle,
    Loading(RequestId),
    Loaded(T),
    Failed(ErrorView),
}

impl<T> Remote<T> {
    /// What a fetch brought: the value, or Auth0's error as the UI shows it.
    pub fn fetched(result: Result<T, Auth0Error>) -> Remote<T> {
        match result {
            Ok(value) => Remote::Loaded(value),
            Err(err) => Remote::Failed(ErrorView::from(&err)),
        }
    }

    pub fn loaded(&self) -> Option<&T> {
        match self {
            Remote::Loaded(value) => Some(value),
            _ => None,
        }
    }

    pub fn is_request(&self, req: RequestId) -> bool {
        matches!(self, Remote::Loading(r) if *r == req)
    }
}
