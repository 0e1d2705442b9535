//! Pages read side by side within the rate-limit budget, against the simulated tenant over
//! loopback: the same results as page after page, and no more at once than the headers allow.

use crate::common;

use std::time::Duration;

use tenantscope::auth0::management::SearchEnd;
use tenantscope::auth0::paging::PagesProgress;
use tenantscope::auth0::{GrantFilter, HttpEvent, UserQuery};
use tenantscope::sim::{LimitConfig, SimOptions};

fn pages_reported(events: &[HttpEvent]) -> Vec<PagesProgress> {
    events
        .iter()
        .filter_map(|e| match e {
            HttpEvent::Pages(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

/// How many 429s were waited out.
fn rate_limited(events: &[HttpEvent]) -> usize {
    events
        .iter()
        .filter(|e| {
            matches!(
                e,
                HttpEvent::Waiting { reason: tenantscope::auth0::http::WaitReason::RateLimited(_), .. }
            )
        })
        .count()
}

#[tokio::test]
async fn side_by_side_reads_what_page_after_page_reads() {
    let sim = common::start_sim(SimOptions { users: 1_500, ..SimOptions::default() }).await;
    let (side_by_side, events) =
        common::client_with(&sim, &sim.full_access(), common::quick_options(), false);
    let one_by_one = common::client_for(&sim, &sim.full_access()).with_pages_in_flight(1);

    let query = UserQuery::default();
    let a = side_by_side.search_users(&query, 1000).await.unwrap();
    let b = one_by_one.search_users(&query, 1000).await.unwrap();
    let ids = |users: &[tenantscope::auth0::User]| -> Vec<String> {
        users.iter().map(|u| u.user_id().unwrap().to_string()).collect()
    };
    assert_eq!(a.users.len(), 1000);
    assert_eq!(ids(&a.users), ids(&b.users), "the same users in the same order");
    assert_eq!((a.end, a.total), (SearchEnd::CallerLimit, Some(1_500)));

    // Grants of the whole tenant, within Auth0's 1,000-record paging window.
    let small = common::start_sim(SimOptions { users: 350, ..SimOptions::default() }).await;
    let (side_by_side_small, _) =
        common::client_with(&small, &small.full_access(), common::quick_options(), false);
    let one_by_one_small = common::client_for(&small, &small.full_access()).with_pages_in_flight(1);
    let grants_a = side_by_side_small.grants(&GrantFilter::default()).await.unwrap();
    let grants_b = one_by_one_small.grants(&GrantFilter::default()).await.unwrap();
    assert_eq!(grants_a.len(), small.state.tenant().grants.len());
    assert!((300..1000).contains(&grants_a.len()), "several pages of grants: {}", grants_a.len());
    assert_eq!(grants_a, grants_b);
    // Past the window, the listing stops with a sentence instead of reading on.
    let err = side_by_side.grants(&GrantFilter::default()).await.unwrap_err().to_string();
    assert!(err.contains("reaches the first 1,000 grants"), "{err}");

    let events = events.lock().unwrap();
    let progress = pages_reported(&events);
    assert!(progress.iter().any(|p| p.in_flight > 1), "pages went side by side: {progress:?}");
    assert_eq!(progress.last().map(|p| p.done), progress.last().map(|p| p.total), "it reported the end");
}

#[tokio::test]
async fn a_small_budget_is_shared_not_spent() {
    // A bucket of 10 that refills at 5 a second: a fifth (2) is kept back for other callers.
    let options = SimOptions {
        users: 1_200,
        limit: LimitConfig { capacity: 10, per_second: 5.0 },
        latency: Duration::from_millis(20),
        ..SimOptions::default()
    };
    let sim = common::start_sim(options).await;
    let (client, events) = common::client_with(&sim, &sim.full_access(), common::quick_options(), false);
    let search = client.search_users(&UserQuery::default(), 1000).await.unwrap();
    assert_eq!(search.users.len(), 1000);

    let events = events.lock().unwrap();
    assert_eq!(rate_limited(&events), 0, "no 429 was provoked: {events:?}");
    let progress = pages_reported(&events);
    assert_eq!(progress.len(), 9, "pages 2 to 10");
    // Never more at once than the bucket could spare after its reserve.
    // 9 remaining after the first page, 2 kept back: at most 7 at once, 6 once one is back.
    assert!(progress.iter().all(|p| p.in_flight <= 6), "{progress:?}");
}

#[tokio::test]
async fn page_after_page_keeps_one_in_flight() {
    let sim = common::start_sim(SimOptions { users: 600, ..SimOptions::default() }).await;
    let (client, events) = common::client_with(&sim, &sim.full_access(), common::quick_options(), false);
    let client = client.with_pages_in_flight(1);
    assert_eq!(client.search_users(&UserQuery::default(), 600).await.unwrap().users.len(), 600);
    let progress = pages_reported(&events.lock().unwrap());
    assert_eq!(progress.len(), 5);
    assert!(progress.iter().all(|p| p.in_flight == 0), "{progress:?}");
}

/// A server that leaves out the total (a proxy, an older API): pages are read one after another
/// until a short one, and a full last page at the caller's limit means more may match.
#[tokio::test]
async fn without_a_total_pages_go_one_after_another_to_a_short_page() {
    use tenantscope::auth0::{Credentials, Http, ManagementClient, Tenant};
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    for (page, count) in [(0, 100), (1, 100), (2, 40)] {
        let users: Vec<_> =
            (0..count).map(|i| serde_json::json!({"user_id": format!("auth0|{page}-{i}")})).collect();
        Mock::given(method("GET"))
            .and(path("/api/v2/users"))
            .and(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(users))
            .mount(&server)
            .await;
    }
    let http = Http::new(common::quick_options()).unwrap();
    let tenant = Tenant::parse(&server.uri()).unwrap();
    let client = ManagementClient::new(http, tenant, Credentials::Token("t".to_string().into()), false);

    let all = client.search_users(&UserQuery::default(), 1000).await.unwrap();
    assert_eq!((all.users.len(), all.total, all.end), (240, None, SearchEnd::Complete));
    assert_eq!(all.users[100].user_id(), Some("auth0|1-0"), "in page order");
    let requested = server.received_requests().await.unwrap().len();
    assert_eq!(requested, 3, "no page past the short one");

    let some = client.search_users(&UserQuery::default(), 200).await.unwrap();
    assert_eq!((some.users.len(), some.end), (200, SearchEnd::CallerLimit));
}
