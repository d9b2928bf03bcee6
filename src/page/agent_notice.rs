//! The notice shown while the hub has no Agent connection.

use crate::{
    context::{dom_id, HubData, PageContext},
    strings,
};
use leptos::prelude::*;
use wayai_core::{ConnectorStatus, ConnectorType, PageView};

/// The notice shown while the hub has no Agent connection, with a one-click way to add one.
#[component]
pub(super) fn AgentNotice(data: HubData) -> impl IntoView {
    let has_agent = {
        let data = data.clone();
        Memo::new(move |_| {
            data.connections.with(|list| {
                list.iter().any(|c| {
                    data.connector(c.connector_id)
                        .is_some_and(|k| k.connector_type == ConnectorType::Agent)
                })
            })
        })
    };
    move || (!has_agent.get()).then(|| view! { <AgentNoticeBody data=data.clone() /> })
}

#[component]
fn AgentNoticeBody(data: HubData) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let first_agent = data.catalog.connectors.iter().find(|c| {
        c.connector_type == ConnectorType::Agent && c.status == ConnectorStatus::Enabled
    })?;
    let href = context.href(&PageView::New {
        connector: Some(first_agent.id.to_string()),
        auth: None,
    });
    Some(view! {
        <aside class="wc-notice" role="note" aria-labelledby=dom_id("agent-notice-title")>
            <div>
                <p class="wc-notice__title" id=dom_id("agent-notice-title")>
                    {strings::AGENT_NOTICE_TITLE}
                </p>
                <p class="wc-notice__body">{strings::AGENT_NOTICE_BODY}</p>
            </div>
            <a class="wc-button" href=href>
                {strings::add_connector(&first_agent.name)}
            </a>
        </aside>
    })
}
