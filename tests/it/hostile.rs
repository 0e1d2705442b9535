//! A hostile tenant: redirects of every kind, escape sequences, C1 and bidi controls in every
//! field and error, absurd numbers, bodies that are not JSON, and answers that would make a
//! verdict lie. The real binary runs against a mock server on loopback; nothing it prints may
//! drive a terminal, no secret may leave for another host, and every run ends.

use crate::common;

use std::io::Write;
use std::process::{Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Escape sequences (OSC title, clear screen), a C1 CSI, DEL, a right-to-left override, and the
/// code points that hide or break text: a line separator, a zero-width space, a byte-order mark
/// and tag characters spelling a hidden "hi".
const HOSTILE: &str = "Mallory\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f} Eve\u{202e}gnp.exe\u{2028}x\u{200b}\u{feff}\u{e0068}\u{e0069}";
pub(crate) const CLIENT_SECRET: &str = "client-secret-VALUE-0123456789";
pub(crate) const MANAGEMENT_TOKEN: &str = "management-token-VALUE-0123456789";

/// Whether `c` would act on a terminal, or reorder, hide or break what it shows.
fn is_active(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{e0000}'..='\u{e007f}')
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| is_active(*c)) {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

fn assert_output_inert(what: &str, output: &Output) {
    assert_inert(&format!("{what}: stdout"), &output.stdout);
    assert_inert(&format!("{what}: stderr"), &output.stderr);
    for secret in [CLIENT_SECRET, MANAGEMENT_TOKEN] {
        assert!(
            !common::stdout(output).contains(secret) && !common::stderr(output).contains(secret),
            "{what}"
        );
    }
}

/// The binary against `server`, with a ready Management API token.
pub(crate) async fn with_token(server: &MockServer, args: &[&str]) -> Output {
    let mut command = common::binary_with(args);
    command.env("AUTH0_DOMAIN", server.uri()).env("AUTH0_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN);
    common::run(command).await
}

/// The binary against `server`, with client credentials (so it calls /oauth/token first).
pub(crate) async fn with_client_credentials(server: &MockServer, args: &[&str]) -> Output {
    let mut command = common::binary_with(args);
    command
        .env("AUTH0_DOMAIN", server.uri())
        .env("AUTH0_CLIENT_ID", "m2m-client")
        .env("AUTH0_CLIENT_SECRET", CLIENT_SECRET);
    common::run(command).await
}

/// The binary with `stdin` piped in.
async fn with_stdin(server: &MockServer, args: &[&str], stdin: &str) -> Output {
    let mut command = common::binary_with(args);
    command
        .env("AUTH0_DOMAIN", server.uri())
        .env("AUTH0_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin = stdin.to_string();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

fn token_answer() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": MANAGEMENT_TOKEN, "token_type": "Bearer", "expires_in": 86400
    }))
}

fn hostile_user() -> Value {
    json!({
        "user_id": "auth0|1", "name": HOSTILE, "email": HOSTILE, "nickname": HOSTILE,
        "identities": [{"connection": HOSTILE, "provider": "auth0", "user_id": "1", "isSocial": false}],
        "app_metadata": {"note": HOSTILE}, "last_login": HOSTILE, "logins_count": 3
    })
}

// ---- 1. redirects ----

/// A second host that must never hear from tenantscope.
async fn other_host() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(200)).mount(&other).await;
    other
}

fn redirect_to(status: u16, other: &MockServer) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("location", format!("{}/steal?x=1", other.uri()))
}

#[tokio::test]
async fn a_redirected_token_request_sends_the_secret_nowhere() {
    for status in [301, 302, 303, 307, 308] {
        let (server, other) = (MockServer::start().await, other_host().await);
        Mock::given(path("/oauth/token")).respond_with(redirect_to(status, &other)).mount(&server).await;
        let output = with_client_credentials(&server, &["users"]).await;
        assert_eq!(output.status.code(), Some(1), "{status}: {}", common::stderr(&output));
        let err = common::stderr(&output);
        let other_host = other.address().to_string();
        assert!(err.contains(&format!("answered {status}, a redirect to {other_host}")), "{err}");
        assert!(err.contains("check --domain") || err.contains("Check --domain"), "{err}");
        assert!(
            other.received_requests().await.unwrap().is_empty(),
            "{status}: the other host heard nothing"
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 1, "nothing was sent again");
        assert_output_inert("redirected token", &output);
    }
}

#[tokio::test]
async fn redirected_management_calls_fail_and_are_never_reported_as_done() {
    let (server, other) = (MockServer::start().await, other_host().await);
    Mock::given(path_regex("^/api/v2/")).respond_with(redirect_to(307, &other)).mount(&server).await;
    let listing = with_token(&server, &["grants", "--user", "auth0|1"]).await;
    assert_eq!(listing.status.code(), Some(1));
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let revoke =
        with_token(&server, &["grants", "revoke", "g1", "--yes", "--audit-log", log.to_str().unwrap()]).await;
    assert_eq!(revoke.status.code(), Some(1), "{}", common::stderr(&revoke));
    assert!(!common::stdout(&revoke).contains("revoked"), "{}", common::stdout(&revoke));
    let line: Value = serde_json::from_str(std::fs::read_to_string(&log).unwrap().trim()).unwrap();
    assert_eq!(line["verdict"], "failed");
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_redirected_revoke_and_a_redirected_key_set_go_nowhere() {
    let (server, other) = (MockServer::start().await, other_host().await);
    Mock::given(path("/oauth/revoke")).respond_with(redirect_to(308, &other)).mount(&server).await;
    Mock::given(path("/.well-known/jwks.json")).respond_with(redirect_to(302, &other)).mount(&server).await;
    let output = with_stdin(
        &server,
        &["refresh-token", "revoke", "--app-client-id", "app", "--yes"],
        "v1.MheldRefreshToken0123456789",
    )
    .await;
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("redirect"), "{}", common::stderr(&output));
    let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJhdXRoMHwxIn0.c2ln";
    let output = with_token(&server, &["decode", "--verify", token]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stdout(&output).contains("redirect"), "{}", common::stdout(&output));
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_domain_with_a_password_is_refused_without_repeating_it() {
    let output = common::run(common::binary_with(&[
        "users",
        "--domain",
        "https://admin:hunter2@acme.auth0.com",
        "--token",
        "t",
    ]))
    .await;
    assert_eq!(output.status.code(), Some(2));
    let err = common::stderr(&output);
    assert!(err.contains("user name or password") && !err.contains("hunter2"), "{err}");
}

// ---- 2. the tenant's words ----

async fn hostile_tenant() -> MockServer {
    let server = MockServer::start().await;
    let user = hostile_user();
    Mock::given(path("/api/v2/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "start": 0, "limit": 50, "length": 1, "total": 1, "users": [user.clone()]
        })))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/users/auth0%7C1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/clients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"client_id": "c1", "name": HOSTILE}])))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/grants"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "id": "g1", "clientID": "c1", "user_id": "auth0|1", "audience": HOSTILE, "scope": [HOSTILE]
        }])))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/device-credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "id": "dcr_1", "device_name": HOSTILE, "type": "refresh_token", "user_id": "auth0|1", "client_id": "c1"
        }])))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/users/auth0%7C1/sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sessions": [{
            "id": "s1", "user_id": "auth0|1", "created_at": HOSTILE,
            "device": {"last_ip": HOSTILE, "last_user_agent": HOSTILE}, "clients": [{"client_id": "c1"}]
        }]})))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/users/auth0%7C1/refresh-tokens"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"tokens": [{
            "id": "rt1", "user_id": "auth0|1", "client_id": "c1", "session_id": HOSTILE,
            "resource_servers": [{"audience": HOSTILE, "scopes": HOSTILE}]
        }]})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn no_listing_lets_the_tenant_drive_the_terminal() {
    let server = hostile_tenant().await;
    for args in [
        &["users"][..],
        &["users", "--json"],
        &["user", "auth0|1"],
        &["user", "auth0|1", "--json"],
        &["grants", "--user", "auth0|1"],
        &["grants", "--user", "auth0|1", "--json"],
        &["devices", "--user", "auth0|1"],
        &["devices", "--user", "auth0|1", "--json"],
        &["sessions", "--user", "auth0|1"],
        &["sessions", "--user", "auth0|1", "--json"],
        &["refresh-tokens", "--user", "auth0|1"],
        &["refresh-tokens", "--user", "auth0|1", "--json"],
    ] {
        let output = with_token(&server, args).await;
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", common::stderr(&output));
        assert_output_inert(&format!("{args:?}"), &output);
        let out = common::stdout(&output);
        if args.contains(&"--json") {
            // The JSON decodes to the tenant's text, escapes and all.
            assert!(out.contains("\\u202e") && out.contains("\\u009b"), "{args:?}: {out}");
        } else if args[0] != "sessions" && args[0] != "refresh-tokens" && args[0] != "devices" {
            assert!(out.contains("Eve\\u{202e}gnp.exe"), "{args:?}: the override is shown: {out}");
        }
    }
}

/// A tenant whose users export is `lines`, gzipped.
async fn export_server(lines: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/jobs/users-exports"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "job_1", "status": "pending"})))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/jobs/job_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "job_1", "status": "completed", "location": format!("{}/export.json.gz?sig=SIGNATURE", server.uri())
        })))
        .mount(&server)
        .await;
    let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
    gzip.write_all(lines.as_bytes()).unwrap();
    Mock::given(path("/export.json.gz"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(gzip.finish().unwrap()))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_line_strict_json_refuses_loses_no_user_after_it() {
    // Raw C1 and bidi characters with a lone surrogate, a number past f64 and nesting past 128.
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let crafted = [
        "{\"user_id\":\"auth0|1\",\"name\":\"Eve\u{202e}\u{9b}\",\"x\":\"\\ud800\"}".to_string(),
        "{\"user_id\":\"auth0|2\",\"name\":\"\u{85}\",\"n\":1e400}".to_string(),
        format!("{{\"user_id\":\"auth0|3\",\"name\":\"\u{202e}\",\"deep\":{deep}}}"),
        "not a user at all".to_string(),
        "{\"user_id\":\"auth0|5\",\"name\":\"plain\"}".to_string(),
    ];
    let server = export_server(&(crafted.join("\n") + "\n")).await;
    let output = with_token(&server, &["users", "--all"]).await;
    assert_output_inert("a crafted export", &output);
    let written: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().collect();
    assert_eq!(written.len(), 4, "every user, the one after the crafted lines too: {written:?}");
    assert!(
        written[0].contains("\\u202e") && written[0].contains("\\ud800"),
        "kept, escaped: {}",
        written[0]
    );
    assert!(written[3].contains("plain"));
    let said = common::stderr(&output);
    assert!(
        said.contains("exported 4 users") && said.contains("1 lines of the export file are not users"),
        "{said}"
    );
    assert_eq!(output.status.code(), Some(1), "a line that could not be read is a failure: {said}");
}

#[tokio::test]
async fn every_user_of_an_export_is_written_inert() {
    let mut lines = String::new();
    for user in [hostile_user(), json!({"user_id": "auth0|2", "name": "plain"})] {
        lines.push_str(&serde_json::to_string(&user).unwrap());
        lines.push('\n');
    }
    let server = export_server(&lines).await;
    let output = with_token(&server, &["users", "--all"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_output_inert("users --all", &output);
    let users: Vec<Value> =
        common::stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(users[0]["name"], HOSTILE, "the same text, escaped");
    assert_eq!(users[1]["name"], "plain");
}

#[tokio::test]
async fn auth0s_error_words_reach_stderr_and_the_audit_log_inert() {
    let server = MockServer::start().await;
    let refusal = json!({"statusCode": 403, "error": HOSTILE, "message": HOSTILE, "errorCode": HOSTILE});
    Mock::given(path_regex("^/api/v2/"))
        .respond_with(ResponseTemplate::new(403).set_body_json(refusal))
        .mount(&server)
        .await;
    let output = with_token(&server, &["users"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert_output_inert("a refusal", &output);
    assert!(common::stderr(&output).contains("Eve\\u{202e}gnp.exe"), "{}", common::stderr(&output));

    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let output =
        with_token(&server, &["grants", "revoke", "g1", "--yes", "--audit-log", log.to_str().unwrap()]).await;
    assert_eq!(output.status.code(), Some(1));
    assert_output_inert("a refused revoke", &output);
    let trail = std::fs::read(&log).unwrap();
    assert_inert("the audit log", &trail);
    let line: Value = serde_json::from_slice(&trail).unwrap();
    assert_eq!(line["verdict"], "failed");

    Mock::given(path("/x")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let html = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(502).set_body_string(format!("<html>{HOSTILE}</html>")))
        .mount(&html)
        .await;
    let output = with_token(&html, &["users"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert_output_inert("a proxy's page", &output);
}

#[tokio::test]
async fn refresh_token_verify_prints_auth0s_words_and_new_tokens_inert() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error": "invalid_grant", "error_description": HOSTILE
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let args = ["refresh-token", "verify", "--app-client-id", "app", "--yes"];
    let output = with_stdin(&server, &args, "v1.MheldRefreshToken0123456789").await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_output_inert("proven dead", &output);
    assert!(common::stdout(&output).contains("proven dead"), "{}", common::stdout(&output));

    // Still accepted: the new tokens are printed, through the JSON encoder.
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": HOSTILE, "refresh_token": format!("v1.M{HOSTILE}"), "expires_in": 60
        })))
        .mount(&server)
        .await;
    let output = with_stdin(&server, &args, "v1.MheldRefreshToken0123456789").await;
    assert_eq!(output.status.code(), Some(1));
    assert_output_inert("new tokens", &output);
    let tokens: Value = serde_json::from_str(common::stdout(&output).trim()).unwrap();
    assert_eq!(tokens["access_token"], HOSTILE, "the same tokens, escaped");
}

// ---- 3. numbers ----

#[tokio::test]
async fn an_absurd_total_is_read_to_the_first_short_page_without_allocating_for_it() {
    let server = MockServer::start().await;
    let grant = |i: usize| json!({"id": format!("g{i}"), "clientID": "c", "user_id": "u", "scope": []});
    let full: Vec<Value> = (0..100).map(grant).collect();
    Mock::given(path("/api/v2/grants"))
        .respond_with(move |request: &Request| {
            let page = request.url.query_pairs().find(|(k, _)| k == "page").map(|(_, v)| v.to_string());
            let grants = match page.as_deref() {
                Some("0") | Some("1") => full.clone(),
                _ => vec![grant(1000)],
            };
            ResponseTemplate::new(200).set_body_json(
                json!({"start": 0, "limit": 100, "total": 1_000_000_000_000_000_000u64, "grants": grants}),
            )
        })
        .mount(&server)
        .await;
    let output = with_token(&server, &["grants", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let grants: Vec<Value> = serde_json::from_str(&common::stdout(&output)).unwrap();
    assert_eq!(grants.len(), 201, "two full pages and a short one");
}

#[tokio::test]
async fn full_pages_forever_stop_with_a_sentence() {
    let server = MockServer::start().await;
    let full: Vec<Value> = (0..100)
        .map(|i| json!({"id": format!("g{i}"), "clientID": "c", "user_id": "u", "scope": []}))
        .collect();
    Mock::given(path("/api/v2/grants"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(full)))
        .mount(&server)
        .await;
    let output = with_token(&server, &["grants"]).await;
    assert_eq!(output.status.code(), Some(1));
    let err = common::stderr(&output);
    assert!(err.contains("reaches the first 1,000 grants") && err.contains("Narrow the listing"), "{err}");
}

#[tokio::test]
async fn absurd_lifetimes_waits_and_percentages_neither_panic_nor_hang() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": MANAGEMENT_TOKEN, "expires_in": u64::MAX
        })))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-limit", "18446744073709551615")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "18446744073709551615")
                .set_body_json(
                    json!({"total": u64::MAX, "users": [{"user_id": "auth0|1", "logins_count": u64::MAX}]}),
                ),
        )
        .mount(&server)
        .await;
    let output = with_client_credentials(&server, &["users"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stdout(&output).contains("18446744073709551615"));
}

// ---- 4. verdicts ----

#[tokio::test]
async fn a_404_after_a_401_is_not_found_not_already_gone() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token")).respond_with(token_answer()).mount(&server).await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "statusCode": 401, "error": "Unauthorized", "message": "Expired token received for JSON Web Token validation"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "error": "Not Found", "message": "The grant does not exist."
        })))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let output = with_client_credentials(
        &server,
        &["grants", "revoke", "g1", "--yes", "--audit-log", log.to_str().unwrap()],
    )
    .await;
    assert_eq!(output.status.code(), Some(4), "{}", common::stdout(&output));
    let said = common::stdout(&output);
    assert!(said.starts_with("absent: grant g1 — ") && said.contains("The grant does not exist."), "{said}");
    assert!(!said.contains("already gone") && !said.contains("revoked"), "{said}");
    let line: Value = serde_json::from_str(std::fs::read_to_string(&log).unwrap().trim()).unwrap();
    assert_eq!(line["verdict"], "absent");
}

#[tokio::test]
async fn dot_ids_are_bad_input_and_nothing_is_sent() {
    let server = MockServer::start().await;
    for args in [
        &["grants", "revoke", "..", "--yes"][..],
        &["grants", "revoke", ".", "--yes"],
        &["grants", "revoke", "", "--yes"],
        &["devices", "revoke", "..", "--yes"],
        &["sessions", "revoke", "..", "--yes"],
        &["refresh-tokens", "revoke", "--user", "..", "--yes"],
        &["user", ".."],
        &["grants", "--user", ".."],
    ] {
        let output = with_token(&server, args).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", common::stderr(&output));
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---- 5. bodies that are not Auth0's ----

#[tokio::test]
async fn truncated_and_non_json_bodies_are_errors_in_a_sentence() {
    for body in
        [&b"{\"users\": [{\"user_id\": \"auth0|1\""[..], b"<html>hello</html>", b"\xff\xfe\x00garbage", b""]
    {
        let server = MockServer::start().await;
        Mock::given(path("/api/v2/users"))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(body.to_vec()))
            .mount(&server)
            .await;
        let output = with_token(&server, &["users"]).await;
        assert_eq!(output.status.code(), Some(1), "{body:?}");
        let err = common::stderr(&output);
        assert!(err.contains("not the JSON Auth0 sends"), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert_output_inert("a bad body", &output);
    }
}

// ---- the export file's download ----

#[tokio::test]
async fn an_export_download_follows_few_redirects_to_https_only_and_never_shows_its_signature() {
    use tenantscope::auth0::{Http, HttpOptions};
    let server = MockServer::start().await;
    for hop in 0..9 {
        Mock::given(path(format!("/hop{hop}")))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", format!("/hop{}?sig=SIGNATURE", hop + 1)),
            )
            .mount(&server)
            .await;
    }
    Mock::given(path("/file"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/hop8"))
        .mount(&server)
        .await;
    Mock::given(path("/hop9"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let http = Http::new(HttpOptions::default()).unwrap();
    let url = |p: &str| format!("{}{p}?sig=SIGNATURE", server.uri()).parse().unwrap();

    // A tenant served over http may download over http, through a few redirects.
    let response = http.download(&url("/file"), true).await.unwrap();
    assert_eq!(response.text().await.unwrap(), "ok");
    // Not through many.
    let err = http.download(&url("/hop0"), true).await.unwrap_err().to_string();
    assert!(err.contains("did not follow") && !err.contains("SIGNATURE"), "{err}");
    // An https tenant's file is never fetched over http.
    let err = http.download(&url("/hop9"), false).await.unwrap_err().to_string();
    assert!(err.contains("not https") && !err.contains("SIGNATURE"), "{err}");
    // A file host's refusal names the file without its signature.
    Mock::given(path("/denied"))
        .respond_with(ResponseTemplate::new(403).set_body_string("<Error>AccessDenied</Error>"))
        .mount(&server)
        .await;
    let err = http.download(&url("/denied"), true).await.unwrap_err().to_string();
    assert!(err.contains("/denied") && !err.contains("SIGNATURE"), "{err}");
}
