//! What the simulated tenant holds, and the rules that tie it together as Auth0 does: deleting a
//! grant kills the refresh tokens issued under it; deleting a refresh-token device credential
//! kills its token; rotation consumes the token it replaces.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::log_book::LogBook;
use super::login_records::LoginRecords;
use super::users::Users;

pub type Object = Map<String, Value>;

/// An application registered in the tenant.
#[derive(Debug, Clone)]
pub struct App {
    pub client_id: String,
    pub name: String,
    /// `None` for public clients (native, SPA).
    pub client_secret: Option<String>,
    /// `non_interactive` (M2M), `regular_web`, `native`, `spa`.
    pub app_type: String,
    pub grant_types: Vec<String>,
    /// Allowed Callback URLs, matched exactly (port included).
    pub callbacks: Vec<String>,
}

/// A client grant: which scopes an application may ask for at an API with client credentials.
#[derive(Debug, Clone)]
pub struct ClientGrant {
    pub client_id: String,
    pub audience: String,
    pub scopes: Vec<String>,
}

/// A refresh token the tenant issued.
#[derive(Debug, Clone)]
pub struct RefreshToken {
    /// The id the Management API knows it by.
    pub id: String,
    /// The session it was issued in, if any.
    pub session_id: Option<String>,
    pub created_at: String,
    pub user_id: String,
    pub client_id: String,
    pub audience: String,
    pub scopes: Vec<String>,
    pub rotating: bool,
    /// The device credential that represents it, when there is one.
    pub device_credential_id: Option<String>,
    /// Tokens rotated from one another share a family; revoking one revokes the family.
    pub family: String,
    pub valid: bool,
    /// Used up by rotation: presenting it again is reuse, which revokes the family.
    pub spent: bool,
}

/// Tenant settings that change how revocation behaves.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// "Refresh Token Revocation Deletes Grant": off by default on newer tenants.
    pub revocation_deletes_grant: bool,
    /// How long revocations take to apply (Auth0 applies them eventually).
    pub propagation_delay: Duration,
}

/// A revocation accepted but not yet applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// `POST /oauth/revoke` of this token value.
    RevokeToken(String),
    /// `DELETE /api/v2/refresh-tokens/{id}`.
    DeleteRefreshToken(String),
    /// `DELETE /api/v2/users/{id}/refresh-tokens`.
    DeleteUserRefreshTokens(String),
    /// `DELETE /api/v2/sessions/{id}`.
    DeleteSession(String),
    /// `DELETE /api/v2/users/{id}/sessions`.
    DeleteUserSessions(String),
}

#[derive(Debug, Clone, Default)]
pub struct Tenant {
    pub users: Users,
    pub grants: Vec<Object>,
    pub device_credentials: Vec<Object>,
    pub apps: Vec<App>,
    pub client_grants: Vec<ClientGrant>,
    /// API identifiers (audiences) that exist, the Management API's included.
    pub apis: Vec<String>,
    /// APIs whose "Allow Offline Access" is off: no refresh token for them.
    pub apis_without_offline_access: Vec<String>,
    /// Logins under way, codes and opaque access tokens.
    pub logins: LoginRecords,
    /// The tenant's log events.
    pub logs: LogBook,
    /// Brute-force blocks: (user id, identifier, ip).
    pub brute_force_blocks: Vec<(String, String, String)>,
    /// Keyed by the token value.
    pub refresh_tokens: HashMap<String, RefreshToken>,
    /// Sessions as the Management API shows them.
    pub sessions: Vec<Object>,
    pub settings: Settings,
    /// Revocations waiting for their time, in order.
    /// Revocations accepted and not yet applied, with when (the tenant clock's milliseconds).
    pub pending: Vec<(i64, Pending)>,
}

fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

impl Tenant {
    pub fn app(&self, client_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.client_id == client_id)
    }

    pub fn user(&self, user_id: &str) -> Option<Object> {
        self.users.get(user_id)
    }

    /// Removes a grant and everything issued under it. Returns whether it existed.
    pub fn delete_grant(&mut self, grant_id: &str) -> bool {
        let Some(index) = self.grants.iter().position(|g| str_of(g, "id") == Some(grant_id)) else {
            return false;
        };
        let grant = self.grants.remove(index);
        let user = str_of(&grant, "user_id").unwrap_or_default().to_string();
        let client = str_of(&grant, "clientID").unwrap_or_default().to_string();
        let audience = str_of(&grant, "audience").unwrap_or_default().to_string();
        self.invalidate_tokens(|t| t.user_id == user && t.client_id == client && t.audience == audience);
        true
    }

    /// Removes every grant of a user; returns how many went.
    pub fn delete_user_grants(&mut self, user_id: &str) -> usize {
        let ids: Vec<String> = self
            .grants
            .iter()
            .filter(|g| str_of(g, "user_id") == Some(user_id))
            .filter_map(|g| str_of(g, "id").map(str::to_string))
            .collect();
        ids.iter().filter(|id| self.delete_grant(id)).count()
    }

    /// Removes a device credential; a refresh-token credential takes its token with it.
    pub fn delete_device_credential(&mut self, id: &str) -> bool {
        let Some(index) = self.device_credentials.iter().position(|d| str_of(d, "id") == Some(id)) else {
            return false;
        };
        self.device_credentials.remove(index);
        let families: Vec<String> = self
            .refresh_tokens
            .values()
            .filter(|t| t.device_credential_id.as_deref() == Some(id))
            .map(|t| t.family.clone())
            .collect();
        for family in families {
            for token in self.refresh_tokens.values_mut().filter(|t| t.family == family) {
                token.valid = false;
            }
        }
        true
    }

    /// Marks matching tokens invalid and removes the device credentials that stood for them.
    fn invalidate_tokens(&mut self, matches: impl Fn(&RefreshToken) -> bool) {
        let mut gone_credentials = Vec::new();
        for token in self.refresh_tokens.values_mut().filter(|t| matches(t)) {
            token.valid = false;
            gone_credentials.extend(token.device_credential_id.clone());
        }
        self.device_credentials
            .retain(|d| !gone_credentials.iter().any(|id| str_of(d, "id") == Some(id.as_str())));
    }

    /// Revokes the family of `token` (`POST /oauth/revoke`), and the grant when the tenant is set
    /// to do so. An unknown token, or one whose family is already dead, changes nothing.
    pub fn revoke_refresh_token(&mut self, token: &str) {
        // A token spent by rotation still names its family, and revoking it ends the family.
        let Some(record) = self.refresh_tokens.get(token).cloned() else {
            return;
        };
        if !self.refresh_tokens.values().any(|t| t.family == record.family && t.valid) {
            return;
        }
        self.invalidate_family(&record.family);
        if self.settings.revocation_deletes_grant {
            self.delete_grant_of(&record);
        }
    }

    /// Deletes the grant a refresh token was issued under, if it still exists.
    fn delete_grant_of(&mut self, record: &RefreshToken) {
        let grant_id = self
            .grants
            .iter()
            .find(|g| {
                str_of(g, "user_id") == Some(&record.user_id)
                    && str_of(g, "clientID") == Some(&record.client_id)
                    && str_of(g, "audience") == Some(&record.audience)
            })
            .and_then(|g| str_of(g, "id").map(str::to_string));
        if let Some(grant_id) = grant_id {
            self.delete_grant(&grant_id);
        }
    }

    /// Accepts a revocation at `now` (the tenant clock's milliseconds), to be applied after the
    /// propagation delay.
    pub fn schedule(&mut self, change: Pending, now: i64) {
        let delay = i64::try_from(self.settings.propagation_delay.as_millis()).unwrap_or(i64::MAX);
        self.pending.push((now.saturating_add(delay), change));
        self.settle(now);
    }

    /// Applies every revocation whose time (the tenant clock's milliseconds) has come.
    pub fn settle(&mut self, now: i64) {
        while self.pending.first().is_some_and(|(at, _)| *at <= now) {
            let (_, change) = self.pending.remove(0);
            self.apply(change);
        }
    }

    fn apply(&mut self, change: Pending) {
        match change {
            Pending::RevokeToken(token) => self.revoke_refresh_token(&token),
            Pending::DeleteRefreshToken(id) => {
                let family = self.refresh_tokens.values().find(|t| t.id == id).map(|t| t.family.clone());
                if let Some(family) = family {
                    self.invalidate_family(&family);
                }
            }
            Pending::DeleteUserRefreshTokens(user) => {
                let families: Vec<String> = self
                    .refresh_tokens
                    .values()
                    .filter(|t| t.user_id == user)
                    .map(|t| t.family.clone())
                    .collect();
                families.iter().for_each(|f| self.invalidate_family(f));
            }
            Pending::DeleteSession(id) => {
                self.sessions.retain(|s| str_of(s, "id") != Some(id.as_str()));
                // Ending a session also revokes the refresh tokens issued in it.
                let families: Vec<String> = self
                    .refresh_tokens
                    .values()
                    .filter(|t| t.session_id.as_deref() == Some(id.as_str()))
                    .map(|t| t.family.clone())
                    .collect();
                families.iter().for_each(|f| self.invalidate_family(f));
            }
            Pending::DeleteUserSessions(user) => {
                let ids: Vec<String> = self
                    .sessions
                    .iter()
                    .filter(|s| str_of(s, "user_id") == Some(user.as_str()))
                    .filter_map(|s| str_of(s, "id").map(str::to_string))
                    .collect();
                ids.into_iter().for_each(|id| self.apply(Pending::DeleteSession(id)));
            }
        }
    }

    /// Invalidates a whole rotation family and removes the device credential that stood for it.
    fn invalidate_family(&mut self, family: &str) {
        let mut credentials = Vec::new();
        for token in self.refresh_tokens.values_mut().filter(|t| t.family == family) {
            token.valid = false;
            credentials.extend(token.device_credential_id.clone());
        }
        self.device_credentials
            .retain(|d| !credentials.iter().any(|id| str_of(d, "id") == Some(id.as_str())));
    }

    /// The valid refresh tokens of a user, as the Management API shows them.
    pub fn refresh_tokens_of(&self, user_id: &str) -> Vec<Object> {
        let mut tokens: Vec<&RefreshToken> =
            self.refresh_tokens.values().filter(|t| t.valid && t.user_id == user_id).collect();
        tokens.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        tokens.into_iter().filter_map(token_object).collect()
    }

    /// The valid refresh token with this id, as `GET /api/v2/refresh-tokens/{id}` shows it.
    pub fn refresh_token_by_id(&self, id: &str) -> Option<Object> {
        self.refresh_tokens.values().find(|t| t.valid && t.id == id).and_then(token_object)
    }

    /// Exchanges a refresh token: the record it stands for, and with rotation the next token
    /// (the one given is used up). `None` when the token is unknown, invalid or not the client's.
    pub fn exchange_refresh_token(
        &mut self,
        token: &str,
        client_id: &str,
        next_token: impl FnOnce() -> String,
    ) -> Option<(RefreshToken, Option<String>)> {
        let record = self.refresh_tokens.get(token).filter(|t| t.client_id == client_id)?.clone();
        if record.spent {
            // Reuse of a rotated token: Auth0 revokes the whole family and its grant.
            self.invalidate_family(&record.family);
            self.delete_grant_of(&record);
            return None;
        }
        if !record.valid {
            return None;
        }
        if !record.rotating {
            return Some((record, None));
        }
        let next = next_token();
        if let Some(old) = self.refresh_tokens.get_mut(token) {
            old.valid = false;
            old.spent = true;
        }
        let id = format!("{}-{}", record.family, self.refresh_tokens.len());
        self.refresh_tokens
            .insert(next.clone(), RefreshToken { valid: true, spent: false, id, ..record.clone() });
        Some((record, Some(next)))
    }
}

/// A refresh token as the Management API shows it.
fn token_object(t: &RefreshToken) -> Option<Object> {
    json!({
                    "id": t.id,
                    "user_id": t.user_id,
                    "client_id": t.client_id,
                    "session_id": t.session_id,
                    "rotating": t.rotating,
                    "created_at": t.created_at,
                    "expires_at": null,
                    "idle_expires_at": null,
                    "last_exchanged_at": null,
                    "resource_servers": [{ "audience": t.audience, "scopes": t.scopes.join(" ") }],
                    "device": { "initial_user_agent": "Mozilla/5.0", "initial_ip": "203.0.113.7", "last_user_agent": "Mozilla/5.0", "last_ip": "203.0.113.7" },
                })
    .as_object()
    .cloned()
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
