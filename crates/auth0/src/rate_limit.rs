//! Auth0's rate-limit headers, read from every response.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// The latest `x-ratelimit-*` values Auth0 sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u64,
    pub remaining: u64,
    /// UNIX seconds at which the bucket refills.
    pub reset: u64,
}

impl RateLimit {
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        Some(RateLimit {
            limit: header_u64(headers, "x-ratelimit-limit")?,
            remaining: header_u64(headers, "x-ratelimit-remaining")?,
            reset: header_u64(headers, "x-ratelimit-reset")?,
        })
    }

    /// How long until `reset`, from `now`; zero when it has passed.
    pub fn until_reset(&self, now: SystemTime) -> Duration {
        let now_secs = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        Duration::from_secs(self.reset).saturating_sub(now_secs)
    }
}

/// `Retry-After` in its delta-seconds form (Auth0 does not send the date form).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    header_u64(headers, "retry-after").map(Duration::from_secs)
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_all_three_headers_or_none() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", "50".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "49".parse().unwrap());
        assert_eq!(RateLimit::from_headers(&headers), None);
        headers.insert("x-ratelimit-reset", "1700000000".parse().unwrap());
        assert_eq!(
            RateLimit::from_headers(&headers),
            Some(RateLimit { limit: 50, remaining: 49, reset: 1_700_000_000 })
        );
    }

    #[test]
    fn until_reset_never_goes_negative() {
        let rl = RateLimit { limit: 1, remaining: 0, reset: 100 };
        let at = |s| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(rl.until_reset(at(97)), Duration::from_secs(3));
        assert_eq!(rl.until_reset(at(200)), Duration::ZERO);
    }
}
