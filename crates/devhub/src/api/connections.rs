//! `…/connections` and `…/connections/{id}`: list, read, create (idempotent), change, delete.

use crate::{
    domain::{
        config::{self, Stored},
        idempotency, org_binding,
        records::{
            self, connector_disabled, ensure_hub, find, hints, name_taken, name_taken_error,
            new_record,
        },
        release,
    },
    error::ApiError,
    extract::{ApiJson, ConnectionPath, HubPath, IdempotencyKey},
    state::{AppState, Shared},
    store::{Record, StoredResponse},
    time,
};
use axum::{extract::State, http::StatusCode, response::Response, Json};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::{
    AuthType, Connection, ConnectionList, Connector, ConnectorStatus, CreateConnection,
    UpdateConnection,
};

pub async fn list(
    State(state): Shared,
    HubPath(hub): HubPath,
) -> Result<Json<ConnectionList>, ApiError> {
    ensure_hub(&state, hub)?;
    let (records, hub) = state.store.with(|tx| {
        let mut records = tx.connections(hub)?;
        for record in records
            .iter_mut()
            .filter(|r| !r.connection.bindings.is_empty())
        {
            org_binding::lend(tx, hub, record)?;
        }
        Ok((records, release::facts(tx, hub)?))
    })?;
    Ok(Json(ConnectionList {
        connections: records.into_iter().map(records::shown).collect(),
        hub,
    }))
}

pub async fn get(State(state): Shared, path: ConnectionPath) -> Result<Json<Connection>, ApiError> {
    ensure_hub(&state, path.hub)?;
    Ok(Json(records::shown(find(&state, path.hub, path.id)?)))
}

/// A new connection's connector, checked: it exists, it is enabled, and it takes a form (for
/// the authentication type `auth`, absent: its first); with the type it is for.
pub fn creatable(
    state: &AppState,
    hub: Uuid,
    connector_id: Uuid,
    auth: Option<AuthType>,
) -> Result<(Connector, AuthType), ApiError> {
    let connector = state
        .connector(hub, connector_id)
        .ok_or_else(|| ApiError::field("connector_id", Said::new(Code::NoSuchConnector)))?;
    match connector.status {
        ConnectorStatus::Disabled | ConnectorStatus::Other => {
            return Err(connector_disabled(&connector))
        }
        ConnectorStatus::AutoEnabled => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                Said::new(Code::AlreadyExists).with("connector", connector.name.as_str()),
            ))
        }
        ConnectorStatus::Enabled => {}
    }
    let auth = config::auth_type(&connector, auth)?;
    if auth == AuthType::Oauth {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::OauthRequired).with("connector", connector.name.as_str()),
        ));
    }
    Ok((connector, auth))
}

/// A record for a new connection from a create request (validated), not yet stored.
pub fn draft(state: &AppState, hub: Uuid, request: CreateConnection) -> Result<Record, ApiError> {
    let (connector, auth) = creatable(
        state,
        hub,
        request.connector_id,
        request.authentication_type,
    )?;
    let name = request.name.trim().to_string();
    let bindings = request.bindings.clone();
    let sync = request.sync_credentials_to_production.unwrap_or(true);
    let fields = connector.form_fields(auth);
    let mut errors = state
        .store
        .with(|tx| org_binding::check(tx, hub, auth, &fields, &bindings))?;
    let Stored {
        public,
        secrets,
        settings,
    } = match config::validate_new(&connector, request, state.reach) {
        Ok(stored) if errors.is_empty() => stored,
        Ok(_) => return Err(ApiError::validation(errors)),
        Err(mut e) => {
            e.body.fields.append(&mut errors);
            return Err(e);
        }
    };
    let mut record = new_record(&connector, name, &time::now());
    record.connection.bindings = bindings;
    record.connection.sync_credentials_to_production = sync;
    state
        .store
        .with(|tx| org_binding::lend(tx, hub, &mut record))?;
    record.connection.authentication_type = auth;
    record.connection.settings = settings;
    record.connection.config = public;
    record.connection.secrets = hints(&connector, &secrets);
    record.secrets = secrets;
    crate::domain::binding::rebind(&mut record);
    Ok(record)
}

pub async fn create(
    State(state): Shared,
    HubPath(hub): HubPath,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(request): ApiJson<CreateConnection>,
) -> Result<Response, ApiError> {
    ensure_hub(&state, hub)?;
    let print = state
        .store
        .fingerprint(&serde_json::to_vec(&request).expect("request serializes"));
    // A retry of a finished create answers as the first did, before any other work.
    if let Some(earlier) = state.store.with(|tx| idempotency::earlier(tx, hub, &key))? {
        return idempotency::replay(earlier, &print);
    }
    let mut record = draft(&state, hub, request)?;
    let connector = records::connector_of(&state, hub, &record)?;
    if records::is_mcp(&connector) {
        // Saving an MCP server discovers its tools; a failure keeps the connection and says why.
        let outcome = records::discover(&state, &record).await;
        records::apply_discovery(&mut record, outcome, &time::now());
    }
    let outcome = state.store.with(|tx| {
        if let Some(earlier) = idempotency::earlier(tx, hub, &key)? {
            return Ok(Err(earlier));
        }
        let names = tx.connection_names(hub)?;
        let names = names.iter().map(|(id, name)| (*id, name.as_str()));
        if name_taken(names, &record.connection.name, None) {
            return Ok(Ok(None));
        }
        tx.insert(hub, &record)?;
        let body = serde_json::to_string(&record.connection).expect("connection serializes");
        let answer = StoredResponse {
            fingerprint: print.clone(),
            status: 201,
            body: body.clone(),
        };
        tx.save_idempotent_response(hub, &key, &answer)?;
        Ok(Ok(Some(body)))
    })?;
    match outcome {
        Err(earlier) => idempotency::replay(earlier, &print),
        Ok(None) => Err(name_taken_error()),
        Ok(Some(body)) => Ok(idempotency::created(hub, &record.connection, body)),
    }
}

pub async fn update(
    State(state): Shared,
    path: ConnectionPath,
    ApiJson(request): ApiJson<UpdateConnection>,
) -> Result<Json<Connection>, ApiError> {
    let ConnectionPath { hub, id } = path;
    ensure_hub(&state, hub)?;
    let now = time::now();
    let (record, connector) = state.store.with(|tx| {
        let Some(record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::no_connection()));
        };
        let connector = match records::connector_of(&state, hub, &record) {
            Ok(connector) => connector,
            Err(e) => return Ok(Err(e)),
        };
        let others = tx.connections(hub)?;
        let auth = request
            .authentication_type
            .unwrap_or(record.connection.authentication_type);
        let asked: BTreeMap<String, Uuid> = request
            .bindings
            .iter()
            .filter_map(|(k, v)| v.map(|id| (k.clone(), id)))
            .collect();
        let fields = connector.form_fields(auth);
        let errors = org_binding::check(tx, hub, auth, &fields, &asked)?;
        let change = Change {
            request: &request,
            others: &others,
            now: &now,
            reach: state.reach,
            errors,
        };
        match changed(&connector, record, change) {
            Ok(record) => {
                tx.update(hub, &record)?;
                Ok(Ok((record, connector)))
            }
            Err(e) => Ok(Err(e)),
        }
    })??;
    // Grants of an address the connection left are revoked now (else on delete).
    let record = crate::domain::mcp_grant::revoke_retired(&state, hub, record).await?;
    // New credentials of an MCP server: its tools are discovered with them.
    if request.config.is_empty() || !records::is_mcp(&connector) {
        return Ok(Json(record.connection));
    }
    let (record, _) = records::rediscover(&state, hub, &record).await?;
    Ok(Json(record.connection))
}

/// A change to apply, with what the hub already found wrong with its bindings.
struct Change<'a> {
    request: &'a UpdateConnection,
    others: &'a [Record],
    now: &'a str,
    reach: config::Reach,
    errors: Vec<wayai_core::FieldError>,
}

/// A connection with a change applied: name, enabled, configuration, bindings (every finding
/// reported).
fn changed(
    connector: &Connector,
    mut record: Record,
    change: Change<'_>,
) -> Result<Record, ApiError> {
    let Change {
        request,
        others,
        now,
        reach,
        mut errors,
    } = change;
    let only_disables = request.name.is_none()
        && request.config.is_empty()
        && request.settings.is_empty()
        && request.authentication_type.is_none()
        && request.bindings.is_empty()
        && request.enabled != Some(true);
    if !only_disables {
        records::ensure_usable(connector)?;
    }
    if let Some(name) = &request.name {
        errors.extend(records::renamed(&mut record, name, others)?);
    }
    if let Some(enabled) = request.enabled {
        record.connection.enabled = enabled;
    }
    if let Some(sync) = request.sync_credentials_to_production {
        record.connection.sync_credentials_to_production = sync;
    }
    let (switched, auth) = auth_change(connector, &record, request)?;
    let mut stored = Stored {
        public: std::mem::take(&mut record.connection.config),
        secrets: std::mem::take(&mut record.secrets),
        settings: std::mem::take(&mut record.connection.settings),
    };
    let moved = config::moves_secrets(connector, &stored, request);
    let switching = (auth, switched.is_some());
    errors.extend(config::apply_update(
        connector,
        switching,
        &mut stored,
        request,
        reach,
    ));
    match org_binding::rebound(connector, auth, &stored, &record, request, moved) {
        Ok(bindings) => org_binding::bind(&mut record, &mut stored.secrets, bindings),
        Err(mut found) => errors.append(&mut found),
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if switched.is_some() {
        // The sign-in's tokens belonged to the type it leaves.
        record.tokens = None;
        record.connection.oauth = None;
        record.connection.health = crate::domain::credentials::unchecked();
    }
    record.connection.authentication_type = auth;
    record.connection.settings = stored.settings;
    record.connection.config = stored.public;
    record.secrets = stored.secrets;
    record.connection.secrets = hints(connector, &record.secrets);
    if !request.config.is_empty() {
        record.connection.health = crate::domain::credentials::unchecked();
    }
    rebound_to_address(&mut record, moved, now);
    record.connection.updated_at = now.to_string();
    Ok(record)
}

/// After a change: a grant issued for the old address is taken off, to be revoked; the secrets
/// are now bound to the new one (the change had to enter them again).
fn rebound_to_address(record: &mut Record, moved: bool, now: &str) {
    let retired = record.retired.len();
    crate::domain::binding::rebind(record);
    let signed_out = record.retired.len() > retired;
    if moved && (record.tokens.take().is_some() || signed_out) {
        // A sign-in's tokens were granted for the old address: the new one needs its own.
        record.connection.health = crate::domain::credentials::health(
            wayai_core::HealthStatus::AuthFailed,
            Said::new(Code::AddressMoved),
            now,
        );
        if let Some(account) = record.connection.oauth.as_mut() {
            account.expires_at = None;
        }
    }
}

/// The authentication type a change moves to, if any (never OAuth: tokens come from a
/// sign-in), and the type the connection will use.
fn auth_change(
    connector: &Connector,
    record: &Record,
    request: &UpdateConnection,
) -> Result<(Option<AuthType>, AuthType), ApiError> {
    let current = record.connection.authentication_type;
    match request.authentication_type.filter(|a| *a != current) {
        None => Ok((None, current)),
        Some(AuthType::Oauth) => Err(ApiError::field(
            "authentication_type",
            Said::new(Code::OauthSwitch),
        )),
        Some(asked) => Ok((Some(asked), config::auth_type(connector, Some(asked))?)),
    }
}

/// Deletes a connection. An MCP server's grant is revoked first where its authorization server
/// supports it (RFC 7009); when that fails nothing is deleted (424 `revocation_failed`), so the
/// person can try again or delete it anyway with `revoke=false`.
pub async fn delete(
    State(state): Shared,
    path: ConnectionPath,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<StatusCode, ApiError> {
    let ConnectionPath { hub, id } = path;
    ensure_hub(&state, hub)?;
    let revoke = revoke_asked(query.as_deref())?;
    let record = records::find(&state, hub, id)?;
    if !record.connection.deletable {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            Said::new(Code::NotDeletable).with("connection", record.connection.name.as_str()),
        ));
    }
    // The grant, and any its connection was given for an address it has left.
    let current = record.mcp_grant.as_ref().zip(record.tokens.as_ref());
    let retired = record.retired.iter().map(|r| (&r.grant, &r.tokens));
    let grants = current.into_iter().chain(retired);
    for (grant, tokens) in grants.filter(|_| revoke) {
        if let Err(why) = crate::domain::mcp_grant::revoke(&state.outbound, grant, tokens).await {
            return Err(ApiError::new(
                StatusCode::FAILED_DEPENDENCY,
                Said::new(Code::RevocationFailed).with("detail", why),
            ));
        }
    }
    state.store.with(|tx| tx.delete(hub, id))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The `revoke` query parameter of a delete: `true` (the default) or `false`.
fn revoke_asked(query: Option<&str>) -> Result<bool, ApiError> {
    let value = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "revoke")
        .map(|(_, v)| v.into_owned());
    match value.as_deref() {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            Said::new(Code::BadQuery).with("name", "revoke"),
        )),
    }
}
