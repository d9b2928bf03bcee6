//! A choice among the schema's options, with an empty first choice: "Choose…" when one is
//! required, "Automatic" when the field may be left to the service.

use super::{super::state::FormState, invalid, Ids};
use crate::{context::PageContext, strings::t};
use leptos::prelude::*;

#[component]
pub(in crate::form) fn SelectControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let field = state.field(index).field;
    let key = field.key.clone();
    let edited = key.clone();
    view! {
        <select
            id=ids.control
            class="wc-input"
            aria-invalid=invalid(state, key.clone())
            aria-describedby=ids.described
            prop:value=move || state.text(index)
            on:change=move |ev| state.type_text(index, &edited, event_target_value(&ev))
            on:blur=move |_| state.left(&key)
        >
            <option value="">{
                let required = field.required;
                move || if required { t!(l.get(), choose) } else { t!(l.get(), automatic) }
            }</option>
            {field
                .options
                .into_iter()
                .map(|o| {
                    // The option's words as the catalog has them now (values never change).
                    let value = o.value.clone();
                    let label = move || {
                        let text = state.text_of(index);
                        let now = text.options.into_iter().find(|n| n.value == value);
                        now.map_or_else(|| o.label.clone(), |n| n.label)
                    };
                    view! { <option value=o.value.clone()>{label}</option> }
                })
                .collect_view()}
        </select>
    }
}
