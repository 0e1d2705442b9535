//! What can be seen of a target before and after it is revoked: the listing that shows it, and
//! whether that listing holds it now. A re-list without the item is the proof a 204 or a 202
//! cannot give.

use std::time::{Duration, Instant};

use crate::auth0::{Auth0Error, DeviceFilter, GrantFilter, ManagementClient};

use super::target::Target;

/// How long between two looks while Auth0 applies an eventual revoke.
const LOOK_AGAIN: Duration = Duration::from_millis(500);

/// Where the target would be seen ("auth0|1's grants"), or `None` when no listing shows it: a
/// grant or a device credential whose user is not known, a held refresh token, a block.
pub fn listing(target: &Target) -> Option<String> {
    match target {
        Target::Grant { user_id: Some(user), .. } | Target::AllGrants { user_id: user, .. } => {
            Some(format!("{user}'s grants"))
        }
        Target::Device { user_id: Some(user), .. } => Some(format!("{user}'s device credentials")),
        Target::Session { .. } => Some("the tenant's sessions".into()),
        Target::RefreshToken { .. } => Some("the tenant's refresh tokens".into()),
        Target::AllSessions { user_id } => Some(format!("{user_id}'s sessions")),
        Target::AllRefreshTokens { user_id } => Some(format!("{user_id}'s refresh tokens")),
        Target::LoginBlocks { who } => Some(format!("the login blocks of {who}")),
        Target::Grant { user_id: None, .. }
        | Target::Device { user_id: None, .. }
        | Target::HeldRefreshToken { .. }
        | Target::Everything { .. }
        | Target::Block { .. } => None,
    }
}

/// Whether Auth0 lists the target now; `None` when no listing shows it (see [`listing`]).
pub async fn is_present(target: &Target, client: &ManagementClient) -> Option<Result<bool, Auth0Error>> {
    let grants = |user: &str| GrantFilter { user_id: Some(user.to_string()), ..Default::default() };
    Some(match target {
        Target::Grant { id, user_id: Some(user) } => {
            client.grants(&grants(user)).await.map(|all| all.iter().any(|g| g.id() == Some(id)))
        }
        Target::AllGrants { user_id, .. } => client.grants(&grants(user_id)).await.map(|all| !all.is_empty()),
        Target::Device { id, user_id: Some(user) } => {
            let filter = DeviceFilter { user_id: Some(user.clone()), ..Default::default() };
            client.device_credentials(&filter).await.map(|all| all.iter().any(|d| d.id() == Some(id)))
        }
        Target::Session { id, .. } => client.session(id).await.map(|found| found.is_some()),
        Target::RefreshToken { id, .. } => client.refresh_token(id).await.map(|found| found.is_some()),
        Target::AllSessions { user_id } => client.sessions(user_id).await.map(|all| !all.is_empty()),
        Target::AllRefreshTokens { user_id } => {
            client.refresh_tokens(user_id).await.map(|all| !all.is_empty())
        }
        Target::LoginBlocks { who } => client.user_blocks(who).await.map(|blocks| {
            blocks.get("blocked_for").and_then(serde_json::Value::as_array).is_some_and(|b| !b.is_empty())
        }),
        // No listing shows these: a grant or device without its user, a held token, everything
        // (proven part by part), a block (proven by the user Auth0 answers with).
        Target::Grant { user_id: None, .. }
        | Target::Device { user_id: None, .. }
        | Target::HeldRefreshToken { .. }
        | Target::Everything { .. }
        | Target::Block { .. } => return None,
    })
}

/// What a look after the request found.
pub enum After {
    Gone,
    /// Still listed when the patience ran out.
    StillListed,
    /// The look itself failed.
    Unknown(Auth0Error),
}

/// Looks until the target is gone or `patience` runs out (one look when it is zero).
pub async fn look_after(target: &Target, client: &ManagementClient, patience: Duration) -> After {
    let deadline = Instant::now() + patience;
    loop {
        match is_present(target, client).await {
            Some(Ok(false)) => return After::Gone,
            Some(Err(err)) => return After::Unknown(err),
            None => return After::StillListed,
            Some(Ok(true)) if Instant::now() + LOOK_AGAIN > deadline => return After::StillListed,
            Some(Ok(true)) => tokio::time::sleep(LOOK_AGAIN).await,
        }
    }
}

/// Why Auth0's answer proves nothing for a target no listing shows, and how to prove it.
pub fn unproven(target: &Target) -> (String, String) {
    match target {
        Target::HeldRefreshToken { .. } => (
            "POST /oauth/revoke answers 200 for any token, also an unknown one or another application's".into(),
            "--verify proves it (a refresh with it must get invalid_grant; a token that still works is spent, and the new tokens are printed)".into(),
        ),
        Target::Grant { .. } => (
            "Auth0 answers 204 also for a grant id that never existed".into(),
            "pass --user USER_ID to list the user's grants before and after".into(),
        ),
        Target::Device { .. } => (
            "Auth0 answers 204 also for an id that never existed".into(),
            "pass --user USER_ID to list the user's device credentials before and after".into(),
        ),
        Target::AllGrants { .. }
        | Target::Session { .. }
        | Target::AllSessions { .. }
        | Target::RefreshToken { .. }
        | Target::AllRefreshTokens { .. }
        | Target::Everything { .. }
        | Target::Block { .. }
        | Target::LoginBlocks { .. } => {
            ("Auth0's answer alone proves nothing".into(), "list again to see it gone".into())
        }
    }
}
