//! What a connection's view shows: connector, health, status, its values (secrets as hints),
//! facts, actions, Reconnect and an MCP server's tools.

use super::actions::ConnectionActions;
use crate::{
    mcp::ToolsSection,
    oauth::ReconnectButton,
    strings,
    ui::badges::{ConnectionFacts, HealthBadge},
};
use leptos::prelude::*;
use wayai_core::{
    display::{connection_values, Shown},
    Connection, Connector, ConnectorType,
};

#[component]
pub(super) fn ConnectionDetails(
    connection: Connection,
    connector: Option<Connector>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let refresh = connector
        .as_ref()
        .and_then(|c| c.oauth.as_ref())
        .and_then(|o| o.token_refresh_seconds);
    let fields = connector
        .as_ref()
        .map(|c| c.fields.clone())
        .unwrap_or_default();
    let values: Vec<(String, String)> = connection_values(&fields, &connection)
        .into_iter()
        .map(|(label, shown)| match shown {
            Shown::Secret { hint } => (label, format!("{hint} ({})", strings::STORED_SECRET)),
            Shown::Value(text) => (label, text),
        })
        .collect();
    let oauth = connector
        .as_ref()
        .and_then(|c| c.oauth.as_ref())
        .map(|o| o.provider);
    let is_mcp = connector
        .as_ref()
        .is_some_and(|c| c.connector_type == ConnectorType::ToolMcp);
    view! {
        <dl class="wc-detail">
            <dt>{strings::CONNECTOR_LABEL}</dt>
            <dd>{connector.as_ref().map(|c| c.name.clone())}</dd>
            <dt>{strings::HEALTH_LABEL}</dt>
            <dd>
                <HealthBadge status=connection.health.status />
                " "
                <span class="wc-detail__message">{connection.health.message.clone()}</span>
            </dd>
            <dt>{strings::STATUS_LABEL}</dt>
            <dd>{if connection.enabled { strings::ENABLED } else { strings::DISABLED }}</dd>
            {values
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt> <dd class="wc-detail__value">{value}</dd> })
                .collect_view()}
        </dl>
        {(!connection.deletable).then(|| view! { <p>{strings::AUTO_ENABLED_NOTE}</p> })}
        <ConnectionFacts connection=connection.clone() refresh />
        {connector.clone().map(|connector| view! { <ConnectorFacts connector /> })}
        <ConnectionActions connection=connection.clone() editable=connector.as_ref().is_some_and(|c| !c.fields.is_empty()) editing />
        {oauth.map(|provider| {
            view! { <ReconnectButton connection=connection.clone() provider /> }
        })}
        {is_mcp.then(|| view! { <ToolsSection connection=connection.clone() oauth editing /> })}
    }
}

/// Agent tools and voices of a connector, from the seed.
#[component]
pub(super) fn ConnectorFacts(connector: Connector) -> impl IntoView {
    view! {
        {(!connector.agent_tools.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::AGENT_TOOLS}</h3>
                    <p class="wc-code-list">{connector.agent_tools.join(", ")}</p>
                }
            })}
        {(!connector.voices.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::VOICES}</h3>
                    <p>{connector.voices.join(", ")}</p>
                }
            })}
    }
}
