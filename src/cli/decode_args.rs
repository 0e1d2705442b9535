//! The arguments of `tenantscope decode`, shared by the full command line and decode's own
//! small parser (see `args::DecodeCommandLine`).

use clap::Args;

pub(super) const DECODE_ABOUT: &str =
    "Decode a token, verify it against the tenant's keys, and explain every check";

pub(super) const DECODE_EXAMPLES: &str = "Examples:
  pbpaste | tenantscope decode --verify
  tenantscope decode --verify --expect-aud https://api.example.com --expect-scope read:orders TOKEN
  tenantscope decode --json TOKEN | jq .checks";

#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token; without it (or with -) it is read from stdin
    #[arg(id = "input", value_name = "TOKEN")]
    pub token: Option<crate::secret::SecretText>,
    /// Verify the signature against the tenant's keys ({domain}/.well-known/jwks.json)
    #[arg(long)]
    pub verify: bool,
    /// Verify against this key set instead: a URL or a file (implies --verify)
    #[arg(long, value_name = "FILE|URL")]
    pub jwks: Option<String>,
    /// Issuer to expect [default: the tenant's, {domain}/]
    #[arg(long, value_name = "ISS")]
    pub expect_iss: Option<String>,
    /// Audience the token must contain (an API identifier or a client id)
    #[arg(long, value_name = "AUD")]
    pub expect_aud: Option<String>,
    /// Scopes an API requires, space- or comma-separated ("read:x write:y"); RBAC permissions count
    #[arg(long, value_name = "SCOPES")]
    pub expect_scope: Option<String>,
    /// The application (client id) the token must have been issued to (its azp)
    #[arg(long, value_name = "CLIENT_ID")]
    pub expect_azp: Option<String>,
    /// Seconds of clock difference forgiven in the exp, nbf and iat checks
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(0..=crate::token::checks::MAX_LEEWAY))]
    pub leeway: u64,
    /// Print {"kind", "header", "payload", "signature", "checks"} as JSON
    #[arg(long)]
    pub json: bool,
}
