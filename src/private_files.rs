//! The files tenantscope keeps for itself — the audit log, the command history, crash reports,
//! the export spool — and the config file it reads, made safe against a hostile machine.
//!
//! Every directory it creates is 0700 and every file 0600, whatever the umask (the mode given to
//! `open` and `mkdir` is only ever narrowed by the umask). A file it writes is opened without
//! following a symbolic link (`O_NOFOLLOW`), without blocking on a FIFO (`O_NONBLOCK`), and
//! refused unless it is a regular file: a link planted at `audit.jsonl` must not make tenantscope
//! append to, or truncate, the file it points at. The config file is read only if it is a
//! regular file of at most [`MAX_CONFIG_BYTES`]: a FIFO would hang the start, `/dev/zero` would
//! fill the memory.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// `$XDG_STATE_HOME/tenantscope/history`: the UI's command history (here, so `doctor` can look
/// at it without reaching into the UI).
pub fn history_file() -> Option<std::path::PathBuf> {
    Some(dirs::state_dir().or_else(dirs::data_local_dir)?.join("tenantscope").join("history"))
}

/// The largest config file tenantscope reads; a real one is a few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Creates `dir` and its missing parents, each readable by its owner only.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` to append to, creating it (and its folder) private.
pub fn open_append(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    open_private(path, &mut options)
}

/// Replaces the contents of `path` with `text`, creating it (and its folder) private.
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    // Truncated only once it is known to be a regular file of its own.
    options.create(true).write(true);
    let mut file = open_private(path, &mut options)?;
    file.set_len(0)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
}

/// Reads a file tenantscope wrote itself (the history): never through a link, only a regular
/// file, at most `max` bytes.
pub fn read_own(path: &Path, max: u64) -> std::io::Result<String> {
    let mut options = OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    read_regular(options.open(path).map_err(explain)?, max)
}

/// Reads the config file: a link is followed (dotfile managers link it), but what it leads to
/// must be a regular file of at most [`MAX_CONFIG_BYTES`].
pub fn read_config(path: &Path) -> std::io::Result<String> {
    read_small_file(path, MAX_CONFIG_BYTES)
}

/// Reads a file the user named: a link is followed, but what it leads to must be a regular file
/// of at most `max` bytes, so a FIFO or `/dev/zero` is refused at once.
pub fn read_small_file(path: &Path, max: u64) -> std::io::Result<String> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    read_regular(options.open(path)?, max)
}

fn read_regular(file: File, max: u64) -> std::io::Result<String> {
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    if metadata.len() > max {
        return Err(std::io::Error::other(format!(
            "it is {} bytes, more than the {max} tenantscope reads",
            metadata.len()
        )));
    }
    let mut text = String::new();
    file.take(max).read_to_string(&mut text)?;
    Ok(text)
}

fn open_private(path: &Path, options: &mut OpenOptions) -> std::io::Result<File> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    no_follow(options);
    let file = options.open(path).map_err(explain)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    Ok(file)
}

fn no_follow(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
}

/// `O_NOFOLLOW` on a link fails with `ELOOP`, whose own text ("too many levels of symbolic
/// links") says nothing useful.
fn explain(error: std::io::Error) -> std::io::Error {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return std::io::Error::other(
            "it is a symbolic link, and tenantscope does not follow links for the files it keeps; remove the link",
        );
    }
    error
}

fn not_regular(metadata: &std::fs::Metadata) -> std::io::Error {
    std::io::Error::other(format!("it is {}, not a regular file; tenantscope did not use it", kind(metadata)))
}

fn kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() { "a directory" } else { "something else" }
}

/// Where an existing tenantscope directory or file can be read or written by others: a sentence
/// with the fix, for `doctor`.
#[cfg(unix)]
pub fn looser_than_private(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let metadata = std::fs::symlink_metadata(path).ok()?;
    let mode = metadata.permissions().mode() & 0o777;
    let (private, what) = if metadata.is_dir() { (0o700, "directory") } else { (0o600, "file") };
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} is a {what} with mode {mode:03o}, open to others; run: chmod {private:o} {}",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn looser_than_private(_path: &Path) -> Option<String> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_planted_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        let planted = dir.path().join("audit.jsonl");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let err = open_append(&planted).unwrap_err().to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        assert!(replace(&planted, "gone").unwrap_err().to_string().contains("symbolic link"));
        assert!(read_own(&planted, 100).unwrap_err().to_string().contains("symbolic link"));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[test]
    fn a_fifo_is_refused_without_hanging() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(read_config(&fifo).unwrap_err().to_string().contains("a FIFO"));
        assert!(open_append(&fifo).is_err());
    }

    #[test]
    fn a_device_or_an_oversized_config_is_refused() {
        let err = read_config(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(err.contains("a device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("config.toml");
        std::fs::write(&big, vec![b'#'; MAX_CONFIG_BYTES as usize + 1]).unwrap();
        assert!(read_config(&big).unwrap_err().to_string().contains("more than"));
    }

    #[test]
    fn what_is_created_is_private_and_a_looser_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/history");
        replace(&file, "x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        assert_eq!(looser_than_private(&file), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(looser_than_private(&file).unwrap().contains("chmod 600"));
    }
}
