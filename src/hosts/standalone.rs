//! The standalone app: the real app's URLs around the page.

use super::routes::routed_view;
use crate::{api::ApiClient, context::page_locale, page::ConnectionsPage, strings::t};
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes},
    hooks::{use_matched, use_params_map},
    path,
};
use uuid::Uuid;

/// The router with the page at `/settings/organizations/:org_id/hubs/:hub_id/connections`, and
/// its deep links `…/new?connector=<uuid>`, `…/<connection_id>` and `…?connector=<slug>`.
#[component]
pub fn App(client: ApiClient) -> impl IntoView {
    provide_context(client);
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="wc-main"><NotFound /></main> }>
                // One parent route, so that opening and closing a view keeps the page (and its
                // data) mounted; the children only make their URLs match.
                <ParentRoute
                    path=path!("/settings/organizations/:org_id/hubs/:hub_id/connections")
                    view=HubConnections
                >
                    <Route path=path!("") view=|| () />
                    <Route path=path!("new") view=|| () />
                    <Route path=path!(":connection_id") view=|| () />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Reads the hub from the URL; an id that is not a UUID is a not-found state, not a request.
#[component]
fn HubConnections() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let params = use_params_map();
    let matched = use_matched();
    let hub = Memo::new(move |_| {
        params
            .read()
            .get("hub_id")
            .and_then(|id| Uuid::parse_str(&id).ok())
    });
    let page = move || match hub.get() {
        Some(hub_id) => {
            // The path as the address has it (a hub id may be in capitals).
            let base = matched.get_untracked();
            let (view, navigate) = routed_view(base.clone());
            view! { <ConnectionsPage client=client.clone() hub_id base_path=base view navigate /> }
                .into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    };
    // The child routes render nothing, but the router commits a URL to the address bar only
    // once the matched child has rendered, which happens in an outlet.
    // The standalone page's one landmark: everything of it is inside `main` (the component adds
    // none of its own, so that it sits in a host's landmarks without clashing).
    view! {
        <main class="wc-main">{page}</main>
        <Outlet />
    }
}

#[component]
fn NotFound() -> impl IntoView {
    // Outside any page: the browser's language.
    let (l, _) = page_locale(Signal::stored(None));
    view! {
        <div class="wc-root" lang=move || crate::strings::lang(l.get()).code()>
            <div class="wc-empty" role="status">
                <h1 class="wc-title">{move || t!(l.get(), not_found_title)}</h1>
                <p>{move || t!(l.get(), not_found_body)}</p>
            </div>
        </div>
    }
}
