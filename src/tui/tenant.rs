//! The UI's connection to one tenant: its runner (client, keys, revoker, apps), the channel its
//! tasks answer on, and what the app shows of it. `:ctx` swaps the whole connection for another
//! profile's: the old runner's tasks are dropped with it, and its channel with them, so nothing
//! of one tenant can arrive under the other's name.

use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver};

use super::action::Action;
use super::command::Runner;
use crate::audit::AuditLog;
use crate::auth0::login::StandIn;
use crate::auth0::{Http, HttpEvent, HttpOptions, ManagementClient};
use crate::config::{ConnectionArgs, Settings};

/// What the app shows of a tenant.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantInfo {
    pub host: String,
    pub issuer: String,
    /// The profile's applications (label, client id); their secrets stay with the runner.
    pub apps: Vec<(String, String)>,
    pub read_only: bool,
    pub profile: Option<String>,
    pub color: Option<String>,
}

pub struct Connection {
    pub runner: Runner,
    pub actions: UnboundedReceiver<Action>,
    pub info: TenantInfo,
}

/// Connects to the tenant `settings` name: a client reporting into a new channel, and its runner.
pub fn connect(
    settings: Settings,
    audit: Option<AuditLog>,
    stand_in: Option<StandIn>,
) -> Result<Connection, String> {
    let (tx, actions) = mpsc::unbounded_channel();
    let notices = tx.clone();
    let options = HttpOptions {
        ca_certs: settings.ca_certs.clone(),
        download: settings.download,
        ..HttpOptions::default()
    };
    let http = Http::new(options).map_err(|e| e.to_string())?.with_events(Arc::new(move |event| {
        let action = match event {
            HttpEvent::Pages(progress) => Action::Pages(progress),
            HttpEvent::RateLimit(limit) => Action::RateLimit(limit),
            HttpEvent::Sent(request) => Action::Sent(request),
            waiting @ HttpEvent::Waiting { .. } => Action::Warning(waiting.to_string()),
        };
        let _ = notices.send(action);
    }));
    let info = TenantInfo {
        host: settings.tenant.host().to_string(),
        issuer: settings.tenant.issuer(),
        apps: settings.apps.iter().map(|(label, app)| (label.clone(), app.client_id.clone())).collect(),
        read_only: settings.read_only,
        profile: settings.profile.clone(),
        color: settings.color.clone(),
    };
    let client = ManagementClient::new(http, settings.tenant, settings.credentials, settings.read_only);
    let mut runner = Runner::new(client, tx.clone()).with_apps(settings.apps);
    if let Some(stand_in) = stand_in {
        runner = runner.with_stand_in(stand_in);
    }
    if let Some(log) = audit {
        if let Some(warning) = log.permission_warning() {
            let _ = tx.send(Action::Warning(warning));
        }
        runner = runner.with_audit(log);
    }
    Ok(Connection { runner, actions, info })
}

/// What connects to another profile by its name (`:ctx NAME`).
pub type Switch = dyn FnMut(&str) -> Result<Connection, String>;

/// Connects to another profile of the same config file (`:ctx NAME`), as the command line would
/// with `--profile NAME`: flags and variables that named the first tenant do not carry over.
pub fn switcher(
    args: ConnectionArgs,
    audit: Option<AuditLog>,
) -> impl FnMut(&str) -> Result<Connection, String> {
    move |name: &str| {
        let args = ConnectionArgs {
            domain: None,
            client_id: None,
            client_secret: None,
            audience: None,
            token: None,
            profile: Some(name.to_string()),
            ..args.clone()
        };
        let settings = crate::config::resolve(&args, &mut |_| {}).map_err(|e| e.0)?;
        connect(settings, audit.clone(), None)
    }
}
