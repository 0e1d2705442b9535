//! A hostile tenant and a hostile machine, round two: numbers no type holds, keys that are not
//! for signing, secrets echoed back, callbacks from strangers, files planted in the way, bodies
//! that never end or expand without bound, and outages in the middle of a follow. The real
//! binary runs against a mock server on loopback; every run ends, and says what happened.

mod common;

use std::process::Output;

use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_SECRET: &str = "client-secret-VALUE-0123456789";
const MANAGEMENT_TOKEN: &str = "management-token-VALUE-0123456789";

/// The binary against `server`, with a ready Management API token.
async fn with_token(server: &MockServer, args: &[&str]) -> Output {
    let mut command = common::binary_with(args);
    command.env("AUTH0_DOMAIN", server.uri()).env("AUTH0_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN);
    common::run(command).await
}

/// The binary against `server`, with client credentials (so it calls /oauth/token first).
async fn with_client_credentials(server: &MockServer, args: &[&str]) -> Output {
    let mut command = common::binary_with(args);
    command
        .env("AUTH0_DOMAIN", server.uri())
        .env("AUTH0_CLIENT_ID", "m2m-client")
        .env("AUTH0_CLIENT_SECRET", CLIENT_SECRET);
    common::run(command).await
}

fn one_user() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!([{"user_id": "auth0|1", "name": "Ada"}]))
}

#[tokio::test]
async fn an_expires_in_no_integer_holds_is_read_as_absent_and_every_command_still_works() {
    for odd in ["18446744073709551616", "86400.0", "-1", "1e400"] {
        let server = MockServer::start().await;
        let body = format!("{{\"access_token\":\"{MANAGEMENT_TOKEN}\",\"expires_in\":{odd}}}");
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        Mock::given(path("/api/v2/users")).respond_with(one_user()).mount(&server).await;
        let output = with_client_credentials(&server, &["users", "--json"]).await;
        assert_eq!(output.status.code(), Some(0), "{odd}: {}", common::stderr(&output));
        let users: Vec<Value> = serde_json::from_str(&common::stdout(&output)).unwrap();
        assert_eq!(users[0]["name"], "Ada", "{odd}");
    }
}

#[tokio::test]
async fn a_refused_block_says_block_not_revoke_and_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::method("PATCH"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    for (verb, args) in [
        ("block", ["--read-only", "user", "block", "auth0|1", "--yes"]),
        ("unblock", ["--read-only", "user", "unblock", "auth0|1", "--yes"]),
    ] {
        let output = with_token(&server, &args).await;
        let err = common::stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("did not {verb} user auth0|1")) && !err.contains("revoke"), "{err}");
    }
}

#[tokio::test]
async fn a_secret_the_tenant_echoes_back_is_redacted_everywhere_it_is_shown() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "access_denied",
            "error_description": format!("Unauthorized: client_secret {CLIENT_SECRET} is not valid")
        })))
        .mount(&server)
        .await;
    let output = with_client_credentials(&server, &["users"]).await;
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("client_secret [redacted] is not valid"), "Auth0's other words stay: {err}");
    assert!(!err.contains(CLIENT_SECRET) && !common::stdout(&output).contains(CLIENT_SECRET), "{err}");

    // The bearer token echoed by a Management API error (or a proxy's page) goes the same way.
    let server = MockServer::start().await;
    Mock::given(path("/api/v2/users"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "statusCode": 403, "error": "Forbidden",
            "message": format!("Bearer {MANAGEMENT_TOKEN} lacks read:users"), "errorCode": "insufficient_scope"
        })))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/grants"))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_string(format!("<h1>bad gateway for {MANAGEMENT_TOKEN}</h1>")),
        )
        .mount(&server)
        .await;
    for args in [&["users"][..], &["users", "--json"], &["grants"]] {
        let output = with_token(&server, args).await;
        let err = common::stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("[redacted]") && !err.contains(MANAGEMENT_TOKEN), "{args:?}: {err}");
    }
}
