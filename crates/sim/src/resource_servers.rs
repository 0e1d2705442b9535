//! `GET /api/v2/resource-servers`: the tenant's APIs as Auth0 lists them (the contract's shape:
//! `id, name, identifier, token_lifetime, token_lifetime_for_web, scopes:[{value, description}],
//! enforce_policies, signing_alg`, and `is_system` for the Management API), offset-paged under the
//! key `resource_servers`; scope `read:resource_servers`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::get;
use serde_json::{Value, json};

use super::SimState;
use super::api_request::{authorize, paging, params, project};
use super::reply::Reply;
use super::seed;
use super::state::Object;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new().route("/resource-servers", get(list))
}

async fn list(State(state): State<Arc<SimState>>, headers: HeaderMap, RawQuery(query): RawQuery) -> Reply {
    authorize(&state, &headers, &["read:resource_servers"])?;
    let params = params(query);
    let paging = paging(&params, 0, 50)?;
    let management = state.management_audience();
    let apis: Vec<Object> = state
        .tenant()
        .apis
        .iter()
        .enumerate()
        .filter_map(|(i, identifier)| api_json(i, identifier, *identifier == management).as_object().cloned())
        .collect();
    let page = if paging.page.is_some() { paging.slice(&apis).to_vec() } else { apis.clone() };
    paging.answer(project(page, &params)?, apis.len(), "resource_servers", false)
}

/// One API: the Management API is Auth0's own (`is_system`), the others the seed's.
fn api_json(index: usize, identifier: &str, system: bool) -> Value {
    let scopes: Vec<Value> = seed::api_scopes(identifier)
        .unwrap_or_default()
        .iter()
        .map(|scope| json!({ "value": scope, "description": format!("{scope} of the API") }))
        .collect();
    let name = if system {
        "Auth0 Management API".to_string()
    } else {
        let last = identifier.trim_end_matches('/').rsplit('/').next().unwrap_or(identifier);
        let mut letters = last.chars();
        let first: String = letters.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
        format!("{first}{} API", letters.as_str())
    };
    let mut api = json!({
        "id": format!("{:024x}", 0x5e5e_0000_u64 + index as u64),
        "name": name,
        "identifier": identifier,
        "token_lifetime": 86400,
        "token_lifetime_for_web": 7200,
        "scopes": scopes,
        "enforce_policies": false,
        "signing_alg": "RS256",
    });
    if system {
        api["is_system"] = json!(true);
    }
    api
}
