//! Snapshots of every pane at 80x24 and 120x40, rendered on ratatui's TestBackend with a fixed
//! clock and seeded data, so they only change when the screen does.

use crate::tui_common;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::export::ExportProgress;
use tenantscope::auth0::{Auth0Error, User, UserRow};
use tenantscope::token::{SignatureReport, SignatureStatus};
use tenantscope::tui::action::Outcome;
use tenantscope::tui::panes::Pane;
use tenantscope::tui::{Action, App, ui};
use tui_common::{app_with_users, key, pane_area, press, seeded, user_with_grants};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The focused pane's own area at each size: a pane's look, apart from the chrome around it.
fn snapshot(name: &str, app: &App) {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(app, frame)).unwrap();
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), pane_area(terminal.backend()));
    }
}

/// The whole screen at each size: for what the chrome shows (tabs, header, status bar) and for
/// popups, which may cover any of it.
fn screen_snapshot(name: &str, app: &App) {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(app, frame)).unwrap();
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn users() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    // The hostile name is in view, and the detail shows a user with metadata.
    app.panes.users.selection.selected = 5;
    snapshot("users", &app);
}

#[test]
fn users_search_line() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, '/');
    for c in "email:\"zo".chars() {
        press(&mut app, c);
    }
    screen_snapshot("users_search", &app);
}

#[test]
fn users_failed() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    let req = app
        .start()
        .iter()
        .find_map(|c| match c {
            tenantscope::tui::Command::LoadUsersPage { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap();
    let err = Auth0Error::Management {
        status: 403,
        error: "Forbidden".into(),
        message: "Insufficient scope, expected any of: read:users,read:user_idp_tokens".into(),
        error_code: Some("insufficient_scope".into()),
    };
    app.update(Action::Done(Outcome::UsersPage { req, page: 0, result: Err(err) }));
    snapshot("users_failed", &app);
}

#[test]
fn grants() {
    let tenant = seeded(300);
    let (app, _) = user_with_grants(&tenant, false);
    snapshot("grants", &app);
}

#[test]
fn grants_before_a_user_is_selected() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, '2');
    snapshot("grants_no_user", &app);
}

#[test]
fn grant_revoke_confirmation() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, false);
    press(&mut app, 'd');
    screen_snapshot("grants_confirm", &app);
}

#[test]
fn devices() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, false);
    app.focus = Pane::Devices;
    snapshot("devices", &app);
}

#[test]
fn token_verified() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.issuer = Some("https://acme.eu.auth0.com/".into());
    press(&mut app, '4');
    let commands = app.update(Action::Paste(tui_common::sample_jwt().into()));
    let req = verify_request(&commands);
    let report = SignatureReport {
        status: SignatureStatus::Verified,
        kid: Some("tenantscope-sim-1".into()),
        detail:
            "signed with key tenantscope-sim-1 (RS256) from https://acme.eu.auth0.com/.well-known/jwks.json"
                .into(),
    };
    app.update(Action::Done(Outcome::TokenVerified { req, report }));
    snapshot("token_verified", &app);
}

#[test]
fn token_failing() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.issuer = Some("https://other.eu.auth0.com/".into());
    press(&mut app, '4');
    let commands = app.update(Action::Paste(tui_common::expired_jwt().into()));
    let req = verify_request(&commands);
    let report = SignatureReport {
        status: SignatureStatus::Invalid,
        kid: Some("old-key".into()),
        detail: "no key with kid old-key among the 1 keys at https://other.eu.auth0.com/.well-known/jwks.json (fetched again in case the keys rotated)".into(),
    };
    app.update(Action::Done(Outcome::TokenVerified { req, report }));
    snapshot("token_failing", &app);
}

fn verify_request(commands: &[tenantscope::tui::Command]) -> tenantscope::tui::action::RequestId {
    commands
        .iter()
        .find_map(|c| match c {
            tenantscope::tui::Command::VerifyToken { req, .. } => Some(*req),
            _ => None,
        })
        .expect("a pasted JWT is verified")
}

#[test]
fn token_garbage() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    press(&mut app, '4');
    app.update(Action::Paste("not.a-token".into()));
    snapshot("token_garbage", &app);
}

#[test]
fn help_read_only() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, true);
    app.update(Action::Key(key(KeyCode::Char('?'))));
    screen_snapshot("help_read_only", &app);
}

#[test]
fn sessions() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, false);
    press(&mut app, '5');
    snapshot("sessions", &app);
}

#[test]
fn revoke_everything_confirmation() {
    let tenant = seeded(300);
    let (mut app, _) = user_with_grants(&tenant, false);
    app.update(Action::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('X'),
        crossterm::event::KeyModifiers::SHIFT,
    )));
    screen_snapshot("revoke_everything", &app);
}

#[test]
fn refresh_token_choose_app() {
    let tenant = seeded(300);
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.apps = tui_common::profile_apps(&tenant);
    press(&mut app, '4');
    app.update(Action::Paste("v1.MrefreshTokenValue0123456789".into()));
    press(&mut app, 'R');
    screen_snapshot("refresh_token_choose_app", &app);
}

#[test]
fn users_exporting_with_a_progress_bar() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    let commands = app.update(Action::Key(key(KeyCode::Char('A'))));
    let Some(tenantscope::tui::Command::ExportUsers { req }) = commands.into_iter().next() else {
        panic!("A starts an export")
    };
    let mut batch = tenantscope::roster::Batch::default();
    for user in tenant.users.iter().take(120) {
        batch.push(&UserRow::from(&User(user)));
    }
    app.update(Action::Done(Outcome::ExportBatch { req, batch }));
    let progress =
        ExportProgress::Downloading { bytes: 12_400_000, total_bytes: Some(27_000_000), users: 120 };
    app.update(Action::Done(Outcome::ExportProgress { req, progress }));
    screen_snapshot("users_exporting", &app);
}

#[test]
fn status_bar_while_pages_are_read() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    let what = "grants".to_string();
    app.update(Action::Pages(tenantscope::auth0::paging::PagesProgress {
        what,
        done: 37,
        total: 124,
        in_flight: 8,
    }));
    screen_snapshot("status_paging", &app);
}

#[test]
fn a_bidi_override_in_a_name_is_shown_not_obeyed() {
    let mut tenant = seeded(300);
    tenant.users.update_at(0, |u| {
        u["name"] = "Eve\u{202e}gnp.exe".into();
        u["email"] = "eve\u{2066}@\u{2069}corp.example".into();
    });
    let (app, _) = app_with_users(&tenant, 20);
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
        let cells: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        assert!(cells.contains("Eve\\u{202e}gnp.exe"), "the override is shown where it is");
        assert!(!cells.chars().any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')));
        assert!(!cells.chars().any(char::is_control));
    }
}

#[test]
fn hidden_and_line_breaking_code_points_are_shown_and_keep_the_columns_aligned() {
    let mut tenant = seeded(300);
    tenant.users.update_at(0, |u| {
        u["name"] = "Eve\u{200b}\u{2028}\u{feff}\u{e0068}\u{e0069}x".into();
        u["email"] = "eve\u{2060}@corp.example".into();
    });
    let (app, _) = app_with_users(&tenant, 20);
    let hidden = |c: char| {
        matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
            || ('\u{e0000}'..='\u{e007f}').contains(&c)
    };
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
        let buffer = terminal.backend().buffer();
        let cells: String = buffer.content().iter().map(|c| c.symbol()).collect();
        assert!(cells.contains("Eve\\u{200b}"), "the hidden text is shown where it is");
        assert!(!cells.chars().any(hidden), "nothing invisible reaches the screen");
        // Columns are measured on the shown text: each row's email column starts where the
        // header's does.
        let lines: Vec<String> = (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect())
            .collect();
        let column = |line: &String, needle: &str| line.find(needle).map(|at| line[..at].chars().count());
        let header = lines.iter().find_map(|l| column(l, "EMAIL"));
        let eve = lines.iter().find_map(|l| column(l, "eve\\u{2060}"));
        assert!(header.is_some() && header == eve, "{width}x{height}: the email column lines up");
    }
}

#[test]
fn absurd_numbers_from_the_tenant_draw_without_panicking() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 20);
    let huge = tenantscope::auth0::RateLimit { limit: u64::MAX, remaining: u64::MAX, reset: u64::MAX };
    app.status.rate_limit = Some(huge);
    app.panes.users.total = Some(u64::MAX);
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
        let cells: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        assert!(cells.contains("18446744073709551615"), "the numbers are shown as they came");
    }
}

#[test]
fn token_against_what_an_api_expects() {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.issuer = Some("https://acme.eu.auth0.com/".into());
    press(&mut app, '4');
    let commands = app.update(Action::Paste(tui_common::sample_jwt().into()));
    let req = verify_request(&commands);
    let report = SignatureReport { status: SignatureStatus::Verified, kid: None, detail: "verified".into() };
    app.update(Action::Done(Outcome::TokenVerified { req, report }));
    press(&mut app, 'e');
    for c in "aud=https://api.acme.test/orders scope=read:orders,write:orders".chars() {
        press(&mut app, c);
    }
    app.update(Action::Key(key(KeyCode::Enter)));
    assert_eq!(
        app.panes.token.expect.as_deref(),
        Some("aud=https://api.acme.test/orders scope=read:orders,write:orders")
    );
    snapshot("token_expectations", &app);
}

#[test]
fn without_colour_every_cell_keeps_its_text_and_loses_its_colours() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    let colours = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| ui::draw(app, frame)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let coloured = buffer.content().iter().filter(|c| c.fg != ratatui::style::Color::Reset).count();
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        (coloured, text)
    };
    let (coloured, with_colour) = colours(&app);
    assert!(coloured > 0);
    app.color = false;
    let (coloured, without) = colours(&app);
    assert_eq!(coloured, 0, "NO_COLOR: no colours at all");
    assert_eq!(with_colour, without, "the same words either way");
}

#[test]
fn a_production_profile_is_impossible_to_mistake() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    app.profile = Some("prod".into());
    app.profile_color = Some("red".into());
    app.read_only = true;
    screen_snapshot("production_header", &app);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
    let first = &terminal.backend().buffer()[(1, 0)];
    assert_eq!(first.bg, ratatui::style::Color::Red, "the header carries the profile's colour");
}

#[test]
fn command_line_and_context_picker() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    app.profile = Some("staging".into());
    app.profiles = vec!["dev".into(), "prod".into(), "staging".into()];
    app.profile_domains = [
        ("dev", "acme-dev.eu.auth0.com"),
        ("prod", "login.acme.com"),
        ("staging", "acme-staging.eu.auth0.com"),
    ]
    .map(|(p, d)| (p.to_string(), d.to_string()))
    .into();
    press(&mut app, ':');
    for c in "users name:jo*".chars() {
        press(&mut app, c);
    }
    screen_snapshot("command_line", &app);
    app.update(Action::Key(key(KeyCode::Esc)));
    press(&mut app, ':');
    for c in "ctx".chars() {
        press(&mut app, c);
    }
    app.update(Action::Key(key(KeyCode::Enter)));
    app.update(Action::Key(key(KeyCode::Up)));
    screen_snapshot("context_picker", &app);
}

#[test]
fn users_sorted_and_filtered() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, 's');
    press(&mut app, 'f');
    for c in "acme".chars() {
        press(&mut app, c);
    }
    snapshot("users_sorted_filtered", &app);
}
