//! A page drawn once its words are here, and what it says when they cannot come (see
//! `context::Words`).

use crate::{
    config::Theme,
    context::{Shell, Words},
    i18n::Locale,
    strings::{t, tl},
};
use leptos::prelude::*;

/// `page` once its words are here (at once when the bundle carries them), a busy root in the
/// page's theme before: never a flash of another language.
pub(crate) fn once_worded(
    words: Words,
    theme: Theme,
    page: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match words.ready.get() {
        true => page(),
        false => {
            view! { <div class="wc-root" data-wc-theme=theme.attribute() aria-busy="true"></div> }
                .into_any()
        }
    }
}

/// The language the page could not be shown in, and a way to try again.
#[component]
pub(crate) fn WordsMissing() -> impl IntoView {
    let words = expect_context::<Words>();
    let l = expect_context::<Shell>().locale;
    let name = move |of: Locale| match of {
        Locale::en => t!(l.get(), language_en),
        Locale::pt => t!(l.get(), language_pt),
        Locale::es => t!(l.get(), language_es),
    };
    move || {
        words.missing().map(|language| {
            let body = t!(
                l.get(),
                words_missing,
                language = name(language),
                shown = name(l.get())
            );
            view! {
                <div class="wc-alert wc-alert--error" role="alert">
                    <p class="wc-alert__body">{body}</p>
                    <button type="button" class="wc-button" on:click=move |_| words.retry()>
                        {tl!(l, retry)}
                    </button>
                </div>
            }
        })
    }
}
