//! The scripting subcommands. Stdout is data, stderr is messages; exit 0 on success, 1 when the
//! operation failed (Auth0 said no, the network), 2 on bad usage or input.

mod app_args;
pub mod args;
mod confirm;
mod confirm_facts;
mod decode;
mod decode_args;
pub mod demo;
mod devices;
mod doctor;
mod export_progress;
mod grants;
mod id_arg;
mod keep_token;
mod login;
mod logs;
mod refresh;
mod revoke_args;
mod secret;
mod sessions;
mod shell;
mod shell_args;
#[cfg(feature = "sim")]
mod sim;
mod table;
mod token_args;
mod user_args;
mod users;
mod verdict;

use std::sync::Arc;

use clap::CommandFactory;

use crate::audit::AuditLog;
use crate::auth0::{Auth0Error, Http, HttpEvent, HttpOptions, ManagementClient};
use crate::config::{self, ConfigError, Settings};
use crate::revoke::Revoker;
pub use args::{Cli, Command};
pub(crate) use verdict::{confirm_revoke, report};

/// Why a command did not succeed, and so its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage or input: exit 2.
    #[error("{0}")]
    Usage(String),
    /// Auth0 said no, or the network failed: exit 1.
    #[error("{}", .0.with_hint())]
    Auth0(#[from] Auth0Error),
    /// Anything else that failed: exit 1.
    #[error("{0}")]
    Failed(String),
    /// A destructive action ended in a verdict other than `revoked`, already said on stdout:
    /// its exit status, and nothing more to print.
    #[error("")]
    Verdict(i32),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Verdict(code) => *code,
            CliError::Usage(_)
            | CliError::Auth0(Auth0Error::ReadOnly { .. })
            | CliError::Auth0(Auth0Error::BadId(_))
            | CliError::Auth0(Auth0Error::Setup(_)) => 2,
            _ => 1,
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(err: ConfigError) -> Self {
        CliError::Usage(err.0)
    }
}

/// Waits and retries are always told; paging progress only on a terminal, as one line that is
/// rewritten in place and cleared when the listing is read.
/// Set while `logs --follow` has said it lost the tenant: its retries are not told one by one.
static RETRIES_QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Quiets (or not) the notes of transient retries, for a follow through an outage.
pub(crate) fn quiet_retries(quiet: bool) {
    RETRIES_QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// `-v`: each request is told on stderr as it ends.
static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns `-v` on for the rest of the process.
pub(crate) fn be_verbose(on: bool) {
    VERBOSE.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The one HTTP client of a subcommand, telling waits, retries, progress and (with `-v`) each
/// request on stderr.
pub fn http(options: HttpOptions) -> Result<Http, CliError> {
    Ok(Http::new(options)?.with_events(Arc::new(report_event)))
}

fn report_event(event: HttpEvent) {
    let quiet = RETRIES_QUIET.load(std::sync::atomic::Ordering::Relaxed);
    match &event {
        HttpEvent::Sent(sent) => {
            if VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
                let at = crate::timefmt::Clock::system().local_time(sent.at);
                note(format!("{at} {sent}"));
            }
        }
        HttpEvent::Waiting { reason: crate::auth0::http::WaitReason::Transient(_), .. } if quiet => {}
        HttpEvent::Pages(progress) => {
            if crate::output::stderr_is_terminal() {
                let text = progress.to_string();
                crate::output::status_line((progress.done != progress.total).then_some(&text));
            }
        }
        HttpEvent::Waiting { .. } => note(event),
        // Rate-limit headers matter to the UI's status bar; a script hears of them only on a 429.
        HttpEvent::RateLimit(_) => {}
    }
}

fn could_not_write(err: std::io::Error) -> CliError {
    CliError::Failed(format!("could not write: {err}"))
}

/// A message for the user on stderr, through the text encoder (see [`crate::output::note`]).
pub fn note(message: impl std::fmt::Display) {
    crate::output::note(message);
}

/// Runs one subcommand (the terminal UI is started by [`crate::launch`], never from here).
pub async fn run(command: Command, global: &args::GlobalArgs) -> Result<(), CliError> {
    be_verbose(global.verbose);
    table::show_wide(global.wide);
    if let Command::Sim(args) = &command {
        if global.demo {
            return Err(CliError::Usage(
                "--demo and sim do not go together: sim already serves a simulated tenant.".into(),
            ));
        }
        return demo::serve(args).await;
    }
    if let Command::Decode(args) = &command {
        // Decoding needs the tenant (for its keys and issuer), never credentials.
        return if global.demo {
            let (settings, _demo) = demo::demo_settings(false).await?;
            decode::run(args, Some(settings.tenant), Vec::new()).await
        } else {
            let connection = global.connection();
            let tenant = config::resolve_tenant(&connection, &mut |w| note(format!("warning: {w}")))?;
            decode::run(args, tenant, config::read_ca_certs(&connection)?).await
        };
    }
    match &command {
        Command::Completions(args) => {
            return shell::completions(Cli::command(), args.shell).map_err(could_not_write);
        }
        Command::Man(args) => {
            return shell::man(Cli::command(), args.dir.as_deref()).map_err(could_not_write);
        }
        Command::Login(args) => return login::login(args, global).await,
        Command::Token(args) => return login::token(args, global).await,
        Command::Secret(args) => return secret::run(args, &global.connection()),
        _ => {}
    }
    // Refresh tokens are the Authentication API's: Management credentials are not needed.
    let without_credentials = matches!(command, Command::RefreshToken(_));
    // The demo tenant lives as long as the command.
    let (settings, _demo) = settings(global, without_credentials).await?;
    let apps = settings.apps.clone();
    let client = connect(settings)?;
    let revoker = revoker(global, &client);
    match command {
        Command::Users(args) => users::list(&client, &args).await,
        Command::User(args) => users::run(&client, &args, &revoker).await,
        Command::Logs(args) => logs::run(&client, &args).await,
        Command::Grants(args) => grants::run(&client, &args, &revoker).await,
        Command::Devices(args) => devices::run(&client, &args, &revoker).await,
        Command::Sessions(args) => sessions::run(&client, sessions::Kind::Sessions, &args, &revoker).await,
        Command::RefreshTokens(args) => {
            sessions::run(&client, sessions::Kind::RefreshTokens, &args, &revoker).await
        }
        Command::RefreshToken(args) => refresh::run(&client, &args, &apps, &revoker).await,
        Command::Doctor => doctor::run(&client, &global.connection()).await,
        Command::Sim(_)
        | Command::Decode(_)
        | Command::Login(_)
        | Command::Token(_)
        | Command::Completions(_)
        | Command::Secret(_)
        | Command::Man(_) => {
            unreachable!("handled above")
        }
    }
}

/// The settings a command runs on: the demo's simulated tenant (kept alive by the handle) with
/// `--demo`, else flag → environment → profile, warnings on stderr.
pub async fn settings(
    global: &args::GlobalArgs,
    without_credentials: bool,
) -> Result<(Settings, Option<demo::DemoTenant>), CliError> {
    if global.demo {
        let (settings, handle) = demo::demo_settings(global.read_only).await?;
        return Ok((settings, Some(handle)));
    }
    let connection = global.connection();
    let warn = &mut |w| note(format!("warning: {w}"));
    let settings = if without_credentials {
        config::resolve_without_credentials(&connection, warn)?
    } else {
        config::resolve(&connection, warn)?
    };
    Ok((settings, None))
}

/// The CLI's revoker: the one revoke path, recording in the audit trail and warning on stderr.
fn revoker(global: &args::GlobalArgs, client: &ManagementClient) -> Revoker {
    let revoker = Revoker::new(client.clone(), "cli", Arc::new(|warning: String| note(&warning)));
    match (global.audit_log.clone(), global.demo) {
        (Some(path), _) => revoker.with_audit(AuditLog::new(path)),
        // The simulated tenant's revokes never reach the real trail.
        (None, true) => revoker.with_audit(AuditLog::in_memory()),
        (None, false) => match AuditLog::default_path() {
            Some(path) => revoker.with_audit(AuditLog::new(path)),
            None => revoker.without_audit("no data directory for the audit log; pass --audit-log PATH"),
        },
    }
}

/// A Management API client for `settings`, reporting waits and retries on stderr.
pub fn connect(settings: Settings) -> Result<ManagementClient, CliError> {
    let options =
        HttpOptions { ca_certs: settings.ca_certs, download: settings.download, ..HttpOptions::default() };
    let http = http(options)?;
    Ok(ManagementClient::new(http, settings.tenant, settings.credentials, settings.read_only))
}
