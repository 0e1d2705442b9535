//! The Token pane: the tokens held in memory — one pasted, or the set a login or a refresh
//! brought (access, ID, refresh) — one shown at a time, decoded. They are never written to disk
//! or to a log. `pane.rs` holds its keys, `draw.rs` its drawing, `compare.rs` what a refresh
//! changed.

use serde_json::Value;

use crate::token::{DecodeError, Decoded, SignatureReport, decode};
use crate::tui::action::{AppChoice, ReceivedTokens, TokenOrigin};
use crate::tui::remote::RequestId;

mod compare;
mod draw;
mod outcome;
mod pane;

/// One held token and what it is to the set ("access", "ID", "refresh", or "pasted").
#[derive(Clone)]
pub struct HeldToken {
    pub label: &'static str,
    raw: String,
}

#[derive(Default)]
pub struct TokenPane {
    held: Vec<HeldToken>,
    /// Which held token is shown.
    pub shown: usize,
    pub decoded: Option<Result<Decoded, DecodeError>>,
    /// The signature check: `None` while it runs (or when there is nothing to check).
    pub signature: Option<SignatureReport>,
    /// The check under way, so a result for a token since replaced is dropped.
    pub verifying: Option<RequestId>,
    /// Lines scrolled off the top.
    pub scroll: u16,
    /// The application the set came from (a login or a refresh), offered first for F, R and V.
    pub app: Option<AppChoice>,
    /// What the last refresh changed, in words.
    pub changes: Vec<String>,
    /// What `/userinfo` answered for the held access token (sanitised JSON), or why not.
    pub userinfo: Option<Result<String, String>>,
    /// What the API expects (`aud=… scope=a,b azp=…`), checked against every token shown.
    pub expect: Option<String>,
    /// The line where the expectations are typed, while it is open.
    pub expect_input: Option<tui_input::Input>,
}

impl std::fmt::Debug for TokenPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let labels: Vec<&str> = self.held.iter().map(|h| h.label).collect();
        f.debug_struct("TokenPane").field("held", &labels).field("shown", &self.shown).finish_non_exhaustive()
    }
}

impl TokenPane {
    /// Takes a pasted token; returns it back when it is a signed JWT whose signature should be
    /// checked (under `req`).
    pub fn set(&mut self, text: String, req: RequestId) -> Option<String> {
        let expect = self.expect.take();
        *self = TokenPane {
            held: vec![HeldToken { label: "pasted", raw: text }],
            expect,
            ..TokenPane::default()
        };
        self.show(0, req)
    }

    /// What was just pasted, in the status bar's words, from what the decoder made of it: a
    /// JWT, an opaque token, or text that is not a token; all of it kept in memory only.
    pub fn pasted_words(&self, how: &str) -> String {
        match &self.decoded {
            Some(Ok(Decoded::Jws { .. } | Decoded::Jwe { .. })) => {
                format!("{how} a JWT into Token (kept in memory only)")
            }
            Some(Ok(Decoded::OpaqueRefreshToken)) => format!(
                "{how} a refresh token into Token (kept in memory only): R revokes it, V proves it dead"
            ),
            Some(Ok(Decoded::OpaqueAccessToken)) => {
                format!(
                    "{how} an opaque access token into Token (kept in memory only): U asks /userinfo about it"
                )
            }
            _ => {
                format!("{how} text that is not a token into Token (kept in memory only): the pane says why")
            }
        }
    }

    /// Holds the tokens a login or a refresh brought, shows the access token, and says what a
    /// refresh changed. A refresh without rotation keeps the refresh token it used.
    pub fn hold(
        &mut self,
        tokens: ReceivedTokens,
        app: AppChoice,
        origin: TokenOrigin,
        req: RequestId,
    ) -> Option<String> {
        let before = std::mem::take(&mut self.held);
        let mut held = vec![HeldToken { label: "access", raw: tokens.access.into_inner() }];
        if let Some(id) = tokens.id {
            held.push(HeldToken { label: "ID", raw: id.into_inner() });
        }
        let kept =
            before.iter().find(|h| h.label == "refresh").filter(|_| origin == TokenOrigin::Refresh).cloned();
        match tokens.refresh {
            Some(refresh) => held.push(HeldToken { label: "refresh", raw: refresh.into_inner() }),
            None => held.extend(kept),
        }
        let changes = match origin {
            TokenOrigin::Refresh => compare::changes(&before, &held),
            TokenOrigin::Login => Vec::new(),
        };
        let expect = self.expect.take();
        *self = TokenPane { held, app: Some(app), changes, expect, ..TokenPane::default() };
        self.show(0, req)
    }

    /// Shows the `index`th held token; returns it when its signature should be checked.
    pub fn show(&mut self, index: usize, req: RequestId) -> Option<String> {
        let token = self.held.get(index)?.raw.clone();
        let decoded = decode(&token);
        let signed = matches!(decoded, Ok(Decoded::Jws { .. }));
        self.shown = index;
        self.decoded = Some(decoded);
        self.signature = None;
        self.verifying = signed.then_some(req);
        self.scroll = 0;
        signed.then_some(token)
    }

    /// The API's expectations: an audience, scopes and an application (`aud=… scope=a,b azp=…`; a
    /// bare word is the audience).
    pub fn api_expectations(&self) -> (Option<String>, Vec<String>, Option<String>) {
        let (mut audience, mut scopes, mut azp) = (None, Vec::new(), None);
        for part in self.expect.as_deref().unwrap_or_default().split_whitespace() {
            match part.split_once('=') {
                Some(("scope", list)) => {
                    scopes.extend(list.split(',').filter(|s| !s.is_empty()).map(str::to_string))
                }
                Some(("azp", client)) => azp = Some(client.to_string()),
                Some(("aud", api)) => audience = Some(api.to_string()),
                _ => audience = Some(part.to_string()),
            }
        }
        (audience, scopes, azp)
    }

    /// The labels of the held tokens, in order.
    pub fn labels(&self) -> Vec<&'static str> {
        self.held.iter().map(|h| h.label).collect()
    }

    /// Applies a signature check if it is for the token on screen.
    pub fn verified(&mut self, req: RequestId, report: SignatureReport) {
        if self.verifying == Some(req) {
            self.verifying = None;
            self.signature = Some(report);
        }
    }

    /// The `sub` claim of the shown token (else of any held JWT), when it names a user.
    pub fn subject_user(&self) -> Option<String> {
        let subject = |decoded: &Result<Decoded, DecodeError>| match decoded {
            Ok(Decoded::Jws { payload, .. }) => {
                payload.get("sub").and_then(Value::as_str).map(str::to_string)
            }
            _ => None,
        };
        let shown = self.decoded.as_ref().and_then(subject);
        let any = || self.held.iter().find_map(|h| subject(&decode(&h.raw)));
        shown.or_else(any).filter(|s| !s.ends_with("@clients"))
    }

    /// The `sid` of a held token (the ID token carries it).
    pub fn session_id(&self) -> Option<String> {
        self.held.iter().find_map(|h| match decode(&h.raw) {
            Ok(Decoded::Jws { payload, .. }) => {
                payload.get("sid").and_then(Value::as_str).map(str::to_string)
            }
            _ => None,
        })
    }

    pub fn clear(&mut self) {
        *self = TokenPane::default();
    }

    /// The shown token as pasted, for the runner's calls; it never leaves memory.
    pub fn raw_text(&self) -> Option<String> {
        self.held.get(self.shown).map(|h| h.raw.clone())
    }

    /// The held refresh token: of the set, or the shown one if it is one.
    pub fn refresh_token(&self) -> Option<String> {
        if matches!(self.decoded, Some(Ok(Decoded::OpaqueRefreshToken))) {
            return self.raw_text();
        }
        self.held.iter().find(|h| h.label == "refresh").map(|h| h.raw.clone())
    }

    /// The held access token: of the set, or the shown one if it is not an ID or refresh token.
    pub fn access_token(&self) -> Option<String> {
        if let Some(access) = self.held.iter().find(|h| h.label == "access") {
            return Some(access.raw.clone());
        }
        let refresh = matches!(self.decoded, Some(Ok(Decoded::OpaqueRefreshToken)));
        let id_token =
            matches!(&self.decoded, Some(Ok(Decoded::Jws { payload, .. })) if payload.contains_key("nonce"));
        (!refresh && !id_token).then(|| self.raw_text()).flatten()
    }

    pub fn has_token(&self) -> bool {
        !self.held.is_empty()
    }

    /// The decoded header and claims as pretty JSON, for copying.
    pub fn claims_json(&self) -> Option<String> {
        let value = match self.decoded.as_ref()?.as_ref().ok()? {
            Decoded::Jws { header, payload, .. } => {
                serde_json::json!({ "header": header, "payload": payload })
            }
            Decoded::Jwe { header } => serde_json::json!({ "header": header }),
            _ => return None,
        };
        crate::output::json::to_string_pretty(&value).ok()
    }
}
