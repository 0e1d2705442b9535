//! What a CLI confirmation names besides the id: whose it is (name and email), through which
//! application or API, and on which tenant — the UI's words, read from Auth0 before asking. Each
//! fact is a read that may fail (a missing scope, an id Auth0 cannot look up alone); a fact that
//! cannot be read is left out, never guessed, and the id and the tenant are always named.

use crate::auth0::{DeviceFilter, GrantFilter, ManagementClient};
use crate::revoke::Target;

/// The lines above the question, `Label: value` each, aligned like the UI's.
pub async fn facts(client: &ManagementClient, target: &Target) -> Vec<String> {
    let mut facts = Facts::default();
    let names = if needs_names(target) {
        client.client_names().await.unwrap_or_default()
    } else {
        Default::default()
    };
    let mut user_id = target.user_id().map(str::to_string);
    match target {
        Target::Grant { id, user_id: Some(user) } => {
            let filter = GrantFilter { user_id: Some(user.clone()), ..Default::default() };
            if let Some(grant) =
                client.grants(&filter).await.ok().and_then(|g| g.into_iter().find(|g| g.id() == Some(id)))
            {
                facts.add("Application", names.application(grant.client_id()));
                facts.add("Audience", grant.audience().unwrap_or_default());
                facts.add("Scopes", grant.scopes().join(" "));
            }
        }
        Target::Device { id, user_id: Some(user) } => {
            let filter = DeviceFilter { user_id: Some(user.clone()), ..Default::default() };
            let found = client.device_credentials(&filter).await.ok();
            if let Some(device) = found.and_then(|d| d.into_iter().find(|d| d.id() == Some(id))) {
                facts.add("Device", device.device_name().unwrap_or_default());
                facts.add("Type", device.kind().unwrap_or_default());
                facts.add("Application", names.application(device.client_id()));
            }
        }
        Target::Session { id, .. } => {
            if let Ok(Some(session)) = client.session(id).await {
                user_id = user_id.or_else(|| session.str_field("user_id").map(str::to_string));
                let apps: Vec<String> =
                    session.client_ids().iter().map(|c| names.application(Some(c))).collect();
                facts.add("Applications", apps.join(", "));
                facts.add("Last IP", session.device("last_ip").unwrap_or_default());
            }
        }
        Target::RefreshToken { id, .. } => {
            if let Ok(Some(token)) = client.refresh_token(id).await {
                user_id = user_id.or_else(|| token.str_field("user_id").map(str::to_string));
                facts.add("Application", names.application(token.client_id()));
                facts.add("Audience", token.audiences().join(", "));
            }
        }
        Target::HeldRefreshToken { client_id } => {
            facts.add("Application", names.application(Some(client_id)))
        }
        _ => {}
    }
    if let Some(user_id) = user_id {
        facts.add("User", whose(client, &user_id).await);
    }
    facts.add("Tenant", client.tenant().host());
    facts.lines
}

/// "Quinn Patel <quinn@example.com> (auth0|8a98…)", or the id alone when the user cannot be read.
async fn whose(client: &ManagementClient, user_id: &str) -> String {
    let Ok(user) = client.user(user_id).await else { return user_id.to_string() };
    match (user.name(), user.email()) {
        (Some(name), Some(email)) if name != email => format!("{name} <{email}> ({user_id})"),
        (_, Some(email)) => format!("{email} ({user_id})"),
        (Some(name), None) => format!("{name} ({user_id})"),
        (None, None) => user_id.to_string(),
    }
}

fn needs_names(target: &Target) -> bool {
    matches!(
        target,
        Target::Grant { user_id: Some(_), .. }
            | Target::Device { user_id: Some(_), .. }
            | Target::Session { .. }
            | Target::RefreshToken { .. }
            | Target::HeldRefreshToken { .. }
    )
}

#[derive(Default)]
struct Facts {
    lines: Vec<String>,
}

impl Facts {
    fn add(&mut self, label: &str, value: impl AsRef<str>) {
        let value = value.as_ref();
        if !value.is_empty() {
            self.lines.push(format!("{:<13}{value}", format!("{label}:")));
        }
    }
}
