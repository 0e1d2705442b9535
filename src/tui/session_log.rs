//! What this session said and sent, kept so it can be read again: every status message with its
//! time and kind (`:messages`), and every request to the tenant (`:requests`). Both are bounded:
//! a long session keeps the newest.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use crate::auth0::sent::SentRequest;

/// What the status bar said, and how much it matters.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Info(String),
    /// Not a failure, but something to act on or know (a wait on a 429, a setting to fix).
    Warning(String),
    Error(String),
}

impl Message {
    pub fn text(&self) -> &str {
        match self {
            Message::Info(text) | Message::Warning(text) | Message::Error(text) => text,
        }
    }

    /// `info`, `warning` or `error`, as `:messages` names the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Info(_) => "info",
            Message::Warning(_) => "warning",
            Message::Error(_) => "error",
        }
    }
}

/// A message and when it was said.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub at: DateTime<Utc>,
    pub message: Message,
}

/// How many of each are kept.
pub const KEPT: usize = 1000;

#[derive(Debug, Default)]
pub struct SessionLog {
    said: VecDeque<Said>,
    sent: VecDeque<SentRequest>,
}

impl SessionLog {
    pub fn say(&mut self, said: Said) {
        push_bounded(&mut self.said, said);
    }

    pub fn sent(&mut self, request: SentRequest) {
        push_bounded(&mut self.sent, request);
    }

    /// Every message kept, newest first.
    pub fn messages(&self) -> impl ExactSizeIterator<Item = &Said> {
        self.said.iter().rev()
    }

    /// Every request kept, newest first.
    pub fn requests(&self) -> impl ExactSizeIterator<Item = &SentRequest> {
        self.sent.iter().rev()
    }
}

fn push_bounded<T>(kept: &mut VecDeque<T>, item: T) {
    if kept.len() == KEPT {
        kept.pop_front();
    }
    kept.push_back(item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_newest_and_lists_them_first() {
        let mut log = SessionLog::default();
        for i in 0..KEPT + 5 {
            log.say(Said { at: Utc::now(), message: Message::Info(i.to_string()) });
        }
        assert_eq!(log.messages().len(), KEPT);
        assert_eq!(log.messages().next().unwrap().message.text(), (KEPT + 4).to_string());
        assert_eq!(log.messages().last().unwrap().message.text(), "5");
    }
}
