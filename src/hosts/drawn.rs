//! The page as a JavaScript host has it, whether drawn at `mount` or ahead of it (`ahead`): its
//! views in the address or in memory, its events told to a JavaScript function.

use super::{address::AddressViews, ConfiguredPage};
use crate::config::{ConnectionsConfig, ConnectionsEvent};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::JsValue;

/// The host's `onEvent`, given at `mount` (none before).
pub(super) type Events = Rc<RefCell<Option<js_sys::Function>>>;

/// Draws the page into `element`; what removes it.
pub(super) fn draw(
    element: web_sys::HtmlElement,
    config: ConnectionsConfig,
    base: Option<String>,
) -> Box<dyn FnOnce()> {
    let handle = leptos::mount::mount_to(element, move || {
        view! { <HistoryConnections config base /> }
    });
    Box::new(move || drop(handle))
}

/// The host's `onEvent` for a page, from the slot `mount` fills.
pub(super) fn events_to(events: Events) -> Callback<ConnectionsEvent> {
    let events = send_wrapper::SendWrapper::new(events);
    Callback::new(move |event: ConnectionsEvent| {
        if let Some(f) = events.borrow().as_ref() {
            let _ = f.call1(&JsValue::NULL, &event_to_js(&event));
        }
    })
}

fn event_to_js(event: &ConnectionsEvent) -> JsValue {
    let value = match event {
        ConnectionsEvent::Created(c) => serde_json::json!({ "type": "created", "connection": c }),
        ConnectionsEvent::Updated(c) => serde_json::json!({ "type": "updated", "connection": c }),
        ConnectionsEvent::Deleted(id) => serde_json::json!({ "type": "deleted", "id": id }),
        ConnectionsEvent::AuthenticationRequired => {
            serde_json::json!({ "type": "authentication_required" })
        }
    };
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// The page for a host without a router: with `base`, its views live in the address under it;
/// without, in memory.
#[component]
fn HistoryConnections(config: ConnectionsConfig, base: Option<String>) -> impl IntoView {
    view! {
        <AddressViews
            base
            page=move |base, view, navigate| view! { <ConfiguredPage config base view navigate /> }
        />
    }
}
