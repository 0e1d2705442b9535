//! The Logs pane's keys: an event whole, following, its user, every user's events again.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::LogsPane;
use crate::auth0::LogEvent;
use crate::output::text::clean;
use crate::tui::action::Outcome;
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::panes::{Cx, FollowUp, PaneModule, Selection, View, user_id_query};
use crate::tui::remote::Remote;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Detail,
    Follow,
    OpenUser,
    AllEvents,
}

const KEYS: &[Binding<Key>] = &[
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        name: "detail",
        action: Key::Detail,
        help: "show the highlighted event whole (Enter again: the list)",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('t'), NONE)],
        label: "t",
        name: "follow",
        action: Key::Follow,
        help: "follow new events as they are written (t again stops)",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        label: "u",
        name: "open_user",
        action: Key::OpenUser,
        help: "open the event's user in Users",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('a'), NONE)],
        label: "a",
        name: "all_events",
        action: Key::AllEvents,
        help: "every user's events again (after l in Users)",
        destructive: false,
    },
];

impl PaneModule for LogsPane {
    fn on_outcome(&mut self, outcome: Outcome, cx: &mut Cx) -> Vec<Command> {
        match outcome {
            Outcome::Logs { req, result } => self.list.loaded(req, Remote::fetched(result)),
            Outcome::LogsPolled { req, result } => {
                if self.following.as_ref().and_then(|f| f.polling) != Some(req) {
                    return Vec::new();
                }
                match result {
                    Ok((events, checkpoint)) => self.polled(events, checkpoint, cx),
                    Err(err) => {
                        if let Some(following) = &mut self.following {
                            following.failed(cx.view.clock.now);
                        }
                        cx.status.error(clean(&format!(
                            "following the logs: {} (trying again in 30 s)",
                            err.with_hint()
                        )));
                    }
                }
            }
            // `Command::asker` sends this pane only the answers to its own requests.
            _ => {}
        }
        Vec::new()
    }

    fn title(&self) -> &'static str {
        "Logs"
    }

    fn about(&self) -> &'static str {
        "Logs: the tenant's events"
    }

    fn help(&self) -> Vec<HelpRow> {
        keymap::help_rows(KEYS)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        Some(match keymap::find(KEYS, key)?.action {
            Key::Detail => {
                self.detail = !self.detail && self.list.highlighted().is_some();
                Vec::new()
            }
            Key::Follow => self.toggle_follow(cx),
            Key::OpenUser => {
                match self.list.highlighted().and_then(LogEvent::user_id) {
                    Some(user_id) => cx.follow_ups.push(FollowUp::SearchUsers(user_id_query(user_id))),
                    None => cx.status.info("this event names no user"),
                }
                Vec::new()
            }
            Key::AllEvents => {
                self.user_filter = None;
                self.load(cx)
            }
        })
    }

    fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        self.list.cursor()
    }

    fn copy(&self) -> Option<(&'static str, String)> {
        self.list.highlighted().and_then(LogEvent::log_id).map(|id| ("log id", id.to_string()))
    }

    fn reload(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.load(cx)
    }

    fn on_tick(&mut self, cx: &mut Cx) -> Vec<Command> {
        self.poll_if_due(cx)
    }

    /// The tenant's newest events, the first time the pane is shown.
    fn on_shown(&mut self, cx: &mut Cx) -> Vec<Command> {
        if matches!(self.list.items, Remote::Idle) { self.load(cx) } else { Vec::new() }
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        super::draw::draw(self, view, frame, area);
    }
}
