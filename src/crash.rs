//! What a panic does in the binary: its report goes to a private file, never over the screen.
//! A panic inside a task that is [`catch`]ed becomes an error for whoever asked for the task;
//! any other panic restores the terminal (when the terminal UI holds it), says in one sentence
//! where the report went, and ends the process with status 101.

use std::cell::Cell;
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use futures::FutureExt;

thread_local! {
    /// Set while a [`catch`]ed task is being polled on this thread: its panic is caught.
    static CAUGHT: Cell<bool> = const { Cell::new(false) };
}

/// Gives the terminal back (raw mode off, main screen, cursor shown), while the UI holds it.
static RESTORE: Mutex<Option<fn()>> = Mutex::new(None);
/// Where the latest report went, for the error a caught panic becomes.
static LAST_REPORT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Installs the hook; the binary does this first thing.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let report = write_report(info);
        if let Ok(mut last) = LAST_REPORT.try_lock() {
            *last = report.clone();
        }
        if CAUGHT.get() {
            return;
        }
        if let Some(restore) = RESTORE.try_lock().ok().and_then(|r| *r) {
            restore();
        }
        crate::output::note(match &report {
            Some(path) => {
                format!("tenantscope stopped on an internal error; the report is in {}", path.display())
            }
            None => "tenantscope stopped on an internal error, and could not write its report".into(),
        });
        std::process::exit(101);
    }));
}

/// While the terminal UI holds the terminal, `Some(how to give it back)`; `None` once it has.
pub fn terminal_taken(restore: Option<fn()>) {
    if let Ok(mut slot) = RESTORE.lock() {
        *slot = restore;
    }
}

/// Runs `task`, turning its panic into `Err(one sentence naming the report)`.
pub async fn catch<F: Future>(task: F) -> Result<F::Output, String> {
    let marked = Marked(Box::pin(task));
    std::panic::AssertUnwindSafe(marked).catch_unwind().await.map_err(|_| {
        let report = LAST_REPORT.lock().ok().and_then(|r| r.clone());
        match report {
            Some(path) => {
                format!("tenantscope hit an internal error doing this; the report is in {}", path.display())
            }
            None => "tenantscope hit an internal error doing this".into(),
        }
    })
}

/// A future whose polls are marked as caught, so the hook leaves the process running.
struct Marked<F>(Pin<Box<F>>);

impl<F: Future> Future for Marked<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let before = CAUGHT.replace(true);
        // Restored on the way out, unwinding included.
        let _restore = Restore(before);
        self.0.as_mut().poll(cx)
    }
}

struct Restore(bool);

impl Drop for Restore {
    fn drop(&mut self) {
        CAUGHT.set(self.0);
    }
}

/// `$XDG_STATE_HOME/tenantscope/crash-<time>.txt`, readable by its owner only: the message,
/// where, and the backtrace.
fn write_report(info: &std::panic::PanicHookInfo<'_>) -> Option<PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_dir)?.join("tenantscope");
    crate::private_files::create_dir(&dir).ok()?;
    let at = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let path = dir.join(format!("crash-{at}-{}.txt", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path).ok()?;
    let backtrace = std::backtrace::Backtrace::force_capture();
    let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
    let text = format!(
        "tenantscope {} panicked on thread {thread}\n{info}\n\n{backtrace}\n",
        env!("CARGO_PKG_VERSION")
    );
    file.write_all(text.as_bytes()).ok()?;
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_caught_panic_is_an_error_and_the_flag_is_cleared() {
        let failed = catch(async { panic!("on purpose") }).await;
        assert!(failed.unwrap_err().contains("internal error"));
        assert!(!CAUGHT.get(), "the mark does not outlive the task");
        assert_eq!(catch(async { 7 }).await, Ok(7));
    }
}
