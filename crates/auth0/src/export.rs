//! Every user of a tenant, past the 1000-result search limit: a users export job
//! (`POST /api/v2/jobs/users-exports`), polled with back-off until it completes, then the gzip'd
//! newline-delimited JSON at its `location`, decompressed as it streams in, a user at a time.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_compression::tokio::bufread::GzipDecoder;
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use tokio_util::codec::{FramedRead, LinesCodec, LinesCodecError};
use tokio_util::io::StreamReader;
use url::Url;

use super::download_guard::paced;
use super::error::Auth0Error;
use super::http::Effect;
use super::management::ManagementClient;
use super::tenant::id_segment;
use super::user_row::UserRow;

/// The longest line a user may take in the export; anything longer is not a user.
const MAX_LINE: usize = 1024 * 1024;

/// Where an export is.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportProgress {
    /// Auth0 has queued the job.
    Queued { job: String },
    /// Auth0 is writing the file.
    Processing { job: String, percent: Option<u64> },
    /// The file is coming in; its size when the file host sent it.
    Downloading { bytes: u64, total_bytes: Option<u64>, users: u64 },
}

impl ExportProgress {
    /// How far along the current stage is, from 0 to 1, when Auth0 or the file host says.
    pub fn ratio(&self) -> Option<f64> {
        match self {
            ExportProgress::Queued { .. } => None,
            ExportProgress::Processing { percent, .. } => percent.map(|p| (p as f64 / 100.0).clamp(0.0, 1.0)),
            ExportProgress::Downloading { bytes, total_bytes, .. } => {
                total_bytes.filter(|t| *t > 0).map(|t| (*bytes as f64 / t as f64).clamp(0.0, 1.0))
            }
        }
    }
}

impl std::fmt::Display for ExportProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportProgress::Queued { job } => write!(f, "export {job}: queued"),
            ExportProgress::Processing { job, percent: Some(p) } => {
                write!(f, "export {job}: processing, {p}% done")
            }
            ExportProgress::Processing { job, percent: None } => write!(f, "export {job}: processing"),
            ExportProgress::Downloading { bytes, total_bytes: Some(total), users } => {
                write!(f, "downloading: {} of {}, {}", size(*bytes), size(*total), users_word(*users))
            }
            ExportProgress::Downloading { bytes, total_bytes: None, users } => {
                write!(f, "downloading: {}, {}", size(*bytes), users_word(*users))
            }
        }
    }
}

/// A size as people read it: bytes under a kilobyte, then kB, then MB with one decimal.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1_000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

fn users_word(users: u64) -> String {
    if users == 1 { "1 user".into() } else { format!("{users} users") }
}

/// Exports every user, handing each to `on_user` as it arrives (its table columns, and its JSON
/// text as Auth0 wrote it); returns how many there were.
pub async fn export_users(
    client: &ManagementClient,
    on_progress: impl Fn(ExportProgress),
    mut on_user: impl FnMut(UserRow),
) -> Result<Exported, Auth0Error> {
    let job: Value = client
        .post_json("api/v2/jobs/users-exports", json!({ "format": "json" }), Effect::ChangesNothing)
        .await?;
    let id = job.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    on_progress(ExportProgress::Queued { job: id.clone() });
    let location = wait_for_file(client, &id, &on_progress).await?;
    let url = Url::parse(&location).map_err(|e| Auth0Error::MalformedBody {
        url: format!("job {id}"),
        detail: format!("its location is not a URL: {e}"),
    })?;
    let allow_http = client.tenant().is_plain_http();
    let limits = client.http().options.download;
    let response = client.http().download(&url, allow_http).await?;
    let url = super::download::without_query(&url);
    let total_bytes = response.content_length();
    // The job's own `limit`, when it has one, is the most users the file can hold.
    let promised = job.get("limit").and_then(Value::as_u64);

    let bytes = Arc::new(AtomicU64::new(0));
    let counted = bytes.clone();
    let stream = paced(response.bytes_stream(), limits).inspect_ok(move |chunk| {
        counted.fetch_add(chunk.len() as u64, Ordering::Relaxed);
    });
    let mut decoder = GzipDecoder::new(StreamReader::new(stream));
    decoder.multiple_members(true);
    let mut lines = FramedRead::new(decoder, LinesCodec::new_with_max_length(MAX_LINE));
    let (mut users, mut unreadable, mut expanded) = (0u64, 0u64, 0u64);
    let broken = |detail: String| Auth0Error::Transport { url: url.clone(), detail };
    while let Some(line) = lines.next().await {
        let line = line.map_err(|e| match e {
            LinesCodecError::MaxLineLengthExceeded => {
                broken(format!("a line is longer than {MAX_LINE} bytes"))
            }
            LinesCodecError::Io(e) => broken(format!("the download broke off or is not gzip: {e}")),
        })?;
        expanded += line.len() as u64 + 1;
        if let Some(problem) = limits.expansion_problem(expanded, bytes.load(Ordering::Relaxed)) {
            return Err(broken(format!("{problem}; tenantscope stopped after {users} users")));
        }
        if promised.is_some_and(|promised| users >= promised) && !line.trim().is_empty() {
            return Err(broken(format!(
                "the file holds more users than the {} its job promised; tenantscope stopped there",
                promised.unwrap_or_default()
            )));
        }
        if line.trim().is_empty() {
            continue;
        }
        // One line that is not a user is counted, and the rest still read.
        let Ok(user) = UserRow::from_json(&line) else {
            unreadable += 1;
            continue;
        };
        users += 1;
        on_user(user);
        if users.is_multiple_of(5_000) {
            on_progress(ExportProgress::Downloading {
                bytes: bytes.load(Ordering::Relaxed),
                total_bytes,
                users,
            });
        }
    }
    on_progress(ExportProgress::Downloading { bytes: bytes.load(Ordering::Relaxed), total_bytes, users });
    Ok(Exported { users, unreadable })
}

/// What an export's file held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    /// Users read and handed on.
    pub users: u64,
    /// Lines that are not a user (not a JSON object): counted, never silently dropped.
    pub unreadable: u64,
}

/// Auth0 fails an export job after 8 hours; a job still not done a little after that never will be.
const MAX_JOB_WAIT: Duration = Duration::from_secs(8 * 3600 + 300);

/// Polls the job with back-off (1 s, growing to 10 s) until it completes or fails, or until
/// [`MAX_JOB_WAIT`] has passed, whatever the job says.
async fn wait_for_file(
    client: &ManagementClient,
    id: &str,
    on_progress: &impl Fn(ExportProgress),
) -> Result<String, Auth0Error> {
    let mut wait = Duration::from_millis(500);
    let deadline = tokio::time::Instant::now() + MAX_JOB_WAIT;
    loop {
        if tokio::time::Instant::now() >= deadline {
            return Err(Auth0Error::Transport {
                url: format!("job {id}"),
                detail: "the export job was still not done after 8 hours, when Auth0 fails such jobs; tenantscope stopped waiting".into(),
            });
        }
        tokio::time::sleep(wait).await;
        wait = (wait.mul_f32(1.5)).min(Duration::from_secs(10));
        let job = client.get_value(&format!("api/v2/jobs/{}", id_segment(id)?)).await?;
        match job.get("status").and_then(Value::as_str) {
            Some("completed") => {
                return job.get("location").and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
                    Auth0Error::MalformedBody {
                        url: format!("job {id}"),
                        detail: "completed without a location".into(),
                    }
                });
            }
            Some("failed") => {
                let details = job.get("status_details").and_then(Value::as_str).unwrap_or("no details");
                return Err(Auth0Error::Transport {
                    url: format!("job {id}"),
                    detail: format!("Auth0 says the export failed: {details}"),
                });
            }
            Some("pending") => on_progress(ExportProgress::Queued { job: id.to_string() }),
            _ => on_progress(ExportProgress::Processing {
                job: id.to_string(),
                // A percentage is 0 to 100, whatever the number sent.
                percent: job.get("percentage_done").and_then(Value::as_u64).map(|p| p.min(100)),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExportProgress;

    #[test]
    fn a_small_download_reads_in_bytes_and_kilobytes_not_zero_megabytes() {
        let progress = |bytes, total, users| ExportProgress::Downloading { bytes, total_bytes: total, users };
        assert_eq!(progress(0, Some(450), 0).to_string(), "downloading: 0 bytes of 450 bytes, 0 users");
        assert_eq!(progress(2_400, Some(48_100), 1).to_string(), "downloading: 2.4 kB of 48.1 kB, 1 user");
        assert_eq!(progress(3_500_000, None, 9_000).to_string(), "downloading: 3.5 MB, 9000 users");
    }
}
