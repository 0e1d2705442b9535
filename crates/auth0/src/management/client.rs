//! The Management API client of one tenant: its token, its HTTP layer, and the plumbing every
//! endpoint shares (a 401 renewed once, deletes and their verdicts).

use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::authentication::AuthenticationApi;
use crate::error::{Api, Auth0Error};
use crate::http::{Effect, Http, Request, Response};
use crate::paging::MAX_PAGES_IN_FLIGHT;
use crate::rate_limit::RateLimit;
use crate::tenant::Tenant;
use crate::token::{Credentials, TokenProvider};

/// Auth0 pages at most 100 items at a time.
pub const MAX_PER_PAGE: usize = 100;
/// Auth0 lets a user search page through at most this many results.
pub const SEARCH_RESULT_CAP: usize = 1000;

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
    pub(super) http: Http,
    tenant: Tenant,
    tokens: Arc<TokenProvider>,
    /// The most pages of one listing asked for at once (1: page after page).
    pub(super) pages_in_flight: usize,
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

    /// The Management API token in use (fetched or renewed if needed): for `doctor`, which reads
    /// its scopes.
    pub async fn access_token(&self) -> Result<secrecy::SecretString, Auth0Error> {
        self.tokens.token().await
    }

    /// The latest rate-limit headers Auth0 sent.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.http.rate_limit()
    }

    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<T, Auth0Error> {
        self.get_json_at(&self.url(path, params)).await
    }

    pub(super) async fn get_json_at<T: DeserializeOwned>(&self, url: &Url) -> Result<T, Auth0Error> {
        let response = self.call(Method::GET, url).await?;
        if response.status.is_success() {
            response.json(url)
        } else {
            Err(response.into_error(Api::Management, url))
        }
    }

    /// A page of a listing as JSON, its body's size taken from `budget` before it is parsed.
    pub(super) async fn get_page_at(
        &self,
        url: &Url,
        budget: &crate::paging::ListingBudget,
        what: &str,
    ) -> Result<Value, Auth0Error> {
        let response = self.call(Method::GET, url).await?;
        if !response.status.is_success() {
            return Err(response.into_error(Api::Management, url));
        }
        budget.take(&response.body, what)?;
        response.json_already_counted(url)
    }

    pub(super) async fn delete(
        &self,
        path: &str,
        params: &[(&str, String)],
        action: impl FnOnce() -> String,
    ) -> Result<Deleted, Auth0Error> {
        let url = self.url(path, params);
        let response = self.call_with(Method::DELETE, &url, None, Effect::Changes(action())).await?;
        if response.status.is_success() {
            Ok(Deleted::Now)
        } else if response.status == reqwest::StatusCode::NOT_FOUND && response.earlier_may_have_acted {
            Ok(Deleted::AlreadyGone)
        } else {
            Err(response.into_error(Api::Management, &url))
        }
    }

    /// `POST` with a JSON body; the answer as JSON. `effect` says whether it changes the tenant
    /// (the read-only guard refuses a POST unless it is marked as changing nothing).
    pub(crate) async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: Value,
        effect: Effect,
    ) -> Result<T, Auth0Error> {
        let url = self.url(path, &[]);
        let response = self.call_with(Method::POST, &url, Some(body), effect).await?;
        if response.status.is_success() {
            response.json(&url)
        } else {
            Err(response.into_error(Api::Management, &url))
        }
    }

    /// `PATCH` with a JSON body, a change to the tenant (`action` says what, for the read-only
    /// guard); the answer as JSON.
    pub(super) async fn patch_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: Value,
        action: String,
    ) -> Result<T, Auth0Error> {
        let url = self.url(path, &[]);
        let response = self.call_with(Method::PATCH, &url, Some(body), Effect::Changes(action)).await?;
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
    pub(super) async fn call(&self, method: Method, url: &Url) -> Result<Response, Auth0Error> {
        self.call_with(method, url, None, Effect::Reads).await
    }

    /// [`Self::call`] with a body, and what the request does at Auth0.
    async fn call_with(
        &self,
        method: Method,
        url: &Url,
        body: Option<Value>,
        effect: Effect,
    ) -> Result<Response, Auth0Error> {
        let request = |bearer| Request {
            api: Api::Management,
            method: method.clone(),
            url: url.clone(),
            bearer: Some(bearer),
            body: body.clone().map(crate::http::Body::Json),
            effect: effect.clone(),
        };
        // Refused before a token is even fetched: nothing leaves under --read-only.
        if let Some(action) = effect.refused_as(&method, url) {
            self.http.refuse_if_read_only(|| action)?;
        }
        let token = self.tokens.token().await?;
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

    pub(super) fn url(&self, path: &str, params: &[(&str, String)]) -> Url {
        let mut url = self.tenant.url(path);
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }
}
