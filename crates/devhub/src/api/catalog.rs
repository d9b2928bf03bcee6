//! `GET …/connectors`: the hub's catalog, its text in the language `Accept-Language` asks for
//! (`Content-Language` says which was served).

use crate::{domain::catalog_text::localized, error::ApiError, extract::HubPath, state::AppState};
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue},
    response::IntoResponse,
    Json,
};
use std::sync::Arc;
use wayai_core::Lang;

pub async fn list(
    State(state): State<Arc<AppState>>,
    HubPath(hub): HubPath,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::from_accept_language);
    let text = state.served_to(hub).text.clone();
    let mut catalog = localized(state.catalog(hub), lang, text.as_ref());
    if let Some(logos) = &state.logos {
        logos.attach(&mut catalog, state.base_url());
    }
    Ok((
        [
            (
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            ),
            (header::VARY, HeaderValue::from_static("Accept-Language")),
        ],
        Json(catalog),
    ))
}
