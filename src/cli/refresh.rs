//! `tenantscope refresh-token use|revoke|verify`: exchange a refresh token for new tokens, revoke it with the application's own
//! credentials (`POST /oauth/revoke`), and prove a token is dead — a refresh with it gets 403
//! invalid_grant "Unknown or invalid refresh token.". The token is read from stdin, never from the
//! command line, and never written anywhere.

use secrecy::{ExposeSecret, SecretString};
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Read};

use crate::auth0::proof::{self, Proof};
use crate::auth0::{AppCredentials, AuthenticationApi, ManagementClient, TokenResponse};
use crate::config::AppProfile;
use crate::token::{Decoded, decode};

use super::app_args::app_credentials;
use super::args::{RefreshTokenAction, RefreshTokenArgs};
use super::confirm::confirm;
use super::keep_token::{Keeper, masked};
use super::{CliError, confirm_revoke, note};
use crate::revoke::{Revoker, Target};

pub async fn run(
    client: &ManagementClient,
    args: &RefreshTokenArgs,
    apps: &BTreeMap<String, AppProfile>,
    revoker: &Revoker,
) -> Result<(), CliError> {
    let auth = AuthenticationApi::new(client.http().clone(), client.tenant().clone());
    match &args.action {
        RefreshTokenAction::Revoke(revoke) => {
            let app = app_credentials(&revoke.app, apps)?;
            let target = Target::HeldRefreshToken { client_id: app.client_id.clone() };
            revoker.check_allowed(&target)?;
            let token = read_token()?;
            confirm_revoke(revoker, &target, "", revoke.yes).await?;
            let (verdict, still) = revoker.revoke_held(&app, &token, revoke.verify).await;
            // The proof spent a token that still worked: give back the newest of its family.
            if let Some(Proof::StillAccepted { latest, refresh_token }) = still {
                print_new_tokens(&latest, &refresh_token)?;
            }
            super::report(&verdict, &target, revoke.json)?;
            if matches!(verdict, crate::revoke::Verdict::Revoked(_)) {
                note("the tenant's own record: tenantscope logs --type fertft --take 1");
            }
            Ok(())
        }
        RefreshTokenAction::Verify(verify) => {
            let app = app_credentials(&verify.app, apps)?;
            refuse_if_read_only(client, "probe a refresh token (one that still works is spent)")?;
            let token = read_token()?;
            let warning = "Probe this refresh token? If it still works, the probe uses it up (rotation) and tenantscope prints the new tokens so nothing is lost";
            if !confirm(warning, verify.yes)? {
                return Err(CliError::Failed("cancelled; the token was not used".into()));
            }
            prove_dead(&auth, &app, token, false).await
        }
        RefreshTokenAction::Use(args) => {
            let app = app_credentials(&args.app, apps)?;
            refuse_if_read_only(client, "use a refresh token (with rotation on, it is spent)")?;
            // Chosen before the old token is spent, so the new one always has somewhere to go.
            let keeper = Keeper::choose(args.out.as_deref(), args.copy, args.json)?;
            let token = read_token()?;
            let tokens = auth.refresh(&app, &token).await?;
            let context = super::login::TokenContext::of_client(client);
            super::login::print_tokens(&context, &tokens, args.json).await?;
            match &tokens.refresh_token {
                Some(new) => {
                    if !args.json {
                        crate::outln!("Refresh    {}", crate::output::text::clean(&keeper.keep(new)?));
                    }
                    note(format!(
                        "rotation: the refresh token you gave ({}) is now spent; using it again (after the app's leeway) revokes the whole family, as Auth0's reuse detection does",
                        masked(&token)
                    ));
                }
                None => note("no rotation: the refresh token you gave stays valid"),
            }
            Ok(())
        }
    }
}

/// Refuses under `--read-only` before the token is even read (the HTTP layer would refuse it too).
fn refuse_if_read_only(client: &ManagementClient, what: &str) -> Result<(), CliError> {
    Ok(client.http().refuse_if_read_only(|| what.to_string())?)
}

/// The refresh token from stdin: piped, or typed after a prompt on a terminal.
fn read_token() -> Result<SecretString, CliError> {
    let stdin = std::io::stdin();
    let mut text = String::new();
    if stdin.is_terminal() {
        crate::output::prompt("Refresh token: ");
        stdin
            .lock()
            .read_line(&mut text)
            .map_err(|e| CliError::Usage(format!("could not read the token: {e}")))?;
    } else {
        stdin
            .lock()
            .take(64 * 1024)
            .read_to_string(&mut text)
            .map_err(|e| CliError::Usage(format!("could not read the token from stdin: {e}")))?;
    }
    let token = text.trim().to_string();
    match decode(&token) {
        _ if token.is_empty() => Err(CliError::Usage("no refresh token on stdin".into())),
        Ok(Decoded::Jws { .. }) | Ok(Decoded::Jwe { .. }) => Err(CliError::Usage(
            "that is a JWT (an access or ID token), not a refresh token: Auth0's refresh tokens are opaque"
                .into(),
        )),
        _ => Ok(SecretString::from(token)),
    }
}

/// Probes the token (patiently after a revoke) and reports; a token that still works is given back
/// with the tokens the probe received, so nothing is lost.
async fn prove_dead(
    auth: &AuthenticationApi,
    app: &AppCredentials,
    token: SecretString,
    patient: bool,
) -> Result<(), CliError> {
    let proof = proof::prove_dead(auth, app, token, patient, |wait| {
        note(format!(
            "still accepted; Auth0 applies revocations within moments, trying again in {:.1} s",
            wait.as_secs_f64()
        ))
    })
    .await?;
    let (latest, refresh_token) = match proof {
        Proof::Dead { description } => {
            crate::outln!(
                "proven dead: Auth0 answers invalid_grant \"{}\"",
                crate::output::text::clean(&description)
            );
            note("the tenant's own record: tenantscope logs --type fertft --take 1");
            return Ok(());
        }
        Proof::StillAccepted { latest, refresh_token } => (latest, refresh_token),
    };
    // The user asked for the probe knowing it may use the token up: give back what it returned.
    print_new_tokens(&latest, &refresh_token)?;
    Err(CliError::Failed(
        "the token still works: Auth0 accepted it (the new tokens are above, so nothing is lost)".into(),
    ))
}

/// The tokens a probe received from a token that still worked, as one JSON line.
fn print_new_tokens(latest: &TokenResponse, refresh_token: &SecretString) -> Result<(), CliError> {
    let mut tokens = serde_json::Map::new();
    tokens.insert("refresh_token".into(), serde_json::json!(refresh_token.expose_secret()));
    tokens.insert("access_token".into(), serde_json::json!(latest.access_token.expose_secret()));
    if let Some(id) = &latest.id_token {
        tokens.insert("id_token".into(), serde_json::json!(id.expose_secret()));
    }
    crate::output::print_json_line(&serde_json::Value::Object(tokens))
        .map_err(|e| CliError::Failed(format!("could not print the new tokens: {e}")))
}
