//! A secret field an organization credential can fill: the choice between the organization's
//! credential and a value entered directly, and the list of the credentials this hub may use
//! for the field's kind (by name, description and hint). Choosing one sends its id, never a
//! secret; the hub lends the secret when the connection is used.

use super::{super::state::FormState, invalid, Ids};
use crate::{
    context::{OrgCredentials, PageContext},
    strings::{t, tl},
};
use leptos::prelude::*;
use wayai_core::{
    form::SecretMode,
    org::{CredentialType, OrgCredential},
};

/// "Organization credential" or "Enter directly", as two radio buttons; the rest of the form
/// stays as typed either way.
#[component]
pub(in crate::form) fn SourceChoice(state: FormState, index: usize) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let key = state.field(index).field.key;
    let bound = Memo::new(move |_| {
        state
            .model
            .with(|m| matches!(m.fields[index].secret, Some(SecretMode::Bound { .. })))
    });
    let choose = move |direct: bool| {
        let key = key.clone();
        move |_| {
            state.choose_source(index, direct);
            state.edited(&key);
        }
    };
    let label = move || {
        let field = state.text_of(index).label;
        t!(l.get(), credential_source, field = &field).to_string()
    };
    let name = crate::context::dom_id(&format!("f-{}-source", state.field(index).field.key));
    view! {
        <div class="wc-source" role="radiogroup" aria-label=label>
            <label class="wc-source__option">
                <input type="radio" name=name.clone() prop:checked=bound on:change=choose(false) />
                {tl!(l, source_org)}
            </label>
            <label class="wc-source__option">
                <input type="radio" name=name prop:checked=move || !bound.get() on:change=choose(true) />
                {tl!(l, source_direct)}
            </label>
        </div>
    }
}

/// The credentials of `kind` this hub may use, to choose one; in words when there are none, or
/// they could not be loaded (with Retry).
#[component]
pub(in crate::form) fn CredentialPicker(
    state: FormState,
    index: usize,
    ids: Ids,
    kind: CredentialType,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let credentials = expect_context::<OrgCredentials>();
    credentials.want();
    let mode = Memo::new(move |_| state.model.with(|m| m.fields[index].secret.clone()));
    let again = move || {
        matches!(
            mode.get(),
            Some(SecretMode::Bound {
                credential: None,
                before: Some(_)
            })
        )
        .then(|| view! { <p class="wc-field__help">{tl!(l, credential_again)}</p> })
    };
    let picker = move || {
        match credentials.list() {
        None => view! {
            <p class="wc-field__help" role="status">{tl!(l, credentials_loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="wc-field__help" role="alert">
                {tl!(l, credentials_failed)} " "
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| credentials.refetch()>
                    {tl!(l, retry)}
                </button>
            </p>
        }
        .into_any(),
        Some(Ok(all)) => {
            let usable: Vec<OrgCredential> =
                all.into_iter().filter(|c| c.credential_type == kind).collect();
            if usable.is_empty() {
                let link = expect_context::<PageContext>().credentials_url.map(|href| view! {
                    " " <a href=href.to_string() target="_blank" rel="noopener">{tl!(l, open_credentials)}</a>
                });
                return view! { <p class="wc-field__help">{tl!(l, no_credentials)}{link}</p> }
                    .into_any();
            }
            view! { <CredentialSelect state index ids=ids.clone() usable /> }.into_any()
        }
    }
    };
    view! { <span class="wc-credential">{again} {picker}</span> }
}

/// The credentials to choose from, the chosen one selected.
#[component]
fn CredentialSelect(
    state: FormState,
    index: usize,
    ids: Ids,
    usable: Vec<OrgCredential>,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let key = state.field(index).field.key;
    let chosen = move || {
        state.model.with(|m| match &m.fields[index].secret {
            Some(SecretMode::Bound { credential, .. }) => *credential,
            _ => None,
        })
    };
    let edited = key.clone();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        state.bind(index, uuid::Uuid::parse_str(&value).ok());
        state.edited(&edited);
    };
    let options = usable
        .into_iter()
        .map(|c| {
            let id = c.id;
            view! { <option value=id.to_string() prop:selected=move || chosen() == Some(id)>{option_text(&c)}</option> }
        })
        .collect_view();
    view! {
        <select
            id=ids.control
            class="wc-input"
            aria-invalid=invalid(state, key)
            aria-describedby=ids.described
            on:change=on_change
        >
            <option value="" prop:selected=move || chosen().is_none()>{tl!(l, choose_a_credential)}</option>
            {options}
        </select>
    }
}

/// A credential as a list shows it: its name, its description, the hint of its secret.
fn option_text(c: &OrgCredential) -> String {
    let hint = match c.hint() {
        "" => String::new(),
        hint => format!(" ({hint})"),
    };
    match c.description.trim() {
        "" => format!("{}{hint}", c.name),
        about => format!("{} — {about}{hint}", c.name),
    }
}
