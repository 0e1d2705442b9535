//! Keys rebound in the config file (`[keys]`): what a rebound key does, what the old key no
//! longer does, what the help shows, and each mistake named by its line.

use crate::tui_common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tenantscope::config::keys::parse_keys;
use tenantscope::tui::keybind::KeyBindings;
use tenantscope::tui::panes::{Pane, Panes};
use tenantscope::tui::{Action, App, ui};
use tui_common::key;

fn bindings(config: &str) -> Result<KeyBindings, String> {
    KeyBindings::build(&parse_keys(config).unwrap(), &Panes::default())
}

fn app_with(config: &str) -> App {
    let mut app = App::new("acme.eu.auth0.com".into(), false, tui_common::clock());
    app.keys = bindings(config).unwrap();
    app
}

#[test]
fn the_default_tables_need_no_rebinding_and_apply_cleanly() {
    let keys = bindings("").unwrap();
    let d = key(KeyCode::Char('d'));
    assert_eq!(keys.translate(Pane::Grants, d), Some(d), "no rebinding leaves every key as it is");
}

#[test]
fn a_rebound_pane_key_moves_and_the_old_one_stops() {
    let app = app_with("[keys.users]\nblock = \"B\"\n");
    let shifted_b = KeyEvent::new(KeyCode::Char('B'), KeyModifiers::SHIFT);
    assert!(app.key_help(Pane::Users, shifted_b).is_some_and(|h| h.starts_with("block (or unblock)")));
    assert_eq!(app.key_help(Pane::Users, key(KeyCode::Char('b'))), None, "b no longer blocks");
    assert_eq!(app.key_help(Pane::Grants, shifted_b), None, "a pane's key stays in its pane");
}

#[test]
fn global_keys_can_be_swapped_and_quit_moved() {
    let mut app = app_with("[keys]\ndown = \"k\"\nup = [\"j\", \"Ctrl-p\"]\nquit = \"Q\"\n");
    assert_eq!(app.key_help(Pane::Users, key(KeyCode::Char('k'))), Some("down"));
    assert_eq!(app.key_help(Pane::Users, key(KeyCode::Char('j'))), Some("up"));
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(app.key_help(Pane::Logs, ctrl_p), Some("up"));
    app.update(Action::Key(key(KeyCode::Char('q'))));
    assert!(!app.should_quit, "q was moved away");
    app.update(Action::Key(key(KeyCode::Char('Q'))));
    assert!(app.should_quit);
}

#[test]
fn the_help_shows_the_keys_as_bound() {
    let mut app = app_with("[keys]\nreload = \"F5\"\n\n[keys.users]\nblock = [\"B\", \"Ctrl-b\"]\n");
    app.update(Action::Key(key(KeyCode::Char('?'))));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 80)).unwrap();
    terminal.draw(|frame| ui::draw(&app, frame)).unwrap();
    let screen: Vec<String> = (0..80)
        .map(|y| (0..120).map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string()).collect())
        .collect();
    assert!(screen.iter().any(|l| l.contains("F5") && l.contains("reload the pane")), "{screen:#?}");
    assert!(screen.iter().any(|l| l.contains("B  Ctrl-b") && l.contains("block (or unblock)")));
    assert!(screen[79].contains("B block"), "the footer too: {}", screen[79]);
}

#[test]
fn every_mistake_names_its_line() {
    let cases = [
        (
            "[keys.users]\nblock = \"f\"\n",
            "line 2: f would be both keys.users.block and keys.users.filter in the Users pane",
        ),
        (
            "[keys]\n\nreload = \"d\"\n",
            "line 3: d would be both keys.grants.revoke and keys.reload in the Grants pane",
        ),
        ("[keys]\nquit = \"1\"\n", "line 2: 1 is kept for the digit keys (panes) and cannot be rebound"),
        ("[keys]\nquit = \"Ctrl-c\"\n", "line 2: Ctrl-c is kept for quitting (Ctrl-C) and cannot be rebound"),
        (
            "[keys.people]\nblock = \"B\"\n",
            "line 2: there is no pane people; [keys.NAME] takes one of: users, grants",
        ),
        ("[keys.users]\nnuke = \"N\"\n", "line 2: keys.users has no action nuke; it has: logs, block"),
        ("[keys]\nquit = \"Hyper-q\"\n", "line 2: \"Hyper-q\" is not a key"),
        ("[keys]\nquit = []\n", "line 2: quit is bound to no key"),
    ];
    for (config, expected) in cases {
        let err = bindings(config).err().unwrap_or_else(|| panic!("{config} should be refused"));
        assert!(err.starts_with(expected), "{config}\n  said: {err}\n  want: {expected}");
    }
}

#[test]
fn a_conflict_stops_the_start_with_exit_2_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.grants]\n\nrevoke = \"X\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tenantscope"))
        .args(["--demo", "--config", config.to_str().unwrap()])
        .env("XDG_STATE_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("config.toml, line 3: X would be both keys.grants.revoke and keys.revoke_everything"),
        "{stderr}"
    );
}
