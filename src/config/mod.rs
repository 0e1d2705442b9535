//! Where tenantscope finds its tenant and credentials: a flag, then an environment variable (both
//! read by clap), then a profile in the config file. Every missing or wrong setting is one
//! sentence naming the flag, variable or profile key to set.

use std::collections::BTreeMap;
use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use crate::auth0::{AppCredentials, Credentials, Tenant};

pub mod keys;
mod layout;
mod permissions;
pub mod secret_source;

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
    pub max_export_gib: Option<u64>,
}

/// `config.toml`: `[profiles.NAME]` with the tenant and its M2M application, and
/// `[profiles.NAME.apps.LABEL]` with applications used for refresh-token work.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// Rebound keys, read with their lines by [`keys`].
    #[serde(default)]
    pub keys: toml::Table,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub domain: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<SecretString>,
    /// A command whose output is the client secret (`["pass", "show", "auth0/prod"]`).
    pub client_secret_command: Option<Vec<String>>,
    /// The client secret is in the OS keyring (`tenantscope secret set PROFILE`).
    pub client_secret_keyring: Option<bool>,
    pub audience: Option<String>,
    /// This tenant is always read-only (production, say).
    pub read_only: Option<bool>,
    /// The colour its header and confirmations carry: red, yellow, green, blue, magenta, cyan.
    pub color: Option<String>,
    /// The most a users export may decompress to, in GiB.
    pub max_export_gib: Option<u64>,
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
    /// The profile's name, when one was read (`default` included).
    pub profile: Option<String>,
    /// The profile's colour, for the header and confirmations.
    pub color: Option<String>,
    /// Bounds on a users export's file (the ceiling from `--max-export-gib` or the profile).
    pub download: crate::auth0::download_guard::DownloadLimits,
}

impl std::fmt::Debug for Settings {
    /// Names where the credentials come from, never their values.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let credentials = match &self.credentials {
            Credentials::Token(_) => "a Management API token",
            Credentials::ClientCredentials { .. } => "client credentials",
            Credentials::None(_) => "no Management API credentials",
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
    let settings = resolve_without_credentials(args, warn)?;
    if let Credentials::None(why) = &settings.credentials {
        return Err(ConfigError(why.clone()));
    }
    Ok(settings)
}

/// Settings for a command that talks only to the Authentication API (refresh tokens, logins):
/// the tenant, the profile's applications and read-only, and the Management API credentials
/// when given; when not, [`Credentials::None`] says how to give them.
pub fn resolve_without_credentials(
    args: &ConnectionArgs,
    warn: &mut dyn FnMut(String),
) -> Result<Settings, ConfigError> {
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
        let profile_name = args.profile.as_deref().unwrap_or("default");
        let client_secret = match &args.client_secret {
            Some(secret) => Some(secret.clone()),
            // Asked only when the id needs it: a command or the keyring may prompt or take time.
            None if client_id.is_some() => profile_secret(profile_name, &profile)?,
            None => profile.client_secret.clone(),
        };
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
            (None, None) => Credentials::None(format!(
                "No credentials: pass --client-id and --client-secret of a Machine-to-Machine application (or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), pass --token or set AUTH0_MANAGEMENT_TOKEN, or set client_id and client_secret in {}.",
                where_profile()
            )),
        }
    };

    let ca_certs = read_ca_certs(args)?;
    // A profile marked read-only stays so, whatever the command line says.
    let read_only = args.read_only || profile.read_only == Some(true);
    let name = config_path.is_some().then(|| args.profile.clone().unwrap_or_else(|| "default".into()));
    let name = name.filter(|_| profile.domain.is_some() || profile.client_id.is_some());
    Ok(Settings {
        tenant,
        credentials,
        ca_certs,
        read_only,
        apps: profile.apps,
        profile: name,
        color: profile.color,
        download: download_limits(args.max_export_gib.or(profile.max_export_gib)),
    })
}

fn download_limits(max_export_gib: Option<u64>) -> crate::auth0::download_guard::DownloadLimits {
    let limits = crate::auth0::download_guard::DownloadLimits::default();
    match max_export_gib {
        Some(gib) => limits.with_max_export_gib(gib),
        None => limits,
    }
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
/// The profiles the config file names (none without a file, or when it cannot be read).
pub fn profile_names(args: &ConnectionArgs) -> Vec<String> {
    profile_domains(args).into_iter().map(|(name, _)| name).collect()
}

/// The profiles of the config file that keep a client secret in plain text (`client_secret`), and
/// the file; for `doctor`'s suggestion to move them.
pub fn plain_secret_profiles(args: &ConnectionArgs) -> Option<(PathBuf, Vec<String>)> {
    let path = args.config.clone().or_else(default_config_path)?;
    let text = crate::private_files::read_config(&path).ok()?;
    let file: ConfigFile = layout::parse_config(&text).ok()?;
    let plain: Vec<String> =
        file.profiles.into_iter().filter(|(_, p)| p.client_secret.is_some()).map(|(name, _)| name).collect();
    (!plain.is_empty()).then_some((path, plain))
}

/// Each profile of the config file with its domain as written (for `:ctx`'s picker).
pub fn profile_domains(args: &ConnectionArgs) -> Vec<(String, Option<String>)> {
    let Some(path) = args.config.clone().or_else(default_config_path) else { return Vec::new() };
    let Ok(text) = crate::private_files::read_config(&path) else { return Vec::new() };
    layout::parse_config(&text)
        .map(|file: ConfigFile| file.profiles.into_iter().map(|(name, p)| (name, p.domain)).collect())
        .unwrap_or_default()
}

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
    let text = match crate::private_files::read_config(&path) {
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

/// The profile's client secret, wherever the profile keeps it.
fn profile_secret(name: &str, profile: &Profile) -> Result<Option<SecretString>, ConfigError> {
    if let Some(argv) = &profile.client_secret_command {
        return secret_source::from_command(argv).map(Some).map_err(ConfigError);
    }
    if profile.client_secret_keyring == Some(true) {
        return secret_source::from_keyring(name).map(Some).map_err(ConfigError);
    }
    Ok(profile.client_secret.clone())
}

fn file_holds_secret(file: &ConfigFile) -> bool {
    file.profiles
        .values()
        .any(|p| p.client_secret.is_some() || p.apps.values().any(|a| a.client_secret.is_some()))
}

#[cfg(test)]
mod tests;
