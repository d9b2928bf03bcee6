//! The page's languages: which one a host or a browser asks for, and the page's strings
//! language for each of the hub's.

use crate::i18n::Locale;
use wayai_core::Lang;

/// The browser's preferred languages, most preferred first.
pub(crate) fn browser_languages() -> Vec<String> {
    leptos::prelude::window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect()
}

/// The page's language: the host's `locale` when it names one of the page's, else the first of
/// the browser's that is.
pub(crate) fn page_lang(host: Option<&str>, browser: &[String]) -> Lang {
    host.and_then(Lang::from_tag)
        .unwrap_or_else(|| Lang::pick(browser.iter().map(String::as_str)))
}

/// The page's strings language for one of the hub's languages.
pub fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en,
        Lang::Pt => Locale::pt,
        Lang::Es => Locale::es,
    }
}

/// The hub's language code of the page's language (sent as `Accept-Language`).
pub fn lang(locale: Locale) -> Lang {
    match locale {
        Locale::en => Lang::En,
        Locale::pt => Lang::Pt,
        Locale::es => Lang::Es,
    }
}

/// The page's language for the host's tag (`host`) and the browser's preferences, and the tag
/// its dates and numbers follow: the most specific tag of that language the host or the browser
/// gave, else the language's own.
pub(crate) fn page_tags(host: Option<&str>, browser: &[String]) -> (Lang, String) {
    let lang = page_lang(host, browser);
    let tag = host
        .filter(|h| Lang::from_tag(h).is_some())
        .map(str::to_string)
        .or_else(|| {
            browser
                .iter()
                .find(|t| Lang::from_tag(t) == Some(lang))
                .cloned()
        })
        .filter(|t| t.contains('-'))
        .unwrap_or_else(|| lang.default_tag().to_string());
    (lang, tag)
}
