//! A hostile tenant and a hostile machine, round two: numbers no type holds, keys that are not
//! for signing, secrets echoed back, callbacks from strangers, files planted in the way, bodies
//! that never end or expand without bound, and outages in the middle of a follow. The real
//! binary runs against a mock server on loopback; every run ends, and says what happened.

use crate::common;

use std::process::Output;
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

// The hostile tenant's secrets and ways to run the binary against it are round one's.
use super::hostile::{CLIENT_SECRET, MANAGEMENT_TOKEN, with_client_credentials, with_token};

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

// ---- files on a hostile machine: umask 000, planted links, a FIFO and a device as config ----

/// The binary with `umask 000`, as a careless or hostile environment leaves it.
fn under_umask_000(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: umask is async-signal-safe and touches nothing but the child's own state.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

async fn block_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::method("PATCH"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"user_id": "auth0|1", "blocked": true})),
        )
        .mount(&server)
        .await;
    server
}

async fn block_with_data_home(server: &MockServer, data: &std::path::Path) -> Output {
    let mut command = common::binary_with(&["user", "block", "auth0|1", "--yes"]);
    command
        .env("AUTH0_DOMAIN", server.uri())
        .env("AUTH0_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN)
        .env("XDG_DATA_HOME", data);
    under_umask_000(&mut command);
    common::run(command).await
}

#[tokio::test]
async fn under_umask_000_the_audit_folder_is_0700_and_its_log_0600() {
    let server = block_server().await;
    let data = tempfile::tempdir().unwrap();
    let output = block_with_data_home(&server, &data.path().join("fresh")).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let folder = data.path().join("fresh/tenantscope");
    assert_eq!(mode(&data.path().join("fresh")), 0o700);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&folder.join("audit.jsonl")), 0o600);
}

#[tokio::test]
async fn a_link_planted_at_the_audit_log_is_refused_and_its_target_untouched() {
    let server = block_server().await;
    let data = tempfile::tempdir().unwrap();
    let victim = data.path().join("victim");
    std::fs::write(&victim, "keep me\n").unwrap();
    std::fs::create_dir(data.path().join("tenantscope")).unwrap();
    std::os::unix::fs::symlink(&victim, data.path().join("tenantscope/audit.jsonl")).unwrap();
    let output = block_with_data_home(&server, data.path()).await;
    let err = common::stderr(&output);
    assert!(err.contains("could not write the audit log") && err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
}

#[tokio::test]
async fn a_fifo_or_a_device_as_the_config_file_is_one_sentence_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a plain libc call with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    for (config, words) in [(fifo.to_str().unwrap(), "a FIFO"), ("/dev/zero", "a device")] {
        let output = common::run(common::binary_with(&["--config", config, "users"])).await;
        let err = common::stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(err.contains(words) && err.contains("not a regular file"), "{err}");
    }
}

// ---- memory: pages that never end, and pages that are huge ----

/// The binary against `server` with a ready token, and the most memory it held, in MB: its
/// `VmHWM` (the high-water mark of its own address space, which starts afresh at exec), read
/// until it exits. `getrusage` would not do: a child spawned from this large test process
/// carries the parent's size in its `ru_maxrss`.
async fn with_token_measured(server: &MockServer, args: &[&str]) -> (Output, i64) {
    let mut command = common::binary_with(args);
    command
        .env("AUTH0_DOMAIN", server.uri())
        .env("AUTH0_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let child = command.spawn().unwrap();
        let status = format!("/proc/{}/status", child.id());
        let watcher = std::thread::spawn(move || {
            let mut peak = 0;
            while let Ok(text) = std::fs::read_to_string(&status) {
                let Some(kb) = text.lines().find_map(|l| l.strip_prefix("VmHWM:")) else { break };
                peak = peak.max(kb.trim().trim_end_matches(" kB").trim().parse::<i64>().unwrap_or(0));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak / 1024
        });
        let output = child.wait_with_output().unwrap();
        (output, watcher.join().unwrap())
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn huge_full_pages_forever_stay_under_100_mb_and_stop_with_a_sentence() {
    // A page of 100 grants, each carrying 20 KB of scope: 2 MB a page, with a total of 10^18;
    // and pages of sessions, 3 MB each, whose cursor always moves on.
    let server = MockServer::start().await;
    let padding = "x".repeat(20_000);
    let big = "x".repeat(30_000);
    let grants: Vec<Value> = (0..100)
        .map(|i| json!({"id": format!("g{i}"), "clientID": "c", "user_id": "u", "scope": [padding]}))
        .collect();
    let page = json!({"start": 0, "limit": 100, "total": 1_000_000_000_000_000_000u64, "grants": grants});
    Mock::given(path("/api/v2/grants"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;
    let sessions: Vec<Value> = (0..100).map(|i| json!({"id": format!("s{i}"), "note": big})).collect();
    Mock::given(path("/api/v2/users/auth0%7C1/sessions"))
        .respond_with(move |request: &wiremock::Request| {
            let from = request.url.query_pairs().find(|(k, _)| k == "from").map_or(0, |(_, v)| v.len());
            ResponseTemplate::new(200)
                .set_body_json(json!({"sessions": sessions, "next": "n".repeat(from + 1)}))
        })
        .mount(&server)
        .await;
    for (args, words) in [
        (&["grants", "--json"][..], "reaches the first 1,000 grants"),
        (&["sessions", "--user", "auth0|1", "--json"], "more than 24 MiB of JSON"),
    ] {
        let (output, resident) = with_token_measured(&server, args).await;
        let err = common::stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(common::stdout(&output).is_empty(), "nothing half-listed: {args:?}");
        assert!(resident < 100, "{args:?} held {resident} MB");
    }
}

#[tokio::test]
async fn pages_and_answers_of_tiny_values_are_refused_before_they_are_parsed() {
    // 3 bytes a value: 2 MB of `{},` is 700,000 values, gigabytes once parsed if nothing counted.
    let server = MockServer::start().await;
    let tiny = |n: usize| format!("[{}{{}}]", "{},".repeat(n));
    let grants: Vec<Value> = (0..100)
        .map(|i| json!({"id": format!("g{i}"), "clientID": "c", "user_id": "u", "scope": []}))
        .collect();
    let mut page = serde_json::to_string(&json!({"total": 1000, "grants": grants})).unwrap();
    // Each grant's scope holds 7,000 empty objects instead.
    page = page.replace("\"scope\":[]", &format!("\"scope\":{}", tiny(7_000)));
    Mock::given(path("/api/v2/grants"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(page, "application/json"))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/users-by-email"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(tiny(700_000), "application/json"))
        .mount(&server)
        .await;
    for (args, words) in [
        (&["grants", "--json"][..], "the grants listing holds more than 400,000 JSON values"),
        (&["user", "ada@example.com", "--json"], "the answer holds more than 400,000 JSON values"),
    ] {
        let (output, resident) = with_token_measured(&server, args).await;
        let err = common::stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(resident < 100, "{args:?} held {resident} MB");
    }
}

// ---- time: bodies that stall or drip ----

/// A raw HTTP server on loopback: the first `stalls` connections get headers and half a body,
/// then silence; the others get `body` whole. Returns its base URL and the request lines seen.
async fn stalling_server(
    stalls: usize,
    status: u16,
    body: &'static str,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        let mut count = 0;
        while let Ok((mut socket, _)) = listener.accept().await {
            count += 1;
            let stall = count <= stalls;
            let log = log.clone();
            tokio::spawn(async move {
                let mut request = vec![0u8; 8192];
                let n = socket.read(&mut request).await.unwrap_or(0);
                let line = String::from_utf8_lossy(&request[..n]).lines().next().unwrap_or("").to_string();
                log.lock().unwrap().push(line);
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                if stall {
                    let _ = socket.write_all(&body.as_bytes()[..body.len() / 2]).await;
                    tokio::time::sleep(Duration::from_secs(60)).await;
                } else {
                    let _ = socket.write_all(body.as_bytes()).await;
                }
            });
        }
    });
    (base, seen)
}

fn quick_client(base: &str) -> tenantscope::auth0::ManagementClient {
    use tenantscope::auth0::{Credentials, Http, HttpOptions, ManagementClient, Tenant};
    let options = HttpOptions {
        request_timeout: Duration::from_millis(500),
        backoff: Duration::from_millis(10),
        ..HttpOptions::default()
    };
    let tenant = Tenant::parse(base).unwrap();
    let token = Credentials::Token(secrecy::SecretString::from(MANAGEMENT_TOKEN));
    ManagementClient::new(Http::new(options).unwrap(), tenant, token, false)
}

#[tokio::test]
async fn a_get_whose_body_stalls_is_read_again_within_the_retry_budget() {
    let (base, seen) = stalling_server(1, 200, r#"{"user_id":"auth0|1","name":"Ada"}"#).await;
    let user = quick_client(&base).user("auth0|1").await.unwrap();
    assert_eq!(user.user_id(), Some("auth0|1"));
    assert_eq!(seen.lock().unwrap().len(), 2, "read once more after the stall");

    // Past the budget (two retries), it ends in a sentence.
    let (base, seen) = stalling_server(10, 200, r#"{"user_id":"auth0|1"}"#).await;
    let err = quick_client(&base).user("auth0|1").await.unwrap_err().to_string();
    assert!(err.contains("did not answer within"), "{err}");
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_delete_whose_body_stalls_is_never_sent_again() {
    let (base, seen) = stalling_server(10, 200, r#"{"ok":true}"#).await;
    let err = quick_client(&base).delete_grant("g1").await.unwrap_err();
    assert!(err.is_transient(), "{err}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("DELETE"), "{seen:?}");
}

#[tokio::test]
async fn an_error_body_that_never_ends_is_cut_and_the_status_still_explained() {
    let (base, _) =
        stalling_server(10, 403, r#"{"statusCode":403,"error":"Forbidden","message":"Insufficient scope"}"#)
            .await;
    let started = std::time::Instant::now();
    let err = quick_client(&base).user("auth0|1").await.unwrap_err().to_string();
    assert!(err.contains("403"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "bounded by the request timeout");
}

// ---- the users export: a file dripped, an error body dripped, a gzip bomb ----

/// A raw server whose every answer is `status` with `body` dripped one byte every 200 ms.
async fn drip_server(status: u16, body: Vec<u8>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut request = vec![0u8; 8192];
                let _ = socket.read(&mut request).await;
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                for byte in body {
                    if socket.write_all(&[byte]).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            });
        }
    });
    base
}

/// A tenant whose export job completes at once, with its file at `location`.
async fn export_job_at(location: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::method("POST"))
        .and(path("/api/v2/jobs/users-exports"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "job_1", "status": "pending"})))
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/jobs/job_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "job_1", "status": "completed", "location": location})),
        )
        .mount(&server)
        .await;
    server
}

fn export_client(server: &MockServer) -> tenantscope::auth0::ManagementClient {
    use tenantscope::auth0::download_guard::DownloadLimits;
    use tenantscope::auth0::{Credentials, Http, HttpOptions, ManagementClient, Tenant};
    let download =
        DownloadLimits { min_rate: 1024, window: Duration::from_secs(1), ..DownloadLimits::default() };
    let options = HttpOptions { request_timeout: Duration::from_secs(1), download, ..HttpOptions::default() };
    let token = Credentials::Token(secrecy::SecretString::from(MANAGEMENT_TOKEN));
    ManagementClient::new(Http::new(options).unwrap(), Tenant::parse(&server.uri()).unwrap(), token, false)
}

#[tokio::test]
async fn a_dripped_export_file_or_error_body_is_cut_with_the_figures() {
    use std::io::Write;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2_000 {
        writeln!(gzip, "{{\"user_id\":\"auth0|{i}\"}}").unwrap();
    }
    let file = gzip.finish().unwrap();
    for (status, words) in [(200, "under the 1 KiB/s tenantscope waits for"), (500, "500")] {
        let drip = drip_server(status, file.clone()).await;
        let server = export_job_at(&format!("{drip}/export.json.gz")).await;
        let started = std::time::Instant::now();
        let result = tenantscope::auth0::export::export_users(&export_client(&server), |_| {}, |_| {}).await;
        let err = result.unwrap_err().to_string();
        assert!(err.contains(words), "{status}: {err}");
        assert!(started.elapsed() < Duration::from_secs(15), "{status}: cut, not waited out");
    }
}

#[tokio::test]
async fn a_gzip_bomb_stops_with_a_sentence_once_it_expands_past_any_real_export() {
    use std::io::Write;
    // 80 MiB of blank lines, as 80 gzip members of 1 MiB each: about 80 KB, a thousand-fold.
    let mut line = vec![b' '; 1023];
    line.push(b'\n');
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&line.repeat(1024)).unwrap();
    let member = gzip.finish().unwrap();
    let bomb = member.repeat(80);
    let server = MockServer::start().await;
    let location = format!("{}/export.json.gz", server.uri());
    let jobs = export_job_at(&location).await;
    Mock::given(path("/export.json.gz"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bomb))
        .mount(&server)
        .await;
    let output = with_token(&jobs, &["users", "--all"]).await;
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("expands more than 200-fold") && err.contains("stopped after 0 users"), "{err}");
}
