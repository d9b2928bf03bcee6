//! The search box and the groups it narrows as the user types.

use super::cards::GroupSection;
use crate::{
    context::{dom_id, HubData},
    strings,
};
use leptos::prelude::*;
use wayai_core::{group_connectors, search::Query, Connection};

#[component]
pub(super) fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="wc-search" role="search">
            <label class="wc-visually-hidden" for=dom_id("search-input")>
                {strings::SEARCH_LABEL}
            </label>
            <input
                id=dom_id("search-input")
                class="wc-search__input"
                type="search"
                autocomplete="off"
                placeholder=strings::SEARCH_PLACEHOLDER
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The groups, narrowed by the search as the user types.
#[component]
pub(super) fn FilteredGroups(data: HubData, query: RwSignal<String>) -> impl IntoView {
    move || {
        let text = query.get();
        let q = Query::new(&text);
        let all_connections = data.connections.get();
        let groups: Vec<_> = group_connectors(&data.catalog.connectors)
            .into_iter()
            .map(|group| {
                let label = strings::group_title(group.connector_type);
                let shown: Vec<(wayai_core::Connector, Vec<Connection>)> = group
                    .connectors
                    .into_iter()
                    .filter_map(|connector| {
                        let own = all_connections
                            .iter()
                            .filter(|c| c.connector_id == connector.id);
                        let connector_hit =
                            q.matches(&[&connector.name, &connector.description, label]);
                        let connections: Vec<Connection> = own
                            .filter(|c| connector_hit || q.matches(&[&c.name, &c.health.message]))
                            .cloned()
                            .collect();
                        (connector_hit || !connections.is_empty())
                            .then(|| (connector.clone(), connections))
                    })
                    .collect();
                (group.connector_type, shown)
            })
            .filter(|(_, shown)| q.is_empty() || !shown.is_empty())
            .collect();
        let matched: usize = groups.iter().map(|(_, shown)| shown.len()).sum();
        let summary = (!q.is_empty()).then(|| {
            let words = if matched == 0 {
                strings::no_results(&text)
            } else {
                strings::search_results(matched)
            };
            view! {
                <div class="wc-search-summary" role="status" aria-live="polite">
                    <span>{words}</span>
                    {(matched == 0)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="wc-button wc-button--quiet"
                                    on:click=move |_| query.set(String::new())
                                >
                                    {strings::CLEAR_SEARCH}
                                </button>
                            }
                        })}
                </div>
            }
        });
        view! {
            {summary}
            {groups
                .into_iter()
                .map(|(connector_type, shown)| view! { <GroupSection connector_type shown /> })
                .collect_view()}
        }
    }
}
