//! The local filter of the Users pane: fuzzy matching over the loaded users as you type
//! (`roster::matcher`), over their compact text only. A keystroke that extends the pattern looks
//! only at the rows the shorter pattern matched, and rows still arriving are matched as they
//! join. Separate from the server-side Lucene search: it only looks at what is loaded.

use tui_input::Input;

use crate::roster::Roster;
use crate::roster::matcher::{Pattern, matching};

#[derive(Default)]
pub struct LocalFilter {
    pub input: Input,
    /// The line is being typed in (keys go to it).
    pub editing: bool,
    pattern: Pattern,
    /// How many rows have been matched against the pattern.
    checked: usize,
    /// Indices of the matching rows, in the order they were loaded.
    pub matches: Vec<u32>,
}

impl std::fmt::Debug for LocalFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalFilter")
            .field("pattern", &self.input.value())
            .field("matches", &self.matches.len())
            .finish_non_exhaustive()
    }
}

impl LocalFilter {
    /// A filter line open for typing, matching everything until something is typed.
    pub fn new(rows: &Roster) -> LocalFilter {
        let mut filter = LocalFilter { editing: true, ..LocalFilter::default() };
        filter.sync_rows(rows);
        filter
    }

    /// Matches the rows that joined since the last call. Rows that were replaced (a new search)
    /// are matched again from the start.
    pub fn sync_rows(&mut self, rows: &Roster) {
        if rows.len() < self.checked {
            self.checked = 0;
            self.matches.clear();
        }
        if rows.len() != self.checked {
            self.matches.extend(matching(rows, &self.pattern, None, self.checked));
            self.checked = rows.len();
        }
    }

    /// The input line changed: matches for the new pattern, from the last matches when it only
    /// narrows them.
    pub fn pattern_changed(&mut self, rows: &Roster) {
        let pattern = Pattern::parse(self.input.value());
        self.matches = if pattern.narrows(&self.pattern) && self.checked == rows.len() {
            matching(rows, &pattern, Some(&self.matches), 0)
        } else {
            matching(rows, &pattern, None, 0)
        };
        self.pattern = pattern;
        self.checked = rows.len();
    }
}
