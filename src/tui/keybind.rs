//! Keys rebound in the config file (`[keys]`): checked against the key tables at start, then
//! applied by translating a pressed key into the default key of the binding it was bound to, so
//! dispatch and the tables stay as they are. A rebound binding's default keys stop working in
//! its scope (unless something else is bound to them); the help and the footer show the new keys.

use std::collections::{HashMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::key_names::{self, Chord};
use super::keymap::{self, HelpRow};
use super::panes::{Pane, Panes};
use crate::config::keys::KeyEntry;

/// Where a key works: everywhere (moving, switching, the list keys) or in one pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Everywhere,
    In(Pane),
}

/// The user's rebindings, ready to apply.
#[derive(Debug, Default)]
pub struct KeyBindings {
    /// In each pane: a rebound key → the first default key of its binding.
    to_default: HashMap<(Pane, Chord), Chord>,
    /// In each pane: default keys of rebound bindings that nothing uses any more.
    freed: HashSet<(Pane, Chord)>,
    /// How the help writes a rebound binding's keys, by its name.
    labels: HashMap<(Scope, &'static str), String>,
}

/// Keys that are not in any table and cannot be rebound.
fn fixed(chord: Chord) -> Option<&'static str> {
    match chord {
        (KeyCode::Char('1'..='9'), KeyModifiers::NONE) => Some("the digit keys (panes)"),
        (KeyCode::Char(':'), KeyModifiers::NONE) => Some("command mode"),
        (KeyCode::Char('c'), KeyModifiers::CONTROL) => Some("quitting (Ctrl-C)"),
        _ => None,
    }
}

/// The rows that answer keys in `pane`, in the order dispatch asks: its own, then the list keys
/// if it is a list, then switching and moving.
fn rows_in(pane: Pane, panes: &Panes) -> Vec<(Scope, HelpRow)> {
    let mut rows: Vec<(Scope, HelpRow)> =
        panes.get(pane).help().into_iter().map(|r| (Scope::In(pane), r)).collect();
    if panes.get(pane).is_list() {
        rows.extend(keymap::help_rows(keymap::LISTS).into_iter().map(|r| (Scope::Everywhere, r)));
    }
    rows.extend(keymap::help_rows(keymap::SWITCHING).into_iter().map(|r| (Scope::Everywhere, r)));
    rows.extend(keymap::help_rows(keymap::MOVING).into_iter().map(|r| (Scope::Everywhere, r)));
    rows
}

/// Every scope's rows, for finding what an entry names.
fn tables(panes: &Panes) -> Vec<(Scope, Vec<HelpRow>)> {
    let mut everywhere = keymap::help_rows(keymap::SWITCHING);
    everywhere.extend(keymap::help_rows(keymap::MOVING));
    everywhere.extend(keymap::help_rows(keymap::LISTS));
    let mut all = vec![(Scope::Everywhere, everywhere)];
    all.extend(Pane::ALL.iter().map(|p| (Scope::In(*p), panes.get(*p).help())));
    all
}

fn scope_name(scope: Scope, panes: &Panes) -> String {
    match scope {
        Scope::Everywhere => "keys".to_string(),
        Scope::In(pane) => format!("keys.{}", panes.get(pane).title().to_lowercase()),
    }
}

type Rebound = HashMap<(Scope, &'static str), (Vec<Chord>, usize)>;

impl KeyBindings {
    /// Checks `entries` against the tables: an unknown pane, action or key, a fixed key, or a
    /// rebound key that something else answers in the same pane is an error naming the line.
    pub fn build(entries: &[KeyEntry], panes: &Panes) -> Result<KeyBindings, String> {
        let rebound = read_entries(entries, panes)?;
        let mut bindings = KeyBindings::default();
        for &pane in Pane::ALL {
            let rows = rows_in(pane, panes);
            let mut seen: HashMap<Chord, (Scope, &'static str, Option<usize>)> = HashMap::new();
            for (scope, row) in &rows {
                let (chords, line) = match rebound.get(&(*scope, row.name)) {
                    Some((chords, line)) => (chords.clone(), Some(*line)),
                    None => (row.keys.iter().map(|k| key_names::normalize(*k)).collect(), None),
                };
                for chord in chords {
                    match seen.get(&chord) {
                        // Two defaults overlapping is the tables' own order: the pane's key wins.
                        Some((other_scope, other, other_line))
                            if (*other_scope, *other) != (*scope, row.name) =>
                        {
                            if let Some(line) = line.or(*other_line) {
                                return Err(format!(
                                    "line {line}: {} would be both {} and {} in the {} pane",
                                    key_names::label(chord),
                                    qualified(*other_scope, other, panes),
                                    qualified(*scope, row.name, panes),
                                    panes.get(pane).title()
                                ));
                            }
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(chord, (*scope, row.name, line));
                        }
                    }
                }
            }
            for (scope, row) in &rows {
                let Some((chords, _)) = rebound.get(&(*scope, row.name)) else { continue };
                let default = key_names::normalize(row.keys[0]);
                for chord in chords {
                    bindings.to_default.insert((pane, *chord), default);
                }
                for old in row.keys.iter().map(|k| key_names::normalize(*k)) {
                    if !seen.contains_key(&old) {
                        bindings.freed.insert((pane, old));
                    }
                }
            }
        }
        for ((scope, name), (chords, _)) in rebound {
            let label: Vec<String> = chords.iter().map(|c| key_names::label(*c)).collect();
            bindings.labels.insert((scope, name), label.join("  "));
        }
        Ok(bindings)
    }

    /// The key the tables know `key` by in `focus`; `None` when its binding was moved away.
    pub fn translate(&self, focus: Pane, key: KeyEvent) -> Option<KeyEvent> {
        let chord = key_names::normalize((key.code, key.modifiers));
        if let Some((code, modifiers)) = self.to_default.get(&(focus, chord)) {
            return Some(KeyEvent::new(*code, *modifiers));
        }
        (!self.freed.contains(&(focus, chord))).then_some(key)
    }

    /// How the help writes `row`'s keys in `scope`.
    pub fn label(&self, scope: Scope, row: &HelpRow) -> String {
        self.labels.get(&(scope, row.name)).cloned().unwrap_or_else(|| row.label.to_string())
    }
}

fn qualified(scope: Scope, name: &str, panes: &Panes) -> String {
    format!("{}.{name}", scope_name(scope, panes))
}

/// Each entry's binding and keys, checked.
fn read_entries(entries: &[KeyEntry], panes: &Panes) -> Result<Rebound, String> {
    let tables = tables(panes);
    let mut rebound = Rebound::new();
    for entry in entries {
        let (scope, rows) = find_scope(&tables, entry, panes)?;
        let row = rows.iter().find(|r| r.name == entry.action).ok_or_else(|| {
            let names: Vec<&str> = rows.iter().map(|r| r.name).collect();
            let scope = scope_name(scope, panes);
            format!(
                "line {}: {scope} has no action {}; it has: {}",
                entry.line,
                entry.action,
                names.join(", ")
            )
        })?;
        let mut chords = Vec::new();
        for text in &entry.keys {
            let chord = key_names::parse(text).ok_or_else(|| {
                format!(
                    "line {}: {text:?} is not a key (try \"B\", \"Ctrl-n\", \"PgDn\", \"F5\")",
                    entry.line
                )
            })?;
            if let Some(what) = fixed(chord) {
                let key = key_names::label(chord);
                return Err(format!("line {}: {key} is kept for {what} and cannot be rebound", entry.line));
            }
            chords.push(chord);
        }
        if chords.is_empty() {
            return Err(format!("line {}: {} is bound to no key", entry.line, entry.action));
        }
        rebound.insert((scope, row.name), (chords, entry.line));
    }
    Ok(rebound)
}

fn find_scope<'t>(
    tables: &'t [(Scope, Vec<HelpRow>)],
    entry: &KeyEntry,
    panes: &Panes,
) -> Result<(Scope, &'t [HelpRow]), String> {
    let found = tables.iter().find(|(scope, _)| match (&entry.scope, scope) {
        (None, Scope::Everywhere) => true,
        (Some(name), Scope::In(pane)) => panes.get(*pane).title().eq_ignore_ascii_case(name),
        _ => false,
    });
    found.map(|(scope, rows)| (*scope, rows.as_slice())).ok_or_else(|| {
        let names: Vec<String> = Pane::ALL.iter().map(|p| panes.get(*p).title().to_lowercase()).collect();
        format!(
            "line {}: there is no pane {}; [keys.NAME] takes one of: {}",
            entry.line,
            entry.scope.as_deref().unwrap_or_default(),
            names.join(", ")
        )
    })
}
