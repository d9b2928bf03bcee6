//! A page's views kept in the address without a router (pushState and popstate), or in memory:
//! shared by `mount` and the standalone app.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wayai_core::PageView;

/// The address's path and query: where a page kept in the address is.
pub(super) fn here() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    format!("{path}{search}")
}

/// The page's views for a host without a router: with `base`, they live in the address under it
/// (pushState, and back/forward through `popstate`); without, in memory. `page` draws the page
/// at its base path, showing the view, with the navigation its links use.
#[component]
pub(crate) fn AddressViews<F, V>(base: Option<String>, page: F) -> impl IntoView
where
    F: FnOnce(String, RwSignal<PageView>, Callback<String>) -> V,
    V: IntoView + 'static,
{
    // In memory, links still need somewhere to point: paths under `/connections`.
    let page_base = base.clone().unwrap_or_else(|| "/connections".to_string());
    let start = match &base {
        Some(base) => PageView::from_href(base, &here()),
        None => PageView::List { connector: None },
    };
    let view = RwSignal::new(start);
    let navigate = {
        let base = base.clone();
        let page_base = page_base.clone();
        Callback::new(move |href: String| {
            let next = PageView::from_href(&page_base, &href);
            if base.is_some() {
                if let Ok(history) = window().history() {
                    let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
                }
            }
            view.set(next);
        })
    };
    if let Some(base) = base {
        // Back and forward; removed with the page.
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            view.set(PageView::from_href(&base, &here()));
        });
        on_cleanup(move || handle.remove());
    }
    let base_path = page_base;
    // Without a router, the page's own links are followed here instead of loading a page.
    let links = {
        let base_path = base_path.clone();
        move |ev: leptos::ev::MouseEvent| {
            if ev.default_prevented()
                || ev.button() != 0
                || ev.ctrl_key()
                || ev.meta_key()
                || ev.shift_key()
            {
                return;
            }
            let anchor = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("a[href]").ok().flatten());
            let Some(href) = anchor.and_then(|a| a.get_attribute("href")) else {
                return;
            };
            if href == base_path
                || href.starts_with(&format!("{base_path}/"))
                || href.starts_with(&format!("{base_path}?"))
            {
                ev.prevent_default();
                navigate.run(href);
            }
        }
    };
    view! {
        <div class="wc-host" on:click=links>
            {page(base_path, view, navigate)}
        </div>
    }
}
