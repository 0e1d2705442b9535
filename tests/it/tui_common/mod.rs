//! Helpers for the terminal UI tests: seeded data, a fixed clock, and apps in known states.
#![allow(dead_code)]

use base64::Engine;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tenantscope::auth0::management::UsersPage;
use tenantscope::auth0::{Grant, User};
use tenantscope::sim::seed;
use tenantscope::sim::state::Tenant;
use tenantscope::timefmt::Clock;
use tenantscope::tui::action::Outcome;
use tenantscope::tui::panes::{Pane, SessionRow};
use tenantscope::tui::{Action, App, Command};

/// The instant every UI test lives at.
pub fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").unwrap().with_timezone(&Utc))
}

pub fn seeded(users: usize) -> Tenant {
    seed::seed("https://acme.eu.auth0.com", users, 42)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn press(app: &mut App, c: char) -> Vec<Command> {
    app.update(Action::Key(key(KeyCode::Char(c))))
}

pub fn loaded_page(tenant: &Tenant, start: usize, count: usize) -> UsersPage {
    let end = (start + count).min(tenant.users.len());
    UsersPage {
        users: tenant.users.range(start, end.saturating_sub(start)).into_iter().map(User).collect(),
        total: Some(tenant.users.len() as u64),
    }
}

pub fn names(tenant: &Tenant) -> tenantscope::auth0::ClientNames {
    tenant.apps.iter().map(|a| (a.client_id.clone(), a.name.clone())).collect()
}

/// An app that has opened and received the first `count` users.
pub fn app_with_users(tenant: &Tenant, count: usize) -> (App, Vec<Command>) {
    let mut app = App::new("acme.eu.auth0.com".into(), false, clock());
    let commands = app.start();
    let req = commands
        .iter()
        .find_map(|c| match c {
            Command::LoadUsersPage { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    let more = app.update(Action::Done(Outcome::UsersPage {
        req,
        page: 0,
        result: Ok(loaded_page(tenant, 0, count)),
    }));
    let names_req = commands.iter().find(|c| matches!(c, Command::LoadClientNames { .. })).unwrap().req();
    app.update(Action::Done(Outcome::ClientNames { req: names_req, result: Ok(names(tenant)) }));
    (app, more)
}

/// An app on the Grants pane of a user with at least two grants; returns the grant ids.
pub fn user_with_grants(tenant: &Tenant, read_only: bool) -> (App, Vec<String>) {
    let (mut app, _) = app_with_users(tenant, 100);
    app.read_only = read_only;
    let (index, grants) = tenant
        .users
        .range(0, 100)
        .into_iter()
        .enumerate()
        .find_map(|(i, u)| {
            let grants: Vec<Grant> = tenant
                .grants
                .iter()
                .filter(|g| g["user_id"] == u["user_id"])
                .map(|g| Grant(g.clone()))
                .collect();
            (grants.len() >= 2).then_some((i, grants))
        })
        .unwrap();
    app.panes.users.selection.selected = index;
    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    for command in commands {
        match command {
            Command::LoadGrants { req, .. } => {
                app.update(Action::Done(Outcome::Grants { req, result: Ok(grants.clone()) }));
            }
            Command::LoadDevices { req, user_id } => {
                let devices = tenant
                    .device_credentials
                    .iter()
                    .filter(|d| d["user_id"] == user_id.as_str())
                    .map(|d| tenantscope::auth0::DeviceCredential(d.clone()))
                    .collect();
                app.update(Action::Done(Outcome::Devices { req, result: Ok(devices) }));
            }
            Command::LoadSessions { req, user_id } => {
                let mut rows: Vec<SessionRow> = tenant
                    .sessions
                    .iter()
                    .filter(|s| s["user_id"] == user_id.as_str())
                    .map(|s| SessionRow::Session(tenantscope::auth0::Session(s.clone())))
                    .collect();
                rows.extend(
                    tenant
                        .refresh_tokens_of(&user_id)
                        .into_iter()
                        .map(|t| SessionRow::RefreshToken(tenantscope::auth0::RefreshTokenInfo(t))),
                );
                app.update(Action::Done(Outcome::Sessions { req, result: Ok(rows) }));
            }
            Command::LoadLoginBlocks { req, user_id } => {
                let none = Ok(serde_json::json!({ "blocked_for": [] }));
                app.update(Action::Done(Outcome::LoginBlocks { req, user_id, result: none }));
            }
            _ => {}
        }
    }
    app.focus = Pane::Grants;
    let ids = grants.iter().map(|g| g.id().unwrap().to_string()).collect();
    (app, ids)
}

/// An unsigned access token with the claims the Token pane explains.
pub fn sample_jwt() -> String {
    let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let now = clock().now.timestamp();
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "tenantscope-sim-1"})),
        b64(serde_json::json!({
            "iss": "https://acme.eu.auth0.com/",
            "sub": "auth0|64ab",
            "aud": ["https://api.acme.test/orders", "https://acme.eu.auth0.com/userinfo"],
            "iat": now - 3600,
            "exp": now + 23 * 3600 + 12 * 60,
            "azp": "8XVCaBcDeFgHiJkLmNoPqRsTuVwXyZ01",
            "scope": "openid profile read:orders",
            "https://acme.test/roles": ["admin"],
        }))
    )
}

/// An ID token that expired two hours ago, signed with a key the tenant no longer has.
pub fn expired_jwt() -> String {
    let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let now = clock().now.timestamp();
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "old-key"})),
        b64(serde_json::json!({
            "iss": "https://acme.eu.auth0.com/",
            "sub": "google-oauth2|1234",
            "aud": "8XVCaBcDeFgHiJkLmNoPqRsTuVwXyZ01",
            "iat": now - 12 * 3600,
            "exp": now - 2 * 3600,
            "nonce": "n-0S6_WzA2Mj",
            "sid": "Zx3kP9aQ",
            "name": "Jane Doe",
            "email": "jane@example.com",
            "updated_at": "2026-11-20T10:00:00.000Z",
        }))
    )
}

/// The profile's applications as the UI sees them (labels and client ids of the seed's apps).
pub fn profile_apps(tenant: &Tenant) -> Vec<(String, String)> {
    tenant.apps[3..].iter().map(|a| (a.name.to_lowercase().replace(' ', "-"), a.client_id.clone())).collect()
}

/// The focused pane's own area of a drawn frame, a quoted line a row as `TestBackend` shows the
/// whole screen: what a pane's snapshot holds, so the tab bar and the status bar (the chrome,
/// snapshotted on their own) never change it.
pub fn pane_area(backend: &ratatui::backend::TestBackend) -> String {
    let buffer = backend.buffer();
    let [_, body, _] = tenantscope::tui::ui::bands(buffer.area);
    let mut text = String::new();
    for y in body.top()..body.bottom() {
        // A wide character covers the cell after it too, as TestBackend shows it.
        let (mut row, mut covered) = (String::new(), 0);
        for x in body.left()..body.right() {
            let symbol = buffer[(x, y)].symbol();
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            row.push_str(symbol);
        }
        text.push_str(&format!("\"{row}\"\n"));
    }
    text
}
