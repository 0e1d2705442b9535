//! The Logs pane and blocking in the terminal UI: what loads, following by ticks (one look at a
//! time, new events on top), `l` and `b` in Users, and snapshots with a hostile event.

use crate::tui_common;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::LogEvent;
use tenantscope::revoke::Verdict;
use tenantscope::sim::seed::HOSTILE_NAME;
use tenantscope::timefmt::Clock;
use tenantscope::tui::action::{Outcome, RevokeTarget};
use tenantscope::tui::overlay::{Message, Popup};
use tenantscope::tui::panes::Pane;
use tenantscope::tui::{Action, App, Command, ui};
use tui_common::{app_with_users, press, seeded};

fn event(id: u32, kind: &str, description: &str) -> LogEvent {
    let at = tui_common::clock().now - Duration::minutes(i64::from(100 - id));
    serde_json::from_value(serde_json::json!({
        "log_id": format!("9002{id:020}"),
        "date": at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "type": kind,
        "description": description,
        "user_id": "auth0|64ab",
        "user_name": "jane@example.com",
        "client_name": "Acme iOS",
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0\u{1b}]0;pwned\u{7}\u{1b}[2J",
    }))
    .unwrap()
}

/// The Logs pane with events 3, 2, 1 (newest first) loaded.
fn logs_app() -> App {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    press(&mut app, '6');
    let commands = press(&mut app, 'r');
    let [Command::LoadLogs { req, user_id: None }] = commands.as_slice() else { panic!("{commands:?}") };
    let events = vec![
        event(3, "fertft", "Unknown or invalid refresh token."),
        event(2, "fp", &format!("\u{1b}[31m{HOSTILE_NAME}\u{1b}[0m")),
        event(1, "s", "Successful login"),
    ];
    app.update(Action::Done(Outcome::Logs { req: *req, result: Ok(events) }));
    app
}

fn later(app: &App, seconds: i64) -> Action {
    Action::Tick(Clock { now: app.clock.now + Duration::seconds(seconds), offset: app.clock.offset })
}

#[test]
fn following_looks_one_at_a_time_and_puts_new_events_on_top() {
    let mut app = logs_app();
    let commands = press(&mut app, 't');
    let [Command::PollLogs { req, checkpoint }] = commands.as_slice() else { panic!("{commands:?}") };
    assert_eq!(checkpoint.as_deref(), Some("900200000000000000000003"), "from the newest shown");
    assert!(app.update(later(&app, 5)).is_empty(), "one look at a time");
    let new = vec![event(4, "s", "Successful login"), event(5, "sapi", "Update a User")];
    app.update(Action::Done(Outcome::LogsPolled {
        req: *req,
        result: Ok((new, "900200000000000000000005".into())),
    }));
    let events = app.panes.logs.list.items.loaded().unwrap();
    let order: Vec<&str> = events.iter().filter_map(LogEvent::log_id).collect();
    assert_eq!(&order[..2], ["900200000000000000000005", "900200000000000000000004"], "newest on top");
    assert_eq!(events.len(), 5, "nothing lost, nothing twice");
    assert!(app.update(later(&app, 0)).is_empty(), "not due yet");
    let commands = app.update(later(&app, 2));
    assert!(
        matches!(commands.as_slice(), [Command::PollLogs { checkpoint: Some(c), .. }] if c == "900200000000000000000005")
    );
    press(&mut app, 't');
    assert!(app.panes.logs.following.is_none());
}

#[test]
fn l_on_a_user_shows_their_events_and_b_blocks_them_then_offers_x() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 20);
    let user_id = app.panes.users.highlighted().unwrap().user_id().unwrap().to_string();
    let commands = press(&mut app, 'l');
    assert_eq!(app.focus, Pane::Logs);
    assert!(matches!(commands.as_slice(), [Command::LoadLogs { user_id: Some(u), .. }] if *u == user_id));

    press(&mut app, '1');
    press(&mut app, 'b');
    let Some(Popup::Confirm(confirm)) = app.popup.clone() else { panic!("a confirmation names who") };
    assert!(confirm.title.starts_with("Block "), "{confirm:?}");
    assert!(confirm.lines.last().unwrap().contains("live on until revoked"));
    let commands = app.update(Action::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
    let [Command::Revoke { req, target: target @ RevokeTarget::Block { blocked: true, .. } }] =
        commands.as_slice()
    else {
        panic!("{commands:?}")
    };
    let proof = Verdict::Revoked("Auth0 answered with the user's \"blocked\": true".into());
    app.update(Action::Done(Outcome::Revoked { req: *req, target: target.clone(), verdict: proof }));
    assert!(app.panes.users.highlighted().unwrap().blocked());
    assert!(app.selected_user.as_ref().unwrap().blocked(), "the detail agrees with the table");
    assert!(matches!(&app.status.message(), Some(Message::Info(m)) if m.contains("X revokes them")));
    assert_eq!(app.selected_user_id().as_deref(), Some(user_id.as_str()), "so X works right after");
}

#[test]
fn b_is_refused_under_read_only() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 20);
    app.read_only = true;
    press(&mut app, 'b');
    assert!(app.popup.is_none());
}

#[test]
fn logs_snapshots_with_a_hostile_event() {
    let mut app = logs_app();
    app.panes.logs.list.selection.selected = 1;
    for (width, height) in [(80, 24), (120, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
        insta::assert_snapshot!(format!("logs_{width}x{height}"), tui_common::pane_area(terminal.backend()));
    }
    app.update(Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
    insta::assert_snapshot!("logs_event_whole_120x40", tui_common::pane_area(terminal.backend()));
}

#[test]
fn the_users_detail_shows_brute_force_blocks_of_the_selected_user() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 20);
    let commands = app.update(Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let Some(Command::LoadLoginBlocks { req, user_id }) =
        commands.iter().find(|c| matches!(c, Command::LoadLoginBlocks { .. })).cloned()
    else {
        panic!("selecting a user reads their login blocks: {commands:?}")
    };
    let blocks =
        serde_json::json!({ "blocked_for": [{ "identifier": "jane@example.com", "ip": "203.0.113.7" }] });
    app.update(Action::Done(Outcome::LoginBlocks { req, user_id, result: Ok(blocks) }));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("login block: jane@example.com from 203.0.113.7"), "{screen}");
}
