//! The dev hub: a local stand-in of the WayAI hub REST API.
//!
//! A real HTTP server (axum) so that the page runs end to end on one machine with no internet and
//! its tests exercise real HTTP. Optionally it also serves the page's built files, so that a
//! release build can be tried at one origin. The layout is described in `ARCHITECTURE.md`:
//! `app` and `state` at the top, `api` (HTTP, one module per area) over `domain` (records,
//! configuration, idempotency, flows), `mcp_client`, `store`; `dev` holds what only a dev hub has.

mod api;
mod app;
pub mod dev;
mod domain;
mod error;
mod extract;
mod html;
mod logos;
mod mcp_client;
mod origins;
mod page_policy;
mod state;
mod store;
mod time;
pub mod vault;

use std::{path::PathBuf, time::Duration};
use uuid::Uuid;

pub use api::OPENAPI;
pub use app::{app, run, serve};
pub use error::ApiError;

/// Where the dev hub listens when given no `--addr`.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";
/// The documented development bearer token (`Authorization: Bearer dev-token`).
pub const DEV_TOKEN: &str = "dev-token";
/// The demo organization and hub that the README's URL opens.
pub const DEMO_ORG_ID: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000a001);
pub const DEMO_HUB_ID: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000b001);

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
    /// A whole catalog to serve every hub instead of the seed's (`--catalog`, the wire shape).
    pub catalog: Option<PathBuf>,
    /// A folder of brand icons (`<icon>.svg`) for connectors' logos (`--logos`).
    pub logos: Option<PathBuf>,
    /// The key that seals the secrets in the database (created when missing); beside the
    /// database (`<data>.key`) when absent, a key of the process's own for an in-memory one.
    pub key_file: Option<PathBuf>,
    /// How long MCP discovery may take.
    pub mcp_timeout: Duration,
    /// Where the hub listens (`serve` uses the listener's own address).
    pub addr: std::net::SocketAddr,
    /// The hub's public base URL, for absolute URLs (OAuth redirects) and as an accepted Host;
    /// `http://127.0.0.1:<port>` when absent. Never taken from a request.
    pub public_url: Option<String>,
    /// Page origins besides loopback ones that may call the API and receive sign-in results.
    pub page_origins: Vec<String>,
    /// Let connection URLs name private and link-local addresses (refused by default).
    pub allow_private_addresses: bool,
    /// How long an ended OAuth flow is kept (for its status) before it is deleted.
    pub flow_retention: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            token: DEV_TOKEN.to_string(),
            static_dir: None,
            data: None,
            key_file: None,
            catalog: None,
            logos: None,
            mcp_timeout: Duration::from_secs(10),
            addr: DEFAULT_ADDR.parse().expect("the default address parses"),
            public_url: None,
            page_origins: Vec::new(),
            allow_private_addresses: false,
            flow_retention: Duration::from_secs(3600),
        }
    }
}

/// Checks a catalog file as `--catalog` would serve it: the place and the problem when it is not
/// one.
pub fn check_catalog(path: &std::path::Path) -> Result<(), String> {
    domain::catalog::load(path).map(|_| ())
}
