//! `tenantscope grants` and `tenantscope grants revoke`.

use std::collections::HashMap;

use crate::auth0::{Auth0Error, Deleted, Grant, GrantFilter, ManagementClient};
use crate::output::text::clean;

use super::args::{GrantRevokeArgs, GrantsAction, GrantsArgs};
use super::confirm::{confirm, declined};
use super::table::{or_blank, print_json, print_table};
use super::{Audit, CliError, note};

pub async fn run(client: &ManagementClient, args: &GrantsArgs, audit: &Audit) -> Result<(), CliError> {
    match &args.action {
        Some(GrantsAction::Revoke(revoke)) => revoke_grants(client, revoke, audit).await,
        None => list(client, args).await,
    }
}

async fn list(client: &ManagementClient, args: &GrantsArgs) -> Result<(), CliError> {
    let filter = GrantFilter {
        user_id: args.filter.user.clone(),
        client_id: args.filter.client.clone(),
        audience: args.filter.audience.clone(),
    };
    let grants = client.grants(&filter).await?;
    if args.json {
        return print_json(&grants);
    }
    let names = application_names(client).await;
    print_table(
        &["APPLICATION", "AUDIENCE", "SCOPES", "USER_ID", "GRANT_ID"],
        grants
            .iter()
            .map(|g| {
                vec![
                    application(&names, g.client_id()),
                    or_blank(g.audience()),
                    g.scopes().join(" "),
                    or_blank(g.user_id()),
                    or_blank(g.id()),
                ]
            })
            .collect(),
    );
    Ok(())
}

/// client_id → name, or empty (ids are shown instead) when the application lacks read:clients.
pub(super) async fn application_names(client: &ManagementClient) -> HashMap<String, String> {
    match client.client_names().await {
        Ok(names) => names,
        Err(err) => {
            note(format!("showing client ids instead of application names: {}", err.with_hint()));
            HashMap::new()
        }
    }
}

pub(super) fn application(names: &HashMap<String, String>, client_id: Option<&str>) -> String {
    let id = client_id.unwrap_or_default();
    names.get(id).cloned().unwrap_or_else(|| id.to_string())
}

async fn revoke_grants(
    client: &ManagementClient,
    args: &GrantRevokeArgs,
    audit: &Audit,
) -> Result<(), CliError> {
    if client.is_read_only() {
        let what = match (&args.grant_id, &args.user) {
            (Some(id), _) => format!("revoke grant {id}"),
            (None, Some(user)) => format!("revoke the grants of {user}"),
            (None, None) => "revoke grants".into(),
        };
        return Err(Auth0Error::ReadOnly { action: clean(&what) }.into());
    }
    if let Some(user_id) = &args.user {
        return revoke_all_of_user(client, user_id, args.yes, audit).await;
    }
    let grant_id = args.grant_id.as_deref().unwrap_or_default();
    let what = format!(
        "Revoke grant {} (its application loses access and the refresh tokens issued under it stop working)",
        clean(grant_id)
    );
    if !confirm(&what, args.yes)? {
        return Err(declined());
    }
    let result = client.delete_grant(grant_id).await;
    audit.record("revoke_grant", grant_id, None, &result);
    report(result?, &format!("grant {}", clean(grant_id)));
    Ok(())
}

async fn revoke_all_of_user(
    client: &ManagementClient,
    user_id: &str,
    yes: bool,
    audit: &Audit,
) -> Result<(), CliError> {
    let grants = client.grants(&GrantFilter { user_id: Some(user_id.into()), ..Default::default() }).await?;
    if grants.is_empty() {
        note(format!("{} has no grants; nothing to revoke", clean(user_id)));
        return Ok(());
    }
    let names = application_names(client).await;
    let listing: Vec<String> = grants.iter().map(|g| format!("  {}", describe(&names, g))).collect();
    let what = format!("Revoke all {} grants of {}:\n{}\n", grants.len(), clean(user_id), listing.join("\n"));
    if !confirm(&what, yes)? {
        return Err(declined());
    }
    let result = client.delete_user_grants(user_id).await;
    audit.record("revoke_user_grants", user_id, Some(user_id), &result);
    report(result?, &format!("{} grants of {}", grants.len(), clean(user_id)));
    Ok(())
}

fn describe(names: &HashMap<String, String>, grant: &Grant) -> String {
    clean(&format!(
        "{} → {} ({}) [{}]",
        application(names, grant.client_id()),
        grant.audience().unwrap_or_default(),
        grant.scopes().join(" "),
        grant.id().unwrap_or_default()
    ))
}

pub(super) fn report(outcome: Deleted, what: &str) {
    match outcome {
        Deleted::Now => crate::outln!("revoked {what}"),
        Deleted::AlreadyGone => {
            crate::outln!("revoked {what} (it was already gone when the request was retried)")
        }
    }
}
