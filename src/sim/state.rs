//! What the simulated tenant holds, and the rules that tie it together as Auth0 does: deleting a
//! grant kills the refresh tokens issued under it; deleting a refresh-token device credential
//! kills its token; rotation consumes the token it replaces.

use std::collections::HashMap;

use serde_json::{Map, Value};

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
}

/// Tenant settings that change how revocation behaves.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// "Refresh Token Revocation Deletes Grant": off by default on newer tenants.
    pub revocation_deletes_grant: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Tenant {
    pub users: Vec<Object>,
    pub grants: Vec<Object>,
    pub device_credentials: Vec<Object>,
    pub apps: Vec<App>,
    pub client_grants: Vec<ClientGrant>,
    /// API identifiers (audiences) that exist, the Management API's included.
    pub apis: Vec<String>,
    /// Keyed by the token value.
    pub refresh_tokens: HashMap<String, RefreshToken>,
    pub settings: Settings,
}

fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

impl Tenant {
    pub fn app(&self, client_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.client_id == client_id)
    }

    pub fn user(&self, user_id: &str) -> Option<&Object> {
        self.users.iter().find(|u| str_of(u, "user_id") == Some(user_id))
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
    /// to do so. An unknown or already invalid token changes nothing.
    pub fn revoke_refresh_token(&mut self, token: &str) {
        let Some(record) = self.refresh_tokens.get(token).filter(|t| t.valid).cloned() else {
            return;
        };
        for t in self.refresh_tokens.values_mut().filter(|t| t.family == record.family) {
            t.valid = false;
        }
        if let Some(id) = &record.device_credential_id {
            self.device_credentials.retain(|d| str_of(d, "id") != Some(id.as_str()));
        }
        if self.settings.revocation_deletes_grant {
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
    }

    /// Exchanges a refresh token: the record it stands for, and with rotation the next token
    /// (the one given is used up). `None` when the token is unknown, invalid or not the client's.
    pub fn exchange_refresh_token(
        &mut self,
        token: &str,
        client_id: &str,
        next_token: impl FnOnce() -> String,
    ) -> Option<(RefreshToken, Option<String>)> {
        let record = self.refresh_tokens.get(token).filter(|t| t.valid && t.client_id == client_id)?.clone();
        if !record.rotating {
            return Some((record, None));
        }
        let next = next_token();
        if let Some(old) = self.refresh_tokens.get_mut(token) {
            old.valid = false;
        }
        self.refresh_tokens.insert(next.clone(), RefreshToken { valid: true, ..record.clone() });
        Some((record, Some(next)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Object {
        value.as_object().unwrap().clone()
    }

    fn tenant_with_one_token(rotating: bool) -> Tenant {
        let mut tenant = Tenant::default();
        tenant.grants.push(object(json!({"id":"g1","clientID":"c1","user_id":"u1","audience":"https://api","scope":["offline_access"]})));
        tenant.device_credentials.push(object(
            json!({"id":"dcr_1","type":"rotating_refresh_token","user_id":"u1","client_id":"c1"}),
        ));
        tenant.refresh_tokens.insert(
            "v1.tok".into(),
            RefreshToken {
                user_id: "u1".into(),
                client_id: "c1".into(),
                audience: "https://api".into(),
                scopes: vec!["offline_access".into()],
                rotating,
                device_credential_id: Some("dcr_1".into()),
                family: "f1".into(),
                valid: true,
            },
        );
        tenant
    }

    #[test]
    fn deleting_a_grant_kills_its_refresh_tokens_and_their_credentials() {
        let mut tenant = tenant_with_one_token(false);
        assert!(tenant.delete_grant("g1"));
        assert!(!tenant.refresh_tokens["v1.tok"].valid);
        assert!(tenant.device_credentials.is_empty());
        assert!(!tenant.delete_grant("g1"));
    }

    #[test]
    fn deleting_a_device_credential_kills_its_token_family() {
        let mut tenant = tenant_with_one_token(true);
        let (_, next) = tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
        assert_eq!(next.as_deref(), Some("v1.next"));
        assert!(tenant.delete_device_credential("dcr_1"));
        assert!(!tenant.refresh_tokens["v1.next"].valid);
        assert_eq!(tenant.grants.len(), 1, "the grant stays");
    }

    #[test]
    fn rotation_uses_up_the_token_it_replaces() {
        let mut tenant = tenant_with_one_token(true);
        tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
        assert!(tenant.exchange_refresh_token("v1.tok", "c1", || "v1.x".into()).is_none());
        assert!(tenant.exchange_refresh_token("v1.next", "c1", || "v1.y".into()).is_some());
    }

    #[test]
    fn a_token_only_works_for_its_own_client() {
        let mut tenant = tenant_with_one_token(false);
        assert!(tenant.exchange_refresh_token("v1.tok", "other", || unreachable!()).is_none());
    }

    #[test]
    fn revocation_deletes_the_grant_only_when_the_setting_says_so() {
        let mut tenant = tenant_with_one_token(false);
        tenant.revoke_refresh_token("v1.tok");
        assert_eq!(tenant.grants.len(), 1);
        let mut tenant = tenant_with_one_token(false);
        tenant.settings.revocation_deletes_grant = true;
        tenant.revoke_refresh_token("v1.tok");
        assert!(tenant.grants.is_empty());
    }
}
