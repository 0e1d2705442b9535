//! `tenantscope devices` and `tenantscope devices revoke`.

use crate::auth0::{Auth0Error, DeviceFilter, ManagementClient};
use crate::output::text::clean;

use super::args::{DeviceRevokeArgs, DevicesAction, DevicesArgs};
use super::confirm::{confirm, declined};
use super::grants::{application, application_names, report};
use super::table::{or_blank, print_json, print_table};
use super::{Audit, CliError};

pub async fn run(client: &ManagementClient, args: &DevicesArgs, audit: &Audit) -> Result<(), CliError> {
    match &args.action {
        Some(DevicesAction::Revoke(revoke)) => revoke_device(client, revoke, audit).await,
        None => list(client, args).await,
    }
}

async fn list(client: &ManagementClient, args: &DevicesArgs) -> Result<(), CliError> {
    let filter =
        DeviceFilter { user_id: args.user.clone(), client_id: args.client.clone(), kind: args.kind.clone() };
    let credentials = client.device_credentials(&filter).await?;
    if args.json {
        return print_json(&credentials);
    }
    let names = application_names(client).await;
    print_table(
        &["DEVICE", "TYPE", "APPLICATION", "USER_ID", "ID"],
        credentials
            .iter()
            .map(|d| {
                vec![
                    or_blank(d.device_name()),
                    or_blank(d.kind()),
                    application(&names, d.client_id()),
                    or_blank(d.user_id()),
                    or_blank(d.id()),
                ]
            })
            .collect(),
    );
    Ok(())
}

async fn revoke_device(
    client: &ManagementClient,
    args: &DeviceRevokeArgs,
    audit: &Audit,
) -> Result<(), CliError> {
    let id = clean(&args.id);
    if client.is_read_only() {
        return Err(Auth0Error::ReadOnly { action: format!("revoke device credential {id}") }.into());
    }
    let what = format!("Revoke device credential {id} (a refresh token it holds stops working)");
    if !confirm(&what, args.yes)? {
        return Err(declined());
    }
    let result = client.delete_device_credential(&args.id).await;
    audit.record("revoke_device_credential", &args.id, None, &result);
    report(result?, &format!("device credential {id}"));
    Ok(())
}
