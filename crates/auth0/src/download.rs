//! Downloading a users export's file: a pre-signed link that carries no credentials, so unlike
//! the API it may redirect, but only a few times and to https (or http for an http tenant), and
//! its query (the signature) never appears in an error.

use url::Url;

use super::error::{Api, Auth0Error};
use super::http::{Http, redirect_target, transport_error};

impl Http {
    /// Starts downloading `url` (no token: export files are pre-signed) and returns the response
    /// to stream; only the connection is retried. Redirects are followed up to
    /// [`MAX_DOWNLOAD_REDIRECTS`] times, and only to https unless `allow_http` (a tenant served
    /// over plain http). Errors name the URL without its query, which holds the signature.
    pub async fn download(&self, url: &Url, allow_http: bool) -> Result<reqwest::Response, Auth0Error> {
        let mut url = url.clone();
        let mut tries = 0;
        let mut hops = 0;
        loop {
            check_download_scheme(&url, allow_http)?;
            let shown = without_query(&url);
            match self.downloads.get(url.clone()).send().await {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if response.status().is_redirection() => {
                    let status = response.status().as_u16();
                    let target = redirect_target(&url, response.headers());
                    hops += 1;
                    match target {
                        Some(next) if hops <= MAX_DOWNLOAD_REDIRECTS => url = next,
                        _ => {
                            return Err(Auth0Error::Transport {
                                url: shown,
                                detail: format!(
                                    "the download answered {status}, a redirect tenantscope did not follow (more than {MAX_DOWNLOAD_REDIRECTS}, or no usable Location)"
                                ),
                            });
                        }
                    }
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = self.read_error_body(response).await;
                    return Err(Auth0Error::from_response(Api::Authentication, &shown, status, &body));
                }
                Err(err) if err.is_connect() && tries < self.options.transient_retries => {
                    tries += 1;
                    tokio::time::sleep(self.backoff(tries)).await;
                }
                Err(err) => return Err(transport_error(&shown, err, &self.options)),
            }
        }
    }
}

/// The most redirects an export download follows.
pub const MAX_DOWNLOAD_REDIRECTS: u32 = 5;

/// An export file is fetched over https, or over http only when the tenant itself is http.
fn check_download_scheme(url: &Url, allow_http: bool) -> Result<(), Auth0Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_http => Ok(()),
        other => Err(Auth0Error::Transport {
            url: without_query(url),
            detail: format!(
                "the export file is offered over {other}, not https; tenantscope did not download it"
            ),
        }),
    }
}

/// `scheme://host[:port]/path`: a URL for an error message, without user, query or fragment.
pub fn without_query(url: &Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}
