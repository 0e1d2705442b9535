//! The audit trail: every destructive action — what, which id, which user, which tenant, when,
//! and the result — appended as one JSON line, from the CLI and the terminal UI alike. No secret
//! and no token value is ever written here.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One destructive action and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The tenant's host.
    pub tenant: String,
    /// `revoke_grant`, `revoke_user_grants`, `revoke_device_credential`, …
    pub action: String,
    /// The id acted on (never a token value).
    pub target: String,
    pub user_id: Option<String>,
    /// `revoked`, `accepted`, `absent` or `failed` (see [`crate::revoke::Verdict`]).
    pub verdict: &'static str,
    /// What is known: the proof, why nothing is proven, or why it was absent.
    pub detail: Option<String>,
    /// Auth0's words when it failed.
    pub error: Option<String>,
    /// `cli` or `tui`.
    pub via: &'static str,
}

impl AuditEntry {
    pub fn new(
        tenant: &str,
        action: &str,
        target: &str,
        user_id: Option<&str>,
        via: &'static str,
    ) -> AuditEntry {
        AuditEntry {
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            tenant: tenant.to_string(),
            action: action.to_string(),
            target: target.to_string(),
            user_id: user_id.map(str::to_string),
            verdict: "",
            detail: None,
            error: None,
            via,
        }
    }

    /// The entry with its verdict filled in: the word, and what proved it or Auth0's words.
    pub fn verdict(mut self, word: &'static str, detail: Result<String, String>) -> AuditEntry {
        self.verdict = word;
        match detail {
            Ok(detail) => self.detail = Some(detail),
            Err(error) => self.error = Some(error),
        }
        self
    }
}

/// Where the trail is kept: a file, or (for `--demo`, whose revokes touch no real tenant) nowhere
/// but the session's messages, where the revoker shows each record, so the real trail never
/// holds a simulated tenant's records.
#[derive(Debug, Clone)]
pub struct AuditLog {
    place: Place,
}

#[derive(Debug, Clone)]
enum Place {
    File(PathBuf),
    Memory,
}

impl AuditLog {
    pub fn new(path: PathBuf) -> AuditLog {
        AuditLog { place: Place::File(path) }
    }

    /// A trail that lives as long as the process and is written nowhere.
    pub fn in_memory() -> AuditLog {
        AuditLog { place: Place::Memory }
    }

    /// `$XDG_DATA_HOME/tenantscope/audit.jsonl` (or the platform's data directory).
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|dir| dir.join("tenantscope").join("audit.jsonl"))
    }

    /// The file, or `None` for a trail kept in memory.
    pub fn path(&self) -> Option<&Path> {
        match &self.place {
            Place::File(path) => Some(path),
            Place::Memory => None,
        }
    }

    /// Where the records go, in words: the file's path, or "memory".
    pub fn describe(&self) -> String {
        match &self.place {
            Place::File(path) => path.display().to_string(),
            Place::Memory => "memory (the demo's trail is never written to disk)".to_string(),
        }
    }

    /// A warning when the trail already exists and group or others can read it (it names users
    /// and what was revoked from them), as for a config file holding a secret.
    pub fn permission_warning(&self) -> Option<String> {
        crate::config::readable_by_others(self.path()?, "records who lost access to what")
    }

    /// Appends one line, and returns it; the file (and its folder) is created readable by its
    /// owner only, and never written through a link or to anything but a regular file.
    pub fn record(&self, entry: &AuditEntry) -> std::io::Result<String> {
        let line = crate::output::json::to_string(entry).map_err(std::io::Error::other)?;
        if let Place::File(path) = &self.place {
            let mut file = crate::private_files::open_append(path)?;
            // One write of the whole line, so concurrent writers never interleave within it.
            file.write_all(format!("{line}\n").as_bytes())?;
        }
        Ok(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_appended_as_json_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path().join("nested").join("audit.jsonl"));
        let ok = AuditEntry::new("acme.auth0.com", "revoke_grant", "g1", Some("auth0|1"), "cli")
            .verdict("revoked", Ok("looked again: auth0|1's grants no longer list it".into()));
        let failed = AuditEntry::new("acme.auth0.com", "revoke_device_credential", "dcr_1", None, "tui")
            .verdict("failed", Err("Auth0 answered 403 Forbidden: Insufficient scope".into()));
        log.record(&ok).unwrap();
        log.record(&failed).unwrap();
        let text = std::fs::read_to_string(log.path().unwrap()).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["verdict"], "revoked");
        assert!(lines[0]["detail"].as_str().unwrap().contains("no longer list it"));
        assert_eq!(lines[0]["target"], "g1");
        assert_eq!(lines[1]["verdict"], "failed");
        assert!(lines[1]["error"].as_str().unwrap().contains("Insufficient scope"));
        assert_eq!(log.permission_warning(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(log.path().unwrap(), std::fs::Permissions::from_mode(0o644)).unwrap();
            let warning = log.permission_warning().unwrap();
            assert!(warning.contains("chmod 600") && warning.contains("mode 644"), "{warning}");
            std::fs::set_permissions(log.path().unwrap(), std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(log.path().unwrap()).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner can read the trail");
        }
    }

    #[test]
    fn a_trail_in_memory_gives_back_its_line_and_writes_no_file() {
        let log = AuditLog::in_memory();
        let entry = AuditEntry::new("127.0.0.1:4000", "revoke_grant", "g1", Some("auth0|1"), "tui")
            .verdict("revoked", Ok("gone".into()));
        let line = log.record(&entry).unwrap();
        let record: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!((record["target"].as_str(), record["verdict"].as_str()), (Some("g1"), Some("revoked")));
        assert_eq!((log.path(), log.permission_warning()), (None, None));
    }
}
