//! The loopback listener a native app's login returns to (RFC 8252): bound before the browser
//! opens, on the registered port, it takes exactly one callback — the one carrying the `state`
//! this login sent — answers the browser with a short page, and gives up after a timeout. A
//! request with a wrong or missing `state` (another local process, or any web page with an
//! `<img src="http://127.0.0.1:PORT/callback">`) gets an error page and is ignored: it cannot end
//! the login.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::errors::LoginError;
use crate::html::escape;

/// What came back on the callback: `code` and `state`, or `error` and `error_description`.
pub type CallbackQuery = HashMap<String, String>;

pub struct CallbackListener {
    listener: TcpListener,
    path: String,
}

type Slot = Arc<Mutex<Option<oneshot::Sender<CallbackQuery>>>>;

/// What the handler needs: where the one callback goes, and the `state` it must carry.
#[derive(Clone)]
struct Expecting {
    slot: Slot,
    state: Arc<str>,
}

impl CallbackListener {
    /// Binds the callback's port on 127.0.0.1 (also for `localhost`, which browsers resolve there).
    pub async fn bind(redirect_uri: &url::Url) -> Result<CallbackListener, LoginError> {
        let port = redirect_uri.port_or_known_default().unwrap_or(80);
        let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|error| LoginError::Listen {
            port,
            busy: error.kind() == std::io::ErrorKind::AddrInUse,
            reason: error.to_string(),
        })?;
        Ok(CallbackListener { listener, path: redirect_uri.path().to_string() })
    }

    /// Serves until a callback carrying `state` arrives (its query), or until `timeout`.
    pub async fn wait(self, timeout: Duration, state: &str) -> Result<CallbackQuery, LoginError> {
        let (tx, rx) = oneshot::channel();
        let expecting = Expecting { slot: Arc::new(Mutex::new(Some(tx))), state: state.into() };
        let app = Router::new().route(&self.path, get(on_callback)).with_state(expecting);
        let server = tokio::spawn(async move {
            let _ = axum::serve(self.listener, app).await;
        });
        let result = tokio::time::timeout(timeout, rx).await;
        // Let the page reach the browser before the listener goes.
        tokio::time::sleep(Duration::from_millis(100)).await;
        server.abort();
        match result {
            Ok(Ok(query)) => Ok(query),
            Ok(Err(_)) => Err(LoginError::NoCallback),
            Err(_) => Err(LoginError::TimedOut { minutes: timeout.as_secs().div_ceil(60) }),
        }
    }
}

async fn on_callback(State(expecting): State<Expecting>, Query(query): Query<CallbackQuery>) -> Response {
    if query.get("state").map(String::as_str) != Some(&*expecting.state) {
        return (
            StatusCode::BAD_REQUEST,
            page("This answer does not carry the state of the login tenantscope started, so it was ignored. Finish the login in the tab tenantscope opened."),
        )
            .into_response();
    }
    let sender = expecting.slot.lock().ok().and_then(|mut s| s.take());
    let Some(sender) = sender else {
        return (StatusCode::CONFLICT, page("This login has already finished. You can close this tab."))
            .into_response();
    };
    let text = match query.get("error") {
        Some(error) => format!(
            "Auth0 answered {}: {}. Return to tenantscope for what to do; you can close this tab.",
            error,
            query.get("error_description").map(String::as_str).unwrap_or("no description")
        ),
        None => "Logged in. You can close this tab and return to tenantscope.".to_string(),
    };
    let _ = sender.send(query);
    page(&text).into_response()
}

fn page(text: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tenantscope</title></head>\
         <body><main><h1>tenantscope</h1><p>{}</p></main></body></html>\n",
        escape(text)
    ))
}
