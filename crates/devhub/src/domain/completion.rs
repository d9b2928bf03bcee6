//! Completing a granted OAuth flow: the new connection it makes, or the reconnected one it
//! renews, with the tokens the provider's token endpoint gave for the code.

use super::flows::FlowRecord;
use crate::{
    domain::{binding, credentials, providers::ProviderGrant, records},
    error::ApiError,
    state::AppState,
    store::{McpGrant, Record, Tokens, Tx},
    time,
};
use axum::http::StatusCode;
use uuid::Uuid;
use wayai_core::said::{Code, Said};
use wayai_core::{codes::Missing, AuthType, Connector, HealthStatus, OauthAccount};

/// What a sign-in gives the connection it completes.
struct Signed<'a> {
    tokens: &'a Tokens,
    whatsapp: Option<&'a wayai_core::signup::WhatsappAccount>,
    grant: Option<&'a McpGrant>,
    oauth: OauthAccount,
    health: wayai_core::Health,
    now: String,
}

impl Signed<'_> {
    fn apply(&self, record: &mut Record) {
        record.tokens = Some(self.tokens.clone());
        record.mcp_grant = self.grant.cloned();
        record.connection.oauth = Some(self.oauth.clone());
        record.connection.health = self.health.clone();
    }
}

/// Creates the connection (or renews a reconnected one) for a granted flow, with what the
/// provider's token endpoint gave for the code (and, for an MCP server's own authorization
/// server, what renewing its tokens takes).
pub async fn complete(
    state: &AppState,
    flow: &FlowRecord,
    given: ProviderGrant,
    grant: Option<McpGrant>,
) -> Result<Uuid, ApiError> {
    let ProviderGrant {
        account,
        tokens,
        whatsapp,
    } = given;
    let account = account.as_str();
    let connector = state
        .connector(flow.hub_id, flow.connector_id)
        .ok_or_else(|| ApiError::not_found(Missing::Connector))?;
    // Support may have disabled the connector while the person was at the provider.
    if connector.status.is_disabled() {
        return Err(records::connector_disabled(&connector));
    }
    let now_unix = time::now_unix();
    let now = time::rfc3339(now_unix);
    let health = if tokens.expires_at_unix <= now_unix {
        credentials::expired(&connector, &now)
    } else {
        let said = Said::new(Code::ConnectedAs).with("account", account);
        credentials::health(HealthStatus::Ok, said, &now)
    };
    let signed = Signed {
        tokens: &tokens,
        whatsapp: whatsapp.as_ref(),
        grant: grant.as_ref(),
        oauth: account_of(&connector, account, &tokens, grant.as_ref()),
        health,
        now,
    };
    let hub = flow.hub_id;
    let id = state.store.with(|tx| match flow.connection_id {
        Some(id) => reconnected(tx, flow, id, &signed),
        None => created(tx, flow, &connector, account, &signed),
    })?;
    let id = match id {
        Ok(id) => id,
        Err(refused) => {
            if let Some(grant) = &grant {
                // Tokens nobody will hold: ended at their authorization server (best effort).
                let _ = super::mcp_grant::revoke(&state.outbound, grant, &tokens).await;
            }
            return Err(refused);
        }
    };
    if records::is_mcp(&connector) {
        // MCP OAuth: discovery follows the grant, with the new access token.
        if let Some(record) = state.store.with(|tx| tx.connection(hub, id))? {
            // A failed discovery is recorded on the connection, which is connected all the same.
            let _ = records::rediscover(state, hub, &record).await?;
        }
    }
    Ok(id)
}

/// Renews the reconnected connection `id` with the sign-in.
fn reconnected(
    tx: &Tx<'_>,
    flow: &FlowRecord,
    id: Uuid,
    signed: &Signed<'_>,
) -> crate::store::DbResult<Result<Uuid, ApiError>> {
    let Some(mut record) = tx.connection(flow.hub_id, id)? else {
        return Ok(Err(ApiError::not_found(Missing::Connection)));
    };
    // A grant issued for the address the connection had when the sign-in started is not given
    // to a connection that has moved since.
    let moved = signed
        .grant
        .is_some_and(|g| !binding::points_at(&record, &g.resource));
    if moved {
        return Ok(Err(address_changed()));
    }
    signed.apply(&mut record);
    if let Some(whatsapp) = signed.whatsapp {
        record.connection.whatsapp = Some(whatsapp.clone());
    }
    record.connection.updated_at = signed.now.clone();
    // On production, a connection that keeps its own credential has it once signed in there.
    if record.connection.production_credential_set.is_some() {
        record.connection.production_credential_set = Some(true);
    }
    tx.update(flow.hub_id, &record)?;
    Ok(Ok(id))
}

/// Makes the new connection of a flow: the form's values (kept on the flow) and the sign-in.
fn created(
    tx: &Tx<'_>,
    flow: &FlowRecord,
    connector: &Connector,
    account: &str,
    signed: &Signed<'_>,
) -> crate::store::DbResult<Result<Uuid, ApiError>> {
    // A name the hub makes passes the rule a typed one does: what the provider's side chose
    // (a business name, an account) loses what a typed name may not have, and one that reads as
    // the hub's own gives way to the connector's name.
    let made = flow
        .name
        .clone()
        .unwrap_or_else(|| format!("{} ({account})", connector.name));
    let made = wayai_core::validate::clean_name(&made);
    let base = match super::config::name_problem(&made, false) {
        None => made,
        Some(_) => connector.name.clone(),
    };
    let name = free_name(&tx.connections(flow.hub_id)?, base);
    let mut record = records::new_record(connector, name, &signed.now);
    record.connection.authentication_type = AuthType::Oauth;
    record.connection.settings = flow.settings.clone();
    record.connection.sync_credentials_to_production = flow.sync_credentials;
    record.connection.config = flow.config.clone();
    record.secrets = flow.secrets.clone();
    record.connection.secrets = records::hints(connector, &record.secrets);
    binding::rebind(&mut record);
    signed.apply(&mut record);
    record.connection.whatsapp = signed.whatsapp.cloned();
    tx.insert(flow.hub_id, &record)?;
    Ok(Ok(record.connection.id))
}

/// A sign-in that finished after its connection moved to another address.
fn address_changed() -> ApiError {
    ApiError::new(StatusCode::CONFLICT, Said::new(Code::AddressChanged))
}

/// What a connection shows of its sign-in. An MCP server's token is renewed only when its
/// authorization server gave a refresh token (the simulated provider's never is); other
/// providers' as their connector says.
fn account_of(
    connector: &Connector,
    account: &str,
    tokens: &Tokens,
    grant: Option<&crate::store::McpGrant>,
) -> OauthAccount {
    let mcp = records::is_mcp(connector);
    OauthAccount {
        account: account.to_string(),
        expires_at: Some(time::rfc3339(tokens.expires_at_unix)),
        refreshable: mcp.then(|| grant.is_some() && !tokens.refresh_token.is_empty()),
        scopes: grant.map(|g| g.scopes.clone()).unwrap_or_default(),
    }
}

/// `base`, or `base 2`, `base 3`… when another connection of the hub has the name.
fn free_name(existing: &[Record], base: String) -> String {
    let taken = |name: &str| {
        existing
            .iter()
            .any(|r| r.connection.name.eq_ignore_ascii_case(name))
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}
