//! `/api/organizations/{org_id}/credentials…`: an organization's credentials (list, create
//! idempotently, read, rename or re-tag, rotate the secret, delete), and `/api/hubs/{hub_id}/
//! credentials…`: the ones a hub may use, by the visibility rule (any other is a 404, even by id).

use crate::{
    domain::{
        idempotency,
        org::{self, no_credential},
        org_binding,
        records::ensure_hub,
    },
    error::ApiError,
    extract::{ApiJson, CredentialPath, HubPath, IdempotencyKey, OrgPath},
    state::Shared,
    store::{DbResult, KeptCredential, StoredResponse, Tx},
    time, DEMO_ORG_ID,
};
use axum::{extract::State, http::StatusCode, response::Response, Json};
use uuid::Uuid;
use wayai_core::{
    org::{
        CreateCredential, CredentialList, CredentialType, CredentialUsage, CredentialUser,
        OrgCredential, RotateCredential, UpdateCredential,
    },
    said::{Code, Said},
};

/// The credential as the API shows it: hints, and how many connections use it.
fn shown(tx: &Tx<'_>, kept: KeptCredential) -> DbResult<OrgCredential> {
    let mut credential = kept.credential;
    credential.used_by = tx.bound_to(credential.id)?.len() as u32;
    Ok(credential)
}

fn list_of(tx: &Tx<'_>, kept: Vec<KeptCredential>) -> DbResult<CredentialList> {
    let credentials = kept.into_iter().map(|k| shown(tx, k));
    Ok(CredentialList {
        credentials: credentials.collect::<DbResult<_>>()?,
    })
}

pub async fn list(
    State(state): Shared,
    OrgPath(org): OrgPath,
) -> Result<Json<CredentialList>, ApiError> {
    let list = state.store.with(|tx| list_of(tx, tx.credentials(org)?))?;
    Ok(Json(list))
}

pub async fn get(
    State(state): Shared,
    path: CredentialPath,
) -> Result<Json<OrgCredential>, ApiError> {
    let shown = state.store.with(|tx| {
        tx.credential(path.org, path.id)?
            .map(|k| shown(tx, k))
            .transpose()
    })?;
    Ok(Json(shown.ok_or_else(no_credential)?))
}

/// `GET …/credentials/{id}/usage`: the connections that use it, in every hub.
pub async fn usage(
    State(state): Shared,
    path: CredentialPath,
) -> Result<Json<CredentialUsage>, ApiError> {
    let users = state.store.with(|tx| {
        if tx.credential(path.org, path.id)?.is_none() {
            return Ok(None);
        }
        org_binding::users(tx, path.id).map(Some)
    })?;
    let users = users.ok_or_else(no_credential)?;
    Ok(Json(CredentialUsage {
        connections: users
            .into_iter()
            .map(|(hub_id, connection_id, name)| CredentialUser {
                hub_id,
                connection_id,
                name,
            })
            .collect(),
    }))
}

fn location(org: Uuid, id: Uuid) -> String {
    format!("/api/organizations/{org}/credentials/{id}")
}

/// An earlier create with this key in `org`, and whether its credential is still there.
fn earlier(tx: &Tx<'_>, org: Uuid, key: &str) -> DbResult<Option<idempotency::Earlier>> {
    idempotency::earlier_by(tx, org, key, |body| {
        match serde_json::from_str::<OrgCredential>(body) {
            Ok(c) => Ok((
                tx.credential(org, c.id)?.is_some(),
                Some(location(org, c.id)),
            )),
            Err(_) => Ok((false, None)),
        }
    })
}

fn name_taken() -> ApiError {
    ApiError::field("name", Said::new(Code::CredentialNameTaken))
}

/// `POST …/credentials` with an `Idempotency-Key`: 201 with the credential (hints only).
pub async fn create(
    State(state): Shared,
    OrgPath(org): OrgPath,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(request): ApiJson<CreateCredential>,
) -> Result<Response, ApiError> {
    let print = state
        .store
        .fingerprint(&serde_json::to_vec(&request).expect("request serializes"));
    let now = time::now();
    let outcome = state.store.with(|tx| {
        if let Some(earlier) = earlier(tx, org, &key)? {
            return Ok(Err(idempotency::replay(earlier, &print)));
        }
        let mut fields = org::check_about(
            tx,
            org,
            Some(&request.name),
            Some(&request.description),
            Some(&request.tags),
            request.environment,
        )?;
        fields.extend(org::check_values(
            request.credential_type,
            &request.values,
            false,
        ));
        if !fields.is_empty() {
            return Ok(Err(Err(ApiError::validation(fields))));
        }
        if tx.credential_name_taken(org, &request.name, None)? {
            return Ok(Err(Err(name_taken())));
        }
        let kept = org::new_credential(request.clone(), &now);
        tx.save_credential(org, &kept)?;
        let body = serde_json::to_string(&kept.credential).expect("credential serializes");
        let answer = StoredResponse {
            fingerprint: print.clone(),
            status: 201,
            body: body.clone(),
        };
        tx.save_idempotent_response(org, &key, &answer)?;
        Ok(Ok((kept.credential.id, body)))
    })?;
    match outcome {
        Ok((id, body)) => Ok(idempotency::created_at(location(org, id), body)),
        Err(answer) => answer,
    }
}

/// `PATCH …/credentials/{id}`: its name, description, tags or environment.
pub async fn update(
    State(state): Shared,
    path: CredentialPath,
    ApiJson(request): ApiJson<UpdateCredential>,
) -> Result<Json<OrgCredential>, ApiError> {
    let CredentialPath { org, id } = path;
    let now = time::now();
    let outcome = state.store.with(|tx| {
        let Some(mut kept) = tx.credential(org, id)? else {
            return Ok(Err(no_credential()));
        };
        let fields = org::check_about(
            tx,
            org,
            request.name.as_deref(),
            request.description.as_deref(),
            request.tags.as_deref(),
            request.environment,
        )?;
        if !fields.is_empty() {
            return Ok(Err(ApiError::validation(fields)));
        }
        if let Some(name) = &request.name {
            if tx.credential_name_taken(org, name, Some(id))? {
                return Ok(Err(name_taken()));
            }
        }
        let c = &mut kept.credential;
        if let Some(name) = request.name {
            c.name = name.trim().to_string();
        }
        if let Some(description) = request.description {
            c.description = description;
        }
        if let Some(tags) = request.tags {
            c.tags = org::dedup(tags);
        }
        if let Some(environment) = request.environment {
            c.environment = environment;
        }
        c.updated_at = now.clone();
        tx.save_credential(org, &kept)?;
        Ok(Ok(shown(tx, kept)?))
    })?;
    outcome.map(Json)
}

/// `POST …/credentials/{id}/rotate`: its secret, new. The answer has the new hints.
pub async fn rotate(
    State(state): Shared,
    path: CredentialPath,
    ApiJson(request): ApiJson<RotateCredential>,
) -> Result<Json<OrgCredential>, ApiError> {
    let CredentialPath { org, id } = path;
    let now = time::now();
    let outcome = state.store.with(|tx| {
        let Some(mut kept) = tx.credential(org, id)? else {
            return Ok(Err(no_credential()));
        };
        let kind = kept.credential.credential_type;
        let fields = org::check_values(kind, &request.values, true);
        if !fields.is_empty() {
            return Ok(Err(ApiError::validation(fields)));
        }
        org::set_values(&mut kept, request.values, &now);
        tx.save_credential(org, &kept)?;
        Ok(Ok((shown(tx, kept)?, org_binding::users(tx, id)?)))
    })?;
    let (credential, users) = outcome?;
    // Every connection that uses it, in every hub, is tested with the new secret: its health
    // says at once whether the rotation worked for it. One that cannot be tested (its connector
    // left a catalog) keeps the health it had.
    for (hub, connection, _) in users {
        let _ = super::checks::retest(&state, hub, connection).await;
    }
    Ok(Json(credential))
}

/// `DELETE …/credentials/{id}`: 204; 409 `credential_in_use` while connections use it
/// (`…/usage` lists them).
pub async fn delete(State(state): Shared, path: CredentialPath) -> Result<StatusCode, ApiError> {
    state.store.with(|tx| {
        if tx.credential(path.org, path.id)?.is_none() {
            return Ok(Err(no_credential()));
        }
        let users = tx.bound_to(path.id)?.len();
        if users > 0 {
            let said = Said::new(Code::CredentialInUse).with("count", users);
            return Ok(Err(ApiError::new(StatusCode::CONFLICT, said)));
        }
        tx.delete_credential(path.org, path.id)?;
        Ok(Ok(StatusCode::NO_CONTENT))
    })?
}

/// The credentials the hub may use, and the organization they are its: every other credential
/// does not exist for it.
fn usable(tx: &Tx<'_>, hub: Uuid) -> DbResult<Vec<KeptCredential>> {
    let placement = tx.placement(hub, DEMO_ORG_ID)?;
    let all = tx.credentials(placement.organization_id)?;
    Ok(all
        .into_iter()
        .filter(|k| org::usable_by(&k.credential, &placement))
        .collect())
}

/// `GET /api/hubs/{hub_id}/credentials[?credential_type=…]`: what this hub may bind.
pub async fn hub_list(
    State(state): Shared,
    HubPath(hub): HubPath,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Json<CredentialList>, ApiError> {
    ensure_hub(&state, hub)?;
    let kind = type_asked(query.as_deref())?;
    let list = state.store.with(|tx| {
        let mut kept = usable(tx, hub)?;
        kept.retain(|k| kind.is_none_or(|t| k.credential.credential_type == t));
        list_of(tx, kept)
    })?;
    Ok(Json(list))
}

/// `GET /api/hubs/{hub_id}/credentials/{id}`: one this hub may use; a 404 for any other.
pub async fn hub_get(
    State(state): Shared,
    path: CredentialPath,
) -> Result<Json<OrgCredential>, ApiError> {
    ensure_hub(&state, path.org)?;
    // `path.org` is the hub here (the route's first id).
    let found = state.store.with(|tx| {
        let kept = org_binding::credential(tx, path.org, path.id)?;
        kept.map(|k| shown(tx, k)).transpose()
    })?;
    found.map(Json).ok_or_else(no_credential)
}

/// The `credential_type` query parameter: absent, or one of the types.
fn type_asked(query: Option<&str>) -> Result<Option<CredentialType>, ApiError> {
    let value = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "credential_type")
        .map(|(_, v)| v.into_owned());
    let Some(value) = value else {
        return Ok(None);
    };
    CredentialType::ALL
        .into_iter()
        .find(|t| t.as_str() == value)
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                Said::new(Code::BadQuery).with("name", "credential_type"),
            )
        })
}
