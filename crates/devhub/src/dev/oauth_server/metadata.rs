//! What the demo servers say about themselves: Protected Resource Metadata (RFC 9728) and the
//! authorization server's metadata (RFC 8414).

use super::{origin, ISSUER_PATH, RESOURCE_PATH, SCOPES};
use axum::{http::HeaderMap, Json};
use serde_json::{json, Value};

pub async fn protected_resource(headers: HeaderMap) -> Json<Value> {
    let origin = origin(&headers);
    Json(json!({
        "resource": format!("{origin}{RESOURCE_PATH}"),
        "authorization_servers": [format!("{origin}{ISSUER_PATH}")],
        "scopes_supported": SCOPES,
        "bearer_methods_supported": ["header"],
        "resource_name": "Demo MCP server",
    }))
}

pub async fn authorization_server(headers: HeaderMap) -> Json<Value> {
    let issuer = format!("{}{ISSUER_PATH}", origin(&headers));
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "registration_endpoint": format!("{issuer}/register"),
        "revocation_endpoint": format!("{issuer}/revoke"),
        "scopes_supported": SCOPES,
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
    }))
}
