//! The config file's layout, checked key by key, so a mistake is named by its line and column
//! or its key path and the kind of value expected, and never by the value itself.

use serde::de::DeserializeOwned;

/// Reads the config file's text. A problem names the line or the key path and what was expected,
/// never a value: the value may be a client secret typed in the wrong place. (serde's own
/// messages quote the value: `invalid type: string "…", expected struct Profile`.)
pub(super) fn parse_config<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        // toml's messages describe the syntax, not the value ("string values must be quoted").
        let at = e.span().map(|span| line_and_column(text, span.start)).unwrap_or_default();
        format!("{at}{}", e.message().trim_end_matches('.'))
    })?;
    check_layout(&table)?;
    T::deserialize(table).map_err(|_| "it does not have the layout tenantscope reads".to_string())
}

fn line_and_column(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    format!("line {line}, column {column}: ")
}

/// The colours a profile may carry.
pub const COLORS: [&str; 6] = ["red", "yellow", "green", "blue", "magenta", "cyan"];

/// The config file's layout, checked key by key so a mistake is named by its path.
fn check_layout(top: &toml::Table) -> Result<(), String> {
    const PROFILE_KEYS: [&str; 4] = ["domain", "client_id", "client_secret", "audience"];
    only_keys(top, "", &["profiles", "keys"])?;
    let Some(profiles) = top.get("profiles") else { return Ok(()) };
    let profiles = as_table(profiles, "profiles", "a table of profiles, [profiles.NAME]")?;
    for (name, profile) in profiles {
        let at = format!("profiles.{name}");
        let profile = as_table(
            profile,
            &at,
            "a table with domain, client_id, client_secret (or client_secret_command, or client_secret_keyring), audience, read_only, color, max_export_gib and apps",
        )?;
        only_keys(
            profile,
            &at,
            &[
                "domain",
                "client_id",
                "client_secret",
                "client_secret_command",
                "client_secret_keyring",
                "audience",
                "read_only",
                "color",
                "max_export_gib",
                "apps",
            ],
        )?;
        for key in PROFILE_KEYS {
            as_string(profile.get(key), &format!("{at}.{key}"))?;
        }
        for key in ["read_only", "client_secret_keyring"] {
            if let Some(value) = profile.get(key).filter(|v| !v.is_bool()) {
                return Err(format!("{at}.{key} is {}, expected true or false", kind(value)));
            }
        }
        check_secret_sources(profile, &at)?;
        as_string(profile.get("color"), &format!("{at}.color"))?;
        if let Some(value) = profile.get("max_export_gib")
            && !value.as_integer().is_some_and(|gib| (1..=1024).contains(&gib))
        {
            return Err(format!(
                "{at}.max_export_gib is {}, expected a whole number of GiB from 1 to 1024",
                kind(value)
            ));
        }
        if let Some(color) = profile.get("color").and_then(|c| c.as_str())
            && !COLORS.contains(&color)
        {
            return Err(format!("{at}.color is not one of {}", COLORS.join(", ")));
        }
        let Some(apps) = profile.get("apps") else { continue };
        let apps =
            as_table(apps, &format!("{at}.apps"), "a table of applications, [profiles.NAME.apps.LABEL]")?;
        for (label, app) in apps {
            let at = format!("{at}.apps.{label}");
            let app = as_table(app, &at, "a table with client_id, client_secret and callback_url")?;
            only_keys(app, &at, &["client_id", "client_secret", "callback_url"])?;
            if !app.contains_key("client_id") {
                return Err(format!("{at} has no client_id"));
            }
            as_string(app.get("client_id"), &format!("{at}.client_id"))?;
            as_string(app.get("client_secret"), &format!("{at}.client_secret"))?;
            as_string(app.get("callback_url"), &format!("{at}.callback_url"))?;
        }
    }
    Ok(())
}

/// A profile keeps its client secret in one place: `client_secret_command` is a list of words
/// (no shell), and at most one of the three is given.
fn check_secret_sources(profile: &toml::Table, at: &str) -> Result<(), String> {
    if let Some(command) = profile.get("client_secret_command") {
        let words =
            command.as_array().filter(|words| !words.is_empty() && words.iter().all(toml::Value::is_str));
        if words.is_none() {
            return Err(format!(
                "{at}.client_secret_command is {}, expected a list of words, like [\"pass\", \"show\", \"auth0/prod\"] (it runs without a shell)",
                kind(command)
            ));
        }
    }
    let given: Vec<&str> = ["client_secret", "client_secret_command", "client_secret_keyring"]
        .into_iter()
        .filter(|key| profile.get(*key).is_some_and(|v| v.as_bool() != Some(false)))
        .collect();
    if given.len() > 1 {
        return Err(format!("{at} gives {}: keep the client secret in one of them", given.join(" and ")));
    }
    Ok(())
}

fn only_keys(table: &toml::Table, at: &str, known: &[&str]) -> Result<(), String> {
    match table.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => {
            let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
            Err(format!("unknown key {path}, expected one of: {}", known.join(", ")))
        }
        None => Ok(()),
    }
}

fn as_table<'a>(value: &'a toml::Value, at: &str, expected: &str) -> Result<&'a toml::Table, String> {
    value.as_table().ok_or_else(|| format!("{at} is {}, expected {expected}", kind(value)))
}

fn as_string(value: Option<&toml::Value>, at: &str) -> Result<(), String> {
    match value {
        None | Some(toml::Value::String(_)) => Ok(()),
        Some(other) => Err(format!("{at} is {}, expected a string in quotes", kind(other))),
    }
}

/// What kind of value it is, never what it holds.
fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}
