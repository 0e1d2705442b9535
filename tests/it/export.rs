//! Every user through an export job: the simulated tenant's job lifecycle and file, the client's
//! polling and streamed decompression, `users --all`, and downloads that go wrong.

use crate::common;

use std::io::Read;
use std::time::Duration;

use serde_json::{Value, json};
use tenantscope::auth0::export::{ExportProgress, export_users};
use tenantscope::sim::SimOptions;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn quick_export(users: usize) -> SimOptions {
    SimOptions { users, export_delay: Duration::from_millis(600), ..SimOptions::default() }
}

#[tokio::test]
async fn the_job_goes_from_pending_to_completed_and_the_file_is_gzipped_ndjson() {
    let sim = common::start_sim(quick_export(120)).await;
    let http = reqwest::Client::new();
    let token = common::management_token(&sim, tenantscope::sim::seed::FULL_ACCESS_APP).await;
    let token = token.as_str();
    let created = http
        .post(format!("{}/api/v2/jobs/users-exports", sim.base_url()))
        .bearer_auth(token)
        .json(&json!({"format": "json", "fields": [{"name": "user_id"}, {"name": "email"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200, "Auth0 answers 200 to a new export job (the contract)");
    let job: Value = created.json().await.unwrap();
    assert_eq!((job["type"].as_str(), job["status"].as_str()), (Some("users_export"), Some("pending")));
    let id = job["id"].as_str().unwrap();
    let status = |body: &Value| body["status"].as_str().unwrap_or_default().to_string();
    let mut seen = Vec::new();
    let location = loop {
        let body: Value = http
            .get(format!("{}/api/v2/jobs/{id}", sim.base_url()))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if seen.last() != Some(&status(&body)) {
            seen.push(status(&body));
        }
        if let Some(location) = body["location"].as_str() {
            break location.to_string();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(seen.first().map(String::as_str), Some("pending"));
    assert_eq!(seen.last().map(String::as_str), Some("completed"));
    // The file needs no token, like Auth0's pre-signed download.
    let gz = http.get(&location).send().await.unwrap().bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 120);
    assert!(lines.iter().all(|u| u.as_object().unwrap().len() == 2 && u["user_id"].is_string()));

    let missing =
        http.get(format!("{}/api/v2/jobs/job_nope", sim.base_url())).bearer_auth(token).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_client_streams_every_user_and_reports_progress() {
    let sim = common::start_sim(quick_export(2500)).await;
    let client = common::client_for(&sim, &sim.full_access());
    let progress = std::sync::Mutex::new(Vec::new());
    let mut users = Vec::new();
    let count = export_users(&client, |p| progress.lock().unwrap().push(p), |u| users.push(u)).await.unwrap();
    assert_eq!(count.users, 2500);
    let expected: Vec<Value> = sim.state.tenant().users.iter().map(|u| Value::Object(u.clone())).collect();
    let got: Vec<Value> = users.iter().map(|u| Value::Object(u.user().0)).collect();
    assert_eq!(got, expected, "every user, every field, in order");
    let progress = progress.into_inner().unwrap();
    assert!(matches!(progress.first(), Some(ExportProgress::Queued { .. })));
    assert!(matches!(progress.last(), Some(ExportProgress::Downloading { users: 2500, .. })));
    // Past the search limit, and without hammering: a handful of polls, not a tight loop.
    let polls = sim.state.received().iter().filter(|r| r.target.starts_with("/api/v2/jobs/job_")).count();
    assert!((1..=6).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn a_download_that_is_not_gzip_is_an_error_not_a_panic() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/jobs/users-exports"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": "job_1", "type": "users_export", "status": "pending"})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/v2/jobs/job_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": "job_1", "type": "users_export", "status": "completed", "location": format!("{}/file.json.gz", server.uri())}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/file.json.gz"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<Error>AccessDenied</Error>"))
        .mount(&server)
        .await;
    let http = tenantscope::auth0::Http::new(common::quick_options()).unwrap();
    let tenant = tenantscope::auth0::Tenant::parse(&server.uri()).unwrap();
    let client = tenantscope::auth0::ManagementClient::new(
        http,
        tenant,
        tenantscope::auth0::Credentials::Token(secrecy::SecretString::from("t")),
        false,
    );
    let err = export_users(&client, |_| {}, |_| {}).await.unwrap_err();
    assert!(err.to_string().contains("not gzip") || err.to_string().contains("gzip"), "{err}");
    let download = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.url.path() == "/file.json.gz")
        .unwrap();
    assert!(!download.headers.contains_key("authorization"), "the token never goes to the file's host");
}

#[tokio::test]
async fn users_all_prints_every_user_as_a_json_line() {
    let sim = common::start_sim(quick_export(1500)).await;
    let output = common::run_cli(&sim, &["users", "--all"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let lines: Vec<Value> =
        common::stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1500, "past the 1000-result limit");
    let err = common::stderr(&output);
    assert!(err.contains("queued") && err.contains("exported 1500 users"), "{err}");
    // --json is accepted beside --all: the output is JSON lines either way.
    let output = common::run_cli(&sim, &["users", "--all", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_eq!(common::stdout(&output).lines().count(), 1500);
}

/// The scale the issue names: a tenant of 100,000 users, every one of them read through the
/// export and into table rows, over loopback.
#[tokio::test]
async fn a_tenant_of_100_000_users_exports_completely() {
    let sim = common::start_sim(quick_export(100_000)).await;
    let client = common::client_for(&sim, &sim.full_access());
    let mut rows = Vec::with_capacity(100_000);
    let count = export_users(&client, |_| {}, |row| rows.push(row)).await.unwrap();
    assert_eq!(count.users, 100_000);
    let tenant = sim.state.tenant();
    let expected: Vec<String> =
        tenant.users.iter().filter_map(|u| Some(u.get("user_id")?.as_str()?.to_string())).collect();
    let got: Vec<String> = rows.iter().filter_map(|row| row.user_id().map(str::to_string)).collect();
    assert_eq!(got.len(), 100_000);
    assert!(got == expected, "every user, in the tenant's order");
}
