//! The simulated tenant's clock: real time plus an offset tests can move forward, so a token can
//! expire without waiting a day.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// UNIX seconds, as the tenant sees them.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
        real + self.offset_secs.load(Ordering::Relaxed)
    }

    /// UNIX milliseconds, as the tenant sees them: when a revocation it accepted takes effect.
    pub fn now_millis(&self) -> i64 {
        let real = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as i64;
        real + self.offset_secs.load(Ordering::Relaxed) * 1000
    }

    /// The tenant's now, as a date (for log events).
    pub fn now_datetime(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.now_millis()).unwrap_or_default()
    }

    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}
