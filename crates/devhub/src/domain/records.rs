//! Connections as the hub keeps them: new records, the hub's first visit, names, secret hints,
//! and the outcome of an MCP discovery.

use crate::{
    domain::credentials, error::ApiError, mcp_client::McpFailure, state::AppState, store::Record,
    time,
};
use axum::http::StatusCode;
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::{
    codes::Missing, Connection, Connector, ConnectorStatus, FieldKind, Header, HealthStatus,
    McpFacts, McpTool, SecretHint,
};

/// Records the hub the first time it is seen, with its auto-enabled Wayai connection.
pub fn ensure_hub(state: &AppState, hub_id: Uuid) -> Result<(), ApiError> {
    let now = time::now();
    state.store.with(|tx| {
        if tx.insert_hub(hub_id, &now)? {
            for connector in state
                .served_to(hub_id)
                .catalog
                .connectors
                .iter()
                .filter(|c| c.status == ConnectorStatus::AutoEnabled)
            {
                let mut record = new_record(connector, connector.name.clone(), &now);
                record.connection.deletable = false;
                record.connection.health =
                    credentials::health(HealthStatus::Ok, Said::new(Code::Ready), &now);
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
            authentication_type: connector.default_auth(),
            enabled: true,
            deletable: true,
            config: BTreeMap::new(),
            secrets: BTreeMap::new(),
            bindings: Default::default(),
            settings: BTreeMap::new(),
            health: credentials::unchecked(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            oauth: None,
            mcp: None,
            whatsapp: None,
            sync_credentials_to_production: true,
            production_credential_set: None,
        },
        secrets: BTreeMap::new(),
        tools: Vec::new(),
        tokens: None,
        mcp_grant: None,
        secrets_for: None,
        retired: Vec::new(),
        preview_connection: None,
        lent: BTreeMap::new(),
        unlent: Vec::new(),
    }
}

/// A connection of this hub.
/// Its bound fields are lent their credentials' secrets (see `org_binding::lend`).
pub fn find(state: &AppState, hub: Uuid, id: Uuid) -> Result<Record, ApiError> {
    state
        .store
        .with(|tx| {
            let mut record = tx.connection(hub, id)?;
            if let Some(record) = record.as_mut() {
                super::org_binding::lend(tx, hub, record)?;
            }
            Ok(record)
        })?
        .ok_or_else(ApiError::no_connection)
}

/// The connection as the API shows it: a binding the hub cannot follow is its health.
pub fn shown(record: Record) -> wayai_core::Connection {
    let mut connection = record.connection;
    if !record.unlent.is_empty() {
        connection.health = super::org_binding::unavailable(&time::now());
    }
    connection
}

/// The connector of a stored connection (a connector added at run time may be gone since).
pub fn connector_of(state: &AppState, hub: Uuid, record: &Record) -> Result<Connector, ApiError> {
    state
        .connector(hub, record.connection.connector_id)
        .ok_or_else(|| ApiError::not_found(Missing::Connector))
}

/// Whether its server's MCP tools are discovered and synced: the catalog says so.
pub fn is_mcp(connector: &Connector) -> bool {
    connector.capabilities().mcp_tools
}

/// The hints a connection shows of its secrets. A headers field whose values are secrets (kept
/// as the rows' JSON, see `config`) shows each name with its value's hint.
pub fn hints(
    connector: &Connector,
    secrets: &BTreeMap<String, String>,
) -> BTreeMap<String, SecretHint> {
    secrets
        .iter()
        .map(|(k, v)| {
            let rows = connector
                .all_fields()
                .iter()
                .any(|f| &f.key == k && f.kind == FieldKind::Headers)
                .then(|| serde_json::from_str::<Vec<Header>>(v).ok())
                .flatten();
            let hint = match rows {
                Some(rows) => rows
                    .iter()
                    .map(|h| format!("{}: {}", h.name, credentials::hint(&h.value)))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => credentials::hint(v),
            };
            (k.clone(), SecretHint { hint })
        })
        .collect()
}

/// Whether a connection other than `except`, among `(id, name)`s, has this name (letter case
/// aside).
pub fn name_taken<'a>(
    names: impl IntoIterator<Item = (Uuid, &'a str)>,
    name: &str,
    except: Option<Uuid>,
) -> bool {
    let name = name.to_lowercase();
    names
        .into_iter()
        .any(|(id, taken)| Some(id) != except && taken.to_lowercase() == name)
}

pub fn name_taken_error() -> ApiError {
    ApiError::field("name", Said::new(Code::NameTaken))
}

/// Renames the connection: a problem with the name, or 422 for a name another connection has.
/// The hub's own connection (not deletable) keeps the name it was given.
pub fn renamed(
    record: &mut Record,
    name: &str,
    others: &[Record],
) -> Result<Option<wayai_core::FieldError>, ApiError> {
    match super::config::name_problem(name, !record.connection.deletable) {
        Some(problem) => Ok(Some(problem)),
        None if name_taken(
            others
                .iter()
                .map(|r| (r.connection.id, r.connection.name.as_str())),
            name.trim(),
            Some(record.connection.id),
        ) =>
        {
            Err(name_taken_error())
        }
        None => {
            record.connection.name = name.trim().to_string();
            Ok(None)
        }
    }
}

/// 403 for a connector this hub may not use.
pub fn connector_disabled(connector: &Connector) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        Said::new(Code::ConnectorDisabled).with("connector", connector.name.as_str()),
    )
}

/// A connection of a connector this hub may no longer use is read-only: it can be read,
/// disabled and deleted, not changed, tested or synced.
pub fn ensure_usable(connector: &Connector) -> Result<(), ApiError> {
    if connector.status.is_disabled() {
        return Err(connector_disabled(connector));
    }
    Ok(())
}

/// Applies a discovery outcome to an MCP connection: its tools, facts and health.
pub fn apply_discovery(record: &mut Record, outcome: Result<Vec<McpTool>, McpFailure>, now: &str) {
    match outcome {
        Ok(tools) => {
            record.connection.mcp = Some(McpFacts {
                tool_count: tools.len() as u32,
                last_sync_at: Some(now.to_string()),
            });
            let said = Said::new(Code::ToolsFound).with("count", tools.len());
            record.connection.health = credentials::health(HealthStatus::Ok, said, now);
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

/// Connects to the connection's MCP server and lists its tools, within the discovery timeout.
pub async fn discover(state: &AppState, record: &Record) -> Result<Vec<McpTool>, McpFailure> {
    let target = crate::mcp_client::target(record);
    crate::mcp_client::discover(&state.outbound, &target, state.mcp_timeout).await
}

/// Discovers again and stores the outcome on the connection as it is now (it may have changed
/// meanwhile).
pub async fn rediscover(
    state: &AppState,
    hub: Uuid,
    record: &Record,
) -> Result<(Record, Result<(), McpFailure>), ApiError> {
    use super::mcp_grant::{fresh, missing_scopes};
    // An OAuth-protected server's tokens are renewed before they run out; when that is refused,
    // the health already says why and the server is not asked.
    let mut record = match fresh(state, hub, record, false).await? {
        Ok(fresh) => fresh,
        Err(refused) => return Ok((refused, Err(McpFailure::Unauthorized))),
    };
    if record.connection.authentication_type == wayai_core::AuthType::Oauth
        && super::binding::tokens(&record).is_none()
    {
        // Signed in for no address it points at now (it moved): the health already asks for a
        // Reconnect, and the server is not asked anything.
        return Ok((record, Err(McpFailure::Unauthorized)));
    }
    let mut outcome = discover(state, &record).await;
    let mut step_up = None;
    if let (Err(McpFailure::Unauthorized), Some(grant), Some(tokens)) =
        (&outcome, &record.mcp_grant, &record.tokens)
    {
        // Refused with a live token: the server may ask for more permission (a step-up); else
        // the token was revoked or replaced elsewhere, and is renewed once and asked again.
        step_up = missing_scopes(&state.outbound, grant, &tokens.access_token).await;
        if step_up.is_none() {
            match fresh(state, hub, &record, true).await? {
                Ok(renewed) => record = renewed,
                Err(refused) => return Ok((refused, Err(McpFailure::Unauthorized))),
            }
            outcome = discover(state, &record).await;
        }
    }
    let record = &record;
    let failure = outcome.as_ref().err().cloned();
    let now = time::now();
    let id = record.connection.id;
    let saved = state.store.with(|tx| {
        let Some(mut record) = tx.connection(hub, id)? else {
            return Ok(None);
        };
        apply_discovery(&mut record, outcome, &now);
        if let (Some(missing), Some(grant)) = (&step_up, &mut record.mcp_grant) {
            grant.needed_scopes.clone_from(missing);
            let said = Said::new(Code::MoreScopes).with("scopes", missing.join(", "));
            record.connection.health =
                credentials::health(wayai_core::HealthStatus::AuthFailed, said, &now);
        }
        tx.update(hub, &record)?;
        Ok(Some(record))
    })?;
    let saved = saved.ok_or_else(ApiError::no_connection)?;
    Ok((saved, failure.map_or(Ok(()), Err)))
}
