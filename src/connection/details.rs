//! What a connection's view shows: connector, health, status, its values (secrets as hints),
//! facts, actions, Reconnect and an MCP server's tools.

use super::{
    actions::ConnectionActions,
    production::{ProductionCredentialFacts, SyncCredentialsSwitch},
};
use crate::{
    context::{OrgCredentials, PageContext},
    i18n::Locale,
    mcp::ToolsSection,
    oauth::ReconnectButton,
    strings::{self, t, tl},
    ui::badges::{ConnectionFacts, HealthBadge},
};
use leptos::prelude::*;
use wayai_core::{
    display::{connection_values, Shown},
    signup::WhatsappAccount,
    AuthType, Connection, Connector, FormField,
};

#[component]
pub(super) fn ConnectionDetails(
    connection: Connection,
    connector: Option<Connector>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let production = context.production();
    let auth = connection.authentication_type;
    let signed_in = auth == AuthType::Oauth;
    let oauth_facts = connector
        .as_ref()
        .and_then(|c| c.oauth_facts())
        .filter(|_| signed_in);
    let refresh = oauth_facts.and_then(|o| o.token_refresh_seconds);
    let fields: Vec<FormField> = connector
        .as_ref()
        .map(|c| {
            c.form_fields(auth)
                .into_iter()
                .chain(c.settings.clone())
                .collect()
        })
        .unwrap_or_default();
    let values = connection_values(&fields, &connection);
    let oauth = oauth_facts.map(|o| o.provider);
    let is_mcp = connector
        .as_ref()
        .is_some_and(|c| c.capabilities().mcp_tools);
    // Support disabled the connector again: the connection is listed, not changed.
    let read_only = connector
        .as_ref()
        .filter(|c| c.status.is_disabled())
        .map(|c| c.name.clone());
    let multi_auth = (connector.as_ref()).is_some_and(|c| c.authentication_types.len() > 1);
    let editable = read_only.is_none() && (!fields.is_empty() || multi_auth);
    let oauth = oauth.filter(|_| read_only.is_none());
    view! {
        {read_only.clone().map(|connector| view! {
            <p class="wc-alert" role="note">
                {move || t!(l.get(), read_only_connection, connector = connector.clone()).to_string()}
            </p>
        })}
        <dl class="wc-detail">
            <dt>{tl!(l, connector)}</dt>
            <dd>{connector.as_ref().map(|c| c.name.clone())}</dd>
            <dt>{tl!(l, health)}</dt>
            <dd>
                <HealthBadge status=connection.health.status />
                " "
                <span class="wc-detail__message">
                    {
                        let health = connection.health.clone();
                        move || strings::health_message(l.get(), &health)
                    }
                </span>
            </dd>
            <dt>{tl!(l, status)}</dt>
            <dd>{move || if connection.enabled { t!(l.get(), enabled) } else { t!(l.get(), disabled) }}</dd>
            {multi_auth.then(|| view! {
                <dt>{tl!(l, authentication)}</dt>
                <dd>{move || strings::auth_label(l.get(), auth)}</dd>
            })}
            <ConnectionValues values />
        </dl>
        {(!connection.deletable).then(|| view! { <p>{tl!(l, auto_enabled_note)}</p> })}
        <ConnectionFacts connection=connection.clone() refresh />
        {connection.whatsapp.clone().map(|account| view! { <WhatsappFacts account /> })}
        {connector.clone().map(|connector| view! { <ConnectorFacts connector /> })}
        {credential_controls(&connection, production, signed_in || connector.as_ref().is_some_and(|c| c.takes_credential(auth)), editing)}
        {(!production).then(|| view! {
            <ConnectionActions connection=connection.clone() editable read_only=read_only.is_some() editing />
        })}
        {oauth.map(|provider| {
            view! { <ReconnectButton connection=connection.clone() provider /> }
        })}
        {is_mcp.then(|| view! { <ToolsSection connection=connection.clone() oauth editing /> })}
    }
}

/// Its credential in production: on a production hub, whose it is and Set production credential;
/// on a preview, the switch (where it holds a credential at all).
fn credential_controls(
    connection: &Connection,
    production: bool,
    holds_credential: bool,
    editing: RwSignal<bool>,
) -> Option<AnyView> {
    let connection = connection.clone();
    if production {
        Some(view! { <ProductionCredentialFacts connection editing /> }.into_any())
    } else {
        holds_credential.then(|| view! { <SyncCredentialsSwitch connection /> }.into_any())
    }
}

/// The connection's stored values, labelled; secrets as their hints, a field an organization
/// credential fills as the credential's name (asked of the hub only then).
#[component]
fn ConnectionValues(values: Vec<(String, Shown)>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let bound = values.iter().any(|(_, s)| matches!(s, Shown::Bound { .. }));
    let credentials = bound.then(|| {
        let credentials = expect_context::<OrgCredentials>();
        credentials.want();
        credentials
    });
    let words = move |l: Locale, shown: &Shown| match shown {
        Shown::Bound { credential } => {
            let found = credentials.and_then(|c| c.list()).map(|list| {
                list.ok()
                    .and_then(|all| all.into_iter().find(|c| c.id == *credential))
            });
            match found {
                None => t!(l, bound_loading).to_string(),
                Some(None) => t!(l, bound_unavailable).to_string(),
                Some(Some(c)) => {
                    let named = t!(l, bound_credential, name = &c.name, hint = c.hint());
                    let count = c.used_by.to_string();
                    format!("{named}. {}", t!(l, bound_credential_use, count = &count))
                }
            }
        }
        Shown::Secret { hint } => format!("{hint} ({})", t!(l, stored)),
        Shown::Flag(true) => t!(l, yes).to_string(),
        Shown::Flag(false) => t!(l, no).to_string(),
        Shown::Value(text) => text.clone(),
    };
    values
        .into_iter()
        .map(|(label, shown)| {
            view! {
                <dt>{label}</dt>
                <dd class="wc-detail__value">{move || words(l.get(), &shown)}</dd>
            }
        })
        .collect_view()
}

/// What WhatsApp's embedded signup connected, and what a missing phone number means.
#[component]
fn WhatsappFacts(account: WhatsappAccount) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let optional = move |label: fn(Locale) -> &'static str, value: Option<String>| {
        value.map(|v| view! { <dt>{move || label(l.get())}</dt> <dd>{v}</dd> })
    };
    let phone_note = match (&account.phone_number, account.display_name_only) {
        (Some(_), _) => None,
        (None, only) => Some(move || {
            if only {
                t!(l.get(), display_name_only)
            } else {
                t!(l.get(), no_phone_yet)
            }
        }),
    };
    let (waba_name, waba_id) = (account.waba_name.clone(), account.waba_id.clone());
    let waba = move || t!(l.get(), waba_with_id, name = &waba_name, id = &waba_id).to_string();
    let phone = account.phone_number.clone();
    view! {
        <h3 class="wc-dialog__section">{tl!(l, whatsapp_section)}</h3>
        <dl class="wc-detail" data-whatsapp="">
            <dt>{tl!(l, business_portfolio)}</dt>
            <dd>{account.business_portfolio.clone()}</dd>
            <dt>{tl!(l, waba)}</dt>
            <dd>{waba}</dd>
            <dt>{tl!(l, facebook_page)}</dt>
            <dd>{account.facebook_page.clone()}</dd>
            {optional(|l| t!(l, pixel), account.pixel.clone())}
            {optional(|l| t!(l, ad_account), account.ad_account.clone())}
            {optional(|l| t!(l, display_name), account.display_name.clone())}
            {phone.map(|phone| view! {
                <dt>{tl!(l, phone_number)}</dt>
                <dd>{move || strings::phone_number(l.get(), &phone)}</dd>
            })}
        </dl>
        {phone_note.map(|note| view! { <p class="wc-alert" role="note" data-phone-note="">{note}</p> })}
    }
}

/// Agent tools, voices and features of a connector, from the seed.
#[component]
pub(super) fn ConnectorFacts(connector: Connector) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        {(!connector.features.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{tl!(l, features)}</h3>
                    <ul class="wc-features">
                        {connector.features.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                    </ul>
                }
            })}
        {(!connector.agent_tools.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{tl!(l, agent_tools)}</h3>
                    <p class="wc-code-list">{connector.agent_tools.join(", ")}</p>
                }
            })}
        {(!connector.voices.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{tl!(l, voices)}</h3>
                    <p>{connector.voices.join(", ")}</p>
                }
            })}
    }
}
