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
