//! "Why would my API reject this token?": the first failed check in the words an API would answer
//! with (RFC 6750: 401 `invalid_token`, 403 `insufficient_scope`), and what to change.

use serde::Serialize;

use super::checks::CheckStatus;
use super::inspect::Inspection;
use super::verify::SignatureStatus;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// 200 when an API checking these would accept the token.
    pub status: u16,
    /// `invalid_token` or `insufficient_scope` (RFC 6750); empty when accepted.
    pub error: &'static str,
    pub description: String,
    /// What to change.
    pub fix: String,
}

impl Verdict {
    /// The answer an API that checks what `inspection` checked would give.
    pub fn of(inspection: &Inspection, verify_requested: bool) -> Verdict {
        let invalid = |description: &str, fix: &str| Verdict {
            status: 401,
            error: "invalid_token",
            description: description.to_string(),
            fix: fix.to_string(),
        };
        if verify_requested && inspection.signature.status != SignatureStatus::Verified {
            return invalid(
                "the signature does not verify",
                "get the token from the tenant the API trusts (its keys did not sign this one)",
            );
        }
        let failed =
            |name: &str| inspection.checks.iter().any(|c| c.name == name && c.status == CheckStatus::Fail);
        if failed("exp") {
            return invalid(
                "the token has expired",
                "get a new one: refresh it (F in Token, or refresh-token use)",
            );
        }
        if failed("nbf") || failed("iat") {
            return invalid("the token is not valid yet", "check the clocks of this machine and the API's");
        }
        if failed("iss") {
            return invalid("unexpected iss", "get the token from the tenant the API trusts");
        }
        if failed("aud") {
            return invalid(
                "unexpected aud (Auth0 calls this invalid_audience)",
                "ask for the API's identifier as audience= at /authorize or in the token request; without it Auth0 issues a token for /userinfo only",
            );
        }
        if failed("azp") {
            return invalid(
                "the token was issued to another application",
                "get it with the application the API expects",
            );
        }
        if failed("scope") {
            let detail = inspection.checks.iter().find(|c| c.name == "scope").map(|c| c.detail.as_str());
            let missing = detail.and_then(|d| d.strip_prefix("lacks ")).and_then(|d| d.split(": ").next());
            return Verdict {
                status: 403,
                error: "insufficient_scope",
                description: format!("the token lacks {}", missing.unwrap_or("a required scope")),
                fix: "ask for the scope (scope= at /authorize, or --scope), and grant it: to an app in Dashboard → Applications → APIs → the API → Machine to Machine Applications, to users through the API's permissions".into(),
            };
        }
        Verdict {
            status: 200,
            error: "",
            description: "an API checking these would accept it".into(),
            fix: String::new(),
        }
    }

    /// One line: `401 invalid_token: the token has expired. Fix: …`.
    pub fn line(&self) -> String {
        if self.status == 200 {
            return format!("200: {}", self.description);
        }
        format!("{} {}: {}. Fix: {}", self.status, self.error, self.description, self.fix)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::checks::Expectations;
    use crate::fixtures::{clock, payload};
    use crate::{Decoded, SignatureReport, inspect};

    fn verdict(claims: serde_json::Value, expect: &Expectations) -> Verdict {
        let decoded = Decoded::Jws {
            header: Default::default(),
            payload: payload(claims),
            signing_input: String::new(),
            signature: String::new(),
        };
        Verdict::of(&inspect(&decoded, SignatureReport::not_checked(""), &clock(), expect), false)
    }

    #[test]
    fn an_expired_token_is_invalid_token_before_a_missing_scope() {
        let now = clock().now.timestamp();
        let expect = Expectations { scopes: vec!["write:x".into()], leeway: 0, ..Default::default() };
        let expired = verdict(json!({"exp": now - 10, "scope": "read:x"}), &expect);
        assert_eq!((expired.status, expired.error), (401, "invalid_token"));
        let narrow = verdict(json!({"exp": now + 600, "scope": "read:x"}), &expect);
        assert_eq!((narrow.status, narrow.error), (403, "insufficient_scope"));
        let rbac = verdict(json!({"exp": now + 600, "permissions": ["write:x"]}), &expect);
        assert_eq!(rbac.status, 200, "RBAC permissions count as scopes");
    }
}
