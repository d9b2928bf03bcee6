//! Builders of wire values for the core's unit tests: one plain connector and one plain
//! connection, which each test adjusts.

use crate::wire::{
    AuthType, AuthenticationType, Connection, Connector, ConnectorStatus, ConnectorType, Health,
    HealthStatus,
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
        status: ConnectorStatus::Enabled,
        authentication_types: vec![AuthenticationType {
            label: None,
            kind: AuthType::ApiKey,
            fields: vec![],
            oauth: None,
        }],
        fields: vec![],
        settings: vec![],
        prerequisites: None,
        agent_tools: vec![],
        voices: vec![],
        features: vec![],
        group: None,
        variant: None,
        capabilities: None,
        logo: None,
    }
}

/// A healthy connection of `connector_id` with no values.
pub fn connection(id: Uuid, connector_id: Uuid, name: &str) -> Connection {
    Connection {
        id,
        connector_id,
        name: name.into(),
        authentication_type: AuthType::ApiKey,
        enabled: true,
        deletable: true,
        config: BTreeMap::new(),
        secrets: BTreeMap::new(),
        bindings: BTreeMap::new(),
        settings: BTreeMap::new(),
        health: Health {
            status: HealthStatus::Ok,
            message: String::new(),
            code: String::new(),
            params: Default::default(),
            checked_at: None,
        },
        created_at: String::new(),
        updated_at: String::new(),
        oauth: None,
        mcp: None,
        whatsapp: None,
        sync_credentials_to_production: true,
        production_credential_set: None,
    }
}
