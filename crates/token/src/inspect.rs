//! One report of a pasted token, shared by `tenantscope decode` (text and `--json`) and the Token
//! pane: what it is, whether the tenant signed it, and every check.

use serde_json::{Map, Value, json};

use crate::timefmt::Clock;

use super::checks::{Check, CheckStatus, Expectations, run_checks};
use super::claims::{Kind, kind_of};
use super::decode::Decoded;
use super::verify::{SignatureReport, SignatureStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    pub kind: Kind,
    pub header: Option<Map<String, Value>>,
    pub payload: Option<Map<String, Value>>,
    pub signature: SignatureReport,
    pub checks: Vec<Check>,
}

pub fn inspect(
    decoded: &Decoded,
    signature: SignatureReport,
    clock: &Clock,
    expect: &Expectations,
) -> Inspection {
    let opaque = |code: &'static str, label: &str, evidence: &str| Kind {
        code,
        label: label.into(),
        evidence: vec![evidence.into()],
    };
    match decoded {
        Decoded::Jws { header, payload, .. } => Inspection {
            kind: kind_of(payload),
            header: Some(header.clone()),
            payload: Some(payload.clone()),
            signature,
            checks: run_checks(payload, clock, expect),
        },
        Decoded::Jwe { header } => Inspection {
            kind: opaque(
                "jwe",
                "encrypted token (JWE)",
                "five parts: its claims are encrypted for the API that reads it",
            ),
            header: Some(header.clone()),
            payload: None,
            signature,
            checks: Vec::new(),
        },
        Decoded::OpaqueRefreshToken => Inspection {
            kind: opaque(
                "refresh_token",
                "Auth0 refresh token (opaque)",
                "starts with v1.: opaque, nothing to decode",
            ),
            header: None,
            payload: None,
            signature,
            checks: Vec::new(),
        },
        Decoded::OpaqueAccessToken => Inspection {
            kind: opaque(
                "opaque_access_token",
                "opaque access token",
                "one part: Auth0 issues these when no audience is requested; only /userinfo accepts them",
            ),
            header: None,
            payload: None,
            signature,
            checks: Vec::new(),
        },
    }
}

impl Inspection {
    /// Whether every check passed and, when it was asked for, the signature verified.
    pub fn passed(&self, verify_requested: bool) -> bool {
        let checks_ok = self.checks.iter().all(|c| c.status != CheckStatus::Fail);
        let signature_ok = !verify_requested || self.signature.status == SignatureStatus::Verified;
        checks_ok && signature_ok
    }

    /// `{"kind", "header", "payload", "signature": {…}, "checks": [{…}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "kind": self.kind.code,
            "header": self.header,
            "payload": self.payload,
            "signature": self.signature,
            "checks": self.checks,
        })
    }
}
