//! Paste and the mouse: a click on a tab shows its pane; the rest goes to the focused pane.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::tui::command::Command;

impl App {
    pub(super) fn on_paste(&mut self, text: String) -> Vec<Command> {
        let focus = self.focus;
        match self.ask_pane(focus, |pane, cx| pane.on_paste(&text, cx)) {
            Some(commands) => commands,
            None => {
                self.status.info("to decode a token, paste it in the Token pane (4)");
                Vec::new()
            }
        }
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
        if self.popup.is_some() {
            return Vec::new();
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.move_cursor(&|s, len| s.down(len, 3)),
            MouseEventKind::ScrollUp => self.move_cursor(&|s, _| s.up(3)),
            MouseEventKind::Down(MouseButton::Left) => {
                let tab = self.tabs_drawn.borrow().iter().find_map(|(row, columns, pane)| {
                    (*row == mouse.row && columns.contains(&mouse.column)).then_some(*pane)
                });
                if let Some(pane) = tab {
                    self.focus = pane;
                    return Vec::new();
                }
                let focus = self.focus;
                self.on_pane(focus, |pane, cx| {
                    let Some((selection, len)) = pane.cursor() else { return Vec::new() };
                    if let Some(row) = selection.row_at(mouse.column, mouse.row, len) {
                        selection.selected = row;
                    }
                    pane.cursor_moved(cx)
                })
            }
            _ => Vec::new(),
        }
    }
}
