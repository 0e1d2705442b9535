//! Command mode (`:`): typing, Tab completion, history, what each command does, and `:readonly`
//! holding in the HTTP layer for the rest of the session.

mod common;
mod tui_common;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tenantscope::auth0::{Auth0Error, Credentials, Http, HttpOptions, ManagementClient, Tenant};
use tenantscope::tui::action::{Outcome, RevokeTarget};
use tenantscope::tui::overlay::{Message, Popup};
use tenantscope::tui::panes::Pane;
use tenantscope::tui::{Action, App, Command, Runner};
use tokio::sync::mpsc;

fn key(app: &mut App, code: KeyCode) -> Vec<Command> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_line(app: &mut App, line: &str) -> Vec<Command> {
    key(app, KeyCode::Char(':'));
    for c in line.chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter)
}

#[test]
fn tab_completes_enter_runs_and_unknown_commands_get_a_hint() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    key(&mut app, KeyCode::Char(':'));
    assert!(matches!(app.popup, Some(Popup::Command { .. })));
    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Char('o'));
    key(&mut app, KeyCode::Tab);
    let Some(Popup::Command { input, .. }) = &app.popup else { panic!() };
    assert_eq!(input.value(), "logs ");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Logs);

    let commands = type_line(&mut app, "users name:jo*");
    assert_eq!(app.focus, Pane::Users);
    assert!(
        matches!(commands.as_slice(), [Command::LoadUsersPage { query, .. }] if query.q.as_deref() == Some("name:jo*"))
    );

    type_line(&mut app, "frobnicate");
    assert!(
        matches!(&app.status.message, Some(Message::Error(m)) if m.starts_with("unknown command :frobnicate; try"))
    );

    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    let Some(Popup::Command { input, .. }) = &app.popup else { panic!() };
    assert_eq!(input.value(), "users name:jo*", "↑ walks back through the history");
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert!(app.history.iter().all(|l| !l.contains("v1.")));
}

#[test]
fn user_searches_by_email_or_id_and_q_quits() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    let commands = type_line(&mut app, "user jane@example.com");
    assert!(
        matches!(commands.as_slice(), [Command::LoadUsersPage { query, .. }] if query.q.as_deref() == Some("email:\"jane@example.com\""))
    );
    let commands = type_line(&mut app, "user auth0|64ab");
    assert!(
        matches!(commands.as_slice(), [Command::LoadUsersPage { query, .. }] if query.q.as_deref() == Some("user_id:\"auth0|64ab\""))
    );
    type_line(&mut app, "q");
    assert!(app.should_quit);
}

#[tokio::test]
async fn readonly_holds_in_the_http_layer_for_the_rest_of_the_session() {
    let sim = common::default_sim().await;
    let app_secrets = sim.full_access();
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app_secrets.client_id, app_secrets.client_secret);
    let client =
        ManagementClient::new(Http::new(HttpOptions::default()).unwrap(), tenant, credentials, false);
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client, tx);
    let mut app = App::new("sim".into(), false, tui_common::clock());
    let commands = type_line(&mut app, "readonly");
    assert!(app.read_only);
    assert_eq!(commands, [Command::LockReadOnly]);
    runner.spawn(Command::LockReadOnly);
    let _ = tokio::time::timeout(Duration::from_secs(5), actions.recv()).await.unwrap();
    // Even a revoke that reached the runner is refused before anything is sent.
    runner
        .spawn(Command::Revoke(RevokeTarget::Grant { id: "0123456789abcdef01234567".into(), user_id: None }));
    let action = tokio::time::timeout(Duration::from_secs(5), actions.recv()).await.unwrap().unwrap();
    let Action::Done(Outcome::Revoked { result: Err(err), .. }) = action else { panic!("{action:?}") };
    assert!(matches!(err, Auth0Error::ReadOnly { .. }), "{err}");
    assert!(!sim.state.received().iter().any(|r| r.method == "DELETE"));
}
