//! Mounts the standalone app. The hub API's base URL and bearer token come from the page's
//! `<meta name="wayai:api-base">` and `<meta name="wayai:token">` (see `index.html`).

use wasm_bindgen::JsCast;
use wayai_connections::{api::ApiClient, App};

fn meta(name: &str) -> Option<String> {
    let element = leptos::prelude::document()
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??;
    Some(
        element
            .dyn_into::<web_sys::HtmlMetaElement>()
            .ok()?
            .content(),
    )
}

fn main() {
    let client = ApiClient::new(
        meta("wayai:api-base").unwrap_or_default(),
        meta("wayai:token").unwrap_or_default(),
    );
    leptos::mount::mount_to_body(move || leptos::view! { <App client /> });
}
