//! Users: one page, a search read to its end or to Auth0's 1000-result limit, one user, by email.

use super::client::{MAX_PER_PAGE, ManagementClient, SEARCH_RESULT_CAP};
use super::listing::{from_values, split_page};
use crate::error::Auth0Error;
use crate::models::User;
use crate::paging::{ListingBudget, fetch_pages};
use crate::tenant::id_segment;

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

/// How many pages of `per_page` users Auth0 lets one search read: past them it answers 400
/// `invalid_paging`. The client and the Users pane both stop there.
pub fn reachable_search_pages(per_page: usize) -> usize {
    SEARCH_RESULT_CAP / per_page.max(1)
}

impl ManagementClient {
    /// One page (0-based) of users matching `query`.
    pub async fn users_page(
        &self,
        query: &UserQuery,
        page: usize,
        per_page: usize,
    ) -> Result<UsersPage, Auth0Error> {
        self.users_page_in(query, page, per_page, &ListingBudget::default()).await
    }

    /// [`Self::users_page`], its bytes counted against a search's `budget`.
    async fn users_page_in(
        &self,
        query: &UserQuery,
        page: usize,
        per_page: usize,
        budget: &ListingBudget,
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
        let body = self.get_page_at(&url, budget, "users").await?;
        let (users, total) = split_page(body, "users", &url)?;
        Ok(UsersPage { users: from_values(users, "users")?, total })
    }

    /// Reads pages until every match is read, `limit` users are read, or Auth0's 1000-result
    /// search limit is reached, whichever comes first. Once the first page tells the total, the
    /// others are read side by side within the rate-limit budget.
    pub async fn search_users(&self, query: &UserQuery, limit: usize) -> Result<UserSearch, Auth0Error> {
        let limit = limit.max(1);
        let per_page = limit.min(MAX_PER_PAGE);
        let budget = ListingBudget::default();
        // How many pages Auth0 lets a search reach.
        let reachable_pages = reachable_search_pages(per_page);
        let Some(first) = self.users_page_within_cap(query, 0, per_page, &budget).await? else {
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
                        |page| self.users_page_within_cap(query, page, per_page, &budget),
                        is_last,
                    )
                    .await?
                }
                // Without a total, only a short page tells the end: one page after another.
                None => {
                    let mut fetched = Vec::new();
                    for page in 1..pages {
                        let next = self.users_page_within_cap(query, page, per_page, &budget).await?;
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
        budget: &ListingBudget,
    ) -> Result<Option<UsersPage>, Auth0Error> {
        match self.users_page_in(query, page, per_page, budget).await {
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
}
