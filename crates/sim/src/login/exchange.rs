//! `POST /oauth/token` with `grant_type=authorization_code`: the code checked against what it was
//! issued for (client, redirect_uri, PKCE challenge, lifetime, single use), then the tokens.

use std::collections::HashMap;

use axum::http::StatusCode;

use super::issue::issue_tokens;
use crate::SimState;
use crate::log_book::Entry;
use crate::login_records::CODE_LIFETIME_MS;
use crate::oauth_fields::{authenticate_client, required};
use crate::reply::{self, Reject, Reply, authentication, authentication_with_uri};
use crate::state::App;

pub fn exchange_code(state: &SimState, fields: &HashMap<String, String>) -> Reply {
    let app = authenticate_client(state, fields)?;
    let answer = exchange(state, &app, fields);
    let (kind, description) = match &answer {
        Ok(_) => ("seacft", "Authorization Code for Access Token"),
        Err(_) => ("feacft", "Failed exchange of Authorization Code for Access Token"),
    };
    let entry = Entry {
        description,
        client_id: Some(&app.client_id),
        client_name: Some(&app.name),
        ..Entry::default()
    };
    state.log(kind, entry);
    answer
}

fn exchange(state: &SimState, app: &App, fields: &HashMap<String, String>) -> Reply {
    if !app.grant_types.iter().any(|g| g == "authorization_code") {
        return Err(authentication_with_uri(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            "Grant type 'authorization_code' not allowed for the client.",
            "https://auth0.com/docs/clients/client-grant-types",
        ));
    }
    let code = required(fields, "code")?;
    let invalid = |description: &str| authentication(StatusCode::FORBIDDEN, "invalid_grant", description);
    let now = state.clock.now_millis();
    let record = {
        let mut tenant = state.tenant();
        let record =
            tenant.logins.codes.get_mut(code).ok_or_else(|| invalid("Invalid authorization code"))?;
        let expired = now.saturating_sub(record.issued_at_ms) > CODE_LIFETIME_MS;
        if record.used || expired || record.request.client_id != app.client_id {
            return Err(invalid("Invalid authorization code"));
        }
        record.used = true;
        record.clone()
    };
    if fields.get("redirect_uri") != Some(&record.request.redirect_uri) {
        return Err(invalid("The redirect_uri does not match the one the code was issued for."));
    }
    if let Some(challenge) = &record.request.code_challenge {
        let verifier = required(fields, "code_verifier")?;
        if s256(verifier) != *challenge {
            return Err(invalid("Failed to verify code verifier"));
        }
    }
    reply::ok(issue_tokens(state, app, &record).map_err(|description| -> Reject { invalid(&description) })?)
}

/// RFC 7636's S256: the challenge a verifier must hash to, `BASE64URL(SHA-256(verifier))`. The
/// tenant's own, computed as Auth0 computes it, apart from the client's.
fn s256(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}
