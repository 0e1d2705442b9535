//! The simulated tenant: an axum server on loopback that answers as Auth0 does — the endpoints,
//! shapes, errors and rate limits of Auth0's OpenAPI document and documentation, never bent to
//! suit the client — for the demo and the tests. Stateful and seeded deterministically.

mod api_request;
mod authentication;
mod blocks;
pub mod browser;
mod clock;
mod jobs;
pub mod keys;
pub mod limiter;
pub mod log_book;
mod login;
pub mod login_records;
mod logs;
mod management;
mod oauth_fields;
mod reply;
mod resource_servers;
pub mod search;
pub mod seed;
mod sessions;
pub mod state;
pub mod users;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use clock::Clock;
pub use limiter::LimitConfig;
use limiter::Limiter;
use state::Tenant;

#[derive(Debug, Clone)]
pub struct SimOptions {
    pub users: usize,
    pub seed: u64,
    /// 0 picks a free port.
    pub port: u16,
    pub limit: LimitConfig,
    /// Lifetime of the tokens the tenant issues.
    pub token_lifetime: Duration,
    /// Added before every answer, to see how the client copes with a slow tenant.
    pub latency: Duration,
    /// Send `Retry-After` with 429s (Auth0 may or may not; both are handled).
    pub retry_after: bool,
    /// How long revocations take to apply: Auth0 applies them eventually.
    pub propagation_delay: Duration,
    /// The sessions and refresh-token endpoints exist (Enterprise plans only).
    pub enterprise: bool,
    /// "Refresh Token Revocation Deletes Grant".
    pub revocation_deletes_grant: bool,
    /// How long a users export job takes, from queued to completed.
    pub export_delay: Duration,
    /// The password every seeded user logs in with.
    pub password: String,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            users: 300,
            seed: 42,
            port: 0,
            limit: LimitConfig::default(),
            token_lifetime: Duration::from_secs(86_400),
            latency: Duration::ZERO,
            retry_after: false,
            propagation_delay: Duration::from_millis(400),
            enterprise: true,
            revocation_deletes_grant: false,
            export_delay: Duration::from_secs(2),
            password: seed::DEFAULT_PASSWORD.to_string(),
        }
    }
}

/// One request the tenant received, for tests that must prove what was (not) sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub method: String,
    /// Path and query, as sent (still percent-encoded).
    pub target: String,
}

pub struct SimState {
    pub base: String,
    pub clock: Clock,
    pub keys: keys::SigningKeys,
    options: SimOptions,
    tenant: Mutex<Tenant>,
    limiter: Mutex<Limiter>,
    received: Mutex<Vec<Received>>,
    rng: Mutex<ChaCha8Rng>,
    jobs: Mutex<Vec<jobs::ExportJob>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked cannot leave the tenant half-changed in a way worth refusing.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SimState {
    /// The tenant, with every revocation whose time has come applied.
    pub fn tenant(&self) -> MutexGuard<'_, Tenant> {
        let mut tenant = lock(&self.tenant);
        tenant.settle(self.clock.now_millis());
        tenant
    }

    /// Accepts a revocation now, by the tenant's clock.
    pub fn schedule(&self, change: state::Pending) {
        let now = self.clock.now_millis();
        lock(&self.tenant).schedule(change, now);
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.received).clone()
    }

    pub fn issuer(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn management_audience(&self) -> String {
        format!("{}/api/v2/", self.base)
    }

    fn token_lifetime(&self) -> i64 {
        self.options.token_lifetime.as_secs() as i64
    }

    /// Writes a log event now, by the tenant's clock. Never call with the tenant locked.
    fn log(&self, kind: &str, entry: log_book::Entry) {
        let now = self.clock.now_datetime();
        self.tenant().logs.write(now, kind, entry);
    }

    /// Random letters and digits, for ids, codes and opaque tokens.
    fn random_text(&self, len: usize) -> String {
        seed::alnum(&mut *lock(&self.rng), len)
    }

    fn new_refresh_token(&self) -> String {
        seed::refresh_token_value(&mut *lock(&self.rng))
    }
}

/// A running simulated tenant; dropped or [`SimHandle::stop`]ped, it stops serving.
pub struct SimHandle {
    pub state: Arc<SimState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Credentials of one of the tenant's applications.
#[derive(Debug, Clone)]
pub struct AppSecrets {
    pub client_id: String,
    pub client_secret: Option<String>,
}

/// An application as `tenantscope sim` lists it.
#[derive(Debug, Clone)]
pub struct AppSummary {
    pub name: String,
    pub client_id: String,
    /// `non_interactive` (M2M), `regular_web`, `native`, `spa`.
    pub app_type: String,
    pub callbacks: Vec<String>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.state.base
    }

    /// Credentials of the application named `name` (see [`seed::FULL_ACCESS_APP`] and friends).
    pub fn app(&self, name: &str) -> Option<AppSecrets> {
        let tenant = self.state.tenant();
        let app = tenant.apps.iter().find(|a| a.name == name)?;
        Some(AppSecrets { client_id: app.client_id.clone(), client_secret: app.client_secret.clone() })
    }

    /// Every application of the tenant: name, client id, type and callback URLs (no secrets).
    pub fn apps(&self) -> Vec<AppSummary> {
        let tenant = self.state.tenant();
        tenant
            .apps
            .iter()
            .map(|a| AppSummary {
                name: a.name.clone(),
                client_id: a.client_id.clone(),
                app_type: a.app_type.clone(),
                callbacks: a.callbacks.clone(),
            })
            .collect()
    }

    /// The password every seeded user logs in with.
    pub fn password(&self) -> String {
        self.state.tenant().logins.password.clone()
    }

    /// The email of a seeded user who may log in (not blocked), for the demo.
    pub fn a_user_who_can_log_in(&self) -> Option<String> {
        let tenant = self.state.tenant();
        let user = tenant.users.iter().find(|u| u.get("blocked") != Some(&serde_json::Value::Bool(true)))?;
        user.get("email")?.as_str().map(str::to_string)
    }

    /// Lets `name` call back to `url` too (tests listen on ports of their own).
    pub fn allow_callback(&self, name: &str, url: &str) {
        if let Some(app) = self.state.tenant().apps.iter_mut().find(|a| a.name == name) {
            app.callbacks.push(url.to_string());
        }
    }

    /// The M2M application with every scope tenantscope uses.
    pub fn full_access(&self) -> AppSecrets {
        self.app(seed::FULL_ACCESS_APP).expect("the seed always has the full-access application")
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds 127.0.0.1:`port`, seeds the tenant and serves it on the current tokio runtime.
pub async fn start(options: SimOptions) -> std::io::Result<SimHandle> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let mut tenant = seed::seed(&base, options.users, options.seed);
    tenant.settings.propagation_delay = options.propagation_delay;
    tenant.settings.revocation_deletes_grant = options.revocation_deletes_grant;
    tenant.logins.password = options.password.clone();
    let state = Arc::new(SimState {
        base,
        clock: Clock::default(),
        keys: keys::SigningKeys::load(),
        limiter: Mutex::new(Limiter::new(options.limit)),
        received: Mutex::new(Vec::new()),
        jobs: Mutex::new(Vec::new()),
        rng: Mutex::new(ChaCha8Rng::seed_from_u64(options.seed ^ 0x5eed)),
        tenant: Mutex::new(tenant),
        options,
    });
    let (tx, rx) = oneshot::channel::<()>();
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(SimHandle { state, shutdown: Some(tx), task: Some(task) })
}

fn router(state: Arc<SimState>) -> Router {
    Router::new()
        .nest(
            "/api/v2",
            management::routes()
                .merge(sessions::routes())
                .merge(logs::routes())
                .merge(blocks::routes())
                .merge(jobs::api_routes())
                .merge(resource_servers::routes())
                .layer(middleware::from_fn_with_state(state.clone(), management::rate_limit)),
        )
        .merge(authentication::routes())
        .merge(login::routes())
        .merge(jobs::download_routes())
        .layer(middleware::from_fn_with_state(state.clone(), record_and_delay))
        .with_state(state)
}

async fn record_and_delay(State(state): State<Arc<SimState>>, request: Request, next: Next) -> Response {
    let target = request.uri().path_and_query().map(|pq| pq.as_str().to_string()).unwrap_or_default();
    lock(&state.received).push(Received { method: request.method().to_string(), target });
    if !state.options.latency.is_zero() {
        tokio::time::sleep(state.options.latency).await;
    }
    next.run(request).await
}
