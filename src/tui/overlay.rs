//! What shows around the panes: the popups drawn over them and the status bar under them. Both
//! the app and the panes use these, so they live below both.

use tui_input::Input;

use crate::auth0::RateLimit;
use crate::auth0::paging::PagesProgress;

use super::action::{PastedTokenAction, RevokeTarget};

/// A confirmation that names exactly what will go.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub target: RevokeTarget,
}

#[derive(Debug, Clone)]
pub enum Popup {
    /// The key overlay, scrolled by this many lines.
    Help(u16),
    Confirm(Confirm),
    /// Which application a pasted refresh token belongs to; `input` while a client id is typed.
    ChooseApp {
        action: PastedTokenAction,
        input: Option<Input>,
    },
    /// Command mode (`:`): the line, and which history line is recalled (↑/↓).
    Command {
        input: Input,
        recalled: Option<usize>,
    },
    /// The profile picker (`:ctx` alone), at this highlighted profile.
    Context(usize),
}

impl PartialEq for Popup {
    /// The typed client id compares by its text (tui-input's `Input` has no equality).
    fn eq(&self, other: &Popup) -> bool {
        match (self, other) {
            (Popup::Help(a), Popup::Help(b)) => a == b,
            (Popup::Confirm(a), Popup::Confirm(b)) => a == b,
            (Popup::ChooseApp { action: a, input: i }, Popup::ChooseApp { action: b, input: j }) => {
                a == b && i.as_ref().map(Input::value) == j.as_ref().map(Input::value)
            }
            (Popup::Command { input: i, recalled: a }, Popup::Command { input: j, recalled: b }) => {
                i.value() == j.value() && a == b
            }
            (Popup::Context(a), Popup::Context(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// What the status bar shows.
#[derive(Debug, Default)]
pub struct Status {
    pub rate_limit: Option<RateLimit>,
    pub in_flight: usize,
    /// A listing of many pages under way (shown until its last page is read).
    pub pages: Option<PagesProgress>,
    pub spinner: usize,
    pub message: Option<Message>,
}

/// The frames of the spinner shown while requests are in flight.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

impl Status {
    /// The spinner's current frame.
    pub fn spinner_frame(&self) -> &'static str {
        SPINNER[self.spinner % SPINNER.len()]
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Info(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Error(text.into()));
    }
}
