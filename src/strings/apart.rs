//! The translations a bundle does not carry (the `words-apart` feature, which the bundles Trunk
//! builds have): Portuguese and Spanish are files beside the bundle (`words-pt-<hash>.json`,
//! the page's words and the hub's, written by `scripts/words.mjs`), brought the first time a
//! page is in that language. An English reader downloads none of them.

use crate::i18n::{Locale, FILES, WORDS};
use futures_util::future::{LocalBoxFuture, Shared};
use std::{cell::RefCell, sync::OnceLock};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A translation's page words, once brought.
static BROUGHT: [OnceLock<Box<[&'static str]>>; 3] = [const { OnceLock::new() }; 3];

/// Whether the page can be drawn in `l`: its words and the hub's are carried or brought.
pub fn here(l: Locale) -> bool {
    let page = (l as usize) < WORDS.len() || BROUGHT[l as usize].get().is_some();
    page && wayai_core::said::has_words(super::lang(l))
}

/// The word `key` of a language not carried: English until it is brought (the page waits for it
/// before it shows that language, see `context::Words`).
pub(super) fn word(l: Locale, key: usize) -> &'static str {
    BROUGHT[l as usize]
        .get()
        .map_or(WORDS[0][key], |table| table[key])
}

/// Brings `l`'s words when they are not here; whether they are, then (false: the file could
/// not be fetched or is not this build's). A bringing under way (a preload's) is awaited, not
/// asked again; a failed one is asked again.
pub async fn bring(l: Locale) -> bool {
    if here(l) {
        return true;
    }
    let coming = COMING.with_borrow_mut(|coming| {
        coming[l as usize]
            .get_or_insert_with(|| crate::api::started(take(l)))
            .clone()
    });
    let brought = coming.await;
    if !brought {
        COMING.with_borrow_mut(|coming| coming[l as usize] = None);
    }
    brought
}

thread_local! {
    /// Each language's bringing, once started.
    static COMING: RefCell<[Option<Shared<LocalBoxFuture<'static, bool>>>; 3]> =
        const { RefCell::new([None, None, None]) };
}

/// Fetches `l`'s file and takes its words.
async fn take(l: Locale) -> bool {
    if let Some((page, hub)) = fetch(&file_url(FILES[l as usize])).await {
        let page: Vec<&'static str> = page.into_iter().map(leak).collect();
        if page.len() == WORDS[0].len() {
            let _ = BROUGHT[l as usize].set(page.into_boxed_slice());
        }
        let hub = hub.into_iter().map(leak).collect();
        let _ = wayai_core::said::take_words(super::lang(l), hub);
    }
    here(l)
}

/// Kept for the page's life: at most two tables, each brought once.
fn leak(word: String) -> &'static str {
    Box::leak(word.into_boxed_str())
}

/// A words file: the page's words in key order, and the hub's in code order.
async fn fetch(url: &str) -> Option<(Vec<String>, Vec<String>)> {
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    crate::api::json_body(response).await
}

/// `name` beside the bundle's own JavaScript module, wherever the host serves it from.
#[cfg(feature = "words-apart")]
fn file_url(name: &str) -> String {
    use wasm_bindgen::prelude::wasm_bindgen;
    #[wasm_bindgen]
    extern "C" {
        type ImportMeta;
        #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
        static META: ImportMeta;
        #[wasm_bindgen(method, getter)]
        fn url(this: &ImportMeta) -> String;
    }
    let module = META.with(ImportMeta::url);
    let folder = module.split(['?', '#']).next().unwrap_or_default();
    let folder = &folder[..folder.rfind('/').map_or(0, |i| i + 1)];
    format!("{folder}{name}")
}

/// Every language is carried: nothing is ever fetched.
#[cfg(not(feature = "words-apart"))]
fn file_url(name: &str) -> String {
    name.to_string()
}
