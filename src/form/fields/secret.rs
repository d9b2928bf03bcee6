//! A write-only secret: typed (masked, with Show) for a new value; for a stored one, its hint
//! with Replace (and Remove when the field is optional). Headers whose values are secrets work
//! the same, with header rows to type.

use super::{
    super::state::FormState,
    credential::{CredentialPicker, SourceChoice},
    headers::HeadersControl,
    invalid, Ids,
};
use crate::{
    context::PageContext,
    i18n::Locale,
    strings::{t, tl},
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wayai_core::{
    form::{Input, SecretMode},
    FieldKind,
};

#[component]
pub(in crate::form) fn SecretControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let model = state.model;
    let field = state.field(index);
    let required = field.field.required;
    let rows = field.field.kind == FieldKind::Headers;
    let hint = match &field.secret {
        Some(SecretMode::Keep { hint }) => Some(hint.clone()),
        _ => None,
    };
    // Whether the typed value is shown: kept across modes.
    let shown = RwSignal::new(false);
    // Only a change of mode re-renders the control; typing does not (the input keeps focus).
    let mode = Memo::new(move |_| model.with(|m| m.fields[index].secret.clone()));
    // The button pressed goes with the mode it leaves: focus moves to the new mode's first
    // control (the new value's input after Replace), not to the page's start.
    let holder = NodeRef::<leptos::html::Span>::new();
    let set_mode = Callback::new(move |mode: SecretMode| {
        model.update(|m| {
            m.fields[index].secret = Some(mode);
            // Leaving Replace forgets what was typed: nothing secret lingers unsent.
            m.fields[index].input = if rows {
                Input::Headers(Vec::new())
            } else {
                Input::Text(String::new())
            };
        });
        request_animation_frame(move || focus_first_control(holder));
    });
    let ids_for_picker = ids.clone();
    let control = move || match mode.get() {
        Some(SecretMode::Keep { hint }) => {
            view! { <StoredSecret hint required set_mode /> }.into_any()
        }
        Some(SecretMode::Clear) => {
            let hint = hint.clone().unwrap_or_default();
            view! {
                <span class="wc-secret wc-secret--cleared">
                    <span>{tl!(l, secret_will_be_removed)}</span>
                    <BackToStored hint set_mode label=|l| t!(l, undo) />
                </span>
            }
            .into_any()
        }
        Some(SecretMode::Reenter { .. }) if rows => view! {
            <p class="wc-field__help">{tl!(l, secret_reenter)}</p>
            <HeadersControl state index ids=ids.clone() />
        }
        .into_any(),
        Some(SecretMode::Reenter { .. }) => view! {
            <p class="wc-field__help">{tl!(l, secret_reenter)}</p>
            <TypedSecret state index ids=ids.clone() shown hint=None set_mode />
        }
        .into_any(),
        _ if rows => {
            let back = hint
                .clone()
                .map(|hint| view! { <BackToStored hint set_mode label=|l| t!(l, keep_current) /> });
            view! { <HeadersControl state index ids=ids.clone() /> {back} }.into_any()
        }
        _ => view! { <TypedSecret state index ids=ids.clone() shown hint=hint.clone() set_mode /> }
            .into_any(),
    };
    let kind = model.with_untracked(|m| m.bindable(&field.field.key));
    let control = move || match (mode.get(), kind) {
        (Some(SecretMode::Bound { .. }), Some(kind)) => {
            view! { <CredentialPicker state index ids=ids_for_picker.clone() kind /> }.into_any()
        }
        _ => control().into_any(),
    };
    view! {
        {kind.map(|_| view! { <SourceChoice state index /> })}
        <span class="wc-secret-control" node_ref=holder>{control}</span>
    }
}

/// Focuses the first input or button inside `holder`, if it is still on the page.
fn focus_first_control(holder: NodeRef<leptos::html::Span>) {
    let Some(holder) = holder.try_get_untracked().flatten() else {
        return;
    };
    if let Ok(Some(el)) = holder.query_selector("input, button") {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// A stored secret: its hint, Replace, and Remove when the field is optional.
#[component]
fn StoredSecret(hint: String, required: bool, set_mode: Callback<SecretMode>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <span class="wc-secret wc-secret--stored">
            <span class="wc-secret__hint">{move || t!(l.get(), stored_secret, hint = &hint).to_string()}</span>
            <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode.run(SecretMode::Replace)>
                {tl!(l, replace)}
            </button>
            {(!required).then(|| view! {
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode.run(SecretMode::Clear)>
                    {tl!(l, remove_secret)}
                </button>
            })}
        </span>
    }
}

/// A new value, masked unless shown; "Keep current" when one is stored.
#[component]
fn TypedSecret(
    state: FormState,
    index: usize,
    ids: Ids,
    shown: RwSignal<bool>,
    hint: Option<String>,
    set_mode: Callback<SecretMode>,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let key = state.field(index).field.key;
    let back =
        hint.map(|hint| view! { <BackToStored hint set_mode label=|l| t!(l, keep_current) /> });
    let edited = key.clone();
    let left = key.clone();
    let id = ids.control;
    view! {
        <span class="wc-secret">
            <input
                id=id.clone()
                class="wc-input"
                type=move || if shown.get() { "text" } else { "password" }
                autocomplete="new-password"
                spellcheck="false"
                aria-invalid=invalid(state, key)
                aria-describedby=ids.described
                prop:value=move || state.text(index)
                on:input=move |ev| {
                    state.set_input(index, Input::Text(event_target_value(&ev)));
                    state.edited(&edited);
                }
                on:blur=move |_| state.left(&left)
            />
            <button
                type="button"
                class="wc-button wc-button--quiet"
                aria-pressed=move || shown.get().to_string()
                aria-controls=id
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { t!(l.get(), hide) } else { t!(l.get(), show) }}
            </button>
            {back}
        </span>
    }
}

/// Back to the stored secret (Undo a removal, Keep current instead of a new value): what was
/// typed is forgotten.
#[component]
fn BackToStored(
    hint: String,
    set_mode: Callback<SecretMode>,
    label: fn(Locale) -> &'static str,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode.run(SecretMode::Keep { hint: hint.clone() })>
            {move || label(l.get())}
        </button>
    }
}
