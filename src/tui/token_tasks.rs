//! The Token pane's tasks: a held refresh token revoked, proven or refreshed; a user logged in
//! through the browser; `/userinfo` asked about the held access token. And the Logs pane's poll.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use tokio::sync::mpsc::UnboundedSender;

use crate::auth0::login::{DEFAULT_SCOPE, LOGIN_TIMEOUT, LoginRequest, PendingLogin, StandIn};
use crate::auth0::proof::{Proof, prove_dead};
use crate::auth0::{AppCredentials, Auth0Error, AuthenticationApi, ManagementClient, TokenResponse};
use crate::config::AppProfile;
use crate::revoke::Revoker;
use crate::secret::SecretText;

use super::action::{Action, ApiChoice, AppChoice, PastedTokenAction, PastedTokenOutcome, ReceivedTokens};

/// The application's credentials: a profile's (with its secret), or a typed client id.
pub fn credentials(apps: &BTreeMap<String, AppProfile>, app: &AppChoice) -> AppCredentials {
    match app.label.as_ref().and_then(|label| apps.get(label)) {
        Some(profile) => profile.credentials(),
        None => AppCredentials { client_id: app.client_id.clone(), client_secret: None },
    }
}

fn authentication(client: &ManagementClient) -> AuthenticationApi {
    AuthenticationApi::new(client.http().clone(), client.tenant().clone())
}

/// R or V on a held refresh token: revoke it (through the revoker, audited), then prove it dead;
/// or only probe it.
pub async fn revoke_or_prove(
    client: &ManagementClient,
    revoker: &Revoker,
    credentials: AppCredentials,
    action: PastedTokenAction,
    token: SecretText,
) -> Result<PastedTokenOutcome, Auth0Error> {
    let token = SecretString::from(token.into_inner());
    if action == PastedTokenAction::Revoke {
        let (verdict, still) = revoker.revoke_held(&credentials, &token, true).await;
        let refresh_token = match still {
            Some(Proof::StillAccepted { refresh_token, .. }) => Some(refresh_token.expose_secret().into()),
            _ => None,
        };
        return Ok(PastedTokenOutcome::Revoked { verdict, refresh_token });
    }
    Ok(match prove_dead(&authentication(client), &credentials, token, false, |_| {}).await? {
        Proof::Dead { description } => PastedTokenOutcome::Dead { description },
        Proof::StillAccepted { refresh_token, .. } => {
            PastedTokenOutcome::StillAccepted { refresh_token: refresh_token.expose_secret().into() }
        }
    })
}

/// F: the held refresh token exchanged for new tokens.
pub async fn refresh(
    client: &ManagementClient,
    credentials: AppCredentials,
    token: SecretText,
) -> Result<ReceivedTokens, String> {
    let token = SecretString::from(token.into_inner());
    let tokens = authentication(client).refresh(&credentials, &token).await.map_err(|e| e.with_hint())?;
    Ok(received(tokens, None))
}

/// Who logs in, and for which API.
pub struct LoginFor {
    /// The user's email, prefilled on the login page.
    pub login_hint: Option<String>,
    /// The API the access token is for, its scopes asked for too; `None` for an opaque token.
    pub api: Option<ApiChoice>,
}

/// The tenant's APIs a user's login can ask for: all but Auth0's own Management API.
pub async fn apis(client: &ManagementClient) -> Result<Vec<ApiChoice>, crate::auth0::Auth0Error> {
    let servers = client.resource_servers().await?;
    Ok(servers
        .iter()
        .filter(|api| !api.is_system())
        .filter_map(|api| {
            let identifier = api.identifier()?.to_string();
            Some(ApiChoice {
                name: api.name().unwrap_or(&identifier).to_string(),
                scopes: api.scope_values().iter().map(|s| s.to_string()).collect(),
                identifier,
            })
        })
        .collect())
}

/// L: a login through the browser (or the demo's stand-in), told on the status bar as it goes.
pub async fn login(
    client: &ManagementClient,
    credentials: AppCredentials,
    callback_url: Option<String>,
    who: LoginFor,
    stand_in: Option<StandIn>,
    callback_port: u16,
    tx: &UnboundedSender<Action>,
) -> Result<ReceivedTokens, String> {
    let LoginFor { login_hint, api } = who;
    let mut scope = DEFAULT_SCOPE.to_string();
    for extra in api.iter().flat_map(|api| api.scopes.iter()) {
        scope.push(' ');
        scope.push_str(extra);
    }
    let request = LoginRequest {
        app: credentials,
        audience: api.map(|api| api.identifier),
        scope,
        connection: None,
        login_hint: login_hint.clone(),
        redirect_uri: callback_url
            .and_then(|url| url::Url::parse(&url).ok())
            .unwrap_or_else(|| LoginRequest::loopback_callback(callback_port)),
    };
    let pending = PendingLogin::start(client.tenant(), request).await.map_err(|e| e.to_string())?;
    let url = pending.authorize_url.to_string();
    let told = match (&stand_in, login_hint) {
        (Some(stand_in), Some(email)) => {
            let playing = stand_in(url.clone(), email.clone());
            let notices = tx.clone();
            tokio::spawn(async move {
                if let Err(problem) = playing.await {
                    let _ = notices.send(Action::Notice(format!("the demo's login stopped: {problem}")));
                }
            });
            format!(
                "--demo: tenantscope fills the simulated tenant's login form as {email}, in place of a person…"
            )
        }
        (Some(_), None) => return Err("select a user in Users (1) first: the demo logs them in".into()),
        (None, _) if crate::auth0::login::open_browser(&url) => {
            "log in in the browser that opened (5 minutes at most)…".to_string()
        }
        (None, _) => format!("open this URL in a browser to log in: {url}"),
    };
    let _ = tx.send(Action::Notice(told));
    let login = pending.finish(&authentication(client), LOGIN_TIMEOUT).await.map_err(|e| e.to_string())?;
    let note = login.refresh_token_missing.then(|| {
        "no refresh token although offline_access was asked: check the app's Refresh Token grant".to_string()
    });
    Ok(received(login.tokens, note))
}

/// U: what `/userinfo` says about the held access token.
pub async fn userinfo(client: &ManagementClient, token: SecretText) -> Result<serde_json::Value, Auth0Error> {
    authentication(client).userinfo(&SecretString::from(token.into_inner())).await
}

fn received(tokens: TokenResponse, note: Option<String>) -> ReceivedTokens {
    let text = |secret: &SecretString| SecretText::from(secret.expose_secret().to_string());
    ReceivedTokens {
        access: text(&tokens.access_token),
        id: tokens.id_token.as_ref().map(text),
        refresh: tokens.refresh_token.as_ref().map(text),
        scope: tokens.scope,
        note,
    }
}

/// The Logs pane's follow: the events after `checkpoint` (after the newest when there is none)
/// and the new checkpoint.
pub async fn poll_logs(
    client: &ManagementClient,
    checkpoint: Option<String>,
) -> Result<(Vec<crate::auth0::LogEvent>, String), Auth0Error> {
    let checkpoint = match checkpoint {
        Some(checkpoint) => checkpoint,
        None => crate::auth0::logs_follow::newest_log_id(client).await?,
    };
    crate::auth0::logs_follow::read_after(client, &checkpoint).await
}

/// The Logs pane's list: the newest events, the tenant's or one user's.
pub async fn load_logs(
    client: &ManagementClient,
    user_id: Option<&str>,
) -> Result<Vec<crate::auth0::LogEvent>, Auth0Error> {
    let page = crate::auth0::management::MAX_TAKE;
    match user_id {
        Some(user_id) => client.user_logs(user_id, 0, page).await,
        None => client.logs_page(None, 0, page).await,
    }
}
