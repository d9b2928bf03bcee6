//! The page's words as data: `t!` reads one table of strings per language (`i18n::WORDS`, which
//! `build.rs` generates from `locales/`) and fills in the values a string names.

use crate::i18n::Locale;

/// `t!(locale, key)`: a string of `locales/` in that language (`&'static str`); with values,
/// `t!(locale, key, name = value, other)`, the string with each `{{ name }}` in place (`String`).
/// An unknown key does not compile.
macro_rules! t {
    ($l:expr, $key:ident) => {
        $crate::strings::word($l, $crate::i18n::keys::$key)
    };
    ($l:expr, $key:ident, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::strings::fill(
            $crate::strings::word($l, $crate::i18n::keys::$key),
            &[$((stringify!($name), &$crate::strings::value!($name $(, $value)?) as &dyn ::std::fmt::Display)),+],
        )
    };
}
pub(crate) use t;

/// `tl!(locale, key)`: a string of `locales/` that follows the page's language where it is shown
/// (`{tl!(l, key)}` in a view, or an attribute's value): `tl!(l, key)`, but every
/// such text is the one closure type [`live`] returns, so the view code that draws and updates
/// it is generated once rather than once per string.
macro_rules! tl {
    ($l:expr, $key:ident) => {
        $crate::strings::live($l, $crate::i18n::keys::$key)
    };
}
pub(crate) use tl;

/// See [`tl!`].
pub fn live(
    l: leptos::prelude::Memo<Locale>,
    key: usize,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    use leptos::prelude::Get;
    move || word(l.get(), key)
}

/// A value of `t!`: the one given, or the variable of the same name.
macro_rules! value {
    ($name:ident) => {
        $name
    };
    ($name:ident, $value:expr) => {
        $value
    };
}
pub(crate) use value;

/// The string `key` in `l`'s table.
pub fn word(l: Locale, key: usize) -> &'static str {
    match crate::i18n::WORDS.get(l as usize) {
        Some(table) => table[key],
        None => super::apart::word(l, key),
    }
}

/// `template` with each `{{ name }}` replaced by its value's text.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let name = rest[start + 2..start + len].trim();
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            // A value the caller did not give: a mistake a debug build stops at.
            None => debug_assert!(false, "no value for {{{{ {name} }}}} in {template:?}"),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}
