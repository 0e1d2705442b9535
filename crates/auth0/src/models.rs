//! Auth0's objects, kept exactly as Auth0 sent them (every field, in order) with typed accessors
//! for the fields tenantscope reads. Any field can be missing; accessors return `Option`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

macro_rules! raw_object {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Map<String, Value>);

        impl $name {
            /// A string field, when present and a string.
            pub fn str_field(&self, key: &str) -> Option<&str> {
                self.0.get(key).and_then(Value::as_str)
            }
        }
    };
}

raw_object!(
    /// A user (`GET /api/v2/users`).
    User
);
raw_object!(
    /// A grant, the Dashboard's "Authorized Application" (`GET /api/v2/grants`).
    Grant
);
raw_object!(
    /// A device credential (`GET /api/v2/device-credentials`).
    DeviceCredential
);
raw_object!(
    /// An application (`GET /api/v2/clients`).
    Client
);
raw_object!(
    /// An API (`GET /api/v2/resource-servers`).
    ResourceServer
);
raw_object!(
    /// A session (`GET /api/v2/users/{id}/sessions`).
    Session
);
raw_object!(
    /// A refresh token as the Management API describes it (`GET /api/v2/users/{id}/refresh-tokens`).
    RefreshTokenInfo
);

impl ResourceServer {
    /// The audience a token for it carries.
    pub fn identifier(&self) -> Option<&str> {
        self.str_field("identifier")
    }
    pub fn name(&self) -> Option<&str> {
        self.str_field("name")
    }
    /// Auth0's own API (the Management API): not one a user's login asks for.
    pub fn is_system(&self) -> bool {
        self.0.get("is_system").and_then(Value::as_bool).unwrap_or(false)
    }
    /// The scopes it defines, by value.
    pub fn scope_values(&self) -> Vec<&str> {
        self.0
            .get("scopes")
            .and_then(Value::as_array)
            .map(|scopes| scopes.iter().filter_map(|s| s.get("value")?.as_str()).collect())
            .unwrap_or_default()
    }
}

impl Session {
    pub fn id(&self) -> Option<&str> {
        self.str_field("id")
    }
    /// A `device` field (`last_ip`, `last_user_agent`, …).
    pub fn device(&self, key: &str) -> Option<&str> {
        self.0.get("device")?.get(key)?.as_str()
    }
    pub fn client_ids(&self) -> Vec<&str> {
        self.0
            .get("clients")
            .and_then(Value::as_array)
            .map(|clients| clients.iter().filter_map(|c| c.get("client_id")?.as_str()).collect())
            .unwrap_or_default()
    }
}

impl RefreshTokenInfo {
    pub fn id(&self) -> Option<&str> {
        self.str_field("id")
    }
    pub fn client_id(&self) -> Option<&str> {
        self.str_field("client_id")
    }
    /// A `device` field (`last_ip`, `last_user_agent`, …).
    pub fn device(&self, key: &str) -> Option<&str> {
        self.0.get("device")?.get(key)?.as_str()
    }
    pub fn rotating(&self) -> bool {
        self.0.get("rotating").and_then(Value::as_bool).unwrap_or(false)
    }
    /// The audiences the token is for.
    pub fn audiences(&self) -> Vec<&str> {
        self.0
            .get("resource_servers")
            .and_then(Value::as_array)
            .map(|rs| rs.iter().filter_map(|r| r.get("audience")?.as_str()).collect())
            .unwrap_or_default()
    }
}

impl User {
    pub fn user_id(&self) -> Option<&str> {
        self.str_field("user_id")
    }
    pub fn name(&self) -> Option<&str> {
        self.str_field("name")
    }
    pub fn email(&self) -> Option<&str> {
        self.str_field("email")
    }
    pub fn last_login(&self) -> Option<&str> {
        self.str_field("last_login")
    }
    pub fn logins_count(&self) -> Option<u64> {
        self.0.get("logins_count").and_then(Value::as_u64)
    }
    pub fn blocked(&self) -> bool {
        self.0.get("blocked").and_then(Value::as_bool).unwrap_or(false)
    }
    /// The connection of the first (primary) identity.
    pub fn connection(&self) -> Option<&str> {
        self.0.get("identities")?.as_array()?.first()?.get("connection")?.as_str()
    }
    /// Each identity as one line: `connection (provider) user_id`.
    pub fn identity_lines(&self) -> Vec<String> {
        let Some(identities) = self.0.get("identities").and_then(Value::as_array) else { return Vec::new() };
        identities
            .iter()
            .map(|identity| {
                let text = |k: &str| identity.get(k).and_then(Value::as_str).unwrap_or_default();
                format!("{} ({}) {}", text("connection"), text("provider"), text("user_id"))
            })
            .collect()
    }
}

/// Application names by client id (from `GET /api/v2/clients`, which needs `read:clients`):
/// empty when unknown, and then applications are shown by their ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientNames(std::collections::HashMap<String, String>);

impl ClientNames {
    /// The application's name, when known.
    pub fn name(&self, client_id: &str) -> Option<&str> {
        self.0.get(client_id).map(String::as_str)
    }

    /// How to show an application: its name, else its client id; "(no name)" before the id of
    /// one whose name is blank, as users without one are shown, and "(no application)" for none.
    pub fn application(&self, client_id: Option<&str>) -> String {
        let id = client_id.unwrap_or_default();
        if id.is_empty() {
            return "(no application)".to_string();
        }
        match self.name(id) {
            Some(name) if name.trim().is_empty() => format!("(no name) {id}"),
            Some(name) => name.to_string(),
            None => id.to_string(),
        }
    }
}

impl FromIterator<(String, String)> for ClientNames {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> ClientNames {
        ClientNames(pairs.into_iter().collect())
    }
}

impl Grant {
    pub fn id(&self) -> Option<&str> {
        self.str_field("id")
    }
    /// Note Auth0's camel case: grants say `clientID`.
    pub fn client_id(&self) -> Option<&str> {
        self.str_field("clientID")
    }
    pub fn user_id(&self) -> Option<&str> {
        self.str_field("user_id")
    }
    pub fn audience(&self) -> Option<&str> {
        self.str_field("audience")
    }
    /// `scope` is an array here, unlike in tokens.
    pub fn scopes(&self) -> Vec<&str> {
        self.0
            .get("scope")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
}

impl DeviceCredential {
    pub fn id(&self) -> Option<&str> {
        self.str_field("id")
    }
    pub fn device_name(&self) -> Option<&str> {
        self.str_field("device_name")
    }
    /// `public_key`, `refresh_token` or `rotating_refresh_token`.
    pub fn kind(&self) -> Option<&str> {
        self.str_field("type")
    }
    pub fn client_id(&self) -> Option<&str> {
        self.str_field("client_id")
    }
    pub fn user_id(&self) -> Option<&str> {
        self.str_field("user_id")
    }
}

impl Client {
    pub fn client_id(&self) -> Option<&str> {
        self.str_field("client_id")
    }
    pub fn name(&self) -> Option<&str> {
        self.str_field("name")
    }
    fn strings(&self, key: &str) -> Vec<&str> {
        self.0
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
    /// Allowed Callback URLs.
    pub fn callbacks(&self) -> Vec<&str> {
        self.strings("callbacks")
    }
    /// The grant types the app may use (`authorization_code`, `refresh_token`, …).
    pub fn grant_types(&self) -> Vec<&str> {
        self.strings("grant_types")
    }

    /// What stops this app from logging a user in with a code sent to `callback`: each a sentence
    /// naming the Dashboard setting to change.
    pub fn login_problems(&self, callback: &str) -> Vec<String> {
        let name = self.name().unwrap_or("the app");
        let mut problems = Vec::new();
        if !self.callbacks().contains(&callback) {
            problems.push(format!(
                "{name} does not list {callback} in its Allowed Callback URLs (Dashboard → Applications → {name} → Settings): add it, or Auth0 will show \"Callback URL mismatch\" and never call back"
            ));
        }
        if !self.grant_types().contains(&"authorization_code") {
            problems.push(format!(
                "{name} lacks the Authorization Code grant (Dashboard → Applications → {name} → Settings → Advanced Settings → Grant Types): allow it"
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_survive_a_round_trip_in_order() {
        let text = r#"{"zeta":1,"user_id":"auth0|1","custom":{"deep":[1,2]},"alpha":null}"#;
        let user: User = serde_json::from_str(text).unwrap();
        assert_eq!(user.user_id(), Some("auth0|1"));
        assert_eq!(serde_json::to_string(&user).unwrap(), text);
    }

    #[test]
    fn grants_read_camel_case_client_id_and_scope_array() {
        let grant: Grant = serde_json::from_str(
            r#"{"id":"g1","clientID":"c1","user_id":"u","audience":"https://api","scope":["openid","offline_access"]}"#,
        )
        .unwrap();
        assert_eq!(grant.client_id(), Some("c1"));
        assert_eq!(grant.scopes(), vec!["openid", "offline_access"]);
    }

    #[test]
    fn missing_fields_are_none_not_errors() {
        let user: User = serde_json::from_str("{}").unwrap();
        assert_eq!(user.name(), None);
        assert_eq!(user.connection(), None);
        assert!(!user.blocked());
    }
}
