//! What the Authentication API's endpoints share: reading a body (JSON or form), required
//! parameters, authenticating the calling application, and the profile claims of a user.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::SimState;
use super::reply::{Reject, authentication};
use super::state::{App, Object};

/// Auth0 takes the body as JSON or as a form.
pub fn body_fields(headers: &HeaderMap, body: &Bytes) -> Result<HashMap<String, String>, Reject> {
    let is_json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !is_json {
        return Ok(url::form_urlencoded::parse(body).into_owned().collect());
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| authentication(StatusCode::BAD_REQUEST, "invalid_request", "Invalid JSON body."))?;
    let Value::Object(map) = value else {
        return Err(authentication(StatusCode::BAD_REQUEST, "invalid_request", "Invalid JSON body."));
    };
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k, s)),
            Value::Null => None,
            other => Some((k, other.to_string())),
        })
        .collect())
}

pub fn required<'a>(fields: &'a HashMap<String, String>, name: &str) -> Result<&'a str, Reject> {
    fields.get(name).map(String::as_str).filter(|v| !v.is_empty()).ok_or_else(|| {
        authentication(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            &format!("Missing required parameter: {name}"),
        )
    })
}

/// The calling application, its secret checked when it has one.
pub fn authenticate_client(state: &SimState, fields: &HashMap<String, String>) -> Result<App, Reject> {
    let client_id = required(fields, "client_id")?;
    let denied = || authentication(StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized");
    let app = state.tenant().app(client_id).cloned().ok_or_else(denied)?;
    if let Some(secret) = &app.client_secret
        && fields.get("client_secret") != Some(secret)
    {
        return Err(denied());
    }
    Ok(app)
}

/// The standard profile claims an ID token and `/userinfo` carry, from the user's profile.
pub fn copy_profile_claims(user: &Object, claims: &mut Value) {
    for claim in ["name", "nickname", "picture", "email", "email_verified", "updated_at"] {
        if let Some(value) = user.get(claim) {
            claims[claim] = value.clone();
        }
    }
}
