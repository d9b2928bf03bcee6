//! Who the hub is to an MCP server's authorization server: where it is sent back to, and its
//! Client ID Metadata Document.

/// Where the hub at `base_url` serves its Client ID Metadata Document, when it is reached over
/// HTTPS: a CIMD client ID must be an HTTPS URL, so a hub on plain HTTP (a dev hub on loopback)
/// has none and registers or uses the form's client instead.
pub fn document_url(base_url: &str) -> Option<String> {
    base_url
        .starts_with("https://")
        .then(|| format!("{base_url}{CLIENT_DOCUMENT_PATH}"))
}

/// Where the authorization server sends the browser back, and where the hub's client metadata
/// document is, under its origin.
pub const CALLBACK_PATH: &str = "/api/oauth/callback";
pub const CLIENT_DOCUMENT_PATH: &str = "/api/oauth/client-metadata.json";

/// The hub's Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document): its
/// own URL as the client ID, a public client that signs in at its callback.
pub fn document(base_url: &str) -> serde_json::Value {
    serde_json::json!({
        "client_id": format!("{base_url}{CLIENT_DOCUMENT_PATH}"),
        "client_name": "WayAI hub",
        "redirect_uris": [format!("{base_url}{CALLBACK_PATH}")],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
    })
}
