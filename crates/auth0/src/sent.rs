//! What one request did, once it ended: the line `:requests` and `-v` show, and the `curl`
//! command that repeats it. Built from the request as it was sent, with every secret already
//! gone: the bearer token becomes `$AUTH0_TOKEN` and each secret field of a body a variable named
//! after it, so a record may be shown, kept and copied as it is.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::redact::SECRET_FIELDS;
use super::request::{Body, Request};

/// One request, from its first attempt to its final answer (or failure).
#[derive(Debug, Clone, PartialEq)]
pub struct SentRequest {
    /// When the first attempt left.
    pub at: DateTime<Utc>,
    pub method: String,
    /// Scheme, host, path and query: never a user or a fragment.
    pub url: String,
    /// The final status, or `None` when no answer came.
    pub status: Option<u16>,
    /// Why no answer came, when none did (or why the request was never sent).
    pub failure: Option<String>,
    /// From the first attempt to the end, waits included.
    pub took: Duration,
    /// Attempts after the first.
    pub retries: u32,
    /// Whether a bearer token went with it (`$AUTH0_TOKEN` in the `curl` command).
    pub bearer: bool,
    /// The JSON body with its secret fields replaced by variables.
    pub body: Option<Value>,
}

impl SentRequest {
    /// The record of `request`, which began `took` ago at `at`.
    pub fn of(request: &Request, at: DateTime<Utc>, took: Duration) -> SentRequest {
        let mut url = request.url.clone();
        // Neither is sent in a request line, and a user could hold a password.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_fragment(None);
        SentRequest {
            at,
            method: request.method.to_string(),
            url: url.to_string(),
            status: None,
            failure: None,
            took,
            retries: 0,
            bearer: request.bearer.is_some(),
            body: request.body.as_ref().map(|Body::Json(value)| without_secrets(value)),
        }
    }

    /// The path and query, as the log line shows them (the host is the tenant's).
    pub fn path(&self) -> &str {
        let after_scheme = self.url.split_once("://").map_or(self.url.as_str(), |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |at| &after_scheme[at..])
    }

    /// `200`, or what happened instead of an answer.
    pub fn outcome(&self) -> String {
        match (self.status, &self.failure) {
            (Some(status), _) => status.to_string(),
            (None, Some(failure)) => format!("no answer: {failure}"),
            (None, None) => "no answer".to_string(),
        }
    }

    /// A `curl` command that sends the same request: the bearer token and the body's secrets are
    /// shell variables the user sets, written inside double quotes so the shell fills them in.
    pub fn curl(&self) -> String {
        let mut command = format!("curl -X {} {}", self.method, single_quoted(&self.url));
        if self.bearer {
            command.push_str(" -H \"Authorization: Bearer $AUTH0_TOKEN\"");
        }
        if let Some(body) = &self.body {
            command.push_str(" -H 'Content-Type: application/json' --data ");
            command.push_str(&double_quoted_json(body));
        }
        command
    }
}

/// The variable a secret field's value is replaced by: `client_secret` → `$AUTH0_CLIENT_SECRET`.
pub fn variable_for(field: &str) -> String {
    format!("$AUTH0_{}", field.to_ascii_uppercase())
}

/// `value` with every secret field's string replaced by its variable's name.
fn without_secrets(value: &Value) -> Value {
    let mut value = value.clone();
    if let Value::Object(map) = &mut value {
        for (field, held) in map.iter_mut() {
            if SECRET_FIELDS.contains(&field.as_str()) {
                *held = Value::String(variable_for(field));
            }
        }
    }
    value
}

/// `text` between single quotes, where the shell expands nothing; a `'` inside ends the quote,
/// adds an escaped one and opens another.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The body as JSON between double quotes: the variables left by [`without_secrets`] are
/// expanded by the shell; every other `$`, backtick, `"` and `\` is escaped so it reaches Auth0 as
/// it is.
fn double_quoted_json(body: &Value) -> String {
    let mut escaped = String::new();
    for c in body.to_string().chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    // The variables are the one `$` the shell should expand.
    for field in SECRET_FIELDS {
        let variable = variable_for(field);
        escaped = escaped.replace(&format!("\\{variable}"), &variable);
    }
    format!("\"{escaped}\"")
}

/// The line `:requests` and `-v` show for a request, after its time.
impl std::fmt::Display for SentRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} → {} in {} ms", self.method, self.path(), self.outcome(), self.took.as_millis())?;
        match self.retries {
            0 => Ok(()),
            1 => write!(f, " (1 retry)"),
            n => write!(f, " ({n} retries)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Api;
    use crate::request::Effect;
    use secrecy::SecretString;

    fn request(body: Option<Value>) -> Request {
        Request {
            api: Api::Authentication,
            method: reqwest::Method::POST,
            url: "https://me:pw@t.example/oauth/token?x='1'#f".parse().unwrap(),
            bearer: Some(SecretString::from("mgmt-token-value")),
            body: body.map(Body::Json),
            effect: Effect::ChangesNothing,
        }
    }

    #[test]
    fn a_record_holds_no_secret_and_its_curl_repeats_the_request() {
        let body =
            serde_json::json!({"client_id": "abc", "client_secret": "s3cr3t-value", "note": "$HOME \"q\""});
        let sent = SentRequest::of(&request(Some(body)), Utc::now(), Duration::from_millis(12));
        let shown = format!("{sent:?} {sent} {}", sent.curl());
        assert!(!shown.contains("s3cr3t-value") && !shown.contains("mgmt-token-value"), "{shown}");
        assert!(!shown.contains("me:pw") && !shown.contains("#f"), "{shown}");
        assert_eq!(sent.path(), "/oauth/token?x=%271%27");
        assert_eq!(single_quoted("it's"), r"'it'\''s'");
        assert_eq!(
            sent.curl(),
            r#"curl -X POST 'https://t.example/oauth/token?x=%271%27' -H "Authorization: Bearer $AUTH0_TOKEN" -H 'Content-Type: application/json' --data "{\"client_id\":\"abc\",\"client_secret\":\"$AUTH0_CLIENT_SECRET\",\"note\":\"\$HOME \\\"q\\\"\"}""#
        );
    }

    #[test]
    fn the_line_says_status_time_and_retries() {
        let mut sent = SentRequest::of(&request(None), Utc::now(), Duration::from_millis(7));
        sent.status = Some(429);
        sent.retries = 2;
        assert_eq!(sent.to_string(), "POST /oauth/token?x=%271%27 → 429 in 7 ms (2 retries)");
        sent.status = None;
        sent.failure = Some("connection refused".into());
        assert!(sent.to_string().contains("no answer: connection refused"));
    }
}
