//! Text that may be a secret: a pasted token, a refresh token, whatever was pasted or read from
//! the clipboard. It travels through actions and commands like any value, but its `Debug` shows
//! only its length, so a logged or panicking action never spells it out.

/// A `String` whose `Debug` is redacted. Read it with [`SecretText::expose`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretText(String);

impl SecretText {
    pub fn new(text: impl Into<String>) -> SecretText {
        SecretText(text.into())
    }

    /// The text itself, for the code that must use it (decode it, send it to its tenant).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretText(<{} bytes, redacted>)", self.0.len())
    }
}

impl From<String> for SecretText {
    fn from(text: String) -> SecretText {
        SecretText(text)
    }
}

impl From<&str> for SecretText {
    fn from(text: &str) -> SecretText {
        SecretText(text.to_string())
    }
}

impl PartialEq<str> for SecretText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SecretText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::SecretText;

    #[test]
    fn debug_never_shows_the_text() {
        let secret = SecretText::from("v1.MsecretRefreshToken0123");
        let shown = format!("{secret:?} {:?} {:#?}", Some(&secret), vec![secret.clone()]);
        assert!(!shown.contains("secret") || !shown.contains("MsecretRefresh"), "{shown}");
        assert!(!shown.contains("MsecretRefresh"), "{shown}");
        assert_eq!(secret, "v1.MsecretRefreshToken0123");
    }
}
