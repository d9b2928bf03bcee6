//! The one client of the hub REST API. Every call returns a typed [`HubError`] on failure.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wayai_core::{paths, Catalog, ErrorBody, HubError};

/// Where the hub API is and how to authenticate to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    token: String,
}

impl ApiClient {
    /// `base` is the hub API's origin (empty for the page's own origin); `token` the bearer token.
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> Self {
        let mut base = base.into();
        while base.ends_with('/') {
            base.pop();
        }
        Self {
            base,
            token: token.into(),
        }
    }

    /// The connector catalog of a hub.
    pub async fn catalog(&self, hub_id: Uuid) -> Result<Catalog, HubError> {
        self.get_json(&paths::connectors(hub_id)).await
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, HubError> {
        let response = Request::get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|_| HubError::Network)?;
        decode(response).await
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, HubError> {
    if response.ok() {
        response.json().await.map_err(|_| HubError::BadResponse)
    } else {
        let body = response.json::<ErrorBody>().await.ok();
        Err(HubError::from_status(response.status(), body))
    }
}
