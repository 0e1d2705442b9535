//! Logging a user in with the authorization code flow and PKCE, as a native app does (RFC 8252,
//! RFC 7636): a loopback listener on the app's registered callback URL, Auth0's `/authorize` URL
//! for the browser, then the code exchanged at `/oauth/token`, with `state` and the ID token's
//! `nonce` checked against this login's.

mod callback;
mod errors;
mod pkce;

use std::time::Duration;

use secrecy::ExposeSecret;
use serde_json::Value;

pub use callback::{CallbackListener, CallbackQuery};
pub use errors::LoginError;
pub use pkce::{LoginSecrets, s256};

use super::authentication::{AppCredentials, AuthenticationApi, TokenResponse};
use super::tenant::Tenant;

/// The callback URL `login` listens on unless told otherwise; the app must list it exactly.
pub const DEFAULT_CALLBACK_PORT: u16 = 8484;

/// How long the listener waits for the browser to come back.
pub const LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The scopes asked for unless told otherwise: a profile, and a refresh token.
pub const DEFAULT_SCOPE: &str = "openid profile email offline_access";

/// Someone who logs in at the `/authorize` URL (the first string) as the email (the second) in
/// place of a person: the demo's stand-in for the browser. `Err` says where it stopped.
pub type StandIn = std::sync::Arc<
    dyn Fn(String, String) -> futures::future::BoxFuture<'static, Result<(), String>> + Send + Sync,
>;

/// Opens the system browser at `url`; `false` when none could be started.
pub fn open_browser(url: &str) -> bool {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// What to ask `/authorize` for.
#[derive(Clone)]
pub struct LoginRequest {
    pub app: AppCredentials,
    pub audience: Option<String>,
    pub scope: String,
    pub connection: Option<String>,
    pub login_hint: Option<String>,
    pub redirect_uri: url::Url,
}

impl LoginRequest {
    /// `http://127.0.0.1:PORT/callback`.
    pub fn loopback_callback(port: u16) -> url::Url {
        url::Url::parse(&format!("http://127.0.0.1:{port}/callback")).expect("a loopback URL parses")
    }

    fn asks_for(&self, scope: &str) -> bool {
        self.scope.split(' ').any(|s| s == scope)
    }
}

/// A login under way: the listener is bound, the URL is ready for the browser.
pub struct PendingLogin {
    pub authorize_url: url::Url,
    request: LoginRequest,
    secrets: LoginSecrets,
    listener: CallbackListener,
}

/// What a login got.
pub struct LoginTokens {
    pub tokens: TokenResponse,
    /// `offline_access` was asked for and no refresh token came: the API does not allow it.
    pub refresh_token_missing: bool,
}

impl PendingLogin {
    /// Binds the callback listener (before any browser opens) and builds the `/authorize` URL.
    pub async fn start(tenant: &Tenant, request: LoginRequest) -> Result<PendingLogin, LoginError> {
        let loopback = matches!(request.redirect_uri.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if request.redirect_uri.scheme() != "http" || !loopback {
            return Err(LoginError::NotLoopback(request.redirect_uri.to_string()));
        }
        let listener = CallbackListener::bind(&request.redirect_uri).await?;
        let secrets = LoginSecrets::new();
        let authorize_url = authorize_url(tenant, &request, &secrets);
        Ok(PendingLogin { authorize_url, request, secrets, listener })
    }

    /// Waits for the browser to come back, then exchanges the code for tokens.
    pub async fn finish(
        self,
        auth: &AuthenticationApi,
        timeout: Duration,
    ) -> Result<LoginTokens, LoginError> {
        let query = self.listener.wait(timeout, &self.secrets.state).await?;
        let field = |name: &str| query.get(name).map(String::as_str);
        if field("state") != Some(self.secrets.state.as_str()) {
            return Err(LoginError::StateMismatch);
        }
        if let Some(error) = field("error") {
            let description =
                super::error::held_back(field("error_description").unwrap_or_default().to_string());
            return Err(LoginError::Denied { error: error.to_string(), description });
        }
        let code = field("code").filter(|c| !c.is_empty()).ok_or(LoginError::NoCode)?;
        let tokens = auth
            .authorization_code(
                &self.request.app,
                code,
                self.secrets.verifier(),
                self.request.redirect_uri.as_str(),
            )
            .await
            .map_err(LoginError::Exchange)?;
        if self.request.asks_for("openid") {
            check_nonce(&tokens, &self.secrets.nonce)?;
        }
        let refresh_token_missing = self.request.asks_for("offline_access") && tokens.refresh_token.is_none();
        Ok(LoginTokens { tokens, refresh_token_missing })
    }
}

/// `{tenant}/authorize?response_type=code&…&code_challenge_method=S256`.
fn authorize_url(tenant: &Tenant, request: &LoginRequest, secrets: &LoginSecrets) -> url::Url {
    let mut url = tenant.url("authorize");
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", &request.app.client_id)
            .append_pair("redirect_uri", request.redirect_uri.as_str())
            .append_pair("scope", &request.scope)
            .append_pair("state", &secrets.state)
            .append_pair("nonce", &secrets.nonce)
            .append_pair("code_challenge", &secrets.challenge)
            .append_pair("code_challenge_method", "S256");
        for (name, value) in [
            ("audience", &request.audience),
            ("connection", &request.connection),
            ("login_hint", &request.login_hint),
        ] {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
    }
    url
}

/// The ID token must carry the nonce this login sent: anything else was not issued for it. The
/// token came straight from the tenant's token endpoint, so its claims are read here (the
/// middle part, base64url JSON) without the token inspector above this layer.
fn check_nonce(tokens: &TokenResponse, nonce: &str) -> Result<(), LoginError> {
    let Some(id_token) = &tokens.id_token else { return Ok(()) };
    let claims = id_token.expose_secret().split('.').nth(1).and_then(|part| {
        use base64::Engine;
        let bytes =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
        serde_json::from_slice::<Value>(&bytes).ok()
    });
    match claims.as_ref().and_then(|c| c.get("nonce")).and_then(Value::as_str) {
        Some(sent) if sent == nonce => Ok(()),
        _ => Err(LoginError::NonceMismatch),
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    use super::{LoginError, TokenResponse, check_nonce};

    fn with_id_token(id_token: Option<String>) -> TokenResponse {
        let mut body = serde_json::json!({"access_token": "a"});
        if let Some(id_token) = id_token {
            body["id_token"] = id_token.into();
        }
        serde_json::from_value(body).unwrap()
    }

    fn jwt(payload: &serde_json::Value) -> String {
        let part = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        format!("{}.{}.sig", part(br#"{"alg":"RS256"}"#), part(payload.to_string().as_bytes()))
    }

    #[test]
    fn only_an_id_token_with_this_logins_nonce_is_taken() {
        let ok = with_id_token(Some(jwt(&serde_json::json!({"nonce": "n-1", "sub": "auth0|1"}))));
        assert!(check_nonce(&ok, "n-1").is_ok());
        for refused in [
            with_id_token(Some(jwt(&serde_json::json!({"nonce": "n-2"})))),
            with_id_token(Some(jwt(&serde_json::json!({"sub": "auth0|1"})))),
            with_id_token(Some("not.a-jwt".into())),
            with_id_token(Some("garbage".into())),
        ] {
            assert!(matches!(check_nonce(&refused, "n-1"), Err(LoginError::NonceMismatch)));
        }
        assert!(check_nonce(&with_id_token(None), "n-1").is_ok(), "no ID token, nothing to check");
    }
}
