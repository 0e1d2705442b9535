//! Keys that are not a pane's own: popups first, then the focused pane (its typing line, then
//! its table), then the list keys, the digits and the keys that work everywhere. The same order
//! answers `key_help`, so what the help says a key does is what it does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::output::text::clean;
use crate::tui::command::Command;
use crate::tui::keymap::{self, AppKey, ListKey};
use crate::tui::overlay::Popup;
use crate::tui::panes::{Pane, Selection};

/// Said when a key `--read-only` refuses is pressed: what it would have done, by the key's name.
fn refused_under_read_only(name: &str) -> String {
    let what = match name {
        "block" => "blocking (or unblocking) the user changes the tenant",
        "revoke_all" => "revoking every grant of the user changes the tenant",
        "revoke_everything" => "revoking everything of the user changes the tenant",
        "verify" => "probing the refresh token spends it if it still works",
        "refresh" => "refreshing spends the refresh token",
        "login" => "a login issues tokens",
        _ => "revoking it changes the tenant",
    };
    format!("read-only: nothing was sent — {what}; restart without --read-only to do it")
}

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.should_quit = true;
            return Vec::new();
        }
        if let Some(popup) = self.popup.clone() {
            return self.on_popup_key(popup, key);
        }
        let focus = self.focus;
        if let Some(commands) = self.ask_pane(focus, |pane, cx| pane.on_typing(key, cx)) {
            return commands;
        }
        // Keys rebound in the config file become the keys the tables know.
        let Some(key) = self.keys.translate(focus, key) else { return Vec::new() };
        if let Some(row) = self.panes.get(focus).key_row(key) {
            if row.destructive && self.read_only {
                self.status.error(refused_under_read_only(row.name));
                return Vec::new();
            }
            return self.ask_pane(focus, |pane, cx| pane.on_key(key, cx)).unwrap_or_default();
        }
        if let Some(binding) = keymap::find(keymap::LISTS, key).filter(|_| self.panes.get(focus).is_list()) {
            if binding.destructive && self.read_only {
                self.status.error(refused_under_read_only(binding.name));
                return Vec::new();
            }
            return self.on_list_key(binding.action);
        }
        if let Some(pane) = App::pane_of_digit(key) {
            self.focus = pane;
            return Vec::new();
        }
        if key.code == KeyCode::Char(':') {
            return self.open_command_line();
        }
        match keymap::app_key(key) {
            Some(action) => self.on_app_key(action),
            None => Vec::new(),
        }
    }

    /// What the help says `key` does in `pane`, found the way `on_key` finds it.
    pub fn key_help(&self, pane: Pane, key: KeyEvent) -> Option<&'static str> {
        let key = self.keys.translate(pane, key)?;
        let module = self.panes.get(pane);
        if let Some(row) = module.key_row(key) {
            return Some(row.help);
        }
        if let Some(binding) = keymap::find(keymap::LISTS, key).filter(|_| module.is_list()) {
            return Some(binding.help);
        }
        if let Some(pane) = App::pane_of_digit(key) {
            return Some(self.panes.get(pane).about());
        }
        let binding = keymap::find(keymap::SWITCHING, key).or_else(|| keymap::find(keymap::MOVING, key))?;
        Some(binding.help)
    }

    fn on_popup_key(&mut self, popup: Popup, key: KeyEvent) -> Vec<Command> {
        match popup {
            Popup::Help(scroll) => {
                self.popup = match key.code {
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => None,
                    KeyCode::Char('j') | KeyCode::Down | KeyCode::PageDown => {
                        Some(Popup::Help(scroll.saturating_add(1)))
                    }
                    KeyCode::Char('k') | KeyCode::Up | KeyCode::PageUp => {
                        Some(Popup::Help(scroll.saturating_sub(1)))
                    }
                    _ => Some(Popup::Help(scroll)),
                };
                Vec::new()
            }
            Popup::ChooseApp { action, input } => self.on_choose_app_key(action, input, key),
            Popup::ChooseApi { app, apis, input } => self.on_choose_api_key(app, apis, input, key),
            Popup::Command { input, recalled, cycling } => self.on_command_key(input, recalled, cycling, key),
            Popup::Context(at) => self.on_context_key(at, key),
            Popup::Messages(scroll) => self.on_messages_key(scroll, key),
            Popup::Requests(selected) => self.on_requests_key(selected, key),
            Popup::Confirm(confirm) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.popup = None;
                    let doing = confirm.target.verb().doing;
                    self.status.info(format!("{doing} {}…", clean(&confirm.target.describe_short())));
                    vec![Command::Revoke { req: self.next_request(), target: confirm.target }]
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                    self.popup = None;
                    self.status.info("cancelled; nothing was sent");
                    Vec::new()
                }
                _ => Vec::new(),
            },
        }
    }

    fn on_list_key(&mut self, action: ListKey) -> Vec<Command> {
        let focus = self.focus;
        match action {
            ListKey::RevokeEverything => self.ask_revoke_everything(),
            ListKey::Reload => self.on_pane(focus, |pane, cx| pane.reload(cx)),
            ListKey::Copy => self.on_pane(focus, |pane, cx| {
                let copied = pane.copy();
                cx.copy(copied)
            }),
        }
    }

    fn on_app_key(&mut self, action: AppKey) -> Vec<Command> {
        match action {
            AppKey::Quit => {
                self.should_quit = true;
                Vec::new()
            }
            AppKey::Help => {
                self.popup = Some(Popup::Help(0));
                Vec::new()
            }
            AppKey::NextPane => {
                self.focus = self.focus.next();
                Vec::new()
            }
            AppKey::PrevPane => {
                self.focus = self.focus.previous();
                Vec::new()
            }
            AppKey::Down => self.move_cursor(&|s, len| s.down(len, 1)),
            AppKey::Up => self.move_cursor(&|s, _| s.up(1)),
            AppKey::Top => self.move_cursor(&|s, _| s.top()),
            AppKey::Bottom => self.move_cursor(&|s, len| s.bottom(len)),
            AppKey::PageDown => self.move_cursor(&|s, len| {
                let page = s.page();
                s.down(len, page)
            }),
            AppKey::PageUp => self.move_cursor(&|s, _| {
                let page = s.page();
                s.up(page)
            }),
        }
    }

    pub(super) fn move_cursor(&mut self, step: &dyn Fn(&mut Selection, usize)) -> Vec<Command> {
        let focus = self.focus;
        self.on_pane(focus, |pane, cx| pane.move_cursor(step, cx))
    }
}
