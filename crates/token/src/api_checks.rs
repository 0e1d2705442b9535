//! What an API checks beyond a token's times, issuer and audience: the scopes it requires (in
//! `scope`, or in `permissions` with RBAC) and the application it expects (`azp`). Each runs only
//! when the API's need is given.

use serde_json::{Map, Value};

use super::check::{Check, CheckStatus, check};

/// The scopes the token grants: `scope` (space-separated) and RBAC's `permissions`.
pub fn granted(payload: &Map<String, Value>) -> Vec<String> {
    let mut scopes: Vec<String> = payload
        .get("scope")
        .and_then(Value::as_str)
        .map(|s| s.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    if let Some(permissions) = payload.get("permissions").and_then(Value::as_array) {
        scopes.extend(permissions.iter().filter_map(Value::as_str).map(str::to_string));
    }
    scopes
}

pub fn scope(payload: &Map<String, Value>, required: &[String]) -> Option<Check> {
    if required.is_empty() {
        return None;
    }
    let granted = granted(payload);
    let missing: Vec<&str> = required.iter().filter(|s| !granted.contains(s)).map(String::as_str).collect();
    Some(if missing.is_empty() {
        check("scope", CheckStatus::Pass, format!("grants {}", required.join(" ")))
    } else {
        check(
            "scope",
            CheckStatus::Fail,
            format!("lacks {}: an API requiring it answers 403 insufficient_scope", missing.join(" ")),
        )
    })
}

pub fn azp(payload: &Map<String, Value>, expected: Option<&str>) -> Option<Check> {
    let expected = expected?;
    Some(match payload.get("azp").and_then(Value::as_str) {
        Some(azp) if azp == expected => check("azp", CheckStatus::Pass, format!("issued to {azp}")),
        Some(azp) => check("azp", CheckStatus::Fail, format!("issued to {azp}, not {expected}")),
        None => {
            check("azp", CheckStatus::Fail, format!("no azp claim, so not provably issued to {expected}"))
        }
    })
}
