//! `tenantscope secret set|delete PROFILE`: a profile's client secret in the OS keyring, so the
//! config file need not hold it (`client_secret_keyring = true` in the profile reads it back).

use std::io::{BufRead, IsTerminal};

use secrecy::{ExposeSecret, SecretString};

use super::CliError;
use super::args::{SecretAction, SecretArgs};
use crate::config::secret_source;
use crate::output::text::clean;

pub fn run(args: &SecretArgs, connection: &crate::config::ConnectionArgs) -> Result<(), CliError> {
    match &args.action {
        SecretAction::Set { profile } => {
            let known = crate::config::profile_names(connection);
            if !known.contains(profile) {
                super::note(format!(
                    "warning: the config file has no [profiles.{}] yet; the secret is kept for it all the same",
                    clean(profile)
                ));
            }
            let secret = read_secret(profile)?;
            secret_source::store_in_keyring(profile, &secret).map_err(CliError::Failed)?;
            crate::outln!(
                "stored the client secret of profile {0} in the OS keyring (service {1}, account {0}); \
                 in [profiles.{0}] set client_secret_keyring = true and remove client_secret",
                clean(profile),
                secret_source::KEYRING_SERVICE
            );
            Ok(())
        }
        SecretAction::Delete { profile } => {
            let removed = secret_source::delete_from_keyring(profile).map_err(CliError::Failed)?;
            if removed {
                crate::outln!("removed the client secret of profile {} from the OS keyring", clean(profile));
            } else {
                crate::outln!("the OS keyring held no client secret for profile {}", clean(profile));
            }
            Ok(())
        }
    }
}

/// From the terminal without echo, or one line of stdin when it is not a terminal.
fn read_secret(profile: &str) -> Result<SecretString, CliError> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("client secret for profile {} (not shown): ", clean(profile)))
            .map_err(|e| CliError::Failed(format!("could not read the secret: {e}")))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Failed(format!("could not read the secret from stdin: {e}")))?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    let secret = SecretString::from(text);
    if secret.expose_secret().trim().is_empty() {
        return Err(CliError::Usage("no secret was given; nothing was stored".into()));
    }
    Ok(secret)
}
