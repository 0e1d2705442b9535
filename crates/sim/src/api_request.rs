//! What every Management endpoint of the simulated tenant reads from a request: the bearer
//! token and its scopes, the query string as Auth0 reads it, offset paging, field projection.

use std::collections::HashMap;

use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use super::SimState;
use super::reply::{Reject, invalid_query, management};
use super::state::Object;

#[derive(Deserialize)]
struct ManagementClaims {
    exp: i64,
    #[serde(default)]
    scope: String,
}

/// Checks the bearer token and that it holds any of `scopes` (the lists are Auth0's own).
pub(super) fn authorize(state: &SimState, headers: &HeaderMap, scopes: &[&str]) -> Result<(), Reject> {
    let unauthorized = |message: &str| management(StatusCode::UNAUTHORIZED, message, None);
    let header = headers.get("authorization").and_then(|v| v.to_str().ok());
    let Some(token) = header.and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
    else {
        return Err(unauthorized("Missing authentication"));
    };
    if token.split('.').count() != 3 {
        return Err(unauthorized("Invalid token"));
    }
    let claims: ManagementClaims = state
        .keys
        .verify(token, &state.issuer(), &state.management_audience())
        .ok_or_else(|| unauthorized("Invalid signature received for JSON Web Token validation"))?;
    if claims.exp <= state.clock.now() {
        return Err(unauthorized("Expired token received for JSON Web Token validation"));
    }
    if !claims.scope.split(' ').any(|s| scopes.contains(&s)) {
        return Err(management(
            StatusCode::FORBIDDEN,
            &format!("Insufficient scope, expected any of: {}", scopes.join(",")),
            Some("insufficient_scope"),
        ));
    }
    Ok(())
}

/// The query string as Auth0 reads it: last value wins.
pub(super) fn params(query: Option<String>) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

pub(super) fn int_param(
    params: &HashMap<String, String>,
    name: &str,
    min: u64,
    max: u64,
) -> Result<Option<u64>, Reject> {
    let Some(raw) = params.get(name) else {
        return Ok(None);
    };
    let value: u64 = raw
        .parse()
        .map_err(|_| invalid_query(name, &format!("Expected type integer but found type string {raw:?}")))?;
    if value < min || value > max {
        return Err(invalid_query(name, &format!("Invalid value {value}: expected between {min} and {max}")));
    }
    Ok(Some(value))
}

pub(super) fn bool_param(params: &HashMap<String, String>, name: &str) -> Result<Option<bool>, Reject> {
    match params.get(name).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => {
            Err(invalid_query(name, &format!("Expected type boolean but found type string {other:?}")))
        }
    }
}

/// Offset paging shared by the list endpoints.
pub(super) struct Paging {
    pub(super) page: Option<u64>,
    pub(super) per_page: u64,
    pub(super) include_totals: bool,
}

pub(super) fn paging(
    params: &HashMap<String, String>,
    min_per_page: u64,
    default_per_page: u64,
) -> Result<Paging, Reject> {
    Ok(Paging {
        page: int_param(params, "page", 0, u32::MAX as u64)?,
        per_page: int_param(params, "per_page", min_per_page, 100)?.unwrap_or(default_per_page),
        include_totals: bool_param(params, "include_totals")?.unwrap_or(false),
    })
}

impl Paging {
    pub(super) fn slice<'a>(&self, items: &'a [Object]) -> &'a [Object] {
        let start = (self.page.unwrap_or(0) * self.per_page) as usize;
        let end = (start + self.per_page as usize).min(items.len());
        items.get(start.min(items.len())..end).unwrap_or_default()
    }

    pub(super) fn start(&self) -> u64 {
        self.page.unwrap_or(0) * self.per_page
    }

    /// A page as Auth0 answers it: the items alone, or with `include_totals` wrapped under `key`
    /// with where the page starts, its limit and the total (and `length`, where the endpoint
    /// gives it: users, logs, clients).
    pub(super) fn answer(
        &self,
        page: Vec<Object>,
        total: usize,
        key: &str,
        length: bool,
    ) -> super::reply::Reply {
        if !self.include_totals {
            return super::reply::ok(serde_json::json!(page));
        }
        let mut body = serde_json::json!({ "start": self.start(), "limit": self.per_page });
        if length {
            body["length"] = serde_json::json!(page.len());
        }
        body["total"] = serde_json::json!(total);
        body[key] = serde_json::json!(page);
        super::reply::ok(body)
    }
}

/// `fields` + `include_fields`: keep (or drop) the listed fields.
pub(super) fn project(items: Vec<Object>, params: &HashMap<String, String>) -> Result<Vec<Object>, Reject> {
    let Some(fields) = params.get("fields") else {
        return Ok(items);
    };
    let include = bool_param(params, "include_fields")?.unwrap_or(true);
    let fields: Vec<&str> = fields.split(',').map(str::trim).collect();
    Ok(items
        .into_iter()
        .map(|item| item.into_iter().filter(|(k, _)| fields.contains(&k.as_str()) == include).collect())
        .collect())
}

pub(super) fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

pub(super) fn filter_eq(
    items: &[Object],
    params: &HashMap<String, String>,
    filters: &[(&str, &str)],
) -> Vec<Object> {
    items
        .iter()
        .filter(|item| {
            filters.iter().all(|(param, field)| {
                params.get(*param).is_none_or(|want| str_of(item, field) == Some(want.as_str()))
            })
        })
        .cloned()
        .collect()
}
