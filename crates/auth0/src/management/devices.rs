//! Device credentials: list, revoke one.

use super::client::{Deleted, ManagementClient};
use super::listing::push_opt;
use crate::error::Auth0Error;
use crate::models::DeviceCredential;
use crate::tenant::id_segment;

/// Filters for `GET /api/v2/device-credentials`.
#[derive(Debug, Clone, Default)]
pub struct DeviceFilter {
    pub user_id: Option<String>,
    pub client_id: Option<String>,
    /// `public_key`, `refresh_token` or `rotating_refresh_token`.
    pub kind: Option<String>,
}

impl ManagementClient {
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
}
