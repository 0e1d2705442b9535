//! The secrets of one login (RFC 7636, OIDC): a PKCE code verifier and its S256 challenge, and
//! the `state` and `nonce` that tie the callback and the ID token to this login. All from the
//! operating system's CSPRNG, through rand's thread generator.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

pub struct LoginSecrets {
    /// Sent only to `/oauth/token`, with the code.
    pub verifier: SecretString,
    /// Sent to `/authorize`: base64url(SHA-256(verifier)).
    pub challenge: String,
    pub state: String,
    pub nonce: String,
}

impl LoginSecrets {
    pub fn new() -> LoginSecrets {
        // 32 bytes make a 43-character verifier, the shortest RFC 7636 allows, with 256 bits.
        let verifier = random_text(32);
        let challenge = s256(&verifier);
        LoginSecrets { verifier: verifier.into(), challenge, state: random_text(24), nonce: random_text(24) }
    }

    pub fn verifier(&self) -> &str {
        self.verifier.expose_secret()
    }
}

impl Default for LoginSecrets {
    fn default() -> Self {
        LoginSecrets::new()
    }
}

/// base64url(SHA-256(verifier)), unpadded: the S256 challenge.
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn random_text(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_rfc_7636s_example() {
        // RFC 7636, appendix B.
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn every_login_gets_its_own_secrets() {
        let (a, b) = (LoginSecrets::new(), LoginSecrets::new());
        assert_eq!(a.verifier().len(), 43);
        assert_ne!(a.verifier(), b.verifier());
        assert_ne!(a.state, b.state);
        assert_ne!(a.nonce, b.nonce);
    }
}
