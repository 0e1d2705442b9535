//! What shows around the panes: the popups drawn over them and the status bar under them. Both
//! the app and the panes use these, so they live below both.

use tui_input::Input;

use crate::auth0::RateLimit;
use crate::auth0::paging::PagesProgress;

use super::action::{ApiChoice, AppChoice, PastedTokenAction, RevokeTarget};
use super::remote::Remote;

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
    /// Command mode (`:`): the line, which history line is recalled (↑/↓), and the completions
    /// Tab is cycling through (what was typed, and which one is shown).
    Command {
        input: Input,
        recalled: Option<usize>,
        cycling: Option<(String, usize)>,
    },
    /// The profile picker (`:ctx` alone), at this highlighted profile.
    Context(usize),
    /// `L`, once the application is chosen: which API the access token is for (`input` while an
    /// audience is typed).
    ChooseApi {
        app: AppChoice,
        apis: Remote<Vec<ApiChoice>>,
        input: Option<Input>,
    },
    /// `:messages`, scrolled by this many lines.
    Messages(u16),
    /// `:requests`, at this selected request (0 is the newest).
    Requests(usize),
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
            (
                Popup::Command { input: i, recalled: a, cycling: c },
                Popup::Command { input: j, recalled: b, cycling: d },
            ) => i.value() == j.value() && a == b && c == d,
            (Popup::Context(a), Popup::Context(b)) => a == b,
            (Popup::Messages(a), Popup::Messages(b)) => a == b,
            (
                Popup::ChooseApi { app: a, apis: x, input: i },
                Popup::ChooseApi { app: b, apis: y, input: j },
            ) => a == b && x == y && i.as_ref().map(Input::value) == j.as_ref().map(Input::value),
            (Popup::Requests(a), Popup::Requests(b)) => a == b,
            _ => false,
        }
    }
}

pub use super::session_log::Message;
use super::session_log::{Said, SessionLog};

/// How long a message stays in the status bar; `:messages` keeps it for the session.
pub const SHOWN_FOR: chrono::TimeDelta = chrono::TimeDelta::seconds(8);

/// What the status bar shows, and the session's messages and requests behind it.
#[derive(Debug, Default)]
pub struct Status {
    pub rate_limit: Option<RateLimit>,
    pub in_flight: usize,
    /// A listing of many pages under way (shown until its last page is read).
    pub pages: Option<PagesProgress>,
    pub spinner: usize,
    /// The clock as of the last tick: when a message is said.
    pub now: chrono::DateTime<chrono::Utc>,
    pub log: SessionLog,
}

/// The frames of the spinner shown while requests are in flight.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

impl Status {
    /// A status bar with nothing said yet, whose clock reads `now`.
    pub fn at(now: chrono::DateTime<chrono::Utc>) -> Status {
        Status { now, ..Status::default() }
    }

    /// The spinner's current frame.
    pub fn spinner_frame(&self) -> &'static str {
        SPINNER[self.spinner % SPINNER.len()]
    }

    /// Says `message`: in the status bar for a while, in `:messages` for the session.
    pub fn say(&mut self, message: Message) {
        self.log.say(Said { at: self.now, message });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Message::Info(text.into()));
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.say(Message::Warning(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Message::Error(text.into()));
    }

    /// The latest message, whatever its age.
    pub fn message(&self) -> Option<&Message> {
        self.log.messages().next().map(|said| &said.message)
    }

    /// The latest message while it is fresh enough for the status bar.
    pub fn showing(&self) -> Option<&Message> {
        self.log.messages().next().filter(|said| self.now - said.at < SHOWN_FOR).map(|said| &said.message)
    }

    /// On another tenant: what was about the last one goes; the session's log stays.
    pub fn for_new_tenant(&mut self) {
        let (log, now) = (std::mem::take(&mut self.log), self.now);
        *self = Status { log, now, ..Status::default() };
    }
}
