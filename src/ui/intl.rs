//! The browser's date formatter, built once per locale: building an `Intl.DateTimeFormat` costs
//! far more than using one (the first one in a page, 15 ms in Chromium, more than its whole first
//! render), so a preload builds it ahead of the page. (Only the first one in a page is costly: it
//! loads the browser's locale data, which the standalone pages' bootstraps load while the wasm
//! downloads.) Imports nothing of the page's.

use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter per locale: building an `Intl.DateTimeFormat` costs far more than using
    /// one, and a big hub shows two dates per connection.
    static FORMATS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The `format` function of a medium-date, short-time formatter for `locale`.
pub(super) fn formatter(locale: &str) -> js_sys::Function {
    FORMATS.with(|formats| {
        if let Some((_, f)) = formats.borrow().iter().find(|(l, _)| l == locale) {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        let locales = js_sys::Array::of1(&JsValue::from_str(locale));
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        formats
            .borrow_mut()
            .push((locale.to_string(), format.clone()));
        format
    })
}

/// Builds (and keeps) the date formatter for `locale` ahead of the page (a warm start).
pub fn warm(locale: &str) {
    let _ = formatter(locale);
}
