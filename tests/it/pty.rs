//! The real binary in a pseudo-terminal against the simulated tenant over loopback: what a person
//! sees and types, read back through a terminal emulator (vt100). Shared by the tests that drive
//! the binary as a person would.
#![allow(dead_code)]

use crate::common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use tenantscope::sim::SimHandle;

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
/// Every wait is bounded: a test that cannot see what it expects fails with the screen.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// What the program asked the terminal to do besides drawing.
#[derive(Default)]
pub struct Requests {
    pub titles: Vec<String>,
    pub clipboard: Vec<Vec<u8>>,
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

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser<Requests>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    pub fn start(sim: &SimHandle) -> Session {
        Session::start_with(sim, &[])
    }

    pub fn start_with(sim: &SimHandle, env: &[(&str, &str)]) -> Session {
        Session::spawn(sim, &[], env, (ROWS, COLS))
    }

    /// The binary with `args` in a terminal of `rows` × `cols`, credentials for `sim` in its
    /// environment.
    pub fn spawn(sim: &SimHandle, args: &[&str], env: &[(&str, &str)], (rows, cols): (u16, u16)) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal opens");
        let app = sim.full_access();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_tenantscope"));
        command.args(args);
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
            Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(rows, cols, 0, Requests::default())));
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

    /// Waits for the program to end, and returns its exit status.
    pub async fn exit_status(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Give the reader thread the last bytes.
                tokio::time::sleep(Duration::from_millis(200)).await;
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("tenantscope did not end; the screen shows:\n{}", self.screen());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What the program copied through the terminal (OSC 52), base64 as sent.
    pub fn clipboard(&self) -> Vec<Vec<u8>> {
        self.parser.lock().unwrap().callbacks().clipboard.clone()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    pub async fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text)).await
    }

    pub async fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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
    pub async fn type_keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
    }

    pub async fn quit(mut self) {
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
