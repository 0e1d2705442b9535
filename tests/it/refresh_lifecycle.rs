//! The refresh-token lifecycle against the simulated tenant: tokens are refreshed (rotation), then
//! revoked by each of Auth0's ways — B: delete the grant, C: POST /oauth/revoke, D: delete the
//! device credential, and the Management API's refresh-token and session deletes — and each is
//! proven with invalid_grant, through the real binary.

use crate::common;

use std::process::Output;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tenantscope::auth0::{AppCredentials, AuthenticationApi, Http, HttpOptions, Tenant};
use tenantscope::sim::{SimHandle, SimOptions};

/// A live refresh token of the seed: (token, client id, client secret, user id, device credential).
struct Held {
    token: String,
    client_id: String,
    client_secret: Option<String>,
    user_id: String,
    credential: String,
    audience: String,
}

fn held_tokens(sim: &SimHandle, rotating: bool) -> Vec<Held> {
    let tenant = sim.state.tenant();
    let mut held: Vec<Held> = tenant
        .refresh_tokens
        .iter()
        .filter(|(_, t)| t.valid && t.rotating == rotating)
        .map(|(value, t)| Held {
            token: value.clone(),
            client_id: t.client_id.clone(),
            client_secret: tenant.app(&t.client_id).and_then(|a| a.client_secret.clone()),
            user_id: t.user_id.clone(),
            credential: t.device_credential_id.clone().unwrap_or_default(),
            audience: t.audience.clone(),
        })
        .collect();
    held.sort_by(|a, b| a.token.cmp(&b.token));
    // One token per user, so revoking one leaves the others alone.
    held.dedup_by(|a, b| a.user_id == b.user_id);
    held
}

fn app_args(held: &Held) -> Vec<String> {
    let mut args = vec!["--app-client-id".to_string(), held.client_id.clone()];
    if let Some(secret) = &held.client_secret {
        args.extend(["--app-client-secret".to_string(), secret.clone()]);
    }
    args
}

/// The binary with `args`, the full-access credentials, and `stdin` piped in.
async fn run_with_stdin(sim: &SimHandle, args: Vec<String>, stdin: &str) -> Output {
    common::run_cli_with_stdin(sim, &args, stdin).await
}

async fn verify_dead(sim: &SimHandle, held: &Held, token: &str) -> Output {
    let mut args = vec!["refresh-token".to_string(), "verify".to_string(), "--yes".to_string()];
    args.extend(app_args(held));
    run_with_stdin(sim, args, token).await
}

fn auth(sim: &SimHandle) -> AuthenticationApi {
    AuthenticationApi::new(Http::new(HttpOptions::default()).unwrap(), Tenant::parse(sim.base_url()).unwrap())
}

fn credentials(held: &Held) -> AppCredentials {
    AppCredentials {
        client_id: held.client_id.clone(),
        client_secret: held.client_secret.clone().map(SecretString::from),
    }
}

#[tokio::test]
async fn refresh_rotates_then_every_way_of_revoking_is_proven_with_invalid_grant() {
    let sim = common::start_sim(SimOptions {
        propagation_delay: Duration::from_millis(300),
        ..SimOptions::default()
    })
    .await;
    let held = held_tokens(&sim, true);
    assert!(held.len() >= 4, "the seed has rotating tokens for several users");

    // Refresh with rotation: the old token is spent, the new one works.
    let api = auth(&sim);
    let rotated =
        api.refresh(&credentials(&held[0]), &SecretString::from(held[0].token.clone())).await.unwrap();
    let next = rotated.refresh_token.expect("rotation returns the next token").expose_secret().to_string();

    // B: revoke the grant of that user + application + audience.
    let grant_id = {
        let tenant = sim.state.tenant();
        tenant
            .grants
            .iter()
            .find(|g| {
                g["user_id"] == held[0].user_id.as_str()
                    && g["clientID"] == held[0].client_id.as_str()
                    && g["audience"] == held[0].audience.as_str()
            })
            .and_then(|g| g["id"].as_str())
            .unwrap()
            .to_string()
    };
    let output =
        common::run_cli(&sim, &["grants", "revoke", &grant_id, "--user", &held[0].user_id, "--yes"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let proof = verify_dead(&sim, &held[0], &next).await;
    assert_eq!(proof.status.code(), Some(0), "{}", common::stderr(&proof));
    assert!(
        common::stdout(&proof)
            .contains("proven dead: Auth0 answers invalid_grant \"Unknown or invalid refresh token.\"")
    );
    // The spent token is refused too. (Presenting it before the revoke would have been reuse, which
    // revokes the whole family as Auth0's reuse detection does: see tests/login.rs.)
    let spent = verify_dead(&sim, &held[0], &held[0].token).await;
    assert_eq!(spent.status.code(), Some(0), "{}", common::stderr(&spent));

    // C: POST /oauth/revoke with the application's credentials, proven by --verify while Auth0
    // applies it (the simulated tenant takes 300 ms).
    let mut args =
        vec!["refresh-token".to_string(), "revoke".to_string(), "--verify".to_string(), "--yes".to_string()];
    args.extend(app_args(&held[1]));
    let output = run_with_stdin(&sim, args, &format!("{}\n", held[1].token)).await;
    assert_eq!(output.status.code(), Some(0), "{}{}", common::stdout(&output), common::stderr(&output));
    let out = common::stdout(&output);
    assert!(out.starts_with("revoked: the refresh token of application"), "{out}");
    assert!(
        out.contains("invalid_grant \"Unknown or invalid refresh token.\""),
        "proven by Auth0's answer: {out}"
    );
    assert!(!out.contains(&held[1].token) && !common::stderr(&output).contains(&held[1].token));

    // D: delete the device credential that holds the token.
    let output = common::run_cli(
        &sim,
        &["devices", "revoke", &held[2].credential, "--user", &held[2].user_id, "--yes"],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let proof = verify_dead(&sim, &held[2], &held[2].token).await;
    assert_eq!(proof.status.code(), Some(0), "{}", common::stderr(&proof));

    // The Management API's refresh-token delete (202, applied shortly after).
    let id = {
        let tenant = sim.state.tenant();
        tenant.refresh_tokens[&held[3].token].id.clone()
    };
    // Right after the 202 it is still listed: accepted, not proven.
    let output = common::run_cli(&sim, &["refresh-tokens", "revoke", &id, "--yes", "--json"]).await;
    assert_eq!(output.status.code(), Some(3), "{}", common::stderr(&output));
    let verdict: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(verdict["verdict"], "accepted", "{verdict}");
    assert!(verdict["detail"].as_str().unwrap().contains("--verify"), "{verdict}");
    // Past the tenant's propagation delay, by its clock: no waiting.
    sim.state.clock.advance(1);
    let proof = verify_dead(&sim, &held[3], &held[3].token).await;
    assert_eq!(proof.status.code(), Some(0), "{}", common::stderr(&proof));
}

#[tokio::test]
async fn a_token_that_still_works_is_reported_and_its_new_tokens_printed() {
    let sim = common::default_sim().await;
    let held = held_tokens(&sim, true);
    let output = verify_dead(&sim, &held[0], &held[0].token).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr(&output).contains("the token still works"));
    let printed: Value = serde_json::from_str(common::stdout(&output).trim()).unwrap();
    let new_token = printed["refresh_token"].as_str().unwrap();
    assert_ne!(new_token, held[0].token, "the rotated token is given back so nothing is lost");
    assert!(sim.state.tenant().refresh_tokens[new_token].valid);
}

#[tokio::test]
async fn revoking_through_oauth_revoke_can_delete_the_grant_when_the_tenant_says_so() {
    let sim = common::start_sim(SimOptions {
        revocation_deletes_grant: true,
        propagation_delay: Duration::ZERO,
        ..SimOptions::default()
    })
    .await;
    let held = held_tokens(&sim, false);
    let grants_before =
        sim.state.tenant().grants.iter().filter(|g| g["user_id"] == held[0].user_id.as_str()).count();
    let mut args = vec!["refresh-token".to_string(), "revoke".to_string(), "--yes".to_string()];
    args.extend(app_args(&held[0]));
    let output = run_with_stdin(&sim, args, &held[0].token).await;
    assert_eq!(
        output.status.code(),
        Some(3),
        "200 from /oauth/revoke proves nothing: {}",
        common::stderr(&output)
    );
    assert!(common::stdout(&output).starts_with("accepted: the refresh token of application"));
    let grants_after =
        sim.state.tenant().grants.iter().filter(|g| g["user_id"] == held[0].user_id.as_str()).count();
    assert_eq!(grants_after, grants_before - 1);
}

#[tokio::test]
async fn sessions_list_page_by_checkpoint_and_revoke_with_their_tokens() {
    let sim = common::default_sim().await;
    let held = held_tokens(&sim, true);
    let output = common::run_cli(&sim, &["sessions", "--user", &held[0].user_id, "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let sessions: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sessions.len(), 1);
    let output = common::run_cli(&sim, &["refresh-tokens", "--user", &held[0].user_id, "--json"]).await;
    let tokens: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!tokens.is_empty() && tokens.iter().all(|t| t["session_id"] == sessions[0]["id"]));

    // --verify looks again until Auth0 has applied it (the simulated tenant takes 400 ms).
    let output =
        common::run_cli(&sim, &["sessions", "revoke", "--user", &held[0].user_id, "--yes", "--verify"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stdout(&output).starts_with("revoked: every session of"), "{}", common::stdout(&output));
    sim.state.clock.advance(1);
    let proof = verify_dead(&sim, &held[0], &held[0].token).await;
    assert_eq!(
        proof.status.code(),
        Some(0),
        "ending the session ended its tokens: {}",
        common::stderr(&proof)
    );
    let output = common::run_cli(&sim, &["sessions", "--user", &held[0].user_id, "--json"]).await;
    assert_eq!(serde_json::from_slice::<Vec<Value>>(&output.stdout).unwrap().len(), 0);
}

#[tokio::test]
async fn a_tenant_without_the_feature_is_told_plainly_and_the_rest_works() {
    let sim = common::start_sim(SimOptions { enterprise: false, ..SimOptions::default() }).await;
    let user = sim.state.tenant().users.at(0).unwrap()["user_id"].as_str().unwrap().to_string();
    let output = common::run_cli(&sim, &["sessions", "--user", &user]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr(&output).contains("Enterprise"), "{}", common::stderr(&output));
    let output = common::run_cli(&sim, &["grants", "--user", &user]).await;
    assert_eq!(output.status.code(), Some(0));
}

#[tokio::test]
async fn read_only_and_the_terminal_rule_hold_for_refresh_tokens() {
    let sim = common::default_sim().await;
    let held = held_tokens(&sim, false);
    let mut args = vec![
        "refresh-token".to_string(),
        "revoke".to_string(),
        "--yes".to_string(),
        "--read-only".to_string(),
    ];
    args.extend(app_args(&held[0]));
    let output = run_with_stdin(&sim, args, &held[0].token).await;
    assert_eq!(output.status.code(), Some(2));
    let mut args = vec!["refresh-token".to_string(), "revoke".to_string()];
    args.extend(app_args(&held[0]));
    let output = run_with_stdin(&sim, args, &held[0].token).await;
    assert_eq!(output.status.code(), Some(2), "no --yes off a terminal");
    assert!(sim.state.received().iter().all(|r| r.target != "/oauth/revoke"));
    let output = common::run_cli(
        &sim,
        &["refresh-tokens", "revoke", "--user", &held[0].user_id, "--read-only", "--yes"],
    )
    .await;
    assert_eq!(output.status.code(), Some(2));
    assert!(sim.state.received().iter().all(|r| r.method != "DELETE"));
    // A JWT is not a refresh token.
    let mut args = vec!["refresh-token".to_string(), "verify".to_string(), "--yes".to_string()];
    args.extend(app_args(&held[0]));
    let output = run_with_stdin(&sim, args, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln").await;
    assert_eq!(output.status.code(), Some(2));
}
