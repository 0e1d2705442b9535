//! What the HTTP layer tells while it works: waits before a retry, paging progress and the
//! latest rate-limit headers. The CLI prints them on stderr; the UI turns them into actions.

use std::sync::Arc;
use std::time::Duration;

use super::rate_limit::RateLimit;
use super::sent::SentRequest;

/// Something the user should hear about while a call is still under way.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpEvent {
    /// Waiting before retry `attempt` of `max`.
    Waiting { reason: WaitReason, wait: Duration, attempt: u32, max: u32 },
    /// How far a listing of many pages is.
    Pages(PagesProgress),
    /// Auth0's rate-limit headers, from the latest response that had them.
    RateLimit(RateLimit),
    /// A request ended: what it was and how it went, with no secret in it.
    Sent(SentRequest),
}

#[derive(Debug, Clone, PartialEq)]
pub enum WaitReason {
    /// Auth0 answered 429; its message.
    RateLimited(String),
    /// A connection error, a timeout, a 408 or a 5xx on a call that is safe to repeat.
    Transient(String),
}

impl std::fmt::Display for HttpEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = |wait: &Duration| wait.as_secs_f64();
        match self {
            HttpEvent::Pages(progress) => progress.fmt(f),
            HttpEvent::Sent(sent) => sent.fmt(f),
            HttpEvent::RateLimit(rate) => {
                write!(f, "rate limit: {} of {} requests left", rate.remaining, rate.limit)
            }
            HttpEvent::Waiting { reason: WaitReason::RateLimited(message), wait, attempt, max } => write!(
                f,
                "Auth0 rate limit reached ({message}); waiting {:.1} s before retry {attempt} of {max}",
                secs(wait)
            ),
            HttpEvent::Waiting { reason: WaitReason::Transient(what), wait, attempt, max } => {
                write!(f, "{what}; retrying in {:.1} s (retry {attempt} of {max})", secs(wait))
            }
        }
    }
}

pub type EventSink = Arc<dyn Fn(HttpEvent) + Send + Sync>;

/// Where a paged listing is, for a progress indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagesProgress {
    /// What is being listed: "users", "grants", …
    pub what: String,
    /// Pages read so far, the first included.
    pub done: usize,
    pub total: usize,
    pub in_flight: usize,
}

impl std::fmt::Display for PagesProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let PagesProgress { what, done, total, in_flight } = self;
        if done == total {
            write!(f, "{what}: all {total} pages read")
        } else {
            write!(f, "{what}: {done} of {total} pages read, {in_flight} in flight")
        }
    }
}
