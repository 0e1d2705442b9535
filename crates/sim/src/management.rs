//! `/api/v2/…`: users, grants, device credentials and clients, with Auth0's authentication,
//! per-endpoint scopes, query validation, paging limits and rate-limit headers.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde_json::{Value, json};

use super::api_request::{authorize, filter_eq, paging, params, project};
use super::reply::{self, Reply, invalid_query, management};
use super::search;
use super::state::Object;
use super::{SimState, lock};

type Shared = State<Arc<SimState>>;

/// The routes, without the rate limit (the caller layers it over every `/api/v2` route).
pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/users", get(list_users))
        .route("/users/{id}", get(get_user).patch(super::blocks::patch_user))
        .route("/users-by-email", get(users_by_email))
        .route("/grants", get(list_grants).delete(delete_user_grants))
        .route("/grants/{id}", delete(delete_grant))
        .route("/device-credentials", get(list_device_credentials))
        .route("/device-credentials/{id}", delete(delete_device_credential))
        .route("/clients", get(list_clients))
        .route("/clients/{id}", get(get_client))
}

/// Every Management response carries the bucket's state; an empty bucket answers 429.
pub(super) async fn rate_limit(State(state): Shared, request: Request, next: Next) -> Response {
    let limit = lock(&state.limiter).take();
    let deleting = (request.method() == axum::http::Method::DELETE).then(|| request.uri().path().to_string());
    let mut response = if limit.allowed {
        let response = next.run(request).await;
        if let Some(path) = deleting.filter(|_| response.status().is_success()) {
            log_deletion(&state, &path);
        }
        response
    } else {
        let mut r = management(
            StatusCode::TOO_MANY_REQUESTS,
            "Global limit has been reached",
            Some("too_many_requests"),
        )
        .into_response();
        if state.options.retry_after {
            let epoch = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs();
            let wait = limit.reset.saturating_sub(epoch).max(1);
            r.headers_mut().insert("retry-after", HeaderValue::from(wait));
        }
        r
    };
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit.limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(limit.remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(limit.reset));
    response
}

/// A Management API delete, in the log as Auth0 writes it (`sapi`, with the request).
fn log_deletion(state: &SimState, path: &str) {
    let what = path.trim_start_matches("/api/v2/").split('/').next().unwrap_or_default();
    let description = match what {
        "grants" => "Delete a grant",
        "device-credentials" => "Delete a device credential",
        "sessions" => "Delete a session",
        "refresh-tokens" => "Delete a refresh token",
        "user-blocks" => "Unblock a user",
        _ => "Delete from the Management API",
    };
    let details = json!({ "request": { "method": "delete", "path": path } });
    state.log("sapi", super::log_book::Entry { description, details: Some(details), ..Default::default() });
}

// ---- users ----

const SEARCH_CAP: u64 = 1000;

async fn list_users(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:users", "read:user_idp_tokens"])?;
    let params = params(query);
    let paging = paging(&params, 0, 50)?;
    if let Some(sort) = params.get("sort")
        && !valid_sort(sort)
    {
        return Err(invalid_query("sort", &format!("String does not match pattern: {sort}")));
    }
    if paging.page.is_some() && (paging.start() + paging.per_page) > SEARCH_CAP {
        return Err(management(
            StatusCode::BAD_REQUEST,
            "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation.",
            Some("invalid_paging"),
        ));
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
    // Without a query, a connection or a sort, a page is a slice: no user is parsed but the page's,
    // so the first page of a million users costs what it does of a hundred.
    let (total, page) = {
        let tenant = state.tenant();
        let connection = params.get("connection");
        let sort = params.get("sort").and_then(|s| s.rsplit_once(':'));
        let start = paging.start() as usize;
        if query.is_none() && connection.is_none() && sort.is_none() {
            (tenant.users.len(), tenant.users.range(start, paging.per_page as usize))
        } else {
            let mut matched: Vec<Object> = tenant
                .users
                .iter()
                .filter(|u| query.as_ref().is_none_or(|q| q.matches(u)))
                .filter(|u| connection.is_none_or(|c| search::lookup(u, "identities.connection").contains(c)))
                .collect();
            if let Some((field, direction)) = sort {
                matched
                    .sort_by_cached_key(|u| search::lookup(u, field).into_iter().next().unwrap_or_default());
                if direction == "-1" {
                    matched.reverse();
                }
            }
            let total = matched.len();
            let page: Vec<Object> = matched.into_iter().skip(start).take(paging.per_page as usize).collect();
            (total, page)
        }
    };
    paging.answer(project(page, &params)?, total, "users", true)
}

fn valid_sort(sort: &str) -> bool {
    sort.rsplit_once(':').is_some_and(|(field, dir)| {
        !field.is_empty()
            && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && (dir == "1" || dir == "-1")
    })
}

async fn get_user(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:users", "read:current_user", "read:user_idp_tokens"])?;
    let user = state.tenant().user(&id);
    let Some(user) = user else {
        return Err(management(StatusCode::NOT_FOUND, "The user does not exist.", Some("inexistent_user")));
    };
    let mut projected = project(vec![user], &params(query))?;
    reply::ok(Value::Object(projected.remove(0)))
}

async fn users_by_email(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:users"])?;
    let params = params(query);
    let Some(email) = params.get("email") else {
        return Err(invalid_query("email", "Missing required property: email"));
    };
    let users: Vec<Object> = state.tenant().users.with_email(email);
    reply::ok(json!(project(users, &params)?))
}

// ---- grants ----

async fn list_grants(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:grants"])?;
    let params = params(query);
    let paging = paging(&params, 1, 50)?;
    let grants = filter_eq(
        &state.tenant().grants,
        &params,
        &[("user_id", "user_id"), ("client_id", "clientID"), ("audience", "audience")],
    );
    let page = if paging.page.is_some() { paging.slice(&grants).to_vec() } else { grants.clone() };
    paging.answer(page, grants.len(), "grants", false)
}

async fn delete_grant(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["delete:grants"])?;
    // Auth0 documents no 404 here: deleting an unknown grant is a 204 too.
    state.tenant().delete_grant(&id);
    reply::no_content()
}

async fn delete_user_grants(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["delete:grants"])?;
    let params = params(query);
    let Some(user_id) = params.get("user_id") else {
        return Err(invalid_query("user_id", "Missing required property: user_id"));
    };
    state.tenant().delete_user_grants(user_id);
    reply::no_content()
}

// ---- device credentials ----

const DEVICE_TYPES: &[&str] = &["public_key", "refresh_token", "rotating_refresh_token"];
const DEVICE_FIELDS: &[&str] = &["device_name", "id", "device_id", "type", "user_id", "client_id"];

async fn list_device_credentials(
    State(state): Shared,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:device_credentials"])?;
    let params = params(query);
    let paging = paging(&params, 1, 50)?;
    if let Some(kind) = params.get("type")
        && !DEVICE_TYPES.contains(&kind.as_str())
    {
        return Err(invalid_query("type", &format!("No enum match for: {kind}")));
    }
    if let Some(fields) = params.get("fields")
        && !fields.split(',').all(|f| DEVICE_FIELDS.contains(&f))
    {
        return Err(invalid_query("fields", &format!("String does not match pattern: {fields}")));
    }
    let credentials = filter_eq(
        &state.tenant().device_credentials,
        &params,
        &[("user_id", "user_id"), ("client_id", "client_id"), ("type", "type")],
    );
    let page = if paging.page.is_some() { paging.slice(&credentials).to_vec() } else { credentials.clone() };
    paging.answer(project(page, &params)?, credentials.len(), "device_credentials", false)
}

async fn delete_device_credential(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["delete:device_credentials", "delete:current_user_device_credentials"])?;
    state.tenant().delete_device_credential(&id);
    reply::no_content()
}

// ---- clients ----

/// An application as the Management API shows it (without its secret).
fn client_json(app: &super::state::App) -> Value {
    json!({
        "client_id": app.client_id,
        "name": app.name,
        "app_type": app.app_type,
        "is_first_party": true,
        "grant_types": app.grant_types,
        "callbacks": app.callbacks,
        "token_endpoint_auth_method": if app.client_secret.is_some() { "client_secret_post" } else { "none" },
    })
}

async fn get_client(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Reply {
    authorize(&state, &headers, &["read:clients", "read:client_keys", "read:client_summary"])?;
    let Some(client) = state.tenant().app(&id).map(client_json) else {
        return Err(management(StatusCode::NOT_FOUND, "Client not found", Some("inexistent_client")));
    };
    let Value::Object(client) = client else { return reply::ok(client) };
    let mut projected = project(vec![client], &params(query))?;
    reply::ok(Value::Object(projected.remove(0)))
}

async fn list_clients(State(state): Shared, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(
        &state,
        &headers,
        &["read:clients", "read:client_keys", "read:client_credentials", "read:client_summary"],
    )?;
    let params = params(query);
    let paging = paging(&params, 0, 50)?;
    let clients: Vec<Object> =
        state.tenant().apps.iter().filter_map(|app| client_json(app).as_object().cloned()).collect();
    let page = if paging.page.is_some() { paging.slice(&clients).to_vec() } else { clients.clone() };
    paging.answer(project(page, &params)?, clients.len(), "clients", true)
}
