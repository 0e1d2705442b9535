//! Where a refresh token that Auth0 rotated goes, so it is never lost: `refresh-token use` spends
//! the token it was given, and the new one is the user's session from then on.

use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use super::CliError;

/// How the new refresh token is kept, chosen before the old one is spent.
pub enum Keeper {
    /// Printed in full: stdout is not a terminal (a pipe, a file), or `--json`.
    Print,
    /// Written to a file readable by its owner only (`--out FILE`).
    File(PathBuf),
    /// Put on the system clipboard (`--copy`).
    Clipboard,
}

impl Keeper {
    /// The keeper for these flags; on a terminal without `--out` or `--copy`, refuses before
    /// anything is sent, since a token shown masked there would be lost.
    pub fn choose(out: Option<&Path>, copy: bool, json: bool) -> Result<Keeper, CliError> {
        match (out, copy) {
            (Some(path), _) => Ok(Keeper::File(path.to_path_buf())),
            (None, true) => Ok(Keeper::Clipboard),
            (None, false) if json || !crate::output::stdout_is_terminal() => Ok(Keeper::Print),
            (None, false) => Err(CliError::Usage(
                "on a terminal the new refresh token is shown masked: pass --out FILE or --copy to keep it (or pipe the output), so the session is not lost when Auth0 rotates it".into(),
            )),
        }
    }

    /// Keeps `token`, and says in one line where it went (the value only where printing is the
    /// keeping).
    pub fn keep(&self, token: &SecretString) -> Result<String, CliError> {
        match self {
            Keeper::Print => Ok(format!("new: {}", token.expose_secret())),
            Keeper::File(path) => {
                write_private(path, token.expose_secret()).map_err(|e| {
                    CliError::Failed(format!(
                        "the new refresh token could not be written to {} ({e}); the one you gave is spent",
                        path.display()
                    ))
                })?;
                Ok(format!("new: {} — written to {} (mode 600)", masked(token), path.display()))
            }
            Keeper::Clipboard => match copy(token) {
                Ok(()) => Ok(format!("new: {} — copied to the clipboard", masked(token))),
                // The old token is spent: rather show this one in full than lose the session.
                Err(e) => Ok(format!(
                    "new: {} — the clipboard could not take it ({e}), so it is shown in full",
                    token.expose_secret()
                )),
            },
        }
    }
}

/// `v1.Mx…(44 characters)`: enough to tell two tokens apart, not enough to use one.
pub fn masked(token: &SecretString) -> String {
    let value = token.expose_secret();
    let head: String = value.chars().take(5).collect();
    format!("{head}…({} characters)", value.chars().count())
}

/// Writes `text` to `path`, created readable by its owner only and never through a symlink.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // An existing file keeps its mode on open: make it private before the token goes in.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")
}

fn copy(token: &SecretString) -> Result<(), String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    clipboard.set_text(token.expose_secret().to_string()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_keeper_writes_the_token_privately_and_shows_it_masked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rt");
        let token = SecretString::from("v1.secret-refresh-token-value".to_string());
        let said = Keeper::File(path.clone()).keep(&token).unwrap();
        assert!(!said.contains("secret-refresh"), "{said}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "v1.secret-refresh-token-value\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            assert!(Keeper::File(link).keep(&token).is_err(), "a symlink is not followed");
        }
    }

    #[test]
    fn printing_is_the_keeping_off_a_terminal() {
        let token = SecretString::from("v1.abc".to_string());
        assert_eq!(Keeper::Print.keep(&token).unwrap(), "new: v1.abc");
    }
}
