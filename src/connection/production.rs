//! A connection's credential in production: on a preview, the switch that says whether
//! publishing copies it; on a production hub, whose it is, and Set production credential.

use super::actions::saving_change;
use crate::{
    context::{dom_id, PageContext},
    strings::{self, t, tl},
    ui::focus::refocus_after_update,
};
use leptos::prelude::*;
use wayai_core::{AuthType, Connection, HubError, UpdateConnection};

/// "Use the same credential in production", changed at once (a preview's view).
#[component]
pub(super) fn SyncCredentialsSwitch(connection: Connection) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let failure = RwSignal::new(None::<HubError>);
    let change = saving_change(&context, connection.id, failure);
    let (control, help) = (dom_id("sync-switch"), dom_id("sync-switch-help"));
    let on = connection.sync_credentials_to_production;
    view! {
        <div class="wc-field wc-sync">
            <label class="wc-field__label" for=control.clone()>{tl!(l, sync_credentials)}</label>
            <div class="wc-field__control">
                <input
                    id=control
                    type="checkbox"
                    role="switch"
                    class="wc-checkbox wc-switch"
                    data-focus="sync-credentials"
                    aria-describedby=help.clone()
                    prop:checked=on
                    disabled=move || change.pending().get()
                    on:change=move |ev| {
                        refocus_after_update(&context, "sync-credentials");
                        change.dispatch(UpdateConnection {
                            sync_credentials_to_production: Some(event_target_checked(&ev)),
                            ..Default::default()
                        });
                    }
                />
            </div>
            <p class="wc-field__help" id=help>{tl!(l, sync_credentials_help)}</p>
            {move || failure.get().map(|e| view! {
                <p class="wc-form__failure" role="alert">{strings::hub_error(l.get(), &e)}</p>
            })}
        </div>
    }
}

/// On a production hub: whose credential the connection uses, and the way to set its own.
#[component]
pub(super) fn ProductionCredentialFacts(
    connection: Connection,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let own = !connection.sync_credentials_to_production;
    // A sign-in's credential is its own grant: Reconnect sets it, not a form.
    let settable = own && connection.authentication_type != AuthType::Oauth;
    let set = connection.production_credential_set == Some(true);
    view! {
        <dl class="wc-detail">
            <dt>{tl!(l, credential_in_production)}</dt>
            <dd>{move || if own { t!(l.get(), own_in_production) } else { t!(l.get(), same_as_preview) }}</dd>
        </dl>
        {settable.then(|| view! {
            <div class="wc-actions">
                <button type="button" class="wc-button" on:click=move |_| editing.set(true)>
                    {move || if set {
                        t!(l.get(), replace_production_credential)
                    } else {
                        t!(l.get(), set_production_credential)
                    }}
                </button>
            </div>
        })}
    }
}
