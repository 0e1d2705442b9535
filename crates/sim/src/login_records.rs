//! What the simulated tenant remembers between the steps of a login: the `/authorize` requests
//! waiting for their login form, the codes waiting to be exchanged, and the opaque access tokens
//! (issued without an audience) that `/userinfo` accepts.

use std::collections::HashMap;

/// A code lives this long (Auth0's is short and unconfirmed; plan on under a minute).
pub const CODE_LIFETIME_MS: i64 = 60_000;

/// What `/authorize` was asked, kept while the login form is shown.
#[derive(Debug, Clone, Default)]
pub struct AuthorizeRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// The API asked for; `None`: only the user's profile (`/userinfo`).
    pub audience: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    /// The S256 challenge, when the app sent one.
    pub code_challenge: Option<String>,
    pub login_hint: Option<String>,
}

/// An authorization code: what it was issued for, and to whom.
#[derive(Debug, Clone)]
pub struct AuthCode {
    pub request: AuthorizeRequest,
    pub user_id: String,
    /// When it was issued, by the tenant's clock (milliseconds).
    pub issued_at_ms: i64,
    /// A code is single-use; a second exchange is refused.
    pub used: bool,
}

#[derive(Debug, Clone, Default)]
pub struct LoginRecords {
    /// Keyed by the transaction id the login form carries.
    pub transactions: HashMap<String, AuthorizeRequest>,
    /// Keyed by the code's value.
    pub codes: HashMap<String, AuthCode>,
    /// Opaque access tokens: value → (user id, expiry in seconds).
    pub opaque_access_tokens: HashMap<String, (String, i64)>,
    /// The password every seeded user shares.
    pub password: String,
}
