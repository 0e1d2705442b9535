//! Following the log from the Logs pane: when the next poll is due, from which checkpoint, and
//! the pace (the same `Pacing` as `logs --follow`). The polls themselves are commands.

use chrono::{DateTime, Utc};

use crate::auth0::RateLimit;
use crate::auth0::logs_follow::Pacing;
use crate::tui::remote::RequestId;

#[derive(Debug, Clone)]
pub struct Following {
    /// The newest event seen (`None`: start from the newest the tenant has).
    pub checkpoint: Option<String>,
    pub next_poll: DateTime<Utc>,
    pub pacing: Pacing,
    /// The poll under way, if any: one at a time.
    pub polling: Option<RequestId>,
    /// Waiting for the rate-limit budget.
    pub paused: bool,
}

impl Following {
    pub fn new(checkpoint: Option<String>, now: DateTime<Utc>) -> Following {
        Following { checkpoint, next_poll: now, pacing: Pacing::default(), polling: None, paused: false }
    }

    /// The checkpoint to poll from, when a poll is due and none is under way.
    pub fn due(&self, now: DateTime<Utc>) -> Option<Option<String>> {
        (self.polling.is_none() && now >= self.next_poll).then(|| self.checkpoint.clone())
    }

    /// A poll came back: the new checkpoint, and when to poll next.
    pub fn polled(
        &mut self,
        checkpoint: &str,
        new: usize,
        limit: Option<RateLimit>,
        now: DateTime<Utc>,
    ) -> (std::time::Duration, bool) {
        self.polling = None;
        self.checkpoint = Some(checkpoint.to_string());
        let (wait, paused) = self.pacing.after_poll(new, limit);
        self.paused = paused;
        self.next_poll = now + chrono::Duration::from_std(wait).unwrap_or_default();
        (wait, paused)
    }

    /// A poll failed: try again at the slowest pace.
    pub fn failed(&mut self, now: DateTime<Utc>) {
        self.polling = None;
        self.next_poll = now + chrono::Duration::seconds(30);
    }
}
