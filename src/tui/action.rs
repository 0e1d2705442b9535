//! Everything that can happen to the app: terminal input, ticks, and the results of commands,
//! which come back over the same channel as key presses.

use crate::auth0::ClientNames;
use crate::secret::SecretText;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::auth0::{Auth0Error, DeviceCredential, Grant, RateLimit, management::UsersPage};
use crate::revoke::Verdict;
use crate::timefmt::Clock;
use crate::token::SignatureReport;

use super::session_row::SessionRow;

pub use super::remote::RequestId;

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    /// Pasted text: often a token, so its `Debug` is redacted.
    Paste(SecretText),
    Mouse(MouseEvent),
    /// The terminal was resized; the next frame redraws everything.
    Resize,
    /// Time passes: the spinner turns and relative times move on.
    Tick(Clock),
    /// A command finished.
    Done(Outcome),
    /// Something was done or learnt while working.
    Notice(String),
    /// Something to act on or know: a wait on a 429, a setting to fix.
    Warning(String),
    /// A request to the tenant ended (for `:requests`).
    Sent(crate::auth0::sent::SentRequest),
    /// Auth0's latest rate-limit headers.
    RateLimit(RateLimit),
    /// How far a listing of many pages is.
    Pages(crate::auth0::paging::PagesProgress),
}

/// What a revoke is about: the revoke module's target, carried through so the result can be
/// reported and applied.
pub use crate::revoke::{Target as RevokeTarget, short_id};

/// What the Token pane asks an application for: with its held refresh token, or a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PastedTokenAction {
    /// `POST /oauth/revoke`, then prove it.
    Revoke,
    /// Prove it dead (a token that still works is used up and replaced).
    Verify,
    /// Exchange it for new tokens (`F`).
    Refresh,
    /// Log a user in through the browser (`L`).
    Login,
}

/// Where a set of tokens came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOrigin {
    Login,
    Refresh,
}

/// Tokens from a login or a refresh; their values are secrets, so `Debug` shows none.
#[derive(Debug, Clone)]
pub struct ReceivedTokens {
    pub access: SecretText,
    pub id: Option<SecretText>,
    pub refresh: Option<SecretText>,
    pub scope: Option<String>,
    /// Something to say about them (no refresh token although one was asked for).
    pub note: Option<String>,
}

/// The application a held refresh token belongs to: a profile's app (whose secret only the runner
/// holds), or a typed client id (a public client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppChoice {
    pub label: Option<String>,
    pub client_id: String,
}

/// An API a login can ask an access token for (one of `GET /resource-servers`, or an audience
/// typed in): with it the access token is a JWT for that API; without, an opaque one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChoice {
    pub name: String,
    pub identifier: String,
    /// The scopes it defines, asked for along with `openid profile email offline_access`.
    pub scopes: Vec<String>,
}

/// How a held refresh token fared.
#[derive(Debug, Clone)]
pub enum PastedTokenOutcome {
    Dead {
        description: String,
    },
    /// Still accepted; the newest token of its family, so nothing is lost.
    StillAccepted {
        refresh_token: SecretText,
    },
    /// R: the revoke's verdict, and the newest token of its family when the proof found it
    /// still working (the proof spent the one held).
    Revoked {
        verdict: Verdict,
        refresh_token: Option<SecretText>,
    },
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
        req: RequestId,
        result: Result<ClientNames, Auth0Error>,
    },
    Revoked {
        req: RequestId,
        target: RevokeTarget,
        verdict: Verdict,
    },
    /// The system clipboard took the text, or could not (then OSC 52 is tried).
    Copied {
        req: RequestId,
        what: String,
        text: String,
        result: Result<(), String>,
    },
    ClipboardRead {
        req: RequestId,
        result: Result<SecretText, String>,
    },
    /// The pasted token's signature, checked against the tenant's keys.
    TokenVerified {
        req: RequestId,
        report: SignatureReport,
    },
    Sessions {
        req: RequestId,
        result: Result<Vec<SessionRow>, Auth0Error>,
    },
    /// Each part of a revoke-everything, with its result.
    RevokedEverything {
        req: RequestId,
        user_id: String,
        results: Vec<(String, Verdict)>,
    },
    /// Where the export of every user is.
    ExportProgress {
        req: RequestId,
        progress: crate::auth0::export::ExportProgress,
    },
    /// The next users of the export, their JSON already in the export's spool file.
    ExportBatch {
        req: RequestId,
        batch: crate::roster::Batch,
    },
    /// The export ended: how many users, or why not.
    ExportDone {
        req: RequestId,
        result: Result<u64, Auth0Error>,
    },
    /// A held refresh token revoked and/or probed.
    PastedRefreshToken {
        req: RequestId,
        action: PastedTokenAction,
        result: Result<PastedTokenOutcome, Auth0Error>,
    },
    /// A login or a refresh brought tokens (or why not, in a sentence).
    TokensReceived {
        req: RequestId,
        origin: TokenOrigin,
        app: AppChoice,
        result: Result<ReceivedTokens, String>,
    },
    /// What `/userinfo` answered for the held access token.
    UserInfo {
        req: RequestId,
        result: Result<serde_json::Value, Auth0Error>,
    },
    /// The client now refuses every destructive request.
    ReadOnlyLocked {
        req: RequestId,
    },
    /// A task that answers no pane could not be done: why, for the status bar.
    Failed {
        req: RequestId,
        why: String,
    },
    /// A user's brute-force blocks (`{"blocked_for": […]}`).
    LoginBlocks {
        req: RequestId,
        user_id: String,
        result: Result<serde_json::Value, Auth0Error>,
    },
    /// The tenant's APIs, for the login's choice of audience.
    Apis {
        req: RequestId,
        result: Result<Vec<ApiChoice>, Auth0Error>,
    },
    /// The newest events.
    Logs {
        req: RequestId,
        result: Result<Vec<crate::auth0::LogEvent>, Auth0Error>,
    },
    /// A look for new events: them (oldest first) and the new checkpoint.
    LogsPolled {
        req: RequestId,
        result: Result<(Vec<crate::auth0::LogEvent>, String), Auth0Error>,
    },
}

impl Outcome {
    /// The id of the request it answers.
    pub fn req(&self) -> RequestId {
        match self {
            Outcome::UsersPage { req, .. }
            | Outcome::Grants { req, .. }
            | Outcome::Devices { req, .. }
            | Outcome::ClientNames { req, .. }
            | Outcome::Revoked { req, .. }
            | Outcome::Copied { req, .. }
            | Outcome::ClipboardRead { req, .. }
            | Outcome::TokenVerified { req, .. }
            | Outcome::Sessions { req, .. }
            | Outcome::RevokedEverything { req, .. }
            | Outcome::ExportProgress { req, .. }
            | Outcome::ExportBatch { req, .. }
            | Outcome::ExportDone { req, .. }
            | Outcome::PastedRefreshToken { req, .. }
            | Outcome::TokensReceived { req, .. }
            | Outcome::UserInfo { req, .. }
            | Outcome::ReadOnlyLocked { req }
            | Outcome::Failed { req, .. }
            | Outcome::LoginBlocks { req, .. }
            | Outcome::Logs { req, .. }
            | Outcome::Apis { req, .. }
            | Outcome::LogsPolled { req, .. } => *req,
        }
    }

    /// Whether it is the last word on its request; an export's progress and batches come before
    /// its end.
    pub fn is_final(&self) -> bool {
        !matches!(self, Outcome::ExportProgress { .. } | Outcome::ExportBatch { .. })
    }
}
