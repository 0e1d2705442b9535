//! The terminal UI in a pseudo-terminal: search, revoke, paste, quit, as a person would.

use crate::common;
use crate::pty::{PATIENCE, Session};

use std::time::{Duration, Instant};

use tenantscope::sim::{SimHandle, SimOptions};

/// A user of the seeded tenant with grants: their email and their first grant id.
fn user_with_a_grant(sim: &SimHandle) -> (String, String) {
    let tenant = sim.state.tenant();
    tenant
        .users
        .iter()
        .find_map(|user| {
            let grant = tenant.grants.iter().find(|g| g["user_id"] == user["user_id"])?;
            Some((user["email"].as_str()?.to_string(), grant["id"].as_str()?.to_string()))
        })
        .expect("the seed has users with grants")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_a_user_open_their_grants_and_revoke_one() {
    let sim = common::default_sim().await;
    let (email, grant_id) = user_with_a_grant(&sim);
    let mut session = Session::start(&sim);
    session.wait_for("more load as you scroll").await;

    session.type_keys("/").await;
    session.wait_for("Search (Lucene)").await;
    session.type_keys(&format!("email:\"{email}\"")).await;
    session.type_keys("\r").await;
    session.wait_for("the one user loaded").await;
    assert!(session.screen().contains(&email));

    session.type_keys("\r").await;
    session.wait_for("selected").await;
    session.type_keys("2").await;
    session.wait_for(&grant_id).await;

    session.type_keys("d").await;
    session.wait_for("Revoke this grant?").await;
    session.type_keys("y").await;
    let screen = session.wait_for("revoked: grant").await;
    assert!(screen.contains("looked again"), "the verdict says what proved it:\n{screen}");
    assert!(!screen.contains(&grant_id), "the revoked grant is gone from the screen:\n{screen}");
    assert!(!sim.state.tenant().grants.iter().any(|g| g["id"] == grant_id.as_str()), "and from the tenant");
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_name_is_drawn_as_text_and_changes_nothing_else() {
    let sim = common::default_sim().await;
    let mut session = Session::start(&sim);
    let screen = session.wait_for("Mallory").await;
    assert!(screen.contains(" 1 Users "), "the screen was not cleared:\n{screen}");
    {
        let parser = session.parser.lock().unwrap();
        assert!(parser.callbacks().titles.iter().all(|t| !t.contains("pwned")), "the title was not changed");
    }
    // With no display (the environment is cleared), copying goes through the terminal: OSC 52.
    session.type_keys("c").await;
    session.wait_for("copied the user id through the terminal (OSC 52)").await;
    let first_id = sim.state.tenant().users.at(0).unwrap()["user_id"].as_str().unwrap().to_string();
    let copied = session.parser.lock().unwrap().callbacks().clipboard.clone();
    let [data] = copied.as_slice() else { panic!("one OSC 52 copy, got {copied:?}") };
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
    assert_eq!(String::from_utf8(text).unwrap(), first_id);
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_on_the_main_thread_restores_the_terminal() {
    let sim = common::default_sim().await;
    let mut session = Session::start_with(&sim, &[("TENANTSCOPE_TEST_PANIC", "1")]);
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = session.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the panicking binary did not exit");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(!status.success(), "a panic is a failure: {status:?}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let parser = session.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.bracketed_paste(), "turned bracketed paste off");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "released the mouse");
    assert!(!screen.hide_cursor(), "showed the cursor again");
    let contents = screen.contents();
    assert!(
        contents.contains("tenantscope stopped on an internal error; the report is in"),
        "one sentence names the report: {contents}"
    );
    assert!(!contents.contains("stack backtrace"), "the report is not drawn: {contents}");
    assert_eq!(status.exit_code(), 101, "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_a_task_is_an_error_in_its_pane_and_the_app_goes_on() {
    let sim = common::default_sim().await;
    let mut session = Session::start_with(&sim, &[("TENANTSCOPE_TEST_TASK_PANIC", "1")]);
    session.wait_for("more load as you scroll").await;
    session.type_keys("\r").await;
    session.wait_for("selected").await;
    session.type_keys("2").await;
    let screen = session.wait_for("internal error").await;
    assert!(screen.contains("the report is in"), "the pane names the report:\n{screen}");
    assert!(!screen.contains("stack backtrace") && !screen.contains("panicked"), "{screen}");
    // The app still answers keys, in raw mode and on the alternate screen.
    session.type_keys("1").await;
    session.wait_for("more load as you scroll").await;
    assert!(session.parser.lock().unwrap().screen().alternate_screen());
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctx_switches_between_two_tenants_and_shows_only_the_new_ones_users() {
    // The first tenant is slow: its users are still on their way when :ctx is typed.
    let first =
        common::start_sim(SimOptions { latency: Duration::from_secs(2), ..SimOptions::default() }).await;
    let second = common::start_sim(SimOptions { seed: 7, ..SimOptions::default() }).await;
    let profile = |name: &str, sim: &SimHandle| {
        let app = sim.full_access();
        format!(
            "[profiles.{name}]\ndomain = \"{}\"\nclient_id = \"{}\"\nclient_secret = \"{}\"\n",
            sim.base_url(),
            app.client_id,
            app.client_secret.unwrap_or_default()
        )
    };
    let config = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(config.path(), profile("first", &first) + &profile("second", &second)).unwrap();
    let config_path = config.path().to_str().unwrap().to_string();
    let env = [("TENANTSCOPE_CONFIG", config_path.as_str()), ("TENANTSCOPE_PROFILE", "first")];
    let mut session = Session::start_with(&first, &env);
    session.wait_for("first ·").await;
    session.type_keys(":ctx second").await;
    session.type_keys("\r").await;
    let email =
        |sim: &SimHandle| sim.state.tenant().users.at(0).unwrap()["email"].as_str().unwrap().to_string();
    assert_ne!(email(&first), email(&second), "two seeds, two first users");
    let screen = session.wait_for(&email(&second)).await;
    assert!(screen.contains("second ·"), "the header names the new tenant:\n{screen}");
    // Past the first tenant's answer: it is not shown under the second's name.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let screen = session.screen();
    assert!(!screen.contains(&email(&first)), "nothing of the first tenant:\n{screen}");
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_planted_at_the_command_history_is_never_written_through() {
    let sim = common::default_sim().await;
    let state = tempfile::tempdir().unwrap();
    let victim = state.path().join("victim");
    std::fs::write(&victim, "keep me\n").unwrap();
    std::fs::create_dir(state.path().join("tenantscope")).unwrap();
    std::os::unix::fs::symlink(&victim, state.path().join("tenantscope/history")).unwrap();
    let state_home = state.path().to_str().unwrap().to_string();
    let mut session = Session::start_with(&sim, &[("XDG_STATE_HOME", state_home.as_str())]);
    session.wait_for("Users").await;
    session.type_keys(":grants").await;
    session.type_keys("\r").await;
    session.wait_for("Grants").await;
    session.quit().await;
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n", "the history replaced nothing");
    assert!(std::fs::symlink_metadata(state.path().join("tenantscope/history")).unwrap().is_symlink());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_umask_000_the_history_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let sim = common::default_sim().await;
    let state = tempfile::tempdir().unwrap();
    let home = state.path().join("fresh");
    let home_text = home.to_str().unwrap().to_string();
    // The child inherits the umask; every file this process's other tests create is theirs to
    // make private or not, and tempfile's are 0600 whatever the umask.
    // SAFETY: umask only changes the mask of files created from now on.
    let previous = unsafe { libc::umask(0) };
    let mut session = Session::start_with(&sim, &[("XDG_STATE_HOME", home_text.as_str())]);
    unsafe { libc::umask(previous) };
    session.wait_for("Users").await;
    session.type_keys(":grants").await;
    session.type_keys("\r").await;
    session.wait_for("Grants").await;
    session.quit().await;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home), 0o700);
    assert_eq!(mode(&home.join("tenantscope")), 0o700);
    assert_eq!(mode(&home.join("tenantscope/history")), 0o600);
}
