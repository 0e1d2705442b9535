//! Times as people read them: local wall-clock time, and relative ("3 days ago", "in 23h 12m").

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// What "now" is and which offset local time has; injected so renders are deterministic in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
}

impl Clock {
    /// The machine's clock and time zone.
    pub fn system() -> Clock {
        let local = chrono::Local::now();
        Clock { now: local.with_timezone(&Utc), offset: *local.offset() }
    }

    /// A fixed instant in UTC, for tests and benchmarks.
    pub fn fixed(now: DateTime<Utc>) -> Clock {
        Clock { now, offset: FixedOffset::east_opt(0).expect("zero is a valid offset") }
    }

    /// `2026-10-30 15:02` in local time.
    pub fn local(&self, at: DateTime<Utc>) -> String {
        // Written out rather than through a strftime pattern, which is parsed again on every call.
        let at = at.with_timezone(&self.offset);
        format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute())
    }

    /// `15:02:07` in local time: when something happened in this session.
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        let at = at.with_timezone(&self.offset);
        format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
    }

    /// An RFC 3339 timestamp as local time plus relative, or the text as it came.
    pub fn describe_timestamp(&self, text: &str) -> String {
        match DateTime::parse_from_rfc3339(text) {
            Ok(at) => {
                let at = at.with_timezone(&Utc);
                format!("{} ({})", self.local(at), self.relative(at))
            }
            Err(_) => text.to_string(),
        }
    }

    /// An RFC 3339 timestamp as relative time ("3 days ago"); `None` when absent or unreadable.
    pub fn relative_text(&self, text: Option<&str>) -> Option<String> {
        let at = DateTime::parse_from_rfc3339(text?).ok()?;
        Some(self.relative(at.with_timezone(&Utc)))
    }

    /// "3 days ago", "just now", "in 23h 12m".
    pub fn relative(&self, at: DateTime<Utc>) -> String {
        let seconds = (at - self.now).num_seconds();
        if seconds.abs() < 45 {
            return "just now".into();
        }
        let span = span(seconds.unsigned_abs());
        if seconds < 0 { format!("{span} ago") } else { format!("in {span}") }
    }
}

/// A duration in its two largest units: "23h 12m", "3 days", "2 months".
pub fn span(seconds: u64) -> String {
    let minutes = seconds / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    match () {
        _ if minutes < 60 => format!("{} min", minutes.max(1)),
        _ if hours < 24 => match minutes % 60 {
            0 => format!("{hours}h"),
            m => format!("{hours}h {m}m"),
        },
        _ if days < 2 => format!("1 day {}h", hours % 24),
        _ if days < 60 => format!("{days} days"),
        _ if days < 730 => format!("{} months", days / 30),
        _ => format!("{} years", days / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock::fixed(DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z").unwrap().with_timezone(&Utc))
    }

    #[test]
    fn relative_text_reads_rfc3339_or_gives_nothing() {
        let c = clock();
        assert_eq!(c.relative_text(Some("2026-11-19T12:00:00.000Z")).as_deref(), Some("3 days ago"));
        assert_eq!(c.relative_text(Some("yesterday")), None);
        assert_eq!(c.relative_text(None), None);
    }

    #[test]
    fn relative_in_both_directions() {
        let c = clock();
        assert_eq!(c.relative(c.now - chrono::Duration::days(3)), "3 days ago");
        assert_eq!(c.relative(c.now + chrono::Duration::minutes(23 * 60 + 12)), "in 23h 12m");
        assert_eq!(c.relative(c.now + chrono::Duration::seconds(10)), "just now");
        assert_eq!(c.relative(c.now - chrono::Duration::hours(2)), "2h ago");
    }

    #[test]
    fn timestamps_become_local_and_relative() {
        let c = clock();
        assert_eq!(c.describe_timestamp("2026-11-21T12:00:00.000Z"), "2026-11-21 12:00 (1 day 0h ago)");
        assert_eq!(c.describe_timestamp("not a time"), "not a time");
    }
}
