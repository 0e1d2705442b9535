//! Logs and blocking against the simulated tenant: searches and checkpoints as the contract says,
//! the tenant's own activity in its log, following without losing or repeating an event while
//! other calls run, and blocking through the binary.

use crate::common;

use std::collections::HashSet;
use std::time::Duration;

use secrecy::SecretString;
use serde_json::Value;
use tenantscope::auth0::log_event::LogEvent;
use tenantscope::auth0::logs_follow::{Filter, Follower};
use tenantscope::auth0::{
    AppCredentials, AuthenticationApi, Http, HttpEvent, HttpOptions, Tenant, UserQuery,
};
use tenantscope::sim::log_book::Entry;

#[tokio::test]
async fn a_refresh_with_a_dead_token_is_in_the_log_as_fertft() {
    let sim = common::default_sim().await;
    let app = sim.app("Acme iOS").unwrap();
    let auth = AuthenticationApi::new(
        Http::new(HttpOptions::default()).unwrap(),
        Tenant::parse(sim.base_url()).unwrap(),
    );
    let credentials = AppCredentials { client_id: app.client_id.clone(), client_secret: None };
    assert!(
        auth.refresh(&credentials, &SecretString::from("v1.Mdead0token0value0".to_string())).await.is_err()
    );
    let output = common::run_cli(&sim, &["logs", "--type", "fertft", "--take", "1", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let events: Vec<Value> = serde_json::from_str(&common::stdout(&output)).unwrap();
    assert_eq!(events[0]["description"], "Unknown or invalid refresh token.");
    assert_eq!(events[0]["client_id"], app.client_id.as_str());
    assert_eq!(events[0]["details"]["failure_reason"], "invalid_token");
}

#[tokio::test]
async fn checkpoint_paging_ignores_q_and_points_on() {
    let sim = common::default_sim().await;
    let token = common::management_token(&sim, tenantscope::sim::seed::FULL_ACCESS_APP).await;
    let response = reqwest::Client::new()
        .get(format!("{}/api/v2/logs?from=0&take=5&q=type:nothing", sim.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let link = response.headers().get("link").unwrap().to_str().unwrap().to_string();
    let events: Vec<Value> = response.json().await.unwrap();
    assert_eq!(events.len(), 5, "q is ignored in checkpoint mode");
    assert!(
        link.contains(&format!("from={}", events[4]["log_id"].as_str().unwrap()))
            && link.ends_with("rel=\"next\"")
    );
}

#[tokio::test]
async fn following_loses_and_repeats_nothing_while_other_calls_run() {
    let sim = common::default_sim().await;
    let (client, events) = common::client_with(&sim, &sim.full_access(), common::quick_options(), false);
    let mut follower = Follower::start(&client, None, Filter::default()).await.unwrap();
    let writer_state = sim.state.clone();
    let writer = tokio::spawn(async move {
        for burst in 0..20 {
            for i in 0..50 {
                let now = writer_state.clock.now_datetime();
                let description = format!("event {}", burst * 50 + i);
                writer_state.tenant().logs.write(
                    now,
                    "s",
                    Entry { description: &description, ..Entry::default() },
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let other = client.clone();
    let busy = tokio::spawn(async move {
        for _ in 0..10 {
            let _ = other.users_page(&UserQuery::default(), 0, 10).await;
        }
    });
    let mut seen: Vec<LogEvent> = Vec::new();
    for _ in 0..40 {
        seen.extend(follower.poll(&client).await.unwrap());
        if seen.len() >= 1000 && writer.is_finished() {
            break;
        }
        tokio::time::sleep(follower.next_wait(client.rate_limit()).min(Duration::from_millis(300))).await;
    }
    busy.await.unwrap();
    let ids: Vec<&str> = seen.iter().filter_map(LogEvent::log_id).collect();
    assert_eq!(ids.len(), 1000, "every event written during the follow, once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1000, "none twice");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert_eq!(seen[999].description(), Some("event 999"));
    let waited_on_429 = events.lock().unwrap().iter().any(|e| matches!(e, HttpEvent::Waiting { .. }));
    assert!(!waited_on_429, "no 429 at the default limits");
}

#[tokio::test]
async fn blocking_through_the_binary_is_confirmed_audited_and_refused_read_only() {
    let sim = common::default_sim().await;
    let user_id = sim.state.tenant().users.iter().find(|u| u.get("blocked").is_none()).unwrap()["user_id"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = common::run_cli(&sim, &["user", "block", &user_id]).await;
    assert_eq!(refused.status.code(), Some(2), "off a terminal, blocking needs --yes");
    let read_only = common::run_cli(&sim, &["--read-only", "user", "block", &user_id, "--yes"]).await;
    assert_eq!(read_only.status.code(), Some(2));
    let audit = tempfile::NamedTempFile::new().unwrap();
    let audit_path = audit.path().to_str().unwrap().to_string();
    let blocked =
        common::run_cli(&sim, &["--audit-log", &audit_path, "user", "block", &user_id, "--yes"]).await;
    assert_eq!(blocked.status.code(), Some(0), "{}", common::stderr(&blocked));
    let said = common::stdout(&blocked);
    assert!(said.starts_with(&format!("revoked: block of user {user_id} — ")), "{said}");
    assert!(said.contains("\"blocked\": true"), "proven by Auth0's answer: {said}");
    assert!(common::stderr(&blocked).contains("live on until revoked"), "what blocking does not do is said");
    let user = sim.state.tenant().user(&user_id).unwrap();
    assert_eq!(user["blocked"], true);
    let line: Value =
        serde_json::from_str(std::fs::read_to_string(audit.path()).unwrap().lines().last().unwrap()).unwrap();
    assert_eq!(
        (line["action"].as_str(), line["target"].as_str()),
        (Some("block_user"), Some(user_id.as_str()))
    );
    let unblocked = common::run_cli(&sim, &["user", "unblock", &user_id, "--yes"]).await;
    assert_eq!(unblocked.status.code(), Some(0));
    assert!(sim.state.tenant().user(&user_id).unwrap().get("blocked").is_none());
}

#[tokio::test]
async fn brute_force_blocks_are_listed_and_cleared() {
    let sim = common::default_sim().await;
    let (user_id, identifier) = sim
        .state
        .tenant()
        .brute_force_blocks
        .first()
        .map(|b| (b.0.clone(), b.1.clone()))
        .expect("the seed has one");
    let listed = common::run_cli(&sim, &["user", "blocks", &identifier]).await;
    assert_eq!(listed.status.code(), Some(0), "{}", common::stderr(&listed));
    assert!(common::stdout(&listed).contains(&identifier));
    let cleared = common::run_cli(&sim, &["user", "unblock-attempts", &user_id, "--yes"]).await;
    assert_eq!(cleared.status.code(), Some(0), "{}", common::stderr(&cleared));
    assert!(!sim.state.tenant().brute_force_blocks.iter().any(|b| b.0 == user_id));
}

// ---- a follow through an outage ----

/// A TCP proxy to `upstream` that can be cut: while it is down every connection, open or new,
/// is dropped, as a network outage or a restarting load balancer drops them.
struct CuttableProxy {
    url: String,
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
    open: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl CuttableProxy {
    async fn start(upstream: std::net::SocketAddr) -> CuttableProxy {
        use std::sync::atomic::Ordering;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let open = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (is_down, connections) = (down.clone(), open.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if is_down.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let forward = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                connections.lock().unwrap().push(forward);
            }
        });
        CuttableProxy { url, down, open }
    }

    fn cut(&self) {
        self.down.store(true, std::sync::atomic::Ordering::SeqCst);
        for connection in self.open.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    fn restore(&self) {
        self.down.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

fn write_events(sim: &tenantscope::sim::SimHandle, range: std::ops::Range<usize>) {
    for i in range {
        let now = sim.state.clock.now_datetime();
        let description = format!("event {i}");
        sim.state.tenant().logs.write(now, "s", Entry { description: &description, ..Entry::default() });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_follow_survives_a_15_second_outage_and_delivers_every_event_once() {
    use std::io::BufRead;
    let sim = common::default_sim().await;
    let upstream = sim.base_url().trim_start_matches("http://").parse().unwrap();
    let proxy = CuttableProxy::start(upstream).await;
    let token = common::management_token(&sim, tenantscope::sim::seed::FULL_ACCESS_APP).await;
    let mut command = common::binary_with(&["logs", "--follow", "--json"]);
    command
        .env("AUTH0_DOMAIN", &proxy.url)
        .env("AUTH0_MANAGEMENT_TOKEN", &token)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let (seen, stdout) = (lines.clone(), child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            seen.lock().unwrap().push(line);
        }
    });
    let stderr = child.stderr.take().unwrap();
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let heard = said.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            heard.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let wait_for = |count: usize, patience: Duration| {
        let lines = lines.clone();
        async move {
            let deadline = std::time::Instant::now() + patience;
            while lines.lock().unwrap().len() < count && std::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            lines.lock().unwrap().len()
        }
    };
    while !said.lock().unwrap().contains("following") {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    write_events(&sim, 0..10);
    assert_eq!(wait_for(10, Duration::from_secs(10)).await, 10, "{}", said.lock().unwrap());

    proxy.cut();
    tokio::time::sleep(Duration::from_secs(2)).await;
    write_events(&sim, 10..30);
    tokio::time::sleep(Duration::from_secs(13)).await;
    proxy.restore();
    write_events(&sim, 30..40);
    let got = wait_for(40, Duration::from_secs(30)).await;

    // SAFETY: a plain kill(2) of our own child: Ctrl-C, which the follow ends on.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    let said = said.lock().unwrap().clone();
    assert_eq!(got, 40, "every event, those written during the outage too:\n{said}");
    let told = said.lines().filter(|l| l.contains("retrying in")).count();
    assert!(told <= 2, "once the follow says it lost the tenant, retries are not told one by one:\n{said}");
    assert!(status.success(), "{status:?}: {said}");
    assert!(said.contains("lost the tenant") && said.contains("regained the tenant"), "{said}");
    let events: Vec<Value> = lines.lock().unwrap().iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let descriptions: Vec<&str> = events.iter().map(|e| e["description"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..40).map(|i| format!("event {i}")).collect();
    assert_eq!(descriptions, expected, "in order, none twice");
}
