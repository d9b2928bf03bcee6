//! What a person sees of a sign-in: the provider's button, Reconnect, and the flow's progress
//! with what can be done about it.

use super::{Failure, OauthFlows, Phase, Target};
use crate::{
    context::PageContext,
    strings::{self, t, tl},
};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{Connection, HealthStatus, OauthProvider};

/// The button that signs in with a provider, and the flow's progress under it.
#[component]
pub(crate) fn OauthButton(
    #[prop(into)] label: Signal<String>,
    provider: OauthProvider,
    target: Target,
    #[prop(optional)] quiet: bool,
    /// A fuller name for assistive technology, where the visible label is short ("Reconnect").
    #[prop(optional, into)]
    accessible_name: MaybeProp<String>,
) -> impl IntoView {
    let flows = expect_context::<OauthFlows>();
    let key = target.key();
    let class = if quiet {
        "wc-button wc-button--quiet"
    } else {
        "wc-button"
    };
    view! {
        <button
            type="button"
            class=class
            data-focus="oauth"
            aria-label=move || accessible_name.get()
            on:click=move |_| flows.begin(target.clone(), provider)
        >
            {label}
        </button>
        <OauthProgress key />
    }
}

/// Where a flow stands, with what can be done about it: bring the window forward, cancel, try
/// again, or continue in this window when popups are blocked.
#[component]
pub(crate) fn OauthProgress(key: Uuid) -> impl IntoView {
    let flows = expect_context::<OauthFlows>();
    let l = expect_context::<PageContext>().locale;
    let body = move || {
        let shown = flows.shown_for(key)?;
        let lc = l.get();
        let provider = strings::provider_name(lc, shown.provider);
        let target = shown.target.clone();
        let try_again = move || {
            let target = target.clone();
            view! {
                <button type="button" class="wc-button" on:click=move |_| flows.begin(target.clone(), shown.provider)>
                    {tl!(l, try_again)}
                </button>
            }
        };
        let cancel = move || {
            view! {
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.cancel()>
                    {tl!(l, cancel)}
                </button>
            }
        };
        Some(match shown.phase {
            Phase::Waiting => view! {
                <p class="wc-oauth__message">{t!(lc, oauth_waiting, provider).to_string()}</p>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.focus()>
                    {tl!(l, show_sign_in)}
                </button>
                {cancel()}
            }
            .into_any(),
            Phase::Checking => view! {
                <p class="wc-oauth__message">{tl!(l, oauth_checking)}</p>
                {cancel()}
            }
            .into_any(),
            Phase::Redirecting => {
                view! { <p class="wc-oauth__message">{tl!(l, oauth_redirecting)}</p> }.into_any()
            }
            Phase::Blocked => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">
                    {tl!(l, oauth_popup_blocked)} " " {tl!(l, oauth_popup_blocked_help)}
                </p>
                {try_again()}
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.redirect()>
                    {tl!(l, continue_here)}
                </button>
            }
            .into_any(),
            Phase::Failed(failure) => {
                let words = match failure {
                    Failure::Hub(error) => strings::hub_error(lc, &error),
                    Failure::Provider(status) => strings::oauth_failed(lc, &status, shown.provider),
                };
                view! {
                    <p class="wc-oauth__message wc-oauth__message--error" role="alert">{words}</p>
                    {try_again()}
                }
                .into_any()
            }
            Phase::Cancelled(stopped) => view! {
                <p class="wc-oauth__message">{strings::oauth_cancelled(lc, stopped)}</p>
                {try_again()}
            }
            .into_any(),
            Phase::TimedOut => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">{tl!(l, oauth_timed_out)}</p>
                {try_again()}
            }
            .into_any(),
        })
    };
    view! {
        <div class="wc-oauth" role="status" aria-live="polite" data-oauth-for=key.to_string()>
            {body}
        </div>
    }
}

/// Runs the provider's sign-in again for this same connection (its id is kept). Prominent when
/// the hub reports the token expired or rejected.
#[component]
pub(crate) fn ReconnectButton(connection: Connection, provider: OauthProvider) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let name = connection.name.clone();
    let needed = matches!(
        connection.health.status,
        HealthStatus::TokenExpired | HealthStatus::AuthFailed
    );
    view! {
        <div class="wc-oauth-start" class:wc-oauth-start--needed=needed>
            <OauthButton
                label=Signal::derive(move || t!(l.get(), reconnect).to_string())
                provider
                target=Target::Reconnect { connection: connection.id }
                quiet=!needed
                accessible_name=Signal::derive(move || t!(l.get(), reconnect_label, name = name.clone()).to_string())
            />
        </div>
    }
}

/// Something to read in the popup, in the page's language, while the hub starts the flow.
pub(super) fn opening(popup: &web_sys::Window, l: crate::i18n::Locale) {
    let Some(doc) = popup.document() else {
        return;
    };
    doc.set_title(t!(l, oauth_opening));
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", crate::strings::lang(l).code());
    }
    if let Some(body) = doc.body() {
        body.set_text_content(Some(t!(l, oauth_opening)));
    }
}
