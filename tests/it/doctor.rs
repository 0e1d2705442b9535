//! `tenantscope doctor` through the binary against the simulated tenant: all usable with the
//! full-access app; each missing scope named with the feature it turns off; bad credentials in
//! Auth0's words.

use crate::common;

use tenantscope::sim::seed;

#[tokio::test]
async fn the_full_access_app_can_use_everything() {
    let sim = common::default_sim().await;
    let output = common::run_cli(&sim, &["doctor"]).await;
    let stdout = common::stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", common::stderr(&output));
    assert!(stdout.contains("✓ tenant") && stdout.contains("clock skew"), "{stdout}");
    assert!(stdout.contains("rate limit"), "{stdout}");
    assert!(!stdout.contains('✗'), "{stdout}");
}

#[tokio::test]
async fn a_read_only_app_is_told_which_features_its_scopes_turn_off() {
    let sim = common::default_sim().await;
    let app = sim.app(seed::READ_ONLY_APP).unwrap();
    let mut command = common::binary_with(&["doctor"]);
    command
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default());
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(1));
    let stdout = common::stdout(&output);
    assert!(stdout.contains("✓ grants"), "{stdout}");
    assert!(stdout.contains("✗ revoking grants") && stdout.contains("missing delete:grants"), "{stdout}");
    assert!(stdout.contains("Machine to Machine Applications"), "{stdout}");
}

#[tokio::test]
async fn wrong_credentials_are_said_in_auth0s_words_and_stop_there() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let mut command = common::binary_with(&["doctor"]);
    command
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", "not-the-secret");
    let output = common::run(command).await;
    assert_eq!(output.status.code(), Some(1));
    let stdout = common::stdout(&output);
    assert!(stdout.contains("✗ credentials") && stdout.contains("access_denied"), "{stdout}");
    assert!(!stdout.contains("users and search"), "nothing after a failed token: {stdout}");
    assert!(!stdout.contains("not-the-secret") && !common::stderr(&output).contains("not-the-secret"));
}

#[tokio::test]
async fn a_folder_of_tenantscope_open_to_others_is_named_with_its_fix() {
    use std::os::unix::fs::PermissionsExt;
    let sim = common::default_sim().await;
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("tenantscope");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(folder.join("audit.jsonl"), "").unwrap();
    std::fs::set_permissions(folder.join("audit.jsonl"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let app = sim.full_access();
    let mut command = common::binary_with(&["doctor"]);
    command
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default())
        .env("XDG_DATA_HOME", data.path());
    let output = common::run(command).await;
    let stdout = common::stdout(&output);
    assert_eq!(output.status.code(), Some(0), "a warning, not a failure: {stdout}");
    assert!(stdout.contains("! local files"), "{stdout}");
    assert!(stdout.contains("mode 755, open to others; run: chmod 700"), "{stdout}");
    assert!(stdout.contains("mode 644, open to others; run: chmod 600"), "{stdout}");
}

/// The README's scope list and `doctor`'s are one list: every scope a feature needs is in the
/// README's setup step, and every Management scope the README asks for is checked by `doctor`.
#[test]
fn the_readme_asks_for_exactly_the_scopes_doctor_checks() {
    let readme = include_str!("../../README.md");
    let start = readme.find("with the scopes tenantscope uses:").expect("the README's setup step");
    let step: String = readme[start..].lines().take(4).collect::<Vec<_>>().join(" ");
    let asked: std::collections::BTreeSet<&str> = step
        .split(|c: char| c.is_whitespace() || c == '`' || c == ',' || c == '.')
        .filter(|word| word.contains(':') && !word.ends_with(':'))
        .collect();
    let checked: std::collections::BTreeSet<&str> =
        tenantscope::doctor::FEATURES.iter().flat_map(|(_, scopes)| scopes.iter().copied()).collect();
    assert_eq!(asked, checked, "the README's scopes and doctor's differ");
    // The table under it: one row a feature, as `doctor` names it, with its scopes.
    let rows: Vec<(String, Vec<String>)> = readme[start..]
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("| feature | scopes |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let scopes = cells[1].split_whitespace().map(|s| s.trim_matches('`').to_string()).collect();
            (cells[0].to_string(), scopes)
        })
        .collect();
    let features: Vec<(String, Vec<String>)> = tenantscope::doctor::FEATURES
        .iter()
        .map(|(feature, scopes)| (feature.to_string(), scopes.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(rows, features, "the README's table and doctor's features differ");
}

#[tokio::test]
async fn a_secret_from_a_command_works_and_a_plain_one_is_told_where_else_it_can_live() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let secret = app.client_secret.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let write = |secret_line: String| {
        let text = format!(
            "[profiles.default]\ndomain = \"{}\"\nclient_id = \"{}\"\n{secret_line}\n",
            sim.base_url(),
            app.client_id
        );
        std::fs::write(&config, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    };
    let doctor = || common::binary_with(&["doctor", "--config", config.to_str().unwrap()]);

    write(format!("client_secret_command = [\"printf\", \"%s\", \"{secret}\"]"));
    let output = common::run(doctor()).await;
    let stdout = common::stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", common::stderr(&output));
    assert!(stdout.contains("✓ credentials") && !stdout.contains("config secrets"), "{stdout}");
    assert!(!stdout.contains(&secret) && !common::stderr(&output).contains(&secret));

    write(format!("client_secret = \"{secret}\""));
    let stdout = common::stdout(&common::run(doctor()).await);
    assert!(
        stdout.contains("! config secrets") && stdout.contains("tenantscope secret set default"),
        "{stdout}"
    );
    assert!(!stdout.contains(&secret), "{stdout}");
}
