//! Key-value header rows: add and remove rows; blank rows are ignored on save.

use super::{super::state::FormState, invalid, Ids};
use crate::{
    context::PageContext,
    strings::{t, tl},
};
use leptos::prelude::*;
use wayai_core::{form::Input, Header};

/// One change to a header list.
type RowEdit = Box<dyn FnOnce(&mut Vec<Header>)>;

/// The rows; the field's message goes on the first row, so focus can go there on submit.
#[component]
pub(in crate::form) fn HeadersControl(state: FormState, index: usize, ids: Ids) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let model = state.model;
    let key = state.field(index).field.key;
    let invalid = invalid(state, key.clone());
    let id = ids.control;
    let rows = move || {
        model.with(|m| match &m.fields[index].input {
            Input::Headers(h) => h.clone(),
            _ => Vec::new(),
        })
    };
    let change = {
        let key = key.clone();
        move |f: RowEdit| {
            model.update(|m| {
                if let Input::Headers(h) = &mut m.fields[index].input {
                    f(h);
                }
            });
            state.edited(&key);
        }
    };
    let change = StoredValue::new_local(change);
    let count = move || rows().len();
    view! {
        <div class="wc-headers" id=id role="group">
            {move || (count() == 0).then(|| view! { <p class="wc-headers__empty">{tl!(l, no_headers)}</p> })}
            <For each=move || 0..count() key=|i| *i let:row>
                <div class="wc-headers__row" data-row=row>
                    <input
                        class="wc-input"
                        type="text"
                        aria-label=move || format!("{} {}", t!(l.get(), header_name), row + 1)
                        aria-invalid={
                            let invalid = invalid.clone();
                            move || invalid().filter(|_| row == 0)
                        }
                        placeholder=tl!(l, header_name)
                        autocomplete="off"
                        prop:value=move || rows().get(row).map(|h| h.name.clone()).unwrap_or_default()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            change.with_value(|c| c(Box::new(move |h| if let Some(r) = h.get_mut(row) { r.name = v; })));
                        }
                    />
                    <input
                        class="wc-input"
                        type="text"
                        aria-label=move || format!("{} {}", t!(l.get(), header_value), row + 1)
                        placeholder=tl!(l, header_value)
                        autocomplete="off"
                        prop:value=move || rows().get(row).map(|h| h.value.clone()).unwrap_or_default()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            change.with_value(|c| c(Box::new(move |h| if let Some(r) = h.get_mut(row) { r.value = v; })));
                        }
                    />
                    <button
                        type="button"
                        class="wc-button wc-button--quiet"
                        aria-label=move || t!(l.get(), remove_header, row = row + 1).to_string()
                        on:click=move |_| change.with_value(|c| c(Box::new(move |h| if row < h.len() { h.remove(row); })))
                    >
                        "×"
                    </button>
                </div>
            </For>
            <button
                type="button"
                class="wc-button wc-button--quiet"
                on:click=move |_| change.with_value(|c| c(Box::new(|h| h.push(Header { name: String::new(), value: String::new() }))))
            >
                {tl!(l, add_header)}
            </button>
        </div>
    }
}
