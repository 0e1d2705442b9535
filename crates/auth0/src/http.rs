//! The HTTP layer under both Auth0 APIs: the client and its limits, rate-limit tracking, the
//! read-only guard, back-off, and the redirect policy: calls to the tenant follow none (Auth0's
//! APIs do not redirect, and a followed redirect would carry a client secret or a token to
//! another host); an export file's download follows a few, to https only. The retry loop is in
//! `send.rs` (429 waited out; GETs retried on transient failures; DELETEs never blindly), the
//! reading of bodies in `body.rs`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use url::Url;

use super::error::{Api, Auth0Error};
use super::rate_limit::{self, RateLimit};

/// Limits and retry policy; the defaults follow what Auth0's own SDKs do.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// A response body larger than this is an error, not an out-of-memory.
    pub max_body_bytes: usize,
    /// How many times a 429 is waited out before giving up.
    pub rate_limit_retries: u32,
    /// How many times a GET is retried after a connection error, a timeout, a 408 or a 5xx.
    pub transient_retries: u32,
    /// The longest single wait, whatever Auth0 asks for.
    pub max_wait: Duration,
    /// First back-off for transient failures; doubles each time.
    pub backoff: Duration,
    /// PEM files with extra trusted roots (`--ca-cert`).
    pub ca_certs: Vec<Vec<u8>>,
    /// Bounds on a users export's file: deadline, throughput, what it decompresses to.
    pub download: super::download_guard::DownloadLimits,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 32 * 1024 * 1024,
            rate_limit_retries: 3,
            transient_retries: 2,
            max_wait: Duration::from_secs(30),
            backoff: Duration::from_millis(250),
            ca_certs: Vec::new(),
            download: super::download_guard::DownloadLimits::default(),
        }
    }
}

pub use super::events::{EventSink, HttpEvent, WaitReason};

/// The most of an error body that is read: Auth0's are a few hundred bytes, and one is only
/// ever shown as a sentence.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

pub use super::request::{Body, Effect, Request, Response};

/// The shared HTTP client. Cheap to clone.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    /// For large downloads: no limit on the whole transfer, only on silence.
    pub(super) downloads: reqwest::Client,
    pub(super) options: Arc<HttpOptions>,
    /// The latest rate-limit headers, for the pager; each update is also reported as an event.
    rate_limit: Arc<std::sync::Mutex<Option<RateLimit>>>,
    /// `--read-only`: every destructive request is refused before it is sent. Shared by the
    /// clones of one client, so turning it on (`:readonly`) holds for every task; never off again.
    read_only: Arc<std::sync::atomic::AtomicBool>,
    events: Option<EventSink>,
}

impl Http {
    pub fn new(options: HttpOptions) -> Result<Http, Auth0Error> {
        let base = || {
            reqwest::Client::builder()
                .user_agent(concat!("tenantscope/", env!("CARGO_PKG_VERSION")))
                .connect_timeout(options.connect_timeout)
                // Redirects are never followed by reqwest: `send` refuses them, `download` checks
                // each hop itself.
                .redirect(reqwest::redirect::Policy::none())
        };
        let mut builder = base().timeout(options.request_timeout);
        let mut downloads = base().read_timeout(options.request_timeout);
        for pem in &options.ca_certs {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .ok()
                .filter(|certs| !certs.is_empty())
                .ok_or_else(|| {
                    Auth0Error::Setup(
                        "a --ca-cert file holds no PEM certificate (-----BEGIN CERTIFICATE-----)".into(),
                    )
                })?;
            builder = builder.tls_certs_merge(certs.clone());
            downloads = downloads.tls_certs_merge(certs);
        }
        let setup = |e: reqwest::Error| Auth0Error::Setup(format!("could not set up HTTPS: {e}"));
        let client = builder.build().map_err(setup)?;
        let downloads = downloads.build().map_err(setup)?;
        Ok(Http {
            client,
            downloads,
            options: Arc::new(options),
            rate_limit: Arc::default(),
            read_only: Arc::default(),
            events: None,
        })
    }

    /// Tells the event sink, if there is one.
    pub fn report(&self, event: HttpEvent) {
        if let Some(sink) = &self.events {
            sink(event);
        }
    }

    /// Reports waits, retries and paging progress to `sink` (stderr for the CLI, the status bar
    /// for the UI).
    pub fn with_events(mut self, sink: EventSink) -> Http {
        self.events = Some(sink);
        self
    }

    /// Refuses every destructive request (`--read-only`). The flag is this client's own (and its
    /// clones').
    pub fn read_only(mut self, on: bool) -> Http {
        self.read_only = Arc::new(std::sync::atomic::AtomicBool::new(on));
        self
    }

    /// Turns read-only on for this client and every clone of it, for the rest of the session.
    pub fn lock_read_only(&self) {
        self.read_only.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The read-only guard: every destructive request passes here (from [`Http::send`]), and a
    /// front-end may ask it early, before a confirmation.
    pub fn refuse_if_read_only(&self, action: impl FnOnce() -> String) -> Result<(), Auth0Error> {
        if self.is_read_only() { Err(Auth0Error::ReadOnly { action: action() }) } else { Ok(()) }
    }

    /// The latest rate-limit headers Auth0 sent, if any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self.rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) async fn attempt(
        &self,
        request: &Request,
    ) -> Result<(StatusCode, reqwest::header::HeaderMap, reqwest::Response), reqwest::Error> {
        let mut builder = self
            .client
            .request(request.method.clone(), request.url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = &request.bearer {
            super::redact::hold(token.expose_secret());
            builder = builder.bearer_auth(token.expose_secret());
        }
        if let Some(Body::Json(value)) = &request.body {
            hold_secret_fields(value);
            builder = builder.json(value);
        }
        let response = builder.send().await?;
        let headers = response.headers().clone();
        if let Some(rl) = RateLimit::from_headers(&headers) {
            *self.rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(rl);
            self.report(HttpEvent::RateLimit(rl));
        }
        Ok((response.status(), headers, response))
    }

    /// Retry-After first, then x-ratelimit-reset, then a short back-off; with jitter and a cap.
    pub(super) fn rate_limit_wait(&self, headers: &reqwest::header::HeaderMap) -> Duration {
        let asked = rate_limit::retry_after(headers)
            .or_else(|| RateLimit::from_headers(headers).map(|rl| rl.until_reset(SystemTime::now())))
            .unwrap_or(Duration::from_secs(1));
        // Capped before the jitter is added: `Retry-After: 18446744073709551615` is a number too.
        asked.min(self.options.max_wait).saturating_add(jitter()).min(self.options.max_wait)
    }

    pub(super) fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let base = self.options.backoff.checked_mul(factor).unwrap_or(self.options.max_wait);
        base.min(self.options.max_wait).saturating_add(jitter()).min(self.options.max_wait)
    }
}

/// Remembers the secrets a body carries, so an answer that echoes one has it redacted.
fn hold_secret_fields(body: &serde_json::Value) {
    for field in super::redact::SECRET_FIELDS {
        if let Some(secret) = body.get(*field).and_then(serde_json::Value::as_str) {
            super::redact::hold(secret);
        }
    }
}

fn jitter() -> Duration {
    Duration::from_millis(rand::rng().random_range(0..250))
}

pub(super) fn is_transient_status(status: StatusCode) -> bool {
    status == StatusCode::REQUEST_TIMEOUT || status.is_server_error()
}

/// Where a 3xx points, resolved against the URL that answered it.
pub(super) fn redirect_target(from: &Url, headers: &reqwest::header::HeaderMap) -> Option<Url> {
    let location = headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    from.join(location).ok()
}

/// The host a 3xx points at, for the error: never the whole URL (it may carry a query or a user).
pub(super) fn redirect_host(from: &Url, headers: &reqwest::header::HeaderMap) -> String {
    match redirect_target(from, headers) {
        Some(to) => match (to.host_str(), to.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            (None, _) => "a location without a host".into(),
        },
        None => "no usable location".into(),
    }
}

pub(super) fn transport_error(url_text: &str, err: reqwest::Error, opts: &HttpOptions) -> Auth0Error {
    // reqwest's own text names the whole URL; this error names it as the caller chose to.
    let err = err.without_url();
    let url_text = url_text.to_string();
    if err.is_timeout() {
        let after = if err.is_connect() { opts.connect_timeout } else { opts.request_timeout };
        return Auth0Error::Timeout { url: url_text, after };
    }
    let detail = error_chain(&err);
    if err.is_connect() {
        Auth0Error::Connection { url: url_text, detail }
    } else {
        Auth0Error::Transport { url: url_text, detail }
    }
}

/// reqwest's own message says little ("error sending request"); the causes say what happened.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = Vec::new();
    let mut current = err.source();
    while let Some(cause) = current {
        let text = cause.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        current = cause.source();
    }
    if parts.is_empty() { err.to_string() } else { parts.join(": ") }
}

pub(super) fn rate_limit_message(api: Api, url: &Url, body: &[u8]) -> String {
    match Auth0Error::from_response(api, url.as_str(), 429, body) {
        Auth0Error::Management { message, .. } => message,
        Auth0Error::Authentication { description, .. } => description,
        _ => "Too Many Requests".into(),
    }
}

pub(super) fn rate_limited_error(api: Api, url: &Url, body: &[u8], retries: u32) -> Auth0Error {
    Auth0Error::RateLimited { retries, message: rate_limit_message(api, url, body) }
}
