//! What a person sees of a sign-in: the provider's button, Reconnect, and the flow's progress
//! with what can be done about it.

use super::{Failure, OauthFlows, Phase, Target};
use crate::strings;
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{Connection, HealthStatus, OauthProvider};

/// The button that signs in with a provider, and the flow's progress under it.
#[component]
pub(crate) fn OauthButton(
    #[prop(into)] label: String,
    provider: OauthProvider,
    target: Target,
    #[prop(optional)] quiet: bool,
    /// A fuller name for assistive technology, where the visible label is short ("Reconnect").
    #[prop(optional, into)]
    accessible_name: Option<String>,
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
            aria-label=accessible_name
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
    let body = move || {
        let shown = flows.shown_for(key)?;
        let provider = strings::provider_name(shown.provider);
        let target = shown.target.clone();
        let try_again = move || {
            let target = target.clone();
            view! {
                <button type="button" class="wc-button" on:click=move |_| flows.begin(target.clone(), shown.provider)>
                    {strings::TRY_AGAIN}
                </button>
            }
        };
        let cancel = move || {
            view! {
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.cancel()>
                    {strings::CANCEL}
                </button>
            }
        };
        Some(match shown.phase {
            Phase::Waiting => view! {
                <p class="wc-oauth__message">{strings::oauth_waiting(provider)}</p>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.focus()>
                    {strings::SHOW_SIGN_IN}
                </button>
                {cancel()}
            }
            .into_any(),
            Phase::Checking => view! {
                <p class="wc-oauth__message">{strings::OAUTH_CHECKING}</p>
                {cancel()}
            }
            .into_any(),
            Phase::Redirecting => {
                view! { <p class="wc-oauth__message">{strings::OAUTH_REDIRECTING}</p> }.into_any()
            }
            Phase::Blocked => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">
                    {strings::OAUTH_POPUP_BLOCKED} " " {strings::OAUTH_POPUP_BLOCKED_HELP}
                </p>
                {try_again()}
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| flows.redirect()>
                    {strings::CONTINUE_HERE}
                </button>
            }
            .into_any(),
            Phase::Failed(failure) => {
                let words = match failure {
                    Failure::Hub(error) => strings::hub_error(&error),
                    Failure::Provider(status) => strings::oauth_failed(&status, provider),
                };
                view! {
                    <p class="wc-oauth__message wc-oauth__message--error" role="alert">{words}</p>
                    {try_again()}
                }
                .into_any()
            }
            Phase::Cancelled(stopped) => view! {
                <p class="wc-oauth__message">{strings::oauth_cancelled(stopped)}</p>
                {try_again()}
            }
            .into_any(),
            Phase::TimedOut => view! {
                <p class="wc-oauth__message wc-oauth__message--error" role="alert">{strings::OAUTH_TIMED_OUT}</p>
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
    let needed = matches!(
        connection.health.status,
        HealthStatus::TokenExpired | HealthStatus::AuthFailed
    );
    view! {
        <div class="wc-oauth-start" class:wc-oauth-start--needed=needed>
            <OauthButton
                label=strings::RECONNECT
                provider
                target=Target::Reconnect { connection: connection.id }
                quiet=!needed
                accessible_name=strings::reconnect_label(&connection.name)
            />
        </div>
    }
}
