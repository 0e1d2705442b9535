//! The arguments of the commands that get tokens: `login` (a user, through the browser), `token`
//! (an application, with client credentials) and `refresh-token use|revoke|verify`.

use clap::{Args, Subcommand};
use secrecy::SecretString;

use crate::auth0::login::DEFAULT_SCOPE;

/// The application a token is (or was) issued to.
#[derive(Debug, Args)]
pub struct AppArgs {
    /// An application of the profile ([profiles.NAME.apps.LABEL])
    #[arg(long, value_name = "LABEL", conflicts_with = "app_client_id")]
    pub app: Option<String>,
    /// The application's client id
    #[arg(long, env = "AUTH0_APP_CLIENT_ID", value_name = "ID")]
    pub app_client_id: Option<String>,
    /// The application's client secret (confidential clients only)
    #[arg(long, env = "AUTH0_APP_CLIENT_SECRET", hide_env_values = true, value_name = "SECRET")]
    pub app_client_secret: Option<SecretString>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tenantscope login --app ios --audience https://api.example.com
  tenantscope login --app-client-id ID --login-hint jane@example.com --no-browser
  tenantscope --demo login --app ios --login-hint EMAIL   (the demo fills the login form itself)")]
pub struct LoginArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// The API to get an access token for (its identifier); without it, only the user's profile
    #[arg(long, value_name = "API")]
    pub audience: Option<String>,
    /// The scopes to ask for; offline_access asks for a refresh token
    #[arg(long, default_value = DEFAULT_SCOPE)]
    pub scope: String,
    /// Log in with this connection, skipping Auth0's choice of connection
    #[arg(long, value_name = "CONNECTION")]
    pub connection: Option<String>,
    /// Prefill the email on Auth0's login page
    #[arg(long, value_name = "EMAIL")]
    pub login_hint: Option<String>,
    /// The loopback port of the callback URL (http://127.0.0.1:PORT/callback), which the app must
    /// list [default: the profile app's callback_url, else 8484]
    #[arg(long, value_name = "PORT")]
    pub callback_port: Option<u16>,
    /// Print the URL to open instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,
    /// Print the tokens themselves as JSON (they are secrets: you asked for them)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:
  tenantscope token --app backend --audience https://api.example.com --scope read:orders")]
pub struct TokenArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// The API to get an access token for (its identifier)
    #[arg(long, value_name = "API")]
    pub audience: String,
    /// Only these of the scopes the app is granted
    #[arg(long)]
    pub scope: Option<String>,
    /// Print the token itself as JSON (it is a secret: you asked for it)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RefreshTokenUseArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// Print the new tokens themselves as JSON
    #[arg(long)]
    pub json: bool,
    /// Write the new refresh token to FILE (created mode 600), so rotation loses nothing
    #[arg(long, value_name = "FILE", conflicts_with = "json")]
    pub out: Option<std::path::PathBuf>,
    /// Put the new refresh token on the clipboard instead
    #[arg(long, conflicts_with_all = ["json", "out"])]
    pub copy: bool,
}

#[derive(Debug, Args)]
pub struct RefreshTokenArgs {
    #[command(subcommand)]
    pub action: RefreshTokenAction,
}

#[derive(Debug, Subcommand)]
pub enum RefreshTokenAction {
    /// Revoke the token with POST /oauth/revoke (the application's own credentials)
    Revoke(RefreshTokenRevokeArgs),
    /// Prove the token is dead: a refresh with it must get invalid_grant
    Verify(RefreshTokenVerifyArgs),
    /// Exchange the token for new ones, and show what changed (under rotation it is used up)
    Use(RefreshTokenUseArgs),
}

#[derive(Debug, Args)]
pub struct RefreshTokenRevokeArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// Then prove it: retry a refresh for up to 10 s until Auth0 answers invalid_grant (a token
    /// that still works is spent by each try, and the newest one is printed)
    #[arg(long)]
    pub verify: bool,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// The verdict as JSON: {"verdict": "revoked|accepted|absent|failed", …}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RefreshTokenVerifyArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// Probe without asking (a token that still works is used up, and the new tokens printed)
    #[arg(long, short)]
    pub yes: bool,
}
