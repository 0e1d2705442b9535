//! The Token pane: a pasted token, decoded. The token lives only in memory: it is never written
//! to disk or to a log.

use crate::token::{DecodeError, Decoded, decode};

#[derive(Default)]
pub struct TokenPane {
    raw: Option<String>,
    pub decoded: Option<Result<Decoded, DecodeError>>,
    /// Lines scrolled off the top.
    pub scroll: u16,
}

impl std::fmt::Debug for TokenPane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPane").field("has_token", &self.raw.is_some()).finish_non_exhaustive()
    }
}

impl TokenPane {
    pub fn set(&mut self, text: String) {
        self.decoded = Some(decode(&text));
        self.raw = Some(text);
        self.scroll = 0;
    }

    pub fn clear(&mut self) {
        *self = TokenPane::default();
    }

    pub fn has_token(&self) -> bool {
        self.raw.is_some()
    }

    /// The decoded header and claims as pretty JSON, for copying.
    pub fn claims_json(&self) -> Option<String> {
        let value = match self.decoded.as_ref()?.as_ref().ok()? {
            Decoded::Jws { header, payload } => {
                serde_json::json!({ "header": header, "payload": payload })
            }
            Decoded::Jwe { header } => serde_json::json!({ "header": header }),
            _ => return None,
        };
        serde_json::to_string_pretty(&value).ok()
    }
}
