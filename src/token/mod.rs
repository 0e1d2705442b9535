//! Tokens a user pastes: what they are, whether the tenant signed them, and why an API might
//! reject them.

pub mod api_checks;
mod check;
pub mod checks;
pub mod claims;
pub mod decode;
#[cfg(test)]
mod fixtures;
pub mod inspect;
pub mod jwks;
pub mod verdict;
pub mod verify;

pub use checks::{Check, CheckStatus, Expectations};
pub use decode::{DecodeError, Decoded, decode};
pub use inspect::{Inspection, inspect};
pub use jwks::{JwksCache, KeySource};
pub use verdict::Verdict;
pub use verify::{SignatureReport, SignatureStatus, verify, verify_with_key};
