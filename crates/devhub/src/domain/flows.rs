//! OAuth flows as the hub keeps them: starting one (for a new connection or to reconnect one),
//! its status and deadline (completing one is `completion`).

use crate::{
    domain::{config, records},
    error::ApiError,
    state::AppState,
    time,
};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::{
    codes::Missing, AuthType, Connector, FieldValue, FlowStatus, OauthFlowStatus, StartOauthFlow,
};

/// How long a started flow may take.
const FLOW_SECONDS: i64 = 600;

/// Everything the hub keeps about a flow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlowRecord {
    pub id: Uuid,
    pub hub_id: Uuid,
    pub state: String,
    pub connector_id: Uuid,
    /// Set for Reconnect: the connection whose tokens the flow renews.
    pub connection_id: Option<Uuid>,
    pub name: Option<String>,
    pub config: BTreeMap<String, FieldValue>,
    pub secrets: BTreeMap<String, String>,
    #[serde(default)]
    pub settings: BTreeMap<String, FieldValue>,
    /// A new connection's sync flag (see `domain::release`).
    #[serde(default = "yes")]
    pub sync_credentials: bool,
    pub opener_origin: String,
    pub expires_unix: i64,
    pub status: FlowStatus,
    pub result_connection: Option<Uuid>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// The parameters of an error the hub found itself (`error` is its code).
    #[serde(default)]
    pub error_params: wayai_core::said::Params,
    /// Full-page mode: the page URL the callback redirects back to.
    #[serde(default)]
    pub return_to: Option<String>,
    /// Set by a scripted consent that severs the opener: the callback page then cannot reach it.
    #[serde(default)]
    pub opener_severed: bool,
    /// WhatsApp's embedded signup: the step it last reported reaching (Meta's dialog tells its
    /// opener as the person moves), so one that ends unfinished says where.
    #[serde(default)]
    pub signup_step: Option<wayai_core::signup::SignupStep>,
    /// An OAuth-protected MCP server's sign-in: what its callback needs (see `mcp_auth`).
    #[serde(default)]
    pub mcp_auth: Option<super::mcp_auth::McpAuthStart>,
    /// When it ended (it is deleted a retention later).
    #[serde(default)]
    pub ended_unix: Option<i64>,
}

impl FlowRecord {
    pub fn status(&self) -> OauthFlowStatus {
        OauthFlowStatus {
            id: self.id,
            state: self.state.clone(),
            status: self.status,
            connection_id: self.result_connection,
            error: self.error.clone(),
            error_description: self.error_description.clone(),
            error_params: self.error_params.clone(),
            // A signup that ended without finishing says where.
            stopped_at: self.signup_step.filter(|_| {
                matches!(
                    self.status,
                    FlowStatus::Cancelled | FlowStatus::Failed | FlowStatus::Expired
                )
            }),
        }
    }

    /// Saves the flow; once it has ended, without what only a pending flow needs (the form's
    /// secrets, the client secret and the PKCE verifier of an MCP sign-in).
    pub fn save(&self, tx: &crate::store::Tx<'_>) -> crate::store::DbResult<()> {
        if self.status == FlowStatus::Pending {
            return tx.save_flow(self.id, &self.state, self);
        }
        let mut ended = self.clone();
        ended.ended_unix.get_or_insert_with(time::now_unix);
        ended.secrets.clear();
        ended.mcp_auth = None;
        tx.save_flow(self.id, &self.state, &ended)
    }

    /// A pending flow past its deadline is expired.
    pub fn expire_if_due(&mut self) -> bool {
        if self.status == FlowStatus::Pending && time::now_unix() >= self.expires_unix {
            self.status = FlowStatus::Expired;
            self.error = Some("expired".into());
            self.error_description = Some("The sign-in took too long.".into());
            return true;
        }
        false
    }
}

/// Checks a start request and makes its flow (the caller saves it once its `state` is final).
pub fn begin(
    state: &AppState,
    hub: Uuid,
    request: StartOauthFlow,
) -> Result<(FlowRecord, Connector), ApiError> {
    if !is_origin(&request.opener_origin) || !state.origins.serves_page(&request.opener_origin) {
        return Err(ApiError::field(
            "opener_origin",
            Said::new(Code::OpenerNotServed),
        ));
    }
    let (connector, connection_id) = target(state, hub, &request)?;
    if connector.auth(AuthType::Oauth).is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::new(Code::NotOauth).with("connector", connector.name.as_str()),
        ));
    }
    if connector.status.is_disabled() {
        return Err(records::connector_disabled(&connector));
    }
    if let Some(back) = &request.return_to {
        check_return_to(back, &request.opener_origin)?;
    }
    let stored = match connection_id {
        // A new connection: the form's values (MCP OAuth's URL and client) are validated now.
        None => config::validate_new(
            &connector,
            wayai_core::CreateConnection {
                authentication_type: Some(AuthType::Oauth),
                settings: request.settings.clone(),
                connector_id: connector.id,
                name: request
                    .name
                    .clone()
                    .unwrap_or_else(|| connector.name.clone()),
                config: request.config,
                bindings: Default::default(),
                sync_credentials_to_production: None,
            },
            state.reach,
        )?,
        Some(_) => config::Stored::default(),
    };
    let flow = FlowRecord {
        id: Uuid::new_v4(),
        hub_id: hub,
        state: Uuid::new_v4().simple().to_string(),
        connector_id: connector.id,
        connection_id,
        name: request
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        config: stored.public,
        secrets: stored.secrets,
        settings: stored.settings,
        sync_credentials: request.sync_credentials_to_production.unwrap_or(true),
        opener_origin: request.opener_origin,
        expires_unix: time::now_unix() + FLOW_SECONDS,
        status: FlowStatus::Pending,
        result_connection: None,
        error: None,
        error_description: None,
        error_params: Default::default(),
        return_to: request.return_to,
        opener_severed: false,
        signup_step: None,
        mcp_auth: None,
        ended_unix: None,
    };
    Ok((flow, connector))
}

/// The connector a flow signs in for: a new connection's, or the reconnected connection's.
fn target(
    state: &AppState,
    hub: Uuid,
    request: &StartOauthFlow,
) -> Result<(Connector, Option<Uuid>), ApiError> {
    match (request.connector_id, request.connection_id) {
        // A production hub's new connections come from its preview (signing in again to one it
        // has is its own grant).
        (Some(_), None)
            if state
                .store
                .with(|tx| super::release::is_production(tx, hub))? =>
        {
            Err(super::release::read_only())
        }
        (Some(id), None) => Ok((
            state
                .connector(hub, id)
                .ok_or_else(|| ApiError::field("connector_id", Said::new(Code::NoSuchConnector)))?,
            None,
        )),
        (None, Some(id)) => {
            let record = records::find(state, hub, id)?;
            Ok((records::connector_of(state, hub, &record)?, Some(id)))
        }
        _ => Err(ApiError::field(
            "connector_id",
            Said::new(Code::ConnectorOrConnection),
        )),
    }
}

/// A full-page flow comes back only to a page on the opener's own origin.
fn check_return_to(back: &str, opener_origin: &str) -> Result<(), ApiError> {
    let same_origin = back
        .strip_prefix(opener_origin)
        .is_some_and(|path| path.starts_with('/'));
    if !same_origin
        || back.len() > 2048
        || back.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ApiError::field(
            "return_to",
            Said::new(Code::ReturnToNotAllowed),
        ));
    }
    Ok(())
}

/// A flow of this hub, expired if due and then changed by `change`, saved.
pub fn update(
    state: &AppState,
    hub: Uuid,
    id: Uuid,
    change: impl FnOnce(&mut FlowRecord),
) -> Result<FlowRecord, ApiError> {
    let flow = state.store.with(|tx| {
        let Some(mut flow) = tx.flow::<FlowRecord>(id)? else {
            return Ok(None);
        };
        if flow.hub_id != hub {
            return Ok(None);
        }
        flow.expire_if_due();
        change(&mut flow);
        flow.save(tx)?;
        Ok(Some(flow))
    })?;
    flow.ok_or_else(|| ApiError::not_found(Missing::OauthFlow))
}

/// `http(s)://host[:port]` and nothing more.
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' '])
        && wayai_core::validate::check_url(origin).is_ok()
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("http://127.0.0.1:8080"));
        assert!(is_origin("https://app.example.com"));
        assert!(!is_origin("https://app.example.com/"));
        assert!(!is_origin("http://app.example.com"));
        assert!(!is_origin("*"));
        assert!(!is_origin("https://a.com@b.com"));
    }
}
