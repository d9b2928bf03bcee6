//! Dev-only endpoints under `/dev`: the simulated OAuth provider and Meta's embedded signup, the demo MCP servers, fault
//! injection, and what support and tests do to a hub. None of this exists in production.

pub mod consent;
pub mod faults;
pub mod mcp_servers;
pub mod meta;
pub mod oauth_server;
pub mod provider;
pub mod support;
pub mod tokens;

pub use mcp_servers::DEMO_MCP_TOKEN;
pub use tokens::EXPIRED_ACCOUNT;

use crate::state::AppState;
use axum::{
    middleware,
    routing::{get, post, put},
    Router,
};
use std::sync::Arc;

/// The routes under `/dev`. The pages a browser opens (the consent page and its form) and the
/// demo MCP servers stand for third parties and are open; every control endpoint (what tests
/// and support use to change or inspect the hub) needs the hub's token.
pub fn routes(state: Arc<AppState>) -> Router {
    let control = Router::new()
        .route(
            "/dev/hubs/{hub_id}/connections/{id}/secret-check",
            post(support::secret_check),
        )
        .route(
            "/dev/hubs/{hub_id}/connectors/{connector_id}/availability",
            put(support::set_availability).delete(support::reset_availability),
        )
        .route(
            "/dev/hubs/{hub_id}/catalog-extra",
            put(support::set_extra_connectors),
        )
        .route(
            "/dev/hubs/{hub_id}/catalog",
            put(support::set_hub_catalog).delete(support::reset_hub_catalog),
        )
        .route(
            "/dev/hubs/{hub_id}/oauth-consent",
            put(provider::script_consent).delete(provider::unscript_consent),
        )
        .with_state(state.clone())
        .merge(
            Router::new()
                .route("/dev/faults", put(faults::set).delete(faults::clear))
                .with_state(state.faults.clone()),
        )
        .merge(mcp_servers::control_routes(state.demo_tools.clone()))
        .merge(oauth_server::control_routes(state.demo_oauth.clone()))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::api::require_bearer,
        ));
    Router::new()
        .route("/dev/oauth/authorize", get(provider::authorize))
        .route("/dev/oauth/decide", post(provider::decide))
        .route("/dev/meta/signup", get(meta::show).post(meta::submit))
        .with_state(state.clone())
        .merge(mcp_servers::routes(state.demo_tools.clone()))
        .merge(oauth_server::routes(
            state.demo_oauth.clone(),
            state.demo_tools.clone(),
        ))
        .merge(control)
}
