//! The event loop on a TestBackend with scripted terminal events: keys are answered while the
//! tenant is still answering, and a task that panics ends the loop with an error.

mod common;
mod tui_common;

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::{Credentials, Http, HttpOptions, ManagementClient, Tenant};
use tenantscope::sim::{SimHandle, SimOptions};
use tenantscope::tui::panes::Pane;
use tenantscope::tui::run::{RunError, event_loop};
use tenantscope::tui::{App, Command, Runner};
use tokio::sync::mpsc;

fn client(sim: &SimHandle) -> ManagementClient {
    let app = sim.full_access();
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app.client_id, app.client_secret);
    ManagementClient::new(Http::new(HttpOptions::default()).unwrap(), tenant, credentials, false)
}

fn key(c: char) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

#[tokio::test]
async fn keys_are_answered_while_a_slow_tenant_is_still_answering() {
    // Every answer takes three seconds; the script below is typed long before the first one.
    let sim =
        common::start_sim(SimOptions { latency: Duration::from_secs(3), ..SimOptions::default() }).await;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let mut app = App::new("sim".into(), false, tui_common::clock());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let script = vec![key('4'), Ok(Event::Paste(tui_common::sample_jwt())), key('?'), key('?'), key('q')];
    let events = futures::stream::iter(script).chain(futures::stream::pending());
    let mut osc52 = Vec::new();
    event_loop(&mut terminal, &mut app, events, &mut runner, &mut actions, &mut osc52, tui_common::clock)
        .await
        .unwrap();
    assert!(app.should_quit);
    assert_eq!(app.focus, Pane::Token);
    assert!(app.token.has_token());
    assert!(app.users.rows.is_empty(), "the users were still on their way");
    assert!(app.status.in_flight > 0);
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("Claims"), "{screen}");
}

#[tokio::test]
async fn a_task_that_panics_ends_the_loop_with_an_error() {
    let sim = common::default_sim().await;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    // OSC 52 is the loop's own job: handed to the runner, its task panics.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    runner.spawn(Command::Osc52("x".into()));
    let mut app = App::new("sim".into(), false, tui_common::clock());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let events = futures::stream::pending::<io::Result<Event>>();
    let mut osc52 = Vec::new();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        event_loop(&mut terminal, &mut app, events, &mut runner, &mut actions, &mut osc52, tui_common::clock),
    )
    .await
    .expect("the loop ends");
    std::panic::set_hook(quiet);
    assert!(matches!(result, Err(RunError::Task(_))), "{result:?}");
}

#[tokio::test]
async fn a_pasted_token_is_verified_against_the_tenants_keys() {
    let sim = common::default_sim().await;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let token = tenantscope::sim::keys::SigningKeys::load()
        .sign(&serde_json::json!({"sub": "auth0|1", "exp": 4_000_000_000u64}));
    let req = tenantscope::tui::action::RequestId(7);
    runner.spawn(Command::VerifyToken { req, token: format!("Bearer {token}").into() });
    let outcome = tokio::time::timeout(Duration::from_secs(10), actions.recv()).await.unwrap().unwrap();
    let tenantscope::tui::Action::Done(tenantscope::tui::action::Outcome::TokenVerified { req: got, report }) =
        outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(got, req);
    assert_eq!(report.status, tenantscope::token::SignatureStatus::Verified, "{}", report.detail);
    assert!(sim.state.received().iter().any(|r| r.target == "/.well-known/jwks.json"));
}

#[tokio::test]
async fn the_uis_revokes_reach_the_audit_trail() {
    let sim = common::default_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx).with_audit(tenantscope::audit::AuditLog::new(log.clone()));
    let (grant, user) = {
        let tenant = sim.state.tenant();
        let g = &tenant.grants[0];
        (g["id"].as_str().unwrap().to_string(), g["user_id"].as_str().unwrap().to_string())
    };
    let target =
        tenantscope::tui::action::RevokeTarget::Grant { id: grant.clone(), user_id: Some(user.clone()) };
    runner.spawn(Command::Revoke(target));
    let outcome = tokio::time::timeout(Duration::from_secs(10), actions.recv()).await.unwrap().unwrap();
    assert!(matches!(
        outcome,
        tenantscope::tui::Action::Done(tenantscope::tui::action::Outcome::Revoked { .. })
    ));
    // The entry is written right after the outcome is sent.
    let _ = tokio::time::timeout(Duration::from_secs(2), runner.next_finished()).await;
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&log).unwrap().trim()).unwrap();
    assert_eq!(line["action"], "revoke_grant");
    assert_eq!(line["target"], grant.as_str());
    assert_eq!(line["user_id"], user.as_str());
    assert_eq!((line["result"].as_str(), line["via"].as_str()), (Some("ok"), Some("tui")));
}
