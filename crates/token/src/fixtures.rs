//! What the token modules' tests share: a fixed clock and a payload from JSON.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::timefmt::Clock;

/// 2026-11-22 12:00 UTC.
pub fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z").unwrap().with_timezone(&Utc))
}

pub fn payload(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}
