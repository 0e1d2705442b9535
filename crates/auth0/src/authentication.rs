//! Auth0's Authentication API: `/oauth/token` (client credentials, refresh tokens, codes) and
//! `/oauth/revoke`.

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::error::{Api, Auth0Error};
use super::http::{Body, Effect, Http, Request};
use super::tenant::Tenant;

/// What `/oauth/token` answers. Token values are secrets: they never reach `Debug` output.
#[derive(Deserialize)]
pub struct TokenResponse {
    pub access_token: SecretString,
    #[serde(default)]
    pub id_token: Option<SecretString>,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    #[serde(default)]
    pub token_type: Option<String>,
    /// Seconds; anything but a plain non-negative integer (`-1`, `86400.0`, `2^64`, `1e400`,
    /// `"3600"`) is read as absent, so an odd answer never fails the whole token.
    #[serde(default, deserialize_with = "sane_seconds")]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// A count of seconds, read from its JSON text so that a number no type holds (`1e400`) is
/// absent instead of an error.
fn sane_seconds<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
    let text = raw.get();
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    Ok(if digits_only { text.parse().ok() } else { None })
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish_non_exhaustive()
    }
}

/// An application's credentials; the secret is absent for public clients.
#[derive(Clone)]
pub struct AppCredentials {
    pub client_id: String,
    pub client_secret: Option<SecretString>,
}

#[derive(Clone)]
pub struct AuthenticationApi {
    http: Http,
    tenant: Tenant,
}

impl AuthenticationApi {
    pub fn new(http: Http, tenant: Tenant) -> AuthenticationApi {
        AuthenticationApi { http, tenant }
    }

    /// `grant_type=client_credentials` for `audience`.
    pub async fn client_credentials(
        &self,
        app: &AppCredentials,
        audience: &str,
    ) -> Result<TokenResponse, Auth0Error> {
        self.client_credentials_scoped(app, audience, None).await
    }

    /// `grant_type=client_credentials` for `audience`, narrowed to `scope` when given.
    pub async fn client_credentials_scoped(
        &self,
        app: &AppCredentials,
        audience: &str,
        scope: Option<&str>,
    ) -> Result<TokenResponse, Auth0Error> {
        let mut body = app_fields(app);
        body.insert("grant_type".into(), json!("client_credentials"));
        body.insert("audience".into(), json!(audience));
        if let Some(scope) = scope {
            body.insert("scope".into(), json!(scope));
        }
        // A token for the application itself: nothing at the tenant changes.
        self.post_token(body, Effect::ChangesNothing).await
    }

    /// `grant_type=refresh_token`; with rotation on, the answer holds the next refresh token and
    /// the one sent is used up.
    pub async fn refresh(
        &self,
        app: &AppCredentials,
        refresh_token: &SecretString,
    ) -> Result<TokenResponse, Auth0Error> {
        let mut body = app_fields(app);
        body.insert("grant_type".into(), json!("refresh_token"));
        body.insert("refresh_token".into(), json!(refresh_token.expose_secret()));
        // With rotation on, the token sent is spent; a spent one presented again revokes its family.
        self.post_token(body, Effect::Changes("use a refresh token (with rotation on, it is spent)".into()))
            .await
    }

    /// `grant_type=authorization_code` with PKCE: the code a login brought back, its verifier, and
    /// the callback URL it was sent to.
    pub async fn authorization_code(
        &self,
        app: &AppCredentials,
        code: &str,
        verifier: &str,
        redirect_uri: &str,
    ) -> Result<TokenResponse, Auth0Error> {
        let mut body = app_fields(app);
        body.insert("grant_type".into(), json!("authorization_code"));
        body.insert("code".into(), json!(code));
        body.insert("code_verifier".into(), json!(verifier));
        body.insert("redirect_uri".into(), json!(redirect_uri));
        self.post_token(body, Effect::Changes("log a user in (a session and tokens are issued)".into())).await
    }

    /// `GET /userinfo` with a user's access token: the OIDC claims Auth0 holds for them.
    pub async fn userinfo(&self, access_token: &SecretString) -> Result<Value, Auth0Error> {
        let url = self.tenant.url("userinfo");
        let request = Request {
            api: Api::Authentication,
            method: Method::GET,
            url: url.clone(),
            bearer: Some(access_token.clone()),
            body: None,
            effect: Effect::Reads,
        };
        let response = self.http.send(&request).await?;
        if response.status.is_success() {
            response.json(&url)
        } else {
            Err(response.into_error(Api::Authentication, &url))
        }
    }

    /// `POST /oauth/revoke`: Auth0 answers 200 also for a token that was already invalid.
    pub async fn revoke(&self, app: &AppCredentials, refresh_token: &SecretString) -> Result<(), Auth0Error> {
        let mut body = app_fields(app);
        body.insert("token".into(), json!(refresh_token.expose_secret()));
        let url = self.tenant.url("oauth/revoke");
        let request = post(url.clone(), body, Effect::Changes("revoke a refresh token".into()));
        let response = self.http.send(&request).await?;
        if response.status.is_success() {
            Ok(())
        } else {
            Err(response.into_error(Api::Authentication, &url))
        }
    }

    async fn post_token(
        &self,
        body: Map<String, Value>,
        effect: Effect,
    ) -> Result<TokenResponse, Auth0Error> {
        let url = self.tenant.url("oauth/token");
        let response = self.http.send(&post(url.clone(), body, effect)).await?;
        if response.status.is_success() {
            response.json(&url)
        } else {
            Err(response.into_error(Api::Authentication, &url))
        }
    }
}

fn app_fields(app: &AppCredentials) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("client_id".into(), json!(app.client_id));
    if let Some(secret) = &app.client_secret {
        body.insert("client_secret".into(), json!(secret.expose_secret()));
    }
    body
}

fn post(url: url::Url, body: Map<String, Value>, effect: Effect) -> Request {
    Request {
        api: Api::Authentication,
        method: Method::POST,
        url,
        bearer: None,
        body: Some(Body::Json(Value::Object(body))),
        effect,
    }
}

#[cfg(test)]
mod tests {
    use super::TokenResponse;

    #[test]
    fn an_odd_expires_in_is_absent_and_the_token_still_reads() {
        for odd in ["18446744073709551616", "86400.0", "-1", "1e400", "\"3600\"", "null", "true", "[]"] {
            let body = format!("{{\"access_token\":\"a\",\"expires_in\":{odd}}}");
            let token: TokenResponse = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{odd}: {e}"));
            assert_eq!(token.expires_in, None, "{odd}");
        }
        let token: TokenResponse =
            serde_json::from_str("{\"access_token\":\"a\",\"expires_in\":86400}").unwrap();
        assert_eq!(token.expires_in, Some(86_400));
        let token: TokenResponse = serde_json::from_str("{\"access_token\":\"a\"}").unwrap();
        assert_eq!(token.expires_in, None);
    }
}
