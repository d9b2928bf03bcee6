//! The dev hub: a local stand-in of the WayAI hub REST API.
//!
//! A real HTTP server (axum) so that the page runs end to end on one machine with no internet and
//! its tests exercise real HTTP. Optionally it also serves the page's built files, so that a
//! release build can be tried at one origin.

mod catalog;
mod connections;
mod credentials;
mod error;
mod faults;
pub mod mcp;
pub mod oauth;
mod store;
mod time;

use axum::{
    extract::{Path, Request, State},
    http::{header, HeaderValue, Method},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Json, Router,
};
use std::{path::PathBuf, sync::Arc, time::Duration};
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    services::{ServeDir, ServeFile},
};
use uuid::Uuid;
use wayai_core::Catalog;

pub use error::ApiError;

/// Where the dev hub listens when given no `--addr`.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";
/// The documented development bearer token (`Authorization: Bearer dev-token`).
pub const DEV_TOKEN: &str = "dev-token";
/// The demo organization and hub that the README's URL opens.
pub const DEMO_ORG_ID: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000a001);
pub const DEMO_HUB_ID: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000b001);
/// The API contract, served at `/api/openapi.yaml`.
pub const OPENAPI: &str = include_str!("../openapi.yaml");

/// The page's URL for the demo hub, relative to wherever the page is served.
pub fn demo_page_path() -> String {
    format!("/settings/organizations/{DEMO_ORG_ID}/hubs/{DEMO_HUB_ID}/connections")
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The bearer token every `/api` request must carry.
    pub token: String,
    /// A built page (Trunk's `dist/`) to serve at `/`, with the SPA fallback to `index.html`.
    pub static_dir: Option<PathBuf>,
    /// The SQLite database file; in memory when absent.
    pub data: Option<PathBuf>,
    /// How long MCP discovery may take.
    pub mcp_timeout: Duration,
    /// The hub's own base URL for OAuth redirects; taken from each request's Host when absent.
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            token: DEV_TOKEN.to_string(),
            static_dir: None,
            data: None,
            mcp_timeout: Duration::from_secs(10),
            public_url: None,
        }
    }
}

pub struct AppState {
    token: HeaderValue,
    /// Connectors added to a hub's catalog at run time (`PUT /dev/hubs/{hub}/catalog-extra`),
    /// to show that the page renders any schema it is given.
    extra_connectors: std::sync::Mutex<std::collections::HashMap<Uuid, Vec<wayai_core::Connector>>>,
    /// Scripted consent per hub (`PUT /dev/hubs/{hub}/oauth-consent`).
    consent: std::sync::Mutex<std::collections::HashMap<Uuid, oauth::ConsentScript>>,
    store: store::Store,
    faults: faults::Faults,
    demo_tools: mcp::DemoTools,
    mcp_timeout: Duration,
    public_url: Option<String>,
}

/// The whole application: the API under `/api`, the simulated provider and demo MCP servers
/// under `/dev`, the page (if configured) everywhere else.
pub fn app(config: Config) -> std::io::Result<Router> {
    let store = store::Store::open(config.data.as_deref()).map_err(std::io::Error::other)?;
    let state = Arc::new(AppState {
        token: HeaderValue::from_str(&format!("Bearer {}", config.token))
            .map_err(std::io::Error::other)?,
        extra_connectors: Default::default(),
        consent: Default::default(),
        store,
        faults: faults::Faults::default(),
        demo_tools: mcp::DemoTools::default(),
        mcp_timeout: config.mcp_timeout,
        public_url: config
            .public_url
            .map(|u| u.trim_end_matches('/').to_string()),
    });
    let hub = "/hubs/{hub_id}";
    let authenticated = Router::new()
        .route(&format!("{hub}/connectors"), get(list_connectors))
        .route(
            &format!("{hub}/connections"),
            get(connections::list).post(connections::create),
        )
        .route(
            &format!("{hub}/connections/test"),
            post(connections::test_unsaved),
        )
        .route(
            &format!("{hub}/connections/{{id}}"),
            get(connections::get)
                .patch(connections::update)
                .delete(connections::delete),
        )
        .route(
            &format!("{hub}/connections/{{id}}/test"),
            post(connections::test),
        )
        .route(
            &format!("{hub}/connections/{{id}}/tools"),
            get(connections::tools),
        )
        .route(
            &format!("{hub}/connections/{{id}}/sync"),
            post(connections::sync),
        )
        .route(&format!("{hub}/oauth/flows"), post(oauth::start))
        .route(
            &format!("{hub}/oauth/flows/{{flow_id}}"),
            get(oauth::status).delete(oauth::cancel),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_bearer,
        ));
    let api = Router::new()
        // Reached by the browser's redirect from the provider, so it carries no bearer token.
        .route("/oauth/callback", get(oauth::callback))
        .route("/openapi.yaml", get(openapi))
        .merge(authenticated)
        .fallback(|| async { ApiError::not_found("No such API endpoint.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not accept this method.",
            )
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .with_state(state.clone());

    let dev = Router::new()
        .route("/dev/oauth/authorize", get(oauth::authorize))
        .route("/dev/oauth/decide", post(oauth::decide))
        .route("/dev/faults", put(faults::set).delete(faults::clear))
        .route(
            "/dev/hubs/{hub_id}/connections/{id}/secret-digests",
            get(connections::secret_digests),
        )
        .route(
            "/dev/hubs/{hub_id}/catalog-extra",
            put(set_extra_connectors),
        )
        .route(
            "/dev/hubs/{hub_id}/oauth-consent",
            put(oauth::script_consent).delete(oauth::unscript_consent),
        )
        .with_state(state.clone())
        .merge(mcp::dev_routes(state));

    let mut router = Router::new().nest("/api", api).merge(dev);
    if let Some(dir) = config.static_dir {
        let index = dir.join("index.html");
        router = router.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    }
    Ok(router
        .layer(CompressionLayer::new())
        // Outermost, so that preflight requests are answered before the bearer check.
        .layer(cors()))
}

/// Serves until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)?)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// The page may be served from another local origin (Trunk, the wasm-bindgen test runner on a
/// random port), so any loopback origin may call the API.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin, _| {
            origin.to_str().is_ok_and(is_local_origin)
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
        ])
}

fn is_local_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => rest,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

async fn require_bearer(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    match request.headers().get(header::AUTHORIZATION) {
        Some(value) if value == state.token => next.run(request).await,
        Some(_) => ApiError::unauthorized("The bearer token is not valid.").into_response(),
        None => ApiError::unauthorized("This request needs an Authorization: Bearer token.")
            .into_response(),
    }
}

/// A path id that must be a UUID; anything else is a 400 that says which.
fn parse_id(raw: &str, message: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::bad_request(message))
}

impl AppState {
    /// The hub's catalog: the seed's connectors, then any added to this hub.
    pub fn catalog(&self, hub: Uuid) -> Catalog {
        let mut catalog = catalog::catalog().clone();
        if let Some(extra) = self
            .extra_connectors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&hub)
        {
            catalog.connectors.extend(extra.iter().cloned());
        }
        catalog
    }

    pub fn connector(&self, hub: Uuid, id: Uuid) -> Option<wayai_core::Connector> {
        catalog::find(id).cloned().or_else(|| {
            self.extra_connectors
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&hub)?
                .iter()
                .find(|c| c.id == id)
                .cloned()
        })
    }
}

async fn list_connectors(
    State(state): State<Arc<AppState>>,
    Path(hub_id): Path<String>,
) -> Result<Json<Catalog>, ApiError> {
    let hub = connections::hub_id(&hub_id)?;
    Ok(Json(state.catalog(hub)))
}

/// `PUT /dev/hubs/{hub}/catalog-extra` with a catalog: adds those connectors to the hub's catalog.
async fn set_extra_connectors(
    State(state): State<Arc<AppState>>,
    Path(hub_id): Path<String>,
    Json(extra): Json<Catalog>,
) -> Result<axum::http::StatusCode, ApiError> {
    let hub = connections::hub_id(&hub_id)?;
    if let Some(clash) = extra
        .connectors
        .iter()
        .find(|c| catalog::find(c.id).is_some())
    {
        return Err(ApiError::bad_request(format!(
            "{} is already a seed connector id.",
            clash.id
        )));
    }
    state
        .extra_connectors
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(hub, extra.connectors);
    Ok(axum::http::StatusCode::NO_CONTENT)
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml")], OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::is_local_origin;

    #[test]
    fn only_loopback_origins_are_local() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:34567",
            "http://[::1]:1",
            "http://localhost",
            "https://127.0.0.1",
        ] {
            assert!(is_local_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://localhost.evil.com",
            "http://127.0.0.1.evil.com:80",
            "file://localhost",
            "null",
            "http://localhost:80x",
        ] {
            assert!(!is_local_origin(bad), "{bad}");
        }
    }
}
