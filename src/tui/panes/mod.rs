//! The state of each pane, and the small pieces they share: a scrolling selection and the state
//! of something fetched from the tenant. Rendering lives in `ui/`.

mod filter;
mod list;
mod selection;
mod token;
mod users;

pub use filter::{KEYSTROKE_WAIT_MS, LocalFilter, MatchNotifier};
pub use list::ListPane;
pub use selection::Selection;
pub use token::TokenPane;
pub use users::{UsersEnd, UsersPane};

use crate::auth0::{Auth0Error, RefreshTokenInfo, Session};

/// A row of the Sessions pane: a session, or a refresh token.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionRow {
    Session(Session),
    RefreshToken(RefreshTokenInfo),
}

impl SessionRow {
    pub fn id(&self) -> Option<&str> {
        match self {
            SessionRow::Session(s) => s.id(),
            SessionRow::RefreshToken(t) => t.id(),
        }
    }
}

use super::action::RequestId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Users,
    Grants,
    Devices,
    Token,
    Sessions,
}

impl Pane {
    pub const ALL: [Pane; 5] = [Pane::Users, Pane::Grants, Pane::Devices, Pane::Token, Pane::Sessions];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Users => "Users",
            Pane::Grants => "Grants",
            Pane::Devices => "Devices",
            Pane::Token => "Token",
            Pane::Sessions => "Sessions",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn previous(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

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
