//! What the app does with the answers to its own requests: application names, revokes (which
//! every pane then hears of), the clipboard, the read-only lock. The panes take theirs.

use crate::auth0::{Auth0Error, ClientNames};
use crate::output::text::clean;
use crate::revoke::Verdict;
use crate::tui::action::Outcome;
use crate::tui::command::Command;
use crate::tui::overlay::Message;

use super::App;

impl App {
    /// The answer to a request the app itself asked for (see `Command::asker`); the panes take
    /// theirs in their own `on_outcome`.
    pub(super) fn on_outcome(&mut self, outcome: Outcome) -> Vec<Command> {
        match outcome {
            Outcome::ClientNames { result, .. } => self.on_client_names(result),
            Outcome::Revoked { target, verdict, .. } => self.on_revoked(target, verdict),
            Outcome::RevokedEverything { user_id, results, .. } => {
                self.on_revoked_everything(&user_id, &results)
            }
            Outcome::Copied { what, text, result, .. } => self.on_copied(&what, text, result),
            Outcome::ReadOnlyLocked { .. } => Vec::new(),
            Outcome::Failed { why, .. } => {
                self.status.error(clean(&why));
                Vec::new()
            }
            // A pane's answer goes to the pane; none reaches here.
            _ => Vec::new(),
        }
    }

    fn on_client_names(&mut self, result: Result<ClientNames, Auth0Error>) -> Vec<Command> {
        match result {
            Ok(names) => self.client_names = names,
            Err(err) => self.status.say(Message::Info(clean(&format!(
                "showing client ids instead of application names: {}",
                err.with_hint()
            )))),
        }
        Vec::new()
    }

    /// One verdict for the whole, and each part's word.
    fn on_revoked_everything(&mut self, user_id: &str, results: &[(String, Verdict)]) -> Vec<Command> {
        let whole = Verdict::of_parts(results.iter().map(|(_, v)| v));
        let parts: Vec<String> = results
            .iter()
            .map(|(part, verdict)| match verdict.error() {
                Some(err) => format!("{part} failed ({})", err.with_hint()),
                None => format!("{part} {}", verdict.word()),
            })
            .collect();
        let line = clean(&format!("{}: everything of {user_id} — {}", whole.word(), parts.join(", ")));
        self.status.say(match whole {
            Verdict::Failed(_) => Message::Error(line),
            _ => Message::Info(line),
        });
        self.reload_user_panes()
    }

    fn on_copied(&mut self, what: &str, text: String, result: Result<(), String>) -> Vec<Command> {
        match result {
            Ok(()) => {
                self.status.say(Message::Info(format!("copied the {what}")));
                Vec::new()
            }
            Err(_) => {
                self.status.say(Message::Info(format!(
                    "copied the {what} through the terminal (OSC 52): no system clipboard here"
                )));
                self.osc52 = Some(text);
                Vec::new()
            }
        }
    }
}
