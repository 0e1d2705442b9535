//! Why a login did not give tokens, in one sentence each: Auth0's words, and what to change.

use super::super::error::Auth0Error;
use crate::text::clean;

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("{}", listen_text(*port, *busy, reason))]
    Listen { port: u16, busy: bool, reason: String },

    #[error("the callback URL {} is not a loopback http URL: use http://127.0.0.1:PORT/callback (or localhost)", clean(.0))]
    NotLoopback(String),

    #[error(
        "no login came back within {minutes} minutes: run login again. If the browser shows Auth0's \"Callback URL mismatch\", the app does not list the callback URL"
    )]
    TimedOut { minutes: u64 },

    #[error("the callback listener stopped before the login came back")]
    NoCallback,

    #[error(
        "the callback's state does not match this login's, so it was refused (a possible cross-site request forgery); run login again"
    )]
    StateMismatch,

    #[error("the callback carried neither a code nor an error")]
    NoCode,

    #[error("{}", denied_text(error, description))]
    Denied { error: String, description: String },

    #[error("{}", exchange_text(.0))]
    Exchange(Auth0Error),

    #[error(
        "the ID token's nonce is not this login's, so the tokens were refused (a replayed or substituted token)"
    )]
    NonceMismatch,
}

fn listen_text(port: u16, busy: bool, reason: &str) -> String {
    if busy {
        format!(
            "port {port} is in use, so the login cannot come back there: free it, or pick another with --callback-port (and add http://127.0.0.1:PORT/callback to the app's Allowed Callback URLs)"
        )
    } else {
        format!("could not listen on 127.0.0.1:{port} for the login's callback: {}", clean(reason))
    }
}

fn denied_text(error: &str, description: &str) -> String {
    let said = format!("Auth0 answered {}: \"{}\"", clean(error), clean(description));
    let hint = match (error, description) {
        ("unauthorized", d) if d.contains("blocked") => {
            "the user is blocked: unblock them (Dashboard → User Management → Users → the user → Unblock) to let them log in"
        }
        ("access_denied", _) => {
            "the login was refused or cancelled (by the user, a rule or an action); run login again"
        }
        ("login_required" | "interaction_required" | "consent_required", _) => {
            "the user must log in interactively: run login again without a silent prompt"
        }
        ("unauthorized_client", _) => {
            "allow the Authorization Code grant: Dashboard → Applications → the app → Settings → Advanced Settings → Grant Types"
        }
        _ => "run login again; if it repeats, check the app's settings in the Dashboard",
    };
    format!("{said}. {hint}")
}

fn exchange_text(error: &Auth0Error) -> String {
    let hint = match error.code() {
        Some("invalid_grant") => {
            "the code was used already or expired (they last under a minute), or the verifier or callback URL did not match; run login again"
        }
        Some("unauthorized_client") => {
            "allow the Authorization Code grant: Dashboard → Applications → the app → Settings → Advanced Settings → Grant Types"
        }
        _ => return format!("exchanging the code failed: {}", error.with_hint()),
    };
    format!("exchanging the code failed: {error}. {hint}")
}
