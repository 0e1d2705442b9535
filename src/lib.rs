//! tenantscope: inspect an Auth0 tenant — its users, grants, device credentials and tokens — from
//! a terminal, and revoke access with one command.
//!
//! The library holds everything so that `tests/` and `benches/` reach it; `main.rs` only parses
//! arguments and runs.

// Nothing prints around the encoders: `output` is the one place allowed to write to stdout and
// stderr.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod audit;
/// The Auth0 access layer, its own crate: the compiler keeps it from reaching the UI.
pub use tenantscope_auth0 as auth0;
pub mod cli;
pub mod config;
pub mod crash;
pub mod doctor;
pub mod key_sets;
pub mod launch;
pub mod output;
pub mod private_files;
pub mod revoke;
pub mod roster;
pub mod secret;
/// The simulated tenant, its own crate: it shares no types with `auth0`, so a mistake in one is
/// never mirrored in the other.
#[cfg(feature = "sim")]
pub use tenantscope_sim as sim;
/// The token inspector, its own crate: pure, with no HTTP client.
pub use tenantscope_token as token;
/// Times as people read them: the token crate's, so every time on screen reads alike.
pub use tenantscope_token::timefmt;
pub mod tui;
