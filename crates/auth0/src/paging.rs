//! Pages fetched side by side, within the rate-limit budget Auth0 reports on every response.
//!
//! Once the first page has told how many items there are, the rest are asked for together: as
//! many at once as `x-ratelimit-remaining` allows after keeping a reserve for everything else that
//! uses the tenant, and at most [`MAX_PAGES_IN_FLIGHT`]. When the remaining budget falls to the
//! reserve, pages go one at a time, spaced by the refill interval the headers imply. A 429 that
//! still happens is waited out by the HTTP layer, as for any call.

use std::future::Future;
use std::ops::Range;
use std::time::{Duration, SystemTime};

use futures::StreamExt;
use futures::stream::FuturesUnordered;

use super::error::Auth0Error;
use super::events::HttpEvent;
pub use super::events::PagesProgress;
use super::http::Http;
use super::rate_limit::RateLimit;

/// The most pages asked for at once.
pub const MAX_PAGES_IN_FLIGHT: usize = 8;
/// Before any rate-limit headers arrive, this many at once.
const UNKNOWN_BUDGET: usize = 2;
/// The longest pause between pages when the budget is spent.
const MAX_PAUSE: Duration = Duration::from_secs(2);
/// The most pages a checkpoint listing reads (100,000 items at 100 a page). A tenant that is
/// not what it seems could send full pages forever; a listing this long stops with
/// [`Auth0Error::ListingStopped`] instead.
pub const MAX_PAGES: usize = 1_000;
/// Auth0's offset paging reaches the first 1,000 records of a query (users: documented;
/// device credentials: documented as the most a query lists; grants, clients: assumed alike).
pub const OFFSET_WINDOW: usize = 1_000;
/// The most JSON one listing reads, all its pages together: with a page held at a time while
/// it is parsed, a listing stays well under 100 MB resident whatever the tenant sends.
pub const MAX_LISTING_BYTES: usize = 24 * 1024 * 1024;

/// Counts a listing's pages against [`MAX_LISTING_BYTES`] of JSON and
/// [`super::json_size::MAX_VALUES`] parsed values, all pages together.
#[derive(Debug, Default)]
pub struct ListingBudget {
    bytes: std::sync::atomic::AtomicUsize,
    values: std::sync::atomic::AtomicUsize,
}

impl ListingBudget {
    /// Takes a page of `body` from the budget, before it is parsed, or says, in a sentence, that
    /// `what` ran past it.
    pub fn take(&self, body: &[u8], what: &str) -> Result<(), Auth0Error> {
        use std::sync::atomic::Ordering::Relaxed;
        let bytes = self.bytes.fetch_add(body.len(), Relaxed).saturating_add(body.len());
        if bytes > MAX_LISTING_BYTES {
            return Err(Auth0Error::ListingStopped {
                why: format!(
                    "the {what} listing came to more than {} MiB of JSON; tenantscope stopped reading it",
                    MAX_LISTING_BYTES / (1024 * 1024)
                ),
            });
        }
        let count = super::json_size::values(body);
        let values = self.values.fetch_add(count, Relaxed).saturating_add(count);
        if values > super::json_size::MAX_VALUES {
            return Err(Auth0Error::ListingStopped {
                why: super::json_size::too_many(&format!("the {what} listing"), values),
            });
        }
        Ok(())
    }
}

/// The share of the bucket left for other callers: a fifth, and at least one request.
fn reserve(rate: &RateLimit) -> u64 {
    (rate.limit / 5).max(1)
}

/// How many pages may be in flight, given the latest headers and the caller's ceiling.
pub fn pages_in_flight(rate: Option<RateLimit>, ceiling: usize) -> usize {
    let ceiling = ceiling.max(1);
    match rate {
        None => UNKNOWN_BUDGET.min(ceiling),
        Some(rate) => {
            let spare = rate.remaining.saturating_sub(reserve(&rate));
            usize::try_from(spare).unwrap_or(usize::MAX).clamp(1, ceiling)
        }
    }
}

/// How long to wait before the next page when none is in flight: nothing while the budget lasts;
/// once it is down to the reserve, the time the bucket takes to refill by one request.
///
/// Auth0's own words leave `x-ratelimit-reset` ambiguous: when requests are next added, or when
/// the bucket is full again. Both readings are honoured: while requests remain, the pause is the
/// reset time shared among the missing requests (right for "full again", and early for "next
/// added" only while the remaining budget still covers it); with none left, the pause lasts
/// until the reset itself, which is never past either reading's moment. Either way it is capped.
pub fn pause_before_next(rate: Option<RateLimit>, now: SystemTime) -> Duration {
    match rate {
        Some(rate) if rate.remaining == 0 => rate.until_reset(now).min(MAX_PAUSE),
        Some(rate) if rate.remaining <= reserve(&rate) => {
            let missing = rate.limit.saturating_sub(rate.remaining).max(1);
            (rate.until_reset(now) / u32::try_from(missing).unwrap_or(u32::MAX)).min(MAX_PAUSE)
        }
        _ => Duration::ZERO,
    }
}

/// Fetches `pages` (the first page, already read, is not among them) with as many in flight as
/// the budget allows, and returns them in page order. A page that `is_last` (short or empty)
/// ends the listing there, whatever the total promised: no later page is asked for, and any
/// already in flight is dropped. The first error ends the listing; the pages still in flight are
/// dropped (they are reads). Nothing is allocated ahead from the page count.
pub async fn fetch_pages<T, Fut>(
    http: &Http,
    what: &str,
    pages: Range<usize>,
    ceiling: usize,
    fetch: impl Fn(usize) -> Fut,
    is_last: impl Fn(&T) -> bool,
) -> Result<Vec<T>, Auth0Error>
where
    Fut: Future<Output = Result<T, Auth0Error>>,
{
    let mut end = pages.end;
    let mut results: Vec<(usize, T)> = Vec::new();
    let mut in_flight = FuturesUnordered::new();
    let mut next = pages.start;
    let mut done = pages.start;
    let report = |done: usize, total: usize, in_flight: usize| {
        http.report(HttpEvent::Pages(PagesProgress { what: what.to_string(), done, total, in_flight }));
    };
    loop {
        while next < end && in_flight.len() < pages_in_flight(http.rate_limit(), ceiling) {
            if in_flight.is_empty() {
                let pause = pause_before_next(http.rate_limit(), SystemTime::now());
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
            }
            let page = next;
            next += 1;
            let request = fetch(page);
            in_flight.push(async move { (page, request.await) });
        }
        let Some((page, result)) = in_flight.next().await else { break };
        if page >= end {
            continue;
        }
        let result = result?;
        if is_last(&result) {
            end = page + 1;
            results.retain(|(p, _)| *p < end);
        }
        results.push((page, result));
        done = (done + 1).min(end);
        report(done, end, in_flight.len());
    }
    results.sort_unstable_by_key(|(page, _)| *page);
    Ok(results.into_iter().map(|(_, page)| page).collect())
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    fn rate(limit: u64, remaining: u64, reset_in: u64) -> Option<RateLimit> {
        Some(RateLimit { limit, remaining, reset: 1_000 + reset_in })
    }

    fn at_1000() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_000)
    }

    #[test]
    fn a_full_bucket_allows_the_ceiling() {
        assert_eq!(pages_in_flight(rate(50, 49, 1), 8), 8);
        assert_eq!(pages_in_flight(rate(50, 49, 1), 3), 3);
    }

    #[test]
    fn a_draining_bucket_keeps_its_reserve() {
        // A fifth of 50 is kept back: 14 left allows 4 more.
        assert_eq!(pages_in_flight(rate(50, 14, 2), 8), 4);
        assert_eq!(pages_in_flight(rate(50, 10, 2), 8), 1);
        assert_eq!(pages_in_flight(rate(50, 0, 2), 8), 1);
    }

    #[test]
    fn without_headers_it_starts_carefully() {
        assert_eq!(pages_in_flight(None, 8), 2);
        assert_eq!(pages_in_flight(None, 1), 1);
        assert_eq!(pages_in_flight(rate(50, 49, 1), 0), 1);
    }

    #[test]
    fn the_pause_is_the_refill_interval_once_the_reserve_is_reached() {
        assert_eq!(pause_before_next(rate(50, 30, 1), at_1000()), Duration::ZERO);
        assert_eq!(pause_before_next(None, at_1000()), Duration::ZERO);
        // 40 missing, full again in 2 s: one back every 50 ms.
        assert_eq!(pause_before_next(rate(50, 10, 2), at_1000()), Duration::from_millis(50));
        // With nothing left, until the reset (either reading of it), within the cap.
        assert_eq!(pause_before_next(rate(50, 0, 1), at_1000()), Duration::from_secs(1));
        // Never longer than the cap, and nothing once the reset has passed.
        assert_eq!(pause_before_next(rate(2, 0, 600), at_1000()), MAX_PAUSE);
        assert_eq!(
            pause_before_next(Some(RateLimit { limit: 50, remaining: 1, reset: 10 }), at_1000()),
            Duration::ZERO
        );
    }

    #[test]
    fn progress_reads_as_a_sentence() {
        let mut p = PagesProgress { what: "grants".into(), done: 3, total: 12, in_flight: 4 };
        assert_eq!(p.to_string(), "grants: 3 of 12 pages read, 4 in flight");
        p.done = 12;
        assert_eq!(p.to_string(), "grants: all 12 pages read");
    }
}
