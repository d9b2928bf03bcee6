//! A yes-or-no field, as a switch (on or off, applied when saved).

use super::{super::state::FormState, Ids};
use leptos::prelude::*;
use wayai_core::form::Input;

#[component]
pub(in crate::form) fn CheckboxControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let key = state.field(index).field.key;
    view! {
        <input
            id=ids.control
            type="checkbox"
            role="switch"
            class="wc-checkbox wc-switch"
            aria-describedby=ids.described
            prop:checked=move || state.model.with(|m| matches!(m.fields[index].input, Input::Bool(true)))
            on:change=move |ev| {
                state.set_input(index, Input::Bool(event_target_checked(&ev)));
                state.edited(&key);
            }
        />
    }
}

/// "Use the same credential in production": whether publishing copies this connection's
/// credential into production (a preview's form only; the hub's default is on). Shown where a
/// credential is involved at all, else it would say nothing.
#[component]
pub(in crate::form) fn SyncSwitch(state: FormState) -> impl IntoView {
    use crate::{context::dom_id, strings::tl};
    let l = expect_context::<crate::context::PageContext>().locale;
    // A memo: the switch is drawn again only when this changes, not at every keystroke.
    let holds_credential = Memo::new(move |_| {
        let oauth = wayai_core::AuthType::Oauth;
        (state.model).with(|m| m.auth == oauth || m.fields.iter().any(|f| f.field.is_secret()))
    });
    move || {
        let (id, help) = (dom_id("f-sync"), dom_id("f-sync-help"));
        holds_credential.get().then(|| view! {
            <div class="wc-field" data-sync="">
                <label class="wc-field__label" for=id.clone()>{tl!(l, sync_credentials)}</label>
                <div class="wc-field__control">
                    <input
                        id=id
                        type="checkbox"
                        role="switch"
                        class="wc-checkbox wc-switch"
                        aria-describedby=help.clone()
                        prop:checked=move || state.model.with(|m| m.sync_credentials)
                        on:change=move |ev| state.model.update(|m| m.sync_credentials = event_target_checked(&ev))
                    />
                </div>
                <p class="wc-field__help" id=help>{tl!(l, sync_credentials_help)}</p>
            </div>
        })
    }
}
