//! Which application a token belongs to, from the command line: a profile's by its label, or a
//! client id (and secret) given directly. The token commands (`login`, `token`, `refresh-token`)
//! all ask this.

use std::collections::BTreeMap;

use secrecy::ExposeSecret;

use crate::auth0::AppCredentials;
use crate::config::AppProfile;

use super::CliError;
use super::args::AppArgs;

/// The application from `--app LABEL` (the profile's apps), or `--app-client-id` / secret.
pub fn app_credentials(
    args: &AppArgs,
    apps: &BTreeMap<String, AppProfile>,
) -> Result<AppCredentials, CliError> {
    if let Some(label) = &args.app {
        return apps.get(label).map(AppProfile::credentials).ok_or_else(|| {
            let known: Vec<&str> = apps.keys().map(String::as_str).collect();
            CliError::Usage(format!(
                "no application '{label}' in the profile: add [profiles.NAME.apps.{label}] to the config file, or use one of: {}",
                if known.is_empty() { "none".into() } else { known.join(", ") }
            ))
        });
    }
    // A variable set to the empty string counts as unset.
    let secret = args.app_client_secret.clone().filter(|s| !s.expose_secret().is_empty());
    match args.app_client_id.as_ref().filter(|id| !id.trim().is_empty()) {
        Some(client_id) => Ok(AppCredentials { client_id: client_id.clone(), client_secret: secret }),
        None => Err(CliError::Usage(
            "which application was the token issued to? Pass --app LABEL (a profile's apps), or --app-client-id ID (and --app-client-secret for confidential clients; or AUTH0_APP_CLIENT_ID / AUTH0_APP_CLIENT_SECRET)".into(),
        )),
    }
}
