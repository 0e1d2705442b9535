//! Pages side by side against page after page, on the simulated tenant with a network delay.
//!
//!     cargo run --release --example paging -- [LATENCY_MS] [USERS]
//!
//! Starts a simulated tenant (default rate limit: a burst of 50, 20 requests back a second) that
//! waits LATENCY_MS (default 100) before every answer, and times two listings with each client:
//! a user search read to Auth0's 1000-result limit (10 pages), and every grant of the tenant.
//! "Page after page" is the same client reading one page at a time, as the official SDKs' paging
//! helpers do.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tenantscope::auth0::{
    Credentials, GrantFilter, Http, HttpEvent, HttpOptions, ManagementClient, Tenant, UserQuery,
};
use tenantscope::sim::{self, SimHandle, SimOptions};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let latency_ms: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let users: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let options = SimOptions { users, latency: Duration::from_millis(latency_ms), ..SimOptions::default() };
    let sim = sim::start(options).await.expect("the simulated tenant starts");
    println!("simulated tenant: {users} users, {latency_ms} ms added to every answer\n");
    println!("| listing | pages | page after page | side by side | 429s (after / side) |");
    println!("| --- | --- | --- | --- | --- |");

    for listing in [Listing::Search, Listing::Grants] {
        let (sequential, seq_waits) = client(&sim, 1);
        // Let the bucket refill between runs, so each starts from a full budget.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (pages, seq_time) = listing.run(&sequential).await;
        let (concurrent, con_waits) = client(&sim, tenantscope::auth0::paging::MAX_PAGES_IN_FLIGHT);
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (_, con_time) = listing.run(&concurrent).await;
        println!(
            "| {} | {pages} | {:.2} s | {:.2} s | {} / {} |",
            listing.label(),
            seq_time.as_secs_f64(),
            con_time.as_secs_f64(),
            seq_waits.lock().unwrap().len(),
            con_waits.lock().unwrap().len(),
        );
    }
}

#[derive(Clone, Copy)]
enum Listing {
    Search,
    Grants,
}

impl Listing {
    fn label(self) -> &'static str {
        match self {
            Listing::Search => "users, to the 1000-result limit",
            Listing::Grants => "every grant",
        }
    }

    /// Runs the listing once (the token is fetched beforehand); pages read and the time taken.
    async fn run(self, client: &ManagementClient) -> (usize, Duration) {
        client.users_page(&UserQuery::default(), 0, 1).await.expect("a token and one user");
        let started = Instant::now();
        let items = match self {
            Listing::Search => client.search_users(&UserQuery::default(), 1000).await.unwrap().users.len(),
            Listing::Grants => client.grants(&GrantFilter::default()).await.unwrap().len(),
        };
        (items.div_ceil(100), started.elapsed())
    }
}

/// A client reading at most `pages_in_flight` pages at once, and the 429 waits it reported.
fn client(sim: &SimHandle, pages_in_flight: usize) -> (ManagementClient, Arc<Mutex<Vec<HttpEvent>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let sink = waits.clone();
    let http = Http::new(HttpOptions::default()).unwrap().with_events(Arc::new(move |event| {
        if matches!(event, HttpEvent::Waiting { .. }) {
            sink.lock().unwrap().push(event);
        }
    }));
    let tenant = Tenant::parse(sim.base_url()).unwrap();
    let app = sim.full_access();
    let credentials = Credentials::management_app(&tenant, app.client_id, app.client_secret);
    (ManagementClient::new(http, tenant, credentials, false).with_pages_in_flight(pages_in_flight), waits)
}
