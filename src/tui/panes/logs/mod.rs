//! The Logs pane: the tenant's events (or one user's), newest first, each in words; Enter shows
//! one whole; `t` follows new events as they are written (`follow.rs`). `pane.rs` holds its
//! keys, `draw.rs` its drawing.

mod draw;
mod follow;
mod pane;

pub use follow::Following;

use super::context::Cx;
use super::list::ListPane;
use crate::auth0::LogEvent;
use crate::tui::command::Command;

#[derive(Debug, Default)]
pub struct LogsPane {
    pub list: ListPane<LogEvent>,
    /// Only this user's events (from `l` in Users).
    pub user_filter: Option<String>,
    /// Following new events, while on.
    pub following: Option<Following>,
    /// The highlighted event shown whole.
    pub detail: bool,
}

impl LogsPane {
    /// Shows `user_id`'s events (`l` in Users).
    pub fn show_user(&mut self, user_id: String, cx: &mut Cx) -> Vec<Command> {
        self.user_filter = Some(user_id);
        self.following = None;
        self.load(cx)
    }

    /// Loads the newest events again (the user's, when filtered).
    pub(super) fn load(&mut self, cx: &mut Cx) -> Vec<Command> {
        let req = cx.next_request();
        self.list.items = crate::tui::remote::Remote::Loading(req);
        self.list.selection.reset();
        self.detail = false;
        vec![Command::LoadLogs { req, user_id: self.user_filter.clone() }]
    }

    pub(super) fn toggle_follow(&mut self, cx: &mut Cx) -> Vec<Command> {
        if self.following.take().is_some() {
            cx.status.info("stopped following");
            return Vec::new();
        }
        let newest = self.list.items.loaded().and_then(|events| events.first()).and_then(LogEvent::log_id);
        self.following = Some(Following::new(newest.map(str::to_string), cx.view.clock.now));
        cx.status.info("following new events: they appear at the top as they are written");
        self.poll_if_due(cx)
    }

    /// The next look for new events, when one is due.
    fn poll_if_due(&mut self, cx: &mut Cx) -> Vec<Command> {
        let Some(following) = &mut self.following else { return Vec::new() };
        match following.due(cx.view.clock.now) {
            Some(checkpoint) => {
                let req = cx.next_request();
                following.polling = Some(req);
                vec![Command::PollLogs { req, checkpoint }]
            }
            None => Vec::new(),
        }
    }

    /// New events from a poll (oldest first), put on top of the list if they are this pane's.
    pub fn polled(&mut self, events: Vec<LogEvent>, checkpoint: String, cx: &mut Cx) {
        let Some(following) = &mut self.following else { return };
        let mine: Vec<LogEvent> = events
            .into_iter()
            .filter(|e| self.user_filter.as_deref().is_none_or(|u| e.user_id() == Some(u)))
            .collect();
        let (wait, paused) = following.polled(&checkpoint, mine.len(), cx.view.rate_limit, cx.view.clock.now);
        if paused {
            cx.status.info(format!(
                "following paused {} s: under a fifth of the rate limit is left",
                wait.as_secs()
            ));
        }
        if let crate::tui::remote::Remote::Loaded(items) = &mut self.list.items {
            let added = mine.len();
            for event in mine {
                items.insert(0, event);
            }
            // The highlighted event stays highlighted, unless it is the newest (then the newest is).
            if self.list.selection.selected > 0 {
                self.list.selection.selected += added;
            }
        }
    }
}
