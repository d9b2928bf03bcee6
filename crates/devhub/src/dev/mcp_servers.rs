//! The demo MCP servers the dev hub hosts (real MCP over Streamable HTTP, with rmcp's server),
//! so that discovery, sync and every failure mode can be exercised for real:
//!
//! | path | behaviour |
//! | --- | --- |
//! | `/dev/mcp` | the demo MCP server; its tools are set with `PUT /dev/mcp-tools`. `?set=<name>` |
//! |  | on both picks a tool set of its own (tests use one each; a new set starts as the default) |
//! | `/dev/mcp-secured` | the same server behind `Authorization: Bearer demo-mcp-token` |
//! | `/dev/mcp-protected` | the same server behind OAuth, as the MCP authorization spec says (see `oauth_server`) |
//! | `/dev/mcp-unauthorized` | answers 401 to everything |
//! | `/dev/mcp-slow` | never answers within the discovery timeout |
//! | `/dev/not-mcp` | an ordinary web page, not an MCP server |

use crate::extract::ApiJson;
use axum::{
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::{any, get},
    Json, Router,
};
use rmcp::{
    model::{ErrorData, ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig},
    service::RequestContext,
    transport::streamable_http_server::{
        session::local::LocalSessionManager, StreamableHttpServerConfig, StreamableHttpService,
    },
    RoleServer, ServerHandler,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, RwLock},
    time::Duration,
};
use wayai_core::{tools::to_mcp_json, McpTool};

/// The bearer token `/dev/mcp-secured` accepts.
pub const DEMO_MCP_TOKEN: &str = "demo-mcp-token";

/// A tool as rmcp's server lists it: through the MCP wire shape core writes.
fn to_rmcp(tool: &McpTool) -> rmcp::model::Tool {
    serde_json::from_value(to_mcp_json(tool)).expect("the MCP wire shape is an rmcp tool")
}

/// The demo server's tool sets, shared by every session; tests change one to make a sync differ.
#[derive(Clone, Default)]
pub struct DemoTools {
    sets: Arc<RwLock<HashMap<String, Vec<McpTool>>>>,
    /// Bearer tokens each set's server was sent, so a test can ask whether one arrived (only a
    /// yes or no ever leaves: `POST /dev/mcp-seen`).
    seen: Arc<RwLock<HashMap<String, HashSet<String>>>>,
}

impl DemoTools {
    /// The tools of a named set (`""` is the plain `/dev/mcp`); a set never written is the default.
    pub fn get(&self, set: &str) -> Vec<McpTool> {
        self.sets
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(set)
            .cloned()
            .unwrap_or_else(default_demo_tools)
    }

    pub fn set(&self, set: &str, tools: Vec<McpTool>) {
        self.sets
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(set.to_string(), tools);
    }

    fn saw(&self, set: &str, bearer: &str) {
        self.seen
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(set.to_string())
            .or_default()
            .insert(bearer.to_string());
    }

    /// Whether the set's server was ever sent this bearer token.
    pub fn was_sent(&self, set: &str, bearer: &str) -> bool {
        self.seen
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(set)
            .is_some_and(|tokens| tokens.contains(bearer))
    }
}

/// The `set` query parameter of a demo server URL.
fn set_of(query: Option<&str>) -> String {
    query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("set="))
        .unwrap_or_default()
        .to_string()
}

/// The demo server's tools at start-up: a small, realistic set with every annotation.
pub fn default_demo_tools() -> Vec<McpTool> {
    serde_json::from_value(serde_json::json!([
        {
            "name": "search_docs",
            "title": "Search documentation",
            "description": "Full-text search over the product documentation.",
            "input_schema": {
                "type": "object",
                "properties": {
                    "query": { "type": "string", "description": "Words to look for" },
                    "limit": { "type": "integer", "description": "Most results to return" }
                },
                "required": ["query"]
            },
            "annotations": { "read_only_hint": true, "open_world_hint": false }
        },
        {
            "name": "create_ticket",
            "description": "Opens a support ticket.",
            "input_schema": {
                "type": "object",
                "properties": {
                    "subject": { "type": "string" },
                    "priority": { "type": "string", "enum": ["low", "normal", "high"] }
                },
                "required": ["subject"]
            },
            "annotations": { "title": "Create ticket", "destructive_hint": false, "idempotent_hint": false }
        },
        {
            "name": "delete_ticket",
            "title": "Delete ticket",
            "description": "Deletes a ticket for good.",
            "input_schema": {
                "type": "object",
                "properties": { "id": { "type": "string", "description": "Ticket id" } },
                "required": ["id"]
            },
            "annotations": { "destructive_hint": true, "idempotent_hint": true }
        }
    ]))
    .expect("demo tools are valid")
}

#[derive(Clone)]
pub(crate) struct DemoServer {
    tools: DemoTools,
}

impl ServerHandler for DemoServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
    }

    fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> impl std::future::Future<Output = Result<ListToolsResult, ErrorData>> + Send + '_ {
        let parts = context.extensions.get::<axum::http::request::Parts>();
        let set = set_of(parts.and_then(|parts| parts.uri.query()));
        if let Some(bearer) = parts
            .and_then(|p| p.headers.get(header::AUTHORIZATION))
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        {
            self.tools.saw(&set, bearer);
        }
        let tools = self.tools.get(&set).iter().map(to_rmcp).collect();
        std::future::ready(Ok(ListToolsResult::with_all_items(tools)))
    }
}

pub(crate) fn demo_service(
    tools: DemoTools,
) -> StreamableHttpService<DemoServer, LocalSessionManager> {
    StreamableHttpService::new(
        move || {
            Ok(DemoServer {
                tools: tools.clone(),
            })
        },
        Default::default(),
        StreamableHttpServerConfig::default().with_sse_keep_alive(None),
    )
}

/// The `/dev/…` MCP routes.
pub fn routes(tools: DemoTools) -> Router {
    Router::new()
        .nest_service("/dev/mcp", demo_service(tools.clone()))
        .nest_service(
            "/dev/mcp-secured",
            Router::new()
                .fallback_service(demo_service(tools.clone()))
                .layer(middleware::from_fn(require_demo_token)),
        )
        .route("/dev/mcp-unauthorized", any(unauthorized))
        .route("/dev/mcp-slow", any(slow))
        .route("/dev/not-mcp", any(not_mcp))
}

/// What tests change and ask of the demo servers: their tool sets, and whether a token reached
/// them (behind the hub's token, see `dev::routes`).
pub fn control_routes(tools: DemoTools) -> Router {
    Router::new()
        .route("/dev/mcp-tools", get(get_demo_tools).put(put_demo_tools))
        .route("/dev/mcp-seen", axum::routing::post(was_sent))
        .with_state(tools)
}

/// The demo token as a bearer token, or as an `X-Api-Key` header (as many APIs take keys, and
/// as a connection's custom headers can send it).
async fn require_demo_token(request: Request, next: Next) -> Response {
    let bearer = format!("Bearer {DEMO_MCP_TOKEN}");
    let headers = request.headers();
    let by_bearer = headers
        .get(header::AUTHORIZATION)
        .is_some_and(|v| v.as_bytes() == bearer.as_bytes());
    let by_key = headers
        .get("x-api-key")
        .is_some_and(|v| v.as_bytes() == DEMO_MCP_TOKEN.as_bytes());
    if by_bearer || by_key {
        next.run(request).await
    } else {
        unauthorized().await.into_response()
    }
}

async fn unauthorized() -> impl IntoResponse {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        "unauthorized",
    )
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(300)).await;
    "too late"
}

async fn not_mcp() -> Html<&'static str> {
    Html("<!DOCTYPE html><title>Welcome</title><h1>An ordinary web page</h1>")
}

#[derive(Serialize, Deserialize)]
struct DemoToolList {
    tools: Vec<McpTool>,
}

async fn get_demo_tools(
    State(tools): State<DemoTools>,
    uri: axum::http::Uri,
) -> Json<DemoToolList> {
    Json(DemoToolList {
        tools: tools.get(&set_of(uri.query())),
    })
}

async fn put_demo_tools(
    State(tools): State<DemoTools>,
    uri: axum::http::Uri,
    ApiJson(list): ApiJson<DemoToolList>,
) -> StatusCode {
    tools.set(&set_of(uri.query()), list.tools);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentQuestion {
    bearer: String,
}

#[derive(Serialize)]
struct SentAnswer {
    sent: bool,
}

/// `POST /dev/mcp-seen?set=<name>` with `{"bearer": "…"}`: whether that set's server was ever
/// sent this bearer token (a yes or no; the tokens themselves never leave).
async fn was_sent(
    State(tools): State<DemoTools>,
    uri: axum::http::Uri,
    ApiJson(question): ApiJson<SentQuestion>,
) -> Json<SentAnswer> {
    Json(SentAnswer {
        sent: tools.was_sent(&set_of(uri.query()), &question.bearer),
    })
}
