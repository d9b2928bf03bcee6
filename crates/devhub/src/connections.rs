//! Connections: list, get, create (idempotent), update, delete, test, and MCP tools and sync.

use crate::{
    catalog,
    credentials::{self, looks_like_hint},
    error::{problem_message, ApiError},
    mcp, parse_id, time, AppState,
};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use std::{collections::BTreeMap, sync::Arc};
use uuid::Uuid;
use wayai_core::{
    validate, AuthKind, Connection, ConnectionList, Connector, ConnectorStatus, ConnectorType,
    CreateConnection, FieldError, FieldKind, FieldValue, HealthStatus, McpFacts, SecretHint,
    SyncResult, TestResult, ToolList, UpdateConnection,
};

use crate::store::{Record, StoredResponse};

type Shared = State<Arc<AppState>>;

/// A submitted configuration split into public values and secrets (server-side only).
pub type SplitConfig = (BTreeMap<String, FieldValue>, BTreeMap<String, String>);

/// A validated create: its connector, trimmed name, public values and secrets.
type NewConnection = (
    Connector,
    String,
    BTreeMap<String, FieldValue>,
    BTreeMap<String, String>,
);

/// Longest accepted `Idempotency-Key`.
const IDEMPOTENCY_KEY_MAX: usize = 255;

/// Parses a JSON body; malformed JSON or unknown members are a 400 that says what is wrong.
pub fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        });
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as application/json.",
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid: {e}.")))
}

/// Records the hub the first time it is seen, with its auto-enabled Wayai connection.
pub fn ensure_hub(state: &AppState, hub_id: Uuid) -> Result<(), ApiError> {
    let now = time::now();
    state.store.with(|tx| {
        if tx.insert_hub(hub_id, &now)? {
            for connector in catalog::catalog()
                .connectors
                .iter()
                .filter(|c| c.status == ConnectorStatus::AutoEnabled)
            {
                let mut record = new_record(connector, connector.name.clone(), &now);
                record.connection.deletable = false;
                record.connection.health = credentials::health(HealthStatus::Ok, "Ready.", &now);
                tx.insert(hub_id, &record)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

pub fn new_record(connector: &Connector, name: String, now: &str) -> Record {
    Record {
        connection: Connection {
            id: Uuid::new_v4(),
            connector_id: connector.id,
            name,
            enabled: true,
            deletable: true,
            config: BTreeMap::new(),
            secrets: BTreeMap::new(),
            health: credentials::unchecked(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            oauth: None,
            mcp: None,
        },
        secrets: BTreeMap::new(),
        tools: Vec::new(),
        tokens: None,
    }
}

pub fn hub_id(raw: &str) -> Result<Uuid, ApiError> {
    parse_id(raw, "The hub id must be a UUID.")
}

/// The connector of a stored connection (a connector added at run time may be gone since).
fn connector_of(state: &AppState, hub: Uuid, record: &Record) -> Result<Connector, ApiError> {
    state
        .connector(hub, record.connection.connector_id)
        .ok_or_else(|| {
            ApiError::not_found("This connection's connector is no longer in the hub's catalog.")
        })
}

pub fn is_mcp(connector: &Connector) -> bool {
    connector.connector_type == ConnectorType::ToolMcp
}

fn find(state: &AppState, hub: Uuid, id: Uuid) -> Result<Record, ApiError> {
    state
        .store
        .with(|tx| tx.connection(hub, id))?
        .ok_or_else(|| ApiError::not_found("There is no such connection in this hub."))
}

pub async fn list(
    State(state): Shared,
    Path(hub): Path<String>,
) -> Result<Json<ConnectionList>, ApiError> {
    let hub = hub_id(&hub)?;
    ensure_hub(&state, hub)?;
    let records = state.store.with(|tx| tx.connections(hub))?;
    Ok(Json(ConnectionList {
        connections: records.into_iter().map(|r| r.connection).collect(),
    }))
}

pub async fn get(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<Connection>, ApiError> {
    let (hub, id) = (hub_id(&hub)?, connection_id(&id)?);
    ensure_hub(&state, hub)?;
    Ok(Json(find(&state, hub, id)?.connection))
}

pub fn connection_id(raw: &str) -> Result<Uuid, ApiError> {
    parse_id(raw, "The connection id must be a UUID.")
}

/// Splits a submitted configuration into public values and secrets, after validating it.
fn split_config(
    connector: &Connector,
    config: BTreeMap<String, FieldValue>,
) -> Result<SplitConfig, Vec<FieldError>> {
    let mut errors: Vec<FieldError> = validate::check_config(&connector.fields, &config)
        .iter()
        .map(|(field, problem)| FieldError {
            field: field.clone(),
            message: problem_message(problem),
        })
        .collect();
    let mut public = BTreeMap::new();
    let mut secrets = BTreeMap::new();
    for (key, value) in config {
        let Some(field) = connector.fields.iter().find(|f| f.key == key) else {
            continue;
        };
        if !validate::is_present(&value) {
            continue;
        }
        match (field.kind, value) {
            (FieldKind::Secret, FieldValue::Text(secret)) => {
                if looks_like_hint(&secret) {
                    errors.push(hint_sent_back(&key));
                }
                secrets.insert(key, secret);
            }
            (FieldKind::Url, FieldValue::Text(url)) => {
                public.insert(key, FieldValue::Text(url.trim().to_string()));
            }
            (_, value) => {
                public.insert(key, value);
            }
        }
    }
    if errors.is_empty() {
        Ok((public, secrets))
    } else {
        Err(errors)
    }
}

fn hint_sent_back(key: &str) -> FieldError {
    FieldError {
        field: key.to_string(),
        message: "This is the masked hint of the stored secret, not a secret. Leave the field untouched to keep the stored one.".into(),
    }
}

pub fn hints(secrets: &BTreeMap<String, String>) -> BTreeMap<String, SecretHint> {
    secrets
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                SecretHint {
                    hint: credentials::hint(v),
                },
            )
        })
        .collect()
}

/// 403 for a connector this hub may not use.
pub fn connector_disabled(connector: &Connector) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "connector_disabled",
        format!(
            "{} is not enabled for this hub. Contact support to enable it.",
            connector.name
        ),
    )
}

/// Checks a new connection's connector, name and configuration.
fn validate_new(
    state: &AppState,
    hub: Uuid,
    body: CreateConnection,
) -> Result<NewConnection, ApiError> {
    let connector = state
        .connector(hub, body.connector_id)
        .ok_or_else(|| ApiError::field("connector_id", "There is no connector with this id."))?;
    match connector.status {
        ConnectorStatus::Disabled => return Err(connector_disabled(&connector)),
        ConnectorStatus::AutoEnabled => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "already_exists",
                format!(
                    "The {} connection is created with the hub; there is only one.",
                    connector.name
                ),
            ))
        }
        ConnectorStatus::Enabled => {}
    }
    if connector.auth == AuthKind::Oauth {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "oauth_required",
            format!(
                "{} connects through its OAuth flow (POST …/oauth/flows).",
                connector.name
            ),
        ));
    }
    let name = body.name.trim().to_string();
    let (public, secrets) = validate_fields(&connector, body)?;
    Ok((connector, name, public, secrets))
}

/// Checks a new connection's name and configuration against its connector's form; splits the
/// configuration into public values and secrets.
pub fn validate_fields(
    connector: &Connector,
    body: CreateConnection,
) -> Result<SplitConfig, ApiError> {
    let mut errors = Vec::new();
    if let Err(p) = validate::check_name(&body.name) {
        errors.push(FieldError {
            field: "name".into(),
            message: problem_message(&p),
        });
    }
    match split_config(connector, body.config) {
        Ok(split) if errors.is_empty() => Ok(split),
        Ok(_) => Err(ApiError::validation(errors)),
        Err(mut e) => {
            errors.append(&mut e);
            Err(ApiError::validation(errors))
        }
    }
}

fn name_taken(records: &[Record], name: &str, except: Option<Uuid>) -> bool {
    records.iter().any(|r| {
        Some(r.connection.id) != except && r.connection.name.to_lowercase() == name.to_lowercase()
    })
}

fn name_taken_error() -> ApiError {
    ApiError::field(
        "name",
        "Another connection of this hub already has this name.",
    )
}

/// 64-bit FNV-1a: a stable fingerprint of a create request, to tell a retry from a reused key.
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

pub async fn create(
    State(state): Shared,
    Path(hub): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hub = hub_id(&hub)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency_key_required",
                "Creating a connection needs an Idempotency-Key header (a UUID per attempt).",
            )
        })?
        .to_string();
    if key.len() > IDEMPOTENCY_KEY_MAX {
        return Err(ApiError::bad_request("The Idempotency-Key is too long."));
    }
    let request: CreateConnection = json_body(&headers, &body)?;
    ensure_hub(&state, hub)?;
    let print = fingerprint(&serde_json::to_vec(&request).expect("request serializes"));

    // A retry of a finished create answers as the first did, before any other work.
    if let Some(stored) = state.store.with(|tx| stored_create(tx, hub, &key))? {
        return replay(stored, &print);
    }
    let (connector, name, public, secrets) = validate_new(&state, hub, request)?;

    let now = time::now();
    let mut record = new_record(&connector, name, &now);
    record.connection.config = public;
    record.connection.secrets = hints(&secrets);
    record.secrets = secrets;
    if is_mcp(&connector) {
        // Saving an MCP server discovers its tools; a failure keeps the connection and says why.
        let outcome = state.discover(&record).await;
        apply_discovery(&mut record, outcome, &time::now());
    }

    let outcome = state.store.with(|tx| {
        if let Some(stored) = stored_create(tx, hub, &key)? {
            return Ok(Err(stored));
        }
        if name_taken(&tx.connections(hub)?, &record.connection.name, None) {
            return Ok(Ok(None));
        }
        tx.insert(hub, &record)?;
        let body = serde_json::to_string(&record.connection).expect("connection serializes");
        tx.save_idempotent_response(
            hub,
            &key,
            &StoredResponse {
                fingerprint: print.clone(),
                status: 201,
                body: body.clone(),
            },
        )?;
        Ok(Ok(Some(body)))
    })?;
    match outcome {
        Err(stored) => replay(stored, &print),
        Ok(None) => Err(name_taken_error()),
        Ok(Some(body)) => Ok(created(&record.connection, body)),
    }
}

fn created(connection: &Connection, body: String) -> Response {
    (
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::LOCATION, connection.id.to_string()),
        ],
        body,
    )
        .into_response()
}

/// The stored answer to an earlier create with this key, and whether its connection still exists.
fn stored_create(
    tx: &crate::store::Tx<'_>,
    hub: Uuid,
    key: &str,
) -> Result<Option<(StoredResponse, bool)>, rusqlite::Error> {
    let Some(stored) = tx.idempotent_response(hub, key)? else {
        return Ok(None);
    };
    let id = serde_json::from_str::<Connection>(&stored.body)
        .map(|c| c.id)
        .ok();
    let exists = match id {
        Some(id) => tx.connection(hub, id)?.is_some(),
        None => false,
    };
    Ok(Some((stored, exists)))
}

fn replay((stored, exists): (StoredResponse, bool), print: &str) -> Result<Response, ApiError> {
    if stored.fingerprint == print && !exists {
        // Replaying would hand back the id of a connection that is gone.
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "idempotent_resource_deleted",
            "The connection created with this Idempotency-Key has since been deleted. Use a new key to create another.",
        ));
    }
    if stored.fingerprint != print {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request.",
        ));
    }
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED);
    Ok((
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::HeaderName::from_static("idempotent-replayed"),
                "true",
            ),
        ],
        stored.body,
    )
        .into_response())
}

/// Applies a discovery outcome to an MCP connection: its tools, facts and health.
pub fn apply_discovery(
    record: &mut Record,
    outcome: Result<Vec<wayai_core::McpTool>, mcp::McpFailure>,
    now: &str,
) {
    match outcome {
        Ok(tools) => {
            record.connection.mcp = Some(McpFacts {
                tool_count: tools.len() as u32,
                last_sync_at: Some(now.to_string()),
            });
            record.connection.health = credentials::health(
                HealthStatus::Ok,
                &format!("Connected; {} tools found.", tools.len()),
                now,
            );
            record.tools = tools;
        }
        Err(failure) => {
            record.connection.health = failure.health(now);
            if record.connection.mcp.is_none() {
                record.connection.mcp = Some(McpFacts {
                    tool_count: 0,
                    last_sync_at: None,
                });
            }
        }
    }
}

pub async fn update(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Connection>, ApiError> {
    let (hub, id) = (hub_id(&hub)?, connection_id(&id)?);
    let request: UpdateConnection = json_body(&headers, &body)?;
    ensure_hub(&state, hub)?;
    let now = time::now();
    let (record, rediscover) = state.store.with(|tx| {
        let Some(mut record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::not_found(
                "There is no such connection in this hub.",
            )));
        };
        let connector = match connector_of(&state, hub, &record) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let mut errors = Vec::new();
        if let Some(name) = &request.name {
            match validate::check_name(name) {
                Err(p) => errors.push(FieldError {
                    field: "name".into(),
                    message: problem_message(&p),
                }),
                Ok(()) if name_taken(&tx.connections(hub)?, name.trim(), Some(id)) => {
                    return Ok(Err(name_taken_error()));
                }
                Ok(()) => record.connection.name = name.trim().to_string(),
            }
        }
        if let Some(enabled) = request.enabled {
            record.connection.enabled = enabled;
        }
        let credentials_changed = !request.config.is_empty();
        for (key, value) in &request.config {
            let Some(field) = connector.fields.iter().find(|f| &f.key == key) else {
                errors.push(FieldError {
                    field: key.clone(),
                    message: problem_message(&validate::Problem::UnknownField),
                });
                continue;
            };
            match value {
                Some(value) if validate::is_present(value) => {
                    if let Err(p) = validate::check_value(field, value) {
                        errors.push(FieldError {
                            field: key.clone(),
                            message: problem_message(&p),
                        });
                        continue;
                    }
                    match (field.kind, value) {
                        (FieldKind::Secret, FieldValue::Text(secret))
                            if looks_like_hint(secret) =>
                        {
                            errors.push(hint_sent_back(key));
                        }
                        (FieldKind::Secret, FieldValue::Text(secret)) => {
                            record.secrets.insert(key.clone(), secret.clone());
                        }
                        (FieldKind::Url, FieldValue::Text(url)) => {
                            record
                                .connection
                                .config
                                .insert(key.clone(), FieldValue::Text(url.trim().to_string()));
                        }
                        (_, value) => {
                            record.connection.config.insert(key.clone(), value.clone());
                        }
                    }
                }
                // Null or empty: clear, unless the field is required.
                _ if field.required => errors.push(FieldError {
                    field: key.clone(),
                    message: problem_message(&validate::Problem::Required),
                }),
                _ => {
                    record.secrets.remove(key);
                    record.connection.config.remove(key);
                }
            }
        }
        if !errors.is_empty() {
            return Ok(Err(ApiError::validation(errors)));
        }
        record.connection.secrets = hints(&record.secrets);
        if credentials_changed {
            record.connection.health = credentials::unchecked();
        }
        record.connection.updated_at = now.clone();
        tx.update(hub, &record)?;
        Ok(Ok((record, credentials_changed && is_mcp(&connector))))
    })??;
    if !rediscover {
        return Ok(Json(record.connection));
    }
    let outcome = state.discover(&record).await;
    Ok(Json(save_discovery(&state, hub, id, outcome)?.connection))
}

/// Stores a discovery outcome on the connection as it is now (it may have changed meanwhile).
pub fn save_discovery(
    state: &AppState,
    hub: Uuid,
    id: Uuid,
    outcome: Result<Vec<wayai_core::McpTool>, mcp::McpFailure>,
) -> Result<Record, ApiError> {
    let now = time::now();
    state.store.with(|tx| {
        let Some(mut record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::not_found(
                "The connection was deleted meanwhile.",
            )));
        };
        apply_discovery(&mut record, outcome, &now);
        tx.update(hub, &record)?;
        Ok(Ok(record))
    })?
}

pub async fn delete(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (hub, id) = (hub_id(&hub)?, connection_id(&id)?);
    ensure_hub(&state, hub)?;
    state.store.with(|tx| {
        let Some(record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::not_found(
                "There is no such connection in this hub.",
            )));
        };
        if !record.connection.deletable {
            return Ok(Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_deletable",
                format!(
                    "The {} connection comes with the hub and cannot be deleted.",
                    record.connection.name
                ),
            )));
        }
        tx.delete(hub, id)?;
        Ok(Ok(StatusCode::NO_CONTENT))
    })?
}

/// Tests a saved connection's credentials and records the outcome as its health.
pub async fn test(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<TestResult>, ApiError> {
    let (hub, id) = (hub_id(&hub)?, connection_id(&id)?);
    ensure_hub(&state, hub)?;
    let record = find(&state, hub, id)?;
    let connector = connector_of(&state, hub, &record)?;
    let now = time::now();
    let record = if is_mcp(&connector) {
        save_discovery(&state, hub, id, state.discover(&record).await)?
    } else {
        let health = match &record.tokens {
            Some(tokens) if tokens.expires_at_unix <= time::now_unix() => credentials::health(
                HealthStatus::TokenExpired,
                "The provider's token expired. Reconnect to sign in again.",
                &now,
            ),
            _ => credentials::check(&connector, &record.connection.config, &record.secrets, &now),
        };
        state.store.with(|tx| {
            let Some(mut record) = tx.connection(hub, id)? else {
                return Ok(Err(ApiError::not_found(
                    "The connection was deleted meanwhile.",
                )));
            };
            record.connection.health = health.clone();
            tx.update(hub, &record)?;
            Ok(Ok(record))
        })??
    };
    let health = record.connection.health;
    Ok(Json(TestResult {
        ok: health.status == HealthStatus::Ok,
        health,
    }))
}

/// Tests credentials from a form before saving them; nothing is stored.
pub async fn test_unsaved(
    State(state): Shared,
    Path(hub): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<TestResult>, ApiError> {
    let hub = hub_id(&hub)?;
    let request: CreateConnection = json_body(&headers, &body)?;
    ensure_hub(&state, hub)?;
    let (connector, name, public, secrets) = validate_new(&state, hub, request)?;
    let now = time::now();
    let health = if is_mcp(&connector) {
        let mut record = new_record(&connector, name, &now);
        record.connection.config = public;
        record.secrets = secrets;
        let outcome = state.discover(&record).await;
        apply_discovery(&mut record, outcome, &now);
        record.connection.health
    } else {
        credentials::check(&connector, &public, &secrets, &now)
    };
    Ok(Json(TestResult {
        ok: health.status == HealthStatus::Ok,
        health,
    }))
}

/// `GET /dev/hubs/{hub}/connections/{id}/secret-digests`: a fingerprint of each stored secret,
/// so tests can tell that a secret is unchanged without the secret ever leaving the hub.
pub async fn secret_digests(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<BTreeMap<String, String>>, ApiError> {
    let (hub, id) = (hub_id(&hub)?, connection_id(&id)?);
    let record = find(&state, hub, id)?;
    Ok(Json(
        record
            .secrets
            .iter()
            .map(|(k, v)| (k.clone(), fingerprint(v.as_bytes())))
            .collect(),
    ))
}

/// The MCP connection a tools or sync request names: 409 for a connection of another kind.
fn mcp_record(state: &AppState, hub: &str, id: &str) -> Result<(Uuid, Uuid, Record), ApiError> {
    let (hub, id) = (hub_id(hub)?, connection_id(id)?);
    ensure_hub(state, hub)?;
    let record = find(state, hub, id)?;
    if is_mcp(&connector_of(state, hub, &record)?) {
        Ok((hub, id, record))
    } else {
        Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_an_mcp_connection",
            "Only MCP server connections have tools to list or sync.",
        ))
    }
}

pub async fn tools(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<ToolList>, ApiError> {
    let (_, _, record) = mcp_record(&state, &hub, &id)?;
    Ok(Json(ToolList {
        last_sync_at: record.connection.mcp.and_then(|m| m.last_sync_at),
        tools: record.tools,
    }))
}

/// Re-discovers an MCP server's tools and reports what changed since the last sync.
pub async fn sync(
    State(state): Shared,
    Path((hub, id)): Path<(String, String)>,
) -> Result<Json<SyncResult>, ApiError> {
    let (hub, id, before) = mcp_record(&state, &hub, &id)?;
    let outcome = state.discover(&before).await;
    let failure = outcome.as_ref().err().map(mcp::McpFailure::api_error);
    let after = save_discovery(&state, hub, id, outcome)?;
    if let Some(error) = failure {
        return Err(error);
    }
    let (added, removed, changed) = wayai_core::tool_diff(&before.tools, &after.tools);
    Ok(Json(SyncResult {
        synced_at: after
            .connection
            .mcp
            .and_then(|m| m.last_sync_at)
            .unwrap_or_else(time::now),
        tools: after.tools,
        added,
        removed,
        changed,
    }))
}
