//! The users' JSON text, kept out of memory: a private file (0600, in a 0700 folder under the
//! cache directory) that an export writes each user's text into as it arrives, and the pane reads
//! back by offset when a user is opened. The file is removed when the export's rows go, and one
//! left behind by a crash is removed at the next start.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where a user's text is: its offset and length in the spool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpoolAt {
    pub offset: u64,
    pub len: u32,
}

/// The file, for reading; removed when the last holder drops it.
#[derive(Debug)]
pub struct Spool {
    file: tempfile::NamedTempFile,
}

/// Appends users' text to a spool.
pub struct SpoolWriter {
    out: BufWriter<File>,
    written: u64,
}

const PREFIX: &str = "spool-";

fn folder() -> Option<PathBuf> {
    Some(dirs::cache_dir().or_else(|| Some(std::env::temp_dir()))?.join("tenantscope"))
}

impl Spool {
    /// A new, empty spool and its writer.
    pub fn create() -> std::io::Result<(Spool, SpoolWriter)> {
        let dir = folder().ok_or_else(|| std::io::Error::other("no cache or temporary folder"))?;
        Spool::create_in(&dir)
    }

    pub fn create_in(dir: &Path) -> std::io::Result<(Spool, SpoolWriter)> {
        crate::private_files::create_dir(dir)?;
        // tempfile creates its files 0600, with O_EXCL under a random name: a link planted
        // there is never followed.
        let file = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .suffix(".ndjson")
            .tempfile_in(dir)?;
        let out = BufWriter::with_capacity(1 << 20, file.reopen()?);
        Ok((Spool { file }, SpoolWriter { out, written: 0 }))
    }

    /// The text written at `at`.
    pub fn read(&self, at: SpoolAt) -> std::io::Result<String> {
        let mut bytes = vec![0; at.len as usize];
        read_exact_at(self.file.as_file(), &mut bytes, at.offset)?;
        String::from_utf8(bytes).map_err(std::io::Error::other)
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, bytes, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

impl SpoolWriter {
    /// Writes one user's text; where it is, once [`SpoolWriter::flush`] has run.
    pub fn write(&mut self, text: &str) -> std::io::Result<SpoolAt> {
        let len = u32::try_from(text.len()).map_err(|_| std::io::Error::other("a user over 4 GB"))?;
        let at = SpoolAt { offset: self.written, len };
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")?;
        self.written += u64::from(len) + 1;
        Ok(at)
    }

    /// Makes everything written so far readable.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Removes spools whose process is gone (a crash leaves its file behind).
pub fn remove_orphans() {
    if let Some(dir) = folder() {
        remove_orphans_in(&dir);
    }
}

pub fn remove_orphans_in(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) =
            name.to_str().and_then(|n| n.strip_prefix(PREFIX)?.split('-').next()?.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without /proc, leave the file: better a stale file than another process's data gone.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_back_by_offset_and_the_file_is_private_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (spool, mut writer) = Spool::create_in(&dir.path().join("t")).unwrap();
        let a = writer.write("{\"user_id\":\"a\"}").unwrap();
        let b = writer.write("{\"name\":\"Zoë\"}").unwrap();
        writer.flush().unwrap();
        assert_eq!(spool.read(b).unwrap(), "{\"name\":\"Zoë\"}");
        assert_eq!(spool.read(a).unwrap(), "{\"user_id\":\"a\"}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(spool.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = std::fs::metadata(dir.path().join("t")).unwrap().permissions().mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        let path = spool.path().to_path_buf();
        drop(spool);
        assert!(!path.exists(), "gone with its rows");
    }

    #[test]
    fn a_dead_processs_spool_is_removed_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(format!("{PREFIX}{}-x.ndjson", u32::MAX - 1));
        let mine = dir.path().join(format!("{PREFIX}{}-y.ndjson", std::process::id()));
        let other = dir.path().join("history");
        for path in [&dead, &mine, &other] {
            std::fs::write(path, "{}").unwrap();
        }
        remove_orphans_in(dir.path());
        assert!(!dead.exists() || !cfg!(target_os = "linux"));
        assert!(mine.exists() && other.exists());
    }
}
