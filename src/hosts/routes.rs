//! The page as nested routes under a host's own router.

use super::ConfiguredPage;
use crate::config::ConnectionsConfig;
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route},
    hooks::{use_location, use_matched, use_navigate},
    path, PossibleRouteMatch,
};
use std::sync::Arc;
use wayai_core::PageView;

/// The page as routes under a host's own router (no second router): `path` is where the host
/// puts it, and the page's views nest under it (`…/new?connector=…`, `…/<connection id>`).
///
/// ```ignore
/// <Routes fallback=NotFound>
///     <Route path=path!("/") view=Home />
///     <ConnectionsRoutes path=path!("/admin/connections") config />
/// </Routes>
/// ```
// The trait is named in full: under `erase_components` an import of it goes unused.
#[component(transparent)]
pub fn ConnectionsRoutes<Segments>(
    path: Segments,
    config: ConnectionsConfig,
) -> impl leptos_router::MatchNestedRoutes + Clone
where
    Segments: PossibleRouteMatch + Clone + Send + 'static,
{
    let config = Arc::new(config);
    let view = move || view! { <RoutedConnections config=config.clone() /> };
    view! {
        <ParentRoute path view>
            <Route path=path!("") view=|| () />
            <Route path=path!("new") view=|| () />
            <Route path=path!(":connection_id") view=|| () />
        </ParentRoute>
    }
    .into_inner()
}

/// Under a router: the view the router's location asks for below `base`, and navigation through
/// the router.
fn routed_view(base: String) -> (Signal<PageView>, Callback<String>) {
    let location = use_location();
    let view = Signal::derive(move || {
        let path = location.pathname.get();
        let rest = path.strip_prefix(base.as_str()).unwrap_or_default();
        // The address keeps its escapes; the view is of what they encode.
        PageView::from_parts(
            &wayai_core::view::percent_decode(rest),
            location.query.read().get("connector"),
            location.query.read().get("auth"),
        )
    });
    let navigate = use_navigate();
    let navigate = Callback::new(move |href: String| navigate(&href, Default::default()));
    (view, navigate)
}

/// The page inside a host's route: its base is the path the route matched.
#[component]
fn RoutedConnections(config: Arc<ConnectionsConfig>) -> impl IntoView {
    let base = use_matched().get_untracked();
    let (view, navigate) = routed_view(base.clone());
    view! {
        <ConfiguredPage config=(*config).clone() base view navigate />
        // The router commits a URL only once the matched child has rendered in an outlet.
        <Outlet />
    }
}

/// The organization's credentials view as a route under a host's own router, at `path`.
///
/// ```ignore
/// <CredentialsRoute path=path!("/admin/credentials") config organization_id />
/// ```
#[component(transparent)]
pub fn CredentialsRoute<Segments>(
    path: Segments,
    config: ConnectionsConfig,
    organization_id: uuid::Uuid,
) -> impl leptos_router::MatchNestedRoutes + Clone
where
    Segments: PossibleRouteMatch + Clone + Send + 'static,
{
    let config = Arc::new(config);
    let view = move || {
        let config = (*config).clone();
        view! { <crate::OrgCredentialsPage config organization_id /> }
    };
    view! { <Route path view /> }.into_inner()
}
