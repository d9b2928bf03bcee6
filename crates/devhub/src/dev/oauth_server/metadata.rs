//! What the demo servers say about themselves: Protected Resource Metadata (RFC 9728) and the
//! authorization server's metadata (RFC 8414).

use super::{origin, Variant, ISSUER_PATH, SCOPES};
use axum::{http::HeaderMap, Json};
use serde_json::{json, Value};

pub async fn protected_resource(headers: HeaderMap, variant: Variant) -> Json<Value> {
    let origin = origin(&headers);
    Json(json!({
        "resource": format!("{origin}{}", variant.path),
        "authorization_servers": [format!("{origin}{}", variant.issuer)],
        "scopes_supported": SCOPES,
        "bearer_methods_supported": ["header"],
        "resource_name": "Demo MCP server",
    }))
}

/// The metadata of the issuer at `issuer_path`; its endpoints are the one demo server's. The
/// variants leave out what they lack: the registration endpoint, or PKCE; the CIMD one takes
/// Client ID Metadata Documents in place of registration.
pub async fn authorization_server(
    headers: HeaderMap,
    issuer_path: &'static str,
    revocation_endpoint: Option<String>,
) -> Json<Value> {
    let origin = origin(&headers);
    let endpoints = format!("{origin}{ISSUER_PATH}");
    let mut body = json!({
        "issuer": format!("{origin}{issuer_path}"),
        "authorization_endpoint": format!("{endpoints}/authorize"),
        "token_endpoint": format!("{endpoints}/token"),
        "registration_endpoint": format!("{endpoints}/register"),
        "revocation_endpoint": revocation_endpoint.unwrap_or(format!("{endpoints}/revoke")),
        "scopes_supported": SCOPES,
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
    });
    if let Some(fields) = body.as_object_mut() {
        if issuer_path.ends_with("/no-registration") {
            fields.remove("registration_endpoint");
        }
        if issuer_path.ends_with("/no-pkce") {
            fields.remove("code_challenge_methods_supported");
        }
        // Client ID Metadata Documents instead of registration.
        if issuer_path.ends_with("/cimd") {
            fields.remove("registration_endpoint");
            fields.insert("client_id_metadata_document_supported".into(), true.into());
        }
    }
    Json(body)
}
