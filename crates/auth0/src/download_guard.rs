//! Bounds on a users export's file, which is the one transfer whose size the tenant decides: a
//! total deadline, a minimum throughput, and a ceiling on what it decompresses to. Without them
//! a file dripped a byte every few seconds hangs the export forever (only silence was timed), and
//! a 2 GB gzip bomb costs half a minute of CPU and fills the UI's spool.

use std::time::Duration;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use tokio::time::Instant;

/// How far an export's download may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadLimits {
    /// The whole download, from the first byte asked for to the last.
    pub deadline: Duration,
    /// The slowest transfer kept: fewer than `min_rate × window` bytes in a window is cut.
    pub min_rate: u64,
    pub window: Duration,
    /// The most the file may decompress to.
    pub max_expanded: u64,
}

/// A file expanding more than this many times is not newline-delimited JSON of users (which
/// compresses 5 to 15 times) but a bomb; it is checked once [`RATIO_CHECKED_AFTER`] bytes are out.
pub const MAX_RATIO: u64 = 200;
pub const RATIO_CHECKED_AFTER: u64 = 64 * 1024 * 1024;
/// The default ceiling on what an export decompresses to, in GiB (`--max-export-gib`, or the
/// profile key `max_export_gib`).
pub const DEFAULT_MAX_EXPORT_GIB: u64 = 4;
const GIB: u64 = 1024 * 1024 * 1024;

impl Default for DownloadLimits {
    fn default() -> Self {
        DownloadLimits {
            deadline: Duration::from_secs(2 * 3600),
            min_rate: 64 * 1024,
            window: Duration::from_secs(30),
            max_expanded: DEFAULT_MAX_EXPORT_GIB * GIB,
        }
    }
}

impl DownloadLimits {
    /// With a ceiling of `gib` GiB on what the file decompresses to.
    pub fn with_max_export_gib(self, gib: u64) -> DownloadLimits {
        DownloadLimits { max_expanded: gib.saturating_mul(GIB), ..self }
    }

    /// Why `expanded` bytes out of `compressed` in is too much, if it is.
    pub fn expansion_problem(&self, expanded: u64, compressed: u64) -> Option<String> {
        if expanded > self.max_expanded {
            return Some(format!(
                "the export decompressed past {} GiB, the ceiling; raise it with --max-export-gib or the profile key max_export_gib",
                self.max_expanded / GIB
            ));
        }
        if expanded > RATIO_CHECKED_AFTER && expanded / compressed.max(1) > MAX_RATIO {
            return Some(format!(
                "the export expands more than {MAX_RATIO}-fold ({} MB from {} MB): it is not a file of users",
                expanded / 1_000_000,
                compressed / 1_000_000
            ));
        }
        None
    }
}

/// `inner` cut with an error once it runs past `limits.deadline`, or once a window passes with
/// fewer bytes than the minimum throughput asks; the sentence has the figures.
pub fn paced<S, E>(
    inner: S,
    limits: DownloadLimits,
) -> std::pin::Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>
where
    S: Stream<Item = Result<Bytes, E>> + Send + 'static,
    E: std::error::Error + Send + Sync + 'static,
{
    struct Pace<S> {
        inner: std::pin::Pin<Box<S>>,
        deadline: Instant,
        window_end: Instant,
        in_window: u64,
        done: bool,
    }
    let now = Instant::now();
    let start = Pace {
        inner: Box::pin(inner),
        deadline: now + limits.deadline,
        window_end: now + limits.window,
        in_window: 0,
        done: false,
    };
    Box::pin(futures::stream::unfold(start, move |mut pace| async move {
        if pace.done {
            return None;
        }
        loop {
            tokio::select! {
                chunk = pace.inner.next() => {
                    return match chunk {
                        Some(Ok(bytes)) => {
                            pace.in_window += bytes.len() as u64;
                            Some((Ok(bytes), pace))
                        }
                        Some(Err(e)) => {
                            pace.done = true;
                            Some((Err(std::io::Error::other(e)), pace))
                        }
                        None => None,
                    };
                }
                () = tokio::time::sleep_until(pace.window_end) => {
                    if pace.in_window < limits.min_rate.saturating_mul(limits.window.as_secs().max(1)) {
                        pace.done = true;
                        return Some((Err(std::io::Error::other(too_slow(pace.in_window, &limits))), pace));
                    }
                    pace.in_window = 0;
                    pace.window_end += limits.window;
                }
                () = tokio::time::sleep_until(pace.deadline) => {
                    pace.done = true;
                    let why = format!("the download was still going after {}, its deadline", minutes(limits.deadline));
                    return Some((Err(std::io::Error::other(why)), pace));
                }
            }
        }
    }))
}

fn too_slow(bytes: u64, limits: &DownloadLimits) -> String {
    format!(
        "the download slowed to {bytes} bytes in {} s, under the {} KiB/s tenantscope waits for",
        limits.window.as_secs(),
        limits.min_rate / 1024
    )
}

fn minutes(duration: Duration) -> String {
    match duration.as_secs() {
        s if s >= 3600 && s % 3600 == 0 => format!("{} h", s / 3600),
        s if s >= 60 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_and_the_ratio_each_stop_an_export_with_their_figures() {
        let limits = DownloadLimits::default().with_max_export_gib(1);
        assert_eq!(limits.expansion_problem(GIB, GIB / 10), None);
        assert!(limits.expansion_problem(GIB + 1, GIB).unwrap().contains("past 1 GiB"));
        // A real file: 10 times. A bomb: 1000 times, caught once 64 MiB are out.
        assert_eq!(limits.expansion_problem(100 * 1024 * 1024, 10 * 1024 * 1024), None);
        assert_eq!(limits.expansion_problem(RATIO_CHECKED_AFTER, 1), None);
        let bomb = limits.expansion_problem(200_000_000, 200_000).unwrap();
        assert!(bomb.contains("more than 200-fold") && bomb.contains("200 MB from 0 MB"), "{bomb}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_dripped_download_is_cut_after_a_window_and_a_steady_one_is_not() {
        let limits =
            DownloadLimits { min_rate: 10, window: Duration::from_secs(2), ..DownloadLimits::default() };
        let drip = futures::stream::unfold(0, |n| async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            (n < 100).then(|| (Ok::<_, std::io::Error>(Bytes::from_static(b"x")), n + 1))
        });
        let got: Vec<_> = paced(drip, limits).collect().await;
        let err = got.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(
            err.contains("slowed to 2 bytes in 2 s, under the 0 KiB/s") || err.contains("slowed to"),
            "{err}"
        );
        let steady =
            futures::stream::iter((0..50).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![0u8; 100]))));
        let got: Vec<_> = paced(steady, limits).collect().await;
        assert!(got.iter().all(Result::is_ok) && got.len() == 50);
    }

    #[tokio::test(start_paused = true)]
    async fn a_download_past_its_deadline_is_cut() {
        let limits = DownloadLimits {
            min_rate: 1,
            window: Duration::from_secs(1),
            deadline: Duration::from_secs(5),
            ..DownloadLimits::default()
        };
        let endless = futures::stream::unfold((), |()| async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            Some((Ok::<_, std::io::Error>(Bytes::from_static(b"xx")), ()))
        });
        let got: Vec<_> = paced(endless, limits).collect().await;
        let err = got.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(err.contains("still going after 5 s"), "{err}");
    }
}
