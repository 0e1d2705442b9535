//! The simulated tenant's users, kept as their JSON text: a user parsed into a JSON map takes
//! about 4.4 KB, its text about 600 bytes, which is what lets the tenant hold a million users.
//! A user is parsed when a request needs its fields, and written back when it changes.

use serde_json::Value;

/// A user as a JSON object.
type Object = serde_json::Map<String, Value>;

#[derive(Debug, Clone)]
struct Stored {
    user_id: Box<str>,
    email: Option<Box<str>>,
    json: Box<str>,
}

impl Stored {
    fn new(user: &Object) -> Stored {
        let text = |key: &str| user.get(key).and_then(Value::as_str);
        Stored {
            user_id: text("user_id").unwrap_or_default().into(),
            email: text("email").map(Into::into),
            json: serde_json::to_string(user).unwrap_or_else(|_| "{}".into()).into(),
        }
    }

    fn parse(&self) -> Object {
        serde_json::from_str(&self.json).unwrap_or_default()
    }
}

/// The users, in the order they were created.
#[derive(Debug, Clone, Default)]
pub struct Users(Vec<Stored>);

impl Users {
    pub fn push(&mut self, user: &Object) {
        self.0.push(Stored::new(user));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The user at `index`, parsed.
    pub fn at(&self, index: usize) -> Option<Object> {
        self.0.get(index).map(Stored::parse)
    }

    /// Every user, parsed one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Object> + '_ {
        self.0.iter().map(Stored::parse)
    }

    /// Every user's JSON text, unparsed (what an export writes).
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.iter().map(|s| &*s.json)
    }

    /// The users from `start`, at most `count`, parsed.
    pub fn range(&self, start: usize, count: usize) -> Vec<Object> {
        self.0.iter().skip(start).take(count).map(Stored::parse).collect()
    }

    /// The user with this id, parsed.
    pub fn get(&self, user_id: &str) -> Option<Object> {
        self.0.iter().find(|s| &*s.user_id == user_id).map(Stored::parse)
    }

    /// The users with this email address (matched exactly, as Auth0 does), parsed.
    pub fn with_email(&self, email: &str) -> Vec<Object> {
        self.0.iter().filter(|s| s.email.as_deref() == Some(email)).map(Stored::parse).collect()
    }

    /// Changes the user with this id; `false` when there is none.
    pub fn update(&mut self, user_id: &str, change: impl FnOnce(&mut Object)) -> bool {
        let Some(stored) = self.0.iter_mut().find(|s| &*s.user_id == user_id) else { return false };
        let mut user = stored.parse();
        change(&mut user);
        *stored = Stored::new(&user);
        true
    }

    /// Changes the user at `index` (tests plant hostile text this way).
    pub fn update_at(&mut self, index: usize, change: impl FnOnce(&mut Object)) {
        if let Some(stored) = self.0.get_mut(index) {
            let mut user = stored.parse();
            change(&mut user);
            *stored = Stored::new(&user);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn user(id: &str, email: &str) -> Object {
        json!({"user_id": id, "email": email, "name": "Zoë", "identities": [{"connection": "c"}]})
            .as_object()
            .cloned()
            .unwrap()
    }

    #[test]
    fn users_read_back_as_they_were_stored_and_change_in_place() {
        let mut users = Users::default();
        users.push(&user("auth0|1", "a@x.co"));
        users.push(&user("auth0|2", "b@x.co"));
        assert_eq!(users.len(), 2);
        assert_eq!(users.get("auth0|2"), Some(user("auth0|2", "b@x.co")));
        assert_eq!(users.with_email("a@x.co"), vec![user("auth0|1", "a@x.co")]);
        assert!(users.update("auth0|1", |u| {
            u.insert("blocked".into(), json!(true));
        }));
        assert_eq!(users.get("auth0|1").unwrap()["blocked"], json!(true));
        assert!(!users.update("auth0|9", |_| {}));
        let first: Value = serde_json::from_str(users.texts().next().unwrap()).unwrap();
        assert_eq!(first["blocked"], json!(true), "the text changes with the user");
        assert_eq!(users.range(1, 5).len(), 1);
    }
}
