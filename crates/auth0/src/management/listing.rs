//! Offset-paginated listings read to their end: the first page, then the rest side by side,
//! within bounds; and the shapes Auth0 answers a page in.

use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::client::{MAX_PER_PAGE, ManagementClient};
use crate::error::Auth0Error;
use crate::paging::{ListingBudget, OFFSET_WINDOW, fetch_pages};
use crate::text::grouped;

impl ManagementClient {
    /// Reads an offset-paginated list to its end: the first page, then (once it tells the total)
    /// the rest side by side within the rate-limit budget. A short or empty page is the end,
    /// whatever the total said. Auth0's paging reaches [`OFFSET_WINDOW`] records: a listing
    /// whose window is full stops with a sentence saying so, and so does one whose pages come
    /// to more than [`MAX_LISTING_BYTES`](crate::paging::MAX_LISTING_BYTES).
    pub(super) async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: Vec<(&'static str, String)>,
        key: &str,
    ) -> Result<Vec<T>, Auth0Error> {
        let budget = ListingBudget::default();
        let (mut values, total) = self.list_page(path, &filters, key, 0, &budget).await?;
        if values.len() < MAX_PER_PAGE {
            return from_values(values, key);
        }
        let window_pages = OFFSET_WINDOW / MAX_PER_PAGE;
        let ended = match total {
            Some(total) => {
                let promised = usize::try_from(total).unwrap_or(usize::MAX).div_ceil(MAX_PER_PAGE);
                let is_last = |(page, _): &(Vec<Value>, Option<u64>)| page.len() < MAX_PER_PAGE;
                let rest = fetch_pages(
                    &self.http,
                    key,
                    1..promised.min(window_pages),
                    self.pages_in_flight,
                    |page| self.list_page(path, &filters, key, page, &budget),
                    is_last,
                )
                .await?;
                let ended = promised <= window_pages || rest.last().is_some_and(is_last);
                values.extend(rest.into_iter().flat_map(|(page, _)| page));
                ended
            }
            // Without a total, only a short page tells the end: one page after another.
            None => {
                let mut ended = false;
                for page in 1..window_pages {
                    let (next, _) = self.list_page(path, &filters, key, page, &budget).await?;
                    let short = next.len() < MAX_PER_PAGE;
                    values.extend(next);
                    if short {
                        ended = true;
                        break;
                    }
                }
                ended
            }
        };
        if !ended {
            return Err(window_full(key, total));
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
        budget: &ListingBudget,
    ) -> Result<(Vec<Value>, Option<u64>), Auth0Error> {
        let mut params = filters.to_vec();
        params.push(("page", page.to_string()));
        params.push(("per_page", MAX_PER_PAGE.to_string()));
        params.push(("include_totals", "true".to_string()));
        let url = self.url(path, &params);
        let body = self.get_page_at(&url, budget, key).await?;
        split_page(body, key, &url)
    }
}

/// The sentence for a query whose [`OFFSET_WINDOW`] is full: Auth0 documents the window for
/// device credentials; for the others it is where tenantscope stops.
fn window_full(key: &str, total: Option<u64>) -> Auth0Error {
    let what = key.replace('_', " ");
    let reported = total.map(|t| format!(" (Auth0 reported a total of {t})")).unwrap_or_default();
    let why = if key == "device_credentials" {
        format!(
            "Auth0 lists at most {} device credentials per query, and this query has more{reported}; tenantscope stopped there",
            grouped(OFFSET_WINDOW)
        )
    } else {
        format!(
            "Auth0's paging reaches the first {} {what} of a query, and this query has more{reported}; tenantscope stopped there",
            grouped(OFFSET_WINDOW)
        )
    };
    Auth0Error::ListingStopped { why }
}

impl ManagementClient {
    /// The items of one page at `url` (a bare list, or the list under `key`), its bytes and
    /// values counted against `budget`.
    pub(super) async fn items_at<T: DeserializeOwned>(
        &self,
        url: &Url,
        key: &str,
        budget: &ListingBudget,
    ) -> Result<Vec<T>, Auth0Error> {
        let body = self.get_page_at(url, budget, key).await?;
        let (items, _) = split_page(body, key, url)?;
        from_values(items, key)
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
        Value::Array(items) => Ok((at_most_a_page(items, key, url)?, None)),
        Value::Object(mut map) => {
            let total = map.get("total").and_then(Value::as_u64);
            match map.remove(key) {
                Some(Value::Array(items)) => Ok((at_most_a_page(items, key, url)?, total)),
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

/// Auth0 never sends more than the page size asked for (at most [`MAX_PER_PAGE`]); a page that
/// holds more is not Auth0's.
fn at_most_a_page(items: Vec<Value>, key: &str, url: &Url) -> Result<Vec<Value>, Auth0Error> {
    if items.len() > MAX_PER_PAGE {
        return Err(Auth0Error::MalformedBody {
            url: url.to_string(),
            detail: format!("a page of at most {MAX_PER_PAGE} held {} {key}", items.len()),
        });
    }
    Ok(items)
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
