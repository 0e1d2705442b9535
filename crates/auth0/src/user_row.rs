//! A user as a table of a whole tenant keeps it: the columns it shows, and Auth0's JSON text for
//! everything else, read again only when the user is opened.
//!
//! A user parsed into a JSON map takes about 4.4 KB; as a row it takes the length of its JSON
//! text (about 600 bytes for a typical user) plus its columns. That is what lets 100,000 users sit
//! in the Users pane in well under 200 MB.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::models::User;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    user_id: Option<Box<str>>,
    name: Option<Box<str>>,
    email: Option<Box<str>>,
    connection: Option<Box<str>>,
    last_login: Option<Box<str>>,
    created_at: Option<Box<str>>,
    logins_count: Option<u64>,
    blocked: bool,
    /// The user exactly as Auth0 sent it.
    json: Box<str>,
}

/// The columns, read straight from the JSON text; every other field is skipped unparsed.
/// Strings are borrowed from the text unless they hold escapes. A field of an unexpected type
/// reads as absent, as the accessors of [`User`] do.
#[derive(Deserialize)]
struct Columns<'a> {
    #[serde(borrow, default, deserialize_with = "lenient_str")]
    user_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "lenient_str")]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "lenient_str")]
    email: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "lenient_str")]
    last_login: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "lenient_str")]
    created_at: Option<Cow<'a, str>>,
    #[serde(default)]
    logins_count: Option<Value>,
    #[serde(default)]
    blocked: Option<Value>,
    #[serde(default)]
    identities: Option<Value>,
}

fn lenient_str<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StrOrOther<'a> {
        Str(#[serde(borrow)] Cow<'a, str>),
        Other(serde::de::IgnoredAny),
    }
    Ok(match StrOrOther::deserialize(deserializer)? {
        StrOrOther::Str(text) => Some(text),
        StrOrOther::Other(_) => None,
    })
}

fn boxed(text: Option<Cow<'_, str>>) -> Option<Box<str>> {
    text.map(|t| t.into())
}

impl UserRow {
    /// A row from one user's JSON text (a line of an export, say). Fails when the text is not a
    /// JSON object.
    pub fn from_json(text: &str) -> Result<UserRow, serde_json::Error> {
        // A derived struct would also take a JSON array, field by field.
        if !text.trim_start().starts_with('{') {
            return Err(serde::de::Error::custom("a user is a JSON object"));
        }
        let columns: Columns = serde_json::from_str(text)?;
        let connection = columns
            .identities
            .as_ref()
            .and_then(|ids| ids.as_array()?.first()?.get("connection")?.as_str())
            .map(Into::into);
        Ok(UserRow {
            user_id: boxed(columns.user_id),
            name: boxed(columns.name),
            email: boxed(columns.email),
            connection,
            last_login: boxed(columns.last_login),
            created_at: boxed(columns.created_at),
            logins_count: columns.logins_count.as_ref().and_then(Value::as_u64),
            blocked: columns.blocked.as_ref().and_then(Value::as_bool).unwrap_or(false),
            json: text.trim().into(),
        })
    }

    /// The whole user, parsed again from its text.
    pub fn user(&self) -> User {
        serde_json::from_str(&self.json).unwrap_or_else(|_| User(Default::default()))
    }

    /// The user exactly as Auth0 sent it.
    pub fn json(&self) -> &str {
        &self.json
    }

    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }
    /// The connection of the first (primary) identity.
    pub fn connection(&self) -> Option<&str> {
        self.connection.as_deref()
    }
    pub fn last_login(&self) -> Option<&str> {
        self.last_login.as_deref()
    }
    pub fn created_at(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
    pub fn logins_count(&self) -> Option<u64> {
        self.logins_count
    }
    pub fn blocked(&self) -> bool {
        self.blocked
    }
    /// After a block or unblock the tenant confirmed: the column follows (the JSON shown in the
    /// detail is Auth0's as it was loaded, until the next load).
    pub fn set_blocked(&mut self, blocked: bool) {
        self.blocked = blocked;
    }
}

impl From<&User> for UserRow {
    fn from(user: &User) -> UserRow {
        UserRow {
            user_id: user.user_id().map(Into::into),
            name: user.name().map(Into::into),
            email: user.email().map(Into::into),
            connection: user.connection().map(Into::into),
            last_login: user.last_login().map(Into::into),
            created_at: user.str_field("created_at").map(Into::into),
            logins_count: user.logins_count(),
            blocked: user.blocked(),
            json: serde_json::to_string(user).unwrap_or_else(|_| "{}".into()).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn both_ways(value: Value) -> (UserRow, UserRow) {
        let text = value.to_string();
        let user: User = serde_json::from_str(&text).unwrap();
        (UserRow::from_json(&text).unwrap(), UserRow::from(&user))
    }

    #[test]
    fn columns_match_the_users_accessors_and_the_text_is_kept() {
        let value = json!({
            "user_id": "auth0|1", "name": "Zoë \"Z\" Ng", "email": "z@example.com",
            "identities": [{"connection": "acme-saml", "provider": "samlp"}],
            "last_login": "2026-11-01T10:00:00.000Z", "logins_count": 7, "blocked": true,
            "app_metadata": {"plan": "free"}
        });
        let (parsed, converted) = both_ways(value.clone());
        assert_eq!(parsed.name(), Some("Zoë \"Z\" Ng"));
        assert_eq!(parsed.connection(), Some("acme-saml"));
        assert_eq!(parsed.logins_count(), Some(7));
        assert!(parsed.blocked());
        assert_eq!(parsed, converted);
        assert_eq!(serde_json::to_value(parsed.user()).unwrap(), value);
    }

    #[test]
    fn fields_of_the_wrong_type_read_as_absent() {
        let (parsed, converted) = both_ways(json!({
            "user_id": 12, "name": ["x"], "email": null, "logins_count": "many", "blocked": "yes",
            "identities": "none"
        }));
        assert_eq!(parsed.user_id(), None);
        assert_eq!(parsed.name(), None);
        assert_eq!(parsed.logins_count(), None);
        assert!(!parsed.blocked());
        assert_eq!(parsed.connection(), None);
        assert_eq!(parsed, converted);
    }

    #[test]
    fn raw_c0_controls_anywhere_are_refused_so_passed_through_text_has_none() {
        // `users --all` prints the text as it came: JSON forbids raw C0 controls in strings, and
        // that must hold for the fields the row skips as well as for its columns.
        assert!(UserRow::from_json("{\"user_metadata\":{\"note\":\"a\u{1b}[2Jb\"}}").is_err());
        assert!(UserRow::from_json("{\"name\":\"a\u{7}\"}").is_err());
        assert!(UserRow::from_json("{\"user_metadata\":{\"note\":\"a\\u001bb\"}}").is_ok());
    }

    #[test]
    fn text_that_is_not_an_object_is_refused() {
        assert!(UserRow::from_json("[1, 2]").is_err());
        assert!(UserRow::from_json("{\"user_id\": ").is_err());
    }
}
