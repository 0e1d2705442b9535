//! Offset-paginated listings read to their end: the first page, then the rest side by side,
//! within bounds; and the shapes Auth0 answers a page in.

use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::client::{MAX_PER_PAGE, ManagementClient};
use crate::auth0::error::Auth0Error;
use crate::auth0::paging::{MAX_PAGES, fetch_pages};

impl ManagementClient {
    /// Reads an offset-paginated list to its end: the first page, then (once it tells the total)
    /// the rest side by side within the rate-limit budget. A short or empty page is the end,
    /// whatever the total said; past [`MAX_PAGES`] full pages the listing stops with an error.
    pub(super) async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: Vec<(&'static str, String)>,
        key: &str,
    ) -> Result<Vec<T>, Auth0Error> {
        let (mut values, total) = self.list_page(path, &filters, key, 0).await?;
        if values.len() < MAX_PER_PAGE {
            return from_values(values, key);
        }
        let too_long = || Auth0Error::ListingTooLong { what: key.to_string(), pages: MAX_PAGES, total };
        match total {
            Some(total) => {
                let promised = usize::try_from(total).unwrap_or(usize::MAX).div_ceil(MAX_PER_PAGE);
                let is_last = |(page, _): &(Vec<Value>, Option<u64>)| page.len() < MAX_PER_PAGE;
                let rest = fetch_pages(
                    &self.http,
                    key,
                    1..promised.min(MAX_PAGES),
                    self.pages_in_flight,
                    |page| self.list_page(path, &filters, key, page),
                    is_last,
                )
                .await?;
                let ended = rest.last().is_some_and(is_last);
                values.extend(rest.into_iter().flat_map(|(page, _)| page));
                if promised > MAX_PAGES && !ended {
                    return Err(too_long());
                }
            }
            // Without a total, only a short page tells the end: one page after another.
            None => {
                let mut ended = false;
                for page in 1..MAX_PAGES {
                    let (next, _) = self.list_page(path, &filters, key, page).await?;
                    let short = next.len() < MAX_PER_PAGE;
                    values.extend(next);
                    if short {
                        ended = true;
                        break;
                    }
                }
                if !ended {
                    return Err(too_long());
                }
            }
        }
        from_values(values, key)
    }

    /// One page of an offset-paginated list: its items and the total Auth0 reported.
    pub(super) async fn list_page(
        &self,
        path: &str,
        filters: &[(&'static str, String)],
        key: &str,
        page: usize,
    ) -> Result<(Vec<Value>, Option<u64>), Auth0Error> {
        let mut params = filters.to_vec();
        params.push(("page", page.to_string()));
        params.push(("per_page", MAX_PER_PAGE.to_string()));
        params.push(("include_totals", "true".to_string()));
        let url = self.url(path, &params);
        let body: Value = self.get_json_at(&url).await?;
        split_page(body, key, &url)
    }
}

pub(super) fn push_opt(params: &mut Vec<(&'static str, String)>, key: &'static str, value: &Option<String>) {
    if let Some(value) = value {
        params.push((key, value.clone()));
    }
}

/// Auth0 answers a bare array, or `{…totals…, key: [...]}` with `include_totals=true`: take both.
pub(super) fn split_page(body: Value, key: &str, url: &Url) -> Result<(Vec<Value>, Option<u64>), Auth0Error> {
    match body {
        Value::Array(items) => Ok((items, None)),
        Value::Object(mut map) => {
            let total = map.get("total").and_then(Value::as_u64);
            match map.remove(key) {
                Some(Value::Array(items)) => Ok((items, total)),
                _ => Err(Auth0Error::MalformedBody {
                    url: url.to_string(),
                    detail: format!("expected a list under `{key}`"),
                }),
            }
        }
        _ => Err(Auth0Error::MalformedBody {
            url: url.to_string(),
            detail: "expected a list or an object".into(),
        }),
    }
}

pub(super) fn from_values<T: DeserializeOwned>(values: Vec<Value>, what: &str) -> Result<Vec<T>, Auth0Error> {
    values
        .into_iter()
        .map(|v| {
            serde_json::from_value(v).map_err(|e| Auth0Error::MalformedBody {
                url: what.to_string(),
                detail: format!("an item of `{what}` is not an object: {e}"),
            })
        })
        .collect()
}
