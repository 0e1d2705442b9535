//! Helpers shared by the integration tests: a simulated tenant on loopback and clients for it.
#![allow(dead_code)]

use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tenantscope::auth0::{Credentials, Http, HttpEvent, HttpOptions, ManagementClient, Tenant};
use tenantscope::sim::{self, AppSecrets, SimHandle, SimOptions};

pub async fn start_sim(options: SimOptions) -> SimHandle {
    sim::start(options).await.expect("the simulated tenant starts on loopback")
}

pub async fn default_sim() -> SimHandle {
    start_sim(SimOptions::default()).await
}

/// Fast retries so tests that exercise them stay quick.
pub fn quick_options() -> HttpOptions {
    HttpOptions { backoff: Duration::from_millis(10), ..HttpOptions::default() }
}

pub fn client_for(sim: &SimHandle, app: &AppSecrets) -> ManagementClient {
    client_with(sim, app, quick_options(), false).0
}

/// A client plus the events it reported (waits, retries).
pub fn client_with(
    sim: &SimHandle,
    app: &AppSecrets,
    options: HttpOptions,
    read_only: bool,
) -> (ManagementClient, Arc<Mutex<Vec<HttpEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let http = Http::new(options).unwrap().with_events(Arc::new(move |e| sink.lock().unwrap().push(e)));
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let credentials = Credentials::management_app(&tenant, app.client_id.clone(), app.client_secret.clone());
    (ManagementClient::new(http, tenant, credentials, read_only), events)
}

/// Folders of its own for one run of the binary (`XDG_DATA_HOME`, `XDG_STATE_HOME`,
/// `XDG_CACHE_HOME`), under Cargo's temporary folder for tests: no two runs share an audit log,
/// a history or a spool.
pub fn own_xdg_dirs() -> [(&'static str, std::path::PathBuf); 3] {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xdg-{}-{n}", std::process::id()));
    [
        ("XDG_DATA_HOME", root.join("data")),
        ("XDG_STATE_HOME", root.join("state")),
        ("XDG_CACHE_HOME", root.join("cache")),
    ]
}

/// The real binary with a clean environment: no config file, no Auth0 variables, folders of its
/// own.
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tenantscope"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("XDG_CONFIG_HOME", "/nonexistent-tenantscope-test")
        .envs(own_xdg_dirs())
        .stdin(Stdio::null());
    command
}

/// Runs the real binary against `sim` with the full-access credentials in the environment.
/// Off the async runtime, so the simulated tenant keeps answering meanwhile.
pub async fn run_cli(sim: &SimHandle, args: &[&str]) -> Output {
    let app = sim.full_access();
    let mut command = binary();
    command
        .args(args)
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default());
    run(command).await
}

/// [`run_cli`] with `stdin` written to the binary's standard input (a token, an answer).
pub async fn run_cli_with_stdin<S: AsRef<std::ffi::OsStr>>(
    sim: &SimHandle,
    args: &[S],
    stdin: &str,
) -> Output {
    use std::io::Write;
    let app = sim.full_access();
    let mut command = binary();
    command
        .args(args)
        .env("AUTH0_DOMAIN", sim.base_url())
        .env("AUTH0_CLIENT_ID", &app.client_id)
        .env("AUTH0_CLIENT_SECRET", app.client_secret.unwrap_or_default())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let input = stdin.to_string();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

pub async fn run(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs")).await.unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The real binary with `args` and a clean environment.
pub fn binary_with(args: &[&str]) -> Command {
    let mut command = binary();
    command.args(args);
    command
}

/// A Management API token of the named application, fetched over HTTP as any client would.
pub async fn management_token(sim: &SimHandle, app_name: &str) -> String {
    let app = sim.app(app_name).expect("the seed has this application");
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .json(&serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "audience": format!("{}/api/v2/", sim.base_url()),
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().expect("a token").to_string()
}

/// A seeded user id holding both `|` and `/`, as enterprise connections' ids do.
pub fn id_with_slash(sim: &SimHandle) -> String {
    let tenant = sim.state.tenant();
    tenant
        .users
        .iter()
        .filter_map(|u| u["user_id"].as_str().map(str::to_string))
        .find(|id| id.contains('/'))
        .unwrap()
}
