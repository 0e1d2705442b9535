//! `tenantscope devices` and `tenantscope devices revoke`.

use crate::auth0::{DeviceFilter, ManagementClient};
use crate::revoke::{Revoker, Target};

use super::args::{DeviceRevokeArgs, DevicesAction, DevicesArgs};
use super::grants::{application, application_names};
use super::table::{or_blank, print_json, print_table};
use super::verdict::patience;
use super::{CliError, confirm_revoke, report};

pub async fn run(client: &ManagementClient, args: &DevicesArgs, revoker: &Revoker) -> Result<(), CliError> {
    match &args.action {
        Some(DevicesAction::Revoke(revoke)) => revoke_device(revoke, revoker).await,
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

async fn revoke_device(args: &DeviceRevokeArgs, revoker: &Revoker) -> Result<(), CliError> {
    let target = Target::Device { id: args.id.clone(), user_id: args.user.clone() };
    confirm_revoke(revoker, &target, "", args.how.yes).await?;
    report(&revoker.revoke(&target, patience(&args.how)).await, &target, args.how.json)
}
