//! `/api/organizations/{org_id}/tags…`: an organization's tags (list, create idempotently, read,
//! change the display name or colour, delete while nothing carries it).

use crate::{
    domain::{
        idempotency,
        org::{self, no_tag},
    },
    error::ApiError,
    extract::{ApiJson, IdempotencyKey, OrgPath, TagPath},
    state::Shared,
    store::{DbResult, StoredResponse, Tx},
};
use axum::{extract::State, http::StatusCode, response::Response, Json};
use uuid::Uuid;
use wayai_core::{
    org::{CreateTag, Tag, TagList, UpdateTag},
    said::{Code, Said},
};

pub async fn list(State(state): Shared, OrgPath(org): OrgPath) -> Result<Json<TagList>, ApiError> {
    let tags = state.store.with(|tx| tx.tags(org))?;
    Ok(Json(TagList { tags }))
}

pub async fn get(State(state): Shared, path: TagPath) -> Result<Json<Tag>, ApiError> {
    let tag = state.store.with(|tx| tx.tag(path.org, &path.slug))?;
    Ok(Json(tag.ok_or_else(no_tag)?))
}

fn location(org: Uuid, slug: &str) -> String {
    format!("/api/organizations/{org}/tags/{slug}")
}

fn earlier(tx: &Tx<'_>, org: Uuid, key: &str) -> DbResult<Option<idempotency::Earlier>> {
    idempotency::earlier_by(tx, org, key, |body| {
        match serde_json::from_str::<Tag>(body) {
            Ok(t) => Ok((
                tx.tag(org, &t.slug)?.is_some(),
                Some(location(org, &t.slug)),
            )),
            Err(_) => Ok((false, None)),
        }
    })
}

/// `POST …/tags` with an `Idempotency-Key`: 201 with the tag; 409 when the slug is taken.
pub async fn create(
    State(state): Shared,
    OrgPath(org): OrgPath,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(request): ApiJson<CreateTag>,
) -> Result<Response, ApiError> {
    let print = state
        .store
        .fingerprint(&serde_json::to_vec(&request).expect("request serializes"));
    let tag = Tag {
        slug: request.slug,
        display_name: request.display_name,
        color: request.color,
    };
    let outcome = state.store.with(|tx| {
        if let Some(earlier) = earlier(tx, org, &key)? {
            return Ok(Err(idempotency::replay(earlier, &print)));
        }
        let fields = org::check_tag(&tag);
        if !fields.is_empty() {
            return Ok(Err(Err(ApiError::validation(fields))));
        }
        if tx.tag(org, &tag.slug)?.is_some() {
            let said = Said::new(Code::TagTaken);
            return Ok(Err(Err(ApiError::new(StatusCode::CONFLICT, said))));
        }
        tx.save_tag(org, &tag)?;
        let body = serde_json::to_string(&tag).expect("tag serializes");
        let answer = StoredResponse {
            fingerprint: print.clone(),
            status: 201,
            body: body.clone(),
        };
        tx.save_idempotent_response(org, &key, &answer)?;
        Ok(Ok(body))
    })?;
    match outcome {
        Ok(body) => Ok(idempotency::created_at(location(org, &tag.slug), body)),
        Err(answer) => answer,
    }
}

/// `PATCH …/tags/{slug}`: its display name or colour (`null` clears one). The slug stays.
pub async fn update(
    State(state): Shared,
    path: TagPath,
    ApiJson(request): ApiJson<UpdateTag>,
) -> Result<Json<Tag>, ApiError> {
    let outcome = state.store.with(|tx| {
        let Some(mut tag) = tx.tag(path.org, &path.slug)? else {
            return Ok(Err(no_tag()));
        };
        if let Some(name) = request.display_name {
            tag.display_name = name;
        }
        if let Some(color) = request.color {
            tag.color = color;
        }
        let fields = org::check_tag(&tag);
        if !fields.is_empty() {
            return Ok(Err(ApiError::validation(fields)));
        }
        tx.save_tag(path.org, &tag)?;
        Ok(Ok(tag))
    })?;
    outcome.map(Json)
}

/// `DELETE …/tags/{slug}`: 204; 409 naming how many credentials and hubs carry it.
pub async fn delete(State(state): Shared, path: TagPath) -> Result<StatusCode, ApiError> {
    let TagPath { org, slug } = path;
    state.store.with(|tx| {
        if tx.tag(org, &slug)?.is_none() {
            return Ok(Err(no_tag()));
        }
        let credentials = tx
            .credentials(org)?
            .iter()
            .filter(|k| k.credential.tags.contains(&slug))
            .count();
        let hubs = tx.hubs_tagged(org, &slug)?;
        if credentials + hubs > 0 {
            let said = Said::new(Code::TagInUse)
                .with("tag", slug.as_str())
                .with("credentials", credentials)
                .with("hubs", hubs);
            return Ok(Err(ApiError::new(StatusCode::CONFLICT, said)));
        }
        tx.delete_tag(org, &slug)?;
        Ok(Ok(StatusCode::NO_CONTENT))
    })?
}
