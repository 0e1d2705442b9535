//! The command line: global connection options (accepted before or after a subcommand) and the
//! scripting subcommands.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use secrecy::SecretString;

use crate::config::ConnectionArgs;

pub use super::decode_args::DecodeArgs;
use super::decode_args::{DECODE_ABOUT, DECODE_EXAMPLES};
use super::id_arg::id;
pub use super::revoke_args::{DeviceRevokeArgs, GrantRevokeArgs, ItemRevokeArgs, RevokeFlags};
pub use super::shell_args::{CompletionsArgs, ManArgs, SecretAction, SecretArgs};
pub use super::token_args::{
    AppArgs, LoginArgs, RefreshTokenAction, RefreshTokenArgs, RefreshTokenRevokeArgs, RefreshTokenUseArgs,
    RefreshTokenVerifyArgs, TokenArgs,
};
pub use super::user_args::{LogsArgs, UserAction, UserArgs, UserTargetArgs};

#[derive(Debug, Parser)]
#[command(
    name = "tenantscope",
    version,
    about = "Inspect an Auth0 tenant: users, grants, device credentials and tokens — and revoke access.",
    after_help = "Try it without a tenant: tenantscope --demo users"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The old spelling of --management-audience, still read before a subcommand (and for the
    /// terminal UI); after one it is not global, so `grants --audience` stays a filter.
    #[arg(long = "audience", value_name = "URL", hide = true, conflicts_with = "management_audience")]
    pub legacy_audience: Option<String>,
}

/// Listed after each subcommand's own options in its help.
#[derive(Debug, Args)]
#[command(next_display_order = 1000)]
pub struct GlobalArgs {
    /// Tenant domain (acme.eu.auth0.com) or base URL (http://127.0.0.1:4000)
    #[arg(long, global = true, env = "AUTH0_DOMAIN", value_name = "DOMAIN")]
    pub domain: Option<String>,

    /// Client id of the Machine-to-Machine application
    #[arg(long, global = true, env = "AUTH0_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,

    /// Client secret of the Machine-to-Machine application
    #[arg(long, global = true, env = "AUTH0_CLIENT_SECRET", hide_env_values = true, value_name = "SECRET")]
    pub client_secret: Option<SecretString>,

    /// Audience of the Management API token [default: {domain}/api/v2/]
    #[arg(long, global = true, env = "AUTH0_AUDIENCE", value_name = "URL")]
    pub management_audience: Option<String>,

    /// A ready Management API token, instead of client credentials
    #[arg(long, global = true, env = "AUTH0_MANAGEMENT_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<SecretString>,

    /// Profile to read from the config file [default: "default" when it exists]
    #[arg(long, global = true, env = "TENANTSCOPE_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file [default: $XDG_CONFIG_HOME/tenantscope/config.toml]
    #[arg(long, global = true, env = "TENANTSCOPE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Extra trusted root certificates, PEM (local tenants, corporate proxies); repeatable
    #[arg(long = "ca-cert", global = true, value_name = "FILE")]
    pub ca_certs: Vec<PathBuf>,

    /// Refuse every destructive call before anything is sent
    #[arg(long, global = true)]
    pub read_only: bool,

    /// The most a users export may decompress to, in GiB [default: 4, or the profile's max_export_gib]
    #[arg(long, global = true, value_name = "GIB", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_export_gib: Option<u64>,

    /// Run against a simulated tenant started in-process: no settings, no network
    #[arg(long, global = true)]
    pub demo: bool,

    /// Where revokes are recorded [default: $XDG_DATA_HOME/tenantscope/audit.jsonl]
    #[arg(long, global = true, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,

    /// Tables show every value whole instead of fitting the terminal's width
    #[arg(long, global = true)]
    pub wide: bool,

    /// Print each request sent to Auth0 on stderr: time, method, path, status, duration, retries
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Colour in the terminal UI: auto (off when NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to draw in colour; `no_color` is whether `NO_COLOR` is set (no-color.org).
    pub fn enabled(self, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color,
        }
    }
}

impl GlobalArgs {
    /// The connection settings; one set to the empty string (`AUTH0_DOMAIN=`) counts as unset,
    /// as in most tools, so a profile still supplies it.
    pub fn connection(&self) -> ConnectionArgs {
        use secrecy::ExposeSecret;
        let text = |v: &Option<String>| v.clone().filter(|v| !v.trim().is_empty());
        let secret = |v: &Option<SecretString>| v.clone().filter(|v| !v.expose_secret().trim().is_empty());
        ConnectionArgs {
            domain: text(&self.domain),
            client_id: text(&self.client_id),
            client_secret: secret(&self.client_secret),
            audience: text(&self.management_audience),
            token: secret(&self.token),
            profile: text(&self.profile),
            config: self.config.clone().filter(|p| !p.as_os_str().is_empty()),
            ca_certs: self.ca_certs.clone(),
            read_only: self.read_only,
            max_export_gib: self.max_export_gib,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List or search users (Auth0's Lucene syntax)
    #[command(
        after_help = "Examples:\n  tenantscope users --query 'email:\"jane@example.com\"'\n  tenantscope users --query 'name:jo*' --sort last_login:-1 --limit 200\n  tenantscope users --all > users.jsonl"
    )]
    Users(UsersArgs),
    /// Show one user (by user id or email), or block, unblock and clear their login blocks
    #[command(
        after_help = "Examples:\n  tenantscope user 'auth0|64ab…'\n  tenantscope user jane@example.com --json\n  tenantscope user block 'auth0|64ab…' --yes"
    )]
    User(UserArgs),
    /// List grants (authorized applications), or revoke them
    #[command(
        after_help = "Examples:\n  tenantscope grants --user 'auth0|64ab…'\n  tenantscope grants revoke 6430dbcc408feb3521dec7b7\n  tenantscope grants revoke --user 'auth0|64ab…' --yes"
    )]
    Grants(GrantsArgs),
    /// List device credentials, or revoke one
    #[command(
        after_help = "Examples:\n  tenantscope devices --user 'auth0|64ab…' --type refresh_token\n  tenantscope devices revoke dcr_0123456789abcdef --yes"
    )]
    Devices(DevicesArgs),
    /// List a user's sessions (Enterprise plans), or revoke them
    #[command(
        after_help = "Examples:\n  tenantscope sessions --user 'auth0|64ab…'\n  tenantscope sessions revoke --user 'auth0|64ab…' --yes"
    )]
    Sessions(UserItemsArgs),
    /// List a user's refresh tokens (Enterprise plans), or revoke them
    #[command(
        after_help = "Examples:\n  tenantscope refresh-tokens --user 'auth0|64ab…' --json\n  tenantscope refresh-tokens revoke --user 'auth0|64ab…' --yes"
    )]
    RefreshTokens(UserItemsArgs),
    /// Use, revoke, or prove dead a refresh token you hold (read from stdin, never the command line)
    #[command(
        after_help = "Examples:\n  pbpaste | tenantscope refresh-token use --app ios\n  pbpaste | tenantscope refresh-token revoke --app ios --verify --yes\n  pbpaste | tenantscope refresh-token verify --app web --yes"
    )]
    RefreshToken(RefreshTokenArgs),
    /// Log a user in through the browser (authorization code with PKCE) and show their tokens
    Login(LoginArgs),
    /// Get an application's access token for an API (client credentials), decoded and verified
    Token(TokenArgs),
    /// Check the tenant, the credentials, the token, the clock and each feature's scopes
    #[command(after_help = "Examples:\n  tenantscope doctor\n  tenantscope --profile prod doctor")]
    Doctor,
    /// The tenant's log events: search them, or follow them as they come
    Logs(LogsArgs),
    #[command(about = DECODE_ABOUT, after_help = DECODE_EXAMPLES)]
    Decode(DecodeArgs),
    /// Serve a simulated tenant on loopback, for trying tenantscope and for tests
    #[command(
        after_help = "Examples:\n  tenantscope sim --port 4000\n  tenantscope sim --users 100000 --password hunter2"
    )]
    Sim(SimArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  tenantscope completions bash > ~/.local/share/bash-completion/completions/tenantscope\n  tenantscope completions zsh > \"${fpath[1]}/_tenantscope\"\n  tenantscope completions fish > ~/.config/fish/completions/tenantscope.fish"
    )]
    Completions(CompletionsArgs),
    /// Keep a profile's client secret in the OS keyring instead of the config file
    #[command(
        after_help = "Examples:\n  tenantscope secret set prod          # then, in [profiles.prod]: client_secret_keyring = true\n  pass show auth0/prod | tenantscope secret set prod\n  tenantscope secret delete prod"
    )]
    Secret(SecretArgs),
    /// Print the manual page (roff)
    #[command(
        after_help = "Examples:\n  tenantscope man | man -l -\n  tenantscope man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct UserItemsArgs {
    #[command(subcommand)]
    pub action: Option<UserItemsAction>,
    /// Whose to list
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserItemsAction {
    /// Revoke one by id, or all of a user's with --user
    Revoke(ItemRevokeArgs),
}

#[derive(Debug, Args)]
pub struct UsersArgs {
    /// Every user of the tenant, as JSON lines, through a users export job (past the 1000 limit);
    /// --json may be given too, the output is JSON lines either way
    #[arg(long, conflicts_with_all = ["query", "sort"])]
    pub all: bool,
    /// Lucene query, sent as q with search_engine=v3 (e.g. 'email:"a@b.c"', 'name:jo*')
    #[arg(long, short)]
    pub query: Option<String>,
    /// At most this many users (Auth0 pages through at most 1000 per search)
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub limit: u16,
    /// Sort, as field:1 (ascending) or field:-1 (descending)
    #[arg(long)]
    pub sort: Option<String>,
    /// Print Auth0's JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct GrantsArgs {
    #[command(subcommand)]
    pub action: Option<GrantsAction>,
    #[command(flatten)]
    pub filter: GrantFilterArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GrantFilterArgs {
    /// Only this user's grants
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    /// Only this application's grants
    #[arg(long, value_name = "CLIENT_ID", value_parser = id)]
    pub client: Option<String>,
    /// Only grants for this API identifier
    #[arg(long, value_name = "AUD")]
    pub audience: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GrantsAction {
    /// Revoke one grant by id, or every grant of a user with --user
    Revoke(GrantRevokeArgs),
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DevicesArgs {
    #[command(subcommand)]
    pub action: Option<DevicesAction>,
    /// Only this user's device credentials
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    /// Only this application's device credentials
    #[arg(long, value_name = "CLIENT_ID", value_parser = id)]
    pub client: Option<String>,
    /// Only this type
    #[arg(long = "type", value_name = "TYPE", value_parser = ["public_key", "refresh_token", "rotating_refresh_token"])]
    pub kind: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DevicesAction {
    /// Revoke one device credential by id (a refresh-token credential's token dies with it)
    Revoke(DeviceRevokeArgs),
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Port on 127.0.0.1; 0 picks a free one
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// How many users to seed
    #[arg(long, default_value_t = 300)]
    pub users: usize,
    /// Seed of the generated data: the same seed gives the same tenant
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Management API burst size (x-ratelimit-limit)
    #[arg(long, default_value_t = 50)]
    pub rate_limit: u32,
    /// Management API requests allowed back per second
    #[arg(long, default_value_t = 20.0)]
    pub refill_per_second: f64,
    /// Delay added to every answer, in milliseconds
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// The password every seeded user logs in with
    #[arg(long, default_value = super::demo::DEFAULT_PASSWORD)]
    pub password: String,
}

/// `tenantscope decode …` on its own. Decoding is the command people run in loops and pipelines,
/// and building the whole command tree (every subcommand, with every global option copied into
/// each) costs more than decoding the token. This parser accepts exactly what the `decode`
/// subcommand accepts; a test holds the two to the same results and the same help.
#[derive(Debug, Parser)]
#[command(bin_name = "tenantscope decode", about = DECODE_ABOUT, after_help = DECODE_EXAMPLES, disable_version_flag = true)]
pub struct DecodeCommandLine {
    #[command(flatten)]
    pub args: DecodeArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}

impl Cli {
    /// Parses the process's arguments; on bad usage, or when help or the version was asked for,
    /// prints clap's message and exits (code 2 for bad usage).
    pub fn from_env() -> Cli {
        Cli::try_from_args(std::env::args_os()).unwrap_or_else(|err| err.exit())
    }

    /// Whether the command may touch the network or a timer. Only decoding without verification
    /// needs neither, and it starts faster without them.
    pub fn needs_io(&self) -> bool {
        match &self.command {
            Some(Command::Decode(args)) => self.global.demo || args.verify || args.jwks.is_some(),
            _ => true,
        }
    }

    /// Parses an argument list that starts with the program's name, taking the short road when
    /// the subcommand is `decode`.
    pub fn try_from_args(args: impl IntoIterator<Item = impl Into<OsString>>) -> Result<Cli, clap::Error> {
        let mut args = args.into_iter().map(Into::into);
        let program = args.next().unwrap_or_default();
        let mut rest = args.peekable();
        if rest.peek().is_some_and(|first| first == "decode") {
            rest.next();
            let line = DecodeCommandLine::try_parse_from(std::iter::once(program).chain(rest))?;
            return Ok(Cli {
                global: line.global,
                command: Some(Command::Decode(line.args)),
                legacy_audience: None,
            });
        }
        let mut cli = Cli::try_parse_from(std::iter::once(program).chain(rest))?;
        if let Some(audience) = cli.legacy_audience.take() {
            cli.global.management_audience = Some(audience);
        }
        Ok(cli)
    }
}
