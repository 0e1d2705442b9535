//! What the app does with the result of a command: pages and lists in, revokes applied, progress
//! shown. Results of requests that are no longer awaited are dropped.

use crate::auth0::{Auth0Error, ClientNames};
use crate::output::text::clean;
use crate::output::text::clean_lines;
use crate::revoke::Verdict;
use crate::secret::SecretText;
use crate::tui::action::{AppChoice, Outcome, PastedTokenOutcome, ReceivedTokens, TokenOrigin};
use crate::tui::command::Command;
use crate::tui::overlay::Message;
use crate::tui::panes::{ErrorView, Remote, UsersEnd};
use crate::tui::remote::RequestId;
use crate::tui::session_row::SessionRow;

use super::App;

impl App {
    pub(super) fn on_outcome(&mut self, outcome: Outcome) -> Vec<Command> {
        match outcome {
            Outcome::UsersPage { req, page, mut result } => {
                let applied = self.panes.users.page_loaded(req, page, &mut result);
                if applied && let Err(err) = &result {
                    self.status.error(clean(&err.with_hint()));
                }
                // A short screen may already show the whole page: keep filling it.
                if applied { self.with_cx(|panes, cx| panes.users.load_more(cx)).0 } else { Vec::new() }
            }
            Outcome::Grants { req, result } => {
                self.panes.grants.loaded(req, remote(result));
                Vec::new()
            }
            Outcome::Devices { req, result } => {
                self.panes.devices.loaded(req, remote(result));
                Vec::new()
            }
            Outcome::ClientNames { result } => self.on_client_names(result),
            Outcome::Revoked { target, verdict } => self.on_revoked(target, verdict),
            Outcome::Sessions { req, result } => self.on_sessions(req, result),
            Outcome::RevokedEverything { user_id, results } => self.on_revoked_everything(&user_id, &results),
            Outcome::ExportProgress { req, progress } => {
                if let (true, UsersEnd::Exporting { progress: shown, .. }) =
                    (self.panes.users.is_export(req), &mut self.panes.users.end)
                {
                    *shown = Some(progress);
                }
                Vec::new()
            }
            Outcome::ExportBatch { req, batch } => {
                if self.panes.users.is_export(req) {
                    self.panes.users.rows.append(batch);
                }
                Vec::new()
            }
            Outcome::ExportDone { req, result } => self.on_export_done(req, result),
            Outcome::PastedRefreshToken { result, .. } => self.on_pasted_token(result),
            Outcome::TokenVerified { req, report } => {
                self.panes.token.verified(req, report);
                Vec::new()
            }
            Outcome::Copied { what, text, result } => self.on_copied(&what, text, result),
            Outcome::TokensReceived { origin, app, result } => self.on_tokens(origin, app, result),
            Outcome::ReadOnlyLocked => Vec::new(),
            Outcome::Failed { why } => {
                self.status.error(clean(&why));
                Vec::new()
            }
            Outcome::LoginBlocks { user_id, result } => self.on_login_blocks(user_id, result),
            Outcome::Logs { req, result } => {
                self.panes.logs.list.loaded(req, remote(result));
                Vec::new()
            }
            Outcome::LogsPolled { req, result } => self.on_logs_polled(req, result),
            Outcome::UserInfo { result } => {
                let shown = result
                    .map(|info| {
                        crate::output::json::to_string_pretty(&info)
                            .map(|j| clean_lines(&j))
                            .unwrap_or_default()
                    })
                    .map_err(|err| clean(&err.with_hint()));
                self.status.info(match &shown {
                    Ok(_) => "/userinfo answered: shown in Token (4)".to_string(),
                    Err(err) => format!("/userinfo refused the access token: {err}"),
                });
                self.panes.token.userinfo = Some(shown);
                Vec::new()
            }
            Outcome::ClipboardRead { result } => self.on_clipboard_read(result),
        }
    }

    fn on_client_names(&mut self, result: Result<ClientNames, Auth0Error>) -> Vec<Command> {
        match result {
            Ok(names) => self.client_names = names,
            Err(err) => {
                self.status.message = Some(Message::Info(clean(&format!(
                    "showing client ids instead of application names: {}",
                    err.with_hint()
                ))))
            }
        }
        Vec::new()
    }

    fn on_sessions(&mut self, req: RequestId, result: Result<Vec<SessionRow>, Auth0Error>) -> Vec<Command> {
        let rows = match result {
            Ok(rows) => Remote::Loaded(rows),
            Err(err) if err.is_feature_missing() => Remote::Failed(ErrorView {
                message: "This tenant has no sessions and refresh-token endpoints: they come with Auth0's Enterprise plans.".into(),
                hint: Some(format!("Auth0 answered: {err}")),
            }),
            Err(err) => Remote::Failed(ErrorView::from(&err)),
        };
        self.panes.sessions.loaded(req, rows);
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
        self.status.message = Some(match whole {
            Verdict::Failed(_) => Message::Error(line),
            _ => Message::Info(line),
        });
        self.reload_user_panes()
    }

    fn on_export_done(&mut self, req: RequestId, result: Result<u64, Auth0Error>) -> Vec<Command> {
        if !self.panes.users.is_export(req) {
            return Vec::new();
        }
        match result {
            Ok(count) => {
                self.panes.users.total = Some(count);
                self.panes.users.end = UsersEnd::Complete;
                self.status.message = Some(Message::Info(format!("loaded all {count} users")));
            }
            Err(err) => {
                self.status.message = Some(Message::Error(clean(&err.with_hint())));
                self.panes.users.end = UsersEnd::Failed(ErrorView::from(&err));
            }
        }
        Vec::new()
    }

    fn on_pasted_token(&mut self, result: Result<PastedTokenOutcome, Auth0Error>) -> Vec<Command> {
        match result {
            Ok(PastedTokenOutcome::Dead { description }) => {
                self.status.message = Some(Message::Info(clean(&format!(
                    "proven dead: Auth0 answers invalid_grant \"{description}\"; its own record is the fertft event in Logs (6, r)"
                ))));
            }
            Ok(PastedTokenOutcome::Revoked { verdict, refresh_token }) => {
                // The proof spent a token that still worked: hold the newest of its family.
                if let Some(token) = refresh_token {
                    let req = self.next_request();
                    self.panes.token.set(token.into_inner(), req);
                }
                let line = clean(&verdict.line("the held refresh token"));
                self.status.message = Some(match verdict {
                    Verdict::Revoked(_) => {
                        Message::Info(format!("{line}; its own record is the fertft event in Logs (6, r)"))
                    }
                    _ => Message::Error(line),
                });
            }
            Ok(PastedTokenOutcome::StillAccepted { refresh_token }) => {
                // The probe used the token up: show the one it received, so nothing is lost.
                let req = self.next_request();
                self.panes.token.set(refresh_token.into_inner(), req);
                self.status.message = Some(Message::Error(
                    "still accepted: Auth0 took the token; the new refresh token it issued is shown here"
                        .into(),
                ));
            }
            Err(err) => {
                self.status.message = Some(Message::Error(clean(&err.with_hint())));
            }
        }
        Vec::new()
    }

    /// A login or a refresh brought tokens: hold them in Token and show it.
    fn on_tokens(
        &mut self,
        origin: TokenOrigin,
        app: AppChoice,
        result: Result<ReceivedTokens, String>,
    ) -> Vec<Command> {
        let tokens = match result {
            Ok(tokens) => tokens,
            Err(err) => {
                self.status.error(clean(&err));
                return Vec::new();
            }
        };
        let what = match origin {
            TokenOrigin::Login => "logged in",
            TokenOrigin::Refresh => "refreshed",
        };
        let note = tokens.note.clone();
        self.status.info(match note {
            Some(note) => clean(&format!("{what}; {note}")),
            None => format!("{what}: the tokens are held in memory only; ←/→ shows each"),
        });
        self.focus = crate::tui::panes::Pane::Token;
        self.with_cx(|panes, cx| {
            let req = cx.next_request();
            match panes.token.hold(tokens, app, origin, req) {
                Some(token) => vec![Command::VerifyToken { req, token: token.into() }],
                None => Vec::new(),
            }
        })
        .0
    }

    /// The selected user's brute-force blocks, for the Users detail.
    fn on_login_blocks(
        &mut self,
        user_id: String,
        result: Result<serde_json::Value, Auth0Error>,
    ) -> Vec<Command> {
        let blocks = result.map_err(|e| e.to_string()).map(|answer| {
            let blocks = answer["blocked_for"].as_array().cloned().unwrap_or_default();
            blocks
                .iter()
                .map(|b| {
                    format!(
                        "{} from {}",
                        b["identifier"].as_str().unwrap_or("?"),
                        b["ip"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        });
        self.panes.users.login_blocks = Some((user_id, blocks));
        Vec::new()
    }

    fn on_logs_polled(
        &mut self,
        req: RequestId,
        result: Result<(Vec<crate::auth0::LogEvent>, String), Auth0Error>,
    ) -> Vec<Command> {
        let now = self.clock.now;
        let logs = &mut self.panes.logs;
        if logs.following.as_ref().and_then(|f| f.polling) != Some(req) {
            return Vec::new();
        }
        match result {
            Ok((events, checkpoint)) => self.with_cx(|panes, cx| panes.logs.polled(events, checkpoint, cx)).0,
            Err(err) => {
                if let Some(following) = &mut logs.following {
                    following.failed(now);
                }
                self.status
                    .error(clean(&format!("following the logs: {} (trying again in 30 s)", err.with_hint())));
            }
        }
        Vec::new()
    }

    fn on_copied(&mut self, what: &str, text: String, result: Result<(), String>) -> Vec<Command> {
        match result {
            Ok(()) => {
                self.status.message = Some(Message::Info(format!("copied the {what}")));
                Vec::new()
            }
            Err(_) => {
                self.status.message = Some(Message::Info(format!(
                    "copied the {what} through the terminal (OSC 52): no system clipboard here"
                )));
                self.osc52 = Some(text);
                Vec::new()
            }
        }
    }

    fn on_clipboard_read(&mut self, result: Result<SecretText, String>) -> Vec<Command> {
        match result {
            Ok(text) if !text.expose().trim().is_empty() => {
                self.status.message =
                    Some(Message::Info("token pasted from the clipboard (kept in memory only)".into()));
                return self.with_cx(|panes, cx| panes.token.take(text.into_inner(), cx)).0;
            }
            Ok(_) => self.status.message = Some(Message::Info("the clipboard is empty".into())),
            Err(_) => {
                self.status.message = Some(Message::Info(
                    "no system clipboard here (SSH, headless): paste into the terminal instead".into(),
                ))
            }
        }
        Vec::new()
    }
}

fn remote<T>(result: Result<T, Auth0Error>) -> Remote<T> {
    match result {
        Ok(value) => Remote::Loaded(value),
        Err(err) => Remote::Failed(ErrorView::from(&err)),
    }
}
