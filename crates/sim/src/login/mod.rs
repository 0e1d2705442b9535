//! Logging a user in, as Auth0's Universal Login does it for the authorization code flow:
//! `GET /authorize` checks the app and its callback URL and shows a login form; `POST /u/login`
//! checks the password and redirects to the callback with a code (or an error); `exchange.rs`
//! trades the code for tokens at `/oauth/token`.

mod exchange;
mod issue;
mod page;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use exchange::exchange_code;

use super::SimState;
use super::log_book::Entry;
use super::login_records::{AuthCode, AuthorizeRequest};

type Shared = State<Arc<SimState>>;
type Params = HashMap<String, String>;

pub fn routes() -> Router<Arc<SimState>> {
    Router::new().route("/authorize", get(authorize)).route("/u/login", post(login))
}

/// `GET /authorize`: the login form, or an error on the callback (or, for a callback the app does
/// not list, in the browser).
async fn authorize(State(state): Shared, Query(params): Query<Params>) -> Response {
    let get = |name: &str| params.get(name).filter(|v| !v.is_empty()).cloned();
    let Some(client_id) = get("client_id") else {
        return page::error_page("invalid_request", "Missing required parameter: client_id");
    };
    let Some(app) = state.tenant().app(&client_id).cloned() else {
        return page::error_page("invalid_request", &format!("Unknown client: {client_id}"));
    };
    let redirect_uri = get("redirect_uri").unwrap_or_default();
    if !app.callbacks.contains(&redirect_uri) {
        return page::error_page(
            "Callback URL mismatch.",
            &format!(
                "The provided redirect_uri is not in the list of allowed callback URLs. ({redirect_uri})"
            ),
        );
    }
    let request = AuthorizeRequest {
        client_id,
        redirect_uri,
        scopes: get("scope")
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        audience: get("audience"),
        state: get("state"),
        nonce: get("nonce"),
        code_challenge: get("code_challenge"),
        login_hint: get("login_hint"),
    };
    if let Some(error) = refusal(&state, &params, &request) {
        return callback(&request, &[("error", error.0), ("error_description", &error.1)]);
    }
    let transaction = state.random_text(24);
    let hint = request.login_hint.clone();
    state.tenant().logins.transactions.insert(transaction.clone(), request);
    page::login_form(&app.name, &transaction, hint.as_deref(), None)
}

/// Why `/authorize` answers on the callback without a login, if it does.
fn refusal(state: &SimState, params: &Params, request: &AuthorizeRequest) -> Option<(&'static str, String)> {
    if params.get("response_type").map(String::as_str) != Some("code") {
        return Some((
            "unsupported_response_type",
            "Unsupported response type: only code is served here".into(),
        ));
    }
    if request.code_challenge.is_some()
        && params.get("code_challenge_method").map(String::as_str) != Some("S256")
    {
        return Some(("invalid_request", "code_challenge_method must be S256".into()));
    }
    if let Some(audience) = &request.audience
        && !state.tenant().apis.contains(audience)
    {
        return Some(("access_denied", format!("Service not found: {audience}")));
    }
    if params.get("prompt").map(String::as_str) == Some("none") {
        return Some(("login_required", "Login required".into()));
    }
    None
}

/// `POST /u/login`: the form's answer.
async fn login(State(state): Shared, Form(form): Form<Params>) -> Response {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let transaction = field("tx").to_string();
    let Some(request) = state.tenant().logins.transactions.get(&transaction).cloned() else {
        return page::error_page("invalid_request", "This login has expired or is unknown: start it again.");
    };
    if field("action") == "cancel" {
        state.tenant().logins.transactions.remove(&transaction);
        return callback(
            &request,
            &[("error", "access_denied"), ("error_description", "User did not authorize the request")],
        );
    }
    let user = {
        let tenant = state.tenant();
        let email = field("email").trim().to_ascii_lowercase();
        let user = tenant.users.iter().find(|u| {
            u.get("email").and_then(|e| e.as_str()).is_some_and(|e| e.to_ascii_lowercase() == email)
        });
        user.filter(|_| field("password") == tenant.logins.password)
    };
    let app_name = state.tenant().app(&request.client_id).map(|a| a.name.clone()).unwrap_or_default();
    let email = field("email").to_string();
    let entry = |description, user_id| Entry {
        description,
        user_id,
        user_name: Some(&email),
        client_id: Some(&request.client_id),
        client_name: Some(&app_name),
        ip: Some("127.0.0.1"),
        ..Entry::default()
    };
    let Some(user) = user else {
        state.log("fp", entry("Wrong email or password.", None));
        return page::login_form(
            &app_name,
            &transaction,
            Some(field("email")),
            Some("Wrong email or password."),
        );
    };
    state.tenant().logins.transactions.remove(&transaction);
    let user_id = user.get("user_id").and_then(|u| u.as_str()).unwrap_or_default().to_string();
    if user.get("blocked") == Some(&serde_json::Value::Bool(true)) {
        state.log("f", entry("user is blocked", Some(&user_id)));
        return callback(&request, &[("error", "unauthorized"), ("error_description", "user is blocked")]);
    }
    state.log("s", entry("Successful login", Some(&user_id)));
    let code = state.random_text(32);
    let record =
        AuthCode { request: request.clone(), user_id, issued_at_ms: state.clock.now_millis(), used: false };
    state.tenant().logins.codes.insert(code.clone(), record);
    callback(&request, &[("code", &code)])
}

/// A redirect to the request's callback with `fields` and its `state`.
fn callback(request: &AuthorizeRequest, fields: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(&request.redirect_uri) else {
        return page::error_page("invalid_request", "The callback URL is not a URL.");
    };
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in fields {
            query.append_pair(name, value);
        }
        if let Some(state) = &request.state {
            query.append_pair("state", state);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}
