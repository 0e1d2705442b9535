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
use tenantscope::tui::panes::Remote;
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

    // L: which app, then which of the tenant's APIs; the login runs and its tokens land in Token.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('L'));
    assert!(matches!(app.popup, Some(Popup::ChooseApp { .. })));
    let commands = press(&mut app, KeyCode::Char('1'));
    assert!(matches!(commands.as_slice(), [Command::LoadApis { .. }]), "{commands:?}");
    settle(&mut app, &mut runner, &mut actions, commands).await;
    let Some(Popup::ChooseApi { apis: Remote::Loaded(apis), .. }) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    let reports = apis.iter().position(|a| a.identifier == "https://api.acme.test/reports").expect("the API");
    assert!(apis.iter().all(|a| !a.identifier.ends_with("/api/v2/")), "not the Management API: {apis:?}");
    let digit = char::from_digit(reports as u32 + 1, 10).unwrap();
    let commands = press(&mut app, KeyCode::Char(digit));
    assert!(
        matches!(commands.as_slice(), [Command::Login { login_hint: Some(_), api: Some(_), .. }]),
        "{commands:?}"
    );
    settle(&mut app, &mut runner, &mut actions, commands).await;
    assert_eq!(app.panes.token.labels(), ["access", "ID", "refresh"], "{}", message(&app));
    // With an API the access token is a JWT for it, with the API's scopes.
    let access = app.panes.token.access_token().unwrap();
    let tenantscope::token::Decoded::Jws { payload, .. } = tenantscope::token::decode(&access).unwrap()
    else {
        panic!("a JWT")
    };
    assert!(payload["aud"].to_string().contains("https://api.acme.test/reports"), "{payload:?}");
    assert!(payload["scope"].as_str().unwrap_or_default().contains("read:reports"), "{payload:?}");
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

#[test]
fn l_asks_for_a_selected_user_then_the_application_then_the_api() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use tenantscope::tui::action::{ApiChoice, Outcome};
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.apps = vec![("web".into(), "web-client-id".into())];
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.popup, None);
    assert!(message(&app).contains("L logs in the user selected in Users"), "{}", message(&app));

    let tenant = tui_common::seeded(5);
    let user = tenant.users.at(1).unwrap();
    app.selected_user = Some(UserRow::from_json(&serde_json::Value::Object(user).to_string()).unwrap());
    press(&mut app, KeyCode::Char('L'));
    let commands = press(&mut app, KeyCode::Char('1'));
    let [Command::LoadApis { req }] = commands.as_slice() else { panic!("{commands:?}") };
    let api = |name: &str, identifier: &str| ApiChoice {
        name: name.into(),
        identifier: identifier.into(),
        scopes: vec!["read:reports".into()],
    };
    let apis = vec![
        api("Reports API", "https://api.acme.test/reports"),
        api("Orders API", "https://api.acme.test/orders"),
    ];
    app.update(Action::Done(Outcome::Apis { req: *req, result: Ok(apis) }));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| tenantscope::tui::ui::draw(&app, frame)).unwrap();
    insta::assert_snapshot!("choose_api_80x24", terminal.backend());
    let commands = press(&mut app, KeyCode::Char('0'));
    assert!(matches!(commands.as_slice(), [Command::Login { api: None, .. }]), "none: {commands:?}");
}
