//! A small Leptos host: its own router, navigation and pages, with the Connections page nested
//! under `/admin/hubs/:hub/connections` through `ConnectionsRoutes` (no second router), and the
//! organization's credentials view at `/admin/credentials` through `CredentialsRoute`.
//! Compiled by the test command (`cargo build --example leptos_host --target wasm32-unknown-unknown`).

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes, A},
    path,
};
use uuid::Uuid;
use wayai_connections::{
    api::TokenSource, ConnectionsConfig, ConnectionsEvent, ConnectionsRoutes, CredentialsRoute,
    Theme,
};

const ORG: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000a001);
const HUB: Uuid = Uuid::from_u128(0x5a1e0000_0000_4000_8000_00000000b001);

#[component]
fn Host() -> impl IntoView {
    let last_event = RwSignal::new(String::from("none yet"));
    let mut config = ConnectionsConfig::new(
        "http://127.0.0.1:8787",
        HUB,
        // A real host returns its session's token, refreshing it when asked (`refresh == true`
        // after the hub answered 401).
        TokenSource::refreshing(|_refresh| async { "dev-token".to_string() }),
    );
    config.theme = Theme::Light;
    config.locale = "en-GB".into();
    config.on_event = Some(Callback::new(move |event: ConnectionsEvent| {
        last_event.set(match event {
            ConnectionsEvent::Created(c) => format!("created {}", c.name),
            ConnectionsEvent::Updated(c) => format!("updated {}", c.name),
            ConnectionsEvent::Deleted(id) => format!("deleted {id}"),
            ConnectionsEvent::AuthenticationRequired => "please sign in again".into(),
        })
    }));
    view! {
        <Router>
            <header class="host-header">
                <nav>
                    <A href="/">"Dashboard"</A>
                    " · "
                    <A href="/admin/hubs/demo/connections">"Connections"</A>
                    " · "
                    <A href="/admin/credentials">"Credentials"</A>
                </nav>
                <p>"Last event: " {move || last_event.get()}</p>
            </header>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=|| view! { <h1>"Dashboard"</h1> } />
                    <ConnectionsRoutes path=path!("/admin/hubs/demo/connections") config=config.clone() />
                    <CredentialsRoute path=path!("/admin/credentials") config organization_id=ORG />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(Host);
}
