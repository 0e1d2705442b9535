//! A CLI confirmation names what goes, whose, through which application, and on which tenant, in
//! a terminal as a person answers it; "n" sends nothing.

use crate::common;
use crate::pty::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoking_a_grant_asks_naming_the_application_the_user_and_the_tenant() {
    let sim = common::default_sim().await;
    let (id, user_id, name, email, app) = {
        let tenant = sim.state.tenant();
        let (grant, user) = tenant
            .grants
            .iter()
            .find_map(|g| {
                let user =
                    tenant.users.iter().find(|u| u["user_id"] == g["user_id"] && u["name"].is_string())?;
                Some((g.clone(), user.clone()))
            })
            .expect("the seed has a grant of a named user");
        let app = tenant.apps.iter().find(|a| grant["clientID"] == a.client_id.as_str()).expect("its app");
        let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
        (
            text(&grant["id"]),
            text(&user["user_id"]),
            text(&user["name"]),
            text(&user["email"]),
            app.name.clone(),
        )
    };
    let deletes_before = sim.state.received().iter().filter(|r| r.method == "DELETE").count();

    let args = ["grants", "revoke", id.as_str(), "--user", user_id.as_str()];
    let mut session = Session::spawn(&sim, &args, &[], (40, 160));
    let screen = session.wait_for("[y/N]").await;
    assert!(screen.contains(&format!("Application: {app}")), "{screen}");
    let whose = format!("User:        {name} <{email}>");
    assert!(screen.contains(&whose), "{screen}");
    let host = sim.base_url().trim_start_matches("http://").to_string();
    assert!(screen.contains(&format!("Tenant:      {host}")), "{screen}");
    assert!(screen.contains(&format!("Revoke grant {id}? [y/N]")), "{screen}");
    assert!(!screen.contains(" X "), "no UI key in CLI text: {screen}");

    session.type_keys("n\r").await;
    assert!(!session.exit_status().await.success());
    assert!(session.screen().contains("cancelled; nothing was sent"), "{}", session.screen());
    let deletes = sim.state.received().iter().filter(|r| r.method == "DELETE").count();
    assert_eq!(deletes, deletes_before, "nothing was sent");
}
