//! A new secret for a credential: every connection that uses it, in every hub, gets it and is
//! tested with it by the hub before it answers.

use super::{
    field::{hub_field_errors, TextInput},
    OrgPage,
};
use crate::{
    strings::{self, org as words, t, tl},
    ui::dialog::{unsaved_changes, Dialog},
};
use leptos::prelude::*;
use std::collections::BTreeMap;
use wayai_core::{
    org::{OrgCredential, RotateCredential},
    validate::Problem,
};

#[component]
pub(super) fn RotateDialog(credential: OrgCredential) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let secrets: Vec<(&'static str, RwSignal<String>)> = credential
        .credential_type
        .fields()
        .iter()
        .filter(|(_, secret)| *secret)
        .map(|(key, _)| (*key, RwSignal::new(String::new())))
        .collect();
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let unsaved = unsaved_changes();
    {
        let secrets = secrets.clone();
        unsaved.0.set(Some(Signal::derive(move || {
            secrets.iter().any(|(_, v)| !v.with(String::is_empty))
        })));
    }
    let rotate = rotate_action(page.clone(), credential.id, errors, failure);
    let on_submit = {
        let secrets = secrets.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let l = l.get_untracked();
            let values: BTreeMap<String, String> = secrets
                .iter()
                .map(|(k, v)| (k.to_string(), v.get_untracked()))
                .collect();
            let missing: BTreeMap<String, String> = values
                .iter()
                .filter(|(_, v)| v.trim().is_empty())
                .map(|(k, _)| {
                    (
                        format!("values.{k}"),
                        strings::problem(l, &Problem::Required),
                    )
                })
                .collect();
            failure.set(None);
            errors.set(missing.clone());
            if missing.is_empty() {
                rotate.dispatch_local(RotateCredential { values });
            } else {
                failure.set(Some(t!(l, fix_fields).to_string()));
            }
        }
    };
    let pending = rotate.pending();
    let name = credential.name.clone();
    let fields = secrets
        .into_iter()
        .map(|(key, value)| {
            view! {
                <TextInput errors key=format!("values.{key}") label=move |l| words::value_label(l, key)
                    value required=true secret=true />
            }
        })
        .collect_view();
    view! {
        <Dialog title=Signal::derive(move || t!(l.get(), cred_rotate_title, name = name.clone()))>
            <form class="wc-form" novalidate on:submit=on_submit>
                <p>{tl!(l, cred_rotate_help)}</p>
                <p class="wc-card__facts">{move || words::used_by(l.get(), credential.used_by)}</p>
                {fields}
                <p class="wc-form__failure" role="alert">{move || failure.get()}</p>
                <div class="wc-form__actions">
                    <button type="submit" class="wc-button" disabled=move || pending.get()>
                        {move || if pending.get() { t!(l.get(), saving) } else { t!(l.get(), cred_rotate) }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Sends the new secret; on success the list follows and the dialog closes, else the failure
/// stays beside what was typed.
fn rotate_action(
    page: OrgPage,
    id: uuid::Uuid,
    errors: RwSignal<BTreeMap<String, String>>,
    failure: RwSignal<Option<String>>,
) -> Action<RotateCredential, ()> {
    Action::new_local(move |body: &RotateCredential| {
        let (page, body) = (page.clone(), body.clone());
        async move {
            let l = page.locale.get_untracked();
            match page.client.rotate_credential(page.org, id, &body).await {
                Ok(rotated) => {
                    let name = rotated.name.clone();
                    page.upsert(rotated);
                    page.done(t!(l, cred_rotated, name));
                }
                Err(error) => match hub_field_errors(l, &error) {
                    Some(named) => {
                        errors.set(named);
                        failure.set(Some(t!(l, fix_fields).to_string()));
                    }
                    None => failure.set(Some(strings::hub_error(l, &error))),
                },
            }
        }
    })
}
