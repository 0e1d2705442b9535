//! Auth0's log events (`GET /api/v2/logs`), kept as Auth0 sent them, with accessors, and the
//! event type codes an incident needs, in words.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One log event; any field may be missing or null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LogEvent(pub Map<String, Value>);

impl LogEvent {
    pub fn str_field(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }
    pub fn log_id(&self) -> Option<&str> {
        self.str_field("log_id")
    }
    pub fn date(&self) -> Option<&str> {
        self.str_field("date")
    }
    /// The type code (`s`, `fp`, `fertft`, …).
    pub fn code(&self) -> &str {
        self.str_field("type").unwrap_or("?")
    }
    pub fn description(&self) -> Option<&str> {
        self.str_field("description").filter(|d| !d.is_empty())
    }
    pub fn user_id(&self) -> Option<&str> {
        self.str_field("user_id")
    }
    /// Who: the user name Auth0 recorded, else the user id.
    pub fn who(&self) -> Option<&str> {
        self.str_field("user_name").or(self.user_id())
    }
    pub fn client_id(&self) -> Option<&str> {
        self.str_field("client_id")
    }
    pub fn client_name(&self) -> Option<&str> {
        self.str_field("client_name")
    }
    pub fn ip(&self) -> Option<&str> {
        self.str_field("ip")
    }
    pub fn connection(&self) -> Option<&str> {
        self.str_field("connection")
    }
    /// What the type code means, and how it went.
    pub fn meaning(&self) -> (&'static str, Outcome) {
        explain(self.code())
    }
}

/// How an event went, so failures stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
    Warning,
    Other,
}

/// The codes an incident needs (of Auth0's log event type codes), in words.
pub const CODES: &[(&str, &str, Outcome)] = &[
    ("s", "successful login", Outcome::Success),
    ("f", "failed login", Outcome::Failure),
    ("fp", "failed login: wrong password", Outcome::Failure),
    ("fu", "failed login: unknown user", Outcome::Failure),
    ("fs", "failed signup", Outcome::Failure),
    ("ss", "successful signup", Outcome::Success),
    ("w", "warning during login", Outcome::Warning),
    ("ssa", "successful silent authentication", Outcome::Success),
    ("fsa", "failed silent authentication", Outcome::Failure),
    ("slo", "successful logout", Outcome::Success),
    ("flo", "failed logout", Outcome::Failure),
    ("limit_wc", "IP blocked: too many failed logins on one account", Outcome::Failure),
    ("limit_mu", "IP blocked: too many failures across accounts", Outcome::Failure),
    ("ublkdu", "brute-force block released", Outcome::Other),
    ("pwd_leak", "breached password used", Outcome::Warning),
    ("signup_pwd_leak", "breached password at signup", Outcome::Warning),
    ("reset_pwd_leak", "breached password at reset", Outcome::Warning),
    ("sapi", "Management API operation", Outcome::Other),
    ("fapi", "failed Management API operation", Outcome::Failure),
    ("seacft", "code exchanged for tokens", Outcome::Success),
    ("feacft", "failed code exchange", Outcome::Failure),
    ("seccft", "client credentials exchanged", Outcome::Success),
    ("feccft", "failed client credentials exchange", Outcome::Failure),
    ("sertft", "refresh token exchanged", Outcome::Success),
    ("fertft", "failed refresh token exchange", Outcome::Failure),
    ("ferrt", "refresh token reuse detected", Outcome::Failure),
    ("srrt", "refresh token revoked", Outcome::Other),
    ("sdu", "user deleted", Outcome::Other),
    ("fdu", "failed user deletion", Outcome::Failure),
    ("api_limit", "rate limit reached", Outcome::Failure),
    ("api_limit_warning", "rate limit nearly reached", Outcome::Warning),
    ("depnote", "deprecation notice", Outcome::Warning),
];

/// What `code` means; an unknown code is shown as it is.
pub fn explain(code: &str) -> (&'static str, Outcome) {
    if let Some((_, meaning, outcome)) = CODES.iter().find(|(c, _, _)| *c == code) {
        return (meaning, *outcome);
    }
    if code.starts_with("gd_") {
        return ("multi-factor authentication event", Outcome::Other);
    }
    ("", if code.starts_with('f') { Outcome::Failure } else { Outcome::Other })
}
