//! Dev-only endpoints under `/dev`: the simulated OAuth provider and Meta's embedded signup, the
//! demo MCP servers, fault injection, and what support and tests do to a hub. None of this
//! exists in production. It sits on top of the hub: it uses the hub's parts, and nothing below
//! it uses it (`app.rs` composes the two; `scripts/layout.py` checks it).

pub mod consent;
pub mod faults;
pub mod mcp_servers;
pub mod meta;
pub mod oauth_server;
pub mod provider;
pub mod release;
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
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};
use uuid::Uuid;

/// What the simulations keep, beside the hub they stand around.
pub struct Dev {
    pub hub: Arc<AppState>,
    /// Scripted consent per hub (`PUT /dev/hubs/{hub}/oauth-consent`).
    pub consent: Mutex<HashMap<Uuid, consent::ConsentScript>>,
    /// The simulated providers' codes, exchanged by the hub (its `providers`).
    pub codes: Arc<tokens::Codes>,
    /// Meta's dialog: each signup in progress, by its flow's state.
    pub signups: Mutex<HashMap<String, meta::signup::Signup>>,
    pub faults: Arc<faults::Faults>,
    pub demo_tools: mcp_servers::DemoTools,
    /// The demo authorization server's clients, codes and tokens.
    pub demo_oauth: Arc<oauth_server::Registry>,
}

impl Dev {
    /// The simulations around `hub`, whose providers' token endpoint is `codes`.
    pub fn new(hub: Arc<AppState>, codes: Arc<tokens::Codes>) -> Dev {
        Dev {
            hub,
            consent: Default::default(),
            codes,
            signups: Default::default(),
            faults: Default::default(),
            demo_tools: Default::default(),
            demo_oauth: Default::default(),
        }
    }
}

/// The routes under `/dev`. The pages a browser opens (the consent page and its form) and the
/// demo MCP servers stand for third parties and are open; every control endpoint (what tests
/// and support use to change or inspect the hub) needs the hub's token.
pub fn routes(dev: Arc<Dev>) -> Router {
    let state = dev.hub.clone();
    let support = Router::new()
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
        .route("/dev/hubs/{hub_id}/publish", post(release::publish))
        .route("/dev/hubs/{hub_id}/sync", post(release::sync))
        .route(
            "/dev/hubs/{hub_id}/placement",
            put(support::set_placement).get(support::placement),
        )
        .route(
            "/dev/organizations/{org_id}/credentials/{id}/secret-check",
            post(support::credential_secret_check),
        )
        .route(
            "/dev/hubs/{hub_id}/catalog",
            put(support::set_hub_catalog).delete(support::reset_hub_catalog),
        )
        .with_state(state.clone());
    let control = Router::new()
        .route(
            "/dev/hubs/{hub_id}/oauth-consent",
            put(provider::script_consent).delete(provider::unscript_consent),
        )
        .with_state(dev.clone())
        .merge(support)
        .merge(
            Router::new()
                .route("/dev/faults", put(faults::set).delete(faults::clear))
                .with_state(dev.faults.clone()),
        )
        .merge(mcp_servers::control_routes(dev.demo_tools.clone()))
        .merge(oauth_server::control_routes(dev.demo_oauth.clone()))
        .route_layer(middleware::from_fn_with_state(
            state,
            crate::api::require_bearer,
        ));
    Router::new()
        .route("/dev/oauth/authorize", get(provider::authorize))
        .route("/dev/oauth/decide", post(provider::decide))
        .route("/dev/meta/signup", get(meta::show).post(meta::submit))
        .with_state(dev.clone())
        .merge(mcp_servers::routes(dev.demo_tools.clone()))
        .merge(oauth_server::routes(
            dev.demo_oauth.clone(),
            dev.demo_tools.clone(),
        ))
        .merge(control)
}

/// The hub's API with the faults tests inject in front of it.
pub fn with_faults(api: Router, dev: &Dev) -> Router {
    api.layer(middleware::from_fn_with_state(
        dev.faults.clone(),
        faults::inject,
    ))
}
