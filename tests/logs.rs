//! Logs and blocking against the simulated tenant: searches and checkpoints as the contract says,
//! the tenant's own activity in its log, following without losing or repeating an event while
//! other calls run, and blocking through the binary.

mod common;

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
