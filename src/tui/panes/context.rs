//! What a pane works with besides its own state: `View`, the app's shared state it may read
//! (to draw, or to word a confirmation), and `Cx`, what it may change while handling a key: ask
//! for requests, say something in the status bar, open a popup, or ask the app for something
//! that spans panes (`FollowUp`).

use crate::auth0::{ClientNames, UserRow};
use crate::output::text::{clean, clean_lines};
use crate::timefmt::Clock;

use crate::tui::command::Command;
use crate::tui::overlay::{Confirm, Popup, Status};
use crate::tui::remote::RequestId;

/// The app's shared state, read-only.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub read_only: bool,
    /// Whether the pane being drawn has the focus.
    pub focused: bool,
    pub clock: &'a Clock,
    /// client_id → application name; empty until loaded (or without read:clients).
    pub client_names: &'a ClientNames,
    /// The user Grants, Devices and Sessions are about.
    pub selected_user: Option<&'a UserRow>,
    /// The tenant's issuer (`{base}/`), which pasted tokens are checked against.
    pub issuer: Option<&'a str>,
    /// The spinner's current frame.
    pub spinner: &'static str,
    /// Auth0's latest rate-limit headers, for whatever paces itself.
    pub rate_limit: Option<crate::auth0::RateLimit>,
}

impl View<'_> {
    /// The application's name when known, else its client id.
    pub fn application(&self, client_id: Option<&str>) -> String {
        self.client_names.application(client_id)
    }

    pub fn selected_user_id(&self) -> Option<String> {
        self.selected_user?.user_id().map(str::to_string)
    }
}

/// Something a pane asks of the app because it spans panes.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUp {
    /// Make this the selected user, and load what every per-user pane shows of them.
    SelectUser(Box<UserRow>),
    /// Show Users searching for this Lucene query.
    SearchUsers(String),
    /// Show this session of this user in Sessions.
    ShowSession { user_id: String, session_id: String },
    /// Show this user's events in Logs.
    ShowUserLogs(String),
    /// Bring the pane that asks to the front (tokens a login brought, in Token).
    ShowThisPane,
}

/// What a pane may change while it handles a key.
pub struct Cx<'a> {
    pub view: View<'a>,
    pub status: &'a mut Status,
    pub popup: &'a mut Option<Popup>,
    pub(crate) last_request: &'a mut u64,
    pub follow_ups: Vec<FollowUp>,
}

impl Cx<'_> {
    /// A fresh id for a request, so a late answer to an older one can be told apart.
    pub fn next_request(&mut self) -> RequestId {
        *self.last_request += 1;
        RequestId(*self.last_request)
    }

    /// Opens the confirmation, cleaned of anything the tenant put in it; its last line is the
    /// target's consequence, the same sentence the CLI asks with.
    pub fn confirm(&mut self, confirm: Option<Confirm>) -> Vec<Command> {
        *self.popup = confirm.map(|c| Popup::Confirm(sanitized(c)));
        Vec::new()
    }

    /// `c`: copies `what` through the text encoder (the clipboard is output too).
    pub fn copy(&mut self, copied: Option<(&'static str, String)>) -> Vec<Command> {
        match copied {
            Some((what, text)) => {
                vec![Command::CopyToClipboard {
                    req: self.next_request(),
                    what: what.into(),
                    text: clean_lines(&text),
                }]
            }
            None => {
                self.status.info("nothing to copy here");
                Vec::new()
            }
        }
    }

    /// The selected user's id, or a hint to select one.
    pub fn selected_user_or_hint(&mut self) -> Option<String> {
        let user = self.view.selected_user_id();
        if user.is_none() {
            self.status.info("select a user first: Enter in Users (1)");
        }
        user
    }
}

/// Everything in a confirmation came from the tenant: clean it once, here.
pub fn sanitized(confirm: Confirm) -> Confirm {
    let mut lines: Vec<String> = confirm.lines.iter().map(|l| clean(l)).collect();
    lines.push(confirm.target.consequence().to_string());
    Confirm { title: clean(&confirm.title), lines, target: confirm.target }
}
