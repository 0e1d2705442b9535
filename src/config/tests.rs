//! The configuration: flag → environment → profile, the file's layout, and its permissions.
use super::*;
use secrecy::ExposeSecret;
use std::io::Write;
use std::path::Path;

fn write_config(text: &str, mode: u32) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    file
}

fn args_with(config: &Path) -> ConnectionArgs {
    ConnectionArgs { config: Some(config.to_path_buf()), ..Default::default() }
}

#[test]
fn flags_win_over_the_profile() {
    let file = write_config(
        "[profiles.default]\ndomain = \"profile.auth0.com\"\nclient_id = \"pid\"\nclient_secret = \"psecret\"\n",
        0o600,
    );
    let mut args = args_with(file.path());
    args.domain = Some("flag.auth0.com".into());
    let settings = resolve(&args, &mut |_| {}).unwrap();
    assert_eq!(settings.tenant.host(), "flag.auth0.com");
    let Credentials::ClientCredentials { app, audience } = settings.credentials else { panic!() };
    assert_eq!(app.client_id, "pid");
    assert_eq!(audience, "https://flag.auth0.com/api/v2/");
}

#[test]
fn a_token_wins_over_client_credentials() {
    let file = write_config("", 0o600);
    let mut args = args_with(file.path());
    args.domain = Some("acme.auth0.com".into());
    args.client_id = Some("id".into());
    args.token = Some(SecretString::from("tok"));
    let settings = resolve(&args, &mut |_| {}).unwrap();
    let Credentials::Token(token) = settings.credentials else { panic!("expected the token") };
    assert_eq!(token.expose_secret(), "tok");
}

#[test]
fn an_explicit_config_file_that_is_missing_is_an_error() {
    let args = args_with(Path::new("/nonexistent/tenantscope.toml"));
    let err = resolve(&args, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/tenantscope.toml") && err.contains("--config"), "{err}");
}

#[test]
fn a_profile_can_be_always_read_only_and_carry_a_colour() {
    let file = write_config(
        "[profiles.prod]\ndomain = \"prod.auth0.com\"\nclient_id = \"a\"\nclient_secret = \"b\"\nread_only = true\ncolor = \"red\"\n",
        0o600,
    );
    let mut args = args_with(file.path());
    args.profile = Some("prod".into());
    let settings = resolve(&args, &mut |_| {}).unwrap();
    assert!(settings.read_only, "without --read-only on the command line");
    assert_eq!((settings.profile.as_deref(), settings.color.as_deref()), (Some("prod"), Some("red")));
    let bad = write_config("[profiles.prod]\ndomain = \"x.auth0.com\"\ncolor = \"teal\"\n", 0o600);
    let mut args = args_with(bad.path());
    args.profile = Some("prod".into());
    let err = resolve(&args, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("profiles.prod.color is not one of red"), "{err}");
}

#[test]
fn named_profiles_and_apps_are_read() {
    let file = write_config(
        "[profiles.prod]\ndomain = \"prod.auth0.com\"\nclient_id = \"a\"\nclient_secret = \"b\"\n[profiles.prod.apps.web]\nclient_id = \"web-id\"\nclient_secret = \"web-secret\"\n[profiles.prod.apps.ios]\nclient_id = \"ios-id\"\n",
        0o600,
    );
    let mut args = args_with(file.path());
    args.profile = Some("prod".into());
    let settings = resolve(&args, &mut |_| {}).unwrap();
    assert_eq!(settings.apps["web"].client_id, "web-id");
    assert!(settings.apps["ios"].client_secret.is_none());
}

#[test]
fn missing_settings_name_what_to_set() {
    let file = write_config("[profiles.default]\nclient_id = \"a\"\n", 0o600);
    let err = resolve(&args_with(file.path()), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("--domain") && err.contains("AUTH0_DOMAIN") && err.contains("domain in"), "{err}");
    let mut args = args_with(file.path());
    args.domain = Some("acme.auth0.com".into());
    let err = resolve(&args, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("--client-secret") && err.contains("AUTH0_CLIENT_SECRET"), "{err}");
    args.profile = Some("nope".into());
    let err = resolve(&args, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("No profile 'nope'") && err.contains("default"), "{err}");
}

#[test]
fn a_misplaced_secret_is_named_by_its_path_and_never_shown() {
    for text in [
        "[profiles]\nclient_secret = \"s3cr3t-value\"\n",
        "[profiles.default]\nclient_secret = [\"s3cr3t-value\"]\n",
        "[profiles.default.apps.web]\nclient_secret = \"s3cr3t-value\"\n",
        "[profiles.default.apps]\nweb = \"s3cr3t-value\"\n",
        "profiles = \"s3cr3t-value\"\n",
        "[profiles.default]\nclient_secret = s3cr3t-value\n",
        "[profiles.default]\nclient_secret = \"s3cr3t-value\n",
    ] {
        let file = write_config(text, 0o600);
        let err = resolve(&args_with(file.path()), &mut |_| {}).unwrap_err().to_string();
        assert!(!err.contains("s3cr3t"), "{text:?}: {err}");
        assert!(err.contains(&file.path().display().to_string()), "{err}");
        assert!(err.contains("profiles") || err.contains("line 2"), "{text:?}: {err}");
    }
    let file = write_config("[profiles]\nclient_secret = \"s3cr3t-value\"\n", 0o600);
    let err = resolve(&args_with(file.path()), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("profiles.client_secret is a string, expected a table"), "{err}");
}

#[test]
fn a_typo_in_the_file_is_named() {
    let file = write_config("[profiles.default]\ndomian = \"x\"\n", 0o600);
    let err = resolve(&args_with(file.path()), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("domian"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_secret_readable_by_others_is_warned_about_without_showing_it() {
    let file = write_config(
        "[profiles.default]\ndomain = \"a.auth0.com\"\nclient_id = \"a\"\nclient_secret = \"s3cr3t\"\n",
        0o644,
    );
    let mut warnings = Vec::new();
    resolve(&args_with(file.path()), &mut |w| warnings.push(w)).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("chmod 600") && !warnings[0].contains("s3cr3t"));
    let quiet = write_config("[profiles.default]\ndomain = \"a.auth0.com\"\n", 0o644);
    let mut warnings = Vec::new();
    let _ = resolve(&args_with(quiet.path()), &mut |w| warnings.push(w));
    assert!(warnings.is_empty());
}

#[test]
fn a_bad_domain_says_what_is_wrong() {
    let file = write_config("", 0o600);
    let mut args = args_with(file.path());
    args.domain = Some("acme corp".into());
    args.token = Some(SecretString::from("t"));
    let err = resolve(&args, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("acme corp") && err.contains("--domain"), "{err}");
}

#[test]
fn a_profile_may_read_its_secret_from_a_command_and_keeps_it_in_one_place() {
    let file = write_config(
        "[profiles.default]\ndomain = \"a.auth0.com\"\nclient_id = \"a\"\nclient_secret_command = [\"sh\", \"-c\", \"echo from-the-command\"]\n",
        0o600,
    );
    let settings = resolve(&args_with(file.path()), &mut |_| {}).unwrap();
    let Credentials::ClientCredentials { app, .. } = &settings.credentials else { panic!() };
    assert_eq!(
        app.client_secret.as_ref().map(|s| s.expose_secret().to_string()).as_deref(),
        Some("from-the-command")
    );

    let failing = write_config(
        "[profiles.default]\ndomain = \"a.auth0.com\"\nclient_id = \"a\"\nclient_secret_command = [\"sh\", \"-c\", \"echo hidden; exit 1\"]\n",
        0o600,
    );
    let err = resolve(&args_with(failing.path()), &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("client_secret_command (sh) failed") && !err.contains("hidden"), "{err}");

    for (text, expected) in [
        (
            "client_secret = \"s3cr3t\"\nclient_secret_keyring = true\n",
            "gives client_secret and client_secret_keyring",
        ),
        ("client_secret_command = \"pass show x\"\n", "expected a list of words"),
        ("client_secret_command = []\n", "expected a list of words"),
        ("client_secret_keyring = \"yes\"\n", "client_secret_keyring is a string, expected true or false"),
    ] {
        let file = write_config(&format!("[profiles.default]\n{text}"), 0o600);
        let err = resolve(&args_with(file.path()), &mut |_| {}).unwrap_err().to_string();
        assert!(err.contains(expected) && !err.contains("s3cr3t"), "{text}: {err}");
    }
}
