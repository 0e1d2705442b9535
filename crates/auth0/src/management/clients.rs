//! Applications: their ids and names, for display.

use super::client::ManagementClient;
use crate::error::Auth0Error;
use crate::models::{Client, ClientNames};

impl ManagementClient {
    /// Every application's id and name (needs `read:clients`).
    pub async fn clients(&self) -> Result<Vec<Client>, Auth0Error> {
        let params = vec![("fields", "client_id,name".to_string()), ("include_fields", "true".to_string())];
        self.list_all("api/v2/clients", params, "clients").await
    }

    /// One application's login settings: name, type, callback URLs and grant types.
    pub async fn client(&self, client_id: &str) -> Result<Client, Auth0Error> {
        let path = format!("api/v2/clients/{}", crate::tenant::id_segment(client_id)?);
        let fields = "client_id,name,app_type,callbacks,grant_types".to_string();
        self.get_json(&path, &[("fields", fields), ("include_fields", "true".to_string())]).await
    }

    /// client_id → application name, for display.
    pub async fn client_names(&self) -> Result<ClientNames, Auth0Error> {
        Ok(self
            .clients()
            .await?
            .iter()
            .filter_map(|c| Some((c.client_id()?.to_string(), c.name()?.to_string())))
            .collect())
    }
}
