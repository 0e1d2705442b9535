//! `/api/v2/users/{id}/sessions`, `/api/v2/users/{id}/refresh-tokens`, `/api/v2/sessions/{id}` and
//! `/api/v2/refresh-tokens/{id}`: checkpoint paging (`from`, `take`, `next`), deletes answered 202
//! and applied after the propagation delay. Tenants without the feature answer 403.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::json;

use super::SimState;
use super::api_request::{authorize, int_param, params};
use super::reply::{self, Reject, Reply, management};
use super::state::{Object, Pending};

type Shared = State<Arc<SimState>>;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/users/{id}/sessions", get(list_sessions).delete(delete_user_sessions))
        .route("/users/{id}/refresh-tokens", get(list_refresh_tokens).delete(delete_user_refresh_tokens))
        .route("/sessions/{id}", get(get_session).delete(delete_session))
        .route("/refresh-tokens/{id}", get(get_refresh_token).delete(delete_refresh_token))
}

/// Tenants on plans without these endpoints answer 403.
fn require_feature(state: &SimState) -> Result<(), Reject> {
    if state.options.enterprise {
        Ok(())
    } else {
        Err(management(
            StatusCode::FORBIDDEN,
            "This feature is not enabled for this tenant.",
            Some("feature_not_enabled"),
        ))
    }
}

/// One checkpoint page: `from` is the opaque cursor of the previous answer's `next`.
fn page(items: Vec<Object>, query: Option<String>, key: &str) -> Reply {
    let params = params(query);
    let take = int_param(&params, "take", 1, 100)?.unwrap_or(50) as usize;
    let start = match params.get("from") {
        Some(cursor) => {
            cursor.parse::<usize>().map_err(|_| super::reply::invalid_query("from", "Invalid checkpoint"))?
        }
        None => 0,
    };
    let end = (start + take).min(items.len());
    let mut body = json!({ key: items.get(start.min(items.len())..end).unwrap_or_default() });
    if end < items.len() {
        body["next"] = json!(end.to_string());
    }
    reply::ok(body)
}

/// `items(tenant)` for an existing user; Auth0's 404 for an unknown one.
fn of_user(
    state: &SimState,
    id: &str,
    items: impl FnOnce(&super::state::Tenant) -> Vec<Object>,
) -> Result<Vec<Object>, Reject> {
    let tenant = state.tenant();
    if tenant.user(id).is_none() {
        return Err(management(StatusCode::NOT_FOUND, "The user does not exist.", Some("inexistent_user")));
    }
    Ok(items(&tenant))
}

fn accepted() -> Reply {
    Ok(StatusCode::ACCEPTED.into_response())
}

async fn list_sessions(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:sessions"])?;
    require_feature(&state)?;
    let sessions = of_user(&state, &id, |t| {
        t.sessions
            .iter()
            .filter(|s| s.get("user_id").and_then(serde_json::Value::as_str) == Some(id.as_str()))
            .cloned()
            .collect()
    })?;
    page(sessions, q, "sessions")
}

async fn list_refresh_tokens(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:refresh_tokens"])?;
    require_feature(&state)?;
    let tokens = of_user(&state, &id, |t| t.refresh_tokens_of(&id))?;
    page(tokens, q, "tokens")
}

/// `GET /api/v2/sessions/{id}`: the session, or 404 once it is gone (or never was).
async fn get_session(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["read:sessions"])?;
    require_feature(&state)?;
    let found = state
        .tenant()
        .sessions
        .iter()
        .find(|s| s.get("id").and_then(serde_json::Value::as_str) == Some(id.as_str()))
        .cloned();
    match found {
        Some(session) => reply::ok(serde_json::Value::Object(session)),
        None => {
            Err(management(StatusCode::NOT_FOUND, "The session does not exist.", Some("inexistent_session")))
        }
    }
}

/// `GET /api/v2/refresh-tokens/{id}`: the token, or 404 once it is gone (or never was).
async fn get_refresh_token(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["read:refresh_tokens"])?;
    require_feature(&state)?;
    let found = state.tenant().refresh_token_by_id(&id);
    match found {
        Some(token) => reply::ok(serde_json::Value::Object(token)),
        None => Err(management(
            StatusCode::NOT_FOUND,
            "The refresh token does not exist.",
            Some("inexistent_refresh_token"),
        )),
    }
}

async fn delete_session(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["delete:sessions"])?;
    require_feature(&state)?;
    state.schedule(Pending::DeleteSession(id));
    accepted()
}

async fn delete_user_sessions(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["delete:sessions"])?;
    require_feature(&state)?;
    state.schedule(Pending::DeleteUserSessions(id));
    accepted()
}

async fn delete_refresh_token(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["delete:refresh_tokens"])?;
    require_feature(&state)?;
    state.schedule(Pending::DeleteRefreshToken(id));
    accepted()
}

async fn delete_user_refresh_tokens(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Reply {
    authorize(&state, &headers, &["delete:refresh_tokens"])?;
    require_feature(&state)?;
    state.schedule(Pending::DeleteUserRefreshTokens(id));
    accepted()
}
