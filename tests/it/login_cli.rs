//! The walkthrough through the real binary: `login` with the browser played by a test client,
//! `refresh-token use` (rotation), a revoke, and the proof — ①–⑨ end to end.

use crate::common;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use serde_json::Value;
use tenantscope::sim::{SimHandle, browser, seed};

const APP: &str = "Acme iOS";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn app_args(sim: &SimHandle) -> Vec<String> {
    let app = sim.app(APP).unwrap();
    vec!["--app-client-id".into(), app.client_id]
}

/// Runs `login` and plays the person at the URL it prints; (exit code, stdout, stderr).
async fn login(sim: &SimHandle, extra: &[&str]) -> (Option<i32>, String, String) {
    let port = free_port();
    sim.allow_callback(APP, &format!("http://127.0.0.1:{port}/callback"));
    let app = sim.full_access();
    let mut command = common::binary();
    command
        .args(["login", "--no-browser", "--callback-port", &port.to_string()])
        .args(app_args(sim))
        .args(extra)
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (url, mut seen) = tokio::task::spawn_blocking(move || {
        let mut seen = String::new();
        let mut line = String::new();
        while stderr.read_line(&mut line).unwrap() > 0 {
            seen.push_str(&line);
            if line.starts_with("http") {
                return (line.trim().to_string(), (seen, stderr));
            }
            line.clear();
        }
        (String::new(), (seen, stderr))
    })
    .await
    .unwrap();
    assert!(url.contains("code_challenge_method=S256"), "no URL on stderr: {}", seen.0);
    let email = {
        let tenant = sim.state.tenant();
        let user = tenant.users.iter().find(|u| u.get("blocked").is_none()).unwrap();
        user["email"].as_str().unwrap().to_string()
    };
    // A stranger calls back first (any local process, any web page's <img>): it gets an error
    // page and must not end the login.
    let forged =
        reqwest::get(format!("http://127.0.0.1:{port}/callback?code=stolen&state=forged")).await.unwrap();
    assert_eq!(forged.status(), 400, "a callback without this login's state is refused");
    browser::log_in(&url, &email, seed::DEFAULT_PASSWORD).await.unwrap();
    let output = tokio::task::spawn_blocking(move || {
        let mut rest = String::new();
        seen.1.read_to_string(&mut rest).unwrap();
        seen.0.push_str(&rest);
        (child.wait_with_output().unwrap(), seen.0)
    })
    .await
    .unwrap();
    (output.0.status.code(), common::stdout(&output.0), output.1)
}

/// `refresh-token use|verify …` with the token on stdin.
async fn refresh_token(sim: &SimHandle, action: &[&str], token: &str) -> std::process::Output {
    let mut args: Vec<String> =
        std::iter::once("refresh-token".to_string()).chain(action.iter().map(|a| a.to_string())).collect();
    args.extend(app_args(sim));
    common::run_cli_with_stdin(sim, &args, token).await
}

#[tokio::test]
async fn login_then_refresh_then_revoke_then_prove_through_the_binary() {
    let sim = common::default_sim().await;
    let audience = "https://api.acme.test/orders";
    // ①–④ and ⑤ without --json: decoded and verified, the refresh token's presence only.
    let (code, stdout, stderr) = login(&sim, &["--audience", audience]).await;
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Signature  verified"), "{stdout}");
    assert!(stdout.contains("received; kept in memory only"), "{stdout}");
    assert!(!stdout.contains("v1.M"), "no token value without --json: {stdout}");
    // With --json, the tokens themselves.
    let (code, stdout, stderr) = login(&sim, &["--audience", audience, "--json"]).await;
    assert_eq!(code, Some(0), "{stderr}");
    let tokens: Value = serde_json::from_str(&stdout).unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    // ⑥–⑦: a refresh rotates it.
    let used = refresh_token(&sim, &["use", "--json"], &refresh).await;
    assert_eq!(used.status.code(), Some(0), "{}", common::stderr(&used));
    assert!(common::stderr(&used).contains("is now spent"), "{}", common::stderr(&used));
    let next: Value = serde_json::from_str(&common::stdout(&used)).unwrap();
    let next = next["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(next, refresh);
    // ⑧: revoke the user's grant for the API.
    let user_id = tenantscope::token::decode(tokens["access_token"].as_str().unwrap())
        .ok()
        .and_then(|d| match d {
            tenantscope::token::Decoded::Jws { payload, .. } => payload["sub"].as_str().map(str::to_string),
            _ => None,
        })
        .unwrap();
    let grant_id = {
        let tenant = sim.state.tenant();
        let grant =
            tenant.grants.iter().find(|g| g["user_id"] == user_id.as_str() && g["audience"] == audience);
        grant.unwrap()["id"].as_str().unwrap().to_string()
    };
    let revoked = common::run_cli(&sim, &["grants", "revoke", &grant_id, "--user", &user_id, "--yes"]).await;
    assert_eq!(revoked.status.code(), Some(0), "{}", common::stderr(&revoked));
    // ⑨: the refresh token is proven dead.
    let proof = refresh_token(&sim, &["verify", "--yes"], &next).await;
    assert_eq!(proof.status.code(), Some(0), "{}", common::stderr(&proof));
    assert!(common::stdout(&proof).contains("invalid_grant \"Unknown or invalid refresh token.\""));
}

#[tokio::test]
async fn an_app_that_does_not_list_the_callback_is_stopped_before_the_browser_with_the_setting() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let mut command = common::binary();
    command
        .args(["login", "--no-browser", "--callback-port", &free_port().to_string()])
        .args(app_args(&sim))
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default());
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(1));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("Allowed Callback URLs"), "{stderr}");
    assert!(!stderr.contains("/authorize?"), "stopped before any URL: {stderr}");
}

#[tokio::test]
async fn the_demo_checks_its_own_apps_callback_urls_too() {
    let mut command = common::binary();
    command.args(["--demo", "login", "--app", "ios", "--callback-port", &free_port().to_string()]);
    let output = common::run(command).await;
    // The demo's apps list only 8484 and localhost; another port is reported before the browser.
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("Allowed Callback URLs"));
}
