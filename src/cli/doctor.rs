//! `tenantscope doctor`: each step of `crate::doctor`, one line each; exit 0 when everything is
//! usable, 1 otherwise.

use crate::auth0::ManagementClient;
use crate::doctor::{Finding, all_usable, examine};

use super::CliError;

pub async fn run(
    client: &ManagementClient,
    connection: &crate::config::ConnectionArgs,
) -> Result<(), CliError> {
    let mut findings = examine(client).await;
    findings.extend(plain_secrets(connection));
    let width = findings.iter().map(|f| f.step.chars().count()).max().unwrap_or(0);
    for found in &findings {
        let mark = match found.ok {
            _ if found.warning => "!",
            Some(true) => "✓",
            Some(false) => "✗",
            None => "–",
        };
        crate::outln!("{mark} {:<width$}  {}", found.step, found.detail);
    }
    if all_usable(&findings) {
        Ok(())
    } else {
        Err(CliError::Failed("some of tenantscope is not usable with these settings: see the ✗ lines".into()))
    }
}

/// A profile whose client secret sits in plain text in the config file: where else it can live.
fn plain_secrets(connection: &crate::config::ConnectionArgs) -> Option<Finding> {
    let (path, profiles) = crate::config::plain_secret_profiles(connection)?;
    let first = profiles[0].clone();
    Some(Finding {
        step: "config secrets".into(),
        ok: None,
        warning: true,
        detail: crate::output::text::clean(&format!(
            "{} keeps client_secret in plain text in {}: move it to the OS keyring (tenantscope secret set {first}, then client_secret_keyring = true in place of client_secret) or to a password manager (client_secret_command = [\"pass\", \"show\", \"…\"])",
            if profiles.len() == 1 {
                format!("profile {first}")
            } else {
                format!("profiles {}", profiles.join(", "))
            },
            path.display()
        )),
    })
}
