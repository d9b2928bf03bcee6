//! `GET …/connectors`: the hub's catalog.

use crate::{error::ApiError, extract::HubPath, state::AppState};
use axum::{extract::State, Json};
use std::sync::Arc;
use wayai_core::Catalog;

pub async fn list(
    State(state): State<Arc<AppState>>,
    HubPath(hub): HubPath,
) -> Result<Json<Catalog>, ApiError> {
    Ok(Json(state.catalog(hub)))
}
