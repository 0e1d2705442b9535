//! `:ctx` on the real event loop with two simulated tenants: the panes reload against the new
//! one, and an answer the first was still sending is dropped, not shown under the new name.

use crate::common;
use crate::tui_common;

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::config::ConnectionArgs;
use tenantscope::sim::SimOptions;
use tenantscope::tui::App;
use tenantscope::tui::run::{Link, event_loop};
use tenantscope::tui::tenant::{Connection, connect, switcher};

fn key(code: KeyCode) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn emails(sim: &tenantscope::sim::SimHandle) -> Vec<String> {
    sim.state.tenant().users.iter().filter_map(|u| u["email"].as_str().map(str::to_string)).collect()
}

#[tokio::test]
async fn ctx_switches_tenants_and_drops_what_the_first_was_still_sending() {
    // The first tenant answers slowly: its first page is still on its way at the switch.
    let slow =
        common::start_sim(SimOptions { latency: Duration::from_secs(2), ..SimOptions::default() }).await;
    let other = common::start_sim(SimOptions { seed: 7, ..SimOptions::default() }).await;
    let config = tempfile::NamedTempFile::new().unwrap();
    let profile = |name: &str, sim: &tenantscope::sim::SimHandle| {
        let app = sim.full_access();
        format!(
            "[profiles.{name}]\ndomain = \"{}\"\nclient_id = \"{}\"\nclient_secret = \"{}\"\n",
            sim.base_url(),
            app.client_id,
            app.client_secret.unwrap_or_default()
        )
    };
    std::fs::write(config.path(), profile("first", &slow) + &profile("second", &other)).unwrap();
    let args = ConnectionArgs {
        config: Some(config.path().to_path_buf()),
        profile: Some("first".into()),
        ..ConnectionArgs::default()
    };
    let settings = tenantscope::config::resolve(&args, &mut |_| {}).unwrap();
    let Connection { mut runner, mut actions, info } = connect(settings, None, None).unwrap();
    let mut app = App::new(info.host, info.read_only, tui_common::clock());
    app.profile = info.profile;
    app.profiles = tenantscope::config::profile_names(&args);
    let mut switch = switcher(args, None);

    let mut script: Vec<io::Result<Event>> = vec![key(KeyCode::Char(':'))];
    script.extend("ctx second".chars().map(|c| key(KeyCode::Char(c))));
    script.push(key(KeyCode::Enter));
    let typed = futures::stream::iter(script);
    // Then wait past the first tenant's answer, and quit.
    let later = futures::stream::once(async {
        tokio::time::sleep(Duration::from_secs(3)).await;
        key(KeyCode::Char('q'))
    });
    let events = Box::pin(typed.chain(later).chain(futures::stream::pending()));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut osc52 = Vec::new();
    let run = event_loop(
        &mut terminal,
        &mut app,
        events,
        Link { runner: &mut runner, actions: &mut actions },
        &mut osc52,
        tui_common::clock,
        &mut switch,
    );
    tokio::time::timeout(Duration::from_secs(20), run).await.expect("the loop ends").unwrap();

    assert_eq!(app.profile.as_deref(), Some("second"));
    let (first, second) = (emails(&slow), emails(&other));
    let shown: Vec<String> =
        app.panes.users.rows.iter().filter_map(|r| r.email().map(|e| e.into_owned())).collect();
    assert!(!shown.is_empty(), "the second tenant's users loaded");
    assert!(shown.iter().all(|e| second.iter().any(|s| s == e)), "only the second tenant's users");
    assert!(!shown.iter().any(|e| first.iter().any(|f| f == e) && !second.iter().any(|s| s == e)));
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("second ·"), "the header names the new profile: {screen}");
}
