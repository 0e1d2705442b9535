//! `[keys]` in the config file: keys rebound by the user, each entry read with its line so that
//! a mistake, or a conflict the terminal UI finds later (it knows the key tables), names it.
//!
//! ```toml
//! [keys]
//! quit = "Q"                  # a key that works everywhere
//! down = ["j", "Down", "Ctrl-n"]
//!
//! [keys.users]                # a pane's own key
//! block = "B"
//! ```

use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::{ConfigError, ConnectionArgs, default_config_path};

/// One rebinding: which action (in which pane, or everywhere), the keys as written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    /// The pane's name (`users`), or `None` for a key that works everywhere.
    pub scope: Option<String>,
    pub action: String,
    pub keys: Vec<String>,
    /// Its line in the config file, counted from 1.
    pub line: usize,
}

/// The rebindings of the config file in use, and that file (none without a file).
pub fn read_keys(args: &ConnectionArgs) -> Result<(Vec<KeyEntry>, Option<PathBuf>), ConfigError> {
    let Some(path) = args.config.clone().or_else(default_config_path) else { return Ok((Vec::new(), None)) };
    let Ok(text) = crate::private_files::read_config(&path) else { return Ok((Vec::new(), None)) };
    match parse_keys(&text) {
        Ok(entries) => Ok((entries, Some(path))),
        Err(problem) => Err(ConfigError(format!(
            "The config file's [keys] cannot be used: {}, {problem}.",
            path.display()
        ))),
    }
}

/// Reads `[keys]` out of the config file's text.
pub fn parse_keys(text: &str) -> Result<Vec<KeyEntry>, String> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let top = DeTable::parse(text).map_err(|e| {
        format!("line {}: {}", e.span().map_or(1, |s| line_of(s.start)), e.message().trim_end_matches('.'))
    })?;
    let Some(keys) = top.get_ref().get("keys") else { return Ok(Vec::new()) };
    let DeValue::Table(keys) = keys.get_ref() else {
        return Err(format!("line {}: keys is not a table; write [keys]", line_of(keys.span().start)));
    };
    let mut entries = Vec::new();
    for (name, value) in keys {
        let line = line_of(name.span().start);
        match value.get_ref() {
            DeValue::Table(pane) => {
                for (action, value) in pane {
                    let line = line_of(action.span().start);
                    let keys = key_list(value.get_ref())
                        .ok_or_else(|| format!("line {line}: keys.{name}.{action} {EXPECTED}"))?;
                    entries.push(KeyEntry {
                        scope: Some(name.get_ref().to_string()),
                        action: action.get_ref().to_string(),
                        keys,
                        line,
                    });
                }
            }
            value => {
                let keys = key_list(value).ok_or_else(|| format!("line {line}: keys.{name} {EXPECTED}"))?;
                entries.push(KeyEntry { scope: None, action: name.get_ref().to_string(), keys, line });
            }
        }
    }
    entries.sort_by_key(|e| e.line);
    Ok(entries)
}

const EXPECTED: &str = "is not a key: write it in quotes (\"B\", \"Ctrl-n\") or as a list of them";

fn key_list(value: &DeValue) -> Option<Vec<String>> {
    match value {
        DeValue::String(key) => Some(vec![key.to_string()]),
        DeValue::Array(keys) => keys
            .iter()
            .map(|k| match k.get_ref() {
                DeValue::String(key) => Some(key.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_scope_and_line() {
        let text = "[profiles.prod]\ndomain = \"a\"\n\n[keys]\nquit = \"Q\"\ndown = [\"j\", \"Ctrl-n\"]\n\n[keys.users]\nblock = \"B\"\n";
        let entries = parse_keys(text).unwrap();
        assert_eq!(
            entries,
            [
                KeyEntry { scope: None, action: "quit".into(), keys: vec!["Q".into()], line: 5 },
                KeyEntry {
                    scope: None,
                    action: "down".into(),
                    keys: vec!["j".into(), "Ctrl-n".into()],
                    line: 6
                },
                KeyEntry {
                    scope: Some("users".into()),
                    action: "block".into(),
                    keys: vec!["B".into()],
                    line: 9
                },
            ]
        );
        assert!(parse_keys("[profiles.x]\n").unwrap().is_empty());
    }

    #[test]
    fn a_value_that_is_not_a_key_names_its_line() {
        let err = parse_keys("[keys]\n\nquit = 7\n").unwrap_err();
        assert!(err.starts_with("line 3: keys.quit is not a key"), "{err}");
        let err = parse_keys("[keys.users]\nblock = [\"B\", true]\n").unwrap_err();
        assert!(err.starts_with("line 2: keys.users.block"), "{err}");
    }
}
