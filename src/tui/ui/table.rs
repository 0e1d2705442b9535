//! A table that builds only the rows it shows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Row, Table};
use unicode_width::UnicodeWidthChar;

use crate::output::text::clean;
use crate::roster::highlight::Highlighter;

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
        self.draw_marked(frame, area, cells, None);
    }

    /// [`Self::draw`], with the characters `marks` finds drawn marked (the local filter's
    /// matches), in the columns it names: those the filter reads.
    pub fn draw_marked(
        self,
        frame: &mut Frame,
        area: Rect,
        cells: impl Fn(usize) -> Vec<String>,
        marks: Option<(&Highlighter, &[&str])>,
    ) {
        let inner = self.block.inner(area);
        // One line of header.
        let rows_area =
            Rect { y: inner.y.saturating_add(1), height: inner.height.saturating_sub(1), ..inner };
        self.selection.rows_area.set(rows_area);
        let window = self.selection.window(self.len, rows_area.height as usize);
        // The widths the table will give each column, so a value cut to fit ends in "…".
        let widths: Vec<u16> = Layout::horizontal(self.columns.iter().map(|c| c.width))
            .flex(Flex::Start)
            .spacing(1)
            .split(Rect::new(0, 0, inner.width, 1))
            .iter()
            .map(|r| r.width)
            .collect();
        let rows: Vec<Row> = window
            .map(|index| {
                let cells = cells(index).into_iter().enumerate();
                let row = Row::new(cells.map(|(i, cell)| {
                    let shown = fit(&clean(&cell), widths.get(i).copied());
                    let title = self.columns.get(i).map(|c| c.title).unwrap_or_default();
                    match marks.filter(|(_, titles)| titles.contains(&title)) {
                        Some((marks, _)) => Text::from(marked(&shown, &marks.positions(&shown))),
                        None => Text::raw(shown),
                    }
                }));
                if index == self.selection.selected { row.style(theme::highlight(self.focused)) } else { row }
            })
            .collect();
        let table = Table::new(rows, self.columns.iter().map(|c| c.width))
            .flex(Flex::Start)
            .header(Row::new(self.columns.iter().map(|c| c.title)).style(theme::header()))
            .column_spacing(1)
            .block(self.block);
        frame.render_widget(table, area);
    }
}

/// `text` with the characters at `positions` drawn as a match (the last `…` of a cut value is
/// never one).
fn marked(text: &str, positions: &[usize]) -> Line<'static> {
    if positions.is_empty() {
        return Line::raw(text.to_string());
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let is_marked = positions.binary_search(&i).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { theme::matched() } else { Style::new() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push(c);
    }
    let style = if run_marked { theme::matched() } else { Style::new() };
    spans.push(Span::styled(run, style));
    Line::from(spans)
}

/// `text` within `width` columns: cut values end in "…", so a cut email is not mistaken for a
/// shorter, real one.
pub fn fit(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from) else { return text.to_string() };
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width || width == 0 {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn a_cut_value_ends_in_an_ellipsis_and_keeps_wide_characters_whole() {
        assert_eq!(fit("quinnpatel.1@example.com", Some(23)), "quinnpatel.1@example.c…");
        assert_eq!(fit("short", Some(23)), "short");
        assert_eq!(fit("山田太郎", Some(5)), "山田…");
    }
}
