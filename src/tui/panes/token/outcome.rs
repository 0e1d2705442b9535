//! What the Token pane does with the answers to its requests: a signature checked, a held
//! refresh token revoked or probed, tokens from a login or a refresh, `/userinfo`, the clipboard.

use crate::auth0::Auth0Error;
use crate::output::text::{clean, clean_lines};
use crate::revoke::Verdict;
use crate::secret::SecretText;
use crate::tui::action::{AppChoice, Outcome, PastedTokenOutcome, ReceivedTokens, TokenOrigin};
use crate::tui::command::Command;
use crate::tui::overlay::{Message, Popup};
use crate::tui::panes::{Cx, FollowUp};

use super::TokenPane;

impl TokenPane {
    pub(super) fn answered(&mut self, outcome: Outcome, cx: &mut Cx) -> Vec<Command> {
        match outcome {
            Outcome::TokenVerified { req, report } => {
                self.verified(req, report);
                Vec::new()
            }
            Outcome::PastedRefreshToken { result, .. } => {
                self.probed(result, cx);
                Vec::new()
            }
            Outcome::TokensReceived { origin, app, result, .. } => self.received(origin, app, result, cx),
            // The login's choice of API, while it is still being asked.
            Outcome::Apis { req, result } => {
                if let Some(Popup::ChooseApi { apis, .. }) = cx.popup.as_mut()
                    && apis.is_request(req)
                {
                    *apis = crate::tui::remote::Remote::fetched(result);
                }
                Vec::new()
            }
            Outcome::UserInfo { result, .. } => {
                let shown = result
                    .map(|info| {
                        crate::output::json::to_string_pretty(&info)
                            .map(|j| clean_lines(&j))
                            .unwrap_or_default()
                    })
                    .map_err(|err| clean(&err.with_hint()));
                cx.status.info(match &shown {
                    Ok(_) => "/userinfo answered: shown in Token (4)".to_string(),
                    Err(err) => format!("/userinfo refused the access token: {err}"),
                });
                self.userinfo = Some(shown);
                Vec::new()
            }
            Outcome::ClipboardRead { result, .. } => self.clipboard_read(result, cx),
            // `Command::asker` sends this pane only the answers to its own requests.
            _ => Vec::new(),
        }
    }

    /// How the held refresh token fared at Auth0.
    fn probed(&mut self, result: Result<PastedTokenOutcome, Auth0Error>, cx: &mut Cx) {
        let message = match result {
            Ok(PastedTokenOutcome::Dead { description }) => Message::Info(clean(&format!(
                "proven dead: Auth0 answers invalid_grant \"{description}\"; its own record is the fertft event in Logs (6, r)"
            ))),
            Ok(PastedTokenOutcome::Revoked { verdict, refresh_token }) => {
                // The proof spent a token that still worked: hold the newest of its family.
                if let Some(token) = refresh_token {
                    let req = cx.next_request();
                    self.set(token.into_inner(), req);
                }
                let line = clean(&verdict.line("the held refresh token"));
                match verdict {
                    Verdict::Revoked(_) => {
                        Message::Info(format!("{line}; its own record is the fertft event in Logs (6, r)"))
                    }
                    _ => Message::Error(line),
                }
            }
            Ok(PastedTokenOutcome::StillAccepted { refresh_token }) => {
                // The probe used the token up: show the one it received, so nothing is lost.
                let req = cx.next_request();
                self.set(refresh_token.into_inner(), req);
                Message::Error(
                    "still accepted: Auth0 took the token; the new refresh token it issued is shown here"
                        .into(),
                )
            }
            Err(err) => Message::Error(clean(&err.with_hint())),
        };
        cx.status.say(message);
    }

    /// A login or a refresh brought tokens: hold them here and show this pane.
    fn received(
        &mut self,
        origin: TokenOrigin,
        app: AppChoice,
        result: Result<ReceivedTokens, String>,
        cx: &mut Cx,
    ) -> Vec<Command> {
        let tokens = match result {
            Ok(tokens) => tokens,
            Err(err) => {
                cx.status.error(clean(&err));
                return Vec::new();
            }
        };
        let what = match origin {
            TokenOrigin::Login => "logged in",
            TokenOrigin::Refresh => "refreshed",
        };
        cx.status.info(match tokens.note.clone() {
            Some(note) => clean(&format!("{what}; {note}")),
            None => format!("{what}: the tokens are held in memory only; ←/→ shows each"),
        });
        cx.follow_ups.push(FollowUp::ShowThisPane);
        let req = cx.next_request();
        match self.hold(tokens, app, origin, req) {
            Some(token) => vec![Command::VerifyToken { req, token: token.into() }],
            None => Vec::new(),
        }
    }

    fn clipboard_read(&mut self, result: Result<SecretText, String>, cx: &mut Cx) -> Vec<Command> {
        match result {
            Ok(text) if !text.expose().trim().is_empty() => {
                let commands = self.take(text.into_inner(), cx);
                cx.status.info(self.pasted_words("pasted from the clipboard"));
                return commands;
            }
            Ok(_) => cx.status.say(Message::Info("the clipboard is empty".into())),
            Err(_) => cx.status.say(Message::Info(
                "no system clipboard here (SSH, headless): paste into the terminal instead".into(),
            )),
        }
        Vec::new()
    }
}
