//! Extractors whose rejection is the API's error shape: typed path ids (a malformed id is a 400
//! that names it) and a JSON body (415 unless `application/json`, 400 for a malformed body or
//! unknown members).

use crate::error::ApiError;
use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, Request},
    http::{header, request::Parts, StatusCode},
};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use uuid::Uuid;
use wayai_core::said::{Code, Said};

/// The path's ids by name; the route's own parameters are always there.
async fn ids(parts: &mut Parts) -> Result<HashMap<String, String>, ApiError> {
    Path::<HashMap<String, String>>::from_request_parts(parts, &())
        .await
        .map(|Path(ids)| ids)
        // The rejection's text would repeat what was sent; the answer never does.
        .map_err(|_| ApiError::bad_request(Said::new(Code::BadPath)))
}

fn uuid(ids: &HashMap<String, String>, name: &str) -> Result<Uuid, ApiError> {
    ids.get(name)
        .and_then(|raw| Uuid::parse_str(raw).ok())
        .ok_or_else(|| ApiError::bad_request(Said::new(Code::BadId).with("name", name)))
}

fn hub(ids: &HashMap<String, String>) -> Result<Uuid, ApiError> {
    uuid(ids, "hub_id")
}

/// `…/hubs/{hub_id}/…`
pub struct HubPath(pub Uuid);

/// `…/hubs/{hub_id}/connections/{id}/…`
pub struct ConnectionPath {
    pub hub: Uuid,
    pub id: Uuid,
}

/// `…/hubs/{hub_id}/connectors/{connector_id}/…`
pub struct ConnectorPath {
    pub hub: Uuid,
    pub id: Uuid,
}

/// `…/hubs/{hub_id}/oauth/flows/{flow_id}`
pub struct FlowPath {
    pub hub: Uuid,
    pub id: Uuid,
}

impl<S: Send + Sync> FromRequestParts<S> for HubPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(HubPath(hub(&ids(parts).await?)?))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ConnectionPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let ids = ids(parts).await?;
        Ok(ConnectionPath {
            hub: hub(&ids)?,
            id: uuid(&ids, "id")?,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ConnectorPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let ids = ids(parts).await?;
        Ok(ConnectorPath {
            hub: hub(&ids)?,
            id: uuid(&ids, "connector_id")?,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for FlowPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let ids = ids(parts).await?;
        Ok(FlowPath {
            hub: hub(&ids)?,
            id: uuid(&ids, "flow_id")?,
        })
    }
}

/// `…/organizations/{org_id}/…`
pub struct OrgPath(pub Uuid);

/// `…/organizations/{org_id}/credentials/{id}/…`, and `…/hubs/{hub_id}/credentials/{id}` (with
/// the hub as `org`'s place: the caller knows which it asked for).
pub struct CredentialPath {
    pub org: Uuid,
    pub id: Uuid,
}

/// `…/organizations/{org_id}/tags/{slug}`: the slug as sent (checked by the handler, which
/// answers 404 for any slug the organization has not).
pub struct TagPath {
    pub org: Uuid,
    pub slug: String,
}

impl<S: Send + Sync> FromRequestParts<S> for OrgPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(OrgPath(uuid(&ids(parts).await?, "org_id")?))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CredentialPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let ids = ids(parts).await?;
        let org = match ids.contains_key("org_id") {
            true => uuid(&ids, "org_id")?,
            false => hub(&ids)?,
        };
        Ok(CredentialPath {
            org,
            id: uuid(&ids, "id")?,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TagPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let ids = ids(parts).await?;
        Ok(TagPath {
            org: uuid(&ids, "org_id")?,
            slug: ids.get("slug").cloned().unwrap_or_default(),
        })
    }
}

/// A JSON request body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Said::new(Code::UnsupportedMediaType),
            ));
        }
        let body = Bytes::from_request(request, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    Said::new(Code::PayloadTooLarge),
                )
            } else {
                ApiError::bad_request(Said::new(Code::UnreadableBody))
            }
        })?;
        // Where the body is wrong, never what it says: an error never echoes what was sent.
        serde_json::from_slice(&body).map(ApiJson).map_err(|e| {
            ApiError::bad_request(
                Said::new(Code::BadJson)
                    .with("line", e.line())
                    .with("column", e.column()),
            )
        })
    }
}

/// Longest accepted `Idempotency-Key`.
const IDEMPOTENCY_KEY_MAX: usize = 255;

/// The `Idempotency-Key` a create needs (a UUID per attempt; a retry sends the same one).
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    Said::new(Code::IdempotencyKeyRequired),
                )
            })?;
        if key.len() > IDEMPOTENCY_KEY_MAX {
            return Err(ApiError::bad_request(Said::new(
                Code::IdempotencyKeyTooLong,
            )));
        }
        Ok(IdempotencyKey(key.to_string()))
    }
}
