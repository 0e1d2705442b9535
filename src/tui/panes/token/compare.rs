//! What a refresh changed, side by side with the tokens it replaced: the access token's iat and
//! exp, its scope, and whether rotation replaced the refresh token.

use serde_json::Value;

use super::HeldToken;
use crate::token::{Decoded, decode};

/// The lines the Token pane shows after a refresh.
pub fn changes(before: &[HeldToken], after: &[HeldToken]) -> Vec<String> {
    let claims = |held: &[HeldToken], label: &str| -> Option<serde_json::Map<String, Value>> {
        let token = held.iter().find(|h| h.label == label)?;
        match decode(&token.raw) {
            Ok(Decoded::Jws { payload, .. }) => Some(payload),
            _ => None,
        }
    };
    let mut lines = Vec::new();
    match (claims(before, "access"), claims(after, "access")) {
        (Some(old), Some(new)) => {
            for claim in ["iat", "exp"] {
                let (was, now) =
                    (old.get(claim).and_then(Value::as_i64), new.get(claim).and_then(Value::as_i64));
                match (was, now) {
                    (Some(was), Some(now)) if was != now => {
                        lines.push(format!("{claim} moved by {:+} s ({was} → {now})", now - was))
                    }
                    _ => lines.push(format!("{claim} unchanged")),
                }
            }
            let scopes = |c: &serde_json::Map<String, Value>| -> Vec<String> {
                c.get("scope")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .split(' ')
                    .map(str::to_string)
                    .collect()
            };
            let lost: Vec<String> = scopes(&old).into_iter().filter(|s| !scopes(&new).contains(s)).collect();
            if !lost.is_empty() {
                lines.push(format!("scope narrowed: {} no longer granted", lost.join(" ")));
            }
        }
        _ => lines.push("a new access token (opaque: no claims to compare)".to_string()),
    }
    let refresh = |held: &[HeldToken]| held.iter().find(|h| h.label == "refresh").map(|h| h.raw.clone());
    lines.push(match (refresh(before), refresh(after)) {
        (Some(old), Some(new)) if old != new => {
            "rotation: a new refresh token replaced the old one, which is now spent; presenting it again revokes the whole family".to_string()
        }
        (Some(_), Some(_)) => "no rotation: the same refresh token stays valid".to_string(),
        _ => "no refresh token held".to_string(),
    });
    lines
}
