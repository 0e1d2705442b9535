//! The real binary against the simulated tenant over loopback: every subcommand, exit codes,
//! confirmation rules, --read-only, and no secret in any output.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;
use tenantscope::sim::{SimHandle, seed};

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", common::stdout(output)))
}

/// A user with at least two grants, and those grants' ids.
fn user_with_grants(sim: &SimHandle) -> (String, Vec<String>) {
    let tenant = sim.state.tenant();
    for user in tenant.users.iter() {
        let id = user["user_id"].as_str().unwrap();
        let grants: Vec<String> = tenant
            .grants
            .iter()
            .filter(|g| g["user_id"] == id)
            .map(|g| g["id"].as_str().unwrap().to_string())
            .collect();
        if grants.len() >= 2 {
            return (id.to_string(), grants);
        }
    }
    panic!("the seed has users with grants");
}

#[tokio::test]
async fn users_json_is_auth0s_objects_with_every_field() {
    let sim = common::default_sim().await;
    let output = common::run_cli(&sim, &["users", "--limit", "120", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let users = json(&output);
    let users = users.as_array().unwrap();
    assert_eq!(users.len(), 120);
    let expected = Value::Object(sim.state.tenant().users.at(0).unwrap().clone());
    assert_eq!(users[0], expected, "fields Auth0 sent, unknown ones included, survive");
    assert!(common::stderr(&output).contains("showing 120 of 300 users"));
}

#[tokio::test]
async fn users_search_table_is_sanitised_and_aligned() {
    let sim = common::default_sim().await;
    let output = common::run_cli(&sim, &["users", "--query", "name:Mallory*"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let text = common::stdout(&output);
    assert!(text.starts_with(" NAME"), "{text}");
    assert!(text.contains("Mallory"), "{text}");
    assert!(
        !text.contains('\x1b') && !text.contains('\x07'),
        "no escape sequence reaches the terminal: {text:?}"
    );
}

#[tokio::test]
async fn user_by_id_with_pipes_and_slashes_and_by_email() {
    let sim = common::default_sim().await;
    let id = common::id_with_slash(&sim);
    let output = common::run_cli(&sim, &["user", &id, "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_eq!(json(&output)["user_id"], id.as_str());

    let email = sim.state.tenant().user(&id).unwrap()["email"].as_str().unwrap().to_string();
    let output = common::run_cli(&sim, &["user", &email]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stdout(&output).contains(&id));
    // By email or by id, --json is the same one object.
    let output = common::run_cli(&sim, &["user", &email, "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_eq!(json(&output)["user_id"], id.as_str(), "one object, not a list");

    let output = common::run_cli(&sim, &["user", "auth0|nobody"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr(&output).contains("The user does not exist."));
}

#[tokio::test]
async fn grants_and_devices_list_with_application_names() {
    let sim = common::default_sim().await;
    let (user, grants) = user_with_grants(&sim);
    let output = common::run_cli(&sim, &["grants", "--user", &user, "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let listed: Vec<String> =
        json(&output).as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(listed, grants);

    let output = common::run_cli(&sim, &["grants", "--user", &user]).await;
    let text = common::stdout(&output);
    assert!(text.contains("APPLICATION") && text.contains("Acme"), "names resolved from client ids: {text}");

    let output = common::run_cli(&sim, &["devices", "--type", "public_key", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let devices = json(&output);
    assert!(!devices.as_array().unwrap().is_empty());
    assert!(devices.as_array().unwrap().iter().all(|d| d["type"] == "public_key"));
}

#[tokio::test]
async fn revoking_without_yes_off_a_terminal_refuses_and_changes_nothing() {
    let sim = common::default_sim().await;
    let (_, grants) = user_with_grants(&sim);
    let output = common::run_cli(&sim, &["grants", "revoke", &grants[0]]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("--yes"));
    assert!(sim.state.received().iter().all(|r| r.method != "DELETE"));
}

#[tokio::test]
async fn a_grant_revoke_is_revoked_only_when_a_re_list_proves_it() {
    let sim = common::default_sim().await;
    let (user, grants) = user_with_grants(&sim);
    // Without its user nothing lists the grant: Auth0's 204 proves nothing.
    let output = common::run_cli(&sim, &["grants", "revoke", &grants[0], "--yes"]).await;
    assert_eq!(output.status.code(), Some(3), "{}", common::stderr(&output));
    let line = common::stdout(&output);
    assert!(line.starts_with(&format!("accepted: grant {} — ", grants[0])), "{line}");
    assert!(line.contains("--user USER_ID"), "says how to prove it: {line}");

    // With the user, listed before and after: proven.
    let output =
        common::run_cli(&sim, &["grants", "revoke", &grants[1], "--user", &user, "--yes", "--json"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let verdict = json(&output);
    assert_eq!(verdict["verdict"], "revoked");
    assert_eq!(verdict["target"], grants[1].as_str());
    assert!(verdict["detail"].as_str().unwrap().contains("no longer list it"), "{verdict}");

    let output = common::run_cli(&sim, &["grants", "revoke", "--user", &user, "--yes"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stdout(&output).starts_with("revoked: "), "{}", common::stdout(&output));
    assert!(!sim.state.tenant().grants.iter().any(|g| g["user_id"] == user.as_str()));
}

#[tokio::test]
async fn an_id_that_never_existed_is_absent_and_nothing_is_sent() {
    let sim = common::default_sim().await;
    let (user, _) = user_with_grants(&sim);
    let output = common::run_cli(&sim, &["grants", "revoke", "g_never_was", "--user", &user, "--yes"]).await;
    assert_eq!(output.status.code(), Some(4), "{}", common::stderr(&output));
    assert!(
        common::stdout(&output).starts_with("absent: grant g_never_was — not in"),
        "{}",
        common::stdout(&output)
    );
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let args =
        ["sessions", "revoke", "sess_never_was", "--yes", "--json", "--audit-log", log.to_str().unwrap()];
    let output = common::run_cli(&sim, &args).await;
    assert_eq!(output.status.code(), Some(4), "{}", common::stderr(&output));
    assert_eq!(json(&output)["verdict"], "absent");
    assert!(sim.state.received().iter().all(|r| r.method != "DELETE"), "{:?}", sim.state.received());
    let trail = std::fs::read_to_string(&log).unwrap();
    assert!(
        trail.lines().any(|l| l.contains("sess_never_was") && l.contains("\"verdict\":\"absent\"")),
        "{trail}"
    );
}

#[tokio::test]
async fn revoking_a_device_credential() {
    let sim = common::default_sim().await;
    let (id, user) = {
        let tenant = sim.state.tenant();
        let device = &tenant.device_credentials[0];
        (device["id"].as_str().unwrap().to_string(), device["user_id"].as_str().unwrap().to_string())
    };
    let output = common::run_cli(&sim, &["devices", "revoke", &id, "--user", &user, "-y"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stdout(&output).starts_with("revoked: device credential"), "{}", common::stdout(&output));
    assert!(!sim.state.tenant().device_credentials.iter().any(|d| d["id"] == id.as_str()));
}

#[tokio::test]
async fn read_only_sends_nothing() {
    let sim = common::default_sim().await;
    let (user, grants) = user_with_grants(&sim);
    for args in [
        vec!["grants", "revoke", grants[0].as_str(), "--yes", "--read-only"],
        vec!["--read-only", "grants", "revoke", "--user", user.as_str(), "--yes"],
        vec!["devices", "revoke", "dcr_x", "--yes", "--read-only"],
    ] {
        let output = common::run_cli(&sim, &args).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(common::stderr(&output).contains("--read-only"));
    }
    assert!(sim.state.received().is_empty(), "{:?}", sim.state.received());
}

#[tokio::test]
async fn no_secret_appears_in_any_output() {
    let sim = common::default_sim().await;
    let secret = sim.full_access().client_secret.unwrap();
    let (user, grants) = user_with_grants(&sim);
    let runs = [
        vec!["users", "--limit", "5"],
        vec!["users", "--json", "--limit", "5"],
        vec!["grants", "--user", user.as_str()],
        vec!["grants", "revoke", grants[0].as_str()],
        vec!["user", "auth0|nobody"],
        vec!["--help"],
        vec!["users", "--help"],
    ];
    for args in runs {
        let output = common::run_cli(&sim, &args).await;
        let all = format!("{}{}", common::stdout(&output), common::stderr(&output));
        assert!(!all.contains(&secret), "{args:?} printed the secret");
    }
    // A failing token request must not echo it either.
    let mut command = common::binary();
    command.args(["users", "--domain", "http://127.0.0.1:9", "--client-id", "x", "--client-secret", &secret]);
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(1));
    let all = format!("{}{}", common::stdout(&output), common::stderr(&output));
    assert!(!all.contains(&secret));
    assert!(all.contains("could not connect"), "{all}");
}

#[tokio::test]
async fn missing_settings_exit_2_naming_what_to_set() {
    let output = common::run(common::binary_with(&["users"])).await;
    assert_eq!(output.status.code(), Some(2));
    let err = common::stderr(&output);
    assert!(err.contains("--domain") && err.contains("AUTH0_DOMAIN"), "{err}");

    let output = common::run(common::binary_with(&["users", "--domain", "acme.auth0.com"])).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("--client-id"));

    let output = common::run(common::binary_with(&["users", "--limit", "5000"])).await;
    assert_eq!(output.status.code(), Some(2));
}

#[tokio::test]
async fn global_options_work_after_the_subcommand_and_a_token_can_be_given() {
    let sim = common::default_sim().await;
    let token = common::management_token(&sim, tenantscope::sim::seed::FULL_ACCESS_APP).await;
    let token = token.as_str();
    let command = common::binary_with(&[
        "users",
        "--limit",
        "3",
        "--json",
        "--domain",
        sim.base_url(),
        "--token",
        token,
    ]);
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_eq!(json(&output).as_array().unwrap().len(), 3);
    assert!(!common::stdout(&output).contains(token) && !common::stderr(&output).contains(token));
}

#[tokio::test]
async fn the_demo_runs_with_no_settings() {
    let output = common::run(common::binary_with(&["--demo", "users", "--limit", "3"])).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert_eq!(common::stdout(&output).lines().count(), 4, "a header and three users");
}

#[tokio::test]
async fn the_demos_revokes_are_audited_in_memory_never_in_the_real_trail() {
    let listed = common::run(common::binary_with(&["--demo", "users", "--limit", "1", "--json"])).await;
    let id = json(&listed)[0]["user_id"].as_str().unwrap().to_string();
    let mut command = common::binary();
    let data = command.get_envs().find(|(k, _)| *k == "XDG_DATA_HOME").unwrap().1.unwrap().to_owned();
    command.args(["--demo", "user", "block", &id, "--yes"]);
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(
        common::stderr(&output).contains("audit (demo, in memory only): {"),
        "{}",
        common::stderr(&output)
    );
    assert!(!std::path::Path::new(&data).join("tenantscope").join("audit.jsonl").exists());
}

#[tokio::test]
async fn sim_serves_and_prints_how_to_use_it() {
    let mut child = common::binary().args(["sim", "--users", "20"]).stdout(Stdio::piped()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let first_lines: Vec<String> = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout).lines().take(18).map(Result::unwrap).collect()
    })
    .await
    .unwrap();
    let domain_line =
        first_lines.iter().find(|l| l.starts_with("export AUTH0_DOMAIN=")).expect("prints the domain");
    let base = domain_line.trim_start_matches("export AUTH0_DOMAIN=").to_string();
    assert!(first_lines.iter().any(|l| l.starts_with("export AUTH0_CLIENT_SECRET=")));
    // Every application with its client id and type, so a login can be followed on it.
    let native =
        first_lines.iter().find(|l| l.starts_with("#   ") && l.contains(" native ")).expect("lists apps");
    let client_id = native.split_whitespace().nth(1).unwrap();
    assert_eq!(client_id.len(), 32, "{native}");
    assert!(native.contains("/callback"), "{native}");
    let jwks: Value =
        reqwest::get(format!("{base}/.well-known/jwks.json")).await.unwrap().json().await.unwrap();
    assert_eq!(jwks["keys"][0]["kty"], "RSA");
    let _ = child.kill();
    let _ = child.wait();
    assert!(seed::FULL_ACCESS_APP.starts_with("tenantscope"));
}

#[tokio::test]
async fn a_ca_cert_that_is_missing_or_not_a_certificate_is_bad_input() {
    let sim = common::default_sim().await;
    let output = common::run_cli(&sim, &["users", "--ca-cert", "/nonexistent/ca.pem"]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("--ca-cert /nonexistent/ca.pem cannot be read"));

    let not_a_cert = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_a_cert.path(), "hello").unwrap();
    let output = common::run_cli(&sim, &["users", "--ca-cert", not_a_cert.path().to_str().unwrap()]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("no PEM certificate"), "{}", common::stderr(&output));
    assert!(sim.state.received().is_empty());
}

#[tokio::test]
async fn revokes_are_recorded_in_the_audit_log_without_secrets() {
    let sim = common::default_sim().await;
    let secret = sim.full_access().client_secret.unwrap();
    let (user, grants) = user_with_grants(&sim);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let log_arg = log.to_str().unwrap();
    let output = common::run_cli(
        &sim,
        &["grants", "revoke", &grants[0], "--user", &user, "--yes", "--audit-log", log_arg],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let output =
        common::run_cli(&sim, &["--audit-log", log_arg, "devices", "revoke", "dcr_nonexistent", "--yes"])
            .await;
    assert_eq!(
        output.status.code(),
        Some(3),
        "Auth0 answers 204 for an unknown id, which proves nothing: {}",
        common::stderr(&output)
    );
    let output =
        common::run_cli(&sim, &["grants", "revoke", "--user", &user, "--yes", "--audit-log", log_arg]).await;
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));

    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains(&secret));
    let entries: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (e["action"].as_str().unwrap(), e["target"].as_str().unwrap(), e["verdict"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("revoke_grant", grants[0].as_str(), "revoked"),
            ("revoke_device_credential", "dcr_nonexistent", "accepted"),
            ("revoke_user_grants", user.as_str(), "revoked"),
        ]
    );
    // A loopback tenant is named with its port: two on one machine are told apart.
    let host = sim.base_url().trim_start_matches("http://").to_string();
    assert!(entries.iter().all(|e| e["tenant"] == host.as_str() && e["via"] == "cli" && e["at"].is_string()));
}

#[tokio::test]
async fn a_variable_set_to_the_empty_string_counts_as_unset() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let config = tempfile::NamedTempFile::new().unwrap();
    let text = format!(
        "[profiles.default]\ndomain = \"{}\"\nclient_id = \"{}\"\nclient_secret = \"{}\"\n",
        sim.base_url(),
        app.client_id,
        app.client_secret.unwrap_or_default()
    );
    std::fs::write(config.path(), text).unwrap();
    let mut command =
        common::binary_with(&["users", "--limit", "1", "--config", config.path().to_str().unwrap()]);
    command.env("AUTH0_DOMAIN", "").env("AUTH0_CLIENT_ID", "").env("AUTH0_CLIENT_SECRET", "");
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(0), "the profile still supplies them: {}", common::stderr(&output));
}

/// No OS keyring in a clean environment (no D-Bus session): `secret set` and a profile that reads
/// the keyring each say so in one sentence, and never show the secret.
#[tokio::test]
async fn without_an_os_keyring_secret_set_and_a_keyring_profile_say_so() {
    // Pointed at a bus that is not there, so no real keyring is ever written to.
    const NO_BUS: (&str, &str) = ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent-tenantscope-test/bus");
    let mut command = common::binary();
    command.args(["secret", "set", "prod"]).env(NO_BUS.0, NO_BUS.1).stdin(Stdio::piped());
    let output = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(b"s3cr3t-from-stdin\n").unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let stderr = common::stderr(&output);
    assert!(stderr.contains("could not write the OS keyring"), "{stderr}");
    assert!(!stderr.contains("s3cr3t") && !common::stdout(&output).contains("s3cr3t"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.prod]\ndomain = \"a.auth0.com\"\nclient_id = \"a\"\nclient_secret_keyring = true\n",
    )
    .unwrap();
    let mut command =
        common::binary_with(&["--profile", "prod", "--config", config.to_str().unwrap(), "users"]);
    command.env(NO_BUS.0, NO_BUS.1);
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(2), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("could not read the OS keyring"), "{}", common::stderr(&output));
}
