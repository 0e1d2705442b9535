//! `tenantscope grants` and `tenantscope grants revoke`.

use crate::auth0::{ClientNames, Grant, GrantFilter, ManagementClient};
use crate::output::text::clean;

use super::args::{GrantRevokeArgs, GrantsAction, GrantsArgs};
use super::table::{or_blank, print_json, print_table};
use super::verdict::patience;
use super::{CliError, confirm_revoke, note, report};
use crate::revoke::{Revoker, Target, Verdict};

pub async fn run(client: &ManagementClient, args: &GrantsArgs, revoker: &Revoker) -> Result<(), CliError> {
    match &args.action {
        Some(GrantsAction::Revoke(revoke)) => revoke_grants(client, revoke, revoker).await,
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
pub(super) async fn application_names(client: &ManagementClient) -> ClientNames {
    match client.client_names().await {
        Ok(names) => names,
        Err(err) => {
            note(format!("showing client ids instead of application names: {}", err.with_hint()));
            ClientNames::default()
        }
    }
}

pub(super) fn application(names: &ClientNames, client_id: Option<&str>) -> String {
    names.application(client_id)
}

async fn revoke_grants(
    client: &ManagementClient,
    args: &GrantRevokeArgs,
    revoker: &Revoker,
) -> Result<(), CliError> {
    let (target, listing) = match (&args.grant_id, &args.user) {
        (Some(id), user) => (Target::Grant { id: id.clone(), user_id: user.clone() }, String::new()),
        (None, Some(user_id)) => {
            let target = Target::AllGrants { user_id: user_id.clone(), count: 0 };
            revoker.check_allowed(&target)?;
            let filter = GrantFilter { user_id: Some(user_id.clone()), ..Default::default() };
            let grants = client.grants(&filter).await?;
            if grants.is_empty() {
                let verdict = Verdict::Absent("the user has no grants; nothing was sent".into());
                return report(&verdict, &target, args.how.json);
            }
            let names = application_names(client).await;
            let listing: Vec<String> =
                grants.iter().map(|g| format!("  {}\n", describe(&names, g))).collect();
            (Target::AllGrants { user_id: user_id.clone(), count: grants.len() }, listing.concat())
        }
        (None, None) => return Err(CliError::Usage("give the grant id, or --user USER_ID".into())),
    };
    confirm_revoke(revoker, &target, &listing, args.how.yes).await?;
    report(&revoker.revoke(&target, patience(&args.how)).await, &target, args.how.json)
}

fn describe(names: &ClientNames, grant: &Grant) -> String {
    clean(&format!(
        "{} → {} ({}) [{}]",
        application(names, grant.client_id()),
        grant.audience().unwrap_or_default(),
        grant.scopes().join(" "),
        grant.id().unwrap_or_default()
    ))
}
