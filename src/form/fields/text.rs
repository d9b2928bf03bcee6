//! Text, URL and number fields: one text input, typed for its kind.

use super::{super::state::FormState, invalid, Ids};
use crate::{context::PageContext, strings::tl, ui::format::number};
use leptos::prelude::*;
use wayai_core::{display::number_text, FieldKind};

#[component]
pub(in crate::form) fn TextControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let field = state.field(index).field;
    match (field.kind, field.min, field.max) {
        (FieldKind::Multiline, ..) => {
            return view! { <MultilineControl state index ids /> }.into_any()
        }
        (FieldKind::Number, Some(_), Some(_)) => {
            return view! { <SliderControl state index ids /> }.into_any()
        }
        _ => {}
    }
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
            placeholder=move || state.text_of(index).placeholder
            maxlength=field.max_length.map(|m| m.to_string())
            aria-invalid=invalid(state, key.clone())
            aria-describedby=ids.described
            prop:value=move || state.text(index)
            on:input=move |ev| state.type_text(index, &edited, event_target_value(&ev))
            on:blur=move |_| state.left(&key)
        />
    }
    .into_any()
}

/// A field of a kind a newer hub has and this page does not know: its value as the hub keeps
/// it, read-only, and why (never sent; a required one stops the save, saying so).
#[component]
pub(in crate::form) fn NewerKindControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let note = format!("{}-newer", ids.control);
    let described = format!("{note} {}", ids.described);
    let key = state.field(index).field.key;
    view! {
        <input
            id=ids.control
            class="wc-input"
            type="text"
            readonly=true
            aria-invalid=invalid(state, key)
            aria-describedby=described
            prop:value=move || state.text(index)
        />
        <p class="wc-field__help" id=note>{tl!(l, field_needs_newer_page)}</p>
    }
}

/// Text over several lines, with its length limit.
#[component]
fn MultilineControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let field = state.field(index).field;
    let key = field.key.clone();
    let edited = key.clone();
    view! {
        <textarea
            id=ids.control
            class="wc-input wc-input--multiline"
            rows="4"
            placeholder=move || state.text_of(index).placeholder
            maxlength=field.max_length.map(|m| m.to_string())
            aria-invalid=invalid(state, key.clone())
            aria-describedby=ids.described
            prop:value=move || state.text(index)
            on:input=move |ev| state.type_text(index, &edited, event_target_value(&ev))
            on:blur=move |_| state.left(&key)
        ></textarea>
    }
}

/// A bounded number as a slider, its value shown beside it (and announced with it).
#[component]
fn SliderControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let field = state.field(index).field;
    let key = field.key.clone();
    let edited = key.clone();
    let shown = move || state.text(index);
    let output_for = ids.control.clone();
    view! {
        <div class="wc-slider">
            <input
                id=ids.control
                class="wc-slider__input"
                type="range"
                min=field.min.map(number_text)
                max=field.max.map(number_text)
                step=field.step.map_or_else(|| "any".to_string(), number_text)
                aria-invalid=invalid(state, key.clone())
                aria-describedby=ids.described
                aria-valuetext=move || number(&shown())
                prop:value=shown
                on:input=move |ev| state.type_text(index, &edited, event_target_value(&ev))
                on:blur=move |_| state.left(&key)
            />
            <output class="wc-slider__value" for=output_for>{move || number(&shown())}</output>
        </div>
    }
}
