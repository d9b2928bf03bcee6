//! OAuth sign-in in a popup, and in the page itself when popups are blocked.
//!
//! The popup opens synchronously in the click (browsers block one opened after an `await`), then
//! the hub starts the flow and the popup is pointed at the provider. The result comes back as a
//! message from the hub's callback page (exact origin, the flow's own state, first one only), on a
//! BroadcastChannel when page and hub share an origin, or from the hub's flow status when the popup
//! went quiet. Every listener and timer belongs to the running flow and goes with it.
//!
//! `flows` is the controller (one flow at a time), `listeners` what it listens with,
//! `full_page` the blocked-popup fallback, `views` the buttons and the progress a person sees.

mod flows;
mod full_page;
mod listeners;
mod views;

pub(crate) use flows::OauthFlows;
pub(crate) use views::{OauthButton, OauthProgress, ReconnectButton};

use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{FieldValue, HubError, OauthFlowStatus, OauthProvider, StartOauthFlow};

/// What a flow connects: a new connection of a connector, or an existing connection again.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    New {
        connector: Uuid,
        name: Option<String>,
        config: BTreeMap<String, FieldValue>,
        settings: BTreeMap<String, FieldValue>,
        sync_credentials: Option<bool>,
    },
    Reconnect {
        connection: Uuid,
    },
}

impl Target {
    /// A new connection as a form describes it, to be completed by the sign-in.
    pub fn new(body: wayai_core::CreateConnection) -> Self {
        Target::New {
            connector: body.connector_id,
            name: Some(body.name),
            config: body.config,
            settings: body.settings,
            sync_credentials: body.sync_credentials_to_production,
        }
    }

    /// The connector of a new connection, or the connection reconnected: what a view shows a
    /// flow's progress for.
    pub fn key(&self) -> Uuid {
        match self {
            Target::New { connector, .. } => *connector,
            Target::Reconnect { connection } => *connection,
        }
    }

    fn request(&self, opener_origin: String, return_to: Option<String>) -> StartOauthFlow {
        let (connector_id, connection_id, name, config, settings, sync) = match self.clone() {
            Target::New {
                connector,
                name,
                config,
                settings,
                sync_credentials,
            } => (
                Some(connector),
                None,
                name,
                config,
                settings,
                sync_credentials,
            ),
            Target::Reconnect { connection } => (
                None,
                Some(connection),
                None,
                BTreeMap::new(),
                BTreeMap::new(),
                None,
            ),
        };
        StartOauthFlow {
            connector_id,
            connection_id,
            name,
            config,
            settings,
            opener_origin,
            return_to,
            sync_credentials_to_production: sync,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Phase {
    Waiting,
    /// The popup reads as closed; the hub is being asked.
    Checking,
    Redirecting,
    Blocked,
    Failed(Failure),
    /// Ended by the person; a multi-step signup says at which step.
    Cancelled(Option<wayai_core::signup::SignupStep>),
    TimedOut,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Failure {
    /// The hub refused to start the flow (or could not be reached).
    Hub(HubError),
    /// The provider or the hub ended the flow without a connection.
    Provider(OauthFlowStatus),
}

/// What the page shows about the current (or last) flow.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    pub target: Target,
    pub provider: OauthProvider,
    pub phase: Phase,
}
