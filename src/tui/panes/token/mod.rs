//! The Token pane: a pasted token, decoded. The token lives only in memory: it is never written
//! to disk or to a log. `pane.rs` holds its keys, `draw.rs` its drawing.

use serde_json::Value;

use crate::token::{DecodeError, Decoded, SignatureReport, decode};

use crate::tui::remote::RequestId;

mod draw;
mod pane;

#[derive(Default)]
pub struct TokenPane {
    raw: Option<String>,
    pub decoded: Option<Result<Decoded, DecodeError>>,
    /// The signature check: `None` while it runs (or when there is nothing to check).
    pub signature: Option<SignatureReport>,
    /// The check under way, so a result for a token since replaced is dropped.
    pub verifying: Option<RequestId>,
    /// Lines scrolled off the top.
    pub scroll: u16,
}

impl std::fmt::Debug for TokenPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPane").field("has_token", &self.raw.is_some()).finish_non_exhaustive()
    }
}

impl TokenPane {
    /// Takes a pasted token; returns it back when it is a signed JWT whose signature should be
    /// checked (under `req`).
    pub fn set(&mut self, text: String, req: RequestId) -> Option<String> {
        let decoded = decode(&text);
        let signed = matches!(decoded, Ok(Decoded::Jws { .. }));
        *self = TokenPane { decoded: Some(decoded), raw: Some(text.clone()), ..TokenPane::default() };
        if signed {
            self.verifying = Some(req);
            Some(text)
        } else {
            None
        }
    }

    /// Applies a signature check if it is for the token on screen.
    pub fn verified(&mut self, req: RequestId, report: SignatureReport) {
        if self.verifying == Some(req) {
            self.verifying = None;
            self.signature = Some(report);
        }
    }

    /// The `sub` claim, when it names a user (not an application's `…@clients`).
    pub fn subject_user(&self) -> Option<String> {
        let Some(Ok(Decoded::Jws { payload, .. })) = &self.decoded else { return None };
        payload.get("sub").and_then(Value::as_str).filter(|s| !s.ends_with("@clients")).map(str::to_string)
    }

    pub fn clear(&mut self) {
        *self = TokenPane::default();
    }

    /// The token as pasted, for the runner's calls; it never leaves memory.
    pub fn raw_text(&self) -> Option<String> {
        self.raw.clone()
    }

    pub fn has_token(&self) -> bool {
        self.raw.is_some()
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
