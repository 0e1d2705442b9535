//! Revoking, the one path the CLI and the terminal UI both take: a [`Target`] names what goes
//! (and knows its audit action and its consequence), and a [`Revoker`] sends it to Auth0 and
//! records the outcome in the audit trail. The `--read-only` guard is not here but below, in the
//! HTTP layer, where every destructive request passes (`Http::send`).

mod evidence;
mod target;
mod verdict;

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;

pub use target::{Target, short_id};
pub use verdict::Verdict;

use crate::audit::{AuditEntry, AuditLog};
use crate::auth0::{AppCredentials, Auth0Error, AuthenticationApi, ManagementClient, proof};
use evidence::After;
use target::Answer;

/// How long `--verify` (and the terminal UI) looks again for an eventual revoke to apply.
pub const PATIENCE: Duration = Duration::from_secs(10);

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
        self.client.http().refuse_if_read_only(|| format!("{} {}", target.verb().base, target.describe()))
    }

    /// Revokes one target (not [`Target::Everything`]: see [`Revoker::revoke_everything`]),
    /// proves what it can, and records the verdict. Where a listing shows the target, it is
    /// looked up first (absent: nothing is sent) and again after, for up to `patience` while
    /// Auth0 applies an eventual revoke.
    pub async fn revoke(&self, target: &Target, patience: Duration) -> Verdict {
        let verdict = self.decide(target, patience).await;
        self.record(target, &verdict).await;
        verdict
    }

    async fn decide(&self, target: &Target, patience: Duration) -> Verdict {
        let listing = evidence::listing(target);
        let before = evidence::is_present(target, &self.client).await;
        if let (Some(Ok(false)), Some(listing)) = (&before, &listing) {
            return Verdict::Absent(format!("not in {listing} before the request; nothing was sent"));
        }
        let answer = match target.send(&self.client).await {
            Ok(answer) => answer,
            Err(err) if err.status() == Some(404) => {
                return Verdict::Absent(err.with_hint());
            }
            Err(err) => return Verdict::Failed(err),
        };
        if let Answer::Blocked(now) = answer {
            return blocked_verdict(target, now);
        }
        // A listing that failed before (a missing read scope) may still answer after.
        match (listing, evidence::look_after(target, &self.client, patience).await) {
            (Some(listing), After::Gone) => {
                Verdict::Revoked(format!("looked again: {listing} no longer list it"))
            }
            (Some(listing), After::StillListed) => Verdict::Accepted {
                why: format!("Auth0 took it, but {listing} still list it{}", eventual_note(target)),
                prove: "--verify waits up to 10 s for it to go, or list again".into(),
            },
            (Some(_), After::Unknown(err)) => Verdict::Accepted {
                why: format!("Auth0 took it, but looking again failed ({})", err.with_hint()),
                prove: "list again to see it gone".into(),
            },
            (None, _) => {
                let (why, prove) = evidence::unproven(target);
                Verdict::Accepted { why, prove }
            }
        }
    }

    /// `POST /oauth/revoke` of a refresh token the user holds, with its application's
    /// credentials; with `prove`, then a patient refresh with it, which must get invalid_grant.
    /// A token that still works was spent by the probe: the newest of its family comes back.
    pub async fn revoke_held(
        &self,
        app: &AppCredentials,
        token: &SecretString,
        prove: bool,
    ) -> (Verdict, Option<proof::Proof>) {
        let target = Target::HeldRefreshToken { client_id: app.client_id.clone() };
        let auth = AuthenticationApi::new(self.client.http().clone(), self.client.tenant().clone());
        let (verdict, still) = match auth.revoke(app, token).await {
            Err(err) => (Verdict::Failed(err), None),
            Ok(()) if !prove => {
                let (why, prove) = evidence::unproven(&target);
                (Verdict::Accepted { why, prove }, None)
            }
            Ok(()) => match proof::prove_dead(&auth, app, token.clone(), true, |_| {}).await {
                Ok(proof::Proof::Dead { description }) => (
                    Verdict::Revoked(format!(
                        "a refresh with it now gets invalid_grant \"{}\"",
                        crate::output::text::clean(&description)
                    )),
                    None,
                ),
                Ok(still @ proof::Proof::StillAccepted { .. }) => (
                    Verdict::Accepted {
                        why: "Auth0 answered 200, but still accepted the token 10 s later".into(),
                        prove: "the newest token of its family is given back; revoke that one".into(),
                    },
                    Some(still),
                ),
                Err(err) => (
                    Verdict::Accepted {
                        why: format!("Auth0 answered 200, but the proof failed ({})", err.with_hint()),
                        prove: "tenantscope refresh-token verify".into(),
                    },
                    None,
                ),
            },
        };
        self.record(&target, &verdict).await;
        (verdict, still)
    }

    /// Each part of [`Target::Everything`] in turn, each proven and recorded as its single
    /// revoke is.
    pub async fn revoke_everything(&self, everything: &Target, patience: Duration) -> Vec<(Target, Verdict)> {
        let mut results = Vec::new();
        for part in everything.parts() {
            let verdict = self.revoke(&part, patience).await;
            results.push((part, verdict));
        }
        results
    }

    /// Appends the audit line off the async threads; a trail that cannot be written, or that
    /// others can read, is a warning, never a failure (the revoke has already happened).
    async fn record(&self, target: &Target, verdict: &Verdict) {
        // A refusal under --read-only sent nothing: there is nothing to record.
        if matches!(verdict.error(), Some(Auth0Error::ReadOnly { .. })) {
            return;
        }
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
        let detail = match verdict.error() {
            Some(err) => Err(err.to_string()),
            None => Ok(verdict.detail()),
        };
        let entry = AuditEntry::new(
            &tenant,
            target.audit_action(),
            &target.audit_target(),
            target.user_id(),
            self.via,
        )
        .verdict(verdict.word(), detail);
        let in_memory = log.path().is_none();
        let written = tokio::task::spawn_blocking(move || {
            log.record(&entry).map_err(|e| format!("could not write the audit log {}: {e}", log.describe()))
        })
        .await
        .unwrap_or_else(|e| Err(format!("could not write the audit log: {e}")));
        match written {
            Err(warning) => (self.warn)(format!("warning: {warning}")),
            // The demo's trail is shown, since it is kept nowhere else.
            Ok(line) if in_memory => (self.warn)(format!("audit (demo, in memory only): {line}")),
            Ok(_) => {}
        }
    }
}

/// A block or unblock is proven by the user Auth0 answers with.
fn blocked_verdict(target: &Target, now: bool) -> Verdict {
    let Target::Block { blocked, .. } = target else {
        return Verdict::Accepted { why: "Auth0 answered".into(), prove: "look again".into() };
    };
    if now == *blocked {
        Verdict::Revoked(format!("Auth0 answered with the user's \"blocked\": {now}"))
    } else {
        Verdict::Accepted {
            why: format!("Auth0 answered 200, but with the user's \"blocked\": {now}"),
            prove: "look at the user again (tenantscope user ID)".into(),
        }
    }
}

/// Sessions and refresh tokens are deleted eventually: say so when they are still listed.
fn eventual_note(target: &Target) -> &'static str {
    if target.is_eventual() { " (Auth0 applies this within moments)" } else { "" }
}
