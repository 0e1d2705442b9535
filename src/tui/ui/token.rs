//! The Token pane: a pasted token's header and claims, times readable and expiry relative.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use serde_json::{Map, Value};

use crate::sanitize::clean;
use crate::token::Decoded;

use super::super::app::App;
use super::super::panes::Pane;
use super::{centered_message, pane_block, theme};

/// Claims that hold UNIX times.
const TIME_CLAIMS: &[&str] = &["iat", "nbf", "exp", "auth_time"];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane_block("Token".into(), app.focus == Pane::Token);
    let Some(decoded) = &app.token.decoded else {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines = vec![
            Line::raw("Paste a token here (your terminal's paste), or press p to read the clipboard."),
            Line::raw("It is decoded in memory and never written anywhere."),
        ];
        centered_message(frame, inner, lines, theme::muted());
        return;
    };
    let lines = match decoded {
        Ok(Decoded::Jws { header, payload }) => jws_lines(app, header, payload),
        Ok(Decoded::Jwe { header }) => {
            let mut lines = vec![
                Line::raw("An encrypted token (JWE): only its header can be read without the key."),
                Line::raw(""),
            ];
            lines.extend(section("Header", header, app));
            lines
        }
        Ok(Decoded::OpaqueRefreshToken) => vec![Line::raw(
            "An Auth0 refresh token: opaque, nothing to decode. Revoke it by revoking its grant (2) or device credential (3).",
        )],
        Ok(Decoded::OpaqueAccessToken) => vec![Line::raw(
            "An opaque access token: Auth0 issues these when no audience is requested; only /userinfo accepts them.",
        )],
        Err(error) => vec![Line::styled(format!("Not a token: {error}"), theme::error())],
    };
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((app.token.scroll, 0)),
        area,
    );
}

fn jws_lines(app: &App, header: &Map<String, Value>, payload: &Map<String, Value>) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![Span::styled("Kind       ", theme::label()), Span::raw(kind(payload))]),
        Line::from(vec![
            Span::styled("Signature  ", theme::label()),
            Span::styled(
                "not checked here yet: verification against the tenant's keys comes with the token inspector",
                theme::muted(),
            ),
        ]),
        Line::raw(""),
    ];
    lines.extend(section("Header", header, app));
    lines.push(Line::raw(""));
    lines.extend(section("Claims", payload, app));
    lines
}

/// A first reading of what the token is; the token inspector explains it fully.
fn kind(payload: &Map<String, Value>) -> String {
    let aud = payload.get("aud");
    if payload.get("gty").and_then(Value::as_str) == Some("client-credentials")
        && aud.and_then(Value::as_str).is_some_and(|a| a.ends_with("/api/v2/"))
    {
        "Management API token (client credentials)".into()
    } else if aud.is_some_and(Value::is_string) && payload.get("scope").is_none() {
        "ID token".into()
    } else {
        "access token for an API".into()
    }
}

fn section(title: &str, map: &Map<String, Value>, app: &App) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), theme::header())];
    let width = map.keys().map(|k| k.chars().count()).max().unwrap_or(0).min(24);
    for (key, value) in map {
        let rendered = describe(key, value, app);
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<width$}  ", clean(key)), theme::label()),
            Span::styled(clean(&rendered.0), rendered.1),
        ]));
    }
    lines
}

fn describe(key: &str, value: &Value, app: &App) -> (String, Style) {
    if TIME_CLAIMS.contains(&key)
        && let Some(at) = value.as_i64().and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
    {
        let relative = app.clock.relative(at);
        let expired = key == "exp" && at <= app.clock.now;
        let text = match key {
            "exp" if expired => format!("{} (expired {relative})", app.clock.local(at)),
            "exp" => format!("{} (expires {relative})", app.clock.local(at)),
            _ => format!("{} ({relative})", app.clock.local(at)),
        };
        let style = if expired { theme::error() } else { Style::new() };
        return (text, style);
    }
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    (text, Style::new())
}
