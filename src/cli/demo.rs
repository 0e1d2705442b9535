//! `--demo` and `tenantscope sim`: the simulated tenant, started in this process. It is the
//! `sim` feature (on by default); a build without it says so instead.

#[cfg(not(feature = "sim"))]
pub use disabled::*;
#[cfg(feature = "sim")]
pub use enabled::*;

#[cfg(feature = "sim")]
mod enabled {
    use std::sync::Arc;

    use crate::config::Settings;
    use crate::sim::{SimHandle, SimOptions};

    use super::super::{CliError, note};

    /// The simulated tenant a command runs against, alive as long as the command.
    pub type DemoTenant = SimHandle;

    /// The password every seeded user logs in with.
    pub const DEFAULT_PASSWORD: &str = crate::sim::seed::DEFAULT_PASSWORD;

    /// The demo tenant's interactive applications, as a profile would list them.
    fn demo_apps(handle: &DemoTenant) -> std::collections::BTreeMap<String, crate::config::AppProfile> {
        [
            ("web", "Acme Web"),
            ("ios", "Acme iOS"),
            ("android", "Acme Android"),
            ("portal", "Partner Portal"),
            ("support", "Support Console"),
        ]
        .into_iter()
        .filter_map(|(label, name)| {
            let app = handle.app(name)?;
            let profile = crate::config::AppProfile {
                client_id: app.client_id,
                client_secret: app.client_secret.map(Into::into),
                callback_url: None,
            };
            Some((label.to_string(), profile))
        })
        .collect()
    }

    /// In the demo, a seeded user logs in by tenantscope filling the simulated tenant's login form.
    pub fn demo_stand_in(handle: &DemoTenant) -> crate::auth0::login::StandIn {
        let password = handle.password();
        Arc::new(move |url: String, email: String| {
            let password = password.clone();
            Box::pin(async move { crate::sim::browser::log_in(&url, &email, &password).await })
        })
    }

    /// Starts the simulated tenant in this process and returns settings pointing at it.
    pub async fn demo_settings(read_only: bool) -> Result<(Settings, DemoTenant), CliError> {
        let handle = crate::sim::start(SimOptions::default()).await.map_err(|e| {
            CliError::Failed(format!("could not start the simulated tenant on 127.0.0.1: {e}"))
        })?;
        let app = handle.full_access();
        let tenant = crate::auth0::Tenant::parse(handle.base_url()).map_err(CliError::Failed)?;
        let settings = Settings {
            credentials: crate::auth0::Credentials::management_app(&tenant, app.client_id, app.client_secret),
            tenant,
            ca_certs: Vec::new(),
            read_only,
            apps: demo_apps(&handle),
            profile: Some("demo".into()),
            color: None,
            download: crate::auth0::download_guard::DownloadLimits::default(),
        };
        Ok((settings, handle))
    }

    /// In the demo, a seeded user logs in: tenantscope fills the simulated tenant's form over HTTP.
    pub fn play_the_demo_user(handle: &DemoTenant, url: &str, login_hint: Option<&str>) {
        let email =
            login_hint.map(str::to_string).or_else(|| handle.a_user_who_can_log_in()).unwrap_or_default();
        let password = handle.password();
        note(format!(
            "--demo: tenantscope fills the simulated tenant's login form as {email}, in place of a person"
        ));
        let url = url.to_string();
        tokio::spawn(async move {
            if let Err(problem) = crate::sim::browser::log_in(&url, &email, &password).await {
                note(format!("the demo's login stopped: {problem}"));
            }
        });
    }

    pub use super::super::sim::serve;
}

#[cfg(not(feature = "sim"))]
mod disabled {
    use crate::config::Settings;

    use super::super::CliError;

    /// No simulated tenant in this build: nothing can be one.
    pub enum DemoTenant {}

    pub const DEFAULT_PASSWORD: &str = "";

    fn not_built() -> CliError {
        CliError::Usage(
            "this tenantscope was built without the simulated tenant (the `sim` feature), so --demo and sim are not available".into(),
        )
    }

    pub async fn demo_settings(_read_only: bool) -> Result<(Settings, DemoTenant), CliError> {
        Err(not_built())
    }

    pub fn demo_stand_in(tenant: &DemoTenant) -> crate::auth0::login::StandIn {
        match *tenant {}
    }

    pub fn play_the_demo_user(tenant: &DemoTenant, _url: &str, _login_hint: Option<&str>) {
        match *tenant {}
    }

    /// `tenantscope sim`, whatever it was asked (its arguments are `cli::args::SimArgs`).
    pub async fn serve<Args>(_args: &Args) -> Result<(), CliError> {
        Err(not_built())
    }
}
