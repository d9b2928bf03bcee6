//! A warm start: a host that knows the page is coming (the settings screen is open, the
//! Connections tab is not yet) starts the page's two requests early; the page, once mounted,
//! takes their answers instead of asking. One preload at a time, for one hub: a preload for
//! another hub replaces it, one asked again for the same hub while fresh starts nothing. Only
//! answers are held, never the token (the client asks its token source as for any request).

use super::ApiClient;
use futures_util::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};
use std::cell::RefCell;
use uuid::Uuid;
use wayai_core::{Catalog, Connection, HubError, Lang};

/// How long preloaded answers are good for: older ones are asked again (a connection may have
/// changed since).
const FRESH_MS: f64 = 60_000.0;

type Pending<T> = Shared<LocalBoxFuture<'static, Result<T, HubError>>>;

struct Warm {
    base: String,
    hub: Uuid,
    lang: Lang,
    started_ms: f64,
    catalog: Option<Pending<Catalog>>,
    connections: Option<Pending<Vec<Connection>>>,
}

impl Warm {
    fn fresh_for(&self, base: &str, hub: Uuid) -> bool {
        self.base == base && self.hub == hub && js_sys::Date::now() - self.started_ms < FRESH_MS
    }
}

thread_local! {
    static WARM: RefCell<Option<Warm>> = const { RefCell::new(None) };
}

/// Starts (driven at once, not when first awaited) and keeps an answer.
fn started<T: Clone + 'static>(
    future: impl std::future::Future<Output = Result<T, HubError>> + 'static,
) -> Pending<T> {
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
        started(async move { client.ask_catalog(hub, lang).await })
    };
    let connections = {
        let client = client.clone();
        started(async move { client.ask_connections(hub).await })
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

/// The preloaded catalog of `hub` in `lang`, taken once (a Retry asks the hub), when fresh and
/// for this client's hub API; its answer when it is a success.
pub(super) async fn catalog(base: &str, hub: Uuid, lang: Lang) -> Option<Catalog> {
    let pending = WARM.with_borrow_mut(|w| {
        let w = w
            .as_mut()
            .filter(|w| w.fresh_for(base, hub) && w.lang == lang)?;
        w.catalog.take()
    })?;
    pending.await.ok()
}

/// The preloaded connections of `hub`, taken once, as [`catalog`].
pub(super) async fn connections(base: &str, hub: Uuid) -> Option<Vec<Connection>> {
    let pending = WARM.with_borrow_mut(|w| {
        let w = w.as_mut().filter(|w| w.fresh_for(base, hub))?;
        w.connections.take()
    })?;
    pending.await.ok()
}
