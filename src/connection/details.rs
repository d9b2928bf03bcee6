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
    signup::WhatsappAccount,
    AuthType, Connection, Connector, ConnectorStatus, ConnectorType, FormField,
};

#[component]
pub(super) fn ConnectionDetails(
    connection: Connection,
    connector: Option<Connector>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let auth = connection.authentication_type;
    let signed_in = auth == AuthType::Oauth;
    let refresh = connector
        .as_ref()
        .and_then(|c| c.oauth_facts())
        .filter(|_| signed_in)
        .and_then(|o| o.token_refresh_seconds);
    let fields: Vec<FormField> = connector
        .as_ref()
        .map(|c| {
            c.form_fields(auth)
                .into_iter()
                .chain(c.settings.clone())
                .collect()
        })
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
        .and_then(|c| c.oauth_facts())
        .filter(|_| signed_in)
        .map(|o| o.provider);
    let is_mcp = connector
        .as_ref()
        .is_some_and(|c| c.connector_type == ConnectorType::ToolMcp);
    // Support disabled the connector again: the connection is listed, not changed.
    let read_only = connector
        .as_ref()
        .filter(|c| c.status == ConnectorStatus::Disabled)
        .map(|c| strings::read_only_connection(&c.name));
    let multi_auth = connector
        .as_ref()
        .is_some_and(|c| c.authentication_types.len() > 1);
    let editable = read_only.is_none() && (!fields.is_empty() || multi_auth);
    let oauth = oauth.filter(|_| read_only.is_none());
    view! {
        {read_only.clone().map(|why| view! { <p class="wc-alert" role="note">{why}</p> })}
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
            {multi_auth.then(|| view! { <dt>{strings::AUTHENTICATION}</dt> <dd>{strings::auth_label(auth)}</dd> })}
            {values
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt> <dd class="wc-detail__value">{value}</dd> })
                .collect_view()}
        </dl>
        {(!connection.deletable).then(|| view! { <p>{strings::AUTO_ENABLED_NOTE}</p> })}
        <ConnectionFacts connection=connection.clone() refresh />
        {connection.whatsapp.clone().map(|account| view! { <WhatsappFacts account /> })}
        {connector.clone().map(|connector| view! { <ConnectorFacts connector /> })}
        <ConnectionActions connection=connection.clone() editable read_only=read_only.is_some() editing />
        {oauth.map(|provider| {
            view! { <ReconnectButton connection=connection.clone() provider /> }
        })}
        {is_mcp.then(|| view! { <ToolsSection connection=connection.clone() oauth editing /> })}
    }
}

/// What WhatsApp's embedded signup connected, and what a missing phone number means.
#[component]
fn WhatsappFacts(account: WhatsappAccount) -> impl IntoView {
    let optional = |label: &'static str, value: Option<String>| {
        value.map(|v| view! { <dt>{label}</dt> <dd>{v}</dd> })
    };
    let phone_note = match (&account.phone_number, account.display_name_only) {
        (Some(_), _) => None,
        (None, true) => Some(strings::DISPLAY_NAME_ONLY),
        (None, false) => Some(strings::NO_PHONE_YET),
    };
    view! {
        <h3 class="wc-dialog__section">{strings::WHATSAPP_SECTION}</h3>
        <dl class="wc-detail" data-whatsapp="">
            <dt>{strings::BUSINESS_PORTFOLIO}</dt>
            <dd>{account.business_portfolio.clone()}</dd>
            <dt>{strings::WABA}</dt>
            <dd>{strings::waba(&account.waba_name, &account.waba_id)}</dd>
            <dt>{strings::FACEBOOK_PAGE}</dt>
            <dd>{account.facebook_page.clone()}</dd>
            {optional(strings::PIXEL, account.pixel.clone())}
            {optional(strings::AD_ACCOUNT, account.ad_account.clone())}
            {optional(strings::DISPLAY_NAME, account.display_name.clone())}
            {optional(strings::PHONE_NUMBER, account.phone_number.as_ref().map(strings::phone_number))}
        </dl>
        {phone_note.map(|note| view! { <p class="wc-alert" role="note" data-phone-note="">{note}</p> })}
    }
}

/// Agent tools, voices and features of a connector, from the seed.
#[component]
pub(super) fn ConnectorFacts(connector: Connector) -> impl IntoView {
    view! {
        {(!connector.features.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::FEATURES}</h3>
                    <ul class="wc-features">
                        {connector.features.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                    </ul>
                }
            })}
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
