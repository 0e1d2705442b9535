//! Blocking: `PATCH /api/v2/users/{id}` with `{"blocked": …}` (scope `update:users`), and
//! brute-force blocks at `/api/v2/user-blocks` (by `identifier`) and `/api/v2/user-blocks/{id}`.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::{Value, json};

use super::SimState;
use super::api_request::{authorize, params};
use super::log_book::Entry;
use super::reply::{self, Reply, invalid_query, management};

type Shared = State<Arc<SimState>>;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/user-blocks", get(blocks_by_identifier).delete(unblock_identifier))
        .route("/user-blocks/{id}", get(blocks_of_user).delete(unblock_user))
}

/// `PATCH /api/v2/users/{id}`: only `blocked` is simulated; the answer is the user.
pub async fn patch_user(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Reply {
    authorize(&state, &headers, &["update:users", "update:current_user_metadata"])?;
    let payload: Value = serde_json::from_slice(&body).map_err(|_| {
        management(StatusCode::BAD_REQUEST, "Payload validation error: 'Invalid JSON'.", Some("invalid_body"))
    })?;
    let Some(blocked) = payload.get("blocked").and_then(Value::as_bool) else {
        return Err(management(
            StatusCode::BAD_REQUEST,
            "Payload validation error: 'Expected type boolean' on property blocked.",
            Some("invalid_body"),
        ));
    };
    let now = state.clock.now_datetime();
    let mut tenant = state.tenant();
    let mut answer = None;
    let found = tenant.users.update(&id, |user| {
        if blocked {
            user.insert("blocked".into(), json!(true));
        } else {
            user.remove("blocked");
        }
        answer = Some(Value::Object(user.clone()));
    });
    let (true, Some(answer)) = (found, answer) else {
        return Err(management(StatusCode::NOT_FOUND, "The user does not exist.", Some("inexistent_user")));
    };
    let entry = Entry { description: "Update a User", user_id: Some(&id), ..Entry::default() };
    tenant.logs.write(now, "sapi", entry);
    reply::ok(answer)
}

fn blocked_for(state: &SimState, matches: impl Fn(&(String, String, String)) -> bool) -> Value {
    let tenant = state.tenant();
    let blocks: Vec<Value> = tenant
        .brute_force_blocks
        .iter()
        .filter(|b| matches(b))
        .map(|(_, identifier, ip)| json!({ "identifier": identifier, "ip": ip, "connection": "Username-Password-Authentication" }))
        .collect();
    json!({ "blocked_for": blocks })
}

fn identifier(query: Option<String>) -> Result<String, reply::Reject> {
    params(query)
        .get("identifier")
        .cloned()
        .ok_or_else(|| invalid_query("identifier", "Missing required property: identifier"))
}

async fn blocks_by_identifier(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:users"])?;
    let identifier = identifier(query)?;
    reply::ok(blocked_for(&state, |b| b.1 == identifier))
}

async fn blocks_of_user(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["read:users"])?;
    if state.tenant().user(&id).is_none() {
        return Err(management(StatusCode::NOT_FOUND, "The user does not exist.", Some("inexistent_user")));
    }
    reply::ok(blocked_for(&state, |b| b.0 == id))
}

async fn unblock_identifier(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["update:users"])?;
    let identifier = identifier(query)?;
    state.tenant().brute_force_blocks.retain(|b| b.1 != identifier);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn unblock_user(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["update:users"])?;
    let mut tenant = state.tenant();
    if tenant.user(&id).is_none() {
        return Err(management(StatusCode::NOT_FOUND, "The user does not exist.", Some("inexistent_user")));
    }
    tenant.brute_force_blocks.retain(|b| b.0 != id);
    Ok(StatusCode::NO_CONTENT.into_response())
}
