//! A user's sessions and refresh tokens (Enterprise plans), read by checkpoint paging; revoking them.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::client::{Deleted, MAX_PER_PAGE, ManagementClient};
use super::listing::{from_values, split_page};
use crate::error::Auth0Error;
use crate::models::{RefreshTokenInfo, Session};
use crate::paging::MAX_PAGES;
use crate::tenant::id_segment;

impl ManagementClient {
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

    /// `GET /api/v2/sessions/{id}`: the session, or `None` when Auth0 answers 404 (it is gone,
    /// or never was).
    pub async fn session(&self, id: &str) -> Result<Option<Session>, Auth0Error> {
        let path = format!("api/v2/sessions/{}", id_segment(id)?);
        found(self.get_json(&path, &[]).await)
    }

    /// `GET /api/v2/refresh-tokens/{id}`, as [`Self::session`].
    pub async fn refresh_token(&self, id: &str) -> Result<Option<RefreshTokenInfo>, Auth0Error> {
        let path = format!("api/v2/refresh-tokens/{}", id_segment(id)?);
        found(self.get_json(&path, &[]).await)
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
        let budget = crate::paging::ListingBudget::default();
        for _ in 0..MAX_PAGES {
            let mut params = vec![("take", MAX_PER_PAGE.to_string())];
            if let Some(cursor) = &from {
                params.push(("from", cursor.clone()));
            }
            let url = self.url(path, &params);
            let body = self.get_page_at(&url, &budget, key).await?;
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
        Err(Auth0Error::ListingStopped {
            why: format!(
                "the {} go on past {} pages; tenantscope stopped there",
                key.replace('_', " "),
                crate::text::grouped(MAX_PAGES)
            ),
        })
    }
}

/// A 404 as "not there"; anything else as it came.
fn found<T>(result: Result<T, Auth0Error>) -> Result<Option<T>, Auth0Error> {
    match result {
        Ok(item) => Ok(Some(item)),
        Err(err) if err.status() == Some(404) => Ok(None),
        Err(err) => Err(err),
    }
}
