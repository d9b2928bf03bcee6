//! Small pieces that show a connection's state: its health badge and its facts (dates, account,
//! tools), shared by the cards and the connection's view.

use crate::{
    strings,
    ui::format::{date_time, is_past},
};
use leptos::prelude::*;
use wayai_core::{Connection, HealthStatus};

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
            .whatsapp
            .map(|account| {
                view! {
                    <p class="wc-connection__meta wc-connection__whatsapp">
                        {strings::phone_fact(account.phone_number.as_ref())}
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
