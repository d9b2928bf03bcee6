//! A warm start: a host that knows the page is coming (the settings screen is open, the
//! Connections tab is not yet) starts the page's two requests early; the page, once mounted,
//! takes their answers instead of asking. One preload at a time, for one hub: a preload for
//! another hub replaces it, one asked again for the same hub while fresh starts nothing. Only
//! answers are held, never the token (the client asks its token source as for any request).
//!
//! The standalone page takes the same path for its first load: its bootstrap script
//! (`index.html`) asks for the two answers while the wasm downloads, and the page takes them in
//! as a preload.

use super::ApiClient;
use futures_util::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};
use std::cell::RefCell;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wayai_core::{Catalog, ConnectionList, Lang};

/// How long preloaded answers are good for: older ones are asked again (a connection may have
/// changed since).
pub(crate) const FRESH_MS: f64 = 60_000.0;

/// An answer on its way: `None` when it failed (the page then asks again, the usual way, with its
/// error handling).
type Pending<T> = Shared<LocalBoxFuture<'static, Option<T>>>;

struct Warm {
    base: String,
    hub: Uuid,
    lang: Lang,
    started_ms: f64,
    catalog: Option<Pending<Catalog>>,
    connections: Option<Pending<ConnectionList>>,
}

impl Warm {
    fn fresh_for(&self, base: &str, hub: Uuid) -> bool {
        self.base == base && self.hub == hub && js_sys::Date::now() - self.started_ms < FRESH_MS
    }
}

thread_local! {
    static WARM: RefCell<Option<Warm>> = const { RefCell::new(None) };
}

/// Starts `future` (driven at once, not when first awaited) and keeps its answer for whoever
/// awaits it: a preload's answers, a page drawn ahead.
pub(crate) fn started<T: Clone + 'static>(
    future: impl std::future::Future<Output = T> + 'static,
) -> Shared<LocalBoxFuture<'static, T>> {
    let shared = future.boxed_local().shared();
    wasm_bindgen_futures::spawn_local(shared.clone().map(|_| ()));
    shared
}

/// Starts the page's two requests for `hub`, the catalog in `lang`, unless a fresh preload for
/// them is already under way or done.
pub(super) fn start(client: &ApiClient, hub: Uuid, lang: Lang) {
    let unchanged = WARM.with_borrow(|w| {
        w.as_ref().is_some_and(|w| {
            w.fresh_for(&client.base, hub)
                && w.lang == lang
                && w.catalog.is_some()
                && w.connections.is_some()
        })
    });
    if unchanged {
        return;
    }
    let catalog = {
        let client = client.clone();
        started(async move { client.ask_catalog(hub, lang).await.ok() })
    };
    let connections = {
        let client = client.clone();
        started(async move { client.ask_connections(hub).await.ok() })
    };
    WARM.set(Some(Warm {
        base: client.base.clone(),
        hub,
        lang,
        started_ms: js_sys::Date::now(),
        catalog: Some(catalog),
        connections: Some(connections),
    }));
}

/// Whether the fresh preload for `hub` on `base` got both its answers as successes: waits for
/// them, takes neither (the page takes them).
pub(super) async fn answered(base: &str, hub: Uuid) -> bool {
    let pending = WARM.with_borrow(|w| {
        let w = w.as_ref().filter(|w| w.fresh_for(base, hub))?;
        Some((w.catalog.clone()?, w.connections.clone()?))
    });
    let Some((catalog, connections)) = pending else {
        return false;
    };
    catalog.await.is_some() && connections.await.is_some()
}

/// The preloaded catalog of `hub` in `lang`, taken once (a Retry asks the hub), when fresh and
/// for this client's hub API; its answer when it is a success.
pub(super) async fn catalog(base: &str, hub: Uuid, lang: Lang) -> Option<Catalog> {
    take_in_bootstrap();
    let pending = WARM.with_borrow_mut(|w| {
        let w = w
            .as_mut()
            .filter(|w| w.fresh_for(base, hub) && w.lang == lang)?;
        w.catalog.take()
    })?;
    pending.await
}

/// The preloaded connections of `hub`, taken once, as [`catalog`].
pub(super) async fn connections(base: &str, hub: Uuid) -> Option<ConnectionList> {
    take_in_bootstrap();
    let pending = WARM.with_borrow_mut(|w| {
        let w = w.as_mut().filter(|w| w.fresh_for(base, hub))?;
        w.connections.take()
    })?;
    pending.await
}

/// Takes in, once, what the standalone page's bootstrap asked for (`window.__wayaiPreload`:
/// `base`, `hub` and the two `fetch` promises), as a preload made now. The bootstrap cannot know
/// the page's language rule: it asks in the browser's languages, and a catalog the hub served
/// in another language than the page's (its `Content-Language`) is not used.
fn take_in_bootstrap() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let key = wasm_bindgen::JsValue::from_str("__wayaiPreload");
    let boot = js_sys::Reflect::get(&window, &key).unwrap_or_default();
    if !boot.is_object() {
        return;
    }
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let field = |name: &str| js_sys::Reflect::get(&boot, &name.into()).unwrap_or_default();
    let Some(hub) = field("hub").as_string().and_then(|h| h.parse().ok()) else {
        return;
    };
    // The page's rule (`strings::page_tags` without a host locale).
    let lang = (window.navigator().languages().iter())
        .find_map(|l| Lang::from_tag(&l.as_string()?))
        .unwrap_or_default();
    let catalog = started(answer::<Catalog>(field("connectors"), Some(lang)));
    let connections = started(answer::<ConnectionList>(field("connections"), None));
    WARM.set(Some(Warm {
        base: field("base").as_string().unwrap_or_default(),
        hub,
        lang,
        started_ms: js_sys::Date::now(),
        catalog: Some(catalog),
        connections: Some(connections),
    }));
}

/// A bootstrap `fetch` promise's answer when it is a 2xx that reads as `T` (and, with `lang`,
/// was served in it).
async fn answer<T: serde::de::DeserializeOwned>(
    pending: wasm_bindgen::JsValue,
    lang: Option<Lang>,
) -> Option<T> {
    use wasm_bindgen_futures::JsFuture;
    let pending = pending.dyn_into::<js_sys::Promise>().ok()?;
    let response: web_sys::Response = JsFuture::from(pending).await.ok()?.dyn_into().ok()?;
    let served = response.headers().get("content-language").ok().flatten();
    if lang.is_some_and(|lang| served.is_some_and(|s| Lang::from_tag(&s) != Some(lang))) {
        return None;
    }
    json_body(response).await
}

/// A response's body as `T`, when it is a 2xx that reads as one.
pub(crate) async fn json_body<T: serde::de::DeserializeOwned>(
    response: web_sys::Response,
) -> Option<T> {
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}
