//! `App::update`: an action in, the state and the commands out. No terminal, no network.

use crate::tui_common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use tenantscope::auth0::{Auth0Error, UserRow};
use tenantscope::revoke::Verdict;
use tenantscope::roster::Batch;
use tenantscope::roster::order::SortColumn;
use tenantscope::tui::action::{
    AppChoice, Outcome, PastedTokenAction, PastedTokenOutcome, RequestId, RevokeTarget,
};
use tenantscope::tui::overlay::{Message, Popup};
use tenantscope::tui::panes::{Pane, Remote, UsersEnd};
use tenantscope::tui::{Action, App, Command};
use tui_common::{app_with_users, key, loaded_page, press, seeded, user_with_grants};

fn users_request(commands: &[Command]) -> (RequestId, usize, Option<String>) {
    commands
        .iter()
        .find_map(|c| match c {
            Command::LoadUsersPage { req, page, query, .. } => Some((*req, *page, query.q.clone())),
            _ => None,
        })
        .expect("a users page is asked for")
}

#[test]
fn opening_asks_for_the_first_page_and_the_application_names() {
    let mut app = App::new("acme.auth0.com".into(), false, tui_common::clock());
    let commands = app.start();
    assert_eq!(users_request(&commands), (RequestId(1), 0, None));
    assert!(commands.contains(&Command::LoadClientNames { req: RequestId(2) }));
    assert_eq!(app.status.in_flight, 2);
}

#[test]
fn a_stale_page_is_dropped() {
    let tenant = seeded(300);
    let mut app = App::new("t".into(), false, tui_common::clock());
    let first = users_request(&app.start()).0;
    // The user searched before the first page came back.
    press(&mut app, '/');
    for c in "name:A*".chars() {
        press(&mut app, c);
    }
    let searched = app.update(Action::Key(key(KeyCode::Enter)));
    let (second, page, q) = users_request(&searched);
    assert_eq!((page, q.as_deref()), (0, Some("name:A*")));
    app.update(Action::Done(Outcome::UsersPage {
        req: first,
        page: 0,
        result: Ok(loaded_page(&tenant, 0, 100)),
    }));
    assert!(app.panes.users.rows.is_empty(), "the old page must not show under the new query");
    app.update(Action::Done(Outcome::UsersPage {
        req: second,
        page: 0,
        result: Ok(loaded_page(&tenant, 0, 40)),
    }));
    assert_eq!(app.panes.users.rows.len(), 40);
    assert_eq!(app.panes.users.end, UsersEnd::Complete);
}

#[test]
fn pages_load_as_the_cursor_nears_the_end_and_stop_at_1000() {
    let tenant = seeded(1200);
    let (mut app, _) = app_with_users(&tenant, 100);
    assert_eq!(app.panes.users.end, UsersEnd::More { next: 1 });
    let mut commands = Vec::new();
    for _ in 0..85 {
        commands.extend(app.update(Action::Key(key(KeyCode::Down))));
    }
    let (req, page, _) = users_request(&commands);
    assert_eq!(page, 1);
    assert_eq!(
        commands.iter().filter(|c| matches!(c, Command::LoadUsersPage { .. })).count(),
        1,
        "asked once"
    );
    let mut next = Some((req, page));
    while let Some((req, page)) = next.take() {
        let result = Ok(loaded_page(&tenant, page * 100, 100));
        let mut more = app.update(Action::Done(Outcome::UsersPage { req, page, result }));
        more.extend(app.update(Action::Key(key(KeyCode::End))));
        next = more.iter().find_map(|c| match c {
            Command::LoadUsersPage { req, page, .. } => Some((*req, *page)),
            _ => None,
        });
    }
    assert_eq!(app.panes.users.rows.len(), 1000);
    assert_eq!(app.panes.users.end, UsersEnd::SearchCap);
}

#[test]
fn enter_selects_the_user_for_grants_and_devices() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    let user_id = app.panes.users.rows.get(0).unwrap().user_id().unwrap().to_string();
    assert!(commands.iter().any(|c| matches!(c, Command::LoadGrants { user_id: u, .. } if *u == user_id)));
    assert!(commands.iter().any(|c| matches!(c, Command::LoadDevices { user_id: u, .. } if *u == user_id)));
    assert_eq!(app.selected_user_id().as_deref(), Some(user_id.as_str()));
    assert!(matches!(app.panes.grants.items, Remote::Loading(_)));
}

#[test]
fn revoking_a_grant_asks_first_naming_it_and_removes_it_once_confirmed() {
    let tenant = seeded(300);
    let (mut app, grant_ids) = user_with_grants(&tenant, false);
    press(&mut app, 'd');
    let Some(Popup::Confirm(confirm)) = app.popup.clone() else { panic!("a confirmation opens") };
    assert!(confirm.lines.iter().any(|l| l.contains(&grant_ids[0])), "{confirm:?}");
    assert!(
        confirm.lines.iter().any(|l| l.starts_with("Application: Acme")
            || l.starts_with("Application: Partner")
            || l.starts_with("Application: Support")),
        "{confirm:?}"
    );

    let cancelled = app.update(Action::Key(key(KeyCode::Esc)));
    assert!(cancelled.is_empty() && app.popup.is_none());

    press(&mut app, 'd');
    let commands = app.update(Action::Key(key(KeyCode::Char('y'))));
    let [Command::Revoke { req, target: target @ RevokeTarget::Grant { id, .. } }] = commands.as_slice()
    else {
        panic!("one revoke: {commands:?}")
    };
    assert_eq!(id, &grant_ids[0]);
    assert_eq!(app.panes.grants.len(), grant_ids.len(), "the row stays until the tenant confirms");

    let proof = Verdict::Revoked("looked again: the user's grants no longer list it".into());
    let follow_up =
        app.update(Action::Done(Outcome::Revoked { req: *req, target: target.clone(), verdict: proof }));
    assert_eq!(app.panes.grants.len(), grant_ids.len() - 1);
    assert!(
        matches!(&app.status.message(), Some(Message::Info(m)) if m.starts_with("revoked: grant") && m.contains("no longer list it")),
        "{:?}",
        app.status.message()
    );
    assert!(
        follow_up.iter().any(|c| matches!(c, Command::LoadDevices { .. })),
        "its refresh tokens' credentials may be gone"
    );
    assert!(
        follow_up.iter().any(|c| matches!(c, Command::LoadSessions { .. })),
        "the refresh tokens issued under the grant are re-listed without r"
    );
}

#[test]
fn an_accepted_revoke_says_nothing_was_proven() {
    let tenant = seeded(300);
    let (mut app, grant_ids) = user_with_grants(&tenant, false);
    let (req, target) = revoke_the_highlighted_grant(&mut app, &grant_ids);
    let verdict = Verdict::Accepted {
        why: "Auth0 took it, but the user's grants still list it".into(),
        prove: "list again".into(),
    };
    app.update(Action::Done(Outcome::Revoked { req, target, verdict }));
    let Some(Message::Error(text)) = &app.status.message() else { panic!("{:?}", app.status.message()) };
    assert!(text.starts_with("accepted: grant") && !text.contains("revoked"), "{text}");
}

#[test]
fn a_failed_revoke_keeps_the_row_and_shows_auth0s_words() {
    let tenant = seeded(300);
    let (mut app, grant_ids) = user_with_grants(&tenant, false);
    let (req, target) = revoke_the_highlighted_grant(&mut app, &grant_ids);
    let err = Auth0Error::Management {
        status: 403,
        error: "Forbidden".into(),
        message: "Insufficient scope, expected any of: delete:grants".into(),
        error_code: Some("insufficient_scope".into()),
    };
    app.update(Action::Done(Outcome::Revoked { req, target, verdict: Verdict::Failed(err) }));
    assert_eq!(app.panes.grants.len(), grant_ids.len());
    let Some(Message::Error(text)) = &app.status.message() else { panic!() };
    assert!(
        text.contains("Insufficient scope, expected any of: delete:grants")
            && text.contains("Grant the application"),
        "{text}"
    );
}

#[test]
fn revoke_all_lists_every_grant() {
    let tenant = seeded(300);
    let (mut app, grant_ids) = user_with_grants(&tenant, false);
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT)));
    let Some(Popup::Confirm(confirm)) = &app.popup else { panic!() };
    for id in &grant_ids {
        assert!(confirm.lines.iter().any(|l| l.contains(id)));
    }
    let commands = app.update(Action::Key(key(KeyCode::Char('y'))));
    assert!(
        matches!(commands.as_slice(), [Command::Revoke { target: RevokeTarget::AllGrants { count, .. }, .. }] if *count == grant_ids.len())
    );
}

#[test]
fn read_only_refuses_revoke_keys_and_says_why() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, true);
    for c in ['d', 'D'] {
        let commands = app.update(Action::Key(key(KeyCode::Char(c))));
        assert!(commands.is_empty() && app.popup.is_none());
        assert!(matches!(&app.status.message(), Some(Message::Error(m)) if m.contains("--read-only")));
    }
}

#[test]
fn panes_switch_by_number_and_tab_and_quit_with_q_or_ctrl_c() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    press(&mut app, '3');
    assert_eq!(app.focus, Pane::Devices);
    app.update(Action::Key(key(KeyCode::Tab)));
    assert_eq!(app.focus, Pane::Token);
    app.update(Action::Key(key(KeyCode::BackTab)));
    assert_eq!(app.focus, Pane::Devices);
    press(&mut app, '?');
    assert_eq!(app.popup, Some(Popup::Help(0)));
    press(&mut app, 'j');
    assert_eq!(app.popup, Some(Popup::Help(1)));
    press(&mut app, '?');
    assert_eq!(app.popup, None);
    press(&mut app, 'q');
    assert!(app.should_quit);
    let mut app = App::new("t".into(), false, tui_common::clock());
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(app.should_quit);
}

#[test]
fn a_pasted_token_is_decoded_and_its_claims_copied_falling_back_to_osc52() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    press(&mut app, '4');
    let commands = app.update(Action::Paste(format!("Bearer {}", tui_common::sample_jwt()).into()));
    assert!(app.panes.token.has_token());
    assert!(
        matches!(commands.as_slice(), [Command::VerifyToken { token, .. }] if token.expose().contains(&tui_common::sample_jwt())),
        "the signature is checked in the background: {commands:?}"
    );
    let commands = app.update(Action::Key(key(KeyCode::Char('c'))));
    let [Command::CopyToClipboard { req, text, .. }] = commands.as_slice() else { panic!("{commands:?}") };
    assert!(text.contains("\"sub\": \"auth0|64ab\""), "{text}");
    let commands = app.update(Action::Done(Outcome::Copied {
        req: *req,
        what: "claims JSON".into(),
        text: text.clone(),
        result: Err("no display".into()),
    }));
    assert!(commands.is_empty(), "the loop writes OSC 52 itself, not a task: {commands:?}");
    assert_eq!(app.take_osc52().as_deref(), Some(text.as_str()));
    assert!(matches!(&app.status.message(), Some(Message::Info(m)) if m.contains("OSC 52")));
    press(&mut app, 'x');
    assert!(!app.panes.token.has_token());
}

#[test]
fn a_click_selects_the_row_under_it() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    app.panes.users.selection.rows_area.set(Rect::new(1, 2, 60, 20));
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 6,
        modifiers: KeyModifiers::NONE,
    };
    app.update(Action::Mouse(click));
    assert_eq!(app.panes.users.selection.selected, 4);
    let wheel =
        MouseEvent { kind: MouseEventKind::ScrollDown, column: 5, row: 6, modifiers: KeyModifiers::NONE };
    app.update(Action::Mouse(wheel));
    assert_eq!(app.panes.users.selection.selected, 7);
}

#[test]
fn results_and_ticks_move_the_status_bar() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    app.start();
    let spinner = app.status.spinner;
    app.update(Action::Tick(tui_common::clock()));
    assert_ne!(app.status.spinner, spinner, "the spinner turns while requests are in flight");
    app.update(Action::RateLimit(tenantscope::auth0::RateLimit { limit: 50, remaining: 7, reset: 0 }));
    assert_eq!(app.status.rate_limit.unwrap().remaining, 7);
    app.update(Action::Notice("Auth0 rate limit reached; waiting 2.0 s".into()));
    assert!(matches!(&app.status.message(), Some(Message::Info(m)) if m.contains("waiting")));
}

#[test]
fn enter_on_a_token_opens_its_user_and_stale_verifications_are_dropped() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    press(&mut app, '4');
    let first = app.update(Action::Paste(tui_common::sample_jwt().into()));
    let Some(Command::VerifyToken { req: stale, .. }) = first.first().cloned() else { panic!() };
    app.update(Action::Paste(tui_common::expired_jwt().into()));
    let report = tenantscope::token::SignatureReport::not_checked("from the first token");
    app.update(Action::Done(Outcome::TokenVerified { req: stale, report }));
    assert_eq!(app.panes.token.signature, None, "a check of a replaced token is dropped");

    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    assert_eq!(app.focus, Pane::Users);
    let (_, page, q) = users_request(&commands);
    assert_eq!((page, q.as_deref()), (0, Some("user_id:\"google-oauth2|1234\"")));
}

#[test]
fn revoke_everything_confirms_listing_it_all_then_reloads() {
    let tenant = seeded(300);
    let (mut app, grant_ids) = user_with_grants(&tenant, false);
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT)));
    let Some(Popup::Confirm(confirm)) = app.popup.clone() else { panic!("a confirmation opens") };
    assert_eq!(confirm.lines.iter().filter(|l| l.starts_with("grant")).count(), grant_ids.len());
    assert!(confirm.lines.iter().any(|l| l.starts_with("sessions")), "{confirm:?}");
    let commands = app.update(Action::Key(key(KeyCode::Char('y'))));
    let [Command::Revoke { req, target: RevokeTarget::Everything { user_id, with_sessions: true, .. } }] =
        commands.as_slice()
    else {
        panic!("{commands:?}")
    };
    let gone = || Verdict::Revoked("looked again".into());
    let results = vec![("grants".to_string(), gone()), ("sessions".to_string(), gone())];
    let reload =
        app.update(Action::Done(Outcome::RevokedEverything { req: *req, user_id: user_id.clone(), results }));
    assert!(
        matches!(&app.status.message(), Some(Message::Info(m)) if m.starts_with("revoked: everything of")),
        "{:?}",
        app.status.message()
    );
    assert_eq!(reload.len(), 3, "grants, devices and sessions are loaded again: {reload:?}");
}

#[test]
fn a_refresh_token_is_revoked_with_a_chosen_application_and_a_live_one_is_replaced() {
    let tenant = seeded(300);
    let mut app = App::new("t".into(), false, tui_common::clock());
    app.apps = tui_common::profile_apps(&tenant);
    press(&mut app, '4');
    app.update(Action::Paste("v1.Mheld0123456789".into()));
    press(&mut app, 'R');
    assert!(matches!(app.popup, Some(Popup::ChooseApp { .. })));
    let commands = press(&mut app, '2');
    let [
        Command::PastedRefreshToken {
            req: revoke_req,
            action: PastedTokenAction::Revoke,
            app: chosen,
            token,
        },
    ] = commands.as_slice()
    else {
        panic!("{commands:?}")
    };
    assert_eq!(
        (chosen.label.as_deref(), chosen.client_id.as_str()),
        (Some(app.apps[1].0.as_str()), app.apps[1].1.as_str())
    );
    assert_eq!(token, "v1.Mheld0123456789");
    let revoke_req = *revoke_req;

    // V with a typed client id; the token still works, so the new one replaces it.
    press(&mut app, 'V');
    press(&mut app, 'i');
    for c in "pub-client".chars() {
        press(&mut app, c);
    }
    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    let [
        Command::PastedRefreshToken {
            req,
            action: PastedTokenAction::Verify,
            app: AppChoice { label: None, .. },
            ..
        },
    ] = commands.as_slice()
    else {
        panic!("{commands:?}")
    };
    app.update(Action::Done(Outcome::PastedRefreshToken {
        req: *req,
        action: PastedTokenAction::Verify,
        result: Ok(PastedTokenOutcome::StillAccepted { refresh_token: "v1.Mnext".into() }),
    }));
    assert_eq!(app.panes.token.raw_text().as_deref(), Some("v1.Mnext"), "nothing is lost");
    app.update(Action::Done(Outcome::PastedRefreshToken {
        req: revoke_req,
        action: PastedTokenAction::Revoke,
        result: Ok(PastedTokenOutcome::Dead { description: "Unknown or invalid refresh token.".into() }),
    }));
    assert!(matches!(&app.status.message(), Some(Message::Info(m)) if m.contains("proven dead")));

    // R is a revoke: refused under --read-only.
    app.read_only = true;
    press(&mut app, 'R');
    assert!(app.popup.is_none());
}

#[test]
fn a_tenant_without_sessions_says_so_in_the_pane() {
    let mut app = App::new("t".into(), false, tui_common::clock());
    let tenant = seeded(300);
    let (mut app2, _) = app_with_users(&tenant, 100);
    std::mem::swap(&mut app, &mut app2);
    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    let req = commands
        .iter()
        .find_map(|c| match c {
            Command::LoadSessions { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    let err = Auth0Error::Management {
        status: 403,
        error: "Forbidden".into(),
        message: "This feature is not enabled for this tenant.".into(),
        error_code: Some("feature_not_enabled".into()),
    };
    app.update(Action::Done(Outcome::Sessions { req, result: Err(err) }));
    let Remote::Failed(view) = &app.panes.sessions.items else { panic!() };
    assert!(view.message.contains("Enterprise"));
}

#[test]
fn a_key_loads_every_user_through_an_export_in_batches() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    let commands = app.update(Action::Key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)));
    let [Command::ExportUsers { req: first }] = commands.as_slice() else { panic!("{commands:?}") };
    let first = *first;
    assert_eq!(app.panes.users.rows.len(), 100, "the table stays until the export's users arrive");
    // A again asks first; a second A soon after starts the export over.
    let asked = app.update(Action::Key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)));
    assert!(asked.is_empty(), "{asked:?}");
    assert!(app.status.message().is_some_and(|m| m.text().contains("A again within 5 s starts it over")));
    let again = app.update(Action::Key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)));
    let [Command::ExportUsers { req }] = again.as_slice() else { panic!("{again:?}") };
    let req = *req;
    assert_ne!(req, first, "a new export, whose answers are told apart from the first's");
    // An export hands over rows read straight from the file's lines.
    let rows = |from: usize, count: usize| -> Batch {
        let page = loaded_page(&tenant, from, count);
        let mut batch = Batch::default();
        for user in &page.users {
            batch.push(&UserRow::from_json(&serde_json::to_string(user).unwrap()).unwrap());
        }
        batch
    };
    app.update(Action::Done(Outcome::ExportBatch { req, batch: rows(0, 200) }));
    assert_eq!(app.panes.users.rows.len(), 200, "the old rows went when the first users came");
    app.update(Action::Done(Outcome::ExportBatch { req: RequestId(9999), batch: rows(0, 5) }));
    app.update(Action::Done(Outcome::ExportBatch { req, batch: rows(200, 100) }));
    app.update(Action::Done(Outcome::ExportDone { req, result: Ok(300) }));
    assert_eq!(app.panes.users.rows.len(), 300);
    assert_eq!(app.panes.users.end, UsersEnd::Complete);
}

#[test]
fn the_local_filter_narrows_the_loaded_users_as_you_type_without_paging() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, 'f');
    assert!(app.panes.users.filter.as_ref().is_some_and(|f| f.editing));
    let mut commands = Vec::new();
    for c in "zoe".chars() {
        commands.extend(press(&mut app, c));
    }
    assert!(commands.is_empty(), "typing in the filter sends nothing to the tenant");
    let shown = app.panes.users.visible_len();
    assert!(shown > 0 && shown < 100, "{shown} of 100 match");
    let names: Vec<&str> = (0..shown).filter_map(|i| app.panes.users.visible(i)?.name()).collect();
    assert!(names.iter().any(|n| n.starts_with("Zoë")), "accents are ignored: {names:?}");
    let first = names[0].to_string();
    // Moving never pages while filtering; Enter keeps the filter, then selects as usual.
    assert!(app.update(Action::Key(key(KeyCode::End))).is_empty());
    app.update(Action::Key(key(KeyCode::Enter)));
    assert!(app.panes.users.filter.as_ref().is_some_and(|f| !f.editing));
    app.update(Action::Key(key(KeyCode::Home)));
    let commands = app.update(Action::Key(key(KeyCode::Enter)));
    assert!(commands.iter().any(|c| matches!(c, Command::LoadGrants { .. })));
    assert_eq!(app.selected_user.as_ref().and_then(|u| u.name()), Some(first.as_str()));
    // f then Esc clears it.
    press(&mut app, 'f');
    app.update(Action::Key(key(KeyCode::Esc)));
    assert_eq!(app.panes.users.visible_len(), 100);
}

#[test]
fn s_sorts_the_loaded_users_and_s_flips_keeping_the_highlighted_one() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    app.update(Action::Key(key(KeyCode::Down)));
    let highlighted = app.panes.users.highlighted().unwrap().user_id().unwrap().to_string();
    press(&mut app, 's');
    let sort = app.panes.users.sort.unwrap();
    assert_eq!((sort.column, sort.descending), (SortColumn::LastLogin, true));
    let logins: Vec<Option<i64>> =
        (0..100).map(|i| app.panes.users.visible(i).unwrap().last_login_ms()).collect();
    let known: Vec<i64> = logins.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(logins.iter().skip_while(|l| l.is_some()).all(Option::is_none), "never logged in: last");
    assert_eq!(
        app.panes.users.highlighted().unwrap().user_id(),
        Some(highlighted.as_str()),
        "the cursor follows"
    );
    app.update(Action::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT)));
    let first = app.panes.users.visible(0).unwrap().last_login_ms();
    assert_eq!(first, known.last().copied(), "oldest first");
    // With a filter on, what shows is the sort's order kept to the matches.
    press(&mut app, 'f');
    for c in "example".chars() {
        press(&mut app, c);
    }
    let shown = app.panes.users.visible_len();
    assert!(shown > 0 && shown < 100);
    let filtered: Vec<i64> = (0..shown).filter_map(|i| app.panes.users.visible(i)?.last_login_ms()).collect();
    assert!(filtered.windows(2).all(|w| w[0] <= w[1]));
    // s past the last column goes back to the order they came in.
    app.update(Action::Key(key(KeyCode::Enter)));
    for _ in 0..3 {
        press(&mut app, 's');
    }
    assert_eq!(app.panes.users.sort, None);
}

#[test]
fn a_listing_of_many_pages_shows_in_the_status_bar_until_it_is_read() {
    use tenantscope::auth0::paging::PagesProgress;
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    let progress = |done| PagesProgress { what: "grants".into(), done, total: 12, in_flight: 4 };
    app.update(Action::Pages(progress(3)));
    assert_eq!(app.status.pages, Some(progress(3)));
    app.update(Action::Pages(progress(12)));
    assert_eq!(app.status.pages, None, "gone once every page is read");
}

#[test]
fn the_same_key_means_what_its_pane_says() {
    let app = App::new("t".into(), false, tui_common::clock());
    assert_eq!(app.key_help(Pane::Grants, key(KeyCode::Char('d'))), Some("revoke the highlighted grant"));
    assert!(app.key_help(Pane::Users, key(KeyCode::Char('d'))).is_none());
    assert_eq!(app.key_help(Pane::Token, key(KeyCode::Char('c'))), Some("copy the claims as JSON"));
    assert_eq!(app.key_help(Pane::Users, key(KeyCode::Char('c'))), Some("copy the highlighted id"));
    assert_eq!(
        app.key_help(Pane::Users, key(KeyCode::Char('5'))),
        Some("Sessions and refresh tokens of the selected user")
    );
}

#[test]
fn shifted_letters_match_with_or_without_the_shift_flag() {
    let app = App::new("t".into(), false, tui_common::clock());
    let shifted = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT);
    assert_eq!(app.key_help(Pane::Grants, shifted), Some("revoke every grant of the user"));
    assert_eq!(app.key_help(Pane::Grants, key(KeyCode::Char('D'))), Some("revoke every grant of the user"));
}

/// `d` then `y` on the Grants pane: the revoke sent for the first grant, as the runner gets it.
fn revoke_the_highlighted_grant(app: &mut App, grant_ids: &[String]) -> (RequestId, RevokeTarget) {
    press(app, 'd');
    let commands = app.update(Action::Key(key(KeyCode::Char('y'))));
    let [Command::Revoke { req, target }] = commands.as_slice() else { panic!("one revoke: {commands:?}") };
    assert!(matches!(target, RevokeTarget::Grant { id, .. } if *id == grant_ids[0]), "{target:?}");
    (*req, target.clone())
}

#[test]
fn an_answer_to_a_request_nobody_sent_is_dropped_and_the_count_stays_true() {
    let tenant = seeded(30);
    let mut app = App::new("acme.auth0.com".into(), false, tui_common::clock());
    let commands = app.start();
    let names = commands.iter().find(|c| matches!(c, Command::LoadClientNames { .. })).unwrap().req();
    assert_eq!(app.status.in_flight, 2);
    let stranger = RequestId(names.0 + 100);
    app.update(Action::Done(Outcome::ClientNames { req: stranger, result: Ok(tui_common::names(&tenant)) }));
    assert_eq!(app.status.in_flight, 2, "an answer nobody awaits closes nothing");
    assert!(app.client_names.application(Some(&tenant.apps[0].client_id)) == tenant.apps[0].client_id);
    app.update(Action::Done(Outcome::ClientNames { req: names, result: Ok(tui_common::names(&tenant)) }));
    assert_eq!(app.status.in_flight, 1);
    // The same answer twice is one answer.
    app.update(Action::Done(Outcome::ClientNames { req: names, result: Ok(Default::default()) }));
    assert_eq!(app.status.in_flight, 1);
    assert_ne!(app.client_names.application(Some(&tenant.apps[0].client_id)), tenant.apps[0].client_id);
}
