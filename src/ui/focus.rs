//! Focus that survives an update: the control whose click changed a connection gets focus back,
//! whether or not the view was drawn again. Per page instance: two pages side by side never
//! hand focus to each other.

use crate::context::PageContext;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Called by a control that updates the connection, so it gets focus back afterwards: while its
/// request runs it is disabled, and a disabled control loses focus.
pub(crate) fn refocus_after_update(context: &PageContext, key: &'static str) {
    context.focus_after_update.set_value(Some(key));
}

/// When a control's update is done: it gets focus back, whether or not the details were drawn
/// again (an update that changed nothing visible draws nothing).
pub(crate) fn restore_focus(context: &PageContext) {
    if let Some(key) = context
        .focus_after_update
        .try_update_value(Option::take)
        .flatten()
    {
        focus_control(context, key.to_string());
    }
}

/// Before the details are drawn again: the control that had focus (marked `data-focus`), or
/// whose click caused the change, gets it back in the new drawing.
pub(crate) fn keep_focus(context: &PageContext) {
    let key = context
        .focus_after_update
        .try_update_value(Option::take)
        .flatten()
        .map(str::to_string)
        .or_else(|| {
            document()
                .active_element()
                .and_then(|e| e.get_attribute("data-focus"))
        });
    if let Some(key) = key {
        focus_control(context, key);
    }
}

/// After an update that removed the control that had focus (a Reconnect no longer needed): the
/// connection's own link in its row gets it, or the open view's first control; never the
/// document, where a keyboard user would have to start over.
pub(crate) fn after_its_control_left(context: &PageContext, connection: uuid::Uuid) {
    let context = context.clone();
    request_animation_frame(move || {
        let body: Option<web_sys::Element> = document().body().map(Into::into);
        let active = document().active_element();
        if active.is_some() && active != body {
            return;
        }
        let row = format!("[data-connection='{connection}'] .wc-connection__name");
        let target = context
            .find("dialog[open] button, dialog[open] a[href]")
            .or_else(|| context.find(&row));
        if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// Focuses this instance's open dialog's control marked `data-focus=key` once it is drawn.
fn focus_control(context: &PageContext, key: String) {
    let context = context.clone();
    request_animation_frame(move || {
        let selector = format!("dialog[open] [data-focus='{key}']");
        if let Some(el) = context.find(&selector) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
