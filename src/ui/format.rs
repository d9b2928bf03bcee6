//! Dates in the user's locale.

use wasm_bindgen::JsValue;

/// An RFC 3339 instant as a medium date and short time in the browser's locale, or the input
/// unchanged when it does not parse.
pub fn date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let locale = leptos::prelude::use_context::<crate::context::PageContext>()
        .and_then(|c| c.locale.as_deref().map(str::to_string))
        .or_else(|| leptos::prelude::window().navigator().language())
        .unwrap_or_else(|| "en".to_string());
    date.to_locale_string(&locale, &options).into()
}

/// Whether an RFC 3339 time is already past, by the browser's clock.
pub fn is_past(rfc3339: &str) -> bool {
    let at = js_sys::Date::new(&JsValue::from_str(rfc3339)).get_time();
    !at.is_nan() && at <= js_sys::Date::now()
}
