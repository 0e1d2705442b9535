//! Proof that a refresh token is dead: a `refresh_token` grant with it gets 403 invalid_grant
//! "Unknown or invalid refresh token.". Auth0 applies revocations eventually, so a patient proof
//! retries with back-off for a bounded time; a token that still works and rotates is replaced by
//! the new one, so nothing is lost.

use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::authentication::{AppCredentials, AuthenticationApi, TokenResponse};
use super::error::Auth0Error;

/// How long a patient proof keeps trying.
pub const PATIENCE: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub enum Proof {
    /// Auth0 answered invalid_grant, with its description.
    Dead { description: String },
    /// Auth0 still accepts the token; these are the tokens the last probe received (the refresh
    /// token is the newest one of the family).
    StillAccepted { latest: Box<TokenResponse>, refresh_token: SecretString },
}

/// Probes `token`; when `patient`, retries for up to [`PATIENCE`], reporting each wait.
pub async fn prove_dead(
    auth: &AuthenticationApi,
    app: &AppCredentials,
    mut token: SecretString,
    patient: bool,
    on_wait: impl Fn(Duration),
) -> Result<Proof, Auth0Error> {
    let deadline = Instant::now() + PATIENCE;
    let mut wait = Duration::from_millis(250);
    loop {
        let latest = match auth.refresh(app, &token).await {
            Err(Auth0Error::Authentication { error, description, .. }) if error == "invalid_grant" => {
                return Ok(Proof::Dead { description });
            }
            Err(other) => return Err(other),
            Ok(response) => response,
        };
        if let Some(next) = &latest.refresh_token {
            token = next.clone();
        }
        if !patient || Instant::now() + wait > deadline {
            return Ok(Proof::StillAccepted { latest: Box::new(latest), refresh_token: token });
        }
        on_wait(wait);
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(4));
    }
}
