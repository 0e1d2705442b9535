//! Keys of `:messages` (scroll) and `:requests` (select, `y` copies the request as `curl`).

use crossterm::event::{KeyCode, KeyEvent};

use super::App;
use crate::tui::command::Command;
use crate::tui::overlay::Popup;

impl App {
    pub(super) fn on_messages_key(&mut self, scroll: u16, key: KeyEvent) -> Vec<Command> {
        let last = u16::try_from(self.status.log.messages().len()).unwrap_or(u16::MAX).saturating_sub(1);
        self.popup = match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => None,
            KeyCode::Char('j') | KeyCode::Down => Some(Popup::Messages(scroll.saturating_add(1).min(last))),
            KeyCode::Char('k') | KeyCode::Up => Some(Popup::Messages(scroll.saturating_sub(1))),
            KeyCode::PageDown => Some(Popup::Messages(scroll.saturating_add(10).min(last))),
            KeyCode::PageUp => Some(Popup::Messages(scroll.saturating_sub(10))),
            KeyCode::Char('g') | KeyCode::Home => Some(Popup::Messages(0)),
            KeyCode::Char('G') | KeyCode::End => Some(Popup::Messages(last)),
            _ => Some(Popup::Messages(scroll)),
        };
        Vec::new()
    }

    pub(super) fn on_requests_key(&mut self, selected: usize, key: KeyEvent) -> Vec<Command> {
        let last = self.status.log.requests().len().saturating_sub(1);
        self.popup = match key.code {
            KeyCode::Esc | KeyCode::Char('q') => None,
            KeyCode::Char('j') | KeyCode::Down => Some(Popup::Requests((selected + 1).min(last))),
            KeyCode::Char('k') | KeyCode::Up => Some(Popup::Requests(selected.saturating_sub(1))),
            KeyCode::PageDown => Some(Popup::Requests((selected + 10).min(last))),
            KeyCode::PageUp => Some(Popup::Requests(selected.saturating_sub(10))),
            KeyCode::Char('g') | KeyCode::Home => Some(Popup::Requests(0)),
            KeyCode::Char('G') | KeyCode::End => Some(Popup::Requests(last)),
            KeyCode::Char('y') | KeyCode::Char('c') => {
                let curl = self.status.log.requests().nth(selected).map(|sent| sent.curl());
                let commands = self.with_cx(|_, cx| cx.copy(curl.map(|text| ("request as curl", text)))).0;
                self.popup = Some(Popup::Requests(selected));
                return commands;
            }
            _ => Some(Popup::Requests(selected)),
        };
        Vec::new()
    }
}
