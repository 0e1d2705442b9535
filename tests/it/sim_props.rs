//! The simulated tenant under random sequences of requests, over real sockets: whatever state
//! revokes, blocks, refreshes and their events leave it in, every handler answers (a panicking
//! handler drops the connection, which fails the property), and never with a 5xx.

use crate::common;

use std::time::Duration;

use proptest::prelude::*;
use reqwest::{Client, Method};
use serde_json::{Value, json};
use tenantscope::sim::{SimHandle, SimOptions};

/// One request, aimed at an item picked by index among what the tenant holds now (or at an id
/// that never existed).
#[derive(Debug, Clone)]
enum Step {
    DeleteGrant(usize),
    DeleteUserGrants(usize),
    DeleteDevice(usize),
    DeleteSession(usize),
    DeleteUserSessions(usize),
    DeleteRefreshToken(usize),
    DeleteUserRefreshTokens(usize),
    RevokeHeld(usize),
    Refresh(usize),
    Block(usize, bool),
    ClearBlocks(usize),
    ReadUserLogs(usize),
    ReadLogs,
    ReadSession(usize),
    ReadRefreshToken(usize),
    ReadGrants(usize),
    Settle,
}

fn step() -> impl Strategy<Value = Step> {
    let i = 0usize..40;
    prop_oneof![
        i.clone().prop_map(Step::DeleteGrant),
        i.clone().prop_map(Step::DeleteUserGrants),
        i.clone().prop_map(Step::DeleteDevice),
        i.clone().prop_map(Step::DeleteSession),
        i.clone().prop_map(Step::DeleteUserSessions),
        i.clone().prop_map(Step::DeleteRefreshToken),
        i.clone().prop_map(Step::DeleteUserRefreshTokens),
        i.clone().prop_map(Step::RevokeHeld),
        i.clone().prop_map(Step::Refresh),
        (i.clone(), any::<bool>()).prop_map(|(n, b)| Step::Block(n, b)),
        i.clone().prop_map(Step::ClearBlocks),
        i.clone().prop_map(Step::ReadUserLogs),
        Just(Step::ReadLogs),
        i.clone().prop_map(Step::ReadSession),
        i.clone().prop_map(Step::ReadRefreshToken),
        i.prop_map(Step::ReadGrants),
        Just(Step::Settle),
    ]
}

/// What the tenant holds now, to aim steps at: ids past the end are ids that never existed.
struct Aim {
    users: Vec<String>,
    grants: Vec<String>,
    devices: Vec<String>,
    sessions: Vec<String>,
    tokens: Vec<(String, String, String)>,
}

fn aim(sim: &SimHandle) -> Aim {
    let tenant = sim.state.tenant();
    let ids = |items: &[serde_json::Map<String, Value>]| -> Vec<String> {
        items.iter().filter_map(|o| o.get("id").and_then(Value::as_str).map(str::to_string)).collect()
    };
    Aim {
        users: (0..20).filter_map(|i| tenant.users.at(i)?["user_id"].as_str().map(str::to_string)).collect(),
        grants: ids(&tenant.grants),
        devices: ids(&tenant.device_credentials),
        sessions: ids(&tenant.sessions),
        tokens: tenant
            .refresh_tokens
            .iter()
            .map(|(v, t)| (v.clone(), t.id.clone(), t.client_id.clone()))
            .collect(),
    }
}

fn pick(items: &[String], i: usize) -> String {
    items.get(i).cloned().unwrap_or_else(|| format!("never_was_{i}"))
}

async fn run(sim: &SimHandle, http: &Client, token: &str, step: &Step) -> Result<u16, String> {
    let aim = aim(sim);
    let base = sim.base_url();
    let api = |path: String| format!("{base}/api/v2/{path}");
    let user = |i: usize| pick(&aim.users, i).replace('|', "%7C");
    let token_at = |i: usize| {
        aim.tokens.get(i).cloned().unwrap_or_else(|| ("v1.never".into(), "rt_never".into(), "c".into()))
    };
    let (method, url, body) = match step {
        Step::DeleteGrant(i) => (Method::DELETE, api(format!("grants/{}", pick(&aim.grants, *i))), None),
        Step::DeleteUserGrants(i) => (Method::DELETE, api(format!("grants?user_id={}", user(*i))), None),
        Step::DeleteDevice(i) => {
            (Method::DELETE, api(format!("device-credentials/{}", pick(&aim.devices, *i))), None)
        }
        Step::DeleteSession(i) => {
            (Method::DELETE, api(format!("sessions/{}", pick(&aim.sessions, *i))), None)
        }
        Step::DeleteUserSessions(i) => (Method::DELETE, api(format!("users/{}/sessions", user(*i))), None),
        Step::DeleteRefreshToken(i) => {
            (Method::DELETE, api(format!("refresh-tokens/{}", token_at(*i).1)), None)
        }
        Step::DeleteUserRefreshTokens(i) => {
            (Method::DELETE, api(format!("users/{}/refresh-tokens", user(*i))), None)
        }
        Step::RevokeHeld(i) => {
            let (value, _, client) = token_at(*i);
            (Method::POST, format!("{base}/oauth/revoke"), Some(json!({"client_id": client, "token": value})))
        }
        Step::Refresh(i) => {
            let (value, _, client) = token_at(*i);
            let body = json!({"grant_type": "refresh_token", "client_id": client, "refresh_token": value});
            (Method::POST, format!("{base}/oauth/token"), Some(body))
        }
        Step::Block(i, blocked) => {
            (Method::PATCH, api(format!("users/{}", user(*i))), Some(json!({"blocked": blocked})))
        }
        Step::ClearBlocks(i) => (Method::DELETE, api(format!("user-blocks/{}", user(*i))), None),
        Step::ReadUserLogs(i) => (Method::GET, api(format!("users/{}/logs", user(*i))), None),
        Step::ReadLogs => (Method::GET, api("logs?from=0&take=100".into()), None),
        Step::ReadSession(i) => (Method::GET, api(format!("sessions/{}", pick(&aim.sessions, *i))), None),
        Step::ReadRefreshToken(i) => (Method::GET, api(format!("refresh-tokens/{}", token_at(*i).1)), None),
        Step::ReadGrants(i) => (Method::GET, api(format!("grants?user_id={}", user(*i))), None),
        Step::Settle => {
            sim.state.clock.advance(1);
            return Ok(200);
        }
    };
    let mut request = http.request(method, &url).bearer_auth(token).timeout(Duration::from_secs(10));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.map_err(|e| format!("{step:?}: no answer ({e})"))?;
    let status = response.status().as_u16();
    response.bytes().await.map_err(|e| format!("{step:?}: the answer broke off ({e})"))?;
    Ok(status)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_reachable_state_is_answered(steps in proptest::collection::vec(step(), 1..12)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let failure = runtime.block_on(async {
            let sim = common::start_sim(SimOptions { users: 40, ..SimOptions::default() }).await;
            let token = common::management_token(&sim, tenantscope::sim::seed::FULL_ACCESS_APP).await;
            let http = Client::new();
            for step in steps.iter().chain([Step::ReadLogs, Step::ReadUserLogs(0)].iter()) {
                match run(&sim, &http, &token, step).await {
                    Ok(status) if status >= 500 => return Some(format!("{step:?} answered {status}")),
                    Ok(_) => {}
                    Err(failure) => return Some(failure),
                }
            }
            None
        });
        prop_assert!(failure.is_none(), "{}", failure.unwrap_or_default());
    }
}
