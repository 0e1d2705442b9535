//! Tokens a user pastes: what they are and what they say.

pub mod decode;

pub use decode::{DecodeError, Decoded, decode};
