//! `tenantscope sessions` and `tenantscope refresh-tokens`: a user's sessions and refresh tokens
//! (Enterprise plans), and revoking them. Auth0 accepts these revokes at once and applies them
//! shortly after.

use crate::auth0::ManagementClient;
use crate::revoke::{Revoker, Target};

use super::args::{ItemRevokeArgs, UserItemsAction, UserItemsArgs};
use super::grants::{application, application_names};
use super::table::{local_time, or_blank, print_json, print_table};
use super::verdict::patience;
use super::{CliError, confirm_revoke, report};

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
    revoker: &Revoker,
) -> Result<(), CliError> {
    let result = match &args.action {
        Some(UserItemsAction::Revoke(revoke)) => revoke_items(kind, revoke, revoker).await,
        None => list(client, kind, args).await,
    };
    result.map_err(|err| match err {
        CliError::Auth0(err) if err.is_feature_missing() => CliError::Failed(format!(
            "this tenant has no {} endpoints (they come with Auth0's Enterprise plans); everything else keeps working. {}",
            kind.noun(),
            err
        )),
        other => other,
    })
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

async fn revoke_items(kind: Kind, args: &ItemRevokeArgs, revoker: &Revoker) -> Result<(), CliError> {
    let target = match (kind, &args.id, &args.user) {
        (Kind::Sessions, Some(id), _) => Target::Session { id: id.clone(), user_id: None },
        (Kind::Sessions, None, Some(user)) => Target::AllSessions { user_id: user.clone() },
        (Kind::RefreshTokens, Some(id), _) => Target::RefreshToken { id: id.clone(), user_id: None },
        (Kind::RefreshTokens, None, Some(user)) => Target::AllRefreshTokens { user_id: user.clone() },
        (_, None, None) => {
            return Err(CliError::Usage(format!("give the {} id, or --user USER_ID", kind.noun())));
        }
    };
    confirm_revoke(revoker, &target, "", args.how.yes).await?;
    report(&revoker.revoke(&target, patience(&args.how)).await, &target, args.how.json)
}
