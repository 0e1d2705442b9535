//! The Token pane's half of the lifecycle, through the app and the real runner against the
//! simulated tenant: `L` logs the selected user in (the demo's stand-in plays the person), `F`
//! refreshes and shows what rotation changed, `U` asks /userinfo, `R` revokes and proves it.

use crate::common;
use crate::tui_common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tenantscope::auth0::login::{LoginRequest, StandIn};
use tenantscope::auth0::{Credentials, Http, HttpOptions, ManagementClient, Tenant, UserRow};
use tenantscope::config::AppProfile;
use tenantscope::sim::{SimHandle, browser};
use tenantscope::tui::overlay::Popup;
use tenantscope::tui::panes::Pane;
use tenantscope::tui::{Action, App, Command, Runner};
use tokio::sync::mpsc::{self, UnboundedReceiver};

fn client(sim: &SimHandle) -> ManagementClient {
    let app = sim.full_access();
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app.client_id, app.client_secret);
    ManagementClient::new(Http::new(HttpOptions::default()).unwrap(), tenant, credentials, false)
}

fn stand_in(sim: &SimHandle) -> StandIn {
    let password = sim.password();
    Arc::new(move |url: String, email: String| {
        let password = password.clone();
        Box::pin(async move { browser::log_in(&url, &email, &password).await })
    })
}

/// Runs `commands` and everything they lead to until no request is in flight.
async fn settle(
    app: &mut App,
    runner: &mut Runner,
    actions: &mut UnboundedReceiver<Action>,
    commands: Vec<Command>,
) {
    for command in commands {
        runner.spawn(command);
    }
    while app.status.in_flight > 0 {
        let action =
            tokio::time::timeout(Duration::from_secs(20), actions.recv()).await.expect("an answer").unwrap();
        for command in app.update(action) {
            runner.spawn(command);
        }
    }
}

fn press(app: &mut App, code: KeyCode) -> Vec<Command> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn message(app: &App) -> String {
    match &app.status.message() {
        Some(m) => m.text().to_string(),
        None => String::new(),
    }
}

#[tokio::test]
async fn log_in_refresh_ask_userinfo_and_revoke_from_the_token_pane() {
    let sim = common::default_sim().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    sim.allow_callback("Acme iOS", LoginRequest::loopback_callback(port).as_str());
    let ios = sim.app("Acme iOS").unwrap();
    let apps = BTreeMap::from([(
        "ios".to_string(),
        AppProfile { client_id: ios.client_id.clone(), client_secret: None, callback_url: None },
    )]);
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner =
        Runner::new(client(&sim), tx).with_apps(apps).with_stand_in(stand_in(&sim)).with_callback_port(port);
    let mut app = App::new("sim".into(), false, tui_common::clock());
    app.apps = vec![("ios".into(), ios.client_id.clone())];
    let user = sim.state.tenant().users.iter().find(|u| u.get("blocked").is_none()).unwrap();
    app.selected_user = Some(UserRow::from_json(&serde_json::Value::Object(user).to_string()).unwrap());

    // L: which app, then the login runs and its tokens land in Token.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('L'));
    assert!(matches!(app.popup, Some(Popup::ChooseApp { .. })));
    let commands = press(&mut app, KeyCode::Char('1'));
    assert!(matches!(commands.as_slice(), [Command::Login { login_hint: Some(_), .. }]), "{commands:?}");
    settle(&mut app, &mut runner, &mut actions, commands).await;
    assert_eq!(app.panes.token.labels(), ["access", "ID", "refresh"], "{}", message(&app));
    assert_eq!(app.focus, Pane::Token);
    let first_refresh = app.panes.token.refresh_token().unwrap();

    // F: the app the tokens came from is offered with Enter; rotation is shown.
    press(&mut app, KeyCode::Char('F'));
    let commands = press(&mut app, KeyCode::Enter);
    assert!(matches!(commands.as_slice(), [Command::RefreshHeld { .. }]), "{commands:?}");
    settle(&mut app, &mut runner, &mut actions, commands).await;
    assert!(
        app.panes.token.changes.iter().any(|c| c.starts_with("rotation:")),
        "{:?}",
        app.panes.token.changes
    );
    assert_ne!(app.panes.token.refresh_token().unwrap(), first_refresh);

    // U: /userinfo about the held access token.
    let commands = press(&mut app, KeyCode::Char('U'));
    settle(&mut app, &mut runner, &mut actions, commands).await;
    let Some(Ok(info)) = &app.panes.token.userinfo else { panic!("{:?}", app.panes.token.userinfo) };
    assert!(info.contains("\"sub\""), "{info}");

    // S: the ID token's session, in Sessions, once they are loaded.
    let sid = app.panes.token.session_id().expect("the ID token names its session");
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.focus, Pane::Sessions);
    let commands = press(&mut app, KeyCode::Char('r'));
    settle(&mut app, &mut runner, &mut actions, commands).await;
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('S'));
    let highlighted = app.panes.sessions.highlighted().and_then(|row| row.id()).map(str::to_string);
    assert_eq!(highlighted.as_deref(), Some(sid.as_str()), "{}", message(&app));
    press(&mut app, KeyCode::Char('4'));

    // → shows the ID token, and its signature is checked.
    let commands = press(&mut app, KeyCode::Right);
    assert!(matches!(commands.as_slice(), [Command::VerifyToken { .. }]));
    settle(&mut app, &mut runner, &mut actions, commands).await;

    // R: revoke the held refresh token, and prove it dead.
    press(&mut app, KeyCode::Char('R'));
    let commands = press(&mut app, KeyCode::Enter);
    settle(&mut app, &mut runner, &mut actions, commands).await;
    let said = message(&app);
    assert!(said.starts_with("revoked: the held refresh token") && said.contains("invalid_grant"), "{said}");
}

#[tokio::test]
async fn the_read_only_guard_holds_for_every_key_that_spends_or_issues_a_token() {
    let mut app = App::new("sim".into(), true, tui_common::clock());
    press(&mut app, KeyCode::Char('4'));
    // Revoke, verify (a probe spends a token that works), login (issues a session), refresh.
    for key in ['R', 'V', 'L', 'F'] {
        press(&mut app, KeyCode::Char(key));
        assert!(app.popup.is_none(), "{key} is refused under --read-only");
        assert!(message(&app).starts_with("read-only:"), "{key}: {}", message(&app));
    }
    // Looking at the held token stays allowed.
    press(&mut app, KeyCode::Char('p'));
    assert!(!matches!(app.popup, Some(Popup::ChooseApp { .. })));
}
