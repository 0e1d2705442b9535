//! The Management API token: given, or fetched with client credentials and cached until 60 s
//! before it expires.

use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use super::authentication::{AppCredentials, AuthenticationApi};
use super::error::Auth0Error;

/// Where the Management API token comes from.
#[derive(Clone)]
pub enum Credentials {
    /// `--token`: used as is; when it expires the user must bring a new one.
    Token(SecretString),
    /// `--client-id` + `--client-secret`: tenantscope fetches and renews its own.
    ClientCredentials { app: AppCredentials, audience: String },
    /// None given: the Authentication API still works (refresh tokens, logins); a Management API
    /// call fails with this sentence, which says how to give them.
    None(String),
}

impl Credentials {
    /// Client credentials for the tenant's own Management API (`{base}/api/v2/`).
    pub fn management_app(
        tenant: &super::tenant::Tenant,
        client_id: String,
        client_secret: Option<String>,
    ) -> Credentials {
        Credentials::ClientCredentials {
            app: AppCredentials { client_id, client_secret: client_secret.map(Into::into) },
            audience: tenant.management_audience(),
        }
    }
}

/// How long before its expiry a cached token is replaced.
const RENEW_BEFORE: Duration = Duration::from_secs(60);
/// The longest lifetime Auth0 gives an access token (30 days); a longer `expires_in` is read as
/// this, so a number from the network never overflows a clock.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// When to renew a token that lives `expires_in` seconds from `now` (a day when Auth0 does not say).
pub fn renew_at(now: Instant, expires_in: Option<u64>) -> Instant {
    let lifetime = Duration::from_secs(expires_in.unwrap_or(86_400)).min(MAX_TOKEN_LIFETIME);
    now.checked_add(lifetime.saturating_sub(RENEW_BEFORE)).unwrap_or(now)
}

struct Cached {
    token: SecretString,
    renew_at: Instant,
}

pub struct TokenProvider {
    credentials: Credentials,
    auth: AuthenticationApi,
    cache: Mutex<Option<Cached>>,
}

impl TokenProvider {
    pub fn new(credentials: Credentials, auth: AuthenticationApi) -> TokenProvider {
        TokenProvider { credentials, auth, cache: Mutex::new(None) }
    }

    /// Whether a rejected token can be replaced by fetching a new one.
    pub fn can_renew(&self) -> bool {
        matches!(self.credentials, Credentials::ClientCredentials { .. })
    }

    /// The current token, fetched on first use and again once it is within 60 s of expiry.
    pub async fn token(&self) -> Result<SecretString, Auth0Error> {
        let (app, audience) = match &self.credentials {
            Credentials::Token(token) => return Ok(token.clone()),
            Credentials::None(why) => return Err(Auth0Error::Setup(why.clone())),
            Credentials::ClientCredentials { app, audience } => (app, audience),
        };
        // Holding the lock across the fetch makes concurrent callers share one request.
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref().filter(|c| Instant::now() < c.renew_at) {
            return Ok(cached.token.clone());
        }
        let response = self.auth.client_credentials(app, audience).await?;
        let renew_at = renew_at(Instant::now(), response.expires_in);
        *cache = Some(Cached { token: response.access_token.clone(), renew_at });
        Ok(response.access_token)
    }

    /// Forgets `rejected` so the next call fetches a new token; a token that was already replaced
    /// by a concurrent caller is left alone.
    pub async fn forget(&self, rejected: &SecretString) {
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|c| c.token.expose_secret() == rejected.expose_secret()) {
            *cache = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absurd_lifetime_is_bounded_not_a_panic() {
        let now = Instant::now();
        assert_eq!(renew_at(now, Some(u64::MAX)), now + MAX_TOKEN_LIFETIME - RENEW_BEFORE);
        assert_eq!(renew_at(now, Some(0)), now);
        assert_eq!(renew_at(now, None), now + Duration::from_secs(86_400) - RENEW_BEFORE);
    }
}
