//! Auth0-style rate limiting for the Management API: a token bucket whose state is reported in
//! `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` on every response.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy)]
pub struct LimitConfig {
    /// Bucket size: the burst allowed, and `x-ratelimit-limit`.
    pub capacity: u32,
    /// Requests added back per second.
    pub per_second: f64,
}

impl Default for LimitConfig {
    fn default() -> Self {
        LimitConfig { capacity: 50, per_second: 20.0 }
    }
}

/// What to put in the headers after one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitState {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// UNIX seconds at which the bucket is full again.
    pub reset: u64,
}

#[derive(Debug)]
pub struct Limiter {
    config: LimitConfig,
    tokens: f64,
    refilled_at: Instant,
}

impl Limiter {
    pub fn new(config: LimitConfig) -> Limiter {
        Limiter { config, tokens: config.capacity as f64, refilled_at: Instant::now() }
    }

    pub fn take(&mut self) -> LimitState {
        let now = Instant::now();
        let capacity = self.config.capacity as f64;
        let elapsed = now.duration_since(self.refilled_at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.config.per_second).min(capacity);
        self.refilled_at = now;
        let allowed = self.tokens >= 1.0;
        if allowed {
            self.tokens -= 1.0;
        }
        let until_full =
            ((capacity - self.tokens) / self.config.per_second.max(f64::MIN_POSITIVE)).ceil() as u64;
        let epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        LimitState {
            allowed,
            limit: self.config.capacity,
            remaining: self.tokens.floor() as u32,
            reset: epoch + until_full,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_past_capacity_is_refused_and_reports_when_it_resets() {
        let mut limiter = Limiter::new(LimitConfig { capacity: 2, per_second: 1.0 });
        assert!(limiter.take().allowed);
        let second = limiter.take();
        assert!(second.allowed);
        assert_eq!(second.remaining, 0);
        let third = limiter.take();
        assert!(!third.allowed);
        let epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert!(third.reset > epoch && third.reset <= epoch + 3, "{third:?}");
    }
}
