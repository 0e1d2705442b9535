//! Following the tenant's log as it is written: checkpoint paging from a log_id (which never
//! loses an event between polls and never repeats one, since each poll asks for what comes after
//! the last one seen), filters applied here (Auth0 ignores `q` in checkpoint mode), and a pace
//! that slows while nothing comes and pauses while the rate-limit budget is low.

use std::time::Duration;

use super::error::Auth0Error;
use super::log_event::LogEvent;
use super::management::{MAX_TAKE, ManagementClient};
use super::rate_limit::RateLimit;

/// What to keep of the events: types, an application, an IP, a user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub types: Vec<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub user_id: Option<String>,
}

impl Filter {
    pub fn new(
        types: Option<&str>,
        client_id: Option<&str>,
        ip: Option<&str>,
        user_id: Option<&str>,
    ) -> Filter {
        Filter {
            types: types
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            client_id: client_id.map(str::to_string),
            ip: ip.map(str::to_string),
            user_id: user_id.map(str::to_string),
        }
    }

    pub fn matches(&self, event: &LogEvent) -> bool {
        (self.types.is_empty() || self.types.iter().any(|t| t == event.code()))
            && self.client_id.as_deref().is_none_or(|c| event.client_id() == Some(c))
            && self.ip.as_deref().is_none_or(|ip| event.ip() == Some(ip))
            && self.user_id.as_deref().is_none_or(|u| event.user_id() == Some(u))
    }

    /// Only a user is asked for: `/users/{id}/logs` answers that directly.
    pub fn is_only_user(&self) -> bool {
        self.types.is_empty() && self.client_id.is_none() && self.ip.is_none()
    }

    /// The filters as Auth0's log search, joined to `query`.
    pub fn lucene(&self, query: Option<&str>) -> Option<String> {
        let quote = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
        let mut terms = Vec::new();
        if !self.types.is_empty() {
            let types: Vec<String> = self.types.iter().map(|t| format!("type:{}", quote(t))).collect();
            terms.push(format!("({})", types.join(" OR ")));
        }
        for (field, value) in [("client_id", &self.client_id), ("ip", &self.ip), ("user_id", &self.user_id)] {
            if let Some(value) = value {
                terms.push(format!("{field}:{}", quote(value)));
            }
        }
        if let Some(query) = query.filter(|q| !q.trim().is_empty()) {
            terms.push(format!("({query})"));
        }
        (!terms.is_empty()).then(|| terms.join(" AND "))
    }
}

/// The pace of polling: 1 s while events come, doubling to 30 s while none do, and at least 10 s
/// while under a fifth of the rate-limit budget is left (the Free plan allows 2 requests a second
/// in all, shared with everything else).
#[derive(Debug, Clone, PartialEq)]
pub struct Pacing {
    pub interval: Duration,
}

pub const FASTEST: Duration = Duration::from_secs(1);
pub const SLOWEST: Duration = Duration::from_secs(30);
pub const LOW_BUDGET_WAIT: Duration = Duration::from_secs(10);

impl Default for Pacing {
    fn default() -> Self {
        Pacing { interval: FASTEST }
    }
}

impl Pacing {
    /// After a poll that brought `new` events: how long to wait, and whether it is a pause for
    /// the budget.
    pub fn after_poll(&mut self, new: usize, limit: Option<RateLimit>) -> (Duration, bool) {
        self.interval = if new > 0 { FASTEST } else { (self.interval * 2).min(SLOWEST) };
        let low = limit.is_some_and(|l| l.remaining.saturating_mul(5) <= l.limit);
        if low { (self.interval.max(LOW_BUDGET_WAIT), true) } else { (self.interval, false) }
    }
}

/// A follow's time without the tenant: how long to wait before the next try (1 s, doubling, at
/// most [`OUTAGE_WAIT_CAP`]) and what to say when it is lost and when it is back. The checkpoint
/// is not moved by a failed poll, so the next good one reads on from where the last ended: no
/// event written meanwhile is lost, and none is shown twice.
#[derive(Debug, Default)]
pub struct Outage {
    since: Option<std::time::Instant>,
    tries: u32,
}

/// The longest wait between tries while the tenant is out of reach.
pub const OUTAGE_WAIT_CAP: Duration = Duration::from_secs(5);

impl Outage {
    /// A poll failed with `error` (an outage): the wait before the next try, and a sentence the
    /// first time.
    pub fn failed(&mut self, error: &Auth0Error) -> (Duration, Option<String>) {
        self.tries += 1;
        let wait = Duration::from_secs(1u64 << (self.tries - 1).min(8)).min(OUTAGE_WAIT_CAP);
        let said = self.since.is_none().then(|| {
            format!(
                "lost the tenant ({}); trying again, and catching up from the last event seen",
                error.with_hint()
            )
        });
        self.since.get_or_insert_with(std::time::Instant::now);
        (wait, said)
    }

    /// A poll worked: the sentence when it ends an outage.
    pub fn recovered(&mut self) -> Option<String> {
        let since = self.since.take()?;
        let tries = std::mem::take(&mut self.tries);
        Some(format!(
            "regained the tenant after {} s and {tries} failed tries; reading on from the last event seen",
            since.elapsed().as_secs()
        ))
    }
}

/// Most pages read in one poll, so a burst does not starve the rest of the app.
const PAGES_PER_POLL: usize = 10;

/// A checkpoint and the pace: the state of one follow.
pub struct Follower {
    pub checkpoint: String,
    pub filter: Filter,
    pub pacing: Pacing,
    last_new: usize,
}

impl Follower {
    /// Starts after `from`, or after the newest event (only new ones are shown).
    pub async fn start(
        client: &ManagementClient,
        from: Option<String>,
        filter: Filter,
    ) -> Result<Follower, Auth0Error> {
        let checkpoint = match from {
            Some(from) => from,
            None => newest_log_id(client).await?,
        };
        Ok(Follower { checkpoint, filter, pacing: Pacing::default(), last_new: 0 })
    }

    /// The events written since the last poll that match the filter, oldest first.
    pub async fn poll(&mut self, client: &ManagementClient) -> Result<Vec<LogEvent>, Auth0Error> {
        let (events, checkpoint) = read_after(client, &self.checkpoint).await?;
        self.checkpoint = checkpoint;
        self.last_new = events.len();
        Ok(events.into_iter().filter(|e| self.filter.matches(e)).collect())
    }

    /// How long to wait before the next poll.
    pub fn next_wait(&mut self, limit: Option<RateLimit>) -> Duration {
        self.pacing.after_poll(self.last_new, limit).0
    }
}

/// The newest event's log_id ("0" when there is none: every id comes after it).
pub async fn newest_log_id(client: &ManagementClient) -> Result<String, Auth0Error> {
    let newest = client.logs_page(None, 0, 1).await?;
    Ok(newest.first().and_then(LogEvent::log_id).unwrap_or("0").to_string())
}

/// Every event after `checkpoint` (up to a few pages), and the new checkpoint. Ids only grow, and
/// an id not past the checkpoint is never kept, so no event is read twice.
pub async fn read_after(
    client: &ManagementClient,
    checkpoint: &str,
) -> Result<(Vec<LogEvent>, String), Auth0Error> {
    let mut checkpoint = checkpoint.to_string();
    let mut events = Vec::new();
    let budget = crate::paging::ListingBudget::default();
    for _ in 0..PAGES_PER_POLL {
        let page = client.logs_after_in(&checkpoint, MAX_TAKE, &budget).await?;
        let full = page.len() >= MAX_TAKE;
        for event in page {
            let Some(id) = event.log_id().map(str::to_string) else { continue };
            if later(&id, &checkpoint) {
                checkpoint = id;
                events.push(event);
            }
        }
        if !full {
            break;
        }
    }
    Ok((events, checkpoint))
}

/// Whether log id `a` comes after `b`: Auth0's ids are decimal numbers in text, so a longer one is
/// later, and equal lengths compare as text.
fn later(a: &str, b: &str) -> bool {
    (a.len(), a) > (b.len(), b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_slows_while_nothing_comes_and_pauses_on_a_low_budget() {
        let mut pacing = Pacing::default();
        assert_eq!(pacing.after_poll(0, None).0, Duration::from_secs(2));
        assert_eq!(pacing.after_poll(0, None).0, Duration::from_secs(4));
        for _ in 0..10 {
            pacing.after_poll(0, None);
        }
        assert_eq!(pacing.interval, SLOWEST);
        assert_eq!(pacing.after_poll(3, None).0, FASTEST);
        let low = RateLimit { limit: 50, remaining: 5, reset: 0 };
        assert_eq!(pacing.after_poll(3, Some(low)), (LOW_BUDGET_WAIT, true));
    }

    #[test]
    fn filters_become_auth0s_search_and_apply_locally_alike() {
        let filter = Filter::new(Some("f, fp"), None, Some("203.0.113.7"), None);
        assert_eq!(
            filter.lucene(Some("description:blocked")).as_deref(),
            Some("(type:\"f\" OR type:\"fp\") AND ip:\"203.0.113.7\" AND (description:blocked)")
        );
        let event: LogEvent =
            serde_json::from_value(serde_json::json!({"type": "fp", "ip": "203.0.113.7"})).unwrap();
        assert!(filter.matches(&event));
        let other: LogEvent =
            serde_json::from_value(serde_json::json!({"type": "s", "ip": "203.0.113.7"})).unwrap();
        assert!(!filter.matches(&other));
    }

    #[test]
    fn an_outage_backs_off_to_its_cap_and_is_announced_once_each_way() {
        let mut outage = Outage::default();
        let lost = Auth0Error::Connection { url: "https://t/".into(), detail: "refused".into() };
        let (wait, said) = outage.failed(&lost);
        assert_eq!(wait, Duration::from_secs(1));
        assert!(said.unwrap().starts_with("lost the tenant (could not connect"));
        let waits: Vec<Duration> = (0..5)
            .map(|_| {
                let (wait, said) = outage.failed(&lost);
                assert!(said.is_none(), "said once");
                wait
            })
            .collect();
        assert_eq!(waits, [2, 4, 5, 5, 5].map(Duration::from_secs));
        assert!(outage.recovered().unwrap().contains("6 failed tries"));
        assert_eq!(outage.recovered(), None, "back once");
        assert_eq!(outage.failed(&lost).0, Duration::from_secs(1), "a new outage starts over");
    }

    #[test]
    fn answers_end_a_follow_and_outages_do_not() {
        let answer = |status: u16| Auth0Error::Management {
            status,
            error: "e".into(),
            message: "m".into(),
            error_code: None,
        };
        assert!(answer(503).is_outage() && answer(500).is_outage());
        assert!(!answer(401).is_outage() && !answer(403).is_outage() && !answer(400).is_outage());
        assert!(Auth0Error::RateLimited { retries: 3, message: "m".into() }.is_outage());
    }

    #[test]
    fn log_ids_compare_as_numbers() {
        assert!(later("900210", "90029"));
        assert!(!later("90021", "90021"));
    }
}
