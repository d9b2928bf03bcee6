//! MCP: a real client (the official Rust SDK, `rmcp`, over Streamable HTTP) that discovers a
//! server's tools, and the demo servers the dev hub hosts so that discovery, sync and every
//! failure mode can be exercised for real:
//!
//! | path | behaviour |
//! | --- | --- |
//! | `/dev/mcp` | the demo MCP server; its tools are set with `PUT /dev/mcp-tools`. `?set=<name>` |
//! |  | on both picks a tool set of its own (tests use one each; a new set starts as the default) |
//! | `/dev/mcp-secured` | the same server behind `Authorization: Bearer demo-mcp-token` |
//! | `/dev/mcp-oauth` | the same server behind a token from the simulated OAuth provider |
//! | `/dev/mcp-unauthorized` | answers 401 to everything |
//! | `/dev/mcp-slow` | never answers within the discovery timeout |
//! | `/dev/not-mcp` | an ordinary web page, not an MCP server |

use crate::{
    credentials::{self, host_of},
    error::ApiError,
    oauth,
    store::Record,
    AppState,
};
use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::{any, get},
    Json, Router,
};
use rmcp::{
    model::{
        ClientConfig, ErrorData, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
        ServerConfig,
    },
    service::{ClientInitializeError, RequestContext, ServiceError},
    transport::{
        streamable_http_client::{StreamableHttpClientTransportConfig, StreamableHttpError},
        streamable_http_server::{
            session::local::LocalSessionManager, StreamableHttpServerConfig, StreamableHttpService,
        },
        DynamicTransportError, StreamableHttpClientTransport,
    },
    RoleServer, ServerHandler, ServiceExt,
};
use serde::{Deserialize, Serialize};
use std::{
    sync::{Arc, RwLock},
    time::Duration,
};
use wayai_core::{FieldValue, Header, Health, HealthStatus, McpTool, ToolAnnotations};

/// The bearer token `/dev/mcp-secured` accepts.
pub const DEMO_MCP_TOKEN: &str = "demo-mcp-token";

/// Where and how to reach an MCP server.
#[derive(Debug, Clone)]
pub struct McpTarget {
    pub url: String,
    pub bearer: Option<String>,
    pub headers: Vec<Header>,
}

/// The MCP target of a connection: its URL, its bearer token or OAuth access token, its headers.
pub fn target(record: &Record) -> McpTarget {
    let text = |key: &str| match record.connection.config.get(key) {
        Some(FieldValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    McpTarget {
        url: text("url").unwrap_or_default(),
        bearer: record
            .secrets
            .get("bearer_token")
            .cloned()
            .or_else(|| record.tokens.as_ref().map(|t| t.access_token.clone())),
        headers: match record.connection.config.get("headers") {
            Some(FieldValue::Headers(h)) => h.clone(),
            _ => Vec::new(),
        },
    }
}

/// Why discovery failed, each with its own words and action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum McpFailure {
    /// Nothing answered (refused, DNS, TLS).
    Unreachable {
        host: String,
    },
    Timeout,
    /// 401 or 403 from the server.
    Unauthorized,
    /// It answered, but not as an MCP server (a web page, a 404).
    NotMcp,
    /// It spoke MCP wrongly.
    Protocol(String),
    /// 5xx or 429 from the server.
    ServerError(u16),
    /// A custom header the transport cannot send.
    BadHeader(String),
}

impl McpFailure {
    pub fn health(&self, now: &str) -> Health {
        let (status, message) = match self {
            McpFailure::Unreachable { host } => (
                HealthStatus::Unreachable,
                format!("The MCP server at {host} could not be reached. Check the URL and that the server is running."),
            ),
            McpFailure::Timeout => (
                HealthStatus::Unreachable,
                "The MCP server did not answer in time.".to_string(),
            ),
            McpFailure::Unauthorized => (
                HealthStatus::AuthFailed,
                "The MCP server refused the credentials (401/403).".to_string(),
            ),
            McpFailure::NotMcp => (
                HealthStatus::ConfigError,
                "The URL answered, but not as an MCP server. Check that it is the Streamable HTTP endpoint.".to_string(),
            ),
            McpFailure::Protocol(detail) => (
                HealthStatus::ConfigError,
                format!("The MCP server answered with a protocol error: {detail}"),
            ),
            McpFailure::ServerError(status) => (
                HealthStatus::Unreachable,
                format!("The MCP server failed with HTTP {status}. Try again later."),
            ),
            McpFailure::BadHeader(detail) => (
                HealthStatus::ConfigError,
                format!("A custom header cannot be sent: {detail}"),
            ),
        };
        credentials::health(status, &message, now)
    }

    /// The hub's answer when a sync fails: 424 Failed Dependency (the hub is fine; the admin's
    /// server is not, and the code says how), never a 5xx.
    pub fn api_error(&self) -> ApiError {
        let code = match self {
            McpFailure::Unreachable { .. } => "mcp_unreachable",
            McpFailure::Timeout => "mcp_timeout",
            McpFailure::Unauthorized => "mcp_unauthorized",
            McpFailure::NotMcp => "mcp_not_mcp",
            McpFailure::Protocol(_) => "mcp_protocol_error",
            McpFailure::ServerError(_) => "mcp_server_error",
            McpFailure::BadHeader(_) => "mcp_bad_header",
        };
        let status = StatusCode::FAILED_DEPENDENCY;
        ApiError::new(status, code, self.health("").message)
    }
}

impl AppState {
    /// Connects to the connection's MCP server and lists its tools, within the discovery timeout.
    pub async fn discover(&self, record: &Record) -> Result<Vec<McpTool>, McpFailure> {
        discover(&target(record), self.mcp_timeout).await
    }
}

pub async fn discover(target: &McpTarget, timeout: Duration) -> Result<Vec<McpTool>, McpFailure> {
    let host = host_of(&target.url).unwrap_or_else(|| target.url.clone());
    let mut config = StreamableHttpClientTransportConfig::with_uri(target.url.clone());
    if let Some(token) = &target.bearer {
        config = config.auth_header(token.clone());
    }
    for h in &target.headers {
        let name = HeaderName::from_bytes(h.name.as_bytes())
            .map_err(|e| McpFailure::BadHeader(e.to_string()))?;
        let value =
            HeaderValue::from_str(&h.value).map_err(|e| McpFailure::BadHeader(e.to_string()))?;
        config.custom_headers.insert(name, value);
    }
    let work = async {
        let transport = StreamableHttpClientTransport::from_config(config);
        let client = ClientConfig::default()
            .serve(transport)
            .await
            .map_err(|e| match &e {
                ClientInitializeError::TransportError { error, .. } => classify(error, &host),
                ClientInitializeError::JsonRpcError(data) => {
                    McpFailure::Protocol(data.message.to_string())
                }
                other => classify(other, &host),
            })?;
        let tools = client.list_all_tools().await.map_err(|e| match &e {
            ServiceError::McpError(data) => McpFailure::Protocol(data.message.to_string()),
            other => classify(other, &host),
        });
        let _ = client.cancel().await;
        tools
    };
    let tools = tokio::time::timeout(timeout, work)
        .await
        .map_err(|_| McpFailure::Timeout)??;
    Ok(tools.iter().map(from_rmcp).collect())
}

/// Finds the cause of a client error along its source chain.
fn classify(error: &(dyn std::error::Error + 'static), host: &str) -> McpFailure {
    let mut current = Some(error);
    while let Some(mut e) = current {
        // rmcp keeps the transport's own error boxed inside; look at it rather than the wrapper.
        if let Some(dynamic) = e.downcast_ref::<DynamicTransportError>() {
            e = dynamic.error.as_ref();
        }
        if let Some(http) = e.downcast_ref::<StreamableHttpError<reqwest::Error>>() {
            match http {
                StreamableHttpError::AuthRequired(_)
                | StreamableHttpError::InsufficientScope(_) => return McpFailure::Unauthorized,
                StreamableHttpError::HttpStatus(s) => return from_status(s.status),
                StreamableHttpError::UnexpectedContentType(_) => return McpFailure::NotMcp,
                StreamableHttpError::ReservedHeaderConflict(name) => {
                    return McpFailure::BadHeader(format!("{name} is set by the hub itself"))
                }
                StreamableHttpError::Client(inner) => return from_reqwest(inner, host),
                _ => {}
            }
        }
        if let Some(inner) = e.downcast_ref::<reqwest::Error>() {
            return from_reqwest(inner, host);
        }
        current = e.source();
    }
    let text = error.to_string();
    // Unchallenged 401/403s and 404s come back as unexpected responses that name the status.
    for (needle, failure) in [
        ("401", McpFailure::Unauthorized),
        ("403", McpFailure::Unauthorized),
        ("404", McpFailure::NotMcp),
        ("405", McpFailure::NotMcp),
    ] {
        if text.contains(needle) {
            return failure;
        }
    }
    McpFailure::Protocol(text)
}

fn from_status(status: u16) -> McpFailure {
    match status {
        401 | 403 => McpFailure::Unauthorized,
        404 | 405 => McpFailure::NotMcp,
        429 | 500..=599 => McpFailure::ServerError(status),
        _ => McpFailure::Protocol(format!("unexpected HTTP status {status}")),
    }
}

fn from_reqwest(e: &reqwest::Error, host: &str) -> McpFailure {
    if e.is_timeout() {
        McpFailure::Timeout
    } else if let Some(status) = e.status() {
        from_status(status.as_u16())
    } else {
        McpFailure::Unreachable {
            host: host.to_string(),
        }
    }
}

/// The MCP wire shape of a tool (camelCase), the bridge between rmcp's and the hub's types.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireTool {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default)]
    input_schema: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotations: Option<WireAnnotations>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAnnotations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    read_only_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    destructive_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    idempotent_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    open_world_hint: Option<bool>,
}

fn from_rmcp(tool: &rmcp::model::Tool) -> McpTool {
    let wire: WireTool = serde_json::to_value(tool)
        .and_then(serde_json::from_value)
        .expect("an rmcp tool has the MCP wire shape");
    McpTool {
        name: wire.name,
        title: wire.title,
        description: wire.description,
        input_schema: wire.input_schema,
        annotations: wire.annotations.map(|a| ToolAnnotations {
            title: a.title,
            read_only_hint: a.read_only_hint,
            destructive_hint: a.destructive_hint,
            idempotent_hint: a.idempotent_hint,
            open_world_hint: a.open_world_hint,
        }),
    }
}

fn to_rmcp(tool: &McpTool) -> rmcp::model::Tool {
    let schema = match &tool.input_schema {
        serde_json::Value::Object(_) => tool.input_schema.clone(),
        _ => serde_json::json!({ "type": "object" }),
    };
    let wire = WireTool {
        name: tool.name.clone(),
        title: tool.title.clone(),
        description: tool.description.clone(),
        input_schema: schema,
        annotations: tool.annotations.as_ref().map(|a| WireAnnotations {
            title: a.title.clone(),
            read_only_hint: a.read_only_hint,
            destructive_hint: a.destructive_hint,
            idempotent_hint: a.idempotent_hint,
            open_world_hint: a.open_world_hint,
        }),
    };
    serde_json::to_value(wire)
        .and_then(serde_json::from_value)
        .expect("the MCP wire shape is an rmcp tool")
}

/// The demo server's tool sets, shared by every session; tests change one to make a sync differ.
#[derive(Clone, Default)]
pub struct DemoTools(Arc<RwLock<std::collections::HashMap<String, Vec<McpTool>>>>);

impl DemoTools {
    /// The tools of a named set (`""` is the plain `/dev/mcp`); a set never written is the default.
    pub fn get(&self, set: &str) -> Vec<McpTool> {
        self.0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(set)
            .cloned()
            .unwrap_or_else(default_demo_tools)
    }

    pub fn set(&self, set: &str, tools: Vec<McpTool>) {
        self.0
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(set.to_string(), tools);
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
struct DemoServer {
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
        let set = set_of(
            context
                .extensions
                .get::<axum::http::request::Parts>()
                .and_then(|parts| parts.uri.query()),
        );
        let tools = self.tools.get(&set).iter().map(to_rmcp).collect();
        std::future::ready(Ok(ListToolsResult::with_all_items(tools)))
    }
}

fn demo_service(tools: DemoTools) -> StreamableHttpService<DemoServer, LocalSessionManager> {
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
pub fn dev_routes(state: Arc<AppState>) -> Router {
    let tools = state.demo_tools.clone();
    Router::new()
        .nest_service("/dev/mcp", demo_service(tools.clone()))
        .nest_service(
            "/dev/mcp-secured",
            Router::new()
                .fallback_service(demo_service(tools.clone()))
                .layer(middleware::from_fn(require_demo_token)),
        )
        .nest_service(
            "/dev/mcp-oauth",
            Router::new()
                .fallback_service(demo_service(tools))
                .layer(middleware::from_fn(require_oauth_token)),
        )
        .route("/dev/mcp-unauthorized", any(unauthorized))
        .route("/dev/mcp-slow", any(slow))
        .route("/dev/not-mcp", any(not_mcp))
        .route("/dev/mcp-tools", get(get_demo_tools).put(put_demo_tools))
        .with_state(state)
}

async fn require_demo_token(request: Request, next: Next) -> Response {
    let expected = format!("Bearer {DEMO_MCP_TOKEN}");
    match request.headers().get(header::AUTHORIZATION) {
        Some(v) if v.as_bytes() == expected.as_bytes() => next.run(request).await,
        _ => unauthorized().await.into_response(),
    }
}

async fn require_oauth_token(request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if token.is_some_and(oauth::access_token_is_valid) {
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
    State(state): State<Arc<AppState>>,
    uri: axum::http::Uri,
) -> Json<DemoToolList> {
    Json(DemoToolList {
        tools: state.demo_tools.get(&set_of(uri.query())),
    })
}

async fn put_demo_tools(
    State(state): State<Arc<AppState>>,
    uri: axum::http::Uri,
    Json(list): Json<DemoToolList>,
) -> StatusCode {
    state.demo_tools.set(&set_of(uri.query()), list.tools);
    StatusCode::NO_CONTENT
}
