//! Adding a credential (name, description, type, its values, tags, environment) and editing one
//! (everything but its secret, which changes by a rotation). What is typed stays in the form until
//! the hub accepts it; a secret is sent once, with the create, and never shown again.

use super::{
    field::{hub_field_errors, TextInput},
    tags::TagPicker,
    OrgPage,
};
use crate::{
    context::dom_id,
    i18n::Locale,
    strings::{self, org as words, t, tl},
    ui::dialog::{unsaved_changes, Dialog},
};
use leptos::prelude::*;
use std::collections::BTreeMap;
use wayai_core::{
    org::{CreateCredential, CredentialType, Environment, OrgCredential, UpdateCredential},
    HubError,
};

/// What the form holds: the typed values, and each field's problem in words.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    description: RwSignal<String>,
    kind: RwSignal<CredentialType>,
    /// One per field any type has (`api_key`, `token`, `username`, `password`): switching type
    /// keeps what was typed for the other.
    values: [(&'static str, RwSignal<String>); 4],
    tags: RwSignal<Vec<String>>,
    environment: RwSignal<Environment>,
    /// Field (`name`, `values.api_key`, …) → what is wrong with it.
    errors: RwSignal<BTreeMap<String, String>>,
}

impl Draft {
    fn new(existing: Option<&OrgCredential>) -> Self {
        let value = |_| RwSignal::new(String::new());
        Draft {
            name: RwSignal::new(existing.map(|c| c.name.clone()).unwrap_or_default()),
            description: RwSignal::new(existing.map(|c| c.description.clone()).unwrap_or_default()),
            kind: RwSignal::new(existing.map_or(CredentialType::ApiKey, |c| c.credential_type)),
            values: ["api_key", "token", "username", "password"].map(|k| (k, value(k))),
            tags: RwSignal::new(existing.map(|c| c.tags.clone()).unwrap_or_default()),
            environment: RwSignal::new(existing.map_or(Environment::All, |c| c.environment)),
            errors: RwSignal::new(BTreeMap::new()),
        }
    }

    fn value(&self, key: &str) -> RwSignal<String> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .expect("a credential field")
            .1
    }

    /// The values the chosen type is made of (the only time a secret travels).
    fn typed_values(&self) -> BTreeMap<String, String> {
        let kind = self.kind.get_untracked();
        kind.fields()
            .iter()
            .map(|(k, _)| (k.to_string(), self.value(k).get_untracked()))
            .collect()
    }

    fn create_body(&self) -> CreateCredential {
        CreateCredential {
            name: self.name.get_untracked().trim().to_string(),
            description: self.description.get_untracked(),
            credential_type: self.kind.get_untracked(),
            values: self.typed_values(),
            tags: self.tags.get_untracked(),
            environment: Some(self.environment.get_untracked()),
        }
    }

    /// Only what changed: a value this page does not know (a newer hub's environment) is not
    /// sent back.
    fn update_body(&self, was: &OrgCredential) -> UpdateCredential {
        let changed = |now: String, was: &str| (now != was).then_some(now);
        let name = self.name.get_untracked().trim().to_string();
        let tags = self.tags.get_untracked();
        let env = self.environment.get_untracked();
        UpdateCredential {
            name: changed(name, &was.name),
            description: changed(self.description.get_untracked(), &was.description),
            tags: (tags != was.tags).then_some(tags),
            environment: (env != was.environment).then_some(env),
        }
    }

    fn dirty(&self, was: Option<&OrgCredential>) -> bool {
        match was {
            Some(was) => self.update_body(was) != UpdateCredential::default(),
            None => {
                !self.name.get().trim().is_empty()
                    || !self.description.get().is_empty()
                    || self.values.iter().any(|(_, v)| !v.get().is_empty())
                    || !self.tags.get().is_empty()
            }
        }
    }

    /// What the page can tell before asking: a name, and every value of the type.
    fn check(&self, l: Locale, creating: bool) -> BTreeMap<String, String> {
        let required = strings::problem(l, &wayai_core::validate::Problem::Required);
        let mut errors = BTreeMap::new();
        if self.name.get_untracked().trim().is_empty() {
            errors.insert("name".to_string(), required.clone());
        }
        if creating {
            for (key, value) in self.typed_values() {
                if value.trim().is_empty() {
                    errors.insert(format!("values.{key}"), required.clone());
                }
            }
        }
        errors
    }

    /// The hub's field errors, in the page's words; `true` when it named any.
    fn take_hub_errors(&self, l: Locale, error: &HubError) -> bool {
        let named = hub_field_errors(l, error);
        let any = named.is_some();
        self.errors.set(named.unwrap_or_default());
        any
    }
}

/// Add (no `existing`) or edit a credential.
#[component]
pub(super) fn CredentialDialog(existing: Option<OrgCredential>) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let draft = Draft::new(existing.as_ref());
    let unsaved = unsaved_changes();
    let was = existing.clone();
    unsaved
        .0
        .set(Some(Signal::derive(move || draft.dirty(was.as_ref()))));
    let failure = RwSignal::new(None::<String>);
    let save = save_action(page.clone(), draft, existing.clone(), failure);
    let creating = existing.is_none();
    let title = {
        let name = existing.as_ref().map(|c| c.name.clone());
        Signal::derive(move || match &name {
            None => t!(l.get(), cred_new_title).to_string(),
            Some(name) => t!(l.get(), cred_edit_title, name = name.clone()),
        })
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let errors = draft.check(l.get_untracked(), creating);
        failure.set(None);
        if !errors.is_empty() {
            draft.errors.set(errors);
            failure.set(Some(t!(l.get_untracked(), fix_fields).to_string()));
            return;
        }
        draft.errors.set(BTreeMap::new());
        save.dispatch_local(());
    };
    let pending = save.pending();
    view! {
        <Dialog title>
            <form class="wc-form" novalidate on:submit=on_submit>
                <TextInput errors=draft.errors key="name" label=|l| t!(l, cred_name) value=draft.name required=true />
                <TextInput errors=draft.errors key="description" label=|l| t!(l, cred_description) value=draft.description multiline=true />
                {creating.then(|| view! { <TypeChoice draft /> <TypedValues draft /> })}
                <TagPicker chosen=draft.tags />
                <EnvironmentChoice draft />
                <p class="wc-form__failure" role="alert">{move || failure.get()}</p>
                <div class="wc-form__actions">
                    <button type="submit" class="wc-button" disabled=move || pending.get()>
                        {move || if pending.get() { t!(l.get(), saving) } else { t!(l.get(), save) }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Create or update; on success the list follows and the dialog closes, else the failure stays
/// beside what was typed.
fn save_action(
    page: OrgPage,
    draft: Draft,
    existing: Option<OrgCredential>,
    failure: RwSignal<Option<String>>,
) -> Action<(), ()> {
    // One key per body: a second Save of the same body is the same create (a lost answer
    // retried makes one credential); a changed body is a new one.
    let key = StoredValue::new(None::<(CreateCredential, String)>);
    Action::new_local(move |_: &()| {
        let (page, existing) = (page.clone(), existing.clone());
        async move {
            let l = page.locale.get_untracked();
            let outcome = match &existing {
                Some(was) => {
                    let body = draft.update_body(was);
                    page.client.update_credential(page.org, was.id, &body).await
                }
                None => {
                    let body = draft.create_body();
                    let idempotency = match key.get_value() {
                        Some((earlier, k)) if earlier == body => k,
                        _ => uuid::Uuid::new_v4().to_string(),
                    };
                    key.set_value(Some((body.clone(), idempotency.clone())));
                    page.client
                        .create_credential(page.org, &body, &idempotency)
                        .await
                }
            };
            match outcome {
                Ok(saved) => {
                    let name = saved.name.clone();
                    page.upsert(saved);
                    page.done(match existing {
                        Some(_) => t!(l, cred_saved, name),
                        None => t!(l, cred_created, name),
                    });
                }
                Err(error) if draft.take_hub_errors(l, &error) => {
                    failure.set(Some(t!(l, fix_fields).to_string()));
                }
                Err(error) => failure.set(Some(strings::hub_error(l, &error))),
            }
        }
    })
}

/// The type of a new credential: it decides its values.
#[component]
fn TypeChoice(draft: Draft) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let id = dom_id("cred-type");
    let options = CredentialType::ALL.map(|kind| {
        view! {
            <option value=kind.as_str() prop:selected=move || draft.kind.get() == kind>
                {move || words::credential_type(l.get(), kind)}
            </option>
        }
    });
    let on_change = move |ev| {
        let chosen = event_target_value(&ev);
        if let Some(kind) = CredentialType::ALL
            .into_iter()
            .find(|k| k.as_str() == chosen)
        {
            draft.kind.set(kind);
        }
    };
    view! {
        <div class="wc-field">
            <label class="wc-field__label" for=id.clone()>{tl!(l, cred_type)}</label>
            <select id=id class="wc-input" on:change=on_change>{options.collect_view()}</select>
        </div>
    }
}

/// The chosen type's values: its secret ones write-only.
#[component]
fn TypedValues(draft: Draft) -> impl IntoView {
    move || {
        draft
            .kind
            .get()
            .fields()
            .iter()
            .map(|&(key, secret)| {
                view! {
                    <TextInput errors=draft.errors key=format!("values.{key}")
                        label=move |l| words::value_label(l, key) value=draft.value(key)
                        required=true secret write_only_note=secret />
                }
            })
            .collect_view()
    }
}

/// Which hubs may use it by their environment.
#[component]
fn EnvironmentChoice(draft: Draft) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let id = dom_id("cred-environment");
    let choices = [
        Environment::All,
        Environment::Preview,
        Environment::Production,
    ];
    let options = choices.map(|env| {
        view! {
            <option value=env.as_str() prop:selected=move || draft.environment.get() == env>
                {move || words::environment(l.get(), env)}
            </option>
        }
    });
    // A newer hub's environment: shown, kept unless another is chosen.
    let other = move || {
        (draft.environment.get() == Environment::Other).then(|| {
            view! { <option value="" selected=true disabled=true>{move || words::environment(l.get(), Environment::Other)}</option> }
        })
    };
    let on_change = move |ev| {
        let chosen = event_target_value(&ev);
        if let Some(env) = choices.into_iter().find(|e| e.as_str() == chosen) {
            draft.environment.set(env);
        }
    };
    view! {
        <div class="wc-field">
            <label class="wc-field__label" for=id.clone()>{tl!(l, cred_environment)}</label>
            <select id=id class="wc-input" on:change=on_change>{other}{options.collect_view()}</select>
        </div>
    }
}
