//! The standalone page's first two answers, asked for by the bootstrap in `index.html` while the
//! wasm downloads.

use serde::de::DeserializeOwned;
use uuid::Uuid;
use wayai_core::Lang;

/// An answer the standalone page's bootstrap script (in `index.html`) asked for before the wasm
/// arrived: taken once, for this hub, when it is a 2xx that reads as `T`. Anything else (no
/// bootstrap, another hub, a failure) is asked again the usual way, with its error handling.
/// The bootstrap asks in the browser's languages: a catalog the hub served in another language
/// than `lang` (its `Content-Language`) is asked again too.
pub(super) async fn preloaded<T: DeserializeOwned>(
    hub_id: Uuid,
    what: &str,
    lang: Option<Lang>,
) -> Option<T> {
    use wasm_bindgen::JsCast;
    let window: wasm_bindgen::JsValue = web_sys::window()?.into();
    let boot = js_sys::Reflect::get(&window, &"__wayaiPreload".into()).ok()?;
    if !boot.is_object() {
        return None;
    }
    let hub = js_sys::Reflect::get(&boot, &"hub".into())
        .ok()?
        .as_string()?;
    if hub != hub_id.to_string() {
        return None;
    }
    let pending = js_sys::Reflect::get(&boot, &what.into()).ok()?;
    // Once: a Retry or a later load asks the hub again.
    js_sys::Reflect::delete_property(boot.unchecked_ref::<js_sys::Object>(), &what.into()).ok()?;
    let pending = pending.dyn_into::<js_sys::Promise>().ok()?;
    let response = wasm_bindgen_futures::JsFuture::from(pending)
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let served = response.headers().get("content-language").ok().flatten();
    if lang.is_some_and(|lang| served.is_some_and(|s| Lang::from_tag(&s) != Some(lang))) {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}
