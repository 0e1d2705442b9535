//! What can be revoked, and what each says of itself: its audit action and target, its
//! consequence, and the Auth0 call that revokes it.

use crate::auth0::{Auth0Error, Deleted, ManagementClient};

/// One thing to revoke. The CLI and the UI build these; [`super::Revoker`] runs them.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Grant {
        id: String,
        user_id: Option<String>,
    },
    /// Every grant of a user; `count` is how many the confirmation listed.
    AllGrants {
        user_id: String,
        count: usize,
    },
    Device {
        id: String,
        user_id: Option<String>,
    },
    Session {
        id: String,
        user_id: Option<String>,
    },
    /// Every session of a user.
    AllSessions {
        user_id: String,
    },
    RefreshToken {
        id: String,
        user_id: Option<String>,
    },
    /// Every refresh token of a user.
    AllRefreshTokens {
        user_id: String,
    },
    /// A refresh token the user holds, revoked with `POST /oauth/revoke` by its application.
    HeldRefreshToken {
        client_id: String,
    },
    /// Everything of a user: grants, device credentials, refresh tokens and sessions.
    Everything {
        user_id: String,
        devices: Vec<String>,
        with_sessions: bool,
    },
    /// A user blocked (no new logins or refreshes), or unblocked.
    Block {
        user_id: String,
        blocked: bool,
    },
    /// The brute-force and suspicious-IP blocks on a user id or identifier, cleared.
    LoginBlocks {
        who: String,
    },
}

/// What is done to a target: "revoke" (the confirmation), "revoked" (the report), "revoking"
/// (the status bar while it is under way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    pub base: &'static str,
    pub done: &'static str,
    pub doing: &'static str,
}

impl Target {
    /// The `action` of its audit line; the same whichever front-end revoked it.
    pub fn audit_action(&self) -> &'static str {
        match self {
            Target::Grant { .. } => "revoke_grant",
            Target::AllGrants { .. } => "revoke_user_grants",
            Target::Device { .. } => "revoke_device_credential",
            Target::Session { .. } => "revoke_session",
            Target::AllSessions { .. } => "revoke_user_sessions",
            Target::RefreshToken { .. } | Target::HeldRefreshToken { .. } => "revoke_refresh_token",
            Target::AllRefreshTokens { .. } => "revoke_user_refresh_tokens",
            Target::Everything { .. } => "revoke_everything",
            Target::Block { blocked: true, .. } => "block_user",
            Target::Block { blocked: false, .. } => "unblock_user",
            Target::LoginBlocks { .. } => "clear_login_blocks",
        }
    }

    /// What is done to it, as the confirmation, the status bar and the report say. Every
    /// target names its own: a new one does not compile until it does.
    pub fn verb(&self) -> Verb {
        const REVOKE: Verb = Verb { base: "revoke", done: "revoked", doing: "revoking" };
        match self {
            Target::Block { blocked: true, .. } => Verb { base: "block", done: "blocked", doing: "blocking" },
            Target::Block { blocked: false, .. } => {
                Verb { base: "unblock", done: "unblocked", doing: "unblocking" }
            }
            Target::LoginBlocks { .. } => Verb { base: "clear", done: "cleared", doing: "clearing" },
            Target::Grant { .. }
            | Target::AllGrants { .. }
            | Target::Device { .. }
            | Target::Session { .. }
            | Target::AllSessions { .. }
            | Target::RefreshToken { .. }
            | Target::AllRefreshTokens { .. }
            | Target::HeldRefreshToken { .. }
            | Target::Everything { .. } => REVOKE,
        }
    }

    /// The `target` of its audit line: an id, never a token value.
    pub fn audit_target(&self) -> String {
        match self {
            Target::Grant { id, .. }
            | Target::Device { id, .. }
            | Target::Session { id, .. }
            | Target::RefreshToken { id, .. } => id.clone(),
            Target::HeldRefreshToken { client_id } => format!("refresh token of client {client_id}"),
            Target::LoginBlocks { who } => who.clone(),
            Target::AllGrants { user_id, .. }
            | Target::AllSessions { user_id }
            | Target::AllRefreshTokens { user_id }
            | Target::Everything { user_id, .. }
            | Target::Block { user_id, .. } => user_id.clone(),
        }
    }

    /// The user it belongs to, when known.
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Target::Grant { user_id, .. }
            | Target::Device { user_id, .. }
            | Target::Session { user_id, .. }
            | Target::RefreshToken { user_id, .. } => user_id.as_deref(),
            Target::AllGrants { user_id, .. }
            | Target::AllSessions { user_id }
            | Target::AllRefreshTokens { user_id }
            | Target::Everything { user_id, .. }
            | Target::Block { user_id, .. } => Some(user_id),
            Target::HeldRefreshToken { .. } | Target::LoginBlocks { .. } => None,
        }
    }

    /// What a verdict is about: what goes ("grant 6430…"), or the change ("block of user …").
    pub fn subject(&self) -> String {
        self.subject_with(Target::describe)
    }

    /// [`Self::subject`] with long ids shortened, for a status bar.
    pub fn subject_short(&self) -> String {
        self.subject_with(Target::describe_short)
    }

    fn subject_with(&self, describe: fn(&Target) -> String) -> String {
        match self {
            Target::Block { .. } => format!("{} of {}", self.verb().base, describe(self)),
            Target::Grant { .. }
            | Target::AllGrants { .. }
            | Target::Device { .. }
            | Target::Session { .. }
            | Target::AllSessions { .. }
            | Target::RefreshToken { .. }
            | Target::AllRefreshTokens { .. }
            | Target::HeldRefreshToken { .. }
            | Target::Everything { .. }
            | Target::LoginBlocks { .. } => describe(self),
        }
    }

    /// "grant 6430dbcc408feb3521dec7b7": what goes, ids in full (for the CLI and the audit).
    pub fn describe(&self) -> String {
        self.describe_with(|id| id.to_string())
    }

    /// "grant 6430dbcc…": long ids shortened, for a status bar.
    pub fn describe_short(&self) -> String {
        self.describe_with(short_id)
    }

    fn describe_with(&self, id_text: impl Fn(&str) -> String) -> String {
        match self {
            Target::Grant { id, .. } => format!("grant {}", id_text(id)),
            // A count of 0 means not yet counted (asked before the grants are listed).
            Target::AllGrants { user_id, count: 0 } => format!("every grant of {user_id}"),
            Target::AllGrants { user_id, count } => format!("{count} grants of {user_id}"),
            Target::Device { id, .. } => format!("device credential {}", id_text(id)),
            Target::Session { id, .. } => format!("session {}", id_text(id)),
            Target::AllSessions { user_id } => format!("every session of {user_id}"),
            Target::RefreshToken { id, .. } => format!("refresh token {}", id_text(id)),
            Target::AllRefreshTokens { user_id } => format!("every refresh token of {user_id}"),
            Target::HeldRefreshToken { client_id } => format!("the refresh token of application {client_id}"),
            Target::Everything { user_id, .. } => format!("everything of {user_id}"),
            Target::Block { user_id, .. } => format!("user {user_id}"),
            Target::LoginBlocks { who } => format!("the login blocks of {who}"),
        }
    }

    /// What happens once it is revoked, in one sentence: the last line of every confirmation.
    pub fn consequence(&self) -> &'static str {
        match self {
            Target::Grant { .. } => {
                "The application loses access, and the refresh tokens issued under this grant stop working."
            }
            Target::AllGrants { .. } => {
                "Every application above loses access, and their refresh tokens stop working."
            }
            Target::Device { .. } => "A refresh token held by this credential stops working.",
            Target::Session { .. } => {
                "The user is signed out there, and the refresh tokens issued in it stop working."
            }
            Target::AllSessions { .. } => {
                "The user is signed out everywhere, and the refresh tokens issued in those sessions stop working."
            }
            Target::RefreshToken { .. } | Target::HeldRefreshToken { .. } => {
                "The application can no longer renew the user's access with it."
            }
            Target::AllRefreshTokens { .. } => {
                "No application can renew the user's access with the refresh tokens it holds."
            }
            Target::Everything { .. } => {
                "Applications lose access, refresh tokens stop working, and the user is signed out."
            }
            Target::Block { blocked: true, .. } => {
                "New logins and refreshes stop (\"user is blocked\"); tokens and sessions already issued live on until revoked."
            }
            Target::Block { blocked: false, .. } => {
                "The user can log in again; brute-force blocks on their logins are not cleared by this."
            }
            Target::LoginBlocks { .. } => "Logins blocked after too many failures are allowed again.",
        }
    }

    /// Auth0 accepts these at once and applies them shortly after.
    pub fn is_eventual(&self) -> bool {
        matches!(
            self,
            Target::Session { .. }
                | Target::AllSessions { .. }
                | Target::RefreshToken { .. }
                | Target::AllRefreshTokens { .. }
        )
    }

    /// The parts "revoke everything" is made of, each recorded as its single revoke is.
    pub fn parts(&self) -> Vec<Target> {
        let Target::Everything { user_id, devices, with_sessions } = self else { return vec![self.clone()] };
        let user = || Some(user_id.clone());
        let mut parts = vec![Target::AllGrants { user_id: user_id.clone(), count: 0 }];
        parts.extend(devices.iter().map(|id| Target::Device { id: id.clone(), user_id: user() }));
        if *with_sessions {
            parts.push(Target::AllRefreshTokens { user_id: user_id.clone() });
            parts.push(Target::AllSessions { user_id: user_id.clone() });
        }
        parts
    }

    /// The one Auth0 call that revokes it (not a held refresh token: see
    /// [`super::Revoker::revoke_held`]).
    pub(super) async fn send(&self, client: &ManagementClient) -> Result<Answer, Auth0Error> {
        let taken = |result: Result<Deleted, Auth0Error>| result.map(|_| Answer::Taken);
        match self {
            Target::Grant { id, .. } => taken(client.delete_grant(id).await),
            Target::AllGrants { user_id, .. } => taken(client.delete_user_grants(user_id).await),
            Target::Device { id, .. } => taken(client.delete_device_credential(id).await),
            Target::Session { id, .. } => taken(client.delete_session(id).await),
            Target::AllSessions { user_id } => taken(client.delete_user_sessions(user_id).await),
            Target::RefreshToken { id, .. } => taken(client.delete_refresh_token(id).await),
            Target::AllRefreshTokens { user_id } => taken(client.delete_user_refresh_tokens(user_id).await),
            Target::HeldRefreshToken { .. } => Err(Auth0Error::Setup(
                "a held refresh token is revoked with its application's credentials".into(),
            )),
            Target::Everything { .. } => {
                Err(Auth0Error::Setup("everything of a user is revoked part by part".into()))
            }
            Target::Block { user_id, blocked } => {
                client.set_blocked(user_id, *blocked).await.map(|user| Answer::Blocked(user.blocked()))
            }
            Target::LoginBlocks { who } => taken(client.clear_user_blocks(who).await),
        }
    }
}

/// What Auth0 answered a revoke with, before anything is proven.
pub(super) enum Answer {
    /// A 2xx that says nothing more (204, 202).
    Taken,
    /// The user came back, blocked or not.
    Blocked(bool),
}

/// Long ids shortened for messages: `6430dbcc…`.
pub fn short_id(id: &str) -> String {
    if id.chars().count() > 12 {
        format!("{}…", id.chars().take(8).collect::<String>())
    } else {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_made_of_the_single_revokes() {
        let everything = Target::Everything {
            user_id: "auth0|1".into(),
            devices: vec!["dcr_1".into()],
            with_sessions: true,
        };
        let actions: Vec<(&str, String)> =
            everything.parts().iter().map(|p| (p.audit_action(), p.audit_target())).collect();
        assert_eq!(
            actions,
            [
                ("revoke_user_grants", "auth0|1".to_string()),
                ("revoke_device_credential", "dcr_1".to_string()),
                ("revoke_user_refresh_tokens", "auth0|1".to_string()),
                ("revoke_user_sessions", "auth0|1".to_string()),
            ]
        );
    }

    #[test]
    fn grants_not_yet_counted_are_every_grant() {
        let all = Target::AllGrants { user_id: "auth0|1".into(), count: 0 };
        assert_eq!(all.describe(), "every grant of auth0|1");
        assert_eq!(
            Target::AllGrants { user_id: "auth0|1".into(), count: 3 }.describe(),
            "3 grants of auth0|1"
        );
    }

    #[test]
    fn a_held_token_is_named_by_its_application_never_its_value() {
        let held = Target::HeldRefreshToken { client_id: "abc".into() };
        assert_eq!(
            (held.audit_action(), held.audit_target().as_str()),
            ("revoke_refresh_token", "refresh token of client abc")
        );
    }
}
