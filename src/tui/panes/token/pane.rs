//! The Token pane's keys: paste, copy the claims, open the token's user, and revoke or prove dead
//! a pasted refresh token.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::TokenPane;
use crate::output::text::clean;
use crate::tui::action::PastedTokenAction;
use crate::tui::command::Command;
use crate::tui::keymap::{self, Binding, HelpRow, NONE};
use crate::tui::overlay::Popup;
use crate::tui::panes::{Cx, FollowUp, PaneModule, Selection, View};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Session,
    Expect,
    Login,
    Refresh,
    UserInfo,
    Next,
    Previous,
    Revoke,
    Verify,
    Paste,
    Copy,
    OpenSubject,
    Clear,
}

const KEYS: &[Binding<Key>] = &[
    Binding {
        keys: &[(KeyCode::Char('R'), NONE)],
        label: "R",
        name: "revoke",
        action: Key::Revoke,
        help: "revoke a pasted refresh token (POST /oauth/revoke), then prove it dead",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('V'), NONE)],
        label: "V",
        name: "verify",
        action: Key::Verify,
        help: "prove a pasted refresh token dead (one that still works is used up and replaced)",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('L'), NONE)],
        label: "L",
        name: "login",
        action: Key::Login,
        help: "log a user in through the browser (the one selected in Users; in the demo, by itself)",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('F'), NONE)],
        label: "F",
        name: "refresh",
        action: Key::Refresh,
        help: "refresh: exchange the held refresh token, and show what changed",
        destructive: true,
    },
    Binding {
        keys: &[(KeyCode::Char('U'), NONE)],
        label: "U",
        name: "user_info",
        action: Key::UserInfo,
        help: "ask /userinfo about the held access token",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        label: "→  l",
        name: "next",
        action: Key::Next,
        help: "show the next held token (access, ID, refresh)",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        label: "←  h",
        name: "previous",
        action: Key::Previous,
        help: "show the previous held token",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('S'), NONE)],
        label: "S",
        name: "session",
        action: Key::Session,
        help: "open the token's session (its sid) in Sessions",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        name: "expect",
        action: Key::Expect,
        help: "say what the API expects (aud=API scope=a,b azp=CLIENT): see what it would answer, and why",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('p'), NONE)],
        label: "p",
        name: "paste",
        action: Key::Paste,
        help: "paste a token from the clipboard (or paste into the terminal)",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        name: "copy",
        action: Key::Copy,
        help: "copy the claims as JSON",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        name: "open_subject",
        action: Key::OpenSubject,
        help: "open the token's user (sub) in Users",
        destructive: false,
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        label: "x",
        name: "clear",
        action: Key::Clear,
        help: "clear the token",
        destructive: false,
    },
];

impl PaneModule for TokenPane {
    fn on_outcome(&mut self, outcome: crate::tui::action::Outcome, cx: &mut Cx) -> Vec<Command> {
        self.answered(outcome, cx)
    }

    fn title(&self) -> &'static str {
        "Token"
    }

    fn about(&self) -> &'static str {
        "Token"
    }

    fn help(&self) -> Vec<HelpRow> {
        keymap::help_rows(KEYS)
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>> {
        Some(match keymap::find(KEYS, key)?.action {
            Key::Session => {
                match (self.subject_user(), self.session_id()) {
                    (Some(user_id), Some(session_id)) => {
                        cx.follow_ups.push(FollowUp::ShowSession { user_id, session_id })
                    }
                    _ => cx.status.info("no held token names a user's session (sid): an ID token does"),
                }
                Vec::new()
            }
            Key::Expect => {
                self.expect_input = Some(tui_input::Input::new(self.expect.clone().unwrap_or_default()));
                Vec::new()
            }
            // A login starts from the user selected in Users: the login page is prefilled for them.
            Key::Login => {
                if cx.view.selected_user.is_none() {
                    cx.status
                        .info("L logs in the user selected in Users: Enter on one there (1), then L here");
                } else {
                    *cx.popup = Some(Popup::ChooseApp { action: PastedTokenAction::Login, input: None });
                }
                Vec::new()
            }
            Key::Refresh => self.choose_app(PastedTokenAction::Refresh, cx),
            Key::UserInfo => match self.access_token() {
                Some(token) => vec![Command::UserInfo { req: cx.next_request(), token: token.into() }],
                None => {
                    cx.status.info("U needs an access token: log in (L) or paste one");
                    Vec::new()
                }
            },
            Key::Next | Key::Previous => self.step(key, cx),
            Key::Revoke => self.choose_app(PastedTokenAction::Revoke, cx),
            Key::Verify => self.choose_app(PastedTokenAction::Verify, cx),
            Key::Paste => vec![Command::ReadClipboard { req: cx.next_request() }],
            Key::Copy => cx.copy(self.copy()),
            Key::OpenSubject => self.open_subject(cx),
            Key::Clear => {
                self.clear();
                cx.status.info("token cleared");
                Vec::new()
            }
        })
    }

    fn on_typing(&mut self, key: KeyEvent, _cx: &mut Cx) -> Option<Vec<Command>> {
        let input = self.expect_input.as_mut()?;
        match key.code {
            KeyCode::Esc => self.expect_input = None,
            KeyCode::Enter => {
                let text = input.value().trim().to_string();
                self.expect = (!text.is_empty()).then_some(text);
                self.expect_input = None;
            }
            _ => {
                tui_input::backend::crossterm::EventHandler::handle_event(
                    input,
                    &crossterm::event::Event::Key(key),
                );
            }
        }
        Some(Vec::new())
    }

    fn on_paste(&mut self, text: &str, cx: &mut Cx) -> Option<Vec<Command>> {
        if let Some(input) = self.expect_input.as_mut() {
            *input = tui_input::Input::new(format!("{}{}", input.value(), clean(text)));
            return Some(Vec::new());
        }
        let commands = self.take(text.to_string(), cx);
        cx.status.info(self.pasted_words("pasted"));
        Some(commands)
    }

    fn is_list(&self) -> bool {
        false
    }

    fn cursor(&mut self) -> Option<(&mut Selection, usize)> {
        None
    }

    /// Not a list: the cursor keys scroll the report.
    fn move_cursor(&mut self, step: &dyn Fn(&mut Selection, usize), _cx: &mut Cx) -> Vec<Command> {
        let mut scroll = Selection { selected: self.scroll as usize, ..Default::default() };
        step(&mut scroll, usize::from(u16::MAX));
        self.scroll = scroll.selected.min(u16::MAX as usize) as u16;
        Vec::new()
    }

    fn copy(&self) -> Option<(&'static str, String)> {
        self.claims_json().map(|json| ("claims JSON", json))
    }

    fn reload(&mut self, _cx: &mut Cx) -> Vec<Command> {
        Vec::new()
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect) {
        super::draw::draw(self, view, frame, area);
    }
}

impl TokenPane {
    /// Shows a token and asks for its signature to be checked.
    pub fn take(&mut self, text: String, cx: &mut Cx) -> Vec<Command> {
        let req = cx.next_request();
        match self.set(text, req) {
            Some(token) => vec![Command::VerifyToken { req, token: token.into() }],
            None => Vec::new(),
        }
    }

    /// F, R and V on the held refresh token: first, which application it belongs to.
    fn choose_app(&mut self, action: PastedTokenAction, cx: &mut Cx) -> Vec<Command> {
        if self.refresh_token().is_none() {
            cx.status.info("F, R and V work on a refresh token (v1.…) pasted here, or one a login brought");
            return Vec::new();
        }
        *cx.popup = Some(Popup::ChooseApp { action, input: None });
        Vec::new()
    }

    /// ← and →: the previous or next held token.
    fn step(&mut self, key: KeyEvent, cx: &mut Cx) -> Vec<Command> {
        let count = self.labels().len();
        if count < 2 {
            return Vec::new();
        }
        let forward = matches!(key.code, KeyCode::Right | KeyCode::Char('l'));
        let index = if forward { (self.shown + 1) % count } else { (self.shown + count - 1) % count };
        let req = cx.next_request();
        match self.show(index, req) {
            Some(token) => vec![Command::VerifyToken { req, token: token.into() }],
            None => Vec::new(),
        }
    }

    /// Opens the token's user in the Users pane, searching by user_id.
    fn open_subject(&mut self, cx: &mut Cx) -> Vec<Command> {
        let Some(sub) = self.subject_user() else {
            cx.status.info("this token's sub is not a user");
            return Vec::new();
        };
        cx.status.info(format!("searching for {}", clean(&sub)));
        cx.follow_ups.push(FollowUp::SearchUsers(crate::tui::panes::user_id_query(&sub)));
        Vec::new()
    }
}
