//! The Authentication API: `/oauth/token` (client credentials; refresh tokens with rotation and
//! reuse detection; codes, in `login/`),
//! `/oauth/revoke`, `/userinfo`, and the `/.well-known` documents.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use super::SimState;
use super::log_book::Entry;
use super::oauth_fields::{authenticate_client, body_fields, copy_profile_claims, required};
use super::reply::{self, Reject, Reply, authentication};

type Shared = State<Arc<SimState>>;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/oauth/token", post(token))
        .route("/oauth/revoke", post(revoke))
        .route("/userinfo", get(userinfo))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/.well-known/openid-configuration", get(openid_configuration))
}

async fn token(State(state): Shared, headers: HeaderMap, body: Bytes) -> Reply {
    let fields = body_fields(&headers, &body)?;
    match required(&fields, "grant_type")? {
        "client_credentials" => client_credentials(&state, &fields),
        "refresh_token" => refresh_token(&state, &fields),
        "authorization_code" => super::login::exchange_code(&state, &fields),
        other => Err(authentication(
            StatusCode::FORBIDDEN,
            "unsupported_grant_type",
            &format!("Unsupported grant type: {other}"),
        )),
    }
}

fn client_credentials(state: &SimState, fields: &HashMap<String, String>) -> Reply {
    let app = authenticate_client(state, fields)?;
    if !app.grant_types.iter().any(|g| g == "client_credentials") {
        return Err(authentication(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            "Grant type 'client_credentials' not allowed for the client.",
        ));
    }
    let Some(audience) = fields.get("audience") else {
        return Err(authentication(
            StatusCode::FORBIDDEN,
            "access_denied",
            "No audience parameter was provided, and no default audience has been configured",
        ));
    };
    let granted = {
        let tenant = state.tenant();
        if !tenant.apis.contains(audience) {
            return Err(authentication(
                StatusCode::FORBIDDEN,
                "access_denied",
                &format!("Service not found: {audience}"),
            ));
        }
        tenant
            .client_grants
            .iter()
            .find(|g| g.client_id == app.client_id && &g.audience == audience)
            .map(|g| g.scopes.clone())
    };
    let Some(mut scopes) = granted else {
        return Err(authentication(
            StatusCode::FORBIDDEN,
            "access_denied",
            &format!(
                "Client is not authorized to access \"{audience}\". You might probably want to create a \"client-grant\" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants"
            ),
        ));
    };
    if let Some(asked) = fields.get("scope") {
        let asked: Vec<&str> = asked.split(' ').collect();
        scopes.retain(|s| asked.contains(&s.as_str()));
    }
    let now = state.clock.now();
    let lifetime = state.token_lifetime();
    let scope = scopes.join(" ");
    let access_token = state.keys.sign(&json!({
        "iss": state.issuer(),
        "sub": format!("{}@clients", app.client_id),
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
        "scope": scope,
        "gty": "client-credentials",
        "azp": app.client_id,
    }));
    reply::ok(
        json!({ "access_token": access_token, "scope": scope, "expires_in": lifetime, "token_type": "Bearer" }),
    )
}

fn refresh_token(state: &SimState, fields: &HashMap<String, String>) -> Reply {
    let app = authenticate_client(state, fields)?;
    let token = required(fields, "refresh_token")?;
    let exchanged =
        state.tenant().exchange_refresh_token(token, &app.client_id, || state.new_refresh_token());
    let Some((record, rotated)) = exchanged else {
        return Err(refresh_refused(state, &app));
    };
    let entry = Entry {
        description: "Successful Refresh Token exchange",
        user_id: Some(&record.user_id),
        client_id: Some(&app.client_id),
        client_name: Some(&app.name),
        ..Entry::default()
    };
    state.log("sertft", entry);
    let invalid = |description: &str| authentication(StatusCode::FORBIDDEN, "invalid_grant", description);
    let Some(user) = state.tenant().user(&record.user_id) else {
        return Err(invalid("The refresh_token was generated for a user who doesn't exist anymore."));
    };
    if user.get("blocked") == Some(&serde_json::Value::Bool(true)) {
        return Err(invalid("user is blocked"));
    }
    let now = state.clock.now();
    let lifetime = state.token_lifetime();
    let scope = record.scopes.join(" ");
    let userinfo = format!("{}/userinfo", state.base);
    // A login without an API gets opaque access tokens, good for /userinfo only.
    let access_token = if record.audience == userinfo {
        let token = state.random_text(32);
        let entry = (record.user_id.clone(), now + lifetime);
        state.tenant().logins.opaque_access_tokens.insert(token.clone(), entry);
        token
    } else {
        state.keys.sign(&json!({
            "iss": state.issuer(),
            "sub": record.user_id,
            "aud": [record.audience, userinfo],
            "iat": now,
            "exp": now + lifetime,
            "scope": scope,
            "azp": app.client_id,
        }))
    };
    let mut id_claims = json!({
        "iss": state.issuer(),
        "sub": record.user_id,
        "aud": app.client_id,
        "iat": now,
        "exp": now + 36_000,
    });
    // The session the token was issued in, as a refreshed ID token names it.
    if let Some(session_id) = &record.session_id {
        id_claims["sid"] = json!(session_id);
    }
    copy_profile_claims(&user, &mut id_claims);
    let mut answer = json!({
        "access_token": access_token,
        "id_token": state.keys.sign(&id_claims),
        "scope": scope,
        "expires_in": lifetime,
        "token_type": "Bearer",
    });
    if let Some(next) = rotated {
        answer["refresh_token"] = json!(next);
    }
    reply::ok(answer)
}

/// A refresh with a token that is unknown, revoked or spent: logged as `fertft`, answered as
/// Auth0 does.
fn refresh_refused(state: &SimState, app: &super::state::App) -> Reject {
    let entry = Entry {
        description: "Unknown or invalid refresh token.",
        client_id: Some(&app.client_id),
        client_name: Some(&app.name),
        details: Some(json!({ "failure_reason": "invalid_token" })),
        ..Entry::default()
    };
    state.log("fertft", entry);
    authentication(StatusCode::FORBIDDEN, "invalid_grant", "Unknown or invalid refresh token.")
}

async fn revoke(State(state): Shared, headers: HeaderMap, body: Bytes) -> Reply {
    let fields = body_fields(&headers, &body)?;
    let app = authenticate_client(&state, &fields)?;
    let token = required(&fields, "token")?;
    // Another application's token, or an unknown one, is answered 200 and left alone (RFC 7009).
    {
        let mut tenant = state.tenant();
        if tenant.refresh_tokens.get(token).is_some_and(|t| t.client_id == app.client_id) {
            tenant.schedule(super::state::Pending::RevokeToken(token.to_string()), state.clock.now_millis());
        }
    }
    let entry = Entry {
        description: "Refresh token revoked",
        client_id: Some(&app.client_id),
        client_name: Some(&app.name),
        ..Entry::default()
    };
    state.log("srrt", entry);
    Ok(StatusCode::OK.into_response())
}

#[derive(Deserialize)]
struct UserClaims {
    sub: String,
    exp: i64,
}

async fn userinfo(State(state): Shared, headers: HeaderMap) -> Reply {
    // Auth0 answers a plain-text body and gives the reason in WWW-Authenticate.
    let rejected = |reason: &str| {
        let challenge =
            format!("Bearer realm=\"Users\", error=\"invalid_token\", error_description=\"{reason}\"");
        Reject::new((
            StatusCode::UNAUTHORIZED,
            [(axum::http::header::WWW_AUTHENTICATE, challenge)],
            "Unauthorized",
        ))
    };
    let unauthorized = || rejected("Invalid token");
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or_else(unauthorized)?;
    let opaque = state.tenant().logins.opaque_access_tokens.get(token).cloned();
    let claims = match opaque {
        Some((sub, exp)) => UserClaims { sub, exp },
        None => state
            .keys
            .verify(token, &state.issuer(), &format!("{}/userinfo", state.base))
            .ok_or_else(unauthorized)?,
    };
    if claims.exp <= state.clock.now() {
        return Err(rejected("The token has expired"));
    }
    let user = state.tenant().user(&claims.sub).ok_or_else(unauthorized)?;
    let mut info = json!({ "sub": claims.sub });
    copy_profile_claims(&user, &mut info);
    reply::ok(info)
}

async fn jwks(State(state): Shared) -> Reply {
    reply::ok(serde_json::to_value(state.keys.jwks()).unwrap_or_default())
}

async fn openid_configuration(State(state): Shared) -> Reply {
    let base = &state.base;
    reply::ok(json!({
        "issuer": state.issuer(),
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/oauth/token"),
        "device_authorization_endpoint": format!("{base}/oauth/device/code"),
        "userinfo_endpoint": format!("{base}/userinfo"),
        "mfa_challenge_endpoint": format!("{base}/mfa/challenge"),
        "jwks_uri": format!("{base}/.well-known/jwks.json"),
        "registration_endpoint": format!("{base}/oidc/register"),
        "revocation_endpoint": format!("{base}/oauth/revoke"),
        "scopes_supported": ["openid", "profile", "offline_access", "name", "given_name", "family_name", "nickname", "email", "email_verified", "picture", "created_at", "identities", "phone", "address"],
        "response_types_supported": ["code", "token", "id_token", "code token", "code id_token", "token id_token", "code token id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["HS256", "RS256", "PS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        "claims_supported": ["aud", "auth_time", "created_at", "email", "email_verified", "exp", "family_name", "given_name", "iat", "identities", "iss", "name", "nickname", "phone_number", "picture", "sub"],
    }))
}
