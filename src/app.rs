//! The standalone app: the real app's URLs around the page.

use crate::{api::ApiClient, strings, ConnectionsPage};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_params_map,
    path,
};
use uuid::Uuid;

/// The router with the page at `/settings/organizations/:org_id/hubs/:hub_id/connections`.
#[component]
pub fn App(client: ApiClient) -> impl IntoView {
    provide_context(client);
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route
                    path=path!("/settings/organizations/:org_id/hubs/:hub_id/connections")
                    view=HubConnections
                />
            </Routes>
        </Router>
    }
}

/// Reads the hub id from the URL; an id that is not a UUID is a not-found state, not a request.
#[component]
fn HubConnections() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let params = use_params_map();
    let hub_id = Memo::new(move |_| {
        params
            .read()
            .get("hub_id")
            .and_then(|id| Uuid::parse_str(&id).ok())
    });
    move || match hub_id.get() {
        Some(hub_id) => view! { <ConnectionsPage client=client.clone() hub_id /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <div class="wc-root">
            <div class="wc-empty" role="status">
                <h1 class="wc-title">{strings::NOT_FOUND_TITLE}</h1>
                <p>{strings::NOT_FOUND_BODY}</p>
            </div>
        </div>
    }
}
