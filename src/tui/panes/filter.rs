//! The local filter of the Users pane: fuzzy matching over the loaded users as you type, run by
//! nucleo on background threads so no keystroke waits for it. Separate from the server-side
//! Lucene search: it only looks at what is loaded.

use std::sync::Arc;

use nucleo::pattern::{CaseMatching, Normalization};
use nucleo::{Config, Nucleo, Utf32String};
use tui_input::Input;

use crate::auth0::UserRow;

/// The longest a keystroke waits for matches before the frame is drawn; later matches arrive with
/// the next tick.
pub const KEYSTROKE_WAIT_MS: u64 = 10;

pub struct LocalFilter {
    pub input: Input,
    /// The line is being typed in (keys go to it).
    pub editing: bool,
    matcher: Nucleo<u32>,
    /// How many rows the matcher has been given.
    injected: usize,
    /// Indices of the matching rows, best match first.
    pub matches: Vec<u32>,
    /// The matcher is still working on the latest pattern.
    pub running: bool,
}

impl std::fmt::Debug for LocalFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalFilter")
            .field("pattern", &self.input.value())
            .field("matches", &self.matches.len())
            .field("running", &self.running)
            .finish_non_exhaustive()
    }
}

/// Called from the matcher's threads when it has new matches, so they show as soon as they are
/// ready rather than at the next tick.
#[derive(Clone, Default)]
pub struct MatchNotifier(Option<Arc<dyn Fn() + Send + Sync>>);

impl MatchNotifier {
    pub fn new(notify: impl Fn() + Send + Sync + 'static) -> MatchNotifier {
        MatchNotifier(Some(Arc::new(notify)))
    }
}

impl std::fmt::Debug for MatchNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "MatchNotifier(set)" } else { "MatchNotifier(none)" })
    }
}

impl Default for LocalFilter {
    fn default() -> Self {
        LocalFilter::new(MatchNotifier::default())
    }
}

/// What a user is matched on: name, email, user id and connection.
fn haystack(user: &UserRow) -> String {
    [user.name(), user.email(), user.user_id(), user.connection()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

impl LocalFilter {
    pub fn new(notifier: MatchNotifier) -> LocalFilter {
        let notify = notifier.0.unwrap_or_else(|| Arc::new(|| {}));
        LocalFilter {
            input: Input::default(),
            editing: true,
            matcher: Nucleo::new(Config::DEFAULT, notify, None, 1),
            injected: 0,
            matches: Vec::new(),
            running: false,
        }
    }

    /// Gives the matcher the rows it has not seen yet (pages and export batches keep arriving).
    pub fn sync_rows(&mut self, rows: &[UserRow]) {
        if rows.len() < self.injected {
            // The rows were replaced (a new search): start over.
            self.matcher.restart(true);
            self.injected = 0;
        }
        let injector = self.matcher.injector();
        for (index, user) in rows.iter().enumerate().skip(self.injected) {
            let text = haystack(user);
            injector.push(index as u32, |_, columns| columns[0] = Utf32String::from(text.as_str()));
        }
        self.injected = rows.len();
    }

    /// Sets the pattern from the input line; the matcher picks it up on the next tick.
    pub fn pattern_changed(&mut self, previous: &str) {
        let text = self.input.value();
        let appended = text.starts_with(previous) && !previous.is_empty();
        self.matcher.pattern.reparse(0, text, CaseMatching::Smart, Normalization::Smart, appended);
    }

    /// Lets the matcher work for up to `wait_ms`, and takes its latest results.
    pub fn tick(&mut self, wait_ms: u64) {
        let status = self.matcher.tick(wait_ms);
        self.running = status.running;
        if status.changed || self.matches.len() as u32 != self.matcher.snapshot().matched_item_count() {
            let snapshot = self.matcher.snapshot();
            self.matches = snapshot.matched_items(..).map(|item| *item.data).collect();
        }
    }
}
