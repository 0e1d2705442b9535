//! The access layer over real loopback HTTP: against the simulated tenant, and against wiremock
//! for answers the simulated tenant never gives (malformed bodies, hangs, Retry-After).

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use tenantscope::auth0::http::WaitReason;
use tenantscope::auth0::{
    Auth0Error, Credentials, Deleted, GrantFilter, Http, HttpEvent, HttpOptions, ManagementClient, SearchEnd,
    Tenant, UserQuery,
};
use tenantscope::sim::{LimitConfig, SimOptions, seed};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn waits(events: &[HttpEvent]) -> Vec<(WaitReason, Duration)> {
    events
        .iter()
        .filter_map(|event| match event {
            HttpEvent::Waiting { reason, wait, .. } => Some((reason.clone(), *wait)),
            HttpEvent::Pages(_) | HttpEvent::RateLimit(_) | HttpEvent::Sent(_) => None,
        })
        .collect()
}

#[tokio::test]
async fn search_follows_pages_and_stops_cleanly_at_auth0s_1000_limit() {
    let sim = common::start_sim(SimOptions { users: 1200, ..SimOptions::default() }).await;
    let client = common::client_for(&sim, &sim.full_access());
    let search = client.search_users(&UserQuery::default(), 5000).await.unwrap();
    assert_eq!(search.users.len(), 1000);
    assert_eq!(search.total, Some(1200));
    assert_eq!(search.end, SearchEnd::SearchCap);
    let pages = sim.state.received().iter().filter(|r| r.target.starts_with("/api/v2/users?")).count();
    assert_eq!(pages, 10, "ten pages of 100, and no request past the limit");
}

#[tokio::test]
async fn search_with_a_query_pages_past_one_page_and_reports_the_callers_limit() {
    let sim = common::start_sim(SimOptions { users: 600, ..SimOptions::default() }).await;
    let client = common::client_for(&sim, &sim.full_access());
    let query = UserQuery {
        q: Some("identities.connection:Username-Password-Authentication".into()),
        ..Default::default()
    };
    let all = client.search_users(&query, 1000).await.unwrap();
    assert!(all.users.len() > 100, "more than one page matches");
    assert_eq!(all.end, SearchEnd::Complete);
    assert!(all.users.iter().all(|u| u.connection() == Some("Username-Password-Authentication")));
    let some = client.search_users(&query, 150).await.unwrap();
    assert_eq!(some.users.len(), 150);
    assert_eq!(some.end, SearchEnd::CallerLimit);
    assert_eq!(some.users[..], all.users[..150]);
}

#[tokio::test]
async fn a_429_is_waited_out_not_hammered() {
    let sim = common::start_sim(SimOptions {
        limit: LimitConfig { capacity: 3, per_second: 4.0 },
        ..SimOptions::default()
    })
    .await;
    let (client, events) = common::client_with(&sim, &sim.full_access(), common::quick_options(), false);
    let id = sim.state.tenant().users.at(0).unwrap()["user_id"].as_str().unwrap().to_string();
    for _ in 0..8 {
        client.user(&id).await.expect("every call succeeds in the end");
    }
    let waits = waits(&events.lock().unwrap());
    let rate_limited: Vec<_> =
        waits.iter().filter(|(r, _)| matches!(r, WaitReason::RateLimited(_))).collect();
    assert!(!rate_limited.is_empty(), "the burst hit the limit");
    for (reason, wait) in &rate_limited {
        assert!(*wait > Duration::ZERO && *wait <= HttpOptions::default().max_wait, "{reason:?} {wait:?}");
        assert!(matches!(reason, WaitReason::RateLimited(m) if m == "Global limit has been reached"));
    }
    let sent = sim.state.received().iter().filter(|r| r.target.starts_with("/api/v2/")).count();
    assert_eq!(sent, 8 + rate_limited.len(), "one retry per wait, nothing in between");
    let limit = client.rate_limit().expect("rate-limit headers were read");
    assert_eq!(limit.limit, 3);
}

#[tokio::test]
async fn insufficient_scope_keeps_auth0s_words_and_names_the_scope() {
    let sim = common::default_sim().await;
    let client = common::client_for(&sim, &sim.app(seed::READ_ONLY_APP).unwrap());
    let err = client.client_names().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.code(), Some("insufficient_scope"));
    assert!(err.to_string().contains("Insufficient scope, expected any of: read:clients"));
    assert!(err.hint().unwrap().contains("read:clients"));
}

#[tokio::test]
async fn an_expired_token_is_fetched_again_once() {
    let sim = common::default_sim().await;
    let client = common::client_for(&sim, &sim.full_access());
    client.grants(&GrantFilter::default()).await.unwrap();
    // The tenant's clock moves two days on; the client still holds the token it cached.
    sim.state.clock.advance(2 * 86_400);
    client.grants(&GrantFilter::default()).await.unwrap();
    let token_requests = sim.state.received().iter().filter(|r| r.target == "/oauth/token").count();
    assert_eq!(token_requests, 2);
}

#[tokio::test]
async fn wrong_client_secret_is_auth0s_access_denied() {
    let sim = common::default_sim().await;
    let mut app = sim.full_access();
    app.client_secret = Some("not-the-secret".into());
    let client = common::client_for(&sim, &app);
    let err = client.user("auth0|x").await.unwrap_err();
    assert_eq!(err.to_string(), "Auth0 answered 401 access_denied: Unauthorized");
    assert!(!err.with_hint().contains("not-the-secret"));
}

#[tokio::test]
async fn ids_with_pipes_and_slashes_reach_the_right_user() {
    let sim = common::default_sim().await;
    let client = common::client_for(&sim, &sim.full_access());
    let id = common::id_with_slash(&sim);
    assert_eq!(client.user(&id).await.unwrap().user_id(), Some(id.as_str()));
    let grants =
        client.grants(&GrantFilter { user_id: Some(id.clone()), ..Default::default() }).await.unwrap();
    assert!(grants.iter().all(|g| g.user_id() == Some(id.as_str())));
    assert!(sim.state.received().iter().any(|r| r.target.contains("%7C") && r.target.contains("%2F")));
}

#[tokio::test]
async fn read_only_refuses_before_anything_is_sent() {
    let sim = common::default_sim().await;
    let (client, _) = common::client_with(&sim, &sim.full_access(), common::quick_options(), true);
    let grant_id = sim.state.tenant().grants[0]["id"].as_str().unwrap().to_string();
    assert!(matches!(client.delete_grant(&grant_id).await, Err(Auth0Error::ReadOnly { .. })));
    assert!(matches!(client.delete_user_grants("auth0|x").await, Err(Auth0Error::ReadOnly { .. })));
    assert!(matches!(client.delete_device_credential("dcr_x").await, Err(Auth0Error::ReadOnly { .. })));
    assert!(sim.state.received().is_empty(), "not even a token request");
    assert!(sim.state.tenant().grants.iter().any(|g| g["id"] == grant_id.as_str()));
}

#[tokio::test]
async fn deleting_a_device_credential_removes_it() {
    let sim = common::default_sim().await;
    let client = common::client_for(&sim, &sim.full_access());
    let id = sim.state.tenant().device_credentials[0]["id"].as_str().unwrap().to_string();
    assert_eq!(client.delete_device_credential(&id).await.unwrap(), Deleted::Now);
    assert!(!sim.state.tenant().device_credentials.iter().any(|d| d["id"] == id.as_str()));
}

// ---- answers the simulated tenant never gives ----

fn token_client(server: &MockServer, options: HttpOptions) -> ManagementClient {
    events_client(server, options).0
}

fn events_client(
    server: &MockServer,
    options: HttpOptions,
) -> (ManagementClient, Arc<std::sync::Mutex<Vec<HttpEvent>>>) {
    let events = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = events.clone();
    let http = Http::new(options).unwrap().with_events(Arc::new(move |e| sink.lock().unwrap().push(e)));
    let tenant = Tenant::parse(&server.uri()).unwrap();
    let client =
        ManagementClient::new(http, tenant, Credentials::Token(SecretString::from("test-token")), false);
    (client, events)
}

#[tokio::test]
async fn a_malformed_body_is_an_error_naming_the_url() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v2/users/auth0%7Cx"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"user_id\": "))
        .mount(&server)
        .await;
    let err = token_client(&server, common::quick_options()).user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::MalformedBody { .. }), "{err:?}");
    assert!(err.to_string().contains("/api/v2/users/auth0%7Cx"));
}

#[tokio::test]
async fn an_html_error_page_is_quoted_not_parsed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403).set_body_string("<html><body>Forbidden by proxy</body></html>"),
        )
        .mount(&server)
        .await;
    let err = token_client(&server, common::quick_options()).user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::UnexpectedStatus { status: 403, .. }), "{err:?}");
    assert!(err.hint().unwrap().contains("--domain"));
}

#[tokio::test]
async fn a_refused_connection_is_retried_a_bounded_number_of_times() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let events = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = events.clone();
    let http = Http::new(common::quick_options())
        .unwrap()
        .with_events(Arc::new(move |e| sink.lock().unwrap().push(e)));
    let tenant = Tenant::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = ManagementClient::new(http, tenant, Credentials::Token(SecretString::from("t")), false);
    let err = client.user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::Connection { .. }), "{err:?}");
    assert!(err.hint().unwrap().contains("--domain"));
    let events = events.lock().unwrap();
    assert_eq!(waits(&events).len(), HttpOptions::default().transient_retries as usize);
    let sent: Vec<_> = events.iter().filter(|e| matches!(e, HttpEvent::Sent(_))).collect();
    assert_eq!(sent.len(), 1, "one request, however many attempts: {sent:?}");
    let HttpEvent::Sent(sent) = sent[0] else { unreachable!() };
    assert_eq!((sent.status, sent.retries), (None, 2));
    assert!(
        sent.to_string().starts_with("GET /api/v2/users/auth0%7Cx → no answer: could not connect"),
        "{sent}"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_first() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(serde_json::json!({"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"user_id":"auth0|x"})))
        .mount(&server)
        .await;
    let (client, events) = events_client(&server, common::quick_options());
    client.user("auth0|x").await.unwrap();
    let waits = waits(&events.lock().unwrap());
    assert_eq!(waits.len(), 1);
    assert!(waits[0].1 >= Duration::from_secs(1) && waits[0].1 < Duration::from_millis(1300), "{waits:?}");
}

#[tokio::test]
async fn rate_limiting_that_never_ends_gives_up_after_three_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0").set_body_json(
            serde_json::json!({"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}),
        ))
        .mount(&server)
        .await;
    let err = token_client(&server, common::quick_options()).user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::RateLimited { retries: 3, .. }), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_delete_retried_after_a_429_that_finds_nothing_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            serde_json::json!({"statusCode":404,"error":"Not Found","message":"The grant does not exist."}),
        ))
        .mount(&server)
        .await;
    // A 429 means Auth0 did not act on the first attempt: the 404 is the whole truth.
    let err = token_client(&server, common::quick_options()).delete_grant("g1").await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
}

#[tokio::test]
async fn a_delete_is_not_repeated_after_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let err = token_client(&server, common::quick_options()).delete_grant("g1").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_get_is_retried_after_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"user_id":"auth0|x"})))
        .mount(&server)
        .await;
    let user = token_client(&server, common::quick_options()).user("auth0|x").await.unwrap();
    assert_eq!(user.user_id(), Some("auth0|x"));
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let options = HttpOptions {
        request_timeout: Duration::from_millis(200),
        transient_retries: 1,
        ..common::quick_options()
    };
    let err = token_client(&server, options).user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(64 * 1024)))
        .mount(&server)
        .await;
    let options = HttpOptions { max_body_bytes: 16 * 1024, ..common::quick_options() };
    let err = token_client(&server, options).user("auth0|x").await.unwrap_err();
    assert!(matches!(err, Auth0Error::BodyTooLarge { .. }), "{err:?}");
}
