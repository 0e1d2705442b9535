//! As ssh does for private keys: a file that holds something private and that group or others
//! can read gets a warning (config files with a secret, the audit trail).

use std::path::Path;

/// As ssh does for private keys: a secret file others can read deserves a warning.
pub(super) fn warn_if_readable_by_others(path: &Path, warn: &mut dyn FnMut(String)) {
    if let Some(warning) = readable_by_others(path, "holds a client secret") {
        warn(warning);
    }
}

/// The warning for a file that `holds` something private and that group or others can read, or
/// `None` (also when it does not exist, or off Unix).
#[cfg(unix)]
pub fn readable_by_others(path: &Path, holds: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} {holds} and can be read by others (mode {:03o}); run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn readable_by_others(_path: &Path, _holds: &str) -> Option<String> {
    None
}
