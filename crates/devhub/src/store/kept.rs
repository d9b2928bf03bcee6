//! What the store keeps of a connection: its public part and every credential it holds (read by
//! the hub itself only, never serialized into a response; sealed at rest, see `mod.rs`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wayai_core::{Connection, McpTool};

/// OAuth tokens held for a connection.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at_unix: i64,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens are not for logs.
        f.debug_struct("Tokens")
            .field("expires_at_unix", &self.expires_at_unix)
            .finish_non_exhaustive()
    }
}

/// Everything the hub keeps about a connection.
#[derive(Clone, Serialize, Deserialize)]
pub struct Record {
    pub connection: Connection,
    /// Secret values by field key. Server-side only.
    #[serde(default)]
    pub secrets: BTreeMap<String, String>,
    /// The MCP server's tools at the last sync.
    #[serde(default)]
    pub tools: Vec<McpTool>,
    #[serde(default)]
    pub tokens: Option<Tokens>,
    /// An OAuth-protected MCP server's grant: what refreshing its tokens takes (see
    /// `domain::mcp_auth`). Server-side only.
    #[serde(default)]
    pub mcp_grant: Option<McpGrant>,
    /// The address the secrets were entered for (see `domain::binding`); absent in records kept
    /// before it was recorded.
    #[serde(default)]
    pub secrets_for: Option<String>,
    /// Grants taken off the connection when its address moved, until their authorization
    /// server has revoked them (on the move, else on delete).
    #[serde(default)]
    pub retired: Vec<Retired>,
    /// On a production hub: the preview connection it was published from (see
    /// `domain::release`).
    #[serde(default)]
    pub preview_connection: Option<uuid::Uuid>,
    /// The secrets of the organization credentials its fields are bound to, lent for one use
    /// (`domain::org_binding::lend`); never stored, so a rotation reaches the connection at once.
    #[serde(skip)]
    pub lent: BTreeMap<String, String>,
    /// Bound fields whose credential this hub may not use (any more).
    #[serde(skip)]
    pub unlent: Vec<String>,
}

impl std::fmt::Debug for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secret values are not for logs: their keys say enough.
        f.debug_struct("Record")
            .field("connection", &self.connection.id)
            .field("secrets", &self.secrets.keys().collect::<Vec<_>>())
            .field("tokens", &self.tokens)
            .field("mcp_grant", &self.mcp_grant)
            .field("secrets_for", &self.secrets_for)
            .field("retired", &self.retired)
            .field("lent", &self.lent.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A grant issued for an address the connection no longer points at: revoked, never sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Retired {
    pub grant: McpGrant,
    pub tokens: Tokens,
}

/// What the hub keeps to refresh an MCP server's tokens: the server, its authorization
/// server's metadata, the client, and the SDK's stored credentials (as the SDK writes them).
#[derive(Clone, Serialize, Deserialize)]
pub struct McpGrant {
    pub resource: String,
    pub metadata: serde_json::Value,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub credentials: serde_json::Value,
    /// Scopes the server asked for beyond the grant (a 403 `insufficient_scope`): Reconnect asks
    /// for them too.
    #[serde(default)]
    pub needed_scopes: Vec<String>,
}

impl std::fmt::Debug for McpGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Credentials and a client secret are not for logs.
        f.debug_struct("McpGrant")
            .field("resource", &self.resource)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_in_a_log_shows_no_secret() {
        let connection: Connection = serde_json::from_value(serde_json::json!({
            "id": "6f1c1f5e-8d1a-4d8e-9b7a-2f3c4d5e6f70",
            "connector_id": "6f1c1f5e-8d1a-4d8e-9b7a-2f3c4d5e6f72",
            "name": "n",
            "authentication_type": "api_key",
            "enabled": true,
            "deletable": true,
            "config": {},
            "secrets": {},
            "health": { "status": "untested", "message": "" },
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z"
        }))
        .expect("a connection");
        let record = Record {
            connection,
            secrets: BTreeMap::from([("api_key".to_string(), "sk-live-secret".to_string())]),
            tools: Vec::new(),
            tokens: Some(Tokens {
                access_token: "at-secret".into(),
                refresh_token: "rt-secret".into(),
                expires_at_unix: 1,
            }),
            mcp_grant: None,
            secrets_for: None,
            retired: Vec::new(),
            preview_connection: None,
            lent: BTreeMap::new(),
            unlent: Vec::new(),
        };
        let logged = format!("{record:?}");
        assert!(logged.contains("api_key"), "{logged}");
        for secret in ["sk-live-secret", "at-secret", "rt-secret"] {
            assert!(!logged.contains(secret), "{logged}");
        }
    }
}
