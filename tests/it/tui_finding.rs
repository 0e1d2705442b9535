//! Finding things in the UI: `/` starts an empty search (↑ recalls the last), Esc lets go of a
//! kept filter, the filter's matches are marked, a pane loads the first time it is shown, and a
//! click on a tab shows that pane.

use crate::tui_common;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use tenantscope::tui::panes::Pane;
use tenantscope::tui::{Action, App, Command, ui};
use tui_common::{app_with_users, key, press, seeded};

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| ui::draw(app, frame)).unwrap();
    terminal
}

#[test]
fn slash_starts_an_empty_search_and_up_recalls_the_last() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, '/');
    for c in "name:jo*".chars() {
        press(&mut app, c);
    }
    app.update(Action::Key(key(KeyCode::Enter)));
    press(&mut app, '/');
    assert_eq!(app.panes.users.search.as_ref().map(|i| i.value().to_string()).as_deref(), Some(""));
    app.update(Action::Key(key(KeyCode::Up)));
    assert_eq!(app.panes.users.search.as_ref().map(|i| i.value().to_string()).as_deref(), Some("name:jo*"));
}

#[test]
fn esc_lets_go_of_a_kept_filter_and_its_matches_are_marked() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    press(&mut app, 'f');
    for c in "zoe".chars() {
        press(&mut app, c);
    }
    app.update(Action::Key(key(KeyCode::Enter)));
    let shown = app.panes.users.visible_len();
    assert!(shown < 100);

    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let marked: String = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(Modifier::UNDERLINED))
        .map(|cell| cell.symbol())
        .collect();
    assert!(
        marked.to_lowercase().contains("zoë") || marked.to_lowercase().contains("zoe"),
        "marked: {marked:?}"
    );

    app.update(Action::Key(key(KeyCode::Esc)));
    assert!(app.panes.users.filter.is_none());
    assert_eq!(app.panes.users.visible_len(), 100, "every loaded user again");
}

#[test]
fn logs_load_the_first_time_they_are_shown_and_a_click_on_a_tab_shows_its_pane() {
    let tenant = seeded(300);
    let (mut app, _) = app_with_users(&tenant, 100);
    draw(&app);
    let (row, columns) = app
        .tabs_drawn
        .borrow()
        .iter()
        .find(|(_, _, pane)| *pane == Pane::Logs)
        .map(|(row, columns, _)| (*row, columns.clone()))
        .unwrap();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: columns.start + 1,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let commands = app.update(Action::Mouse(click));
    assert_eq!(app.focus, Pane::Logs);
    assert!(commands.iter().any(|c| matches!(c, Command::LoadLogs { .. })), "{commands:?}");
    press(&mut app, '1');
    let again = press(&mut app, '6');
    assert!(!again.iter().any(|c| matches!(c, Command::LoadLogs { .. })), "loaded once: {again:?}");
}
