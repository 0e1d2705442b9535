//! Command mode (`:`): typing, Tab completion, history, what each command does, and `:readonly`
//! holding in the HTTP layer for the rest of the session.

use crate::common;
use crate::tui_common;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tenantscope::auth0::{Auth0Error, Credentials, Http, HttpOptions, ManagementClient, Tenant};
use tenantscope::tui::action::{Outcome, RequestId, RevokeTarget};
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
        matches!(&app.status.message(), Some(Message::Error(m)) if m.starts_with("unknown command :frobnicate; try"))
    );

    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    let Some(Popup::Command { input, .. }) = &app.popup else { panic!() };
    assert_eq!(input.value(), "users name:jo*", "↑ walks back through the history");
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert!(app.history.lines(None).iter().all(|l| !l.contains("v1.")));
}

#[test]
fn up_recalls_only_the_current_profiles_lines() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    app.profile = Some("prod".into());
    type_line(&mut app, "logs");
    app.profile = Some("staging".into());
    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Up);
    let Some(Popup::Command { input, .. }) = &app.popup else { panic!() };
    assert_eq!(input.value(), "", "staging has no history yet");
    key(&mut app, KeyCode::Esc);
    app.profile = Some("prod".into());
    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Up);
    let Some(Popup::Command { input, .. }) = &app.popup else { panic!() };
    assert_eq!(input.value(), "logs");
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
    let [Command::LockReadOnly { req }] = commands.as_slice() else { panic!("{commands:?}") };
    runner.spawn(Command::LockReadOnly { req: *req });
    let _ = tokio::time::timeout(Duration::from_secs(5), actions.recv()).await.unwrap();
    // Even a revoke that reached the runner is refused before anything is sent.
    runner.spawn(Command::Revoke {
        req: RequestId(99),
        target: RevokeTarget::Grant { id: "0123456789abcdef01234567".into(), user_id: None },
    });
    let action = tokio::time::timeout(Duration::from_secs(5), actions.recv()).await.unwrap().unwrap();
    let Action::Done(Outcome::Revoked { verdict: tenantscope::revoke::Verdict::Failed(err), .. }) = action
    else {
        panic!("{action:?}")
    };
    assert!(matches!(err, Auth0Error::ReadOnly { .. }), "{err}");
    assert!(!sim.state.received().iter().any(|r| r.method == "DELETE"));
}

#[test]
fn ctx_alone_opens_a_picker_at_the_profile_in_use() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    app.profile = Some("staging".into());
    app.profiles = vec!["dev".into(), "prod".into(), "staging".into()];
    type_line(&mut app, "ctx");
    assert_eq!(app.popup, Some(Popup::Context(2)), "the picker opens at the profile in use");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.take_switch(), None, "choosing the profile in use switches nothing");
    assert!(matches!(&app.status.message(), Some(Message::Info(m)) if m == "already on staging"));

    type_line(&mut app, "ctx");
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.popup, Some(Popup::Context(0)), "the top stops the cursor");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.take_switch().as_deref(), Some("prod"));

    type_line(&mut app, "ctx");
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.take_switch().as_deref(), Some("dev"), "a digit picks at once");
    type_line(&mut app, "ctx");
    key(&mut app, KeyCode::Esc);
    assert_eq!((app.popup.clone(), app.take_switch()), (None, None));
}

#[test]
fn ctx_without_profiles_says_why() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    type_line(&mut app, "ctx");
    assert!(app.popup.is_none());
    assert!(
        matches!(&app.status.message(), Some(Message::Error(m)) if m.starts_with("no profiles to switch to"))
    );
}

#[test]
fn help_lists_every_command_and_wraps_long_lines_whole() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut app = App::new("t".into(), true, tui_common::clock());
    key(&mut app, KeyCode::Char('?'));
    // Tall enough for all of it; narrow enough that long lines wrap.
    let mut terminal = Terminal::new(TestBackend::new(64, 200)).unwrap();
    terminal.draw(|frame| tenantscope::tui::ui::draw(&app, frame)).unwrap();
    let screen = format!("{}", terminal.backend());
    for (word, _, _) in tenantscope::tui::command_line::WORDS {
        assert!(screen.contains(&format!(":{word}")), ":{word} is in the help:\n{screen}");
    }
    assert!(screen.contains(":grants") && screen.contains(":logs"), "{screen}");
    // The read-only note at the end of a long line wraps onto the next one instead of being cut.
    assert!(screen.contains("(unavailable: --read-only)"), "{screen}");
    assert!(screen.contains("the wheel scrolls"), "{screen}");
}

#[test]
fn tab_cycles_through_every_completion_and_typing_starts_anew() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('s'));
    let line = |app: &App| match &app.popup {
        Some(Popup::Command { input, .. }) => input.value().to_string(),
        other => panic!("{other:?}"),
    };
    let mut seen = Vec::new();
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
        seen.push(line(&app));
    }
    assert_eq!(seen, ["users", "user", "users"]);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(line(&app), "user");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    assert_eq!(line(&app), "user ", "an argument is not completed");
}
