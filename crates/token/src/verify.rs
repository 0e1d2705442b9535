//! Signature verification against a tenant's public keys, with the algorithm policy: RS*, PS* and
//! ES256/384 as the key says; `alg: none` and HS* refused with the reason.

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, KeyOperations, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Serialize;
use serde_json::{Map, Value};

use super::decode::Decoded;
use super::jwks::{JwksCache, KeyError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    Verified,
    Invalid,
    NotChecked,
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureReport {
    pub status: SignatureStatus,
    pub kid: Option<String>,
    pub detail: String,
}

impl SignatureReport {
    pub fn not_checked(detail: &str) -> SignatureReport {
        SignatureReport { status: SignatureStatus::NotChecked, kid: None, detail: detail.into() }
    }
}

/// Verifies `decoded` with the key its header names, fetching keys through `keys`.
pub async fn verify(decoded: &Decoded, keys: &JwksCache) -> SignatureReport {
    let Decoded::Jws { header, .. } = decoded else {
        return SignatureReport {
            status: SignatureStatus::Unavailable,
            kid: None,
            detail: "only a signed JWT (three parts) has a signature to verify".into(),
        };
    };
    let kid = header.get("kid").and_then(Value::as_str);
    if let Err(refused) = header_problem(header).and_then(|()| algorithm(header)) {
        return report(SignatureStatus::Invalid, kid, refused);
    }
    match keys.key(kid).await {
        Ok(jwk) => verify_with_key(decoded, &jwk, &keys.source().describe()),
        Err(err @ KeyError::UnknownKid { .. }) => report(SignatureStatus::Invalid, kid, err.to_string()),
        Err(err @ KeyError::Fetch { .. }) => report(SignatureStatus::Unavailable, kid, err.to_string()),
    }
}

/// Verifies `decoded` with one known key; `from` names where the key came from.
pub fn verify_with_key(decoded: &Decoded, jwk: &Jwk, from: &str) -> SignatureReport {
    let Decoded::Jws { header, signing_input, signature, .. } = decoded else {
        return report(SignatureStatus::Unavailable, None, "not a signed JWT".into());
    };
    let kid = header.get("kid").and_then(Value::as_str);
    let alg = match header_problem(header).and_then(|()| algorithm(header)) {
        Ok(alg) => alg,
        Err(refused) => return report(SignatureStatus::Invalid, kid, refused),
    };
    if let Err(mismatch) = key_fits(jwk, alg) {
        return report(SignatureStatus::Invalid, kid, mismatch);
    }
    let key = match DecodingKey::from_jwk(jwk) {
        Ok(key) => key,
        Err(e) => {
            return report(
                SignatureStatus::Unavailable,
                kid,
                format!("the key from {from} cannot be used: {e}"),
            );
        }
    };
    let name = kid.map(|k| format!("key {k}")).unwrap_or_else(|| "the only key".into());
    match jsonwebtoken::crypto::verify(signature, signing_input.as_bytes(), &key, alg) {
        Ok(true) => {
            report(SignatureStatus::Verified, kid, format!("signed with {name} ({alg:?}) from {from}"))
        }
        Ok(false) => report(
            SignatureStatus::Invalid,
            kid,
            format!(
                "the signature does not match {name} from {from}: the token was altered, or signed by someone else"
            ),
        ),
        Err(e) => report(SignatureStatus::Invalid, kid, format!("the signature is malformed: {e}")),
    }
}

/// What makes a header unverifiable whatever the key: a `kid` that is not a string is malformed
/// (not "no kid"), and `crit` names extensions the verifier must understand (RFC 7515 §4.1.11);
/// tenantscope understands none, so any `crit` fails, as the RFC requires.
fn header_problem(header: &Map<String, Value>) -> Result<(), String> {
    if let Some(kid) = header.get("kid").filter(|kid| !kid.is_string()) {
        return Err(format!("the header is malformed: kid must be a string, and it is {}", json_kind(kid)));
    }
    match header.get("crit") {
        None => Ok(()),
        Some(Value::Array(names)) if !names.is_empty() && names.iter().all(Value::is_string) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
            Err(format!(
                "the header marks {} as critical (crit), an extension tenantscope does not understand; RFC 7515 says such a token must be rejected",
                names.join(", ")
            ))
        }
        Some(_) => Err("the header is malformed: crit must be a non-empty list of names".into()),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The header's algorithm, or why it is refused.
fn algorithm(header: &Map<String, Value>) -> Result<Algorithm, String> {
    let Some(alg) = header.get("alg").and_then(Value::as_str) else {
        return Err("the header names no alg".into());
    };
    match alg {
        "RS256" => Ok(Algorithm::RS256),
        "RS384" => Ok(Algorithm::RS384),
        "RS512" => Ok(Algorithm::RS512),
        "PS256" => Ok(Algorithm::PS256),
        "PS384" => Ok(Algorithm::PS384),
        "PS512" => Ok(Algorithm::PS512),
        "ES256" => Ok(Algorithm::ES256),
        "ES384" => Ok(Algorithm::ES384),
        "none" | "None" | "NONE" => {
            Err("alg is none: an unsigned token proves nothing and is never accepted".into())
        }
        hs if hs.starts_with("HS") => Err(format!(
            "alg is {hs}, a shared-secret algorithm: a public key set cannot verify it, and accepting it would let anyone forge tokens (Auth0 signs HS256 ID tokens with the application's client secret)"
        )),
        other => Err(format!(
            "alg {other} is not one tenantscope verifies (RS256/384/512, PS256/384/512, ES256/384)"
        )),
    }
}

/// The key must be meant for verifying signatures (its `use` absent or `sig`, its `key_ops`, if
/// any, including `verify`: RFC 7517 §4.2–4.3), of the algorithm's family, and for the same
/// algorithm when it says so. An encryption key that happens to be an RSA key proves nothing about
/// who signed.
fn key_fits(jwk: &Jwk, alg: Algorithm) -> Result<(), String> {
    match &jwk.common.public_key_use {
        None | Some(PublicKeyUse::Signature) => {}
        Some(PublicKeyUse::Encryption) => {
            return Err(
                "the key is marked for encryption (\"use\": \"enc\"), not for verifying signatures".into()
            );
        }
        Some(PublicKeyUse::Other(other)) => {
            return Err(format!("the key is marked for {other:?} (use), not for verifying signatures"));
        }
    }
    if let Some(ops) = &jwk.common.key_operations
        && !ops.contains(&KeyOperations::Verify)
    {
        return Err("the key's key_ops do not include verify: it is not for verifying signatures".into());
    }
    if let Some(key_alg) = jwk.common.key_algorithm {
        let key_alg = format!("{key_alg:?}");
        if key_alg != format!("{alg:?}") {
            return Err(format!("the token says {alg:?} but the key is for {key_alg}"));
        }
    }
    let fits = match (&jwk.algorithm, alg) {
        (AlgorithmParameters::RSA(_), Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512) => true,
        (AlgorithmParameters::RSA(_), Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512) => true,
        (AlgorithmParameters::EllipticCurve(ec), Algorithm::ES256) => ec.curve == EllipticCurve::P256,
        (AlgorithmParameters::EllipticCurve(ec), Algorithm::ES384) => ec.curve == EllipticCurve::P384,
        _ => false,
    };
    if fits { Ok(()) } else { Err(format!("the key is not of a kind that {alg:?} uses")) }
}

fn report(status: SignatureStatus, kid: Option<&str>, detail: String) -> SignatureReport {
    SignatureReport { status, kid: kid.map(str::to_string), detail }
}
