//! Answers in Auth0's shapes: Management `{statusCode, error, message, errorCode}` and
//! Authentication `{error, error_description}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error the handlers return; it renders as Auth0 would. Boxed: a `Response` is large and
/// travels through every `?`.
#[derive(Debug)]
pub struct Reject(Box<Response>);

impl Reject {
    pub fn new(response: impl IntoResponse) -> Reject {
        Reject(Box::new(response.into_response()))
    }
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        *self.0
    }
}

pub type Reply = Result<Response, Reject>;

pub fn ok(value: Value) -> Reply {
    Ok(Json(value).into_response())
}

pub fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub fn management(status: StatusCode, message: &str, error_code: Option<&str>) -> Reject {
    let mut body = json!({
        "statusCode": status.as_u16(),
        "error": status.canonical_reason().unwrap_or("Error"),
        "message": message,
    });
    if let Some(code) = error_code {
        body["errorCode"] = json!(code);
    }
    Reject::new((status, Json(body)))
}

pub fn authentication(status: StatusCode, error: &str, description: &str) -> Reject {
    Reject::new((status, Json(json!({ "error": error, "error_description": description }))))
}

/// An Authentication API error that also points at Auth0's documentation.
pub fn authentication_with_uri(status: StatusCode, error: &str, description: &str, uri: &str) -> Reject {
    Reject::new((status, Json(json!({ "error": error, "error_description": description, "error_uri": uri }))))
}

/// `Query validation error: … on property NAME (…)`, as Auth0 words it.
pub fn invalid_query(property: &str, problem: &str) -> Reject {
    management(
        StatusCode::BAD_REQUEST,
        &format!("Query validation error: '{problem}' on property {property}."),
        Some("invalid_query_string"),
    )
}
