//! Everything that can happen to the app: terminal input, ticks, and the results of commands,
//! which come back over the same channel as key presses.

use std::collections::HashMap;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::auth0::{Auth0Error, Deleted, DeviceCredential, Grant, RateLimit, management::UsersPage};
use crate::timefmt::Clock;
use crate::token::SignatureReport;

/// Tags a request so its result can be matched, and dropped when the user has moved on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RequestId(pub u64);

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// The terminal was resized; the next frame redraws everything.
    Resize,
    /// Time passes: the spinner turns and relative times move on.
    Tick(Clock),
    /// A command finished.
    Done(Outcome),
    /// The access layer said something while working (a wait on a 429).
    Notice(String),
    /// Auth0's latest rate-limit headers.
    RateLimit(RateLimit),
}

/// What a revoke is about; carried through so the result can be reported and applied.
#[derive(Debug, Clone, PartialEq)]
pub enum RevokeTarget {
    Grant { id: String, user_id: Option<String> },
    AllGrants { user_id: String, count: usize },
    Device { id: String, user_id: Option<String> },
}

impl RevokeTarget {
    /// "grant 6430dbcc…", for the status bar.
    pub fn describe(&self) -> String {
        match self {
            RevokeTarget::Grant { id, .. } => format!("grant {}", short_id(id)),
            RevokeTarget::AllGrants { user_id, count } => format!("{count} grants of {user_id}"),
            RevokeTarget::Device { id, .. } => format!("device credential {}", short_id(id)),
        }
    }
}

/// Long ids shortened for messages: `6430dbcc…`.
pub fn short_id(id: &str) -> String {
    if id.chars().count() > 12 {
        format!("{}…", id.chars().take(8).collect::<String>())
    } else {
        id.to_string()
    }
}

#[derive(Debug)]
pub enum Outcome {
    UsersPage {
        req: RequestId,
        page: usize,
        result: Result<UsersPage, Auth0Error>,
    },
    Grants {
        req: RequestId,
        result: Result<Vec<Grant>, Auth0Error>,
    },
    Devices {
        req: RequestId,
        result: Result<Vec<DeviceCredential>, Auth0Error>,
    },
    ClientNames {
        result: Result<HashMap<String, String>, Auth0Error>,
    },
    Revoked {
        target: RevokeTarget,
        result: Result<Deleted, Auth0Error>,
    },
    /// The system clipboard took the text, or could not (then OSC 52 is tried).
    Copied {
        what: String,
        text: String,
        result: Result<(), String>,
    },
    ClipboardRead {
        result: Result<String, String>,
    },
    /// The pasted token's signature, checked against the tenant's keys.
    TokenVerified {
        req: RequestId,
        report: SignatureReport,
    },
}

impl Outcome {
    /// Whether this outcome ends a network request (and so one less is in flight).
    pub fn was_network(&self) -> bool {
        !matches!(self, Outcome::Copied { .. } | Outcome::ClipboardRead { .. })
    }
}
