//! Where a profile's client secret lives, besides plain text in the config file: the output of a
//! command (`client_secret_command`, run without a shell, as git's credential helpers and AWS's
//! `credential_process` are: `pass`, 1Password's `op`, Vault), or the OS keyring
//! (`client_secret_keyring = true`, filled by `tenantscope secret set PROFILE`). Read only when the
//! secret is needed, and never shown: a failure names the command or the keyring entry, never
//! what it printed.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::SecretString;

/// The keyring's service name; each profile is an account under it.
pub const KEYRING_SERVICE: &str = "tenantscope";

/// How long a secret command may take (a password manager waiting on its agent, say).
const COMMAND_DEADLINE: Duration = Duration::from_secs(30);

/// The most of a command's output that is read: a client secret is a few dozen bytes.
const MAX_OUTPUT: u64 = 64 * 1024;

/// Runs `argv` (no shell: each element one argument) and returns its stdout, trimmed of its line
/// break, as the secret.
pub fn from_command(argv: &[String]) -> Result<SecretString, String> {
    let (program, args) = argv.split_first().ok_or("client_secret_command is an empty list")?;
    let name = crate::output::text::clean(program);
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("client_secret_command could not start {name}: {e}"))?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(format!("client_secret_command: no output from {name}"));
    };
    let read = |pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.take(MAX_OUTPUT).read_to_end(&mut bytes);
            bytes
        })
    };
    let (out, err) = (read(Box::new(stdout)), read(Box::new(stderr)));
    let deadline = Instant::now() + COMMAND_DEADLINE;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("client_secret_command ({name}) did not finish within 30 s"));
            }
            Err(e) => return Err(format!("client_secret_command ({name}) could not be waited on: {e}")),
        }
    };
    let (out, err) = (out.join().unwrap_or_default(), err.join().unwrap_or_default());
    if !status.success() {
        // Its first line of stderr says why (`pass: … is not in the password store`); never stdout.
        let why = String::from_utf8_lossy(&err);
        let why = crate::output::text::clean(
            why.lines().next().unwrap_or("").chars().take(200).collect::<String>().as_str(),
        );
        let said = if why.is_empty() { String::new() } else { format!(": {why}") };
        return Err(format!("client_secret_command ({name}) failed with {status}{said}"));
    }
    let text = String::from_utf8(out)
        .map_err(|_| format!("client_secret_command ({name}) printed something that is not UTF-8"))?;
    let secret = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
    if secret.trim().is_empty() {
        return Err(format!("client_secret_command ({name}) printed nothing"));
    }
    Ok(SecretString::from(secret.to_string()))
}

/// The secret kept for `profile` in the OS keyring.
pub fn from_keyring(profile: &str) -> Result<SecretString, String> {
    let profile_name = profile.to_string();
    keyring_call(move || keyring::Entry::new(KEYRING_SERVICE, &profile_name)?.get_password()).map(SecretString::from).map_err(|e| match e {
        keyring::Error::NoEntry => format!(
            "the OS keyring has no client secret for profile {0}: store one with tenantscope secret set {0}",
            crate::output::text::clean(profile)
        ),
        other => format!("could not read the OS keyring: {}", crate::output::text::clean(&other.to_string())),
    })
}

/// Keeps `secret` for `profile` in the OS keyring.
pub fn store_in_keyring(profile: &str, secret: &SecretString) -> Result<(), String> {
    use secrecy::ExposeSecret;
    let (profile, secret) = (profile.to_string(), secret.expose_secret().to_string());
    keyring_call(move || keyring::Entry::new(KEYRING_SERVICE, &profile)?.set_password(&secret)).map_err(|e| {
        format!("could not write the OS keyring: {}", crate::output::text::clean(&e.to_string()))
    })
}

/// Forgets `profile`'s secret in the OS keyring; `Ok(false)` when there was none.
pub fn delete_from_keyring(profile: &str) -> Result<bool, String> {
    let profile = profile.to_string();
    match keyring_call(move || keyring::Entry::new(KEYRING_SERVICE, &profile)?.delete_credential()) {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => {
            Err(format!("could not write the OS keyring: {}", crate::output::text::clean(&e.to_string())))
        }
    }
}

/// Runs a keyring call on a thread of its own: the Secret Service client runs its own async
/// runtime, which may not start inside tenantscope's.
fn keyring_call<T: Send + 'static>(
    call: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> keyring::Result<T> {
    std::thread::spawn(call)
        .join()
        .unwrap_or_else(|_| Err(keyring::Error::PlatformFailure("the keyring call panicked".into())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_command_prints_the_secret_and_its_failures_never_show_its_output() {
        let ok = from_command(&argv(&["sh", "-c", "printf 's3cr3t-from-pass\\n'"])).unwrap();
        assert_eq!(ok.expose_secret(), "s3cr3t-from-pass");
        // No shell: the words are arguments, not a command line.
        let literal = from_command(&argv(&["echo", "$HOME;", "rm"])).unwrap();
        assert_eq!(literal.expose_secret(), "$HOME; rm");
        let failed =
            from_command(&argv(&["sh", "-c", "echo leaked-output; echo 'not in the store' >&2; exit 3"]))
                .unwrap_err();
        assert!(failed.contains("(sh) failed with exit status: 3: not in the store"), "{failed}");
        assert!(!failed.contains("leaked-output"), "{failed}");
        assert!(from_command(&argv(&["true"])).unwrap_err().contains("printed nothing"));
        assert!(from_command(&argv(&["/nonexistent/pass"])).unwrap_err().contains("could not start"));
        assert!(from_command(&[]).is_err());
    }

    /// A keyring store shared by every entry of the process (keyring's own mock store keeps
    /// each entry apart), so a secret set through one entry is read through another.
    #[derive(Debug, Default)]
    struct SharedStore(std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>);

    #[derive(Debug)]
    struct SharedEntry(std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>, String);

    impl keyring::credential::CredentialApi for SharedEntry {
        fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
            self.0.lock().unwrap().insert(self.1.clone(), secret.to_vec());
            Ok(())
        }
        fn get_secret(&self) -> keyring::Result<Vec<u8>> {
            self.0.lock().unwrap().get(&self.1).cloned().ok_or(keyring::Error::NoEntry)
        }
        fn delete_credential(&self) -> keyring::Result<()> {
            self.0.lock().unwrap().remove(&self.1).map(|_| ()).ok_or(keyring::Error::NoEntry)
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    impl keyring::credential::CredentialBuilderApi for SharedStore {
        fn build(
            &self,
            _: Option<&str>,
            service: &str,
            user: &str,
        ) -> keyring::Result<Box<keyring::Credential>> {
            Ok(Box::new(SharedEntry(self.0.clone(), format!("{service}/{user}"))))
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn the_keyring_keeps_a_profiles_secret_until_it_is_deleted() {
        keyring::set_default_credential_builder(Box::new(SharedStore::default()));
        let missing = from_keyring("prod").unwrap_err();
        assert!(missing.contains("tenantscope secret set prod"), "{missing}");
        store_in_keyring("prod", &SecretString::from("kept-in-the-keyring")).unwrap();
        assert_eq!(from_keyring("prod").unwrap().expose_secret(), "kept-in-the-keyring");
        assert_eq!(delete_from_keyring("prod"), Ok(true));
        assert_eq!(delete_from_keyring("prod"), Ok(false));
    }
}
