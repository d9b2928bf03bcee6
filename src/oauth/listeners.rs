//! What a running flow listens with: the window's `message` events, the BroadcastChannel, and
//! its clock. Each is removed when the flow that holds it is dropped.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use wayai_core::oauth as flow;

/// A listener or timer, with the closure the browser calls (kept alive as long as it is).
pub(super) enum Listener {
    Message(Closure<dyn FnMut(web_sys::MessageEvent)>),
    Channel {
        channel: web_sys::BroadcastChannel,
        _handler: Closure<dyn FnMut(web_sys::MessageEvent)>,
    },
    Interval {
        id: i32,
        _handler: Closure<dyn FnMut()>,
    },
}

impl Drop for Listener {
    fn drop(&mut self) {
        match self {
            Listener::Message(closure) => {
                let _ = window().remove_event_listener_with_callback(
                    "message",
                    closure.as_ref().unchecked_ref(),
                );
            }
            Listener::Channel { channel, .. } => {
                channel.set_onmessage(None);
                channel.close();
            }
            Listener::Interval { id, .. } => window().clear_interval_with_handle(*id),
        }
    }
}

/// Listens for a flow's result: the message listener on the window, and the BroadcastChannel
/// when the callback page can share it (same origin). `received` is called with the message's
/// origin and its data as JSON text.
pub(super) fn listen_for_result(
    hub_origin: &str,
    received: impl Fn(String, String) + Clone + 'static,
) -> Vec<Listener> {
    let handler = move || {
        let received = received.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = js_sys::JSON::stringify(&ev.data())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            received(ev.origin(), data);
        })
    };
    let mut listeners = Vec::new();
    let on_message = handler();
    if window()
        .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
        .is_ok()
    {
        listeners.push(Listener::Message(on_message));
    }
    if hub_origin == page_origin() {
        if let Ok(channel) = web_sys::BroadcastChannel::new(flow::CHANNEL) {
            let on_channel = handler();
            channel.set_onmessage(Some(on_channel.as_ref().unchecked_ref()));
            listeners.push(Listener::Channel {
                channel,
                _handler: on_channel,
            });
        }
    }
    listeners
}

/// Calls `tick` every `ms` milliseconds until the returned listener is dropped.
pub(super) fn every(ms: i32, tick: impl FnMut() + 'static) -> Listener {
    let handler = Closure::<dyn FnMut()>::new(tick);
    let id = window()
        .set_interval_with_callback_and_timeout_and_arguments_0(
            handler.as_ref().unchecked_ref(),
            ms,
        )
        .unwrap_or_default();
    Listener::Interval {
        id,
        _handler: handler,
    }
}

pub(super) fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}
