//! Publishing a preview and syncing it (in the real product, the hub's Publish and Sync; here
//! control endpoints for tests and demos). Both are idempotent and kept in SQLite; what they
//! copy, and what they keep apart, is `domain::release`'s.

use crate::{
    domain::{records::ensure_hub, release},
    error::ApiError,
    extract::HubPath,
    state::Shared,
    time,
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use uuid::Uuid;
use wayai_core::org::Environment;
use wayai_core::said::{Code, Said};

/// What a publish or a sync answers.
#[derive(Serialize)]
pub struct Released {
    preview_hub_id: Uuid,
    production_hub_id: Uuid,
    #[serde(flatten)]
    applied: release::Applied,
}

/// `POST /dev/hubs/{preview}/publish`: the preview's production hub, made the first time (201)
/// in the preview's organization with its tags, then synced. Again, it is a sync (200).
pub async fn publish(
    State(state): Shared,
    HubPath(preview): HubPath,
) -> Result<Response, ApiError> {
    ensure_hub(&state, preview)?;
    let (production, made) = state.store.with(|tx| {
        let placement = tx.placement(preview, crate::DEMO_ORG_ID)?;
        if placement.environment == Environment::Production {
            return Ok(Err(ApiError::new(
                StatusCode::CONFLICT,
                Said::new(Code::HubReadOnly),
            )));
        }
        if let Some(production) = tx.production_of(preview)? {
            return Ok(Ok((production, false)));
        }
        let production = Uuid::new_v4();
        tx.record_release(preview, production)?;
        let placement = wayai_core::org::HubPlacement {
            environment: Environment::Production,
            ..placement
        };
        tx.place(production, &placement)?;
        Ok(Ok((production, true)))
    })??;
    ensure_hub(&state, production)?;
    let released = apply(&state, preview, production)?;
    let status = if made {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(released)).into_response())
}

/// `POST /dev/hubs/{preview}/sync`: the preview's connection changes applied to its production
/// hub (409 `not_published` before a publish).
pub async fn sync(
    State(state): Shared,
    HubPath(preview): HubPath,
) -> Result<Json<Released>, ApiError> {
    ensure_hub(&state, preview)?;
    let production = state.store.with(|tx| tx.production_of(preview))?;
    let production = production
        .ok_or_else(|| ApiError::new(StatusCode::CONFLICT, Said::new(Code::NotPublished)))?;
    Ok(Json(apply(&state, preview, production)?))
}

fn apply(
    state: &crate::state::AppState,
    preview: Uuid,
    production: Uuid,
) -> Result<Released, ApiError> {
    let now = time::now();
    let connector = |id| state.connector(preview, id);
    let applied = state
        .store
        .with(|tx| release::apply(tx, preview, production, &connector, &now))?;
    Ok(Released {
        preview_hub_id: preview,
        production_hub_id: production,
        applied,
    })
}
