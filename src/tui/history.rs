//! Command mode's history between sessions: `$XDG_STATE_HOME/tenantscope/history`, one line per
//! command, readable by you only. A line holding a token is never kept (see `command_line`).

use std::io::Write;
use std::path::PathBuf;

use super::command_line::{HISTORY, may_keep};

fn path() -> Option<PathBuf> {
    Some(dirs::state_dir().or_else(dirs::data_local_dir)?.join("tenantscope").join("history"))
}

/// The saved lines, oldest first (none when there is no file, or it cannot be read).
pub fn load() -> Vec<String> {
    let Some(text) = path().and_then(|p| std::fs::read_to_string(p).ok()) else { return Vec::new() };
    let lines: Vec<String> = text.lines().filter(|l| may_keep(l)).map(str::to_string).collect();
    let extra = lines.len().saturating_sub(HISTORY);
    lines[extra..].to_vec()
}

/// Saves `lines`; a failure costs only the history, so it is ignored.
pub fn save(lines: &[String]) {
    let Some(path) = path() else { return };
    if let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_err()
    {
        return;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Ok(mut file) = options.open(&path) {
        for line in lines.iter().filter(|l| may_keep(l)) {
            let _ = writeln!(file, "{line}");
        }
    }
}
