//! A JavaScript host's warm start, drawn ahead. Once a preload's two answers came, `preload`
//! draws the page into an element of no document; `mount` with options that shape the same page
//! moves it into the host's element, so the page shows at once instead of being drawn then.
//! What the host gives `mount` alone (its token, its `onEvent`, its locale) is handed to the
//! drawn page as it moves. Anything else (other options, an address that moved, a preload older
//! than its answers' freshness, answers that failed) is dropped, and `mount` draws as usual.
//! One page ahead at a time; it is dropped with its preload's token after that freshness.

use super::{
    address::here,
    drawn::{draw, events_to, Events},
};
use crate::{
    api::{started, TokenSlot, TokenSource, PRELOAD_FRESH_MS},
    config::ConnectionsConfig,
};
use futures_util::{
    future::{LocalBoxFuture, Shared},
    FutureExt,
};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc, time::Duration};
use wasm_bindgen::JsCast;
use wayai_core::PageView;

/// A page drawn ahead, ready to move.
pub(super) struct Drawn {
    holder: web_sys::HtmlElement,
    token: TokenSlot,
    events: Events,
    pub locale: RwSignal<Option<String>>,
    pub unmount: Box<dyn FnOnce()>,
}

/// Whether the page was drawn ahead: on its way, then `true`, or `false` when it could not be.
pub(super) type Ready = Shared<LocalBoxFuture<'static, bool>>;

struct Ahead {
    /// Which preload this is (a later one replaces it while its answers are on their way).
    n: u32,
    shape: String,
    started_ms: f64,
    ready: Ready,
    drawn: Option<Drawn>,
}

thread_local! {
    static AHEAD: RefCell<Option<Ahead>> = const { RefCell::new(None) };
    static COUNT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// What makes two option sets the same page: everything but the token, `onEvent` and the
/// locale (which the drawn page takes from `mount`), and, for a page kept in the address, the
/// address it was drawn at.
pub(super) fn shape(config: &ConnectionsConfig, base: &Option<String>) -> String {
    let here = base.as_ref().map(|_| here());
    format!(
        "{}\n{}\n{:?}\n{:?}\n{:?}\n{:?}\n{base:?}\n{here:?}",
        config.api_base_url,
        config.hub_id,
        config.theme,
        config.credentials_url,
        config.hub_url,
        config.oauth_timings,
    )
}

/// After `config.preload()`: draws the page ahead once the preload's answers came, unless the
/// same page is already ahead and fresh (its readiness is then the answer). A page kept in the
/// address is drawn ahead only at its list (a deep link opens a dialog, which needs a document).
pub(super) fn prepare(
    config: ConnectionsConfig,
    base: Option<String>,
    locale: RwSignal<Option<String>>,
) -> Ready {
    let shape = shape(&config, &base);
    let same = AHEAD.with_borrow(|a| {
        (a.as_ref())
            .filter(|a| a.shape == shape && fresh(a.started_ms))
            .map(|a| a.ready.clone())
    });
    if let Some(ready) = same {
        return ready;
    }
    drop_ahead();
    let list = PageView::List { connector: None };
    if (base.as_ref()).is_some_and(|base| PageView::from_href(base, &here()) != list) {
        return futures_util::future::ready(false).boxed_local().shared();
    }
    let n = COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    // Driven at once, not when a host awaits it.
    let ready = started(draw_when_answered(n, config, base, locale));
    AHEAD.set(Some(Ahead {
        n,
        shape,
        started_ms: js_sys::Date::now(),
        ready: ready.clone(),
        drawn: None,
    }));
    // Never kept, nor its token, past its answers' freshness.
    set_timeout(
        move || {
            if current_is(n) {
                drop_ahead();
            }
        },
        Duration::from_millis(PRELOAD_FRESH_MS as u64),
    );
    ready
}

/// Draws preload `n`'s page into an element of no document once its answers came as
/// successes; `true` once it is drawn with them.
async fn draw_when_answered(
    n: u32,
    mut config: ConnectionsConfig,
    base: Option<String>,
    locale: RwSignal<Option<String>>,
) -> bool {
    if !config.client().preload_answered(config.hub_id).await || !current_is(n) {
        return false;
    }
    let Some(holder) = (document().create_element("div").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let (token, slot) = TokenSource::slot(config.token.clone());
    config.token = token;
    let events: Events = Rc::default();
    config.on_event = Some(events_to(events.clone()));
    config.locale = locale.into();
    let unmount = draw(holder.clone(), config, base);
    AHEAD.with_borrow_mut(|a| match a.as_mut().filter(|a| a.n == n) {
        Some(a) => {
            a.drawn = Some(Drawn {
                holder,
                token: slot,
                events,
                locale,
                unmount,
            })
        }
        None => unmount(),
    });
    // The page takes its answers and renders them in microtasks; a task later it has.
    gloo_timers::future::TimeoutFuture::new(0).await;
    true
}

/// The page drawn ahead for `shape`, moved into `element` with the host's token and `onEvent`,
/// when there is one and it is fresh; any other is dropped.
pub(super) fn take(
    shape: &str,
    element: &web_sys::HtmlElement,
    token: TokenSource,
    on_event: Option<js_sys::Function>,
) -> Option<Drawn> {
    let ahead = AHEAD.take()?;
    let usable = ahead.shape == shape && fresh(ahead.started_ms);
    let drawn = ahead.drawn?;
    if !usable {
        (drawn.unmount)();
        return None;
    }
    drawn.token.replace(token);
    *drawn.events.borrow_mut() = on_event;
    while let Some(node) = drawn.holder.first_child() {
        let _ = element.append_child(&node);
    }
    Some(drawn)
}

fn drop_ahead() {
    if let Some(drawn) = AHEAD.take().and_then(|a| a.drawn) {
        (drawn.unmount)();
    }
}

fn current_is(n: u32) -> bool {
    AHEAD.with_borrow(|a| a.as_ref().is_some_and(|a| a.n == n))
}

fn fresh(started_ms: f64) -> bool {
    js_sys::Date::now() - started_ms < PRELOAD_FRESH_MS
}
