//! Log events: a search (`q`, newest first, offset pages within the 1000-result limit), the
//! events after a checkpoint (`from`, `take`; `q` is ignored there, so the caller filters), one
//! user's events, and the blocks on a user.

use super::client::ManagementClient;
use crate::error::Auth0Error;
use crate::log_event::LogEvent;
use crate::paging::ListingBudget;
use crate::tenant::id_segment;

/// At most this many events per request, in either mode.
pub const MAX_TAKE: usize = 100;

impl ManagementClient {
    /// A page of events matching `q` (Auth0's Lucene), newest first.
    pub async fn logs_page(
        &self,
        q: Option<&str>,
        page: usize,
        per_page: usize,
    ) -> Result<Vec<LogEvent>, Auth0Error> {
        self.logs_page_in(q, page, per_page, &ListingBudget::default()).await
    }

    /// [`Self::logs_page`], its bytes counted against a search's `budget`.
    pub async fn logs_page_in(
        &self,
        q: Option<&str>,
        page: usize,
        per_page: usize,
        budget: &ListingBudget,
    ) -> Result<Vec<LogEvent>, Auth0Error> {
        let mut params = vec![
            ("page", page.to_string()),
            ("per_page", per_page.clamp(1, MAX_TAKE).to_string()),
            ("sort", "date:-1".to_string()),
        ];
        if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
            params.push(("q", q.to_string()));
        }
        self.items_at(&self.url("api/v2/logs", &params), "logs", budget).await
    }

    /// The events after `from` (a log_id), oldest first: checkpoint paging, which ignores `q`.
    pub async fn logs_after(&self, from: &str, take: usize) -> Result<Vec<LogEvent>, Auth0Error> {
        self.logs_after_in(from, take, &ListingBudget::default()).await
    }

    /// [`Self::logs_after`], its bytes counted against `budget` (the pages of one poll).
    pub async fn logs_after_in(
        &self,
        from: &str,
        take: usize,
        budget: &ListingBudget,
    ) -> Result<Vec<LogEvent>, Auth0Error> {
        let params = [("from", from.to_string()), ("take", take.clamp(1, MAX_TAKE).to_string())];
        self.items_at(&self.url("api/v2/logs", &params), "logs", budget).await
    }

    /// A page of one user's events, newest first.
    pub async fn user_logs(
        &self,
        user_id: &str,
        page: usize,
        per_page: usize,
    ) -> Result<Vec<LogEvent>, Auth0Error> {
        let path = format!("api/v2/users/{}/logs", id_segment(user_id)?);
        let params = [
            ("page", page.to_string()),
            ("per_page", per_page.clamp(1, MAX_TAKE).to_string()),
            ("sort", "date:-1".to_string()),
        ];
        self.items_at(&self.url(&path, &params), "logs", &ListingBudget::default()).await
    }

    /// `PATCH /api/v2/users/{id}` `{"blocked": …}`: stops (or allows again) the user's logins.
    pub async fn set_blocked(&self, user_id: &str, blocked: bool) -> Result<crate::models::User, Auth0Error> {
        let path = format!("api/v2/users/{}", id_segment(user_id)?);
        let action = format!("{} the user {user_id}", if blocked { "block" } else { "unblock" });
        self.patch_json(&path, serde_json::json!({ "blocked": blocked }), action).await
    }

    /// Brute-force and suspicious-IP blocks: by user id (`auth0|…`) or by identifier (an email,
    /// a username, a phone number).
    pub async fn user_blocks(&self, who: &str) -> Result<serde_json::Value, Auth0Error> {
        if who.contains('|') {
            self.get_json(&format!("api/v2/user-blocks/{}", id_segment(who)?), &[]).await
        } else {
            self.get_json("api/v2/user-blocks", &[("identifier", who.to_string())]).await
        }
    }

    /// Clears those blocks.
    pub async fn clear_user_blocks(&self, who: &str) -> Result<super::client::Deleted, Auth0Error> {
        let action = || format!("clear the login blocks of {who}");
        if who.contains('|') {
            self.delete(&format!("api/v2/user-blocks/{}", id_segment(who)?), &[], action).await
        } else {
            self.delete("api/v2/user-blocks", &[("identifier", who.to_string())], action).await
        }
    }
}
