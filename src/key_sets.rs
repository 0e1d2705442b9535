//! Where the token inspector's key sets come from: the configured tenant's JWKS through the one
//! HTTP client (its timeouts, size limit and no redirects), or a file the user named (`--jwks`).
//! Either way the body is bounded here, in size and in values, before the token crate parses it.

use std::future::Future;
use std::pin::Pin;

use crate::auth0::http::{Effect, Request};
use crate::auth0::{Api, Http, json_size};
use crate::token::jwks::{FetchKeySet, JwksCache, KeySource};

/// A key set file is a few kilobytes; a megabyte is far beyond any real one.
pub const MAX_KEY_SET_FILE_BYTES: u64 = 1024 * 1024;

/// The key cache for `source`, fetched through `http`.
pub fn cache(source: KeySource, http: Http) -> JwksCache {
    JwksCache::new(source, KeySets { http })
}

struct KeySets {
    http: Http,
}

impl FetchKeySet for KeySets {
    fn fetch<'a>(
        &'a self,
        source: &'a KeySource,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<u8>, String>> + Send + 'a>> {
        Box::pin(async move {
            let body = match source {
                KeySource::File(path) => crate::private_files::read_small_file(path, MAX_KEY_SET_FILE_BYTES)
                    .map(String::into_bytes)
                    .map_err(|e| e.to_string())?,
                KeySource::Url(url) => self.download(url).await?,
            };
            let values = json_size::values(&body);
            if values > json_size::MAX_VALUES {
                return Err(json_size::too_many("the key set", values));
            }
            Ok(body)
        })
    }
}

impl KeySets {
    async fn download(&self, url: &url::Url) -> Result<Vec<u8>, String> {
        let request = Request {
            api: Api::Authentication,
            method: reqwest::Method::GET,
            url: url.clone(),
            bearer: None,
            body: None,
            effect: Effect::Reads,
        };
        let response = self.http.send(&request).await.map_err(|e| e.with_hint())?;
        if !response.status.is_success() {
            return Err(response.into_error(Api::Authentication, url).to_string());
        }
        Ok(response.body.to_vec())
    }
}
