//! What the Users pane does with the answers to its requests: pages of a search, an export's
//! progress, batches and end, and a user's login blocks.

use crate::auth0::Auth0Error;
use crate::output::text::clean;
use crate::tui::action::Outcome;
use crate::tui::command::Command;
use crate::tui::overlay::Message;
use crate::tui::panes::Cx;
use crate::tui::remote::{ErrorView, RequestId};

use super::{UsersEnd, UsersPane};

impl UsersPane {
    pub(super) fn answered(&mut self, outcome: Outcome, cx: &mut Cx) -> Vec<Command> {
        match outcome {
            Outcome::UsersPage { req, page, mut result } => {
                let applied = self.page_loaded(req, page, &mut result);
                if applied && let Err(err) = &result {
                    cx.status.error(clean(&err.with_hint()));
                }
                // A short screen may already show the whole page: keep filling it.
                if applied { self.load_more(cx) } else { Vec::new() }
            }
            Outcome::ExportProgress { req, progress } => {
                if let (true, UsersEnd::Exporting { progress: shown, .. }) =
                    (self.is_export(req), &mut self.end)
                {
                    *shown = Some(progress);
                }
                Vec::new()
            }
            Outcome::ExportBatch { req, batch } => {
                if self.is_export(req) {
                    self.replace_rows_for_export();
                    self.rows.append(batch);
                }
                Vec::new()
            }
            Outcome::ExportDone { req, result } => {
                self.export_done(req, result, cx);
                Vec::new()
            }
            Outcome::LoginBlocks { user_id, result, .. } => {
                self.login_blocks =
                    Some((user_id, result.map_err(|e| e.to_string()).map(|answer| blocks(&answer))));
                Vec::new()
            }
            // `Command::asker` sends this pane only the answers to its own requests.
            _ => Vec::new(),
        }
    }

    fn export_done(&mut self, req: RequestId, result: Result<u64, Auth0Error>, cx: &mut Cx) {
        if !self.is_export(req) {
            return;
        }
        match result {
            Ok(count) => {
                self.replace_rows_for_export();
                self.total = Some(count);
                self.end = UsersEnd::Complete;
                cx.status.say(Message::Info(match count {
                    1 => "loaded the tenant's one user".to_string(),
                    _ => format!("loaded all {count} users"),
                }));
            }
            Err(err) => {
                let kept = if std::mem::take(&mut self.keeping_rows_until_export) {
                    "; the users shown are the ones from before it"
                } else {
                    ""
                };
                cx.status
                    .say(Message::Error(clean(&format!("the export failed: {}{kept}", err.with_hint()))));
                self.end = UsersEnd::Failed(ErrorView::from(&err));
            }
        }
    }
}

/// A user's brute-force blocks (`{"blocked_for": […]}`), one line each.
fn blocks(answer: &serde_json::Value) -> Vec<String> {
    let blocks = answer["blocked_for"].as_array().cloned().unwrap_or_default();
    blocks
        .iter()
        .map(|b| {
            format!("{} from {}", b["identifier"].as_str().unwrap_or("?"), b["ip"].as_str().unwrap_or("?"))
        })
        .collect()
}
