//! Every Management API request tenantscope sends, checked against Auth0's own OpenAPI document:
//! the path exists, the method exists on it, and every query parameter is one it declares.
//! Requests are those the simulated tenant received while the commands below ran through the
//! binary. The document's operations (path → method → parameter names) are kept in
//! `tests/it/fixtures/management-api-operations.json`, derived from the 2 MB document, which lives
//! beside the repository (`../shared/auth0/management-api-oas.json`); when it is there, a test
//! checks the fixture still says what it says.

use crate::common;

use serde_json::Value;

const OAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/auth0/management-api-oas.json");
const OPERATIONS: &str = include_str!("fixtures/management-api-operations.json");

/// Where the contract and the OpenAPI document disagree, the contract wins (and the note says so):
/// `GET /logs` searches with `q` in Auth0's documentation and the contract; the document calls it
/// `search`.
const CONTRACT_OVER_OAS: &[(&str, &str)] = &[("/logs", "q")];

/// The document's operations: path template → method → the names of its parameters.
fn operations_of(oas: &Value) -> Value {
    let resolve = |p: &Value| match p["$ref"].as_str() {
        Some(reference) => {
            let mut node = oas;
            for part in reference.trim_start_matches("#/").split('/') {
                node = &node[part];
            }
            node["name"].as_str().map(str::to_string)
        }
        None => p["name"].as_str().map(str::to_string),
    };
    let mut paths = serde_json::Map::new();
    for (path, item) in oas["paths"].as_object().unwrap() {
        let mut methods = serde_json::Map::new();
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
            let mut names: Vec<String> = parameters.iter().filter_map(resolve).collect();
            names.sort();
            methods.insert(method.clone(), serde_json::json!(names));
        }
        paths.insert(path.clone(), Value::Object(methods));
    }
    Value::Object(paths)
}

#[test]
fn the_fixture_says_what_the_openapi_document_says() {
    let Ok(text) = std::fs::read_to_string(OAS) else {
        return; // The document is not beside this checkout (a clean clone in CI): the fixture stands.
    };
    let oas: Value = serde_json::from_str(&text).unwrap();
    let fixture: Value = serde_json::from_str(OPERATIONS).unwrap();
    assert!(operations_of(&oas) == fixture, "regenerate tests/it/fixtures/management-api-operations.json");
}

/// The document's path template that `path` (under /api/v2) instantiates, and its methods.
fn template<'a>(operations: &'a Value, path: &str) -> Option<(&'a str, &'a Value)> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    operations.as_object()?.iter().find_map(|(template, item)| {
        let parts: Vec<&str> = template.trim_matches('/').split('/').collect();
        let fits = parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s);
        fits.then_some((template.as_str(), item))
    })
}

#[tokio::test]
async fn every_management_request_is_one_the_openapi_document_declares() {
    let operations: Value = serde_json::from_str(OPERATIONS).unwrap();
    let sim = common::default_sim().await;
    let user_id = common::id_with_slash(&sim);
    let email = sim.a_user_who_can_log_in().unwrap();
    let blocked = sim.state.tenant().brute_force_blocks.first().map(|b| b.1.clone()).unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["users", "--limit", "150", "--sort", "last_login:-1"],
        vec!["users", "--query", "name:jo*"],
        vec!["user", &user_id],
        vec!["user", &email],
        vec!["grants", "--user", &user_id],
        vec!["devices", "--user", &user_id],
        vec!["sessions", "--user", &user_id],
        vec!["refresh-tokens", "--user", &user_id],
        vec!["logs", "--take", "120"],
        vec!["logs", "--type", "fp,f", "--ip", "198.51.100.7"],
        vec!["logs", "--user", &user_id],
        vec!["logs", "--from", "0", "--take", "5"],
        vec!["user", "blocks", &user_id],
        vec!["user", "blocks", &email],
        vec!["user", "block", &user_id, "--yes"],
        vec!["user", "unblock-attempts", &blocked, "--yes"],
        vec!["sessions", "revoke", "sess_x", "--yes"],
        vec!["refresh-tokens", "revoke", "rt_x", "--yes"],
        vec!["grants", "revoke", "--user", &user_id, "--yes"],
        vec!["sessions", "revoke", "--user", &user_id, "--yes"],
        vec!["doctor"],
    ];
    for args in &commands {
        let output = common::run_cli(&sim, args).await;
        assert!(output.status.code().is_some(), "{args:?} ran");
    }
    let mut problems = Vec::new();
    let mut checked = std::collections::BTreeSet::new();
    for request in sim.state.received() {
        let Some(rest) = request.target.strip_prefix("/api/v2") else { continue };
        checked.insert(format!("{} {}", request.method, rest.split('?').next().unwrap_or_default()));
        let url = url::Url::parse(&format!("http://x{rest}")).unwrap();
        let path = percent_encoding::percent_decode_str(url.path()).decode_utf8_lossy().into_owned();
        let Some((template, item)) = template(&operations, url.path()) else {
            problems.push(format!("{} {path}: no such path", request.method));
            continue;
        };
        let Some(names) = item[request.method.to_lowercase()].as_array() else {
            problems.push(format!("{} {template}: no such method", request.method));
            continue;
        };
        for (name, _) in url.query_pairs() {
            let allowed =
                names.iter().any(|n| n == &*name) || CONTRACT_OVER_OAS.contains(&(template, &*name));
            if !allowed {
                problems.push(format!("{} {template}: undeclared parameter {name}", request.method));
            }
        }
    }
    let seen = |what: &str| checked.iter().any(|c| c.starts_with(what));
    for what in [
        "GET /users",
        "GET /logs",
        "PATCH /users/",
        "GET /user-blocks",
        "DELETE /user-blocks",
        "DELETE /grants",
        "GET /sessions/",
        "GET /refresh-tokens/",
    ] {
        assert!(seen(what), "{what} was not sent, so not checked: {checked:?}");
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "requests the OpenAPI document does not declare:\n{}", problems.join("\n"));
}
