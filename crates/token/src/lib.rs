//! Tokens a user pastes: what they are, whether the tenant signed them, and why an API might
//! reject them.
//!
//! A crate of its own, and pure: no HTTP client and no terminal. The key set comes in through
//! [`jwks::FetchKeySet`], which the application implements over its Auth0 client; so decoding,
//! verifying and checking a token can be tested, benchmarked and trusted without a network.
//! It also holds [`timefmt`], times as people read them, which every part of tenantscope uses so a
//! token's expiry reads like every other time on the screen.

// Nothing here prints: the application decides what reaches a terminal, and how.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod api_checks;
mod check;
pub mod checks;
pub mod claims;
pub mod decode;
#[cfg(test)]
mod fixtures;
pub mod inspect;
pub mod jwks;
pub mod timefmt;
pub mod verdict;
pub mod verify;

pub use checks::{Check, CheckStatus, Expectations};
pub use decode::{DecodeError, Decoded, decode};
pub use inspect::{Inspection, inspect};
pub use jwks::{FetchKeySet, JwksCache, KeySource};
pub use verdict::Verdict;
pub use verify::{SignatureReport, SignatureStatus, verify, verify_with_key};
