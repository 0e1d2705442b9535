//! A task that panicked still answers: the outcome its command would have brought, carrying the
//! error, goes to the pane that asked, so the app never waits for an answer that cannot come.

use crate::auth0::Auth0Error;
use crate::revoke::Verdict;
use crate::token::SignatureReport;

use super::action::{Outcome, TokenOrigin};
use super::command::Command;

impl Command {
    /// The outcome of this command when it could not be done: `why` in place of a result.
    pub fn failed(self, why: String) -> Outcome {
        let err = || Auth0Error::Setup(why.clone());
        match self {
            Command::LoadUsersPage { req, page, .. } => Outcome::UsersPage { req, page, result: Err(err()) },
            Command::LoadGrants { req, .. } => Outcome::Grants { req, result: Err(err()) },
            Command::LoadDevices { req, .. } => Outcome::Devices { req, result: Err(err()) },
            Command::LoadClientNames => Outcome::ClientNames { result: Err(err()) },
            Command::Revoke(target @ super::action::RevokeTarget::Everything { .. }) => {
                let user_id = target.user_id().unwrap_or_default().to_string();
                Outcome::RevokedEverything {
                    user_id,
                    results: vec![("everything".into(), Verdict::Failed(err()))],
                }
            }
            Command::Revoke(target) => Outcome::Revoked { target, verdict: Verdict::Failed(err()) },
            Command::CopyToClipboard { what, text } => Outcome::Copied { what, text, result: Err(why) },
            Command::ReadClipboard => Outcome::ClipboardRead { result: Err(why) },
            Command::VerifyToken { req, .. } => {
                Outcome::TokenVerified { req, report: SignatureReport::not_checked(&why) }
            }
            Command::LoadSessions { req, .. } => Outcome::Sessions { req, result: Err(err()) },
            Command::ExportUsers { req } => Outcome::ExportDone { req, result: Err(err()) },
            Command::PastedRefreshToken { action, .. } => {
                Outcome::PastedRefreshToken { action, result: Err(err()) }
            }
            Command::RefreshHeld { app, .. } => {
                Outcome::TokensReceived { origin: TokenOrigin::Refresh, app, result: Err(why) }
            }
            Command::Login { app, .. } => {
                Outcome::TokensReceived { origin: TokenOrigin::Login, app, result: Err(why) }
            }
            Command::UserInfo { .. } => Outcome::UserInfo { result: Err(err()) },
            Command::LockReadOnly => Outcome::Failed { why },
            Command::LoadLoginBlocks { user_id } => Outcome::LoginBlocks { user_id, result: Err(err()) },
            Command::LoadLogs { req, .. } => Outcome::Logs { req, result: Err(err()) },
            Command::PollLogs { req, .. } => Outcome::LogsPolled { req, result: Err(err()) },
        }
    }
}
