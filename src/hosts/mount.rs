//! For any web page: `mount(element, options)` from JavaScript, with the page's views kept in the
//! address (pushState and popstate) or in memory.

use crate::{
    api::TokenSource,
    config::{ConnectionsConfig, Theme},
};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wayai_core::oauth::Timings as OauthTimings;

/// What `mount` returns to JavaScript. Only `unmount` removes the page: a handle the host drops,
/// or that JavaScript's garbage collector frees (wasm-bindgen frees exported objects through a
/// `FinalizationRegistry`), leaves it mounted, or a host that kept no handle would lose its page
/// at a moment nobody chose.
#[wasm_bindgen]
pub struct MountHandle {
    unmount: Option<Box<dyn FnOnce()>>,
    locale: RwSignal<Option<String>>,
}

impl Drop for MountHandle {
    fn drop(&mut self) {
        // The page then lives as long as its document, as one mounted without a handle does.
        std::mem::forget(self.unmount.take());
    }
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the page, its listeners and its timers from the host page.
    pub fn unmount(&mut self) {
        if let Some(unmount) = self.unmount.take() {
            unmount();
        }
    }

    /// Switches the page's language while it is mounted (a BCP 47 tag such as `pt-BR`; empty
    /// or absent: the browser's languages again). Nothing typed is lost.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: Option<String>) {
        self.locale.try_set(locale.filter(|l| !l.is_empty()));
    }
}

fn option(options: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text_option(options: &JsValue, key: &str) -> Option<String> {
    option(options, key).as_string().filter(|s| !s.is_empty())
}

/// `oauthTimings: {timeoutMs, graceMs, pollMs}`: each member optional, the default where absent.
fn timings_option(options: &JsValue) -> Option<OauthTimings> {
    let given = option(options, "oauthTimings");
    if !given.is_object() {
        return None;
    }
    let ms = |key: &str, default: u32| {
        option(&given, key)
            .as_f64()
            .filter(|v| v.is_finite() && *v > 0.0)
            .map_or(default, |v| v.min(f64::from(u32::MAX)) as u32)
    };
    let defaults = OauthTimings::default();
    Some(OauthTimings {
        timeout_ms: ms("timeoutMs", defaults.timeout_ms),
        grace_ms: ms("graceMs", defaults.grace_ms),
        poll_ms: ms("pollMs", defaults.poll_ms),
    })
}

/// `token`: a string, or a function `(refresh) => string | Promise<string>`.
fn token_option(options: &JsValue) -> TokenSource {
    match option(options, "token") {
        t if t.is_function() => {
            let f: js_sys::Function = t.unchecked_into();
            TokenSource::refreshing(move |refresh| {
                let answer = f.call1(&JsValue::NULL, &JsValue::from_bool(refresh));
                async move {
                    let value = match answer {
                        Ok(v) if v.has_type::<js_sys::Promise>() => {
                            wasm_bindgen_futures::JsFuture::from(
                                v.unchecked_into::<js_sys::Promise>(),
                            )
                            .await
                            .unwrap_or(JsValue::UNDEFINED)
                        }
                        Ok(v) => v,
                        Err(_) => JsValue::UNDEFINED,
                    };
                    value.as_string().unwrap_or_default()
                }
            })
        }
        t => TokenSource::fixed(t.as_string().unwrap_or_default()),
    }
}

/// `theme`: `"light"`, `"dark"`, else the system's.
fn theme_option(options: &JsValue) -> Theme {
    match text_option(options, "theme").as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// The configuration `options` give (see [`mount_connections`]), and the locale they name (the
/// caller keeps it in a signal, or not).
fn config_of(options: &JsValue) -> Result<(ConnectionsConfig, Option<String>), JsValue> {
    let hub_id = text_option(options, "hubId")
        .and_then(|id| Uuid::parse_str(&id).ok())
        .ok_or_else(|| JsValue::from_str("options.hubId must be a UUID"))?;
    let token = token_option(options);
    let mut config = ConnectionsConfig::new(
        text_option(options, "apiBaseUrl").unwrap_or_default(),
        hub_id,
        token,
    );
    config.theme = theme_option(options);
    config.oauth_timings = timings_option(options);
    config.credentials_url = text_option(options, "credentialsUrl");
    config.hub_url = text_option(options, "hubUrl");
    Ok((config, text_option(options, "locale")))
}

/// A warm start (see `ConnectionsConfig::preload`): with the options `mount` will be given,
/// starts the page's two requests now and, once they came, draws the page ahead (`ahead`), so
/// that `mount` shows it at once. A host calls it once the page's module is initialised (its
/// wasm fetched and compiled, streaming) and before it needs the page. The promise resolves to
/// whether the page was drawn ahead.
/// Exported to JavaScript by the `wayai-mount` binary only (as for [`mount_connections`]).
pub fn preload_connections(options: JsValue) -> Result<js_sys::Promise, JsValue> {
    let (mut config, locale) = config_of(&options)?;
    // Outside the page's owner, as `mount`'s: the handle of the page drawn ahead sets it.
    let locale = RwSignal::new(locale);
    config.locale = locale.into();
    config.preload();
    let ready = super::ahead::prepare(config, text_option(&options, "basePath"), locale);
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        Ok(JsValue::from_bool(ready.await))
    }))
}

/// Mounts the page into `element`. `options`: `apiBaseUrl`, `hubId`, `token` (a string, or a
/// function `(refresh) => string | Promise<string>`), and optionally `basePath` (the page then
/// keeps its views in the address, under that path), `locale` (a BCP 47 tag; `setLocale` on the
/// handle changes it), `theme` (`"light"`, `"dark"`),
/// `credentialsUrl` (where the organization's credentials view is), `onEvent` (called with `{type: "created" | "updated" | "deleted" |
/// "authentication_required", connection?, id?}`), `oauthTimings` (`{timeoutMs, graceMs,
/// pollMs}`).
/// Exported to JavaScript (`mount`) by the `wayai-mount` binary only, so that the standalone
/// page's and the credentials view's bundles do not carry it.
pub fn mount_connections(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<MountHandle, JsValue> {
    let (mut config, locale) = config_of(&options)?;
    let on_event = option(&options, "onEvent");
    let on_event = on_event
        .is_function()
        .then(|| on_event.unchecked_into::<js_sys::Function>());
    let base = text_option(&options, "basePath");
    let shape = super::ahead::shape(&config, &base);
    if let Some(drawn) =
        super::ahead::take(&shape, &element, config.token.clone(), on_event.clone())
    {
        if drawn.locale.get_untracked() != locale {
            drawn.locale.set(locale);
        }
        return Ok(MountHandle {
            unmount: Some(drawn.unmount),
            locale: drawn.locale,
        });
    }
    // Outside the page's owner: the handle sets it, and it outlives an unmount harmlessly.
    let locale = RwSignal::new(locale);
    config.locale = locale.into();
    config.on_event = on_event.map(|f| super::drawn::events_to(Rc::new(RefCell::new(Some(f)))));
    Ok(MountHandle {
        unmount: Some(super::drawn::draw(element, config, base)),
        locale,
    })
}

/// Mounts the organization's credentials view into `element`. `options`: `apiBaseUrl`,
/// `organizationId`, `token`, and optionally `locale` and `theme`, as for [`mount_connections`].
/// Not exported to JavaScript from here: the `wayai-credentials` bundle exports it
/// (`mountCredentials`), so that the Connections page's bundle does not carry the view.
pub fn mount_credentials(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<MountHandle, JsValue> {
    let organization_id = text_option(&options, "organizationId")
        .and_then(|id| Uuid::parse_str(&id).ok())
        .ok_or_else(|| JsValue::from_str("options.organizationId must be a UUID"))?;
    let client = crate::api::ApiClient::with_token_source(
        text_option(&options, "apiBaseUrl").unwrap_or_default(),
        token_option(&options),
    );
    let theme = theme_option(&options);
    let locale = RwSignal::new(text_option(&options, "locale"));
    let handle = leptos::mount::mount_to(element, move || {
        let client = client.clone();
        view! { <crate::credentials::CredentialsView client organization_id theme locale /> }
    });
    Ok(MountHandle {
        unmount: Some(Box::new(move || drop(handle))),
        locale,
    })
}
