//! The Sessions pane's row, here because the pane, the commands that load it and the outcomes that
//! bring it back all name it, and none of them may import another for it.

use crate::auth0::{RefreshTokenInfo, Session};

/// A session or a refresh token of a user: the rows of the UI's Sessions pane.
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
