//! Key bindings as tables: each table both dispatches its keys and writes its rows of the `?`
//! help, so the help can never disagree with what the keys do. The app's own tables are here
//! (everywhere, and on every list); each pane keeps its table in its own module.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One row of a key table: the keys, how the help writes them, what they do.
pub struct Binding<A> {
    /// What the config file's `[keys]` calls it (`block`, `page_down`).
    pub name: &'static str,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: A,
    pub help: &'static str,
    /// Revokes something: refused, and shown as unavailable, under `--read-only`.
    pub destructive: bool,
}

/// A row of the `?` help: a binding without its action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub name: &'static str,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub label: &'static str,
    pub help: &'static str,
    pub destructive: bool,
}

pub const NONE: KeyModifiers = KeyModifiers::NONE;
pub const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// Whether `key` is one of `keys`. Shift is ignored, so `D` matches with or without the flag
/// terminals disagree about.
pub fn matches(keys: &[(KeyCode, KeyModifiers)], key: KeyEvent) -> bool {
    let wanted = (key.code, key.modifiers - KeyModifiers::SHIFT);
    keys.iter().any(|(code, mods)| (*code, *mods - KeyModifiers::SHIFT) == wanted)
}

/// The binding for `key` in `table`.
pub fn find<A>(table: &'static [Binding<A>], key: KeyEvent) -> Option<&'static Binding<A>> {
    table.iter().find(|b| matches(b.keys, key))
}

/// The help rows of a table, in its order.
pub fn help_rows<A>(table: &'static [Binding<A>]) -> Vec<HelpRow> {
    table
        .iter()
        .map(|b| HelpRow {
            name: b.name,
            keys: b.keys,
            label: b.label,
            help: b.help,
            destructive: b.destructive,
        })
        .collect()
}

/// Keys that work in every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKey {
    Quit,
    Help,
    NextPane,
    PrevPane,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
}

/// Keys that work in every list pane (every pane whose `is_list` says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    RevokeEverything,
    Reload,
    Copy,
}

const fn row<A>(
    name: &'static str,
    keys: &'static [(KeyCode, KeyModifiers)],
    label: &'static str,
    action: A,
    help: &'static str,
) -> Binding<A> {
    Binding { name, keys, label, action, help, destructive: false }
}

/// Switching panes; the help lists the digit of each pane after these.
pub const SWITCHING: &[Binding<AppKey>] = &[
    row("quit", &[(KeyCode::Char('q'), NONE)], "q  Ctrl-C", AppKey::Quit, "quit"),
    row("help", &[(KeyCode::Char('?'), NONE)], "?", AppKey::Help, "show or hide this help"),
    row("next_pane", &[(KeyCode::Tab, NONE)], "Tab", AppKey::NextPane, "next pane"),
    row("previous_pane", &[(KeyCode::BackTab, NONE)], "Shift-Tab", AppKey::PrevPane, "previous pane"),
];

/// Moving the cursor, or scrolling a pane that is not a list.
pub const MOVING: &[Binding<AppKey>] = &[
    row("down", &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], "j  ↓", AppKey::Down, "down"),
    row("up", &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], "k  ↑", AppKey::Up, "up"),
    row("top", &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], "g  Home", AppKey::Top, "first row"),
    row("bottom", &[(KeyCode::Char('G'), NONE), (KeyCode::End, NONE)], "G  End", AppKey::Bottom, "last row"),
    row("page_down", &[(KeyCode::PageDown, NONE)], "PgDn", AppKey::PageDown, "page down"),
    row("page_up", &[(KeyCode::PageUp, NONE)], "PgUp", AppKey::PageUp, "page up"),
];

pub const LISTS: &[Binding<ListKey>] = &[
    Binding {
        name: "revoke_everything",
        keys: &[(KeyCode::Char('X'), NONE)],
        label: "X",
        action: ListKey::RevokeEverything,
        help: "revoke everything of the selected user: grants, devices, refresh tokens, sessions",
        destructive: true,
    },
    row("reload", &[(KeyCode::Char('r'), NONE)], "r", ListKey::Reload, "reload the pane"),
    row("copy", &[(KeyCode::Char('c'), NONE)], "c", ListKey::Copy, "copy the highlighted id"),
];

/// The app key for `key`, if any.
pub fn app_key(key: KeyEvent) -> Option<AppKey> {
    find(SWITCHING, key).or_else(|| find(MOVING, key)).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(app_key(shifted), Some(AppKey::Bottom));
        assert_eq!(app_key(KeyEvent::new(KeyCode::Char('G'), NONE)), Some(AppKey::Bottom));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(app_key(back_tab), Some(AppKey::PrevPane));
    }

    #[test]
    fn the_lists_own_their_keys() {
        let x = KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT);
        assert!(find(LISTS, x).is_some_and(|b| b.destructive));
        assert!(app_key(KeyEvent::new(KeyCode::Char('d'), NONE)).is_none());
    }
}
