//! The tenant's APIs (`GET /api/v2/resource-servers`, scope `read:resource_servers`): what a
//! login can ask an access token for.

use super::client::ManagementClient;
use crate::error::Auth0Error;
use crate::models::ResourceServer;

impl ManagementClient {
    /// Every API of the tenant, the Management API among them (`is_system`).
    /// (Auth0's document gives this endpoint no `fields` parameter: the whole objects come.)
    pub async fn resource_servers(&self) -> Result<Vec<ResourceServer>, Auth0Error> {
        self.list_all("api/v2/resource-servers", Vec::new(), "resource_servers").await
    }
}
