//! The search box and the groups it narrows as the user types.

use super::{
    cards::{GroupSection, OtherConnections},
    kept::SearchKept,
};
use crate::{
    context::{dom_id, HubData},
    strings,
};
use leptos::prelude::*;
use wayai_core::search::{filter_catalog, kept, orphaned_connections, Query};

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

/// The groups, narrowed by the search as the user types. Everything is drawn once (again only
/// when the connections change); a keystroke only decides what is hidden.
#[component]
pub(super) fn FilteredGroups(data: HubData, query: RwSignal<String>) -> impl IntoView {
    let kept = {
        let data = data.clone();
        Memo::new(move |_| {
            let q = Query::new(&query.get());
            data.connections.with(|all| {
                kept(&data.catalog.connectors, all, &q, |t| {
                    strings::group_title(t).to_string()
                })
            })
        })
    };
    provide_context(SearchKept(kept));
    let summary = move || {
        let text = query.get();
        let q = Query::new(&text);
        if q.is_empty() {
            return None;
        }
        let nothing = kept.with(|k| k.matched == 0 && k.connections.is_empty());
        let words = if nothing {
            strings::no_results(&text)
        } else {
            strings::search_results(kept.with(|k| k.matched))
        };
        Some(view! {
            <div class="wc-search-summary" role="status" aria-live="polite">
                <span>{words}</span>
                {nothing
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
        })
    };
    let everything = move || {
        let all_connections = data.connections.get();
        let (groups, _) = filter_catalog(
            &data.catalog.connectors,
            &all_connections,
            &Query::default(),
            |t| strings::group_title(t).to_string(),
        );
        let orphans = orphaned_connections(
            &data.catalog.connectors,
            &all_connections,
            &Query::default(),
        );
        view! {
            {groups
                .into_iter()
                .map(|g| view! { <GroupSection connector_type=g.connector_type shown=g.connectors /> })
                .collect_view()}
            {(!orphans.is_empty()).then(|| view! { <OtherConnections connections=orphans /> })}
        }
    };
    view! {
        {summary}
        {everything}
    }
}
