//! One labelled text field of the credentials view's dialogs (a text, a text area or a write-only
//! secret) with its problem under it, and the hub's field errors in the page's words: what the
//! add, edit and rotate dialogs share.

use super::OrgPage;
use crate::{context::dom_id, i18n::Locale, strings, strings::tl};
use leptos::prelude::*;
use std::collections::BTreeMap;
use wayai_core::{said::Told, HubError};

/// The field errors of a 422, by field (`name`, `values.api_key`), in the page's words; none
/// when the hub named no field.
pub(super) fn hub_field_errors(l: Locale, error: &HubError) -> Option<BTreeMap<String, String>> {
    let HubError::Validation { fields, .. } = error else {
        return None;
    };
    let named: BTreeMap<_, _> = fields
        .iter()
        .map(|f| (f.field.clone(), strings::told(l, &Told::of_field(f))))
        .collect();
    (!named.is_empty()).then_some(named)
}

/// The field `key` of `errors` (what is wrong with each field), typed into `value`; typing
/// clears its problem. `write_only_note` says under a secret that it is shown only as a hint.
#[component]
pub(super) fn TextInput(
    errors: RwSignal<BTreeMap<String, String>>,
    #[prop(into)] key: String,
    #[prop(into)] label: Callback<Locale, &'static str>,
    value: RwSignal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] secret: bool,
    #[prop(optional)] write_only_note: bool,
) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let id = dom_id(&format!("cred-{}", key.replace('.', "-")));
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let error = {
        let key = key.clone();
        Signal::derive(move || errors.with(|e| e.get(&key).cloned()))
    };
    let described = match write_only_note {
        true => format!("{help_id} {error_id}"),
        false => error_id.clone(),
    };
    let on_input = move |ev| {
        value.set(event_target_value(&ev));
        errors.update(|e| {
            e.remove(&key);
        });
    };
    let control = match multiline {
        true => view! {
            <textarea id=id.clone() class="wc-input wc-input--multiline" rows="3" aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get() on:input=on_input></textarea>
        }
        .into_any(),
        false => view! {
            <input id=id.clone() class="wc-input" type=if secret { "password" } else { "text" }
                autocomplete=if secret { "new-password" } else { "off" } spellcheck="false"
                required=required aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get() on:input=on_input />
        }
        .into_any(),
    };
    view! {
        <div class="wc-field">
            <label class="wc-field__label" for=id>
                {move || label.run(l.get())}
                {required.then(|| view! { <span class="wc-field__required">" *"</span> })}
            </label>
            {control}
            {write_only_note.then(|| view! { <p class="wc-field__help" id=help_id.clone()>{tl!(l, cred_secret_help)}</p> })}
            <p class="wc-field__error" id=error_id>{move || error.get()}</p>
        </div>
    }
}
