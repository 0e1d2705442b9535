//! The panes. Each pane is one module that owns its state, its keys (its rows of the keymap),
//! its highlighted id, its revoke confirmations, its reload and its drawing, behind the
//! `PaneModule` trait. The app dispatches to the focused pane once; the tab bar, the digit keys
//! and the `?` help are built from the list registered at the bottom of this file, so a new pane
//! is one module plus one line there.
//!
//! Shared pieces: `list.rs` (a list of a user's things), `selection.rs` (a scrolling cursor),
//! `filter.rs` (the fuzzy filter), `context.rs` (what a pane may read and change besides itself).

mod context;
mod devices;
mod filter;
mod grants;
mod list;
mod logs;
mod selection;
mod sessions;
mod token;
mod users;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub use context::{Cx, FollowUp, View, sanitized};
pub use filter::LocalFilter;
pub use list::ListPane;
pub use selection::Selection;
pub use token::TokenPane;
pub use users::{UsersEnd, UsersPane, user_id_query};

pub use super::remote::{ErrorView, Remote};
use crate::tui::action::{Outcome, RevokeTarget};
use crate::tui::command::Command;
use crate::tui::keymap::HelpRow;
pub use crate::tui::session_row::SessionRow;

/// One pane: everything about it that the app and the screen need.
pub trait PaneModule {
    /// Its name in the tab bar and the help.
    fn title(&self) -> &'static str;

    /// What its digit key shows, in the help ("Grants of the selected user").
    fn about(&self) -> &'static str;

    /// Its rows of the keymap, for the help.
    fn help(&self) -> Vec<HelpRow>;

    /// Its binding for `key`, if it has one: the app refuses a destructive one under
    /// `--read-only` before `on_key` sees it.
    fn key_row(&self, key: KeyEvent) -> Option<HelpRow> {
        self.help().into_iter().find(|row| crate::tui::keymap::matches(row.keys, key))
    }

    /// Handles a key of its own table; `None` when it has no binding for the key.
    fn on_key(&mut self, key: KeyEvent, cx: &mut Cx) -> Option<Vec<Command>>;

    /// Takes every key while it has a line open for typing (a search); `None` when none is open.
    fn on_typing(&mut self, _key: KeyEvent, _cx: &mut Cx) -> Option<Vec<Command>> {
        None
    }

    /// Takes pasted text; `None` when the pane has no use for it.
    fn on_paste(&mut self, _text: &str, _cx: &mut Cx) -> Option<Vec<Command>> {
        None
    }

    /// Whether the list keys (`r`, `c`, `X`) and mouse clicks apply.
    fn is_list(&self) -> bool {
        true
    }

    /// Whether it shows something of the selected user, reloaded when another is selected.
    fn follows_selected_user(&self) -> bool {
        false
    }

    /// The cursor and how many rows it moves over; `None` for a pane that is not a list.
    fn cursor(&mut self) -> Option<(&mut Selection, usize)>;

    /// Moves the cursor (or scrolls), then asks for whatever the new position needs.
    fn move_cursor(&mut self, step: &dyn Fn(&mut Selection, usize), cx: &mut Cx) -> Vec<Command> {
        if let Some((selection, len)) = self.cursor() {
            step(selection, len);
        }
        self.cursor_moved(cx)
    }

    /// What the cursor's new position needs (Users: the next page).
    fn cursor_moved(&mut self, _cx: &mut Cx) -> Vec<Command> {
        Vec::new()
    }

    /// What `c` copies: a name for it and the text.
    fn copy(&self) -> Option<(&'static str, String)>;

    /// `r`: loads the pane again.
    fn reload(&mut self, cx: &mut Cx) -> Vec<Command>;

    /// The pane has just come into view (a digit, Tab, `:NAME`, a link from another pane): what
    /// it loads the first time, so nothing waits for `r`.
    fn on_shown(&mut self, _cx: &mut Cx) -> Vec<Command> {
        Vec::new()
    }

    /// Time passed (the clock in `cx.view`): what is due now (the Logs pane's next look).
    fn on_tick(&mut self, _cx: &mut Cx) -> Vec<Command> {
        Vec::new()
    }

    /// The outcome of a request this pane asked for (each kind of request has one asker: see
    /// `Command::asker`). An answer to a request the pane has moved past is dropped by its id.
    fn on_outcome(&mut self, outcome: Outcome, cx: &mut Cx) -> Vec<Command>;

    /// What a confirmed revoke changed here, once Auth0 has answered yes.
    fn on_revoked(&mut self, _target: &RevokeTarget, _cx: &mut Cx) -> Vec<Command> {
        Vec::new()
    }

    fn draw(&self, view: &View, frame: &mut Frame, area: Rect);
}

/// Registers the panes: generates `Pane` (which pane, in tab order) and `Panes` (the state of
/// each, one field per pane).
macro_rules! register_panes {
    ($($variant:ident => $field:ident: $state:ty,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Pane {
            $($variant,)+
        }

        impl Pane {
            /// Every pane, in tab order: the digit keys, the tab bar and the help follow it.
            pub const ALL: &[Pane] = &[$(Pane::$variant,)+];
        }

        #[derive(Debug, Default)]
        pub struct Panes {
            $(pub $field: $state,)+
        }

        impl Panes {
            pub fn get(&self, pane: Pane) -> &dyn PaneModule {
                match pane {
                    $(Pane::$variant => &self.$field,)+
                }
            }

            pub fn get_mut(&mut self, pane: Pane) -> &mut dyn PaneModule {
                match pane {
                    $(Pane::$variant => &mut self.$field,)+
                }
            }
        }
    };
}

register_panes! {
    Users => users: UsersPane,
    Grants => grants: ListPane<crate::auth0::Grant>,
    Devices => devices: ListPane<crate::auth0::DeviceCredential>,
    Token => token: TokenPane,
    Sessions => sessions: ListPane<SessionRow>,
    Logs => logs: logs::LogsPane,
}

impl Pane {
    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn previous(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    /// The pane a digit key shows (`1` is the first).
    pub fn from_digit(digit: char) -> Option<Pane> {
        let n = digit.to_digit(10)? as usize;
        Pane::ALL.get(n.checked_sub(1)?).copied()
    }
}
