//! Grants (the Dashboard's "Authorized Applications"): list, revoke one, revoke a user's.

use super::client::{Deleted, ManagementClient};
use super::listing::push_opt;
use crate::error::Auth0Error;
use crate::models::Grant;
use crate::tenant::{check_id, id_segment};

/// Filters for `GET /api/v2/grants`.
#[derive(Debug, Clone, Default)]
pub struct GrantFilter {
    pub user_id: Option<String>,
    pub client_id: Option<String>,
    pub audience: Option<String>,
}

impl ManagementClient {
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
}
