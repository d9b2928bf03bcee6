//! What support and the tests do to a hub from outside the API: enable or disable a connector
//! for one hub, add connectors to its catalog, place a hub in its organization, and check whether a
//! stored secret is a given value.

use crate::{
    domain::records::find,
    error::{field_error, field_said, ApiError},
    extract::{ApiJson, ConnectionPath, ConnectorPath, CredentialPath, HubPath},
    state::Shared,
};
use axum::{extract::State, http::StatusCode, Json};
use serde::{Deserialize, Serialize};
use wayai_core::said::{Code, Said};
use wayai_core::{
    org::{Environment, HubPlacement},
    validate::Problem,
    Catalog, ConnectorStatus,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    available: bool,
}

/// `PUT /dev/hubs/{hub}/connectors/{connector}/availability` with `{"available": bool}`: what
/// support does when a hub asks for a connector the catalog has disabled (WhatsApp), or turns
/// one off again. Kept in the store, so it outlives a restart. `DELETE` returns the connector to
/// its catalog status.
pub async fn set_availability(
    State(state): Shared,
    path: ConnectorPath,
    ApiJson(body): ApiJson<Availability>,
) -> Result<StatusCode, ApiError> {
    choose_availability(&state, path, Some(body.available))
}

/// `DELETE …/availability`: back to the catalog's status.
pub async fn reset_availability(
    State(state): Shared,
    path: ConnectorPath,
) -> Result<StatusCode, ApiError> {
    choose_availability(&state, path, None)
}

fn choose_availability(
    state: &crate::state::AppState,
    path: ConnectorPath,
    available: Option<bool>,
) -> Result<StatusCode, ApiError> {
    let connector = state
        .connector(path.hub, path.id)
        .ok_or_else(|| ApiError::not_found(wayai_core::codes::Missing::Connector))?;
    if connector.status == ConnectorStatus::AutoEnabled {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::AlwaysEnabled).with("connector", connector.name.as_str()),
        ));
    }
    state.set_availability(path.hub, path.id, available)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /dev/hubs/{hub}/catalog-extra` with a catalog: adds those connectors to the hub's catalog.
pub async fn set_extra_connectors(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(extra): ApiJson<Catalog>,
) -> Result<StatusCode, ApiError> {
    if let Some(_clash) = extra.connectors.iter().find(|c| {
        let base = state.served_to(hub);
        base.catalog.connectors.iter().any(|s| s.id == c.id)
    }) {
        return Err(ApiError::bad_request(Said::new(Code::DuplicateConnectorId)));
    }
    state
        .extra_connectors
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(hub, extra.connectors);
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /dev/hubs/{hub}/catalog` with a whole catalog (the `--catalog` file's shape, its
/// `translations` included): the hub is served it in place of the seed's, checked as a
/// `--catalog` file is; `DELETE`: back to the catalog every hub is served.
pub async fn set_hub_catalog(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(file): ApiJson<crate::domain::catalog::CatalogFile>,
) -> Result<StatusCode, ApiError> {
    let served = file
        .served()
        .map_err(|e| ApiError::bad_request(Said::new(Code::BadCatalog).with("detail", e)))?;
    state
        .hub_catalogs
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(hub, std::sync::Arc::new(served));
    Ok(StatusCode::NO_CONTENT)
}

pub async fn reset_hub_catalog(State(state): Shared, HubPath(hub): HubPath) -> StatusCode {
    state
        .hub_catalogs
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&hub);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretQuestion {
    key: String,
    value: String,
}

#[derive(Serialize)]
pub struct SecretAnswer {
    matches: bool,
}

/// `POST /dev/hubs/{hub}/connections/{id}/secret-check` with `{"key", "value"}`: whether the
/// stored secret under `key` is `value`. Tests tell a kept secret from a replaced one with it;
/// only a yes or no leaves the hub, never the secret or anything derived from it.
pub async fn secret_check(
    State(state): Shared,
    path: ConnectionPath,
    ApiJson(question): ApiJson<SecretQuestion>,
) -> Result<Json<SecretAnswer>, ApiError> {
    let record = find(&state, path.hub, path.id)?;
    Ok(Json(SecretAnswer {
        matches: record.secrets.get(&question.key) == Some(&question.value),
    }))
}

/// `PUT /dev/hubs/{hub}/placement` with `{organization_id, tags, environment}`: where the hub
/// stands in its organization (in the real product, set in the hub's settings), which decides
/// the credentials it may use. A hub never placed is in the demo organization, untagged, a preview.
pub async fn set_placement(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(mut placement): ApiJson<HubPlacement>,
) -> Result<Json<HubPlacement>, ApiError> {
    placement.tags = crate::domain::org::dedup(placement.tags);
    state.store.with(|tx| {
        let mut fields = Vec::new();
        if !matches!(
            placement.environment,
            Environment::Preview | Environment::Production
        ) {
            fields.push(field_error("environment", &Problem::NotAnOption));
        }
        for (i, slug) in placement.tags.iter().enumerate() {
            if tx.tag(placement.organization_id, slug)?.is_none() {
                let said = Said::new(Code::NoSuchTag);
                fields.push(field_said(&format!("tags[{i}]"), said));
            }
        }
        if !fields.is_empty() {
            return Ok(Err(ApiError::validation(fields)));
        }
        tx.place(hub, &placement)?;
        Ok(Ok(Json(placement)))
    })?
}

/// `GET /dev/hubs/{hub}/placement`.
pub async fn placement(
    State(state): Shared,
    HubPath(hub): HubPath,
) -> Result<Json<HubPlacement>, ApiError> {
    let placement = state
        .store
        .with(|tx| tx.placement(hub, crate::DEMO_ORG_ID))?;
    Ok(Json(placement))
}

/// `POST /dev/organizations/{org}/credentials/{id}/secret-check` with `{"key", "value"}`: as a
/// connection's, a yes or no only.
pub async fn credential_secret_check(
    State(state): Shared,
    path: CredentialPath,
    ApiJson(question): ApiJson<SecretQuestion>,
) -> Result<Json<SecretAnswer>, ApiError> {
    let kept = state.store.with(|tx| tx.credential(path.org, path.id))?;
    let kept = kept.ok_or_else(crate::domain::org::no_credential)?;
    Ok(Json(SecretAnswer {
        matches: kept.secrets.get(&question.key) == Some(&question.value),
    }))
}
