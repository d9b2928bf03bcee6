//! The hosts of the page: the standalone app (`standalone`), a Leptos host's own router
//! (`routes`), and any web page through JavaScript (`mount`). Each takes a
//! [`ConnectionsConfig`] whole and renders [`ConfiguredPage`].

pub(crate) mod address;
mod ahead;
mod drawn;
pub(crate) mod mount;
pub(crate) mod routes;
pub(crate) mod standalone;

use crate::{config::ConnectionsConfig, page::ConnectionsPage};
use leptos::prelude::*;
use wayai_core::PageView;

/// The page as a host's configuration describes it, at `base`, showing `view`.
#[component]
pub(crate) fn ConfiguredPage(
    config: ConnectionsConfig,
    base: String,
    #[prop(into)] view: Signal<PageView>,
    navigate: Callback<String>,
) -> impl IntoView {
    view! {
        <ConnectionsPage
            client=config.client()
            hub_id=config.hub_id
            base_path=base
            view
            navigate
            theme=config.theme
            locale=config.locale
            on_event=config.on_event
            oauth_timings=config.oauth_timings
            credentials_url=config.credentials_url
            hub_url=config.hub_url
        />
    }
}
