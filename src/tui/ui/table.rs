//! A table that builds only the rows it shows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Block, Row, Table};

use crate::output::text::clean;

use super::super::panes::Selection;
use super::theme;

pub struct Column {
    pub title: &'static str,
    pub width: Constraint,
}

/// A list drawn as a table of which only the visible window of rows is built.
pub struct ListView<'a> {
    pub block: Block<'a>,
    pub columns: &'a [Column],
    pub len: usize,
    pub selection: &'a Selection,
    pub focused: bool,
}

impl ListView<'_> {
    /// Builds the visible rows with `cells(index)` and records their area in the selection, for
    /// mouse clicks and paging.
    pub fn draw(self, frame: &mut Frame, area: Rect, cells: impl Fn(usize) -> Vec<String>) {
        let inner = self.block.inner(area);
        // One line of header.
        let rows_area =
            Rect { y: inner.y.saturating_add(1), height: inner.height.saturating_sub(1), ..inner };
        self.selection.rows_area.set(rows_area);
        let window = self.selection.window(self.len, rows_area.height as usize);
        let rows: Vec<Row> = window
            .map(|index| {
                let row = Row::new(cells(index).into_iter().map(|cell| Text::raw(clean(&cell))));
                if index == self.selection.selected { row.style(theme::highlight(self.focused)) } else { row }
            })
            .collect();
        let table = Table::new(rows, self.columns.iter().map(|c| c.width))
            .header(Row::new(self.columns.iter().map(|c| c.title)).style(theme::header()))
            .column_spacing(1)
            .block(self.block);
        frame.render_widget(table, area);
    }
}
