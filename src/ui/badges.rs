//! Small pieces that show a connection's state: its health badge and its facts (dates, account,
//! tools), shared by the cards and the connection's view.

use crate::{
    context::Shell,
    strings::{self, t},
    ui::format::{date_time, is_past},
};
use leptos::prelude::*;
use wayai_core::{Connection, HealthStatus};

/// Dates, OAuth account and MCP facts of a connection: what the row and the detail view share.
#[component]
pub(crate) fn ConnectionFacts(connection: Connection, refresh: Option<u64>) -> impl IntoView {
    let locale = expect_context::<Shell>().locale;
    // Drawn again, whole, when the language changes (one subscription per row).
    move || facts(locale.get(), connection.clone(), refresh)
}

fn facts(l: crate::i18n::Locale, connection: Connection, refresh: Option<u64>) -> impl IntoView {
    let created = connection.created_at.clone();
    let updated = connection.updated_at.clone();
    let created_words = t!(l, created, when = date_time(&created)).to_string();
    let updated_words = t!(l, updated, when = date_time(&updated)).to_string();
    view! {
        <p class="wc-connection__meta">
            <time datetime=created>{created_words}</time>
            " · "
            <time datetime=updated>{updated_words}</time>
        </p>
        {connection
            .oauth
            .map(|oauth| {
                view! {
                    <p class="wc-connection__meta wc-connection__oauth">
                        <span>{t!(l, account, label = &oauth.account).to_string()}</span>
                        {oauth
                            .expires_at
                            .clone()
                            .map(|at| {
                                view! {
                                    " · "
                                    <time datetime=at.clone()>
                                        {if is_past(&at) {
                                            t!(l, token_expired_at, when = date_time(&at)).to_string()
                                        } else {
                                            t!(l, token_expires, when = date_time(&at)).to_string()
                                        }}
                                    </time>
                                }
                            })}
                        {renewal(l, &oauth, refresh).map(|words| view! { " · " <span>{words}</span> })}
                        {(!oauth.scopes.is_empty()).then(|| {
                            let scopes = oauth.scopes.join(", ");
                            view! { " · " <span>{t!(l, scopes_granted, scopes).to_string()}</span> }
                        })}
                    </p>
                }
            })}
        {connection
            .whatsapp
            .map(|account| {
                view! {
                    <p class="wc-connection__meta wc-connection__whatsapp">
                        {strings::phone_fact(l, account.phone_number.as_ref())}
                    </p>
                }
            })}
        {connection
            .mcp
            .map(|mcp| {
                view! {
                    <p class="wc-connection__meta wc-connection__mcp">
                        <span class="wc-connection__tools">{strings::tool_count(l, mcp.tool_count)}</span>
                        " · "
                        {match mcp.last_sync_at {
                            Some(at) => {
                                view! {
                                    <time datetime=at.clone()>{t!(l, last_sync, when = date_time(&at)).to_string()}</time>
                                }
                                    .into_any()
                            }
                            None => view! { <span>{t!(l, not_synced)}</span> }.into_any(),
                        }}
                    </p>
                }
            })}
    }
}

/// What the page says about renewing a token: only what the hub does (an MCP server's token
/// when it can be renewed; other providers' as their connector says).
fn renewal(
    l: crate::i18n::Locale,
    oauth: &wayai_core::OauthAccount,
    every: Option<u64>,
) -> Option<String> {
    match oauth.refreshable {
        Some(false) => None,
        Some(true) => Some(t!(l, token_renewed).to_string()),
        None => every.map(|s| strings::token_refresh(l, s)),
    }
}

#[component]
pub(crate) fn HealthBadge(status: HealthStatus) -> impl IntoView {
    let l = expect_context::<Shell>().locale;
    let tone = match status {
        HealthStatus::Ok => "wc-health--ok",
        HealthStatus::Unknown => "wc-health--unknown",
        HealthStatus::Quota | HealthStatus::ProductionCredentialMissing => "wc-health--warn",
        _ => "wc-health--bad",
    };
    view! { <span class=format!("wc-health {tone}")>{move || strings::health_label(l.get(), status)}</span> }
}
