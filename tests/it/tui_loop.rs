//! The event loop on a TestBackend with scripted terminal events: keys are answered while the
//! tenant is still answering, and a task that panics ends the loop with an error.

use crate::common;
use crate::tui_common;

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::{Credentials, Http, HttpOptions, ManagementClient, Tenant};
use tenantscope::sim::{SimHandle, SimOptions};
use tenantscope::tui::panes::Pane;
use tenantscope::tui::run::{Link, RunError, event_loop};
use tenantscope::tui::{App, Command, Runner};
use tokio::sync::mpsc;

fn client(sim: &SimHandle) -> ManagementClient {
    let app = sim.full_access();
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app.client_id, app.client_secret);
    ManagementClient::new(Http::new(HttpOptions::default()).unwrap(), tenant, credentials, false)
}

/// These tests stay on one tenant.
fn no_switch(_: &str) -> Result<tenantscope::tui::tenant::Connection, String> {
    Err("one tenant".into())
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
    event_loop(
        &mut terminal,
        &mut app,
        events,
        Link { runner: &mut runner, actions: &mut actions },
        &mut osc52,
        tui_common::clock,
        &mut no_switch,
    )
    .await
    .unwrap();
    assert!(app.should_quit);
    assert_eq!(app.focus, Pane::Token);
    assert!(app.panes.token.has_token());
    assert!(app.panes.users.rows.is_empty(), "the users were still on their way");
    assert!(app.status.in_flight > 0);
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("Claims"), "{screen}");
}

#[tokio::test]
async fn a_task_that_panics_ends_the_loop_with_an_error() {
    let sim = common::default_sim().await;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    runner.spawn_task(async { panic!("a task's bug") });
    let mut app = App::new("sim".into(), false, tui_common::clock());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let events = futures::stream::pending::<io::Result<Event>>();
    let mut osc52 = Vec::new();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        event_loop(
            &mut terminal,
            &mut app,
            events,
            Link { runner: &mut runner, actions: &mut actions },
            &mut osc52,
            tui_common::clock,
            &mut no_switch,
        ),
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
    runner.spawn(Command::Revoke { req: tenantscope::tui::action::RequestId(1), target });
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
    assert_eq!((line["verdict"].as_str(), line["via"].as_str()), (Some("revoked"), Some("tui")));
}

/// The audit lines the runner writes for one command, once its task has finished.
async fn audited_by_the_ui(sim: &SimHandle, command: Command) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(sim), tx).with_audit(tenantscope::audit::AuditLog::new(log.clone()));
    runner.spawn(command);
    tokio::time::timeout(Duration::from_secs(30), actions.recv()).await.unwrap().unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(5), runner.next_finished()).await;
    audit_lines(&log)
}

fn audit_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// (action, target) of each line.
fn actions_of(lines: &[serde_json::Value]) -> Vec<(String, String)> {
    lines
        .iter()
        .map(|l| (l["action"].as_str().unwrap().to_string(), l["target"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn a_held_token_revoked_in_the_ui_is_audited_as_the_cli_audits_it() {
    let sim = common::default_sim().await;
    // Two live tokens of one public application (no secret needed to revoke them).
    let (client_id, tokens) = {
        let tenant = sim.state.tenant();
        let public: Vec<(String, String)> = tenant
            .refresh_tokens
            .iter()
            .filter(|(_, t)| t.valid && tenant.app(&t.client_id).is_some_and(|a| a.client_secret.is_none()))
            .map(|(value, t)| (t.client_id.clone(), value.clone()))
            .collect();
        let client_id = public[0].0.clone();
        let tokens: Vec<String> =
            public.iter().filter(|(c, _)| *c == client_id).map(|(_, t)| t.clone()).take(2).collect();
        (client_id, tokens)
    };
    assert_eq!(tokens.len(), 2, "the seed has two tokens of {client_id}");
    let app = tenantscope::tui::action::AppChoice { label: None, client_id: client_id.clone() };
    let held = Command::PastedRefreshToken {
        req: tenantscope::tui::action::RequestId(1),
        action: tenantscope::tui::action::PastedTokenAction::Revoke,
        app,
        token: tokens[0].clone().into(),
    };
    let ui = audited_by_the_ui(&sim, held).await;

    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let mut cli = common::binary();
    cli.args(["refresh-token", "revoke", "--verify", "--yes", "--app-client-id", &client_id, "--audit-log"])
        .arg(&log)
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", sim.full_access().client_id)
        .env("AUTH0_CLIENT_SECRET", sim.full_access().client_secret.unwrap_or_default())
        .stdin(std::process::Stdio::piped());
    let output = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child =
            cli.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(tokens[1].as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let cli_lines = audit_lines(&log);
    assert_eq!(actions_of(&ui), actions_of(&cli_lines), "the same action and target both ways");
    assert_eq!(
        (ui[0]["verdict"].as_str(), cli_lines[0]["verdict"].as_str()),
        (Some("revoked"), Some("revoked"))
    );
    assert_eq!((ui[0]["via"].as_str(), cli_lines[0]["via"].as_str()), (Some("tui"), Some("cli")));
}

#[tokio::test]
async fn revoking_everything_records_each_part_as_its_single_revoke_is_recorded() {
    let sim = common::default_sim().await;
    let (user_id, devices) = {
        let tenant = sim.state.tenant();
        let user = tenant.device_credentials[0]["user_id"].as_str().unwrap().to_string();
        let devices: Vec<String> = tenant
            .device_credentials
            .iter()
            .filter(|d| d["user_id"] == user.as_str())
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect();
        (user, devices)
    };
    let everything = tenantscope::tui::action::RevokeTarget::Everything {
        user_id: user_id.clone(),
        devices: devices.clone(),
        with_sessions: true,
    };
    let lines = audited_by_the_ui(
        &sim,
        Command::Revoke { req: tenantscope::tui::action::RequestId(1), target: everything },
    )
    .await;
    let mut expected = vec![("revoke_user_grants".to_string(), user_id.clone())];
    expected.extend(devices.iter().map(|id| ("revoke_device_credential".to_string(), id.clone())));
    expected.push(("revoke_user_refresh_tokens".to_string(), user_id.clone()));
    expected.push(("revoke_user_sessions".to_string(), user_id.clone()));
    assert_eq!(actions_of(&lines), expected);

    // The CLI's own revokes of the same things, on a fresh tenant of the same seed, write the
    // same actions and targets.
    let sim = common::default_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let log_arg = log.to_str().unwrap();
    for args in [
        vec!["grants", "revoke", "--user", &user_id],
        vec!["devices", "revoke", &devices[0]],
        vec!["refresh-tokens", "revoke", "--user", &user_id],
        vec!["sessions", "revoke", "--user", &user_id],
    ] {
        let mut args = args.clone();
        args.extend(["--yes", "--audit-log", log_arg]);
        common::run_cli(&sim, &args).await;
    }
    let cli = actions_of(&audit_lines(&log));
    let ui_parts: Vec<(String, String)> = expected
        .iter()
        .filter(|(a, t)| a != "revoke_device_credential" || *t == devices[0])
        .cloned()
        .collect();
    assert_eq!(cli, ui_parts);
}

#[tokio::test]
async fn under_read_only_the_ui_is_refused_by_the_same_guard_and_nothing_is_sent() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app.client_id, app.client_secret);
    let client = ManagementClient::new(Http::new(HttpOptions::default()).unwrap(), tenant, credentials, true);
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client, tx);
    let grant = sim.state.tenant().grants[0]["id"].as_str().unwrap().to_string();
    runner.spawn(Command::Revoke {
        req: tenantscope::tui::action::RequestId(1),
        target: tenantscope::tui::action::RevokeTarget::Grant { id: grant, user_id: None },
    });
    runner.spawn(Command::PastedRefreshToken {
        req: tenantscope::tui::action::RequestId(2),
        action: tenantscope::tui::action::PastedTokenAction::Revoke,
        app: tenantscope::tui::action::AppChoice { label: None, client_id: "app".into() },
        token: "v1.MheldRefreshToken0123456789".into(),
    });
    for _ in 0..2 {
        let action = tokio::time::timeout(Duration::from_secs(10), actions.recv()).await.unwrap().unwrap();
        let refused = match action {
            tenantscope::tui::Action::Done(tenantscope::tui::action::Outcome::Revoked {
                verdict, ..
            }) => verdict.error().cloned().unwrap(),
            tenantscope::tui::Action::Done(tenantscope::tui::action::Outcome::PastedRefreshToken {
                result: Ok(tenantscope::tui::action::PastedTokenOutcome::Revoked { verdict, .. }),
                ..
            }) => verdict.error().cloned().unwrap(),
            other => panic!("{other:?}"),
        };
        assert!(matches!(refused, tenantscope::auth0::Auth0Error::ReadOnly { .. }), "{refused:?}");
    }
    let sent: Vec<String> =
        sim.state.received().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
    assert!(sent.iter().all(|r| !r.starts_with("DELETE") && !r.contains("/oauth/revoke")), "{sent:?}");
}

/// The in-flight count is derived from the requests sent, never kept by hand: at every step it is
/// the number of requests to the tenant sent and not yet answered, and it comes back to zero
/// once every answer is in (a request whose outcome never says it was one would hang this).
#[tokio::test]
async fn the_in_flight_count_is_the_requests_not_yet_answered() {
    use tenantscope::tui::Action;
    let sim = common::default_sim().await;
    let (tx, mut actions) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let mut app = App::new("sim".into(), false, tui_common::clock());
    // Kept apart from the app's registry: the requests sent to the tenant, by id.
    let mut unanswered = std::collections::HashSet::new();
    let mut commands = app.start();
    let mut keys = vec![
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        Action::Key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE)),
        Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
    ]
    .into_iter();
    loop {
        unanswered.extend(commands.iter().filter(|c| c.is_network()).map(|c| c.req()));
        assert_eq!(app.status.in_flight, unanswered.len());
        for command in commands.drain(..) {
            runner.spawn(command);
        }
        let action = if unanswered.is_empty() {
            match keys.next() {
                Some(key) => key,
                None => break,
            }
        } else {
            tokio::time::timeout(Duration::from_secs(20), actions.recv()).await.expect("an answer").unwrap()
        };
        if let Action::Done(outcome) = &action
            && outcome.is_final()
        {
            unanswered.remove(&outcome.req());
        }
        commands = app.update(action);
    }
    assert_eq!(app.status.in_flight, 0);
    assert!(!app.panes.users.rows.is_empty(), "the users came");
}
