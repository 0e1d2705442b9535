//! The simulated tenant's log: events shaped as Auth0's (`log_id`, `date`, `type`, `description`,
//! user, application, IP, user agent, `details`), ordered by `log_id`, which only grows. Seeded
//! with a few weeks of history for every user, deterministic by seed; the tenant's own activity
//! (logins, token exchanges, refreshes, revokes, Management API writes) is written as it happens.

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};

pub type Event = Map<String, Value>;

/// A string field of an event, or `None` where the event has none: indexing a `Map` by a missing
/// key panics, and events written by revokes or blocks carry no `user_id`.
pub fn field<'a>(event: &'a Event, key: &str) -> Option<&'a str> {
    event.get(key).and_then(Value::as_str)
}

#[derive(Debug, Clone, Default)]
pub struct LogBook {
    /// In `log_id` order (the order they were written).
    pub events: Vec<Event>,
    next: u64,
}

/// What an event says, besides its type.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub description: &'a str,
    pub user_id: Option<&'a str>,
    pub user_name: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub client_name: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub connection: Option<&'a str>,
    pub details: Option<Value>,
}

impl LogBook {
    /// Writes an event of `kind` at `date`; its log_id follows every earlier one.
    pub fn write(&mut self, date: DateTime<Utc>, kind: &str, entry: Entry) -> String {
        self.next += 1;
        let log_id = format!("9002{:020}", self.next);
        let mut event = Event::new();
        event.insert("log_id".into(), json!(log_id));
        event.insert("date".into(), json!(date.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()));
        event.insert("type".into(), json!(kind));
        event.insert("description".into(), json!(entry.description));
        let fields = [
            ("user_id", entry.user_id),
            ("user_name", entry.user_name),
            ("client_id", entry.client_id),
            ("client_name", entry.client_name),
            ("ip", entry.ip),
            ("user_agent", entry.user_agent),
            ("connection", entry.connection),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                event.insert(name.into(), json!(value));
            }
        }
        event.insert("hostname".into(), json!("tenant.simulated"));
        if let Some(details) = entry.details {
            event.insert("details".into(), details);
        }
        self.events.push(event);
        log_id
    }

    pub fn get(&self, log_id: &str) -> Option<&Event> {
        let index =
            self.events.binary_search_by(|e| field(e, "log_id").unwrap_or_default().cmp(log_id)).ok()?;
        self.events.get(index)
    }

    /// The events after `log_id` (all of them for `None`), oldest first, at most `take`.
    pub fn after(&self, log_id: Option<&str>, take: usize) -> &[Event] {
        let start = match log_id {
            Some(id) => self.events.partition_point(|e| field(e, "log_id").unwrap_or_default() <= id),
            None => 0,
        };
        let end = (start + take).min(self.events.len());
        &self.events[start..end]
    }
}

/// A user of the seed, as the history needs them.
pub struct SeedUser<'a> {
    pub user_id: &'a str,
    pub name: &'a str,
    pub connection: &'a str,
    pub hostile: bool,
}

/// A few weeks of history for every user, ending at `now`: logins, failed logins, refreshes, a
/// breached password or a brute-force block now and then. `apps` are (client id, name).
pub fn seed_history(
    book: &mut LogBook,
    users: &[SeedUser],
    apps: &[(String, String)],
    seed: u64,
    now: DateTime<Utc>,
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x1095_b00c);
    let mut planned: Vec<(DateTime<Utc>, &'static str, usize, usize, &'static str)> = Vec::new();
    for (index, _) in users.iter().enumerate() {
        for _ in 0..rng.random_range(0..=4) {
            let at = now - Duration::seconds(rng.random_range(60..21 * 86_400));
            let (kind, description) = match rng.random_range(0..100) {
                0..55 => ("s", "Successful login"),
                55..70 => ("sertft", "Successful Refresh Token exchange"),
                70..82 => ("fp", "Wrong email or password."),
                82..88 => ("fertft", "Unknown or invalid refresh token."),
                88..92 => ("slo", "Successful logout"),
                92..95 => ("pwd_leak", "Breached password detected"),
                95..97 => ("limit_wc", "Too many failed login attempts: the IP address was blocked"),
                _ => ("f", "user is blocked"),
            };
            planned.push((at, kind, index, rng.random_range(0..apps.len().max(1)), description));
        }
    }
    planned.sort_by_key(|p| p.0);
    for (at, kind, index, app, description) in planned {
        let user = &users[index];
        let (client_id, client_name) =
            apps.get(app).map(|(i, n)| (i.as_str(), n.as_str())).unwrap_or_default();
        let ip = format!("198.51.100.{}", 1 + index % 250);
        let hostile_agent = "Mozilla/5.0\x1b]0;pwned\x07\x1b[2J";
        let entry = Entry {
            description: if user.hostile {
                "\x1b[31mlooks like an error\x1b[0m\x1b]8;;https://evil.test\x07"
            } else {
                description
            },
            user_id: Some(user.user_id),
            user_name: Some(user.name),
            client_id: Some(client_id),
            client_name: Some(client_name),
            ip: Some(&ip),
            user_agent: Some(if user.hostile {
                hostile_agent
            } else {
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)"
            }),
            connection: Some(user.connection),
            details: (kind == "fertft").then(|| json!({ "failure_reason": "invalid_token" })),
        };
        book.write(at, kind, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ids_only_grow_and_after_reads_past_the_checkpoint() {
        let mut book = LogBook::default();
        let now = Utc::now();
        let ids: Vec<String> = (0..5).map(|_| book.write(now, "s", Entry::default())).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(book.after(Some(&ids[1]), 2).len(), 2);
        assert_eq!(book.after(Some(&ids[1]), 2)[0]["log_id"], ids[2].as_str());
        assert!(book.after(Some(&ids[4]), 10).is_empty());
        assert_eq!(book.get(&ids[3]).unwrap()["log_id"], ids[3].as_str());
    }
}
