//! An organization's credentials and tags: what the credentials view asks of the hub.

use super::ApiClient;
use uuid::Uuid;
use wayai_core::{
    org::{
        CreateCredential, CreateTag, CredentialList, CredentialUsage, CredentialUser,
        OrgCredential, RotateCredential, Tag, TagList, UpdateCredential,
    },
    paths, HubError,
};

impl ApiClient {
    /// Every credential of the organization (hints only).
    pub async fn org_credentials(&self, org: Uuid) -> Result<Vec<OrgCredential>, HubError> {
        let list: CredentialList = self.send(self.get(&paths::org_credentials(org))).await?;
        Ok(list.credentials)
    }

    /// Creates a credential; `idempotency_key` is the same for retries of one Save.
    pub async fn create_credential(
        &self,
        org: Uuid,
        body: &CreateCredential,
        idempotency_key: &str,
    ) -> Result<OrgCredential, HubError> {
        let call = self.post(&paths::org_credentials(org));
        self.send(call.header("Idempotency-Key", idempotency_key).json(body)?)
            .await
    }

    pub async fn update_credential(
        &self,
        org: Uuid,
        id: Uuid,
        body: &UpdateCredential,
    ) -> Result<OrgCredential, HubError> {
        let call = self.call("PATCH", &paths::org_credential(org, id));
        self.send(call.json(body)?).await
    }

    /// A new secret; the hub re-tests every connection that uses it.
    pub async fn rotate_credential(
        &self,
        org: Uuid,
        id: Uuid,
        body: &RotateCredential,
    ) -> Result<OrgCredential, HubError> {
        let call = self.post(&paths::rotate_credential(org, id));
        self.send(call.json(body)?).await
    }

    /// Deletes a credential: `Conflict` while connections use it.
    pub async fn delete_credential(&self, org: Uuid, id: Uuid) -> Result<(), HubError> {
        let call = self.call("DELETE", &paths::org_credential(org, id));
        self.exchange(call).await.map(|_| ())
    }

    /// The connections, in every hub, that use a credential.
    pub async fn credential_usage(
        &self,
        org: Uuid,
        id: Uuid,
    ) -> Result<Vec<CredentialUser>, HubError> {
        let usage: CredentialUsage = self
            .send(self.get(&paths::credential_usage(org, id)))
            .await?;
        Ok(usage.connections)
    }

    pub async fn org_tags(&self, org: Uuid) -> Result<Vec<Tag>, HubError> {
        let list: TagList = self.send(self.get(&paths::org_tags(org))).await?;
        Ok(list.tags)
    }

    /// Creates a tag; `idempotency_key` as for a credential.
    pub async fn create_tag(
        &self,
        org: Uuid,
        body: &CreateTag,
        idempotency_key: &str,
    ) -> Result<Tag, HubError> {
        let call = self.post(&paths::org_tags(org));
        self.send(call.header("Idempotency-Key", idempotency_key).json(body)?)
            .await
    }
}
