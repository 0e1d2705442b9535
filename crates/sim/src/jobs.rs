//! Users export jobs: `POST /api/v2/jobs/users-exports` queues one, `GET /api/v2/jobs/{id}` reports
//! its progress (pending, processing with percentage_done, completed with `location`), and the file
//! at `location` is the tenant's users as gzip'd newline-delimited JSON. Like Auth0's, the file is
//! served from a pre-signed address that takes no Management API token.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::api_request::authorize;
use super::reply::{self, Reject, Reply, management};
use super::{SimState, lock};

type Shared = State<Arc<SimState>>;

/// An export job the tenant is working on.
#[derive(Debug, Clone)]
pub struct ExportJob {
    pub id: String,
    pub created_at: String,
    pub started: Instant,
    /// Fields to export (`None`: every field).
    pub fields: Option<Vec<String>>,
    pub format: String,
    /// The file once it is written (a private temporary file, removed with the job).
    pub file: Arc<std::sync::Mutex<Option<Arc<tempfile::NamedTempFile>>>>,
}

pub fn api_routes() -> Router<Arc<SimState>> {
    Router::new().route("/jobs/users-exports", post(create_export)).route("/jobs/{id}", get(job_status))
}

/// The download, outside `/api/v2` (no token, no rate limit), as S3 serves Auth0's.
pub fn download_routes() -> Router<Arc<SimState>> {
    Router::new().route("/exports/{file}", get(download))
}

async fn create_export(State(state): Shared, headers: HeaderMap, body: Bytes) -> Reply {
    authorize(&state, &headers, &["read:users"])?;
    let request: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(&body).map_err(|_| {
            management(
                StatusCode::BAD_REQUEST,
                "Payload validation error: 'Invalid JSON'.",
                Some("invalid_body"),
            )
        })?
    };
    let format = request.get("format").and_then(Value::as_str).unwrap_or("json").to_string();
    if format != "json" && format != "csv" {
        return Err(invalid_body(&format!("'No enum match for: \"{format}\"' on property format")));
    }
    if format == "csv" {
        return Err(invalid_body("the simulated tenant exports json only"));
    }
    let fields = match request.get("fields") {
        None => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|f| f.get("name").and_then(Value::as_str).map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| invalid_body("'Missing required property: name' on property fields"))?,
        ),
        Some(_) => return Err(invalid_body("'Expected type array' on property fields")),
    };
    let id = format!("job_{}", super::seed::alnum(&mut *lock(&state.rng), 16));
    let job = ExportJob {
        id: id.clone(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        started: Instant::now(),
        fields,
        format: format.clone(),
        file: Default::default(),
    };
    // Like Auth0, the job writes the file while it is processing; the download then streams it
    // from disk, so a million users never sit in memory as one file.
    let (writer_state, slot, fields) = (state.clone(), job.file.clone(), job.fields.clone());
    tokio::task::spawn_blocking(move || {
        if let Ok(file) = write_export(&writer_state, fields.as_deref()) {
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(file));
        }
    });
    let answer = json!({
        "type": "users_export",
        "status": "pending",
        "format": format,
        "created_at": job.created_at,
        "id": id,
    });
    lock(&state.jobs).push(job);
    // Auth0 answers 200 here, not 201 (the contract, from its OpenAPI document).
    Ok((StatusCode::OK, axum::Json(answer)).into_response())
}

fn invalid_body(detail: &str) -> Reject {
    management(StatusCode::BAD_REQUEST, &format!("Payload validation error: {detail}."), Some("invalid_body"))
}

/// How far along a job is: it waits a little, then works through the users.
fn progress(state: &SimState, job: &ExportJob) -> (&'static str, u64) {
    let elapsed = job.started.elapsed();
    let written = job.file.lock().unwrap_or_else(|e| e.into_inner()).is_some();
    let queued = state.options.export_delay / 4;
    let working = state.options.export_delay.saturating_sub(queued).max(Duration::from_millis(1));
    if elapsed < queued {
        ("pending", 0)
    } else if elapsed < state.options.export_delay || !written {
        let done = (elapsed - queued).as_secs_f64() / working.as_secs_f64();
        ("processing", (done * 100.0).min(99.0) as u64)
    } else {
        ("completed", 100)
    }
}

async fn job_status(State(state): Shared, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authorize(&state, &headers, &["create:users", "read:users"])?;
    let Some(job) = lock(&state.jobs).iter().find(|j| j.id == id).cloned() else {
        return Err(management(StatusCode::NOT_FOUND, "The job does not exist.", Some("inexistent_job")));
    };
    let (status, percentage) = progress(&state, &job);
    let mut answer = json!({
        "type": "users_export",
        "status": status,
        "format": job.format,
        "created_at": job.created_at,
        "id": job.id,
    });
    if status == "processing" {
        answer["percentage_done"] = json!(percentage);
        let left = state.options.export_delay.saturating_sub(job.started.elapsed()).as_secs();
        answer["time_left_seconds"] = json!(left);
    }
    if status == "completed" {
        answer["location"] = json!(format!("{}/exports/{}.json.gz", state.base, job.id));
    }
    reply::ok(answer)
}

async fn download(State(state): Shared, Path(file): Path<String>) -> Result<impl IntoResponse, Reject> {
    let not_found = || Reject::new((StatusCode::NOT_FOUND, "NoSuchKey"));
    let id = file.strip_suffix(".json.gz").ok_or_else(not_found)?;
    let job = lock(&state.jobs).iter().find(|j| j.id == id).cloned().ok_or_else(not_found)?;
    if progress(&state, &job).0 != "completed" {
        return Err(not_found());
    }
    let file = job.file.lock().unwrap_or_else(|e| e.into_inner()).clone().ok_or_else(not_found)?;
    let opened = tokio::fs::File::open(file.path()).await.map_err(|_| not_found())?;
    let length = opened.metadata().await.map_err(|_| not_found())?.len();
    let body = axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(opened));
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_string()),
            (header::CONTENT_LENGTH, length.to_string()),
        ],
        body,
    ))
}

/// Users a batch: the tenant is locked for one batch at a time, so requests go on meanwhile.
const BATCH: usize = 2_000;

/// One JSON object a line, gzip'd (the format of Auth0's `json` exports), into a private
/// temporary file.
fn write_export(state: &SimState, fields: Option<&[String]>) -> std::io::Result<tempfile::NamedTempFile> {
    let file = tempfile::Builder::new().prefix("tenantscope-sim-export-").suffix(".json.gz").tempfile()?;
    let mut encoder =
        flate2::write::GzEncoder::new(std::io::BufWriter::new(file.reopen()?), flate2::Compression::fast());
    let mut start = 0;
    loop {
        let batch: Vec<String> =
            state.tenant().users.texts().skip(start).take(BATCH).map(str::to_string).collect();
        if batch.is_empty() {
            break;
        }
        start += batch.len();
        for text in batch {
            match fields {
                Some(fields) => {
                    let user: serde_json::Map<String, Value> = serde_json::from_str(&text)?;
                    let kept: serde_json::Map<String, Value> =
                        user.into_iter().filter(|(k, _)| fields.contains(k)).collect();
                    serde_json::to_writer(&mut encoder, &kept)?;
                }
                None => encoder.write_all(text.as_bytes())?,
            }
            encoder.write_all(b"\n")?;
        }
    }
    encoder.finish()?.flush()?;
    Ok(file)
}
