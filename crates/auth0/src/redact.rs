//! Secrets a tenant might echo back. A token endpoint that repeats the client secret in its
//! `error_description`, or a proxy that puts the bearer token in its error page, must not have
//! it printed, drawn or logged: every secret this process sends is remembered here, and every
//! text from the tenant shown in an error passes [`redact`] first.

use std::borrow::Cow;
use std::sync::RwLock;

/// What a redacted secret is shown as.
pub const REDACTED: &str = "[redacted]";

/// Fields of a request body whose values are secrets.
pub const SECRET_FIELDS: &[&str] =
    &["client_secret", "client_assertion", "refresh_token", "token", "code", "code_verifier", "password"];

/// Shorter values are not worth hiding (and would hide ordinary words); Auth0's secrets, codes
/// and tokens are all far longer.
const MIN_LEN: usize = 8;

/// How many secrets are remembered: a session holds a handful, and the list must stay bounded
/// whatever a long session sends (the oldest go first).
const MAX_HELD: usize = 256;

static HELD: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Remembers `secret` as one this process holds.
pub fn hold(secret: &str) {
    if secret.len() < MIN_LEN {
        return;
    }
    let mut held = HELD.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    if held.iter().any(|known| known == secret) {
        return;
    }
    if held.len() >= MAX_HELD {
        held.remove(0);
    }
    held.push(secret.to_string());
}

/// `text` with every secret this process holds replaced by [`REDACTED`].
pub fn redact(text: &str) -> Cow<'_, str> {
    let held = HELD.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !held.iter().any(|secret| text.contains(secret.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    // Longest first, so a secret that contains another is hidden whole.
    let mut secrets: Vec<&String> = held.iter().collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for secret in secrets {
        out = out.replace(secret.as_str(), REDACTED);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_secret_is_hidden_wherever_it_appears_and_other_text_is_kept() {
        hold("s3cr3t-VALUE-redact-test-0123");
        hold("short");
        let echoed =
            "invalid client_secret s3cr3t-VALUE-redact-test-0123 (was s3cr3t-VALUE-redact-test-0123)";
        assert_eq!(redact(echoed), "invalid client_secret [redacted] (was [redacted])");
        assert_eq!(redact("a short word"), "a short word");
    }
}
