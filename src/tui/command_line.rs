//! Command mode (`:`): what a typed line means, completion of the command word, and the history
//! kept between sessions (never a line that holds a token).

use super::panes::Pane;

/// A command typed after `:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// `:users [LUCENE]`
    Users(Option<String>),
    /// `:user ID|EMAIL`
    User(String),
    /// `:grants`, `:logs`, …: a pane by its name.
    Show(Pane),
    /// `:ctx [PROFILE]`
    Context(Option<String>),
    /// `:readonly`: on for the rest of the session.
    ReadOnly,
    /// `:messages`: every status message of the session.
    Messages,
    /// `:requests`: every request sent to the tenant.
    Requests,
    Help,
    Quit,
}

/// The command words besides the panes' names: each with its argument, as `?` shows it, and
/// what it does.
pub const WORDS: &[(&str, &str, &str)] = &[
    ("users", " [LUCENE]", "search users (Lucene), or every user"),
    ("user", " ID|EMAIL", "a user by id or email"),
    ("ctx", " [PROFILE]", "switch to another profile of the config file (alone: list them)"),
    ("readonly", "", "turn read-only on for the rest of the session"),
    ("messages", "", "every message of this session, newest first, whole"),
    ("requests", "", "every request sent to the tenant; y copies one as curl"),
    ("help", "", "the keys"),
    ("q", "", "quit"),
];

/// Every word `:` understands: the fixed ones and each pane's name.
pub fn words(pane_names: &[(Pane, String)]) -> Vec<String> {
    let mut all: Vec<String> = WORDS.iter().map(|(w, _, _)| w.to_string()).collect();
    for (_, name) in pane_names {
        if !all.contains(name) {
            all.push(name.clone());
        }
    }
    all
}

/// Reads a line typed after `:`; `Err` is a one-line hint.
pub fn parse(line: &str, pane_names: &[(Pane, String)]) -> Result<Typed, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let argument = (!rest.is_empty()).then(|| rest.to_string());
    match word {
        "users" => Ok(Typed::Users(argument)),
        "user" => argument.map(Typed::User).ok_or_else(|| ":user needs an id or an email".to_string()),
        "ctx" => Ok(Typed::Context(argument)),
        "readonly" => Ok(Typed::ReadOnly),
        "messages" => Ok(Typed::Messages),
        "requests" => Ok(Typed::Requests),
        "help" | "?" => Ok(Typed::Help),
        "q" | "quit" => Ok(Typed::Quit),
        _ => match pane_names.iter().find(|(_, name)| name == word) {
            Some((pane, _)) => Ok(Typed::Show(*pane)),
            None => Err(format!(
                "unknown command :{word}; try {}",
                words(pane_names).iter().map(|w| format!(":{w}")).collect::<Vec<_>>().join(" ")
            )),
        },
    }
}

/// Every command word that completes what is typed, in the order `?` lists them; none once an
/// argument is being typed.
pub fn candidates(line: &str, pane_names: &[(Pane, String)]) -> Vec<String> {
    if line.contains(char::is_whitespace) {
        return Vec::new();
    }
    words(pane_names).into_iter().filter(|w| w.starts_with(line)).collect()
}

/// Whether a line may be kept in the history file: never one that holds a token.
pub fn may_keep(line: &str) -> bool {
    let has_token = line.split_whitespace().any(|word| crate::token::decode(word).is_ok());
    !line.trim().is_empty() && !has_token
}

/// How many lines the history keeps.
pub const HISTORY: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<(Pane, String)> {
        Pane::ALL.iter().map(|p| (*p, format!("{p:?}").to_lowercase())).collect()
    }

    #[test]
    fn lines_mean_what_they_say_and_unknown_ones_get_a_hint() {
        let names = names();
        assert_eq!(parse("users email:\"a@b.c\"", &names), Ok(Typed::Users(Some("email:\"a@b.c\"".into()))));
        assert_eq!(parse("users", &names), Ok(Typed::Users(None)));
        assert_eq!(parse(" grants ", &names), Ok(Typed::Show(Pane::Grants)));
        assert_eq!(parse("q", &names), Ok(Typed::Quit));
        assert!(parse("user", &names).is_err());
        let hint = parse("frobnicate", &names).unwrap_err();
        assert!(hint.starts_with("unknown command :frobnicate; try :users"), "{hint}");
    }

    #[test]
    fn tab_offers_every_word_the_typed_start_completes() {
        let names = names();
        assert_eq!(candidates("gr", &names), ["grants"]);
        assert_eq!(candidates("us", &names), ["users", "user"]);
        assert!(candidates("zz", &names).is_empty());
        assert!(candidates("users na", &names).is_empty());
    }

    #[test]
    fn the_history_never_holds_a_token() {
        assert!(may_keep("users name:jo*"));
        assert!(!may_keep("user v1.MRAjkJ7ANeoAyPyd3FBbDCTkhgmjnduNdB1Z2zMWkuS1cgyb"));
        assert!(!may_keep("   "));
    }
}
