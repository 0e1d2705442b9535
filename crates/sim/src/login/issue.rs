//! The tokens a login's code is exchanged for, and what the login leaves in the tenant: a
//! session, a grant, and (with `offline_access`, for an API that allows it) a refresh token with
//! the device credential that stands for it — so revoking any of them ends this login's tokens.

use serde_json::{Value, json};

use crate::SimState;
use crate::login_records::AuthCode;
use crate::oauth_fields::copy_profile_claims;
use crate::seed;
use crate::state::{App, Object, RefreshToken, Tenant};

const OIDC_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access"];

/// What `/oauth/token` answers for a code; `Err` in Auth0's words when the user is gone.
pub fn issue_tokens(state: &SimState, app: &App, code: &AuthCode) -> Result<Value, String> {
    let request = &code.request;
    let now = state.clock.now();
    let lifetime = state.token_lifetime();
    let mut tenant = state.tenant();
    let user = tenant.user(&code.user_id).ok_or("The user of this code doesn't exist anymore.")?;
    let api_scopes = request.audience.as_deref().and_then(seed::api_scopes).unwrap_or_default();
    let scopes: Vec<String> = request
        .scopes
        .iter()
        .filter(|s| OIDC_SCOPES.contains(&s.as_str()) || api_scopes.contains(&s.as_str()))
        .cloned()
        .collect();
    let scope = scopes.join(" ");
    let userinfo = format!("{}/userinfo", state.base);
    let grant_audience = request.audience.clone().unwrap_or_else(|| userinfo.clone());
    let session_id = new_session(state, &mut tenant, &code.user_id, &app.client_id, now);
    merge_grant(state, &mut tenant, &code.user_id, &app.client_id, &grant_audience, &scopes);
    let access_token = match &request.audience {
        Some(audience) => state.keys.sign(&json!({
            "iss": state.issuer(), "sub": code.user_id, "aud": [audience, userinfo],
            "iat": now, "exp": now + lifetime, "scope": scope, "azp": app.client_id,
        })),
        None => {
            let token = state.random_text(32);
            tenant.logins.opaque_access_tokens.insert(token.clone(), (code.user_id.clone(), now + lifetime));
            token
        }
    };
    let mut answer = json!({ "access_token": access_token, "scope": scope, "expires_in": lifetime, "token_type": "Bearer" });
    if scopes.iter().any(|s| s == "openid") {
        let mut claims = json!({
            "iss": state.issuer(), "sub": code.user_id, "aud": app.client_id, "iat": now,
            "exp": now + 36_000, "auth_time": now, "sid": session_id,
        });
        if let Some(nonce) = &request.nonce {
            claims["nonce"] = json!(nonce);
        }
        copy_profile_claims(&user, &mut claims);
        answer["id_token"] = json!(state.keys.sign(&claims));
    }
    let offline_allowed = !tenant.apis_without_offline_access.contains(&grant_audience);
    if scopes.iter().any(|s| s == "offline_access") && offline_allowed {
        let token = RefreshToken {
            id: format!("rt_{}", state.random_text(20)),
            session_id: Some(session_id),
            created_at: timestamp(now),
            user_id: code.user_id.clone(),
            client_id: app.client_id.clone(),
            audience: grant_audience,
            scopes,
            rotating: app.app_type != "regular_web",
            device_credential_id: None,
            family: String::new(),
            valid: true,
            spent: false,
        };
        answer["refresh_token"] = json!(new_refresh_token(state, &mut tenant, token, &app.name));
    }
    Ok(answer)
}

/// Records the refresh token and its device credential; returns the token's value.
fn new_refresh_token(
    state: &SimState,
    tenant: &mut Tenant,
    mut token: RefreshToken,
    app_name: &str,
) -> String {
    let credential_id = format!("dcr_{}", state.random_text(16));
    let kind = if token.rotating { "rotating_refresh_token" } else { "refresh_token" };
    let mut credential = Object::new();
    credential.insert("id".into(), json!(credential_id));
    credential.insert("device_name".into(), json!(format!("{app_name} (login)")));
    credential.insert("device_id".into(), json!(state.random_text(24)));
    credential.insert("type".into(), json!(kind));
    credential.insert("user_id".into(), json!(token.user_id));
    credential.insert("client_id".into(), json!(token.client_id));
    tenant.device_credentials.push(credential);
    token.device_credential_id = Some(credential_id.clone());
    token.family = credential_id;
    let value = state.new_refresh_token();
    tenant.refresh_tokens.insert(value.clone(), token);
    value
}

/// A new session for this login; returns its id (the ID token's `sid`).
fn new_session(state: &SimState, tenant: &mut Tenant, user_id: &str, client_id: &str, now: i64) -> String {
    let id = state.random_text(32);
    let at = timestamp(now);
    let device = json!({
        "initial_user_agent": "tenantscope login", "initial_ip": "127.0.0.1",
        "last_user_agent": "tenantscope login", "last_ip": "127.0.0.1",
    });
    let session = json!({
        "id": id, "user_id": user_id, "created_at": at, "updated_at": at, "authenticated_at": at,
        "last_interacted_at": at, "expires_at": timestamp(now + 30 * 86_400),
        "idle_expires_at": timestamp(now + 3 * 86_400), "device": device,
        "clients": [{ "client_id": client_id }],
        "authentication": { "methods": [{ "name": "pwd", "timestamp": at }] },
    });
    if let Value::Object(session) = session {
        tenant.sessions.push(session);
    }
    id
}

/// The user's grant for this app and audience, created or widened to `scopes`.
fn merge_grant(
    state: &SimState,
    tenant: &mut Tenant,
    user_id: &str,
    client_id: &str,
    audience: &str,
    scopes: &[String],
) {
    let existing = tenant.grants.iter_mut().find(|g| {
        g.get("user_id").and_then(Value::as_str) == Some(user_id)
            && g.get("clientID").and_then(Value::as_str) == Some(client_id)
            && g.get("audience").and_then(Value::as_str) == Some(audience)
    });
    if let Some(grant) = existing {
        let mut merged: Vec<String> = grant
            .get("scope")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        merged.extend(scopes.iter().filter(|s| !merged.contains(s)).cloned().collect::<Vec<_>>());
        grant.insert("scope".into(), json!(merged));
        return;
    }
    let mut grant = Object::new();
    grant.insert("id".into(), json!(state.random_text(24).to_ascii_lowercase()));
    grant.insert("clientID".into(), json!(client_id));
    grant.insert("user_id".into(), json!(user_id));
    grant.insert("audience".into(), json!(audience));
    grant.insert("scope".into(), json!(scopes));
    tenant.grants.push(grant);
}

/// Seconds since the epoch as Auth0 writes times.
fn timestamp(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}
