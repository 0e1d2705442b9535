//! CLI tables on a terminal fit its width, ids whole; off a terminal (and with `--wide`) every
//! value is whole. The real binary in a pseudo-terminal of 80 and of 200 columns.

use crate::common;
use crate::pty::Session;

use tenantscope::sim::SimHandle;

/// The screen after `tenantscope ARGS` ran in a terminal `cols` wide, line by line.
async fn table_at(sim: &SimHandle, args: &[&str], cols: u16) -> Vec<String> {
    let mut session = Session::spawn(sim, args, &[], (60, cols));
    assert!(session.exit_status().await.success(), "{}", session.screen());
    session.screen().lines().map(str::to_string).collect()
}

/// The first users' ids, as Auth0 has them (the seed has long `samlp|…` ones among them).
fn first_ids(sim: &SimHandle, count: usize) -> Vec<String> {
    let tenant = sim.state.tenant();
    (0..count).map(|i| tenant.users.at(i).unwrap()["user_id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_fit_80_columns_with_every_id_whole_and_200_columns_with_every_value() {
    let sim = common::default_sim().await;
    let ids = first_ids(&sim, 5);
    assert!(ids.iter().any(|id| id.len() > 35), "a long id is among them: {ids:?}");

    let narrow = table_at(&sim, &["users", "--limit", "5"], 80).await;
    for id in &ids {
        assert!(narrow.iter().any(|line| line.contains(id.as_str())), "{id} whole on one line: {narrow:#?}");
    }
    let table = narrow.iter().filter(|line| !line.starts_with("tenantscope:"));
    assert!(table.clone().count() == 6 && table.clone().all(|l| l.chars().count() <= 80), "{narrow:#?}");
    assert!(narrow.iter().any(|line| line.contains('…')), "names give way: {narrow:#?}");
    assert!(narrow.iter().any(|line| line.contains("not shown at 80 columns: ")), "{narrow:#?}");

    let wide = table_at(&sim, &["users", "--limit", "5"], 200).await;
    assert!(wide[0].contains("LAST LOGIN") && wide[0].contains("BLOCKED"), "{wide:#?}");
    assert!(wide.iter().all(|line| !line.contains('…')), "{wide:#?}");

    let forced = table_at(&sim, &["users", "--limit", "5", "--wide"], 80).await;
    assert!(forced.iter().all(|line| !line.contains('…') && !line.contains("not shown")), "{forced:#?}");

    let piped = common::run_cli(&sim, &["users", "--limit", "5"]).await;
    let piped = common::stdout(&piped);
    assert!(piped.contains("Username-Password-Authentication"), "off a terminal, whole: {piped}");
}
