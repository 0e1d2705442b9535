//! What a token's claims mean: what kind of token it is and why, and each known claim in words.
//! The checks an API runs are in `checks`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::timefmt::Clock;

/// `aud` as a list, whether Auth0 sent a string or an array.
pub fn audiences(payload: &Map<String, Value>) -> Vec<String> {
    match payload.get("aud") {
        Some(Value::String(aud)) => vec![aud.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// What a token is, and the evidence for saying so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kind {
    /// `id_token`, `access_token`, `management_api_token`, `jwe`, `refresh_token`,
    /// `opaque_access_token` or `unknown`.
    pub code: &'static str,
    pub label: String,
    pub evidence: Vec<String>,
}

pub fn kind_of(payload: &Map<String, Value>) -> Kind {
    let auds = audiences(payload);
    let text = |k: &str| payload.get(k).and_then(Value::as_str);
    let gty = text("gty");
    let has = |k: &str| payload.contains_key(k);
    if gty == Some("client-credentials") {
        let mut evidence =
            vec!["gty is client-credentials: issued to an application, not a user".to_string()];
        if text("sub").is_some_and(|s| s.ends_with("@clients")) {
            evidence.push("sub ends in @clients".into());
        }
        if let Some(management) = auds.iter().find(|a| a.ends_with("/api/v2/")) {
            evidence.push(format!("aud is {management}, the Management API"));
            return Kind { code: "management_api_token", label: "Management API token".into(), evidence };
        }
        let api = auds.first().cloned().unwrap_or_default();
        evidence.push(format!("aud is {api}"));
        return Kind {
            code: "access_token",
            label: format!("machine-to-machine access token for {api}"),
            evidence,
        };
    }
    let single_aud = matches!(payload.get("aud"), Some(Value::String(_)));
    if has("nonce") || has("at_hash") || (single_aud && !has("scope") && !has("permissions")) {
        let mut evidence = Vec::new();
        if single_aud {
            evidence.push(format!("aud is one client id ({})", auds.join("")));
        }
        for claim in ["nonce", "at_hash", "email", "name"] {
            if has(claim) {
                evidence.push(format!("has {claim}, a claim of ID tokens"));
            }
        }
        if !has("scope") {
            evidence.push("no scope claim".into());
        }
        return Kind {
            code: "id_token",
            label: "ID token (proves who signed in; not for calling APIs)".into(),
            evidence,
        };
    }
    if has("scope") || has("permissions") || auds.len() > 1 {
        let api = auds.iter().find(|a| !a.ends_with("/userinfo")).cloned().unwrap_or_default();
        let mut evidence = vec![format!("aud names the API {api}")];
        if auds.iter().any(|a| a.ends_with("/userinfo")) {
            evidence.push("aud also has /userinfo, as Auth0 adds for openid".into());
        }
        if has("scope") {
            evidence.push("has scope".into());
        }
        if has("permissions") {
            evidence.push("has permissions (RBAC)".into());
        }
        return Kind { code: "access_token", label: format!("access token for the API {api}"), evidence };
    }
    Kind {
        code: "unknown",
        label: "a JWT of no kind Auth0 issues".into(),
        evidence: vec!["no scope, nonce or gty".into()],
    }
}

/// Claims of the JWT, OIDC and Auth0 specifications; everything else is custom.
const KNOWN_CLAIMS: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "azp",
    "scope",
    "permissions",
    "gty",
    "org_id",
    "org_name",
    "sid",
    "nonce",
    "auth_time",
    "at_hash",
    "c_hash",
    "acr",
    "amr",
    "name",
    "nickname",
    "picture",
    "email",
    "email_verified",
    "updated_at",
    "given_name",
    "family_name",
    "locale",
    "client_id",
];

pub fn is_custom(claim: &str) -> bool {
    !KNOWN_CLAIMS.contains(&claim)
}

/// A claim's value in words; `app_name` gives an application's name by its client id, when known.
pub fn explain(
    claim: &str,
    value: &Value,
    clock: &Clock,
    app_name: impl Fn(&str) -> Option<String>,
) -> String {
    let as_time = || value.as_i64().and_then(|s| DateTime::<Utc>::from_timestamp(s, 0));
    let list = |items: Vec<String>| items.join(", ");
    match (claim, value) {
        ("exp", _) if as_time().is_some() => {
            let at = as_time().unwrap_or_default();
            let relative = clock.relative(at);
            if at <= clock.now {
                format!("{} (expired {relative})", clock.local(at))
            } else {
                format!("{} (expires {relative})", clock.local(at))
            }
        }
        ("iat" | "nbf" | "auth_time", _) if as_time().is_some() => {
            let at = as_time().unwrap_or_default();
            format!("{} ({})", clock.local(at), clock.relative(at))
        }
        ("updated_at", Value::String(text)) => clock.describe_timestamp(text),
        ("aud", _) => {
            let mut payload = Map::new();
            payload.insert("aud".into(), value.clone());
            list(audiences(&payload))
        }
        ("scope", Value::String(scopes)) => list(scopes.split_whitespace().map(str::to_string).collect()),
        ("azp" | "client_id", Value::String(id)) => match app_name(id) {
            Some(name) => format!("{id} ({name})"),
            None => id.clone(),
        },
        ("sub", Value::String(sub)) if sub.ends_with("@clients") => format!("{sub} (an application)"),
        ("sub", Value::String(sub)) => format!("{sub} (a user: Enter opens them in Users)"),
        ("gty", Value::String(gty)) => match gty.as_str() {
            "client-credentials" => "client-credentials (an application's own token)".into(),
            "refresh_token" => "refresh_token (renewed with a refresh token)".into(),
            "password" => "password (Resource Owner Password grant)".into(),
            other => other.to_string(),
        },
        ("org_id", Value::String(id)) => format!("{id} (the Organization the user signed in to)"),
        ("sid", Value::String(id)) => format!("{id} (the session; logging out ends it)"),
        ("nonce", Value::String(nonce)) => format!("{nonce} (binds the token to the login request)"),
        (_, Value::String(text)) => text.clone(),
        (_, Value::Array(items)) => list(
            items.iter().map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).collect(),
        ),
        (_, other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::fixtures::{clock, payload};

    #[test]
    fn kinds_and_their_evidence() {
        let management = kind_of(&payload(
            json!({"gty": "client-credentials", "sub": "x@clients", "aud": "https://a.auth0.com/api/v2/"}),
        ));
        assert_eq!(management.code, "management_api_token");
        assert!(management.evidence.iter().any(|e| e.contains("Management API")));
        assert_eq!(
            kind_of(&payload(json!({"aud": "client123", "nonce": "n", "email": "a@b"}))).code,
            "id_token"
        );
        let access =
            kind_of(&payload(json!({"aud": ["https://api", "https://t/userinfo"], "scope": "openid"})));
        assert_eq!(access.code, "access_token");
        assert!(access.label.contains("https://api"));
    }

    #[test]
    fn claims_in_words() {
        let names = |id: &str| (id == "c1").then(|| "Acme Web".to_string());
        let c = clock();
        assert_eq!(explain("azp", &json!("c1"), &c, names), "c1 (Acme Web)");
        assert_eq!(explain("scope", &json!("openid  read:x"), &c, names), "openid, read:x");
        let exp = c.now.timestamp() + 3600;
        assert_eq!(explain("exp", &json!(exp), &c, names), "2026-11-22 13:00 (expires in 1h)");
        assert!(explain("sub", &json!("auth0|1"), &c, names).contains("Enter opens"));
        assert!(is_custom("https://acme.test/roles") && !is_custom("email"));
    }
}
