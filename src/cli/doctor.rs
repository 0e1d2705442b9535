//! `tenantscope doctor`: each step of `crate::doctor`, one line each; exit 0 when everything is
//! usable, 1 otherwise.

use crate::auth0::ManagementClient;
use crate::doctor::{all_usable, examine};

use super::CliError;

pub async fn run(client: &ManagementClient) -> Result<(), CliError> {
    let findings = examine(client).await;
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
