//! Effects as data: what `App::update` asks for, and the runner that does it in tokio tasks and
//! sends each result back as an action. Nothing here touches the terminal.

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::{JoinError, JoinSet};

use crate::audit::{AuditEntry, AuditLog};
use crate::auth0::{DeviceFilter, GrantFilter, ManagementClient, UserQuery};
use crate::token::{JwksCache, KeySource};

use super::action::{Action, Outcome, RequestId, RevokeTarget};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    LoadUsersPage {
        req: RequestId,
        query: UserQuery,
        page: usize,
        per_page: usize,
    },
    LoadGrants {
        req: RequestId,
        user_id: String,
    },
    LoadDevices {
        req: RequestId,
        user_id: String,
    },
    LoadClientNames,
    Revoke(RevokeTarget),
    CopyToClipboard {
        what: String,
        text: String,
    },
    ReadClipboard,
    /// Check a pasted token's signature against the tenant's keys.
    VerifyToken {
        req: RequestId,
        token: String,
    },
    /// Copy through the terminal (OSC 52) where there is no system clipboard; the run loop
    /// writes it, as it owns the terminal.
    Osc52(String),
}

/// Runs commands as tokio tasks; a task that panics ends the app (see `next_finished`).
pub struct Runner {
    client: ManagementClient,
    /// The tenant's keys, fetched once and kept for every pasted token.
    keys: Arc<JwksCache>,
    tx: UnboundedSender<Action>,
    tasks: JoinSet<()>,
    clipboard: Arc<Mutex<Option<arboard::Clipboard>>>,
    /// Where revokes are recorded, if anywhere.
    audit: Option<Arc<AuditLog>>,
}

impl Runner {
    pub fn new(client: ManagementClient, tx: UnboundedSender<Action>) -> Runner {
        let keys = Arc::new(JwksCache::new(KeySource::tenant(client.tenant()), client.http().clone()));
        Runner { client, keys, tx, tasks: JoinSet::new(), clipboard: Arc::new(Mutex::new(None)), audit: None }
    }

    /// Records every revoke's outcome in `log`.
    pub fn with_audit(mut self, log: AuditLog) -> Runner {
        self.audit = Some(Arc::new(log));
        self
    }

    pub fn spawn(&mut self, command: Command) {
        let client = self.client.clone();
        let tx = self.tx.clone();
        let clipboard = self.clipboard.clone();
        let keys = self.keys.clone();
        let audit = self.audit.clone();
        self.tasks.spawn(async move {
            let outcome = execute(&client, &keys, clipboard, command).await;
            if let (Some(log), Outcome::Revoked { target, result }) = (audit, &outcome) {
                record(&log, client.tenant().host(), target, result, &tx).await;
            }
            let network = outcome.was_network();
            let _ = tx.send(Action::Done(outcome));
            if network && let Some(limit) = client.rate_limit() {
                let _ = tx.send(Action::RateLimit(limit));
            }
        });
    }

    /// The next finished task; `Err` when it panicked. Pending forever while none run.
    pub async fn next_finished(&mut self) -> Result<(), JoinError> {
        match self.tasks.join_next().await {
            Some(result) => result,
            None => std::future::pending().await,
        }
    }
}

/// Appends a revoke to the audit trail off the async threads; a failure to write is shown.
async fn record(
    log: &Arc<AuditLog>,
    tenant: &str,
    target: &RevokeTarget,
    result: &Result<crate::auth0::Deleted, crate::auth0::Auth0Error>,
    tx: &UnboundedSender<Action>,
) {
    let (action, id, user) = match target {
        RevokeTarget::Grant { id, user_id } => ("revoke_grant", id.as_str(), user_id.as_deref()),
        RevokeTarget::AllGrants { user_id, .. } => {
            ("revoke_user_grants", user_id.as_str(), Some(user_id.as_str()))
        }
        RevokeTarget::Device { id, user_id } => ("revoke_device_credential", id.as_str(), user_id.as_deref()),
    };
    let entry = AuditEntry::new(tenant, action, id, user, "tui").outcome(result);
    let log = log.clone();
    let written = tokio::task::spawn_blocking(move || {
        log.record(&entry).map_err(|e| (log.path().display().to_string(), e))
    })
    .await
    .unwrap_or_else(|e| Err((String::new(), std::io::Error::other(e))));
    if let Err((path, err)) = written {
        let _ = tx.send(Action::Notice(format!("could not write the audit log {path}: {err}")));
    }
}

async fn execute(
    client: &ManagementClient,
    keys: &JwksCache,
    clipboard: Arc<Mutex<Option<arboard::Clipboard>>>,
    command: Command,
) -> Outcome {
    match command {
        Command::LoadUsersPage { req, query, page, per_page } => {
            Outcome::UsersPage { req, page, result: client.users_page(&query, page, per_page).await }
        }
        Command::LoadGrants { req, user_id } => Outcome::Grants {
            req,
            result: client.grants(&GrantFilter { user_id: Some(user_id), ..Default::default() }).await,
        },
        Command::LoadDevices { req, user_id } => Outcome::Devices {
            req,
            result: client
                .device_credentials(&DeviceFilter { user_id: Some(user_id), ..Default::default() })
                .await,
        },
        Command::LoadClientNames => Outcome::ClientNames { result: client.client_names().await },
        Command::Revoke(target) => {
            let result = match &target {
                RevokeTarget::Grant { id, .. } => client.delete_grant(id).await,
                RevokeTarget::AllGrants { user_id, .. } => client.delete_user_grants(user_id).await,
                RevokeTarget::Device { id, .. } => client.delete_device_credential(id).await,
            };
            Outcome::Revoked { target, result }
        }
        Command::CopyToClipboard { what, text } => {
            let copy = text.clone();
            // The clipboard object stays alive: on X11 and Wayland its owner serves the contents.
            let result = tokio::task::spawn_blocking(move || {
                let mut slot = clipboard.lock().unwrap_or_else(|p| p.into_inner());
                if slot.is_none() {
                    *slot = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
                }
                slot.as_mut().map(|c| c.set_text(copy).map_err(|e| e.to_string())).unwrap_or(Ok(()))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            Outcome::Copied { what, text, result }
        }
        Command::ReadClipboard => {
            let result = tokio::task::spawn_blocking(move || {
                let mut slot = clipboard.lock().unwrap_or_else(|p| p.into_inner());
                if slot.is_none() {
                    *slot = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
                }
                slot.as_mut().map(|c| c.get_text().map_err(|e| e.to_string())).unwrap_or(Ok(String::new()))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            Outcome::ClipboardRead { result }
        }
        Command::VerifyToken { req, token } => {
            let report = match crate::token::decode(&token) {
                Ok(decoded) => crate::token::verify(&decoded, keys).await,
                Err(e) => crate::token::SignatureReport::not_checked(&e.to_string()),
            };
            Outcome::TokenVerified { req, report }
        }
        Command::Osc52(_) => unreachable!("the run loop writes OSC 52 itself"),
    }
}
