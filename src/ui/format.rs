//! Dates and numbers in the page's locale.

use super::intl::formatter;
use wasm_bindgen::JsValue;

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
    leptos::prelude::use_context::<crate::context::Shell>()
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
