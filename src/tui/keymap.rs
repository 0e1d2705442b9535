//! One table of key bindings: it dispatches keys and generates the `?` overlay, so the help can
//! never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::panes::Pane;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// Every pane that shows a list: Users, Grants, Devices and Sessions (all but Token).
    Lists,
    Pane(Pane),
}

impl Scope {
    fn applies_to(self, pane: Pane) -> bool {
        match self {
            Scope::Global => true,
            Scope::Lists => pane != Pane::Token,
            Scope::Pane(p) => p == pane,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Lists => "Lists",
            Scope::Pane(p) => p.title(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Quit,
    Help,
    NextPane,
    PrevPane,
    GoTo(Pane),
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Search,
    SelectUser,
    Revoke,
    RevokeAll,
    Reload,
    Copy,
    PasteClipboard,
    ClearToken,
    OpenSubject,
    RevokeEverything,
    ExportAll,
    Filter,
    RevokePastedToken,
    VerifyPastedToken,
}

impl KeyAction {
    /// Destructive actions are shown as unavailable under `--read-only`.
    pub fn is_destructive(self) -> bool {
        matches!(
            self,
            KeyAction::Revoke
                | KeyAction::RevokeAll
                | KeyAction::RevokeEverything
                | KeyAction::RevokePastedToken
        )
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: KeyAction,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

pub const BINDINGS: &[Binding] = &[
    Binding {
        scope: Scope::Pane(Pane::Users),
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        action: KeyAction::Filter,
        help: "filter the loaded users as you type (fuzzy, local); Enter keeps it, Esc clears it",
    },
    Binding {
        scope: Scope::Pane(Pane::Users),
        keys: &[(KeyCode::Char('A'), NONE), (KeyCode::Char('A'), SHIFT)],
        label: "A",
        action: KeyAction::ExportAll,
        help: "load every user of the tenant (an export job; past the 1000-result limit)",
    },
    Binding {
        scope: Scope::Pane(Pane::Sessions),
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d  Del",
        action: KeyAction::Revoke,
        help: "revoke the highlighted session or refresh token",
    },
    Binding {
        scope: Scope::Lists,
        keys: &[(KeyCode::Char('X'), NONE), (KeyCode::Char('X'), SHIFT)],
        label: "X",
        action: KeyAction::RevokeEverything,
        help: "revoke everything of the selected user: grants, devices, refresh tokens, sessions",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Char('R'), NONE), (KeyCode::Char('R'), SHIFT)],
        label: "R",
        action: KeyAction::RevokePastedToken,
        help: "revoke a pasted refresh token (POST /oauth/revoke), then prove it dead",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Char('V'), NONE), (KeyCode::Char('V'), SHIFT)],
        label: "V",
        action: KeyAction::VerifyPastedToken,
        help: "prove a pasted refresh token dead (one that still works is used up and replaced)",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('q'), NONE)],
        label: "q  Ctrl-C",
        action: KeyAction::Quit,
        help: "quit",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)],
        label: "?",
        action: KeyAction::Help,
        help: "show or hide this help",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: KeyAction::NextPane,
        help: "next pane",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::BackTab, NONE), (KeyCode::BackTab, SHIFT)],
        label: "Shift-Tab",
        action: KeyAction::PrevPane,
        help: "previous pane",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('1'), NONE)],
        label: "1",
        action: KeyAction::GoTo(Pane::Users),
        help: "Users",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('2'), NONE)],
        label: "2",
        action: KeyAction::GoTo(Pane::Grants),
        help: "Grants of the selected user",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('3'), NONE)],
        label: "3",
        action: KeyAction::GoTo(Pane::Devices),
        help: "Devices of the selected user",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('4'), NONE)],
        label: "4",
        action: KeyAction::GoTo(Pane::Token),
        help: "Token",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('5'), NONE)],
        label: "5",
        action: KeyAction::GoTo(Pane::Sessions),
        help: "Sessions and refresh tokens of the selected user",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)],
        label: "j  ↓",
        action: KeyAction::Down,
        help: "down",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)],
        label: "k  ↑",
        action: KeyAction::Up,
        help: "up",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g  Home",
        action: KeyAction::Top,
        help: "first row",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::Char('G'), NONE), (KeyCode::Char('G'), SHIFT), (KeyCode::End, NONE)],
        label: "G  End",
        action: KeyAction::Bottom,
        help: "last row",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::PageDown, NONE)],
        label: "PgDn",
        action: KeyAction::PageDown,
        help: "page down",
    },
    Binding {
        scope: Scope::Global,
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        action: KeyAction::PageUp,
        help: "page up",
    },
    Binding {
        scope: Scope::Lists,
        keys: &[(KeyCode::Char('r'), NONE)],
        label: "r",
        action: KeyAction::Reload,
        help: "reload the pane",
    },
    Binding {
        scope: Scope::Lists,
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: KeyAction::Copy,
        help: "copy the highlighted id",
    },
    Binding {
        scope: Scope::Pane(Pane::Users),
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: KeyAction::Search,
        help: "search (Lucene: email:\"a@b.c\", name:jo*); Enter runs, Esc cancels",
    },
    Binding {
        scope: Scope::Pane(Pane::Users),
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: KeyAction::SelectUser,
        help: "select the user for Grants and Devices",
    },
    Binding {
        scope: Scope::Pane(Pane::Grants),
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d  Del",
        action: KeyAction::Revoke,
        help: "revoke the highlighted grant",
    },
    Binding {
        scope: Scope::Pane(Pane::Grants),
        keys: &[(KeyCode::Char('D'), NONE), (KeyCode::Char('D'), SHIFT)],
        label: "D",
        action: KeyAction::RevokeAll,
        help: "revoke every grant of the user",
    },
    Binding {
        scope: Scope::Pane(Pane::Devices),
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d  Del",
        action: KeyAction::Revoke,
        help: "revoke the highlighted device credential",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Char('p'), NONE)],
        label: "p",
        action: KeyAction::PasteClipboard,
        help: "paste a token from the clipboard (or paste into the terminal)",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: KeyAction::Copy,
        help: "copy the claims as JSON",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: KeyAction::OpenSubject,
        help: "open the token's user (sub) in Users",
    },
    Binding {
        scope: Scope::Pane(Pane::Token),
        keys: &[(KeyCode::Char('x'), NONE)],
        label: "x",
        action: KeyAction::ClearToken,
        help: "clear the token",
    },
];

/// The binding for `key` in `pane`: the pane's own first, then the lists', then global ones.
pub fn lookup(pane: Pane, key: KeyEvent) -> Option<&'static Binding> {
    let wanted = (key.code, key.modifiers - KeyModifiers::SHIFT);
    let matches = |b: &&Binding| {
        b.scope.applies_to(pane)
            && b.keys.iter().any(|(code, mods)| (*code, *mods - KeyModifiers::SHIFT) == wanted)
    };
    let specific = BINDINGS.iter().filter(|b| b.scope != Scope::Global).find(matches);
    specific.or_else(|| BINDINGS.iter().filter(|b| b.scope == Scope::Global).find(matches))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_same_key_means_what_its_pane_says() {
        assert_eq!(lookup(Pane::Grants, key(KeyCode::Char('d'))).unwrap().action, KeyAction::Revoke);
        assert!(lookup(Pane::Users, key(KeyCode::Char('d'))).is_none());
        assert_eq!(lookup(Pane::Token, key(KeyCode::Char('c'))).unwrap().help, "copy the claims as JSON");
        assert_eq!(lookup(Pane::Users, key(KeyCode::Char('c'))).unwrap().help, "copy the highlighted id");
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let shifted = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Pane::Grants, shifted).unwrap().action, KeyAction::RevokeAll);
        assert_eq!(lookup(Pane::Grants, key(KeyCode::Char('D'))).unwrap().action, KeyAction::RevokeAll);
    }
}
