//! The JSON shapes that cross the wire between the page and the hub API.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kind of a connector; the page shows one group per kind, in [`ConnectorType::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectorType {
    Agent,
    Channel,
    ToolNative,
    ToolUser,
    ToolMcp,
    Stt,
    Tts,
}

impl ConnectorType {
    /// The seed document's order, which is the page's group order.
    pub const ALL: [ConnectorType; 7] = [
        ConnectorType::Agent,
        ConnectorType::Channel,
        ConnectorType::ToolNative,
        ConnectorType::ToolUser,
        ConnectorType::ToolMcp,
        ConnectorType::Stt,
        ConnectorType::Tts,
    ];

    /// The wire name, also used as a stable DOM/CSS identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorType::Agent => "agent",
            ConnectorType::Channel => "channel",
            ConnectorType::ToolNative => "tool_native",
            ConnectorType::ToolUser => "tool_user",
            ConnectorType::ToolMcp => "tool_mcp",
            ConnectorType::Stt => "stt",
            ConnectorType::Tts => "tts",
        }
    }
}

/// How a connector authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    ApiKey,
    Oauth,
    BasicAuth,
    BearerOrNone,
    None,
}

/// Whether a hub may use a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectorStatus {
    /// Usable: the card is actionable.
    Enabled,
    /// Listed but not actionable until support enables it.
    Disabled,
    /// Created with the hub and never deletable (the Wayai native toolset).
    AutoEnabled,
}

/// One connector of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connector {
    /// The seed's `connector_id`.
    pub id: Uuid,
    /// Stable, URL-safe name used by `?connector=<slug>` deep links.
    pub slug: String,
    #[serde(rename = "type")]
    pub connector_type: ConnectorType,
    pub name: String,
    pub description: String,
    pub auth: AuthKind,
    pub status: ConnectorStatus,
}

/// `GET /api/hubs/{hub_id}/connectors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub connectors: Vec<Connector>,
}

/// A field the hub rejected, named by its form key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The one error body every endpoint uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Machine-readable, stable: `unauthorized`, `not_found`, `validation_failed`, …
    pub code: String,
    /// For people; the page may show it when it has nothing better.
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// Paths of the hub API, relative to its base URL; both sides build them here.
pub mod paths {
    use uuid::Uuid;

    pub fn connectors(hub_id: Uuid) -> String {
        format!("/api/hubs/{hub_id}/connectors")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connector_round_trips_with_wire_names() {
        let json = r#"{"id":"0cd6a292-895b-4667-b89e-dd298628c272","slug":"openai","type":"tool_mcp",
            "name":"X","description":"d","auth":"bearer_or_none","status":"auto_enabled"}"#;
        let c: Connector = serde_json::from_str(json).unwrap();
        assert_eq!(c.connector_type, ConnectorType::ToolMcp);
        assert_eq!(c.auth, AuthKind::BearerOrNone);
        assert_eq!(c.status, ConnectorStatus::AutoEnabled);
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back["type"], "tool_mcp");
        assert_eq!(back["status"], "auto_enabled");
    }

    #[test]
    fn type_wire_name_matches_serde() {
        for t in ConnectorType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
    }

    #[test]
    fn error_body_omits_empty_fields() {
        let e = ErrorBody {
            code: "unauthorized".into(),
            message: "m".into(),
            fields: vec![],
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"unauthorized","message":"m"}"#
        );
    }
}
