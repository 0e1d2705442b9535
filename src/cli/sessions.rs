//! `tenantscope sessions` and `tenantscope refresh-tokens`: a user's sessions and refresh tokens
//! (Enterprise plans), and revoking them. Auth0 accepts these revokes at once and applies them
//! shortly after.

use crate::auth0::{Auth0Error, ManagementClient};
use crate::output::text::clean;

use super::args::{ItemRevokeArgs, UserItemsAction, UserItemsArgs};
use super::confirm::{confirm, declined};
use super::grants::{application, application_names, report};
use super::table::{local_time, or_blank, print_json, print_table};
use super::{Audit, CliError, note};

#[derive(Clone, Copy)]
pub enum Kind {
    Sessions,
    RefreshTokens,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Sessions => "session",
            Kind::RefreshTokens => "refresh token",
        }
    }
}

pub async fn run(
    client: &ManagementClient,
    kind: Kind,
    args: &UserItemsArgs,
    audit: &Audit,
) -> Result<(), CliError> {
    let result = match &args.action {
        Some(UserItemsAction::Revoke(revoke)) => revoke_items(client, kind, revoke, audit).await,
        None => list(client, kind, args).await,
    };
    result.map_err(|err| match err {
        CliError::Auth0(err) if is_feature_missing(&err) => CliError::Failed(format!(
            "this tenant has no {} endpoints (they come with Auth0's Enterprise plans); everything else keeps working. {}",
            kind.noun(),
            err
        )),
        other => other,
    })
}

/// A 403 or 404 that is not about scopes or a missing user: the plan lacks the feature.
fn is_feature_missing(err: &Auth0Error) -> bool {
    matches!(err.status(), Some(403) | Some(404))
        && !matches!(err.code(), Some("insufficient_scope") | Some("inexistent_user"))
}

async fn list(client: &ManagementClient, kind: Kind, args: &UserItemsArgs) -> Result<(), CliError> {
    let Some(user_id) = &args.user else {
        return Err(CliError::Usage(format!(
            "give the user: --user USER_ID (whose {}s to list)",
            kind.noun()
        )));
    };
    match kind {
        Kind::Sessions => {
            let sessions = client.sessions(user_id).await?;
            if args.json {
                return print_json(&sessions);
            }
            let names = application_names(client).await;
            print_table(
                &["SESSION", "LAST IP", "DEVICE", "APPLICATIONS", "CREATED", "LAST USED", "EXPIRES"],
                sessions
                    .iter()
                    .map(|s| {
                        let apps: Vec<String> =
                            s.client_ids().iter().map(|c| application(&names, Some(c))).collect();
                        vec![
                            or_blank(s.id()),
                            or_blank(s.device("last_ip")),
                            or_blank(s.device("last_user_agent")),
                            apps.join(", "),
                            local_time(s.str_field("created_at")),
                            local_time(s.str_field("last_interacted_at")),
                            local_time(s.str_field("expires_at")),
                        ]
                    })
                    .collect(),
            );
        }
        Kind::RefreshTokens => {
            let tokens = client.refresh_tokens(user_id).await?;
            if args.json {
                return print_json(&tokens);
            }
            let names = application_names(client).await;
            print_table(
                &["ID", "APPLICATION", "AUDIENCE", "ROTATING", "SESSION", "CREATED", "LAST USED", "EXPIRES"],
                tokens
                    .iter()
                    .map(|t| {
                        vec![
                            or_blank(t.id()),
                            application(&names, t.client_id()),
                            t.audiences().join(" "),
                            if t.rotating() { "yes".into() } else { "no".into() },
                            or_blank(t.str_field("session_id")),
                            local_time(t.str_field("created_at")),
                            local_time(t.str_field("last_exchanged_at")),
                            local_time(t.str_field("expires_at")),
                        ]
                    })
                    .collect(),
            );
        }
    }
    Ok(())
}

async fn revoke_items(
    client: &ManagementClient,
    kind: Kind,
    args: &ItemRevokeArgs,
    audit: &Audit,
) -> Result<(), CliError> {
    let noun = kind.noun();
    let (what, action) = match (&args.id, &args.user) {
        (Some(id), _) => (format!("{noun} {}", clean(id)), format!("revoke_{}", noun.replace(' ', "_"))),
        (None, Some(user)) => {
            (format!("every {noun} of {}", clean(user)), format!("revoke_user_{}s", noun.replace(' ', "_")))
        }
        (None, None) => return Err(CliError::Usage(format!("give the {noun} id, or --user USER_ID"))),
    };
    if client.is_read_only() {
        return Err(Auth0Error::ReadOnly { action: format!("revoke {what}") }.into());
    }
    let consequence = match kind {
        Kind::Sessions => "the user is signed out there, and refresh tokens issued in it stop working",
        Kind::RefreshTokens => "the application can no longer renew the user's access with it",
    };
    if !confirm(&format!("Revoke {what} ({consequence})"), args.yes)? {
        return Err(declined());
    }
    let result = match (kind, &args.id, &args.user) {
        (Kind::Sessions, Some(id), _) => client.delete_session(id).await,
        (Kind::Sessions, None, Some(user)) => client.delete_user_sessions(user).await,
        (Kind::RefreshTokens, Some(id), _) => client.delete_refresh_token(id).await,
        (Kind::RefreshTokens, None, Some(user)) => client.delete_user_refresh_tokens(user).await,
        _ => unreachable!("checked above"),
    };
    let target = args.id.as_deref().or(args.user.as_deref()).unwrap_or_default();
    audit.record(&action, target, args.user.as_deref(), &result);
    report(result?, &what);
    note("Auth0 applies this within moments; list again to see it gone");
    Ok(())
}
