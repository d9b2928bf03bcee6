//! The search box and the groups it narrows as the user types.

use super::{
    cards::{GroupSection, OtherConnections},
    kept::SearchKept,
};
use crate::{
    context::{dom_id, HubData, PageContext},
    strings::{self, t, tl},
};
use leptos::prelude::*;
use wayai_core::{
    search::{filter_catalog, orphaned_connections, Query, SearchIndex},
    Groups,
};

#[component]
pub(super) fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <div class="wc-search" role="search">
            <label class="wc-visually-hidden" for=dom_id("search-input")>
                {tl!(l, search_label)}
            </label>
            <input
                id=dom_id("search-input")
                class="wc-search__input"
                type="search"
                autocomplete="off"
                placeholder=tl!(l, search_placeholder)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The catalog's groups (in the language it was asked in), or the page's seven for a hub that
/// names none, in the page's words.
fn page_groups(data: &HubData, l: Memo<crate::i18n::Locale>) -> Memo<Groups> {
    let catalog = data.catalog;
    Memo::new(move |_| {
        let l = l.get();
        catalog.with(|catalog| {
            Groups::new(&catalog.groups, |kind| {
                let (title, description) = strings::group_words(l, kind);
                (title.to_string(), description.to_string())
            })
        })
    })
}

/// The groups, narrowed by the search as the user types. Everything is drawn once (again only
/// when the connections change); a keystroke only decides what is hidden.
#[component]
pub(super) fn FilteredGroups(data: HubData, query: RwSignal<String>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let groups = page_groups(&data, l);
    // Lowercased once per change of the connections or the language, not per keystroke.
    let index = {
        Memo::new(move |_| {
            // A group is found by the title the person reads.
            groups.with(|groups| {
                data.catalog.with(|catalog| {
                    data.connections
                        .with(|all| SearchIndex::new(groups, &catalog.connectors, all))
                })
            })
        })
    };
    let kept = Memo::new(move |_| {
        let q = Query::new(&query.get());
        index.with(|index| index.kept(&q))
    });
    provide_context(SearchKept(kept));
    let summary = move || {
        let text = query.get();
        let q = Query::new(&text);
        if q.is_empty() {
            return None;
        }
        let nothing = kept.with(|k| k.matched == 0 && k.connections.is_empty());
        let words = if nothing {
            t!(l.get(), no_results, query = text.trim()).to_string()
        } else {
            strings::search_results(l.get(), kept.with(|k| k.matched))
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
                                {tl!(l, clear_search)}
                            </button>
                        }
                    })}
            </div>
        })
    };
    let everything = move || {
        let all_connections = data.connections.get();
        let catalog = data.catalog.get();
        let shown = groups.with_untracked(|groups| {
            filter_catalog(
                groups,
                &catalog.connectors,
                &all_connections,
                &Query::default(),
            )
            .0
        });
        let orphans =
            orphaned_connections(&catalog.connectors, &all_connections, &Query::default());
        view! {
            {shown
                .into_iter()
                .map(|g| view! { <GroupSection id=g.group.id.clone() groups shown=g.connectors /> })
                .collect_view()}
            {(!orphans.is_empty()).then(|| view! { <OtherConnections connections=orphans /> })}
        }
    };
    view! {
        {summary}
        {everything}
    }
}
