//! A request to the tenant as the HTTP layer sends it, and the final response it returns.

use bytes::Bytes;
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value;
use url::Url;

use super::error::{Api, Auth0Error};

/// What to send. Cloned for each attempt.
#[derive(Debug, Clone)]
pub struct Request {
    pub api: Api,
    pub method: Method,
    pub url: Url,
    pub bearer: Option<SecretString>,
    pub body: Option<Body>,
    /// What the request does at Auth0: `--read-only` refuses, in [`Http::send`] and before
    /// anything is sent, every request but a GET that is not marked as changing nothing.
    pub effect: Effect,
}

/// What a request does at Auth0, as the read-only guard sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A read (a GET).
    Reads,
    /// Not a GET, but nothing changes at Auth0 and nothing is spent: a client-credentials
    /// token, a users-export job. Only a call site that knows this marks it so.
    ChangesNothing,
    /// Changes the tenant or spends something ("revoke grant g1", "use a refresh token"): the
    /// words the refusal under `--read-only` uses.
    Changes(String),
}

impl Request {
    /// What `--read-only` refuses this request as, or `None` when it may be sent: every method
    /// but GET is refused unless its call site marked it as changing nothing.
    pub fn refused_as(&self) -> Option<String> {
        self.effect.refused_as(&self.method, &self.url)
    }
}

impl Effect {
    /// What `--read-only` refuses a `method` request to `url` with this effect as, if anything.
    pub fn refused_as(&self, method: &reqwest::Method, url: &Url) -> Option<String> {
        match self {
            Effect::ChangesNothing => None,
            Effect::Changes(what) => Some(what.clone()),
            Effect::Reads if method == reqwest::Method::GET => None,
            Effect::Reads => Some(format!("send {method} {}", url.path())),
        }
    }
}

#[derive(Clone)]
pub enum Body {
    Json(Value),
}

/// A body can hold a client secret or a refresh token: `Debug` names its fields, not their values.
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Json(Value::Object(map)) => {
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                write!(f, "Json {{ fields: {keys:?}, values redacted }}")
            }
            Body::Json(_) => write!(f, "Json(<redacted>)"),
        }
    }
}

/// A response whose status was final (success, or an error not worth retrying).
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub body: Bytes,
    /// How many attempts it took; above 1 means the request was sent again.
    pub attempts: u32,
    /// Whether an earlier attempt may have reached Auth0 and been acted on: it broke off after
    /// being sent, or got a 408 or a 5xx. A 429, a 401 or a connection never made means Auth0 did
    /// not act, so a 404 after those is a plain "not found".
    pub earlier_may_have_acted: bool,
    /// The `WWW-Authenticate` header of an answer, where a bearer error's reason is given.
    pub www_authenticate: Option<String>,
    /// The server's clock, from its `Date` header (to tell the skew against this machine's).
    pub date: Option<chrono::DateTime<chrono::Utc>>,
}

impl Response {
    /// The body as JSON, or an error naming the URL. A body of more values than
    /// [`super::json_size::MAX_VALUES`] is refused before it is parsed.
    pub fn json<T: serde::de::DeserializeOwned>(&self, url: &Url) -> Result<T, Auth0Error> {
        let values = super::json_size::values(&self.body);
        if values > super::json_size::MAX_VALUES {
            return Err(Auth0Error::MalformedBody {
                url: url.to_string(),
                detail: super::json_size::too_many("the answer", values),
            });
        }
        self.json_already_counted(url)
    }

    /// [`Self::json`] for a body whose values a listing's budget has already counted (it allows
    /// no more than one answer may hold), so it is not scanned twice.
    pub(crate) fn json_already_counted<T: serde::de::DeserializeOwned>(
        &self,
        url: &Url,
    ) -> Result<T, Auth0Error> {
        serde_json::from_slice(&self.body)
            .map_err(|e| Auth0Error::MalformedBody { url: url.to_string(), detail: e.to_string() })
    }

    /// The error Auth0 meant by this status, in its own words.
    pub fn into_error(self, api: Api, url: &Url) -> Auth0Error {
        if let Some((error, description)) = self.www_authenticate.as_deref().and_then(bearer_error) {
            let (error, description) = (super::error::held_back(error), super::error::held_back(description));
            return Auth0Error::Authentication { status: self.status.as_u16(), error, description };
        }
        Auth0Error::from_response(api, url.as_str(), self.status.as_u16(), &self.body)
    }
}

/// `error` and `error_description` of a `WWW-Authenticate: Bearer …` challenge (RFC 6750), as
/// `/userinfo` gives its reasons.
fn bearer_error(challenge: &str) -> Option<(String, String)> {
    let params = challenge.strip_prefix("Bearer")?;
    let value = |name: &str| {
        let start = params.find(&format!("{name}=\""))? + name.len() + 2;
        let end = params[start..].find('"')?;
        Some(params[start..start + end].to_string())
    };
    let error = value("error")?;
    Some((error, value("error_description").unwrap_or_default()))
}
