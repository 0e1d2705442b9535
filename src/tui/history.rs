//! Command mode's history, one list per profile, kept between sessions in
//! `$XDG_STATE_HOME/tenantscope/history` (JSON, readable by you only). A line holding a token is
//! never kept (see `command_line::may_keep`), neither when typed nor when read back.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::command_line::{HISTORY, may_keep};

/// The typed lines of every profile, oldest first. The profile-less connection (flags or
/// variables alone) has its own list under the empty name.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct History(BTreeMap<String, Vec<String>>);

impl History {
    pub fn lines(&self, profile: Option<&str>) -> &[String] {
        self.0.get(profile.unwrap_or_default()).map(Vec::as_slice).unwrap_or_default()
    }

    /// Adds `line` as the newest of `profile`'s (once: an older copy moves up), keeping the last
    /// [`HISTORY`]. A line that may not be kept is dropped.
    pub fn push(&mut self, profile: Option<&str>, line: &str) {
        if !may_keep(line) {
            return;
        }
        let lines = self.0.entry(profile.unwrap_or_default().to_string()).or_default();
        lines.retain(|l| l != line);
        lines.push(line.to_string());
        let extra = lines.len().saturating_sub(HISTORY);
        lines.drain(..extra);
    }

    /// Reads a saved history, dropping whatever may not be kept; unreadable text is no history.
    pub fn parse(text: &str) -> History {
        let mut read: History = serde_json::from_str(text).unwrap_or_default();
        for lines in read.0.values_mut() {
            lines.retain(|l| may_keep(l));
            let extra = lines.len().saturating_sub(HISTORY);
            lines.drain(..extra);
        }
        read.0.retain(|_, lines| !lines.is_empty());
        read
    }
}

fn path() -> Option<PathBuf> {
    crate::private_files::history_file()
}

/// The saved history (empty when there is no file, or it cannot be read).
pub fn load() -> History {
    path()
        .and_then(|p| crate::private_files::read_own(&p, MAX_FILE_BYTES).ok())
        .map(|t| History::parse(&t))
        .unwrap_or_default()
}

/// The history keeps a few hundred short lines; a larger file is not one tenantscope wrote.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Saves `history`; a failure costs only the history, so it is ignored.
pub fn save(history: &History) {
    let Some(path) = path() else { return };
    let Ok(text) = crate::output::json::to_string_pretty(history) else { return };
    // Never through a planted link, never to anything but a regular file of its own.
    let _ = crate::private_files::replace(&path, &text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_keeps_its_own_lines() {
        let mut history = History::default();
        history.push(Some("prod"), "users name:jo*");
        history.push(Some("staging"), "logs");
        history.push(None, "grants");
        history.push(Some("prod"), "token");
        history.push(Some("prod"), "users name:jo*");
        assert_eq!(history.lines(Some("prod")), ["token", "users name:jo*"]);
        assert_eq!(history.lines(Some("staging")), ["logs"]);
        assert_eq!(history.lines(None), ["grants"]);
        assert!(history.lines(Some("dev")).is_empty());
    }

    #[test]
    fn saved_text_round_trips_and_tokens_are_dropped_on_the_way_in() {
        let mut history = History::default();
        history.push(Some("prod"), "users");
        history.push(Some("prod"), "user v1.MRAjkJ7ANeoAyPyd3FBbDCTkhgmjnduNdB1Z2zMWkuS1cgyb");
        let text = crate::output::json::to_string_pretty(&history).unwrap();
        assert_eq!(History::parse(&text), history);
        assert!(!text.contains("v1."), "a token is never written");
        let planted = r#"{"prod":["users","user v1.MRAjkJ7ANeoAyPyd3FBbDCTkhgmjnduNdB1Z2zMWkuS1cgyb"]}"#;
        assert_eq!(History::parse(planted).lines(Some("prod")), ["users"]);
        assert_eq!(History::parse("users\nlogs\n"), History::default(), "unreadable text is no history");
    }

    #[test]
    fn only_the_newest_lines_are_kept() {
        let mut history = History::default();
        for n in 0..HISTORY + 5 {
            history.push(Some("prod"), &format!("user {n}"));
        }
        let lines = history.lines(Some("prod"));
        assert_eq!(lines.len(), HISTORY);
        assert_eq!(lines[0], "user 5");
    }
}
