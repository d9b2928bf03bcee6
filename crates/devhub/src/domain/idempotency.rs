//! Idempotent creates: the first answer to a key is stored with the request's fingerprint, and a
//! retry with the same key and body gets that answer again.

use crate::{
    error::ApiError,
    store::{StoredResponse, Tx},
};
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::Connection;

/// An earlier create's stored answer, whether what it made still exists, and where it lives.
pub struct Earlier {
    stored: StoredResponse,
    exists: bool,
    location: Option<String>,
}

/// The stored answer to an earlier create of a connection with this key.
pub fn earlier(tx: &Tx<'_>, hub: Uuid, key: &str) -> Result<Option<Earlier>, rusqlite::Error> {
    earlier_by(tx, hub, key, |body| match created_id(body) {
        Some(id) => Ok((tx.connection(hub, id)?.is_some(), Some(location(hub, id)))),
        None => Ok((false, None)),
    })
}

/// The stored answer to an earlier create with this key in `scope` (a hub, an organization);
/// `made` says from the stored body whether what it made still exists, and where it lives.
pub fn earlier_by(
    tx: &Tx<'_>,
    scope: Uuid,
    key: &str,
    made: impl FnOnce(&str) -> Result<(bool, Option<String>), rusqlite::Error>,
) -> Result<Option<Earlier>, rusqlite::Error> {
    let Some(stored) = tx.idempotent_response(scope, key)? else {
        return Ok(None);
    };
    let (exists, location) = made(&stored.body)?;
    Ok(Some(Earlier {
        stored,
        exists,
        location,
    }))
}

fn created_id(body: &str) -> Option<Uuid> {
    serde_json::from_str::<Connection>(body).map(|c| c.id).ok()
}

/// The path of a connection, as a create's `Location` names it.
pub fn location(hub: Uuid, id: Uuid) -> String {
    format!("/api/hubs/{hub}/connections/{id}")
}

/// A create's answer: 201 with the connection and where it lives.
pub fn created(hub: Uuid, connection: &Connection, body: String) -> Response {
    created_at(location(hub, connection.id), body)
}

/// A create's answer: 201 with what it made and where that lives.
pub fn created_at(location: String, body: String) -> Response {
    (
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::LOCATION, location),
        ],
        body,
    )
        .into_response()
}

/// The answer to a retry: the first answer again (marked as a replay), or a 409 when the key was
/// used for another request or its connection is gone.
pub fn replay(earlier: Earlier, print: &str) -> Result<Response, ApiError> {
    let Earlier {
        stored,
        exists,
        location,
    } = earlier;
    if stored.fingerprint != print {
        // As the IETF Idempotency-Key draft says: the key is fine, the request is not its own.
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::IdempotencyKeyReused),
        ));
    }
    if !exists {
        // Replaying would hand back the id of something that is gone.
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(Code::IdempotentResourceDeleted),
        ));
    }
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED);
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::HeaderName::from_static("idempotent-replayed"),
                "true",
            ),
        ],
        stored.body.clone(),
    )
        .into_response();
    if let Some(place) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, place);
    }
    Ok(response)
}
