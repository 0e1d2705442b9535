//! What each key does: popups and the search and filter lines first, then the keymap's
//! actions on the focused pane, and moving the cursor.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{App, Message, Popup};
use crate::output::text::clean;
use crate::tui::action::PastedTokenAction;
use crate::tui::command::Command;
use crate::tui::keymap::{self, KeyAction};
use crate::tui::panes::{LocalFilter, Pane};

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.should_quit = true;
            return Vec::new();
        }
        if let Some(popup) = self.popup.clone() {
            return self.on_popup_key(popup, key);
        }
        if self.focus == Pane::Users && self.users.search.is_some() {
            return self.on_search_key(key);
        }
        if self.focus == Pane::Users && self.users.filter.as_ref().is_some_and(|f| f.editing) {
            return self.on_filter_key(key);
        }
        match keymap::lookup(self.focus, key) {
            Some(binding) => self.perform(binding.action),
            None => Vec::new(),
        }
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
            Popup::Confirm(confirm) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.popup = None;
                    self.status.message =
                        Some(Message::Info(format!("revoking {}…", clean(&confirm.target.describe_short()))));
                    vec![self.track_request(Command::Revoke(confirm.target))]
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                    self.popup = None;
                    self.status.message = Some(Message::Info("cancelled; nothing was revoked".into()));
                    Vec::new()
                }
                _ => Vec::new(),
            },
        }
    }

    fn on_search_key(&mut self, key: KeyEvent) -> Vec<Command> {
        match key.code {
            KeyCode::Esc => {
                self.users.search = None;
                Vec::new()
            }
            KeyCode::Enter => {
                let text = self.users.search.take().map(|i| i.value().trim().to_string()).unwrap_or_default();
                self.reload_users((!text.is_empty()).then_some(text))
            }
            _ => {
                if let Some(input) = &mut self.users.search {
                    input.handle_event(&crossterm::event::Event::Key(key));
                }
                Vec::new()
            }
        }
    }

    /// Typing in the local filter: every keystroke re-filters, waiting at most a few
    /// milliseconds for the matcher.
    fn on_filter_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(filter) = &mut self.users.filter else { return Vec::new() };
        match key.code {
            KeyCode::Esc => {
                self.users.filter = None;
                self.users.selection.reset();
            }
            KeyCode::Enter => filter.editing = false,
            _ => {
                let previous = filter.input.value().to_string();
                filter.input.handle_event(&crossterm::event::Event::Key(key));
                if filter.input.value() != previous {
                    filter.pattern_changed(&previous);
                    filter.tick(crate::tui::panes::KEYSTROKE_WAIT_MS);
                    self.users.selection.reset();
                }
            }
        }
        Vec::new()
    }

    fn perform(&mut self, action: KeyAction) -> Vec<Command> {
        if action.is_destructive() && self.read_only {
            self.status.message = Some(Message::Error(
                "--read-only is set: revoking is unavailable; restart without --read-only to revoke".into(),
            ));
            return Vec::new();
        }
        match action {
            KeyAction::Quit => {
                self.should_quit = true;
                Vec::new()
            }
            KeyAction::Help => {
                self.popup = Some(Popup::Help(0));
                Vec::new()
            }
            KeyAction::NextPane => self.focus_pane(self.focus.next()),
            KeyAction::PrevPane => self.focus_pane(self.focus.previous()),
            KeyAction::GoTo(pane) => self.focus_pane(pane),
            KeyAction::Down => self.move_cursor(|s, len| s.down(len, 1)),
            KeyAction::Up => self.move_cursor(|s, _| s.up(1)),
            KeyAction::Top => self.move_cursor(|s, _| s.top()),
            KeyAction::Bottom => self.move_cursor(|s, len| s.bottom(len)),
            KeyAction::PageDown => self.move_cursor(|s, len| {
                let page = s.page();
                s.down(len, page)
            }),
            KeyAction::PageUp => self.move_cursor(|s, _| {
                let page = s.page();
                s.up(page)
            }),
            KeyAction::Search => {
                let current = self.users.query.clone().unwrap_or_default();
                self.users.search = Some(Input::new(current));
                Vec::new()
            }
            KeyAction::SelectUser => self.select_highlighted_user(),
            KeyAction::Filter => {
                let notifier = self.filter_notifier.clone();
                let filter = self.users.filter.get_or_insert_with(|| LocalFilter::new(notifier));
                filter.editing = true;
                Vec::new()
            }
            KeyAction::Revoke => self.ask_revoke_one(),
            KeyAction::RevokeAll => self.ask_revoke_all(),
            KeyAction::Reload => self.reload_pane(),
            KeyAction::Copy => self.copy(),
            KeyAction::PasteClipboard => vec![Command::ReadClipboard],
            KeyAction::OpenSubject => self.open_subject(),
            KeyAction::RevokeEverything => self.ask_revoke_everything(),
            KeyAction::ExportAll => {
                let req = self.next_request();
                self.users.start_export(req);
                self.status.message = Some(Message::Info("loading every user through an export job…".into()));
                vec![self.track_request(Command::ExportUsers { req })]
            }
            KeyAction::RevokePastedToken => self.choose_app(PastedTokenAction::Revoke),
            KeyAction::VerifyPastedToken => self.choose_app(PastedTokenAction::Verify),
            KeyAction::ClearToken => {
                self.token.clear();
                self.status.message = Some(Message::Info("token cleared".into()));
                Vec::new()
            }
        }
    }

    fn focus_pane(&mut self, pane: Pane) -> Vec<Command> {
        self.focus = pane;
        Vec::new()
    }

    pub(super) fn move_cursor(
        &mut self,
        step: impl FnOnce(&mut crate::tui::panes::Selection, usize),
    ) -> Vec<Command> {
        match self.focus {
            Pane::Users => {
                let len = self.users.visible_len();
                step(&mut self.users.selection, len);
                self.load_more_users()
            }
            Pane::Grants => {
                let len = self.grants.len();
                step(&mut self.grants.selection, len);
                Vec::new()
            }
            Pane::Devices => {
                let len = self.devices.len();
                step(&mut self.devices.selection, len);
                Vec::new()
            }
            Pane::Sessions => {
                let len = self.sessions.len();
                step(&mut self.sessions.selection, len);
                Vec::new()
            }
            Pane::Token => {
                let mut scroll = crate::tui::panes::Selection {
                    selected: self.token.scroll as usize,
                    ..Default::default()
                };
                step(&mut scroll, usize::from(u16::MAX));
                self.token.scroll = scroll.selected.min(u16::MAX as usize) as u16;
                Vec::new()
            }
        }
    }
}
