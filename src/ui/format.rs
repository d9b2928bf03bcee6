//! Dates and numbers in the page's locale.

use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter per locale: building an `Intl.DateTimeFormat` costs far more than using
    /// one, and a big hub shows two dates per connection.
    static FORMATS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The `format` function of a medium-date, short-time formatter for `locale`.
fn formatter(locale: &str) -> js_sys::Function {
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

/// An RFC 3339 instant as a medium date and short time in the page's locale, or the input
/// unchanged when it does not parse.
pub fn date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    formatter(&page_locale())
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| rfc3339.to_string())
}

/// The tag of the page's locale (tracked: a caller in a reactive closure follows a change).
fn page_locale() -> String {
    use leptos::prelude::Get;
    leptos::prelude::use_context::<crate::context::PageContext>()
        .map(|c| c.date_locale.get().to_string())
        .or_else(|| leptos::prelude::window().navigator().language())
        .unwrap_or_else(|| "en".to_string())
}

/// A number as typed (`0.75`) the way the page's locale writes it (`0,75` in Portuguese), with
/// as many decimals as typed; the text unchanged when it is not a number.
pub fn number(text: &str) -> String {
    let Ok(n) = text.trim().parse::<f64>() else {
        return text.to_string();
    };
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len().min(20));
    let options = js_sys::Object::new();
    for key in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &(decimals as f64).into());
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(&page_locale()));
    js_sys::Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(n))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_string())
}

/// Whether an RFC 3339 time is already past, by the browser's clock.
pub fn is_past(rfc3339: &str) -> bool {
    let at = js_sys::Date::new(&JsValue::from_str(rfc3339)).get_time();
    !at.is_nan() && at <= js_sys::Date::now()
}
