//! Every type that holds a secret or a token formats with `Debug` without it: a panic message, a
//! log line or an assertion failure never spells one out.

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;
use tenantscope::auth0::http::{Body, Effect, Request};
use tenantscope::auth0::{Api, TokenResponse};
use tenantscope::cli::Cli;
use tenantscope::tui::action::{AppChoice, Outcome, PastedTokenAction, PastedTokenOutcome, RequestId};
use tenantscope::tui::{Action, Command};

const SECRET: &str = "s3cr3tVALUE0123456789";

fn assert_redacted(what: &str, shown: String) {
    assert!(!shown.contains(SECRET), "{what} shows the secret: {shown}");
}

#[test]
fn requests_name_their_fields_but_not_the_values() {
    let request = Request {
        api: Api::Authentication,
        method: Method::POST,
        url: "https://acme.example/oauth/token".parse().unwrap(),
        bearer: Some(SecretString::from(SECRET)),
        body: Some(Body::Json(json!({"client_id": "id", "client_secret": SECRET, "refresh_token": SECRET}))),
        effect: Effect::Reads,
    };
    let shown = format!("{request:?}");
    assert_redacted("Request", shown.clone());
    assert!(shown.contains("client_secret"), "the fields are named: {shown}");
    assert_redacted("Body", format!("{:?}", Body::Json(json!(SECRET))));
}

#[test]
fn the_command_line_keeps_tokens_and_secrets_out_of_debug() {
    let decode = Cli::try_from_args(["tenantscope", "decode", SECRET]).unwrap();
    assert_redacted("decode arguments", format!("{decode:?}"));
    let secrets =
        Cli::try_from_args(["tenantscope", "--client-secret", SECRET, "--token", SECRET, "users"]).unwrap();
    assert_redacted("global arguments", format!("{secrets:?}"));
    let connection = secrets.global.connection();
    assert_redacted("connection arguments", format!("{connection:?}"));
}

#[test]
fn actions_commands_and_outcomes_that_carry_a_token_are_redacted() {
    let app = AppChoice { label: None, client_id: "client".into() };
    assert_redacted("Action::Paste", format!("{:?}", Action::Paste(SECRET.into())));
    assert_redacted(
        "Command::VerifyToken",
        format!("{:?}", Command::VerifyToken { req: Default::default(), token: SECRET.into() }),
    );
    assert_redacted(
        "Command::PastedRefreshToken",
        format!(
            "{:?}",
            Command::PastedRefreshToken {
                req: RequestId(1),
                action: PastedTokenAction::Revoke,
                app,
                token: SECRET.into()
            }
        ),
    );
    let still = Outcome::PastedRefreshToken {
        req: RequestId(1),
        action: PastedTokenAction::Verify,
        result: Ok(PastedTokenOutcome::StillAccepted { refresh_token: SECRET.into() }),
    };
    assert_redacted("Outcome::PastedRefreshToken", format!("{still:?}"));
    assert_redacted(
        "Outcome::ClipboardRead",
        format!("{:?}", Outcome::ClipboardRead { req: RequestId(1), result: Ok(SECRET.into()) }),
    );
}

#[test]
fn token_responses_are_redacted() {
    let response: TokenResponse = serde_json::from_value(json!({
        "access_token": SECRET, "refresh_token": SECRET, "id_token": SECRET, "expires_in": 60
    }))
    .unwrap();
    assert_redacted("TokenResponse", format!("{response:?}"));
}
