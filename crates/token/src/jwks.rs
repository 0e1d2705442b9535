//! The keys a tenant signs with, fetched only from the configured tenant or a key set the user
//! named (`--jwks`), never from the token's own `iss`: a hostile token must not make tenantscope
//! call a host of its choosing. Cached, and fetched again once when a kid is unknown, since
//! tenants rotate keys.
//!
//! This crate holds no HTTP client: the application reads a key set's bytes ([`FetchKeySet`]),
//! through its one client for a URL, and bounds what it reads; here the bytes become keys.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use jsonwebtoken::jwk::Jwk;
use serde_json::Value;
use tokio::sync::Mutex;
use url::Url;

/// Reads the bytes of a key set from where it lives; a failure is one sentence saying why.
pub trait FetchKeySet: Send + Sync {
    fn fetch<'a>(
        &'a self,
        source: &'a KeySource,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<u8>, String>> + Send + 'a>>;
}

/// Where the keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    Url(Url),
    File(PathBuf),
}

impl KeySource {
    /// `--jwks`: an http(s) URL, or a file path.
    pub fn parse(text: &str) -> Result<KeySource, String> {
        if text.starts_with("http://") || text.starts_with("https://") {
            Url::parse(text)
                .map(KeySource::Url)
                .map_err(|e| format!("--jwks {text} is not a usable URL: {e}"))
        } else {
            Ok(KeySource::File(PathBuf::from(text)))
        }
    }

    pub fn describe(&self) -> String {
        match self {
            KeySource::Url(url) => url.to_string(),
            KeySource::File(path) => path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KeyError {
    #[error("could not read the keys from {source_name}: {detail}")]
    Fetch { source_name: String, detail: String },
    #[error("no key {} among the {available} keys at {source_name} (fetched again in case the keys rotated)", kid.as_deref().map(|k| format!("with kid {k}")).unwrap_or_else(|| "matching a token without kid".into()))]
    UnknownKid { kid: Option<String>, available: usize, source_name: String },
}

pub struct JwksCache {
    source: KeySource,
    fetcher: Box<dyn FetchKeySet>,
    keys: Mutex<Option<Vec<Jwk>>>,
}

impl JwksCache {
    pub fn new(source: KeySource, fetcher: impl FetchKeySet + 'static) -> JwksCache {
        JwksCache { source, fetcher: Box::new(fetcher), keys: Mutex::new(None) }
    }

    pub fn source(&self) -> &KeySource {
        &self.source
    }

    /// The key for `kid` (a token without kid matches a set of exactly one key).
    pub async fn key(&self, kid: Option<&str>) -> Result<Jwk, KeyError> {
        let mut cached = self.keys.lock().await;
        let fetched_now = cached.is_none();
        if fetched_now {
            *cached = Some(self.fetch().await?);
        }
        if let Some(key) = find(cached.as_deref().unwrap_or_default(), kid) {
            return Ok(key);
        }
        if !fetched_now {
            *cached = Some(self.fetch().await?);
            if let Some(key) = find(cached.as_deref().unwrap_or_default(), kid) {
                return Ok(key);
            }
        }
        Err(KeyError::UnknownKid {
            kid: kid.map(str::to_string),
            available: cached.as_ref().map_or(0, Vec::len),
            source_name: self.source.describe(),
        })
    }

    async fn fetch(&self) -> Result<Vec<Jwk>, KeyError> {
        let fail = |detail: String| KeyError::Fetch { source_name: self.source.describe(), detail };
        let body = self.fetcher.fetch(&self.source).await.map_err(fail)?;
        parse_key_set(&body).map_err(fail)
    }
}

fn find(keys: &[Jwk], kid: Option<&str>) -> Option<Jwk> {
    match kid {
        Some(kid) => keys.iter().find(|k| k.common.key_id.as_deref() == Some(kid)).cloned(),
        None if keys.len() == 1 => keys.first().cloned(),
        None => None,
    }
}

/// `{"keys":[…]}` or a single key; keys tenantscope cannot use are skipped, not fatal. The
/// fetcher has bounded the body's size and count of values before it comes here.
pub fn parse_key_set(body: &[u8]) -> Result<Vec<Jwk>, String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let items = match value {
        Value::Object(mut map) if map.contains_key("keys") => match map.remove("keys") {
            Some(Value::Array(items)) => items,
            _ => return Err("`keys` is not a list".into()),
        },
        single @ Value::Object(_) => vec![single],
        _ => return Err("not a JSON Web Key Set".into()),
    };
    Ok(items.into_iter().filter_map(|item| serde_json::from_value(item).ok()).collect())
}
