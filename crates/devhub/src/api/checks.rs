//! Testing credentials: a saved connection's (its health is recorded), or a form's before it is
//! saved (nothing is stored).

use super::connections::draft;
use crate::{
    domain::{
        binding, credentials, org_binding,
        records::{self, ensure_hub, find},
    },
    error::ApiError,
    extract::{ApiJson, ConnectionPath, HubPath},
    state::AppState,
    state::Shared,
    time,
};
use axum::{extract::State, Json};
use uuid::Uuid;
use wayai_core::{CreateConnection, Health, HealthStatus, TestResult};

fn result(health: Health) -> Json<TestResult> {
    Json(TestResult {
        ok: health.status == HealthStatus::Ok,
        health,
    })
}

/// Tests a saved connection's credentials and records the outcome as its health.
pub async fn test(
    State(state): Shared,
    path: ConnectionPath,
) -> Result<Json<TestResult>, ApiError> {
    ensure_hub(&state, path.hub)?;
    Ok(result(retest(&state, path.hub, path.id).await?))
}

/// Tests a saved connection (with the credentials it sends now) and records its health.
pub async fn retest(state: &AppState, hub: Uuid, id: Uuid) -> Result<Health, ApiError> {
    let record = find(state, hub, id)?;
    let connector = records::connector_of(state, hub, &record)?;
    records::ensure_usable(&connector)?;
    if records::is_mcp(&connector) && record.unlent.is_empty() {
        let (record, _) = records::rediscover(state, hub, &record).await?;
        return Ok(record.connection.health);
    }
    let now = time::now();
    let health = match &record.tokens {
        _ if !record.unlent.is_empty() => org_binding::unavailable(&now),
        Some(tokens) if tokens.expires_at_unix <= time::now_unix() => {
            credentials::expired(&connector, &now)
        }
        _ => credentials::check(
            &connector,
            &record.connection.config,
            &record.connection.settings,
            &binding::secrets(&record).unwrap_or_default(),
            &now,
        ),
    };
    state.store.with(|tx| {
        let Some(mut record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::no_connection()));
        };
        record.connection.health = health.clone();
        tx.update(hub, &record)?;
        Ok(Ok(()))
    })??;
    Ok(health)
}

/// Tests credentials from a form before saving them; nothing is stored.
pub async fn test_unsaved(
    State(state): Shared,
    HubPath(hub): HubPath,
    ApiJson(request): ApiJson<CreateConnection>,
) -> Result<Json<TestResult>, ApiError> {
    ensure_hub(&state, hub)?;
    let mut record = draft(&state, hub, request)?;
    let connector = records::connector_of(&state, hub, &record)?;
    let now = time::now();
    if records::is_mcp(&connector) {
        let outcome = records::discover(&state, &record).await;
        records::apply_discovery(&mut record, outcome, &now);
        return Ok(result(record.connection.health));
    }
    Ok(result(credentials::check(
        &connector,
        &record.connection.config,
        &record.connection.settings,
        &binding::secrets(&record).unwrap_or_default(),
        &now,
    )))
}
