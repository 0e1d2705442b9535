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
            Command::LoadClientNames { req } => Outcome::ClientNames { req, result: Err(err()) },
            Command::Revoke { req, target: target @ super::action::RevokeTarget::Everything { .. } } => {
                let user_id = target.user_id().unwrap_or_default().to_string();
                Outcome::RevokedEverything {
                    req,
                    user_id,
                    results: vec![("everything".into(), Verdict::Failed(err()))],
                }
            }
            Command::Revoke { req, target } => {
                Outcome::Revoked { req, target, verdict: Verdict::Failed(err()) }
            }
            Command::CopyToClipboard { req, what, text } => {
                Outcome::Copied { req, what, text, result: Err(why) }
            }
            Command::ReadClipboard { req } => Outcome::ClipboardRead { req, result: Err(why) },
            Command::VerifyToken { req, .. } => {
                Outcome::TokenVerified { req, report: SignatureReport::not_checked(&why) }
            }
            Command::LoadSessions { req, .. } => Outcome::Sessions { req, result: Err(err()) },
            Command::ExportUsers { req } => Outcome::ExportDone { req, result: Err(err()) },
            Command::PastedRefreshToken { req, action, .. } => {
                Outcome::PastedRefreshToken { req, action, result: Err(err()) }
            }
            Command::RefreshHeld { req, app, .. } => {
                Outcome::TokensReceived { req, origin: TokenOrigin::Refresh, app, result: Err(why) }
            }
            Command::Login { req, app, .. } => {
                Outcome::TokensReceived { req, origin: TokenOrigin::Login, app, result: Err(why) }
            }
            Command::UserInfo { req, .. } => Outcome::UserInfo { req, result: Err(err()) },
            Command::LockReadOnly { req } => Outcome::Failed { req, why },
            Command::LoadLoginBlocks { req, user_id } => {
                Outcome::LoginBlocks { req, user_id, result: Err(err()) }
            }
            Command::LoadLogs { req, .. } => Outcome::Logs { req, result: Err(err()) },
            Command::LoadApis { req } => Outcome::Apis { req, result: Err(err()) },
            Command::PollLogs { req, .. } => Outcome::LogsPolled { req, result: Err(err()) },
        }
    }
}
