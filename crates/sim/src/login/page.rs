//! The pages a person sees in the browser: the login form (a plain HTML form, no script) and
//! Auth0's error pages, such as the one for a callback URL the app does not list.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The login form for `app_name`; `error` above the fields after a failed attempt.
pub fn login_form(
    app_name: &str,
    transaction: &str,
    login_hint: Option<&str>,
    error: Option<&str>,
) -> Response {
    let error =
        error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in | {app}</title></head>\n\
         <body><main><h1>Welcome</h1><p>Log in to continue to {app}.</p>{error}\n\
         <form method=\"post\" action=\"/u/login\">\n\
         <input type=\"hidden\" name=\"tx\" value=\"{tx}\">\n\
         <label>Email address <input type=\"email\" name=\"email\" value=\"{hint}\" autocomplete=\"username\" required></label>\n\
         <label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\n\
         <button type=\"submit\" name=\"action\" value=\"login\">Continue</button>\n\
         <button type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button>\n\
         </form></main></body></html>\n",
        app = escape(app_name),
        tx = escape(transaction),
        hint = escape(login_hint.unwrap_or_default()),
    );
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    (status, Html(body)).into_response()
}

/// An error shown in the browser instead of a redirect, as Auth0 does when it cannot trust the
/// callback URL.
pub fn error_page(title: &str, description: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head>\n\
         <body><main><h1>Oops!, something went wrong</h1><p><b>{}</b></p><p>{}</p></main></body></html>\n",
        escape(title),
        escape(description)
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

/// `text`, safe inside HTML text and inside a quoted attribute: the login form shows what the
/// request carried (a client name, a login hint), which anyone can put in a URL.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
