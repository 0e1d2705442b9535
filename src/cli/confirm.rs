//! Destructive commands ask first: y/N on a terminal, and refuse without `--yes` elsewhere.

use std::io::{BufRead, IsTerminal};

use super::CliError;

/// True when the user confirmed (or passed `--yes`). `what` names exactly what goes.
pub fn confirm(what: &str, yes: bool) -> Result<bool, CliError> {
    if yes {
        return Ok(true);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Usage(
            "not going ahead without confirmation: stdin is not a terminal to ask on; pass --yes to go ahead"
                .into(),
        ));
    }
    crate::output::prompt(&format!("{what}? [y/N] "));
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|e| CliError::Failed(format!("could not read the answer: {e}")))?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// The error for a declined confirmation.
pub fn declined() -> CliError {
    CliError::Failed("cancelled; nothing was sent".into())
}
