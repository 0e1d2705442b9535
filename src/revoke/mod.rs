//! Revoking, the one path the CLI and the terminal UI both take: a [`Target`] names what goes
//! (and knows its audit action and its consequence), and a [`Revoker`] sends it to Auth0 and
//! records the outcome in the audit trail. The `--read-only` guard is not here but below, in the
//! HTTP layer, where every destructive request passes (`Http::send`).

mod target;

use std::sync::Arc;

use secrecy::SecretString;

pub use target::{Target, short_id};

use crate::audit::{AuditEntry, AuditLog};
use crate::auth0::{AppCredentials, Auth0Error, Deleted, ManagementClient};

/// Where a revoker's warnings go (a trail it could not write): stderr, or the status bar.
pub type Warn = Arc<dyn Fn(String) + Send + Sync>;

/// Sends revokes to one tenant and records each in the audit trail. Cheap to clone.
#[derive(Clone)]
pub struct Revoker {
    client: ManagementClient,
    audit: Option<Arc<AuditLog>>,
    /// Why there is no audit trail, told with each revoke.
    no_audit: Option<String>,
    /// `cli` or `tui`, for the audit line.
    via: &'static str,
    warn: Warn,
}

impl Revoker {
    pub fn new(client: ManagementClient, via: &'static str, warn: Warn) -> Revoker {
        Revoker { client, audit: None, no_audit: None, via, warn }
    }

    /// Records every revoke in `log`.
    pub fn with_audit(mut self, log: AuditLog) -> Revoker {
        self.audit = Some(Arc::new(log));
        self
    }

    /// Records nowhere, and says `why` with each revoke (no data directory for the trail).
    pub fn without_audit(mut self, why: &str) -> Revoker {
        self.no_audit = Some(why.to_string());
        self
    }

    pub fn client(&self) -> &ManagementClient {
        &self.client
    }

    /// The read-only guard's answer for `target`, asked before a confirmation so nobody confirms
    /// what will be refused. (The guard itself refuses again as the request is sent.)
    pub fn check_allowed(&self, target: &Target) -> Result<(), Auth0Error> {
        self.client.http().refuse_if_read_only(|| format!("revoke {}", target.describe()))
    }

    /// Revokes one target (not [`Target::Everything`]: see [`Revoker::revoke_everything`]) and
    /// records how it went.
    pub async fn revoke(&self, target: &Target) -> Result<Deleted, Auth0Error> {
        self.run(target, None).await
    }

    /// `POST /oauth/revoke` of a refresh token the user holds, with its application's credentials.
    pub async fn revoke_held(
        &self,
        app: &AppCredentials,
        token: &SecretString,
    ) -> Result<Deleted, Auth0Error> {
        let target = Target::HeldRefreshToken { client_id: app.client_id.clone() };
        self.run(&target, Some((app, token))).await
    }

    /// Each part of [`Target::Everything`] in turn, each recorded as its single revoke is.
    pub async fn revoke_everything(&self, everything: &Target) -> Vec<(Target, Result<Deleted, Auth0Error>)> {
        let mut results = Vec::new();
        for part in everything.parts() {
            let result = self.run(&part, None).await;
            results.push((part, result));
        }
        results
    }

    async fn run(
        &self,
        target: &Target,
        held: Option<(&AppCredentials, &SecretString)>,
    ) -> Result<Deleted, Auth0Error> {
        let result = target.send(&self.client, held).await;
        // A refusal under --read-only sent nothing: there is nothing to record.
        if !matches!(result, Err(Auth0Error::ReadOnly { .. })) {
            self.record(target, &result).await;
        }
        result
    }

    /// Appends the audit line off the async threads; a trail that cannot be written, or that
    /// others can read, is a warning, never a failure (the revoke has already happened).
    async fn record(&self, target: &Target, result: &Result<Deleted, Auth0Error>) {
        let Some(log) = self.audit.clone() else {
            if let Some(why) = &self.no_audit {
                (self.warn)(format!("warning: {why}"));
            }
            return;
        };
        if let Some(warning) = log.permission_warning() {
            (self.warn)(format!("warning: {warning}"));
        }
        let tenant = self.client.tenant().host();
        let entry = AuditEntry::new(
            tenant,
            target.audit_action(),
            &target.audit_target(),
            target.user_id(),
            self.via,
        )
        .outcome(result);
        let written = tokio::task::spawn_blocking(move || {
            log.record(&entry)
                .map_err(|e| format!("could not write the audit log {}: {e}", log.path().display()))
        })
        .await
        .unwrap_or_else(|e| Err(format!("could not write the audit log: {e}")));
        if let Err(warning) = written {
            (self.warn)(format!("warning: {warning}"));
        }
    }
}
