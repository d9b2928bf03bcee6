//! One schema field: its label, the control its kind needs, its help and its message. Each kind
//! of control is in its own file.

mod checkbox;
mod credential;
mod headers;
mod secret;
mod select;
mod text;

pub(super) use checkbox::SyncSwitch;

use super::state::FormState;
use crate::{
    context::{dom_id, PageContext},
    strings::tl,
};
use leptos::prelude::*;
use wayai_core::{form::NAME_KEY, FieldKind};

/// The ids a control refers to: its own, and the help and message that describe it.
#[derive(Clone)]
pub(super) struct Ids {
    pub control: String,
    pub described: String,
}

/// The connection's name, which every form starts with; focused when the form opens (in a
/// dialog being opened, `autofocus` is what the browser honours; in one already open, Edit's,
/// the page moves focus itself).
#[component]
pub(super) fn NameField(state: FormState) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let input = NodeRef::<leptos::html::Input>::new();
    // `try_`: the page may be gone by the next frame (unmounted at once), its ref with it.
    request_animation_frame(move || {
        if let Some(input) = input.try_get_untracked().flatten() {
            let _ = input.focus();
        }
    });
    let invalid = move || state.message(NAME_KEY).is_some().then_some("true");
    view! {
        <div class="wc-field">
            <label class="wc-field__label" for=dom_id("f-name")>
                {tl!(l, connection_name)}
                <span class="wc-field__required" aria-hidden="true">" *"</span>
            </label>
            <input
                node_ref=input
                autofocus
                id=dom_id("f-name")
                class="wc-input"
                type="text"
                required
                autocomplete="off"
                maxlength="100"
                aria-invalid=invalid
                aria-describedby=dom_id("f-name-error")
                prop:value=move || state.model.with(|m| m.name.clone())
                on:input=move |ev| {
                    state.model.update(|m| m.name = event_target_value(&ev));
                    state.edited(NAME_KEY);
                }
                on:blur=move |_| state.left(NAME_KEY)
            />
            <p class="wc-field__error" id=dom_id("f-name-error")>{move || state.message(NAME_KEY)}</p>
        </div>
    }
}

#[component]
pub(super) fn FieldControl(state: FormState, index: usize) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let field = state.field(index).field;
    let key = field.key.clone();
    let id = dom_id(&format!("f-{key}"));
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let ids = Ids {
        control: id.clone(),
        described: format!("{help_id} {error_id}"),
    };
    let message = {
        let key = key.clone();
        move || state.message(&key)
    };
    let label = view! {
        <label class="wc-field__label" for=id.clone()>
            {move || state.text_of(index).label}
            {field.required.then(|| view! { <span class="wc-field__required" aria-hidden="true">" *"</span> })}
            {(!field.required).then(|| view! { <span class="wc-field__optional">" (" {tl!(l, optional)} ")"</span> })}
        </label>
    };
    let control = match field.kind {
        FieldKind::Secret => view! { <secret::SecretControl state index ids /> }.into_any(),
        FieldKind::Boolean => view! { <checkbox::CheckboxControl state index ids /> }.into_any(),
        FieldKind::Select => view! { <select::SelectControl state index ids /> }.into_any(),
        // Headers whose values are secrets: write-only, as a secret is.
        FieldKind::Headers if field.secret_values => {
            view! { <secret::SecretControl state index ids /> }.into_any()
        }
        FieldKind::Headers => view! { <headers::HeadersControl state index ids /> }.into_any(),
        FieldKind::Other => view! { <text::NewerKindControl state index ids /> }.into_any(),
        _ => view! { <text::TextControl state index ids /> }.into_any(),
    };
    // A basic credential's username beside its bound password: the credential's, not typed here
    // (what was typed stays, for a switch back).
    let filled = {
        let (key, secret) = (key.clone(), field.kind == FieldKind::Secret);
        Memo::new(move |_| !secret && state.model.with(|m| m.filled_by_credential(&key)))
    };
    view! {
        <div class="wc-field" data-field=key.clone() data-kind=field.kind.as_str()>
            {label}
            <div class="wc-field__control" hidden=filled>{control}</div>
            {move || filled.get().then(|| view! { <p class="wc-field__help">{tl!(l, filled_by_credential)}</p> })}
            <p class="wc-field__help" id=help_id>{move || state.text_of(index).help}</p>
            <p class="wc-field__error" id=error_id>{message}</p>
        </div>
    }
}

/// `aria-invalid` of a field's control: set while the field has a message.
pub(super) fn invalid(
    state: FormState,
    key: String,
) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
    move || state.message(&key).is_some().then_some("true")
}
