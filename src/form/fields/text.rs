//! Text, URL and number fields: one text input, typed for its kind.

use super::{super::state::FormState, invalid, Ids};
use leptos::prelude::*;
use wayai_core::{form::Input, FieldKind};

#[component]
pub(in crate::form) fn TextControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let field = state.field(index).field;
    let kind = field.kind;
    let key = field.key.clone();
    let edited = key.clone();
    view! {
        <input
            id=ids.control
            class="wc-input"
            type=if kind == FieldKind::Url { "url" } else { "text" }
            inputmode=if field.digits_only {
                Some("numeric")
            } else {
                (kind == FieldKind::Number).then_some("decimal")
            }
            autocomplete="off"
            placeholder=field.placeholder.clone()
            maxlength=field.max_length.map(|m| m.to_string())
            aria-invalid=invalid(state, key.clone())
            aria-describedby=ids.described
            prop:value=move || state.text(index)
            on:input=move |ev| {
                state.set_input(index, Input::Text(event_target_value(&ev)));
                state.edited(&edited);
            }
            on:blur=move |_| state.left(&key)
        />
    }
}
