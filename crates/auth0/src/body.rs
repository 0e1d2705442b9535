//! Reading what the tenant answers: a body of at most `max_body_bytes`, an error body of at most
//! [`MAX_ERROR_BODY_BYTES`] within the request's time, and the headers a final answer is read for.

use bytes::Bytes;

use super::error::Auth0Error;
use super::http::{Http, MAX_ERROR_BODY_BYTES, transport_error};

impl Http {
    /// Reads a body, refusing to hold more than `max_body_bytes`.
    pub(super) async fn read_body(
        &self,
        mut response: reqwest::Response,
        url: &str,
    ) -> Result<Bytes, Auth0Error> {
        let limit = self.options.max_body_bytes;
        let too_large = || Auth0Error::BodyTooLarge { url: url.to_string(), limit };
        if response.content_length().is_some_and(|len| len as usize > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(Bytes::from(body)),
                Err(err) => return Err(transport_error(url, err, &self.options)),
            }
        }
    }

    /// Reads an error body: at most [`MAX_ERROR_BODY_BYTES`] (the rest is not read, so a cut
    /// JSON body reads as "not an Auth0 error"), within [`HttpOptions::request_timeout`] in all.
    /// It only explains a status, so a body that cannot be read is an empty one.
    pub(super) async fn read_error_body(&self, mut response: reqwest::Response) -> Bytes {
        let read = async {
            let mut body = Vec::new();
            while let Ok(Some(chunk)) = response.chunk().await {
                let room = MAX_ERROR_BODY_BYTES.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() >= MAX_ERROR_BODY_BYTES {
                    break;
                }
            }
            body
        };
        Bytes::from(tokio::time::timeout(self.options.request_timeout, read).await.unwrap_or_default())
    }
}

/// The headers of a final answer that tenantscope reads: `WWW-Authenticate` (where /userinfo
/// gives its reason; bounded like any text from the network) and `Date` (the server's clock).
pub(super) fn answer_headers(
    headers: &reqwest::header::HeaderMap,
) -> (Option<String>, Option<chrono::DateTime<chrono::Utc>>) {
    let text = |name| headers.get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok());
    let challenge = text(reqwest::header::WWW_AUTHENTICATE).map(|v| v.chars().take(1024).collect());
    let date = text(reqwest::header::DATE)
        .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    (challenge, date)
}
