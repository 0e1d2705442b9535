//! `:messages` and `:requests`: every message and every request of the session can be read again,
//! the status bar lets go of a message after a few seconds, and a request copies as `curl`
//! without its secrets; `-v` prints the same lines from the CLI.

use crate::common;
use crate::tui_common;

use std::time::Duration;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::HttpEvent;
use tenantscope::auth0::sent::SentRequest;
use tenantscope::timefmt::Clock;
use tenantscope::tui::overlay::{Message, Popup};
use tenantscope::tui::{Action, App, Command, ui};
use tui_common::{clock, key, press};

fn type_line(app: &mut App, line: &str) -> Vec<Command> {
    press(app, ':');
    for c in line.chars() {
        press(app, c);
    }
    app.update(Action::Key(key(KeyCode::Enter)))
}

fn later(seconds: i64) -> Clock {
    Clock::fixed(clock().now + chrono::TimeDelta::seconds(seconds))
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    format!("{}", terminal.backend())
}

/// A request as the HTTP layer reports it, sent `seconds` into the session.
fn sent(seconds: i64, method: &str, url: &str, status: Option<u16>) -> SentRequest {
    SentRequest {
        at: later(seconds).now,
        method: method.into(),
        url: url.into(),
        status,
        failure: status.is_none().then(|| "could not connect to the tenant".into()),
        took: Duration::from_millis(42),
        retries: u32::from(status == Some(429)),
        bearer: true,
        body: None,
    }
}

#[test]
fn messages_stay_in_the_log_after_the_status_bar_lets_go() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, clock());
    type_line(&mut app, "frobnicate");
    app.update(Action::Tick(later(3)));
    app.update(Action::Warning(
        "Auth0 rate limit reached (Global limit has been reached); waiting 2.0 s before retry 1 of 3".into(),
    ));
    app.update(Action::Tick(later(5)));
    let long = "revoked: grant g1 of Quinn Patel (quinn@example.com) for Acme Web; Auth0 no longer lists it, re-listed just now across all of the user's grants";
    app.update(Action::Notice(long.into()));
    assert_eq!(app.status.showing().map(Message::text), Some(long));
    let bar = screen(&app, 80, 24);
    let status_line = bar.lines().nth(23).unwrap();
    assert!(status_line.contains("re-listed…") || status_line.contains('…'), "cut at a word: {status_line}");
    assert!(!status_line.contains("acro"), "{status_line}");

    app.update(Action::Tick(later(14)));
    assert_eq!(app.status.showing(), None, "gone from the bar after a few seconds");
    let bar = screen(&app, 80, 24);
    assert!(!bar.lines().nth(23).unwrap().contains("revoked"), "{bar}");

    type_line(&mut app, "messages");
    assert_eq!(app.popup, Some(Popup::Messages(0)));
    let kinds: Vec<&str> = app.status.log.messages().map(|said| said.message.kind()).collect();
    assert_eq!(kinds, ["info", "warning", "error"], "newest first, each with its kind");
    insta::assert_snapshot!("messages_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("messages_120x40", screen(&app, 120, 40));
    app.update(Action::Key(key(KeyCode::Esc)));
    assert_eq!(app.popup, None);
}

#[test]
fn requests_list_newest_first_and_copy_as_curl_without_the_token() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, clock());
    app.update(Action::Sent(sent(
        1,
        "GET",
        "https://acme.eu.auth0.com/api/v2/users?page=0&per_page=100",
        Some(200),
    )));
    app.update(Action::Sent(sent(2, "DELETE", "https://acme.eu.auth0.com/api/v2/grants/g1", Some(204))));
    app.update(Action::Sent(sent(3, "GET", "https://acme.eu.auth0.com/api/v2/logs?q=type%3Af", Some(429))));
    app.update(Action::Sent(sent(4, "GET", "https://acme.eu.auth0.com/api/v2/clients", None)));
    type_line(&mut app, "requests");
    assert_eq!(app.popup, Some(Popup::Requests(0)));
    insta::assert_snapshot!("requests_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("requests_120x40", screen(&app, 120, 40));

    press(&mut app, 'j');
    press(&mut app, 'j');
    let commands = press(&mut app, 'y');
    let [Command::CopyToClipboard { text, .. }] = commands.as_slice() else { panic!("{commands:?}") };
    assert_eq!(
        text,
        "curl -X DELETE 'https://acme.eu.auth0.com/api/v2/grants/g1' -H \"Authorization: Bearer $AUTH0_TOKEN\""
    );
    assert_eq!(app.popup, Some(Popup::Requests(2)), "the list stays open");
}

#[tokio::test]
async fn every_request_to_the_tenant_is_reported_once_with_no_secret() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let (client, events) = common::client_with(&sim, &app, common::quick_options(), false);
    let id = sim.state.tenant().users.at(0).unwrap()["user_id"].as_str().unwrap().to_string();
    client.user(&id).await.unwrap();
    let sent: Vec<SentRequest> = events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            HttpEvent::Sent(sent) => Some(sent.clone()),
            _ => None,
        })
        .collect();
    let lines: Vec<String> = sent.iter().map(|s| format!("{s} {}", s.curl())).collect();
    assert_eq!(sent.len(), 2, "the token, then the user: {lines:?}");
    assert!(lines[0].starts_with("POST /oauth/token → 200"), "{lines:?}");
    assert!(lines[1].starts_with("GET /api/v2/users/"), "{lines:?}");
    let all = lines.join("\n");
    assert!(!all.contains(app.client_secret.as_deref().unwrap()), "{all}");
    assert!(all.contains("$AUTH0_CLIENT_SECRET") && all.contains("$AUTH0_TOKEN"), "{all}");
}

#[tokio::test]
async fn verbose_cli_prints_each_request_on_stderr_and_no_secret() {
    let sim = common::default_sim().await;
    let output = common::run_cli(&sim, &["-v", "users", "--limit", "5"]).await;
    assert!(output.status.success(), "{}", common::stderr(&output));
    let stderr = common::stderr(&output);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(" → ")).collect();
    assert!(lines.iter().any(|l| l.contains("POST /oauth/token → 200 in ")), "{stderr}");
    assert!(lines.iter().any(|l| l.contains("GET /api/v2/users?") && l.contains("→ 200")), "{stderr}");
    let secret = sim.full_access().client_secret.unwrap();
    assert!(!stderr.contains(&secret), "{stderr}");
    let quiet = common::run_cli(&sim, &["users", "--limit", "5"]).await;
    assert!(!common::stderr(&quiet).contains(" → "), "{}", common::stderr(&quiet));
}
