//! The notice shown while the hub has no Agent connection.

use crate::{
    context::{dom_id, HubData, PageContext},
    strings::{t, tl},
};
use leptos::prelude::*;
use wayai_core::{ConnectorStatus, PageView};

/// The notice shown while the hub has no Agent connection, with a one-click way to add one.
#[component]
pub(super) fn AgentNotice(data: HubData) -> impl IntoView {
    let has_agent = {
        Memo::new(move |_| {
            data.connections.with(|list| {
                list.iter().any(|c| {
                    data.connector(c.connector_id)
                        .is_some_and(|k| k.capabilities().agent)
                })
            })
        })
    };
    // A production hub's connections come from its preview: the notice's button would add one.
    let production = expect_context::<PageContext>().hub;
    move || {
        (!has_agent.get() && !production.get().is_production())
            .then(|| view! { <AgentNoticeBody data /> })
    }
}

#[component]
fn AgentNoticeBody(data: HubData) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let first_agent = data.catalog.with_untracked(|catalog| {
        catalog
            .connectors
            .iter()
            .find(|c| c.capabilities().agent && c.status == ConnectorStatus::Enabled)
            .cloned()
    })?;
    let href = context.href(&PageView::New {
        connector: Some(first_agent.id.to_string()),
        auth: None,
    });
    Some(view! {
        <aside class="wc-notice" role="note" aria-labelledby=dom_id("agent-notice-title")>
            <div>
                <p class="wc-notice__title" id=dom_id("agent-notice-title")>
                    {tl!(l, agent_notice_title)}
                </p>
                <p class="wc-notice__body">{tl!(l, agent_notice_body)}</p>
            </div>
            <a class="wc-button" href=href>
                {
                    let name = first_agent.name.clone();
                    move || t!(l.get(), add_connector, name = name.clone()).to_string()
                }
            </a>
        </aside>
    })
}
