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

/// An earlier create's stored answer, and whether its connection still exists.
pub struct Earlier {
    stored: StoredResponse,
    exists: bool,
}

/// The stored answer to an earlier create with this key.
pub fn earlier(tx: &Tx<'_>, hub: Uuid, key: &str) -> Result<Option<Earlier>, rusqlite::Error> {
    let Some(stored) = tx.idempotent_response(hub, key)? else {
        return Ok(None);
    };
    let exists = match created_id(&stored.body) {
        Some(id) => tx.connection(hub, id)?.is_some(),
        None => false,
    };
    Ok(Some(Earlier { stored, exists }))
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
    (
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::LOCATION, location(hub, connection.id)),
        ],
        body,
    )
        .into_response()
}

/// The answer to a retry: the first answer again (marked as a replay), or a 409 when the key was
/// used for another request or its connection is gone.
pub fn replay(hub: Uuid, earlier: Earlier, print: &str) -> Result<Response, ApiError> {
    let Earlier { stored, exists } = earlier;
    if stored.fingerprint != print {
        // As the IETF Idempotency-Key draft says: the key is fine, the request is not its own.
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::IdempotencyKeyReused),
        ));
    }
    if !exists {
        // Replaying would hand back the id of a connection that is gone.
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
    if let Some(place) =
        created_id(&stored.body).and_then(|id| HeaderValue::from_str(&location(hub, id)).ok())
    {
        response.headers_mut().insert(header::LOCATION, place);
    }
    Ok(response)
}
