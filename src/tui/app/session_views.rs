//! Keys of `:messages` (scroll) and `:requests` (select, `y` copies the request as `curl`).

use crossterm::event::{KeyCode, KeyEvent};

use super::App;
use crate::tui::command::Command;
use crate::tui::overlay::Popup;

/// Where the moving keys take a position in `0..=last`: `Some(None)` closes the view, `None` is a
/// key that does not move.
fn moved(at: usize, last: usize, key: KeyCode) -> Option<Option<usize>> {
    Some(Some(match key {
        KeyCode::Esc | KeyCode::Char('q') => return Some(None),
        KeyCode::Char('j') | KeyCode::Down => (at + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => at.saturating_sub(1),
        KeyCode::PageDown => (at + 10).min(last),
        KeyCode::PageUp => at.saturating_sub(10),
        KeyCode::Char('g') | KeyCode::Home => 0,
        KeyCode::Char('G') | KeyCode::End => last,
        _ => return None,
    }))
}

impl App {
    pub(super) fn on_messages_key(&mut self, scroll: u16, key: KeyEvent) -> Vec<Command> {
        let last = self.status.log.messages().len().saturating_sub(1);
        let code = if key.code == KeyCode::Enter { KeyCode::Esc } else { key.code };
        if let Some(to) = moved(usize::from(scroll), last, code) {
            self.popup = to.map(|at| Popup::Messages(u16::try_from(at).unwrap_or(u16::MAX)));
        }
        Vec::new()
    }

    pub(super) fn on_requests_key(&mut self, selected: usize, key: KeyEvent) -> Vec<Command> {
        if let KeyCode::Char('y') | KeyCode::Char('c') = key.code {
            let curl = self.status.log.requests().nth(selected).map(|sent| sent.curl());
            return self.with_cx(|_, cx| cx.copy(curl.map(|text| ("request as curl", text)))).0;
        }
        let last = self.status.log.requests().len().saturating_sub(1);
        if let Some(to) = moved(selected, last, key.code) {
            self.popup = to.map(Popup::Requests);
        }
        Vec::new()
    }
}
