//! `/api/v2/logs` and `/api/v2/users/{id}/logs`: search mode (`q`, `page`, `per_page`, `sort`,
//! `include_totals`, at most 1000 results), checkpoint mode (`from`, `take` ≤ 100, which ignores
//! everything else, `q` included, with a `Link: …; rel="next"`), and one event by id.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::{Value, json};

use super::SimState;
use super::api_request::{authorize, int_param, paging, params, project};
use super::log_book::{Event, field};
use super::reply::{self, Reply, management};
use super::search;

type Shared = State<Arc<SimState>>;

/// Auth0 pages through at most this many results of a log search.
const SEARCH_CAP: u64 = 1000;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/logs", get(list_logs))
        .route("/logs/{id}", get(get_log))
        .route("/users/{id}/logs", get(user_logs))
}

async fn list_logs(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:logs"])?;
    let params = params(query);
    if params.contains_key("from") || params.contains_key("take") {
        return checkpoint(&state, &params);
    }
    let query = match params.get("q").filter(|q| !q.trim().is_empty()) {
        Some(q) => Some(search::parse(q).map_err(|problem| {
            management(
                StatusCode::BAD_REQUEST,
                &format!("Bad Request: Invalid query: {problem}"),
                Some("invalid_query_string"),
            )
        })?),
        None => None,
    };
    let matched: Vec<Event> = {
        let tenant = state.tenant();
        tenant
            .logs
            .events
            .iter()
            .rev()
            .filter(|e| query.as_ref().is_none_or(|q| q.matches(e)))
            .cloned()
            .collect()
    };
    search_page(matched, &params, "logs")
}

/// Checkpoint paging: the events after `from`, oldest first; every other parameter is ignored.
fn checkpoint(state: &SimState, params: &HashMap<String, String>) -> Reply {
    let take = int_param(params, "take", 1, 100)?.unwrap_or(50) as usize;
    let events: Vec<Event> = {
        let tenant = state.tenant();
        match params.get("from") {
            Some(from) => tenant.logs.after(Some(from), take).to_vec(),
            // Without a checkpoint: the newest `take`, newest first.
            None => tenant.logs.events.iter().rev().take(take).cloned().collect(),
        }
    };
    let mut response = json!(events).to_string().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(last) = events.last().and_then(|e| field(e, "log_id")) {
        let next = format!("<{}/api/v2/logs?from={last}&take={take}>; rel=\"next\"", state.base);
        if let Ok(value) = HeaderValue::from_str(&next) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}

async fn get_log(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["read:logs"])?;
    match state.tenant().logs.get(&id).cloned() {
        Some(event) => reply::ok(Value::Object(event)),
        None => Err(management(StatusCode::NOT_FOUND, "Log not found.", Some("inexistent_log"))),
    }
}

async fn user_logs(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:logs_users", "read:logs"])?;
    let params = params(query);
    let matched: Vec<Event> = {
        let tenant = state.tenant();
        tenant
            .logs
            .events
            .iter()
            .rev()
            .filter(|e| field(e, "user_id") == Some(id.as_str()))
            .cloned()
            .collect()
    };
    search_page(matched, &params, "logs")
}

/// One page of `matched` (newest first unless `sort=date:1`), within the 1000-result limit.
fn search_page(mut matched: Vec<Event>, params: &HashMap<String, String>, key: &str) -> Reply {
    let paging = paging(params, 1, 50)?;
    if paging.start() + paging.per_page > SEARCH_CAP {
        return Err(management(
            StatusCode::BAD_REQUEST,
            "You can only page through the first 1000 records. See https://auth0.com/docs/logs#limitation.",
            Some("invalid_paging"),
        ));
    }
    if params.get("sort").map(String::as_str) == Some("date:1") {
        matched.reverse();
    }
    let total = matched.len();
    paging.answer(project(paging.slice(&matched).to_vec(), params)?, total, key, true)
}
