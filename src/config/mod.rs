//! Where tenantscope finds its tenant and credentials: a flag, then an environment variable (both
//! read by clap), then a profile in the config file. Every missing or wrong setting is one
//! sentence naming the flag, variable or profile key to set.

use std::collections::BTreeMap;
use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use crate::auth0::{AppCredentials, Credentials, Tenant};

mod layout;
mod permissions;

pub use permissions::readable_by_others;
use permissions::warn_if_readable_by_others;

/// What the command line and environment said (clap has merged flag and variable).
#[derive(Debug, Clone, Default)]
pub struct ConnectionArgs {
    pub domain: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<SecretString>,
    pub audience: Option<String>,
    pub token: Option<SecretString>,
    pub profile: Option<String>,
    pub config: Option<PathBuf>,
    pub ca_certs: Vec<PathBuf>,
    pub read_only: bool,
}

/// `config.toml`: `[profiles.NAME]` with the tenant and its M2M application, and
/// `[profiles.NAME.apps.LABEL]` with applications used for refresh-token work.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub domain: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<SecretString>,
    pub audience: Option<String>,
    #[serde(default)]
    pub apps: BTreeMap<String, AppProfile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppProfile {
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    /// Where `login` listens for this app (`http://127.0.0.1:PORT/callback`, as the app lists it).
    #[serde(default)]
    pub callback_url: Option<String>,
}

impl AppProfile {
    pub fn credentials(&self) -> AppCredentials {
        AppCredentials { client_id: self.client_id.clone(), client_secret: self.client_secret.clone() }
    }
}

/// Everything needed to talk to one tenant.
pub struct Settings {
    pub tenant: Tenant,
    pub credentials: Credentials,
    pub ca_certs: Vec<Vec<u8>>,
    pub read_only: bool,
    /// The applications of the chosen profile, by label.
    pub apps: BTreeMap<String, AppProfile>,
}

impl std::fmt::Debug for Settings {
    /// Names where the credentials come from, never their values.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let credentials = match &self.credentials {
            Credentials::Token(_) => "a Management API token",
            Credentials::ClientCredentials { .. } => "client credentials",
        };
        f.debug_struct("Settings")
            .field("tenant", &self.tenant.base())
            .field("credentials", &credentials)
            .field("read_only", &self.read_only)
            .field("apps", &self.apps.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A setting is missing or wrong; the message names what to set.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// `$XDG_CONFIG_HOME/tenantscope/config.toml` (or the platform's equivalent).
pub fn default_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("tenantscope").join("config.toml"))
}

/// Resolves flag → environment → profile. `warn` receives warnings (a readable secret file).
pub fn resolve(args: &ConnectionArgs, warn: &mut dyn FnMut(String)) -> Result<Settings, ConfigError> {
    let (profile, config_path) = load_profile(args, warn)?;
    let where_profile = || match (&args.profile, &config_path) {
        (Some(name), Some(path)) => format!("[profiles.{name}] in {}", path.display()),
        (None, Some(path)) => format!("a profile in {} (chosen with --profile)", path.display()),
        _ => "a profile in the config file".to_string(),
    };

    let tenant = tenant_of(args, &profile)?.ok_or_else(|| {
        ConfigError(format!(
            "No tenant given: pass --domain (like acme.eu.auth0.com), set AUTH0_DOMAIN, or set domain in {}.",
            where_profile()
        ))
    })?;

    let credentials = if let Some(token) = &args.token {
        Credentials::Token(token.clone())
    } else {
        let client_id = args.client_id.clone().or_else(|| profile.client_id.clone());
        let client_secret = args.client_secret.clone().or_else(|| profile.client_secret.clone());
        match (client_id, client_secret) {
            (Some(client_id), Some(secret)) => Credentials::ClientCredentials {
                app: AppCredentials { client_id, client_secret: Some(secret) },
                audience: args
                    .audience
                    .clone()
                    .or_else(|| profile.audience.clone())
                    .unwrap_or_else(|| tenant.management_audience()),
            },
            (Some(_), None) => {
                return Err(ConfigError(format!(
                    "No client secret for the client id: pass --client-secret, set AUTH0_CLIENT_SECRET, or set client_secret in {}.",
                    where_profile()
                )));
            }
            (None, Some(_)) => {
                return Err(ConfigError(format!(
                    "No client id for the client secret: pass --client-id, set AUTH0_CLIENT_ID, or set client_id in {}.",
                    where_profile()
                )));
            }
            (None, None) => {
                return Err(ConfigError(format!(
                    "No credentials: pass --client-id and --client-secret of a Machine-to-Machine application (or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), pass --token or set AUTH0_MANAGEMENT_TOKEN, or set client_id and client_secret in {}.",
                    where_profile()
                )));
            }
        }
    };

    let ca_certs = read_ca_certs(args)?;
    Ok(Settings { tenant, credentials, ca_certs, read_only: args.read_only, apps: profile.apps })
}

/// Only the tenant, for work that needs no credentials (decoding a token): `None` when none is
/// configured anywhere.
pub fn resolve_tenant(
    args: &ConnectionArgs,
    warn: &mut dyn FnMut(String),
) -> Result<Option<Tenant>, ConfigError> {
    let (profile, _) = load_profile(args, warn)?;
    tenant_of(args, &profile)
}

fn tenant_of(args: &ConnectionArgs, profile: &Profile) -> Result<Option<Tenant>, ConfigError> {
    let Some(domain) = args.domain.clone().or_else(|| profile.domain.clone()) else { return Ok(None) };
    Tenant::parse(&domain).map(Some).map_err(|problem| {
        ConfigError(format!(
            "The tenant domain is not usable: {problem}. Set --domain or AUTH0_DOMAIN to a domain like acme.eu.auth0.com or a URL like http://127.0.0.1:4000."
        ))
    })
}

/// The `--ca-cert` files, read.
pub fn read_ca_certs(args: &ConnectionArgs) -> Result<Vec<Vec<u8>>, ConfigError> {
    args.ca_certs
        .iter()
        .map(|path| {
            std::fs::read(path)
                .map_err(|e| ConfigError(format!("--ca-cert {} cannot be read: {e}.", path.display())))
        })
        .collect()
}

/// The profile asked for (or `default` when none was asked for and one exists), and the file.
fn load_profile(
    args: &ConnectionArgs,
    warn: &mut dyn FnMut(String),
) -> Result<(Profile, Option<PathBuf>), ConfigError> {
    let explicit = args.config.is_some();
    let Some(path) = args.config.clone().or_else(default_config_path) else {
        return match &args.profile {
            Some(name) => Err(ConfigError(format!(
                "--profile {name} needs a config file, and this system has no config directory: pass --config FILE."
            ))),
            None => Ok((Profile::default(), None)),
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit && args.profile.is_none() => {
            return Ok((Profile::default(), Some(path)));
        }
        Err(e) => {
            return Err(ConfigError(format!(
                "The config file {} cannot be read ({e}): create it, or pass --config with another file.",
                path.display()
            )));
        }
    };
    let file = layout::parse_config(&text).map_err(|problem| {
        ConfigError(format!("The config file {} is not valid: {problem}.", path.display()))
    })?;
    if file_holds_secret(&file) {
        warn_if_readable_by_others(&path, warn);
    }
    let profile = match &args.profile {
        Some(name) => file.profiles.get(name).cloned().ok_or_else(|| {
            let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            ConfigError(format!(
                "No profile '{name}' in {}: add [profiles.{name}] or pick one of: {known}.",
                path.display()
            ))
        })?,
        None => file.profiles.get("default").cloned().unwrap_or_default(),
    };
    Ok((profile, Some(path)))
}

fn file_holds_secret(file: &ConfigFile) -> bool {
    file.profiles
        .values()
        .any(|p| p.client_secret.is_some() || p.apps.values().any(|a| a.client_secret.is_some()))
}

#[cfg(test)]
mod tests {
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
        assert!(
            err.contains("--domain") && err.contains("AUTH0_DOMAIN") && err.contains("domain in"),
            "{err}"
        );
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
}
