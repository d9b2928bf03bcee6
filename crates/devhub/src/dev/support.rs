//! What support and the tests do to a hub from outside the API: add connectors to its catalog,
//! and read fingerprints of a connection's stored secrets.

use crate::{
    domain::{catalog, idempotency::fingerprint, records::find},
    error::ApiError,
    extract::{ApiJson, ConnectionPath, HubPath},
    state::AppState,
};
use axum::{extract::State, http::StatusCode, Json};
use std::{collections::BTreeMap, sync::Arc};
use wayai_core::Catalog;

type Shared = State<Arc<AppState>>;

/// `PUT /dev/hubs/{hub}/catalog-extra` with a catalog: adds those connectors to the hub's catalog.
pub async fn set_extra_connectors(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(extra): ApiJson<Catalog>,
) -> Result<StatusCode, ApiError> {
    if let Some(clash) = extra
        .connectors
        .iter()
        .find(|c| catalog::find(c.id).is_some())
    {
        return Err(ApiError::bad_request(format!(
            "{} is already a seed connector id.",
            clash.id
        )));
    }
    state
        .extra_connectors
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(hub, extra.connectors);
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /dev/hubs/{hub}/connections/{id}/secret-digests`: a fingerprint of each stored secret,
/// so tests can tell that a secret is unchanged without the secret ever leaving the hub.
pub async fn secret_digests(
    State(state): Shared,
    path: ConnectionPath,
) -> Result<Json<BTreeMap<String, String>>, ApiError> {
    let record = find(&state, path.hub, path.id)?;
    Ok(Json(
        record
            .secrets
            .iter()
            .map(|(k, v)| (k.clone(), fingerprint(v.as_bytes())))
            .collect(),
    ))
}
