//! The README's quick start, walked as a newcomer would in a real terminal: `--demo`, search a
//! user, select them, revoke a grant, read `:messages` and `:requests` (and copy one as curl), log
//! the user in from the token lab with an API, then the logs. Each step checks what the screen
//! says.

use crate::common;
use crate::pty::Session;

use base64::Engine;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_quick_start_walks_through_as_a_newcomer_would() {
    // The sim is not used: `--demo` starts its own; it only gives the session its environment.
    let sim = common::default_sim().await;
    let mut session = Session::spawn(&sim, &["--demo"], &[], (40, 120));
    session.wait_for("more load as you scroll").await;

    // `/` searches: the line opens empty; Enter runs it.
    session.type_keys("/").await;
    session.wait_for("Search (Lucene)").await;
    session.type_keys("email:\"quinnpatel.1@example.com\"").await;
    session.type_keys("\r").await;
    session.wait_for("the one user loaded").await;

    // Enter selects the user; `2` shows their grants; `d` asks, naming the tenant; `y` revokes.
    session.type_keys("\r").await;
    session.wait_for("selected Quinn Patel").await;
    session.type_keys("2").await;
    session.wait_for("GRANT ID").await;
    session.type_keys("d").await;
    let confirm = session.wait_for("Revoke this grant?").await;
    assert!(confirm.contains("on demo · 127.0.0.1:"), "the confirmation names the tenant:\n{confirm}");
    session.type_keys("y").await;
    session.wait_for("revoked: grant").await;

    // `:messages` has every message whole, with the demo's in-memory audit record.
    session.type_keys(":messages\r").await;
    let messages = session.wait_for("Messages (").await;
    assert!(messages.contains("audit (demo, in memory only)"), "{messages}");
    assert!(messages.contains("selected Quinn Patel"), "{messages}");
    session.type_keys("\x1b").await;

    // `:requests` lists what was sent; `y` copies the newest (the re-list) as curl, no token in it.
    session.type_keys(":requests\r").await;
    let requests = session.wait_for("Requests (").await;
    assert!(requests.contains("DELETE /api/v2/grants/"), "{requests}");
    assert!(requests.contains("POST /oauth/token → 200"), "{requests}");
    session.type_keys("y").await;
    let copied = session.wait_until("a copy", |_| !session.clipboard().is_empty()).await;
    let curl = session
        .clipboard()
        .last()
        .map(|data| base64::engine::general_purpose::STANDARD.decode(data).unwrap());
    let curl = String::from_utf8(curl.unwrap()).unwrap();
    assert!(
        curl.starts_with("curl -X GET 'http://127.0.0.1:") && curl.contains("$AUTH0_TOKEN"),
        "{curl}\n{copied}"
    );
    session.type_keys("\x1b").await;

    // The token lab: `4`, `L`, the application (ios, the second), then the Reports API.
    session.type_keys("4").await;
    session.type_keys("L").await;
    session.wait_for("Log a user in").await;
    session.type_keys("2").await;
    let apis = session.wait_for("https://api.acme.test/reports").await;
    let line = apis.lines().find(|l| l.contains("https://api.acme.test/reports")).unwrap();
    let digit = line.trim_start_matches(|c: char| !c.is_ascii_digit()).chars().next().unwrap();
    session.type_keys(&digit.to_string()).await;
    let token = session.wait_for("read:reports").await;
    assert!(token.contains("access"), "the access token is a JWT for the API:\n{token}");

    // The logs load as soon as the pane is shown.
    session.type_keys("6").await;
    session.wait_until("events", |screen| screen.contains("WHEN") && screen.contains("TYPE")).await;
    session.quit().await;
}
