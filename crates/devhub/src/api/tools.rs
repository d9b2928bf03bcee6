//! An MCP connection's tools: the list, and a sync that discovers them again and reports what
//! changed.

use crate::{
    domain::records::{self, ensure_hub, find},
    error::ApiError,
    extract::ConnectionPath,
    state::{AppState, Shared},
    store::Record,
    time,
};
use axum::{extract::State, http::StatusCode, Json};
use wayai_core::said::{Code, Said};
use wayai_core::{Connector, SyncResult, ToolList};

/// The MCP connection a tools or sync request names: 409 for a connection of another kind.
fn mcp_record(state: &AppState, path: &ConnectionPath) -> Result<(Record, Connector), ApiError> {
    ensure_hub(state, path.hub)?;
    let record = find(state, path.hub, path.id)?;
    let connector = records::connector_of(state, path.hub, &record)?;
    if records::is_mcp(&connector) {
        Ok((record, connector))
    } else {
        Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(Code::NotAnMcpConnection),
        ))
    }
}

pub async fn tools(State(state): Shared, path: ConnectionPath) -> Result<Json<ToolList>, ApiError> {
    let (record, _) = mcp_record(&state, &path)?;
    Ok(Json(ToolList {
        last_sync_at: record.connection.mcp.and_then(|m| m.last_sync_at),
        tools: record.tools,
    }))
}

/// Re-discovers an MCP server's tools and reports what changed since the last sync. A failure is
/// recorded on the connection (its health) and answered as a 424 with its code.
pub async fn sync(
    State(state): Shared,
    path: ConnectionPath,
) -> Result<Json<SyncResult>, ApiError> {
    let (before, connector) = mcp_record(&state, &path)?;
    records::ensure_usable(&connector)?;
    let (after, outcome) = records::rediscover(&state, path.hub, &before).await?;
    outcome.map_err(|failure| failure.api_error())?;
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
