//! The start: a parsed command line becomes either one subcommand (the CLI) or the terminal UI.
//! Neither front-end starts the other; this is the one module that sees both.

use crate::audit::AuditLog;
use crate::cli::args::GlobalArgs;
use crate::cli::{self, Cli, CliError, demo};
use crate::config::{self, AppProfile};

pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Some(command) => cli::run(command, &cli.global).await,
        None => terminal_ui(&cli.global).await,
    }
}

/// The terminal UI, on the configured tenant or, with `--demo`, the simulated one.
async fn terminal_ui(global: &GlobalArgs) -> Result<(), CliError> {
    // The demo tenant lives as long as the UI.
    let (mut settings, demo) = cli::settings(global, false).await?;
    if let Some((label, app)) = environment_app() {
        settings.apps.entry(label).or_insert(app);
    }
    let audit = match (&global.audit_log, &demo) {
        (Some(path), _) => Some(AuditLog::new(path.clone())),
        // The simulated tenant's revokes never reach the real trail.
        (None, Some(_)) => Some(AuditLog::in_memory()),
        (None, None) => AuditLog::default_path().map(AuditLog::new),
    };
    let stand_in = demo.as_ref().map(demo::demo_stand_in);
    let color = global.color.enabled(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let switching = demo.is_none().then(|| global.connection());
    let (keys, keys_file) = config::keys::read_keys(&global.connection())?;
    let options = crate::tui::run::RunOptions { audit, stand_in, color, switching, keys, keys_file };
    crate::tui::run::run(settings, options).await.map_err(|e| match e {
        crate::tui::run::RunError::Keys(problem) => CliError::Usage(problem),
        other => CliError::Failed(other.to_string()),
    })
}

/// The application named by `AUTH0_APP_CLIENT_ID` (and `AUTH0_APP_CLIENT_SECRET`), which
/// `refresh-token` honours: the UI offers it for R and V beside the profile's applications.
fn environment_app() -> Option<(String, AppProfile)> {
    let client_id = std::env::var("AUTH0_APP_CLIENT_ID").ok().filter(|id| !id.trim().is_empty())?;
    let client_secret =
        std::env::var("AUTH0_APP_CLIENT_SECRET").ok().filter(|s| !s.is_empty()).map(Into::into);
    Some(("AUTH0_APP_CLIENT_ID".to_string(), AppProfile { client_id, client_secret, callback_url: None }))
}
