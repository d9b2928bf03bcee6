//! A group of connector cards, each with its existing connections.

use crate::{
    dialogs::ReconnectButton,
    format::{date_time, is_past},
    page::{dom_id, PageContext},
    strings,
};
use leptos::prelude::*;
use wayai_core::{
    monogram, Connection, Connector, ConnectorStatus, ConnectorType, HealthStatus, OauthProvider,
    PageView,
};

#[component]
pub(crate) fn GroupSection(
    connector_type: ConnectorType,
    shown: Vec<(Connector, Vec<Connection>)>,
) -> impl IntoView {
    let t = connector_type;
    let heading_id = dom_id(&format!("group-{}", t.as_str()));
    let labelled_by = heading_id.clone();
    view! {
        <section class="wc-group" data-group=t.as_str() aria-labelledby=labelled_by>
            <h2 class="wc-group__title" id=heading_id>
                {strings::group_title(t)}
            </h2>
            <p class="wc-group__description">{strings::group_description(t)}</p>
            <ul class="wc-grid" role="list">
                {shown
                    .into_iter()
                    .map(|(connector, connections)| view! { <ConnectorCard connector connections /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ConnectorCard(connector: Connector, connections: Vec<Connection>) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let status = connector.status;
    let disabled = status == ConnectorStatus::Disabled;
    let status_class = match status {
        ConnectorStatus::Enabled => "wc-badge wc-badge--enabled",
        ConnectorStatus::Disabled => "wc-badge wc-badge--disabled",
        ConnectorStatus::AutoEnabled => "wc-badge wc-badge--auto",
    };
    let slug = connector.slug.clone();
    let view = context.view;
    let highlighted =
        move || matches!(view.get(), PageView::List { connector: Some(s) } if s == slug);
    // The auto-enabled connector has exactly one connection, made with the hub.
    let add_href = (status == ConnectorStatus::Enabled).then(|| {
        context.href(&PageView::New {
            connector: Some(connector.id.to_string()),
        })
    });
    let list_label = strings::connections_of(&connector.name);
    let refresh = connector
        .oauth
        .as_ref()
        .and_then(|o| o.token_refresh_seconds);
    let provider = connector.oauth.as_ref().map(|o| o.provider);
    view! {
        <li
            class="wc-card"
            class:wc-card--disabled=disabled
            class:wc-card--highlight=highlighted
            data-connector=connector.slug.clone()
            aria-disabled=disabled.then_some("true")
        >
            <div class="wc-card__head">
                <span class="wc-card__logo" aria-hidden="true">
                    {monogram(&connector.name)}
                </span>
                <div class="wc-card__body">
                    <h3 class="wc-card__name">{connector.name.clone()}</h3>
                    <p class="wc-card__description">{connector.description.clone()}</p>
                    <dl class="wc-card__facts">
                        <dt class="wc-visually-hidden">{strings::AUTH_LABEL}</dt>
                        <dd class="wc-badge wc-badge--auth">{strings::auth_label(connector.auth)}</dd>
                        <dt class="wc-visually-hidden">{strings::STATUS_LABEL}</dt>
                        <dd class=status_class>{strings::status_label(status)}</dd>
                    </dl>
                    {disabled.then(|| view! { <p class="wc-card__note">{strings::CONTACT_SUPPORT}</p> })}
                </div>
            </div>
            {(!connections.is_empty())
                .then(|| {
                    view! {
                        <ul class="wc-connections" aria-label=list_label>
                            {connections
                                .into_iter()
                                .map(|connection| view! { <ConnectionRow connection refresh provider /> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {add_href
                .map(|href| {
                    view! {
                        <a class="wc-card__add" href=href>
                            {strings::add_connector(&connector.name)}
                        </a>
                    }
                })}
        </li>
    }
}

#[component]
fn ConnectionRow(
    connection: Connection,
    refresh: Option<u64>,
    provider: Option<OauthProvider>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let href = context.href(&PageView::Connection {
        id: connection.id.to_string(),
    });
    let status = connection.health.status;
    let id = connection.id.to_string();
    // An expired or rejected sign-in is fixed from the row itself.
    let reconnect = provider
        .filter(|_| {
            matches!(
                status,
                HealthStatus::TokenExpired | HealthStatus::AuthFailed
            )
        })
        .map(|provider| view! { <ReconnectButton connection=connection.clone() provider /> });
    view! {
        <li class="wc-connection" data-connection=id data-health=health_slug(status)>
            <div class="wc-connection__top">
                <a class="wc-connection__name" href=href>
                    {connection.name.clone()}
                </a>
                <HealthBadge status />
                <span class="wc-badge" class:wc-badge--enabled=connection.enabled>
                    {if connection.enabled { strings::ENABLED } else { strings::DISABLED }}
                </span>
            </div>
            <p class="wc-connection__message">{connection.health.message.clone()}</p>
            {reconnect}
            <ConnectionFacts connection refresh />
        </li>
    }
}

/// Dates, OAuth account and MCP facts of a connection: what the row and the detail view share.
#[component]
pub(crate) fn ConnectionFacts(connection: Connection, refresh: Option<u64>) -> impl IntoView {
    let created = connection.created_at.clone();
    let updated = connection.updated_at.clone();
    view! {
        <p class="wc-connection__meta">
            <time datetime=created.clone()>{strings::created(&date_time(&created))}</time>
            " · "
            <time datetime=updated.clone()>{strings::updated(&date_time(&updated))}</time>
        </p>
        {connection
            .oauth
            .map(|oauth| {
                view! {
                    <p class="wc-connection__meta wc-connection__oauth">
                        <span>{strings::account(&oauth.account)}</span>
                        {oauth
                            .expires_at
                            .map(|at| {
                                view! {
                                    " · "
                                    <time datetime=at.clone()>
                                        {if is_past(&at) {
                                            strings::token_expired(&date_time(&at))
                                        } else {
                                            strings::token_expires(&date_time(&at))
                                        }}
                                    </time>
                                }
                            })}
                        {refresh.map(|s| view! { " · " <span>{strings::token_refresh(s)}</span> })}
                    </p>
                }
            })}
        {connection
            .mcp
            .map(|mcp| {
                view! {
                    <p class="wc-connection__meta wc-connection__mcp">
                        <span class="wc-connection__tools">{strings::tool_count(mcp.tool_count)}</span>
                        " · "
                        {match mcp.last_sync_at {
                            Some(at) => {
                                view! {
                                    <time datetime=at.clone()>{strings::last_sync(&date_time(&at))}</time>
                                }
                                    .into_any()
                            }
                            None => view! { <span>{strings::NOT_SYNCED}</span> }.into_any(),
                        }}
                    </p>
                }
            })}
    }
}

pub(crate) fn health_slug(status: HealthStatus) -> &'static str {
    match status {
        HealthStatus::Ok => "ok",
        HealthStatus::AuthFailed => "auth_failed",
        HealthStatus::TokenExpired => "token_expired",
        HealthStatus::Quota => "quota",
        HealthStatus::ConfigError => "config_error",
        HealthStatus::Unreachable => "unreachable",
        HealthStatus::Unknown => "unknown",
    }
}

#[component]
pub(crate) fn HealthBadge(status: HealthStatus) -> impl IntoView {
    let tone = match status {
        HealthStatus::Ok => "wc-health--ok",
        HealthStatus::Unknown => "wc-health--unknown",
        HealthStatus::Quota => "wc-health--warn",
        _ => "wc-health--bad",
    };
    view! { <span class=format!("wc-health {tone}")>{strings::health_label(status)}</span> }
}
