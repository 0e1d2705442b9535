//! Decoding a pasted token without trusting it: JWS (three parts), JWE (five parts, encrypted),
//! Auth0's opaque refresh tokens (`v1.…`), and garbage explained. Never panics, whatever the input.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// A signed JWT: header and payload decoded (the signature is not checked here).
    Jws {
        header: Map<String, Value>,
        payload: Map<String, Value>,
        /// `base64(header).base64(payload)`, what the signature covers.
        signing_input: String,
        /// The third part, base64url.
        signature: String,
    },
    /// An encrypted JWT: only its header can be read.
    Jwe { header: Map<String, Value> },
    /// Auth0's opaque refresh token.
    OpaqueRefreshToken,
    /// A single opaque string: Auth0 issues opaque access tokens when no audience is requested.
    OpaqueAccessToken,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    #[error("nothing to decode: the input is empty")]
    Empty,
    #[error("a JWT has three parts separated by dots (five when encrypted); this has {0}")]
    Parts(usize),
    #[error("part {part} is not valid base64url: {detail}")]
    Base64 { part: usize, detail: String },
    #[error("part {part} is not a JSON object: {detail}")]
    Json { part: usize, detail: String },
    #[error("{0}")]
    NotOpaque(String),
}

/// The shortest and longest opaque token tenantscope recognises.
const OPAQUE_LENGTH: std::ops::RangeInclusive<usize> = 8..=4096;

/// Whether one part, with no dots, has the shape of an opaque token: 8 to 4096 characters of a
/// bearer token (RFC 6750: letters, digits, `-._~+/`, then `=` padding), with both letters and
/// digits, as random tokens have. Otherwise, why not.
fn opaque_shape(token: &str) -> Result<(), String> {
    let body = token.trim_end_matches('=');
    if !OPAQUE_LENGTH.contains(&token.len()) {
        return Err(format!(
            "it is one part of {} characters; an opaque token has {} to {}",
            token.chars().count(),
            OPAQUE_LENGTH.start(),
            OPAQUE_LENGTH.end()
        ));
    }
    if let Some(bad) = body.chars().find(|c| !(c.is_ascii_alphanumeric() || "-._~+/".contains(*c))) {
        return Err(format!("it holds {bad:?}, which no token holds"));
    }
    if !(body.bytes().any(|b| b.is_ascii_digit()) && body.bytes().any(|b| b.is_ascii_alphabetic())) {
        return Err("it is one part without both letters and digits, so it is not a JWT and does not look like an opaque token".into());
    }
    Ok(())
}

/// Spaces inside a line (not the line breaks and indentation of a wrapped paste) mean words, not
/// a token.
fn has_spaces_within_a_line(input: &str) -> bool {
    input.lines().any(|line| line.trim().contains(char::is_whitespace))
}

/// Trims what commonly comes along with a pasted token: whitespace and line breaks, quotes, and an
/// `Authorization: Bearer ` prefix.
pub fn normalize(input: &str) -> String {
    let text = peel(input);
    // A token holds no whitespace: line breaks from wrapping in a terminal or an email go.
    // Whitespace is ASCII or starts with a byte over 0x7f, so most tokens skip the char scan.
    if !text.bytes().any(|b| b.is_ascii_whitespace() || b > 0x7f) {
        return text.to_string();
    }
    text.split_whitespace().collect()
}

/// The input without what commonly comes along with a pasted token: surrounding whitespace and
/// quotes, and an `Authorization: Bearer ` prefix, peeled in any order until nothing changes.
fn peel(input: &str) -> &str {
    let mut text = input.trim();
    loop {
        let before = text;
        text = text.trim_matches(|c: char| c == '"' || c == '\'' || c == '`' || c.is_whitespace());
        for prefix in ["Authorization:", "authorization:", "Bearer ", "bearer "] {
            if let Some(rest) = text.strip_prefix(prefix) {
                text = rest;
            }
        }
        if text == before {
            return text;
        }
    }
}

pub fn decode(input: &str) -> Result<Decoded, DecodeError> {
    let token = normalize(input);
    if token.is_empty() {
        return Err(DecodeError::Empty);
    }
    let not_opaque =
        |why: String| DecodeError::NotOpaque(format!("not a JWT (no dots) and not an opaque token: {why}"));
    let one_part = !token.contains('.') || (token.starts_with("v1.") && !token.starts_with("v1.ey"));
    if one_part && has_spaces_within_a_line(peel(input)) {
        return Err(not_opaque("it holds spaces".into()));
    }
    if let Some(rest) = token.strip_prefix("v1.").filter(|_| !token.starts_with("v1.ey")) {
        opaque_shape(rest).map_err(not_opaque)?;
        return Ok(Decoded::OpaqueRefreshToken);
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => Ok(Decoded::Jws {
            header: json_part(parts[0], 1)?,
            payload: json_part(parts[1], 2)?,
            signing_input: format!("{}.{}", parts[0], parts[1]),
            signature: parts[2].to_string(),
        }),
        5 => Ok(Decoded::Jwe { header: json_part(parts[0], 1)? }),
        1 => opaque_shape(&token).map(|()| Decoded::OpaqueAccessToken).map_err(not_opaque),
        n => Err(DecodeError::Parts(n)),
    }
}

fn json_part(part: &str, index: usize) -> Result<Map<String, Value>, DecodeError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|e| DecodeError::Base64 { part: index, detail: e.to_string() })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(DecodeError::Json { part: index, detail: "it is JSON, but not an object".into() }),
        Err(e) => Err(DecodeError::Json { part: index, detail: e.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        URL_SAFE_NO_PAD.encode(text)
    }

    #[test]
    fn a_jws_with_bearer_quotes_and_line_breaks() {
        let token = format!("{}.{}.sig", b64(r#"{"alg":"RS256","kid":"k"}"#), b64(r#"{"sub":"auth0|1"}"#));
        let pasted = format!("  \"Bearer {}\n{}\"  ", &token[..10], &token[10..]);
        let Ok(Decoded::Jws { header, payload, .. }) = decode(&pasted) else { panic!() };
        assert_eq!(header["alg"], "RS256");
        assert_eq!(payload["sub"], "auth0|1");
    }

    #[test]
    fn opaque_and_encrypted_tokens_are_recognised() {
        assert_eq!(decode("v1.MabcDEF123").unwrap(), Decoded::OpaqueRefreshToken);
        assert_eq!(decode("abcDEF123_-x").unwrap(), Decoded::OpaqueAccessToken);
        let jwe = format!("{}.a.b.c.d", b64(r#"{"alg":"dir","enc":"A256GCM"}"#));
        assert!(matches!(decode(&jwe), Ok(Decoded::Jwe { .. })));
    }

    #[test]
    fn words_and_scraps_are_not_opaque_tokens() {
        for input in [
            "abc",
            "hello world this is not a token",
            "helloworldthisisnotatoken",
            "v1.abc",
            "ab\u{1b}[2Jcd1234",
        ] {
            assert!(
                matches!(decode(input), Err(DecodeError::NotOpaque(_))),
                "{input:?}: {:?}",
                decode(input)
            );
        }
        // A wrapped paste is still one token.
        assert_eq!(decode("abcDEF\n   123_-x").unwrap(), Decoded::OpaqueAccessToken);
        assert_eq!(decode("Bearer abcDEF123_-x").unwrap(), Decoded::OpaqueAccessToken);
        assert_eq!(decode("Authorization: Bearer abcDEF123_-x").unwrap(), Decoded::OpaqueAccessToken);
        assert_eq!(decode("  \"v1.MabcDEF123\"  ").unwrap(), Decoded::OpaqueRefreshToken);
    }

    #[test]
    fn garbage_says_what_is_wrong() {
        assert_eq!(decode("   "), Err(DecodeError::Empty));
        assert_eq!(decode("a.b"), Err(DecodeError::Parts(2)));
        assert!(matches!(decode("###.e30.x"), Err(DecodeError::Base64 { part: 1, .. })));
        assert!(matches!(decode(&format!("{}.e30.x", b64("[1]"))), Err(DecodeError::Json { part: 1, .. })));
    }

    #[test]
    fn strange_input_never_panics() {
        for input in ["\u{0}", "....", "é.é.é", "v1.", "Bearer", "\"\"", &"a.".repeat(10_000)] {
            let _ = decode(input);
        }
    }
}
