//! Sending one request with the retry policy: 429s waited out (at most `rate_limit_retries`
//! times), GETs retried on transient failures — a connection error, a timeout, a 408 or 5xx, a
//! body that broke off — and any method retried only when the connection was never made.
//! Redirects end the request: nothing is sent where one points.

use std::time::Duration;

use reqwest::{Method, StatusCode};

use super::body::answer_headers;
use super::error::Auth0Error;
use super::events::{HttpEvent, WaitReason};
use super::http::{
    Http, is_transient_status, rate_limit_message, rate_limited_error, redirect_host, transport_error,
};
use super::request::{Request, Response};
use super::sent::SentRequest;

/// What one request has used of its retry budgets so far.
#[derive(Default)]
struct Tries {
    attempts: u32,
    rate_limited: u32,
    transient: u32,
    /// An earlier attempt may have reached Auth0 and been acted on.
    may_have_acted: bool,
}

/// After one attempt: wait and try again, or the final answer.
enum Next {
    Wait { wait: Duration, reason: WaitReason, attempt: u32, max: u32 },
    Done(Response),
}

impl Http {
    /// Sends `request`, waiting out 429s and retrying what is safe to retry.
    ///
    /// Returns the final response whatever its status; transport failures are errors.
    /// Every request that was tried is reported once it ends ([`HttpEvent::Sent`]), for
    /// `:requests` and `-v`; one refused under read-only was never sent and is not.
    pub async fn send(&self, request: &Request) -> Result<Response, Auth0Error> {
        if let Some(action) = request.refused_as() {
            self.refuse_if_read_only(|| action)?;
        }
        let (at, started) = (chrono::Utc::now(), std::time::Instant::now());
        let mut tries = Tries::default();
        let result = self.send_with_retries(request, &mut tries).await;
        let mut sent = SentRequest::of(request, at, started.elapsed());
        sent.retries = tries.attempts.saturating_sub(1);
        match &result {
            Ok(response) => sent.status = Some(response.status.as_u16()),
            Err(err) => {
                sent.status = err.status();
                sent.failure = sent.status.is_none().then(|| err.to_string());
            }
        }
        self.report(HttpEvent::Sent(sent));
        result
    }

    async fn send_with_retries(&self, request: &Request, tries: &mut Tries) -> Result<Response, Auth0Error> {
        loop {
            tries.attempts += 1;
            let next = match self.attempt(request).await {
                Ok((status, headers, response)) => {
                    self.on_answer(request, tries, status, &headers, response).await?
                }
                Err(err) => self.on_failure(request, tries, err)?,
            };
            match next {
                Next::Done(response) => return Ok(response),
                Next::Wait { wait, reason, attempt, max } => {
                    self.report(HttpEvent::Waiting { reason, wait, attempt, max });
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// An answer came: a redirect ends the request, a 429 is waited out, a transient status is
    /// retried for a GET, anything else is read as the final answer.
    async fn on_answer(
        &self,
        request: &Request,
        tries: &mut Tries,
        status: StatusCode,
        headers: &reqwest::header::HeaderMap,
        response: reqwest::Response,
    ) -> Result<Next, Auth0Error> {
        let opts = &self.options;
        if status.is_redirection() {
            // Nothing is sent again, anywhere: Auth0's APIs do not redirect, so the domain is
            // wrong or something in between is not Auth0.
            return Err(Auth0Error::Redirect {
                status: status.as_u16(),
                to: redirect_host(&request.url, headers),
            });
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            let body = self.read_error_body(response).await;
            if tries.rate_limited >= opts.rate_limit_retries {
                return Err(rate_limited_error(request.api, &request.url, &body, tries.rate_limited));
            }
            tries.rate_limited += 1;
            let reason = WaitReason::RateLimited(rate_limit_message(request.api, &request.url, &body));
            let (wait, attempt, max) =
                (self.rate_limit_wait(headers), tries.rate_limited, opts.rate_limit_retries);
            return Ok(Next::Wait { wait, reason, attempt, max });
        }
        let repeatable = request.method == Method::GET;
        if repeatable && is_transient_status(status) {
            let what = format!("{} answered {status}", request.url.host_str().unwrap_or("Auth0"));
            if let Some(next) = self.transient_retry(tries, what, true) {
                return Ok(next);
            }
        }
        let (www_authenticate, date) = answer_headers(response.headers());
        let read = if status.is_success() {
            self.read_body(response, request.url.as_str()).await
        } else {
            Ok(self.read_error_body(response).await)
        };
        match read {
            Ok(body) => Ok(Next::Done(Response {
                status,
                body,
                attempts: tries.attempts,
                earlier_may_have_acted: tries.may_have_acted,
                www_authenticate,
                date,
            })),
            // A body that broke off or timed out is read again for a GET, within the same budget
            // as any transient failure; never for anything else.
            Err(err) if repeatable && err.is_transient() => {
                let what = err.to_string();
                self.transient_retry(tries, what, true).ok_or(err)
            }
            Err(err) => Err(err),
        }
    }

    /// No answer came. A connection that was never made sent nothing, so any method may try
    /// again; anything else may have reached Auth0 and is only repeated for GETs.
    fn on_failure(
        &self,
        request: &Request,
        tries: &mut Tries,
        err: reqwest::Error,
    ) -> Result<Next, Auth0Error> {
        let never_sent = err.is_connect();
        let error = transport_error(request.url.as_str(), err, &self.options);
        if request.method == Method::GET || never_sent {
            let what = error.to_string();
            return self.transient_retry(tries, what, !never_sent).ok_or(error);
        }
        Err(error)
    }

    /// The next transient retry, if the budget has one left; `may_have_acted` when the failed
    /// attempt may have reached Auth0.
    fn transient_retry(&self, tries: &mut Tries, what: String, may_have_acted: bool) -> Option<Next> {
        let max = self.options.transient_retries;
        if tries.transient >= max {
            return None;
        }
        tries.transient += 1;
        tries.may_have_acted |= may_have_acted;
        let wait = self.backoff(tries.transient);
        Some(Next::Wait { wait, reason: WaitReason::Transient(what), attempt: tries.transient, max })
    }
}
