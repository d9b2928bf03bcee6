//! A production hub: its one configuration write (the credential of a connection that keeps its
//! own there), and the guard that refuses every other one, whatever the route.

use super::checks::retest;
use crate::{
    domain::{
        binding, config, org_binding,
        records::{self, ensure_hub, hints},
        release,
    },
    error::{field_said, ApiError},
    extract::{ApiJson, ConnectionPath},
    state::{AppState, Shared},
};
use axum::{
    extract::{MatchedPath, RawPathParams, Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use std::sync::Arc;
use wayai_core::said::{Code, Said};
use wayai_core::{AuthType, Connection, CreateConnection, ProductionCredential};

/// The writes a production hub takes: they read, or change nothing an admin configured (a
/// health check, an MCP server's tools, a sign-in's own tokens, a flow given up), or set
/// production's own credential. A route added later is refused until it is listed here.
const ALLOWED: [(&str, &str); 5] = [
    ("POST", "/hubs/{hub_id}/connections/{id}/test"),
    ("POST", "/hubs/{hub_id}/connections/{id}/sync"),
    (
        "PUT",
        "/hubs/{hub_id}/connections/{id}/production-credential",
    ),
    // A new connection's sign-in is refused by the flow itself; a reconnection is allowed.
    ("POST", "/hubs/{hub_id}/oauth/flows"),
    ("DELETE", "/hubs/{hub_id}/oauth/flows/{flow_id}"),
];

/// Refuses (403 `hub_read_only`) a write to a production hub that is not in [`ALLOWED`].
pub async fn read_only(
    State(state): State<Arc<AppState>>,
    matched: Option<MatchedPath>,
    params: RawPathParams,
    request: Request,
    next: Next,
) -> Response {
    let reads = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let hub = params
        .iter()
        .find(|(name, _)| *name == "hub_id")
        .and_then(|(_, id)| id.parse().ok());
    let (Some(hub), false) = (hub, reads) else {
        return next.run(request).await;
    };
    let route = matched.as_ref().map_or("", |m| m.as_str());
    let method = request.method().as_str();
    let allowed = ALLOWED
        .iter()
        .any(|(m, path)| *m == method && route.ends_with(path));
    match state.store.with(|tx| release::is_production(tx, hub)) {
        Ok(true) if !allowed => release::read_only().into_response(),
        Ok(_) => next.run(request).await,
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// `PUT …/connections/{id}/production-credential`: every secret field of the connection's type,
/// each a value or an organization credential (the hub may use); what was set before is
/// replaced. The connection is tested with it at once.
pub async fn set_credential(
    State(state): Shared,
    path: ConnectionPath,
    ApiJson(body): ApiJson<ProductionCredential>,
) -> Result<Json<Connection>, ApiError> {
    let ConnectionPath { hub, id } = path;
    ensure_hub(&state, hub)?;
    state.store.with(|tx| {
        if !release::is_production(tx, hub)? {
            return Ok(Err(conflict(Code::NotProduction)));
        }
        let Some(mut record) = tx.connection(hub, id)? else {
            return Ok(Err(ApiError::no_connection()));
        };
        if record.connection.sync_credentials_to_production {
            return Ok(Err(conflict(Code::CredentialSynced)));
        }
        let connector = match records::connector_of(&state, hub, &record) {
            Ok(connector) => connector,
            Err(e) => return Ok(Err(e)),
        };
        let auth = record.connection.authentication_type;
        if auth == AuthType::Oauth {
            // A sign-in's tokens come from signing in again (Reconnect), not from a form.
            return Ok(Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Said::new(Code::OauthRequired).with("connector", connector.name.as_str()),
            )));
        }
        let fields = connector.form_fields(auth);
        let mut errors = org_binding::check(tx, hub, auth, &fields, &body.bindings)?;
        // Only the secret fields take a value here; the rest is the preview's.
        let secret = |key: &str| fields.iter().any(|f| f.key == key && f.is_secret());
        for key in body.config.keys().filter(|k| !secret(k)) {
            errors.push(field_said(key, Said::new(Code::UnknownField)));
        }
        let mut values = record.connection.config.clone();
        values.extend(
            body.config
                .iter()
                .filter(|(k, _)| secret(k))
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        // The form's rules, once: required fields (a bound one filled), values, hints sent back.
        let checked = config::validate_new(
            &connector,
            CreateConnection {
                connector_id: connector.id,
                name: record.connection.name.clone(),
                authentication_type: Some(auth),
                config: values,
                bindings: body.bindings.clone(),
                settings: record.connection.settings.clone(),
                sync_credentials_to_production: None,
            },
            state.reach,
        );
        let stored = match checked {
            Ok(stored) if errors.is_empty() => stored,
            Ok(_) => return Ok(Err(ApiError::validation(errors))),
            Err(mut e) => {
                e.body.fields.append(&mut errors);
                return Ok(Err(e));
            }
        };
        record.connection.secrets = hints(&connector, &stored.secrets);
        record.secrets = stored.secrets;
        record.connection.bindings = body.bindings;
        record.connection.production_credential_set = Some(true);
        binding::rebind(&mut record);
        tx.update(hub, &record)?;
        Ok(Ok(()))
    })??;
    retest(&state, hub, id).await?;
    Ok(Json(records::find(&state, hub, id).map(records::shown)?))
}

fn conflict(code: Code) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, Said::new(code))
}
