//! The real binary in a pseudo-terminal against the simulated tenant over loopback: what a person
//! sees and types, read back through a terminal emulator (vt100).

use crate::common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use tenantscope::sim::{SimHandle, SimOptions};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Every wait is bounded: a test that cannot see what it expects fails with the screen.
const PATIENCE: Duration = Duration::from_secs(15);

/// What the program asked the terminal to do besides drawing.
#[derive(Default)]
struct Requests {
    titles: Vec<String>,
    clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Requests {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

struct Session {
    parser: Arc<Mutex<vt100::Parser<Requests>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(sim: &SimHandle) -> Session {
        Session::start_with(sim, &[])
    }

    fn start_with(sim: &SimHandle, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal opens");
        let app = sim.full_access();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_tenantscope"));
        command.env_clear();
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        command.env("TZ", "UTC");
        command.env("XDG_CONFIG_HOME", "/nonexistent-tenantscope-test");
        for (name, dir) in common::own_xdg_dirs() {
            command.env(name, dir);
        }
        command.env("AUTH0_DOMAIN", sim.base_url());
        command.env("AUTH0_CLIENT_ID", &app.client_id);
        command.env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("the binary starts");
        drop(pty.slave);
        let parser =
            Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(ROWS, COLS, 0, Requests::default())));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buffer[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // The master must outlive the child; leaking it keeps the pty open for the test's life.
        std::mem::forget(pty.master);
        Session { parser, writer, child }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    async fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text)).await
    }

    async fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what:?}; the screen shows:\n{screen}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types `keys`, pausing after each so a lone Esc is not read as Alt-something.
    async fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
    }

    async fn quit(mut self) {
        self.type_keys("q").await;
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "tenantscope exited with {status:?}");
                // Give the reader thread the last bytes, then check the terminal was restored.
                tokio::time::sleep(Duration::from_millis(200)).await;
                let parser = self.parser.lock().unwrap();
                let screen = parser.screen();
                assert!(!screen.alternate_screen(), "left the alternate screen");
                assert!(!screen.bracketed_paste(), "turned bracketed paste off");
                assert_eq!(
                    screen.mouse_protocol_mode(),
                    vt100::MouseProtocolMode::None,
                    "released the mouse"
                );
                return;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("tenantscope did not quit on q");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

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
    session.wait_for("all 1 users loaded").await;
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
