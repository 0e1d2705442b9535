//! `tenantscope sim`: serves the simulated tenant until Ctrl-C.

use std::time::Duration;

use crate::sim::{LimitConfig, SimOptions, seed};

use super::args::SimArgs;
use super::{CliError, note};

pub async fn serve(args: &SimArgs) -> Result<(), CliError> {
    if args.rate_limit == 0 || args.refill_per_second <= 0.0 {
        return Err(CliError::Usage("--rate-limit and --refill-per-second must be above 0".into()));
    }
    let options = SimOptions {
        users: args.users,
        seed: args.seed,
        port: args.port,
        limit: LimitConfig { capacity: args.rate_limit, per_second: args.refill_per_second },
        latency: Duration::from_millis(args.latency_ms),
        password: args.password.clone(),
        ..SimOptions::default()
    };
    let handle = crate::sim::start(options)
        .await
        .map_err(|e| CliError::Failed(format!("could not listen on 127.0.0.1:{}: {e}", args.port)))?;
    let base = handle.base_url().to_string();
    // These are the simulated tenant's own credentials: printing them is the point.
    crate::outln!("Simulated Auth0 tenant on {base} ({} users, seed {})", args.users, args.seed);
    crate::outln!();
    crate::outln!("export AUTH0_DOMAIN={base}");
    for (name, prefix) in [(seed::FULL_ACCESS_APP, ""), (seed::READ_ONLY_APP, "# read-only: ")] {
        if let Some(app) = handle.app(name) {
            crate::outln!("{prefix}export AUTH0_CLIENT_ID={}", app.client_id);
            crate::outln!("{prefix}export AUTH0_CLIENT_SECRET={}", app.client_secret.unwrap_or_default());
        }
    }
    crate::outln!(
        "# the applications (tenantscope login --client-id ID logs in through an interactive one):"
    );
    for app in handle.apps() {
        let callbacks =
            if app.callbacks.is_empty() { String::new() } else { format!("  {}", app.callbacks.join(" ")) };
        crate::outln!("#   {}  {:<15}  {}{callbacks}", app.client_id, app.app_type, app.name);
    }
    crate::outln!("# every seeded user logs in (tenantscope login) with this password:");
    crate::outln!("export TENANTSCOPE_SIM_PASSWORD={}", args.password);
    crate::outln!();
    note("serving until Ctrl-C");
    tokio::signal::ctrl_c().await.map_err(|e| CliError::Failed(format!("could not wait for Ctrl-C: {e}")))?;
    handle.stop().await;
    Ok(())
}
