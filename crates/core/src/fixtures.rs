//! Builders of wire values for the core's unit tests: one plain connector and one plain
//! connection, which each test adjusts.

use crate::wire::{
    AuthKind, Connection, Connector, ConnectorStatus, ConnectorType, Health, HealthStatus,
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// An enabled API-key connector with no fields.
pub fn connector(id: Uuid, name: &str, t: ConnectorType) -> Connector {
    Connector {
        id,
        slug: name.to_lowercase(),
        connector_type: t,
        name: name.into(),
        description: String::new(),
        auth: AuthKind::ApiKey,
        status: ConnectorStatus::Enabled,
        fields: vec![],
        prerequisites: None,
        oauth: None,
        agent_tools: vec![],
        voices: vec![],
        features: vec![],
    }
}

/// A healthy connection of `connector_id` with no values.
pub fn connection(id: Uuid, connector_id: Uuid, name: &str) -> Connection {
    Connection {
        id,
        connector_id,
        name: name.into(),
        enabled: true,
        deletable: true,
        config: BTreeMap::new(),
        secrets: BTreeMap::new(),
        health: Health {
            status: HealthStatus::Ok,
            message: String::new(),
            checked_at: None,
        },
        created_at: String::new(),
        updated_at: String::new(),
        oauth: None,
        mcp: None,
        whatsapp: None,
    }
}
