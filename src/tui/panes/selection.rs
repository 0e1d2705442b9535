//! A highlighted row and the scroll offset of a list. The offset and the visible height are
//! updated while drawing (a view concern, like ratatui's `TableState`), hence the cells.

use std::cell::Cell;

use ratatui::layout::Rect;

#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub selected: usize,
    /// The first visible row.
    pub offset: Cell<usize>,
    /// Where the rows were last drawn (without the header), for mouse clicks and paging.
    pub rows_area: Cell<Rect>,
}

impl Selection {
    /// Rows per page as last drawn (at least 1).
    pub fn page(&self) -> usize {
        (self.rows_area.get().height as usize).max(1)
    }

    pub fn down(&mut self, len: usize, by: usize) {
        if len > 0 {
            self.selected = (self.selected + by).min(len - 1);
        }
    }

    pub fn up(&mut self, by: usize) {
        self.selected = self.selected.saturating_sub(by);
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset.set(0);
    }

    /// Keeps the selection within `len` rows (after rows were removed).
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The visible window of `len` rows in `height` lines, scrolled so the selection shows.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let height = height.max(1);
        let mut offset = self.offset.get().min(len.saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.offset.set(offset);
        offset..(offset + height).min(len)
    }

    /// The row under a click at terminal row `y`, if it is one.
    pub fn row_at(&self, x: u16, y: u16, len: usize) -> Option<usize> {
        let area = self.rows_area.get();
        let inside = x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
        let row = self.offset.get() + (y.saturating_sub(area.y)) as usize;
        (inside && row < len).then_some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection_both_ways() {
        let mut s = Selection::default();
        assert_eq!(s.window(100, 10), 0..10);
        s.down(100, 15);
        assert_eq!(s.window(100, 10), 6..16);
        s.up(10);
        assert_eq!(s.window(100, 10), 5..15);
        s.bottom(100);
        assert_eq!(s.window(100, 10), 90..100);
        s.down(100, 50);
        assert_eq!(s.selected, 99);
    }

    #[test]
    fn clicks_map_to_rows_under_the_offset() {
        let s = Selection::default();
        s.rows_area.set(Rect::new(0, 3, 40, 5));
        s.offset.set(10);
        assert_eq!(s.row_at(2, 3, 100), Some(10));
        assert_eq!(s.row_at(2, 7, 100), Some(14));
        assert_eq!(s.row_at(2, 8, 100), None);
        assert_eq!(s.row_at(2, 4, 11), None);
    }
}
