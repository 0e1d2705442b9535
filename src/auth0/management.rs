//! Typed calls to Auth0's Management API v2, with paging and the read-only guard.

use std::collections::HashMap;
use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::authentication::AuthenticationApi;
use super::error::{Api, Auth0Error};
use super::http::{Http, Request, Response};
use super::models::{Client, DeviceCredential, Grant, RefreshTokenInfo, Session, User};
use super::paging::{MAX_PAGES, MAX_PAGES_IN_FLIGHT, fetch_pages};
use super::rate_limit::RateLimit;
use super::tenant::{Tenant, check_id, id_segment};
use super::token::{Credentials, TokenProvider};

/// Auth0 pages at most 100 items at a time.
pub const MAX_PER_PAGE: usize = 100;
/// Auth0 lets a user search page through at most this many results.
pub const SEARCH_RESULT_CAP: usize = 1000;

/// A query for `GET /api/v2/users`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserQuery {
    /// Lucene syntax, sent as `q` with `search_engine=v3`.
    pub q: Option<String>,
    /// `field:1` or `field:-1`.
    pub sort: Option<String>,
    /// Comma-separated field names, with `include_fields`.
    pub fields: Option<String>,
    pub include_fields: Option<bool>,
}

/// One page of users, with the total Auth0 reported.
#[derive(Debug, Clone)]
pub struct UsersPage {
    pub users: Vec<User>,
    pub total: Option<u64>,
}

/// Why a user search stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchEnd {
    /// Every matching user was read.
    Complete,
    /// The caller's limit was reached; more users match.
    CallerLimit,
    /// Auth0's 1000-result search limit was reached; more users match.
    SearchCap,
}

#[derive(Debug, Clone)]
pub struct UserSearch {
    pub users: Vec<User>,
    /// How many users Auth0 says match, which can be more than it will page through.
    pub total: Option<u64>,
    pub end: SearchEnd,
}

/// Filters for `GET /api/v2/grants`.
#[derive(Debug, Clone, Default)]
pub struct GrantFilter {
    pub user_id: Option<String>,
    pub client_id: Option<String>,
    pub audience: Option<String>,
}

/// Filters for `GET /api/v2/device-credentials`.
#[derive(Debug, Clone, Default)]
pub struct DeviceFilter {
    pub user_id: Option<String>,
    pub client_id: Option<String>,
    /// `public_key`, `refresh_token` or `rotating_refresh_token`.
    pub kind: Option<String>,
}

/// The outcome of a delete that Auth0 accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Now,
    /// A repeated delete found nothing, after an earlier attempt that may have reached Auth0
    /// (it broke off, or got a 5xx): that attempt had most likely removed it.
    AlreadyGone,
}

/// The Management API of one tenant. Cheap to clone; clones share the token cache.
#[derive(Clone)]
pub struct ManagementClient {
    http: Http,
    tenant: Tenant,
    tokens: Arc<TokenProvider>,
    /// The most pages of one listing asked for at once (1: page after page).
    pages_in_flight: usize,
}

impl ManagementClient {
    /// `read_only` is handed to the HTTP layer, whose guard refuses every destructive request.
    pub fn new(http: Http, tenant: Tenant, credentials: Credentials, read_only: bool) -> Self {
        let http = http.read_only(read_only);
        let auth = AuthenticationApi::new(http.clone(), tenant.clone());
        ManagementClient {
            http,
            tenant,
            tokens: Arc::new(TokenProvider::new(credentials, auth)),
            pages_in_flight: MAX_PAGES_IN_FLIGHT,
        }
    }

    /// At most `pages` pages of one listing at once; 1 reads them one after another.
    pub fn with_pages_in_flight(mut self, pages: usize) -> Self {
        self.pages_in_flight = pages.max(1);
        self
    }

    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    /// The HTTP layer, for calls beside the Management API (the tenant's keys).
    pub fn http(&self) -> &Http {
        &self.http
    }

    pub fn is_read_only(&self) -> bool {
        self.http.is_read_only()
    }

    /// The latest rate-limit headers Auth0 sent.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.http.rate_limit()
    }

    // ---- users ----

    /// One page (0-based) of users matching `query`.
    pub async fn users_page(
        &self,
        query: &UserQuery,
        page: usize,
        per_page: usize,
    ) -> Result<UsersPage, Auth0Error> {
        let mut params = vec![
            ("page", page.to_string()),
            ("per_page", per_page.min(MAX_PER_PAGE).to_string()),
            ("include_totals", "true".to_string()),
        ];
        if let Some(q) = &query.q {
            params.push(("q", q.clone()));
            params.push(("search_engine", "v3".to_string()));
        }
        if let Some(sort) = &query.sort {
            params.push(("sort", sort.clone()));
        }
        if let Some(fields) = &query.fields {
            params.push(("fields", fields.clone()));
            params.push(("include_fields", query.include_fields.unwrap_or(true).to_string()));
        }
        let url = self.url("api/v2/users", &params);
        let body: Value = self.get_json_at(&url).await?;
        let (users, total) = split_page(body, "users", &url)?;
        Ok(UsersPage { users: from_values(users, "users")?, total })
    }

    /// Reads pages until every match is read, `limit` users are read, or Auth0's 1000-result
    /// search limit is reached, whichever comes first. Once the first page tells the total, the
    /// others are read side by side within the rate-limit budget.
    pub async fn search_users(&self, query: &UserQuery, limit: usize) -> Result<UserSearch, Auth0Error> {
        let limit = limit.max(1);
        let per_page = limit.min(MAX_PER_PAGE);
        // How many pages Auth0 lets a search reach.
        let reachable_pages = SEARCH_RESULT_CAP / per_page;
        let Some(first) = self.users_page_within_cap(query, 0, per_page).await? else {
            return Ok(UserSearch { users: Vec::new(), total: None, end: SearchEnd::SearchCap });
        };
        let total = first.total;
        let mut users = first.users;
        let mut capped = false;
        // Without a total, a full last page is the only sign that more users match.
        let mut last_page_full = users.len() >= per_page;
        if last_page_full {
            let wanted = total.map_or(limit, |t| (t as usize).min(limit));
            let pages_wanted = wanted.div_ceil(per_page);
            let pages = pages_wanted.min(reachable_pages);
            capped = pages < pages_wanted;
            let fetched = match total {
                Some(_) => {
                    let is_last =
                        |page: &Option<UsersPage>| page.as_ref().is_none_or(|p| p.users.len() < per_page);
                    fetch_pages(
                        &self.http,
                        "users",
                        1..pages,
                        self.pages_in_flight,
                        |page| self.users_page_within_cap(query, page, per_page),
                        is_last,
                    )
                    .await?
                }
                // Without a total, only a short page tells the end: one page after another.
                None => {
                    let mut fetched = Vec::new();
                    for page in 1..pages {
                        let next = self.users_page_within_cap(query, page, per_page).await?;
                        let short = next.as_ref().is_none_or(|p| p.users.len() < per_page);
                        fetched.push(next);
                        if short {
                            break;
                        }
                    }
                    fetched
                }
            };
            for page in fetched {
                // A tenant whose search limit arrives earlier than computed ends the search there.
                let Some(page) = page else {
                    capped = true;
                    break;
                };
                last_page_full = page.users.len() >= per_page;
                users.extend(page.users);
                if !last_page_full {
                    capped = false;
                    break;
                }
            }
        }
        let more_than = |count: usize| total.map_or(last_page_full, |t| t as usize > count);
        let end = if users.len() >= limit {
            let more = more_than(limit);
            users.truncate(limit);
            if more { SearchEnd::CallerLimit } else { SearchEnd::Complete }
        } else if capped && more_than(users.len()) {
            SearchEnd::SearchCap
        } else {
            SearchEnd::Complete
        };
        Ok(UserSearch { users, total, end })
    }

    /// A page of a search, or `None` when Auth0 refuses it for the 1000-result limit.
    async fn users_page_within_cap(
        &self,
        query: &UserQuery,
        page: usize,
        per_page: usize,
    ) -> Result<Option<UsersPage>, Auth0Error> {
        match self.users_page(query, page, per_page).await {
            Ok(page) => Ok(Some(page)),
            Err(err) if err.is_search_cap() => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// `GET /api/v2/users/{id}`.
    pub async fn user(&self, user_id: &str) -> Result<User, Auth0Error> {
        let path = format!("api/v2/users/{}", id_segment(user_id)?);
        self.get_json(&path, &[]).await
    }

    /// `GET /api/v2/users-by-email`: exact and case-sensitive, as Auth0 matches it.
    pub async fn users_by_email(&self, email: &str) -> Result<Vec<User>, Auth0Error> {
        self.get_json("api/v2/users-by-email", &[("email", email.to_string())]).await
    }

    // ---- grants ----

    /// Every grant matching `filter`, following pages to the end.
    pub async fn grants(&self, filter: &GrantFilter) -> Result<Vec<Grant>, Auth0Error> {
        let mut params = Vec::new();
        push_opt(&mut params, "user_id", &filter.user_id);
        push_opt(&mut params, "client_id", &filter.client_id);
        push_opt(&mut params, "audience", &filter.audience);
        self.list_all("api/v2/grants", params, "grants").await
    }

    /// `DELETE /api/v2/grants/{id}`: also invalidates the refresh tokens issued under it.
    pub async fn delete_grant(&self, grant_id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/grants/{}", id_segment(grant_id)?);
        self.delete(&path, &[], || format!("revoke grant {grant_id}")).await
    }

    /// `DELETE /api/v2/grants?user_id=…`: every grant of the user.
    pub async fn delete_user_grants(&self, user_id: &str) -> Result<Deleted, Auth0Error> {
        check_id(user_id).map_err(Auth0Error::BadId)?;
        let params = [("user_id", user_id.to_string())];
        self.delete("api/v2/grants", &params, || format!("revoke all grants of {user_id}")).await
    }

    // ---- device credentials ----

    /// Every device credential matching `filter`, following pages to the end.
    pub async fn device_credentials(
        &self,
        filter: &DeviceFilter,
    ) -> Result<Vec<DeviceCredential>, Auth0Error> {
        let mut params = Vec::new();
        push_opt(&mut params, "user_id", &filter.user_id);
        push_opt(&mut params, "client_id", &filter.client_id);
        push_opt(&mut params, "type", &filter.kind);
        self.list_all("api/v2/device-credentials", params, "device_credentials").await
    }

    /// `DELETE /api/v2/device-credentials/{id}`: a refresh-token credential's token dies with it.
    pub async fn delete_device_credential(&self, id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/device-credentials/{}", id_segment(id)?);
        self.delete(&path, &[], || format!("revoke device credential {id}")).await
    }

    // ---- sessions and refresh tokens (Enterprise plans; checkpoint paging) ----

    /// Every session of a user.
    pub async fn sessions(&self, user_id: &str) -> Result<Vec<Session>, Auth0Error> {
        let path = format!("api/v2/users/{}/sessions", id_segment(user_id)?);
        self.list_checkpoints(&path, "sessions").await
    }

    /// Every refresh token of a user.
    pub async fn refresh_tokens(&self, user_id: &str) -> Result<Vec<RefreshTokenInfo>, Auth0Error> {
        let path = format!("api/v2/users/{}/refresh-tokens", id_segment(user_id)?);
        self.list_checkpoints(&path, "tokens").await
    }

    /// `DELETE /api/v2/sessions/{id}`: Auth0 accepts it (202) and applies it shortly after.
    pub async fn delete_session(&self, id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/sessions/{}", id_segment(id)?);
        self.delete(&path, &[], || format!("revoke session {id}")).await
    }

    pub async fn delete_user_sessions(&self, user_id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/users/{}/sessions", id_segment(user_id)?);
        self.delete(&path, &[], || format!("revoke every session of {user_id}")).await
    }

    /// `DELETE /api/v2/refresh-tokens/{id}`: accepted (202), applied shortly after.
    pub async fn delete_refresh_token(&self, id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/refresh-tokens/{}", id_segment(id)?);
        self.delete(&path, &[], || format!("revoke refresh token {id}")).await
    }

    pub async fn delete_user_refresh_tokens(&self, user_id: &str) -> Result<Deleted, Auth0Error> {
        let path = format!("api/v2/users/{}/refresh-tokens", id_segment(user_id)?);
        self.delete(&path, &[], || format!("revoke every refresh token of {user_id}")).await
    }

    /// Follows `from`/`take` checkpoints until Auth0 sends no `next`.
    async fn list_checkpoints<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
    ) -> Result<Vec<T>, Auth0Error> {
        let mut items = Vec::new();
        let mut from: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut params = vec![("take", MAX_PER_PAGE.to_string())];
            if let Some(cursor) = &from {
                params.push(("from", cursor.clone()));
            }
            let url = self.url(path, &params);
            let body: Value = self.get_json_at(&url).await?;
            let next = body.get("next").and_then(Value::as_str).filter(|n| !n.is_empty()).map(str::to_string);
            let (values, _) = split_page(body, key, &url)?;
            let empty = values.is_empty();
            items.extend(from_values::<T>(values, key)?);
            // A cursor that does not move, or a page with nothing in it, ends the walk.
            if empty || next.is_none() || next == from {
                return Ok(items);
            }
            from = next;
        }
        Err(Auth0Error::ListingTooLong { what: key.to_string(), pages: MAX_PAGES, total: None })
    }

    // ---- clients ----

    /// Every application's id and name (needs `read:clients`).
    pub async fn clients(&self) -> Result<Vec<Client>, Auth0Error> {
        let params = vec![("fields", "client_id,name".to_string()), ("include_fields", "true".to_string())];
        self.list_all("api/v2/clients", params, "clients").await
    }

    /// client_id → application name, for display.
    pub async fn client_names(&self) -> Result<HashMap<String, String>, Auth0Error> {
        Ok(self
            .clients()
            .await?
            .iter()
            .filter_map(|c| Some((c.client_id()?.to_string(), c.name()?.to_string())))
            .collect())
    }

    // ---- plumbing ----

    /// Reads an offset-paginated list to its end: the first page, then (once it tells the total)
    /// the rest side by side within the rate-limit budget. A short or empty page is the end,
    /// whatever the total said; past [`MAX_PAGES`] full pages the listing stops with an error.
    async fn list_all<T: DeserializeOwned>(
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
    async fn list_page(
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

    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<T, Auth0Error> {
        self.get_json_at(&self.url(path, params)).await
    }

    async fn get_json_at<T: DeserializeOwned>(&self, url: &Url) -> Result<T, Auth0Error> {
        let response = self.call(Method::GET, url).await?;
        if response.status.is_success() {
            response.json(url)
        } else {
            Err(response.into_error(Api::Management, url))
        }
    }

    async fn delete(
        &self,
        path: &str,
        params: &[(&str, String)],
        action: impl FnOnce() -> String,
    ) -> Result<Deleted, Auth0Error> {
        let url = self.url(path, params);
        let response = self.call_with(Method::DELETE, &url, None, Some(action())).await?;
        if response.status.is_success() {
            Ok(Deleted::Now)
        } else if response.status == reqwest::StatusCode::NOT_FOUND && response.earlier_may_have_acted {
            Ok(Deleted::AlreadyGone)
        } else {
            Err(response.into_error(Api::Management, &url))
        }
    }

    /// `POST` with a JSON body; the answer as JSON.
    pub(crate) async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: Value,
    ) -> Result<T, Auth0Error> {
        let url = self.url(path, &[]);
        let response = self.call_with(Method::POST, &url, Some(body), None).await?;
        if response.status.is_success() {
            response.json(&url)
        } else {
            Err(response.into_error(Api::Management, &url))
        }
    }

    /// `GET` of any Management API path, as JSON.
    pub(crate) async fn get_value(&self, path: &str) -> Result<Value, Auth0Error> {
        self.get_json(path, &[]).await
    }

    /// Sends with the current token; a 401 fetches a new token once and sends again.
    async fn call(&self, method: Method, url: &Url) -> Result<Response, Auth0Error> {
        self.call_with(method, url, None, None).await
    }

    /// [`Self::call`] with a body, and for a request that changes the tenant, what it does.
    async fn call_with(
        &self,
        method: Method,
        url: &Url,
        body: Option<Value>,
        destructive: Option<String>,
    ) -> Result<Response, Auth0Error> {
        // Refused before a token is even fetched: nothing leaves under --read-only.
        if let Some(action) = &destructive {
            self.http.refuse_if_read_only(|| action.clone())?;
        }
        let token = self.tokens.token().await?;
        let request = |bearer| Request {
            api: Api::Management,
            method: method.clone(),
            url: url.clone(),
            bearer: Some(bearer),
            body: body.clone().map(super::http::Body::Json),
            destructive: destructive.clone(),
        };
        let response = self.http.send(&request(token.clone())).await?;
        if response.status != reqwest::StatusCode::UNAUTHORIZED || !self.tokens.can_renew() {
            return Ok(response);
        }
        self.tokens.forget(&token).await;
        let renewed = self.tokens.token().await?;
        let mut retried = self.http.send(&request(renewed)).await?;
        // The 401 means Auth0 did not act on that attempt; only what came before it may have.
        retried.attempts += response.attempts;
        retried.earlier_may_have_acted |= response.earlier_may_have_acted;
        Ok(retried)
    }

    fn url(&self, path: &str, params: &[(&str, String)]) -> Url {
        let mut url = self.tenant.url(path);
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }
}

fn push_opt(params: &mut Vec<(&'static str, String)>, key: &'static str, value: &Option<String>) {
    if let Some(value) = value {
        params.push((key, value.clone()));
    }
}

/// Auth0 answers a bare array, or `{…totals…, key: [...]}` with `include_totals=true`: take both.
fn split_page(body: Value, key: &str, url: &Url) -> Result<(Vec<Value>, Option<u64>), Auth0Error> {
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

fn from_values<T: DeserializeOwned>(values: Vec<Value>, what: &str) -> Result<Vec<T>, Auth0Error> {
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
