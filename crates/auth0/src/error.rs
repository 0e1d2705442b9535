//! Errors from Auth0, kept in Auth0's own words, each with a one-line hint for the common cases.

use std::time::Duration;

use serde::Deserialize;

use super::hints::{authentication_hint, management_hint};

/// Text from the tenant as an error shows it: any secret this process sent redacted (a tenant may
/// echo one), then through the text encoder.
fn text(words: &str) -> String {
    crate::text::clean(&super::redact::redact(words))
}

/// Which of Auth0's two APIs answered: their error bodies differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// `{base}/api/v2/…`: `{statusCode, error, message, errorCode}`.
    Management,
    /// `{base}/oauth/…`, `/userinfo`, `/.well-known/…`: `{error, error_description}`.
    Authentication,
}

/// Every field that can hold the server's words (or a URL it sent) is shown through [`text`]: an error is printed, drawn and logged, and must not drive the terminal.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Auth0Error {
    /// The Management API said no, with its JSON error body.
    #[error("Auth0 answered {status} {}: {}", text(.error), text(.message))]
    Management { status: u16, error: String, message: String, error_code: Option<String> },

    /// The Authentication API said no, with its JSON error body.
    #[error("Auth0 answered {status} {}: {}", text(.error), text(.description))]
    Authentication { status: u16, error: String, description: String },

    /// A non-success status whose body is not Auth0's JSON error (a proxy, a load balancer, HTML).
    #[error("{} answered {status} with a body that is not an Auth0 error: {}", text(.url), text(.snippet))]
    UnexpectedStatus { url: String, status: u16, snippet: String },

    /// Still 429 after the allowed retries.
    #[error("Auth0 is still rate limiting after {retries} retries: {}", text(.message))]
    RateLimited { retries: u32, message: String },

    #[error("could not connect to {}: {}", text(.url), text(.detail))]
    Connection { url: String, detail: String },

    #[error("{} did not answer within {after:?}", text(.url))]
    Timeout { url: String, after: Duration },

    /// The connection broke mid-request, or another transport failure after the request left.
    #[error("the request to {} failed: {}", text(.url), text(.detail))]
    Transport { url: String, detail: String },

    #[error("{} answered with a body that is not the JSON Auth0 sends: {}", text(.url), text(.detail))]
    MalformedBody { url: String, detail: String },

    #[error("{} answered with more than {limit} bytes; refusing to read it", text(.url))]
    BodyTooLarge { url: String, limit: usize },

    /// An id that cannot name anything (empty, `.`, `..`): refused before anything is sent.
    #[error("{}", text(.0))]
    BadId(String),

    /// A listing reached one of the bounds tenantscope keeps on what it reads (Auth0's paging
    /// window, a number of pages, a number of bytes): the sentence says which, with its figure.
    #[error("{}", text(.why))]
    ListingStopped { why: String },

    /// The API answered with a redirect, which tenantscope does not follow: nothing was sent to
    /// where it pointed.
    #[error(
        "Auth0 answered {status}, a redirect to {}; tenantscope does not follow redirects from the API",
        text(.to)
    )]
    Redirect { status: u16, to: String },

    /// `--read-only` refused a destructive call before anything was sent.
    #[error("--read-only is set, so tenantscope did not {}; nothing was sent to Auth0", text(.action))]
    ReadOnly { action: String },

    /// A problem with tenantscope's own HTTP setup (a bad `--ca-cert`, say).
    #[error("{}", text(.0))]
    Setup(String),
}

impl Auth0Error {
    /// A failure of the transfer itself (it timed out, or broke off), which may not happen again.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Auth0Error::Timeout { .. } | Auth0Error::Transport { .. } | Auth0Error::Connection { .. }
        )
    }

    /// Whether the tenant was out of reach rather than saying no: a transport failure, a 5xx or
    /// 408 (Auth0's or a proxy's), a 429 still there after the waits, or a body cut short. A
    /// follow waits these out; a 401, a 403 or a 400 is an answer, and ends it.
    pub fn is_outage(&self) -> bool {
        let status_is_outage = |status: u16| status >= 500 || status == 408;
        match self {
            Auth0Error::Timeout { .. }
            | Auth0Error::Transport { .. }
            | Auth0Error::Connection { .. }
            | Auth0Error::RateLimited { .. }
            | Auth0Error::MalformedBody { .. } => true,
            Auth0Error::Management { status, .. }
            | Auth0Error::Authentication { status, .. }
            | Auth0Error::UnexpectedStatus { status, .. } => status_is_outage(*status),
            _ => false,
        }
    }

    /// Auth0's refusal to page a search past its 1000th result.
    pub fn is_search_cap(&self) -> bool {
        matches!(self, Auth0Error::Management { status: 400, message, error_code, .. }
            if error_code.as_deref() == Some("invalid_paging") || message.contains("page through the first 1000"))
    }

    /// A 403 or 404 that is not about scopes or a missing user, from an endpoint only some plans
    /// have (sessions, refresh tokens): the tenant lacks the feature, and everything else works.
    pub fn is_feature_missing(&self) -> bool {
        matches!(self.status(), Some(403) | Some(404))
            && !matches!(self.code(), Some("insufficient_scope") | Some("inexistent_user"))
    }

    /// One line telling the user what to do about the common cases, or `None`.
    pub fn hint(&self) -> Option<String> {
        match self {
            Auth0Error::Management {
                status,
                message,
                error_code,
                ..
            } => management_hint(*status, message, error_code.as_deref()),
            Auth0Error::Authentication {
                status,
                error,
                description,
            } => authentication_hint(*status, error, description),
            Auth0Error::RateLimited { .. } => Some(
                "Wait a minute and try again; other clients of this tenant share the same limit."
                    .into(),
            ),
            // A TLS handshake that fails on the certificate is a connection error too.
            Auth0Error::Connection { detail, .. } | Auth0Error::Transport { detail, .. }
                if detail.contains("certificate") =>
            {
                Some(
                    "The server's certificate is not trusted: for a local tenant or a corporate proxy pass its root with --ca-cert FILE.".into(),
                )
            }
            Auth0Error::Connection { .. } => Some(
                "Check --domain (or AUTH0_DOMAIN) and that this machine can reach it; behind a proxy set HTTPS_PROXY, with --ca-cert for its certificate.".into(),
            ),
            Auth0Error::Timeout { .. } => Some(
                "Auth0 or the network is slow; try again. A timed-out revoke may still have taken effect: list again to check.".into(),
            ),
            Auth0Error::UnexpectedStatus { .. } | Auth0Error::MalformedBody { .. } => Some(
                "Check that --domain points at an Auth0 tenant and not at a proxy or another site.".into(),
            ),
            Auth0Error::ListingStopped { .. } => Some(
                "Narrow the listing with a filter (--user, --client), or export the data from the Dashboard.".into(),
            ),
            Auth0Error::Redirect { .. } => Some(
                "Check --domain: Auth0's APIs do not redirect, so it may point at a proxy or another site.".into(),
            ),
            Auth0Error::ReadOnly { .. } => {
                Some("Run without --read-only to make changes.".into())
            }
            _ => None,
        }
    }

    /// The HTTP status Auth0 answered with, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Auth0Error::Management { status, .. }
            | Auth0Error::Authentication { status, .. }
            | Auth0Error::UnexpectedStatus { status, .. } => Some(*status),
            Auth0Error::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// Auth0's `errorCode` (Management) or `error` (Authentication).
    pub fn code(&self) -> Option<&str> {
        match self {
            Auth0Error::Management { error_code: Some(code), .. } => Some(code),
            Auth0Error::Authentication { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The error and its hint as one message for a status bar or stderr.
    pub fn with_hint(&self) -> String {
        let text = self.to_string();
        match self.hint() {
            Some(hint) if text.ends_with(['.', '!', '?']) => format!("{text} {hint}"),
            Some(hint) => format!("{text}. {hint}"),
            None => text,
        }
    }

    /// Builds the error for a non-success answer, keeping Auth0's words when the body is its JSON.
    pub(crate) fn from_response(api: Api, url: &str, status: u16, body: &[u8]) -> Auth0Error {
        #[derive(Deserialize)]
        struct ManagementBody {
            error: Option<String>,
            message: Option<String>,
            #[serde(rename = "errorCode")]
            error_code: Option<String>,
        }
        #[derive(Deserialize)]
        struct AuthenticationBody {
            error: String,
            error_description: Option<String>,
        }

        // Try the shape of the API that answered first, then the other: a proxy in front of Auth0
        // may answer a Management call with an OAuth-style body and the reverse.
        let management = || {
            serde_json::from_slice::<ManagementBody>(body).ok().filter(|b| b.message.is_some()).map(|b| {
                Auth0Error::Management {
                    status,
                    error: b.error.map_or_else(|| reason_phrase(status), held_back),
                    message: b.message.map(held_back).unwrap_or_default(),
                    error_code: b.error_code.map(held_back),
                }
            })
        };
        let authentication = || {
            serde_json::from_slice::<AuthenticationBody>(body).ok().map(|b| Auth0Error::Authentication {
                status,
                error: held_back(b.error),
                description: b.error_description.map(held_back).unwrap_or_default(),
            })
        };
        let parsed = match api {
            Api::Management => management().or_else(authentication),
            Api::Authentication => authentication().or_else(management),
        };
        parsed.unwrap_or_else(|| Auth0Error::UnexpectedStatus {
            url: url.to_string(),
            status,
            snippet: snippet(body),
        })
    }
}

/// The tenant's words with any secret this process sent replaced: they are kept in the error,
/// which is printed, drawn, serialised and logged.
pub(crate) fn held_back(words: String) -> String {
    match super::redact::redact(&words) {
        std::borrow::Cow::Borrowed(_) => words,
        std::borrow::Cow::Owned(redacted) => redacted,
    }
}

fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
        .to_string()
}

/// The first line of a body, printable and short, for errors about bodies that are not Auth0's.
fn snippet(body: &[u8]) -> String {
    let body = String::from_utf8_lossy(body);
    let clean = text(body.lines().next().unwrap_or(""));
    let short: String = clean.chars().take(120).collect();
    if short.is_empty() {
        "(empty body)".into()
    } else if short.len() < clean.len() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untrusted_certificate_points_at_ca_cert() {
        let err = Auth0Error::Connection {
            url: "https://acme.example/".into(),
            detail: "client error (Connect): invalid peer certificate: UnknownIssuer".into(),
        };
        assert!(err.with_hint().ends_with("pass its root with --ca-cert FILE."), "{}", err.with_hint());
    }

    #[test]
    fn keeps_management_words_and_names_the_missing_scope() {
        let body = br#"{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:users,read:current_user","errorCode":"insufficient_scope"}"#;
        let err = Auth0Error::from_response(Api::Management, "u", 403, body);
        assert_eq!(
            err.to_string(),
            "Auth0 answered 403 Forbidden: Insufficient scope, expected any of: read:users,read:current_user"
        );
        assert_eq!(err.code(), Some("insufficient_scope"));
        let hint = err.hint().unwrap();
        assert!(hint.contains("read:users or read:current_user"), "{hint}");
    }

    #[test]
    fn keeps_authentication_words() {
        let body = br#"{"error":"access_denied","error_description":"Unauthorized"}"#;
        let err = Auth0Error::from_response(Api::Authentication, "u", 401, body);
        assert_eq!(err.to_string(), "Auth0 answered 401 access_denied: Unauthorized");
        assert!(err.hint().unwrap().contains("--client-secret"));
    }

    #[test]
    fn a_body_that_is_not_auth0s_is_quoted_short_and_clean() {
        let body = b"<html>\x1b[2J Bad Gateway</html>\nmore";
        let err = Auth0Error::from_response(Api::Management, "https://x/api", 502, body);
        let text = err.to_string();
        assert!(text.contains("502"), "{text}");
        assert!(!text.contains('\x1b'), "{text}");
        assert!(!text.contains("more"), "{text}");
    }

    #[test]
    fn expired_token_gets_its_own_hint() {
        let body = br#"{"statusCode":401,"error":"Unauthorized","message":"Expired token received for JSON Web Token validation"}"#;
        let err = Auth0Error::from_response(Api::Management, "u", 401, body);
        assert!(err.hint().unwrap().contains("expired"));
    }
}
