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

pub use super::remote::{ErrorView, Remote};
pub use crate::auth0::SessionRow;

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
