//! The Connections page for one hub: groups of connector cards.

use crate::{api::ApiClient, strings};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{
    group_connectors, monogram, Catalog, Connector, ConnectorStatus, ConnectorType, HubError,
};

/// The whole page for `hub_id`, talking to the hub through `client`.
#[component]
pub fn ConnectionsPage(client: ApiClient, hub_id: Uuid) -> impl IntoView {
    let catalog = LocalResource::new(move || {
        let client = client.clone();
        async move { client.catalog(hub_id).await }
    });

    view! {
        <div class="wc-root">
            <header class="wc-header">
                <h1 class="wc-title">{strings::PAGE_TITLE}</h1>
                <p class="wc-intro">{strings::PAGE_INTRO}</p>
            </header>
            <Transition fallback=CatalogSkeleton>
                {move || {
                    catalog
                        .get()
                        .map(|result| match result {
                            Ok(catalog) => view! { <ConnectorGroups catalog /> }.into_any(),
                            Err(error) => {
                                view! { <LoadError error on_retry=move || catalog.refetch() /> }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </div>
    }
}

/// Placeholder blocks while the catalog loads; announced to screen readers as busy.
#[component]
fn CatalogSkeleton() -> impl IntoView {
    view! {
        <div class="wc-skeleton" aria-busy="true" role="status">
            <span class="wc-visually-hidden">{strings::LOADING}</span>
            {(0..3)
                .map(|_| {
                    view! {
                        <div class="wc-skeleton__group" aria-hidden="true">
                            <div class="wc-skeleton__heading"></div>
                            <div class="wc-grid">
                                <div class="wc-skeleton__card"></div>
                                <div class="wc-skeleton__card"></div>
                                <div class="wc-skeleton__card"></div>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn LoadError(error: HubError, on_retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="wc-alert wc-alert--error" role="alert">
            <p class="wc-alert__title">{strings::LOAD_FAILED}</p>
            <p class="wc-alert__body">{strings::hub_error(&error)}</p>
            <button type="button" class="wc-button" on:click=move |_| on_retry()>
                {strings::RETRY}
            </button>
        </div>
    }
}

#[component]
fn ConnectorGroups(catalog: Catalog) -> impl IntoView {
    group_connectors(&catalog.connectors)
        .into_iter()
        .map(|group| {
            let connectors = group.connectors.into_iter().cloned().collect();
            view! { <GroupSection connector_type=group.connector_type connectors /> }
        })
        .collect_view()
}

#[component]
fn GroupSection(connector_type: ConnectorType, connectors: Vec<Connector>) -> impl IntoView {
    let t = connector_type;
    let heading_id = format!("wc-group-{}", t.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section class="wc-group" data-group=t.as_str() aria-labelledby=labelled_by>
            <h2 class="wc-group__title" id=heading_id>
                {strings::group_title(t)}
            </h2>
            <p class="wc-group__description">{strings::group_description(t)}</p>
            <ul class="wc-grid" role="list">
                {connectors
                    .into_iter()
                    .map(|connector| view! { <ConnectorCard connector /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ConnectorCard(connector: Connector) -> impl IntoView {
    let status = connector.status;
    let disabled = status == ConnectorStatus::Disabled;
    let status_class = match status {
        ConnectorStatus::Enabled => "wc-badge wc-badge--enabled",
        ConnectorStatus::Disabled => "wc-badge wc-badge--disabled",
        ConnectorStatus::AutoEnabled => "wc-badge wc-badge--auto",
    };
    view! {
        <li
            class="wc-card"
            class:wc-card--disabled=disabled
            data-connector=connector.slug.clone()
            aria-disabled=disabled.then_some("true")
        >
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
                {disabled
                    .then(|| view! { <p class="wc-card__note">{strings::CONTACT_SUPPORT}</p> })}
            </div>
        </li>
    }
}
