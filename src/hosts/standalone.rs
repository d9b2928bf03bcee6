//! The standalone app: the real app's URLs around the page.

use super::address::AddressViews;
use crate::{
    api::ApiClient, config::Theme, context::page_locale, page::ConnectionsPage, strings::tl,
    ui::words::once_worded,
};
use leptos::prelude::*;
use wayai_core::view::{credentials_page, hub_page};

/// The page at `/settings/organizations/:org_id/hubs/:hub_id/connections`, and its deep links
/// `…/new?connector=<uuid>`, `…/<connection_id>` and `…?connector=<slug>`, kept in the address
/// (pushState, back and forward) without a router: the page is its one route, and leptos_router
/// was 36.5 KB of the bundle (brotli). The organization's credentials view at
/// `/settings/organizations/:org_id/credentials` is a page of its own (`credentials.html`, its
/// own bundle). Any other address, or an id that is not a UUID, is a not-found state.
#[component]
pub fn App(client: ApiClient) -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    // The standalone page's one landmark: everything of it is inside `main` (the component adds
    // none of its own, so that it sits in a host's landmarks without clashing).
    let page = match (hub_page(&path), credentials_page(&path)) {
        // The credentials view is a page and a bundle of its own (`credentials.html`, which the
        // hub serves at this address); a server that answers every address with this page (the
        // dev server) is sent there.
        (_, Some(organization_id)) => {
            let _ = window()
                .location()
                .replace(&format!("/credentials.html?organization={organization_id}"));
            ().into_any()
        }
        (Some((base, hub_id)), _) => view! {
            <AddressViews
                base=Some(base)
                page=move |base_path, view, navigate| {
                    let credentials_url = wayai_core::view::credentials_of(&base_path);
                    let hub_url = wayai_core::view::hub_pattern_of(&base_path);
                    view! { <ConnectionsPage client hub_id base_path view navigate credentials_url hub_url /> }
                }
            />
        }
        .into_any(),
        (None, None) => view! { <NotFound /> }.into_any(),
    };
    view! { <main class="wc-main">{page}</main> }
}

#[component]
fn NotFound() -> impl IntoView {
    // Outside any page: the browser's language, drawn once its words are here (no flash of
    // English before Portuguese; English when they cannot come).
    let (l, _, words) = page_locale(Signal::stored(None));
    once_worded(words, Theme::System, move || {
        view! {
            <div class="wc-root" lang=move || crate::strings::lang(l.get()).code()>
                <div class="wc-empty" role="status">
                    <h1 class="wc-title">{tl!(l, not_found_title)}</h1>
                    <p>{tl!(l, not_found_body)}</p>
                </div>
            </div>
        }
        .into_any()
    })
}
