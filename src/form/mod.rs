//! The one form every connector uses, rendered from its schema: create a connection, or edit one.
//! No connector has form code of its own; a connector added to the hub's catalog gets this form.
//! State is in `state`, requests in `submit`, each kind of field control in `fields`.

mod fields;
mod state;
mod submit;

use crate::{
    context::{dom_id, PageContext},
    oauth::{Failure, OauthFlows, OauthProgress, Phase, Shown, Target},
    strings::{self, t, tl},
};
use fields::{FieldControl, NameField, SyncSwitch};
use leptos::{html, prelude::*};
use state::FormState;
use submit::Submitter;
use wayai_core::{form::FormModel, AuthType, Connection, Connector, HubError};

/// Whether the form creates a connection or edits `Connection`.
#[derive(Clone)]
pub(crate) enum FormMode {
    Create,
    Edit(Box<Connection>),
    /// A production connection's own credential (its secret fields only).
    ProductionCredential(Box<Connection>),
}

#[component]
pub(crate) fn ConnectionForm(
    connector: Connector,
    mode: FormMode,
    /// A new connection's authentication type (`…/new?auth=<type>`); absent or not offered:
    /// the connector's first.
    #[prop(optional)]
    auth: Option<AuthType>,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let original = opening_model(&connector, &mode, auth);
    let state = FormState::new(original.clone());
    let submitter = Submitter::new(state, &mode, connector.capabilities().mcp_tools);
    // "Fix the fields" from the form's own check, before anything is sent.
    let invalid = RwSignal::new(false);
    let form_ref = NodeRef::<html::Form>::new();
    let flows = expect_context::<OauthFlows>();
    let oauth = connector.oauth_facts().cloned();
    let connector_id = connector.id;
    show_sign_in_field_errors(state, flows, connector_id);
    state.report_unsaved(original.clone());
    release_with_the_pointer(state);

    let creating = matches!(mode, FormMode::Create);
    // A production credential: the secret fields only (the rest is the preview's).
    let production = matches!(mode, FormMode::ProductionCredential(_));
    let is_mcp = connector.capabilities().mcp_tools;
    let current_auth = Memo::new(move |_| state.model.with(|m| m.auth));
    // A new connection of an OAuth type ends in its provider's sign-in.
    let signs_in = move || creating && current_auth.get() == AuthType::Oauth;

    let on_submit = submit_handler(Submit {
        state,
        submitter,
        invalid,
        form_ref,
        flows,
        mode,
        oauth: oauth.clone(),
        original: original.clone(),
    });

    let submit_label = {
        let oauth = oauth.clone();
        move || match &oauth {
            Some(oauth) if signs_in() => oauth.button_label.clone(),
            _ => t!(l.get(), save).to_string(),
        }
    };
    let discovers = creating && is_mcp;
    let busy_label = move || busy_label(l.get(), discovers);
    // Before a sign-in there is nothing to test: the credentials come from it.
    let testable = Signal::derive(move || !signs_in() && !production);
    let progress =
        (creating && oauth.is_some()).then(|| view! { <OauthProgress key=connector_id /> });
    let failure = move || {
        if invalid.get() {
            Some(t!(l.get(), fix_fields).to_string())
        } else {
            submitter.failure(move |key| state.shows(key))
        }
    };
    let has_settings = !connector.settings.is_empty() && !production;
    let head = form_head(production, state, &connector, &original, creating);

    view! {
        <form class="wc-form" node_ref=form_ref novalidate on:submit=on_submit on:pointerdown=move |_| state.pressed()>
            {head}
            <FieldList state current_auth settings=false />
            {has_settings.then(|| view! { <SettingsFields state current_auth /> })}
            {(!production).then(|| view! { <SyncSwitch state /> })}
            <p class="wc-form__failure" role="alert">{failure}</p>
            <p class="wc-form__test" role="status">{move || submitter.test_outcome()}</p>
            <FormActions submitter state submit_label testable busy_label />
            {progress}
        </form>
    }
}

/// What opens the form: the name and the choice of type, or (a production credential's form)
/// what the credential is for.
fn form_head(
    production: bool,
    state: FormState,
    connector: &Connector,
    original: &FormModel,
    creating: bool,
) -> AnyView {
    let l = expect_context::<PageContext>().locale;
    if production {
        return view! { <p>{tl!(l, production_credential_intro)}</p> }.into_any();
    }
    view! {
        <NameField state />
        <AuthChoice state connector=connector.clone() original=original.clone() creating />
    }
    .into_any()
}

/// A connector's settings, apart from its credentials.
#[component]
fn SettingsFields(state: FormState, current_auth: Memo<AuthType>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <fieldset class="wc-form__settings">
            <legend class="wc-form__legend">{tl!(l, settings)}</legend>
            <FieldList state current_auth settings=true />
        </fieldset>
    }
}

/// The submit button's label while saving: creating an MCP connection discovers its tools.
fn busy_label(l: crate::i18n::Locale, discovers: bool) -> &'static str {
    if discovers {
        t!(l, saving_and_discovering)
    } else {
        t!(l, saving)
    }
}

/// The form as it opens: a connection's values, or a new one's defaults for the asked type (when
/// the connector offers it; else its first).
fn opening_model(connector: &Connector, mode: &FormMode, auth: Option<AuthType>) -> FormModel {
    match mode {
        FormMode::Create => {
            let auth = auth
                .filter(|a| connector.auth(*a).is_some())
                .unwrap_or_else(|| connector.default_auth());
            FormModel::for_create_with(connector, auth)
        }
        FormMode::Edit(connection) => FormModel::for_edit(connector, connection),
        FormMode::ProductionCredential(connection) => {
            FormModel::for_production_credential(connector, connection)
        }
    }
}

/// What a submit needs to decide between sign-in, create and update.
struct Submit {
    state: FormState,
    submitter: Submitter,
    invalid: RwSignal<bool>,
    form_ref: NodeRef<html::Form>,
    flows: OauthFlows,
    mode: FormMode,
    oauth: Option<wayai_core::OauthFacts>,
    original: FormModel,
}

/// Submit: the form's own check first (focus on the first problem); then a new OAuth-type
/// connection goes to its provider's sign-in (opened here, inside the submit), any other is
/// created, an edit is saved.
fn submit_handler(s: Submit) -> impl Fn(web_sys::SubmitEvent) + 'static {
    move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if s.submitter.save_pending_untracked() {
            return;
        }
        s.state.submit_tried();
        s.submitter.clear_failure();
        let current = s.state.model.get_untracked();
        if !current.problems().is_empty() {
            s.invalid.set(true);
            focus_first_error(s.form_ref);
            return;
        }
        s.invalid.set(false);
        match (&s.mode, &s.oauth) {
            (FormMode::Create, Some(oauth)) if current.auth == AuthType::Oauth => s
                .flows
                .begin(Target::new(current.to_create()), oauth.provider),
            (FormMode::Create, _) => s.submitter.create(&current),
            (FormMode::Edit(connection), _) => {
                s.submitter.update(connection.id, &current, &s.original)
            }
            (FormMode::ProductionCredential(connection), _) => s
                .submitter
                .set_production_credential(connection.id, &current),
        }
    }
}

/// The controls of the type's fields (or of the settings), each made afresh when the type
/// changes (keyed by type and field: a control never shows another field's state).
#[component]
fn FieldList(state: FormState, current_auth: Memo<AuthType>, settings: bool) -> impl IntoView {
    let listed = move || {
        let auth = current_auth.get();
        state.model.with_untracked(|m| {
            m.fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.setting == settings)
                .map(|(index, f)| (auth, f.field.key.clone(), index))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <For each=listed key=|(auth, key, _)| (*auth, key.clone()) let((_, _, index))>
            <FieldControl state index />
        </For>
    }
}

/// The choice of authentication type, where a connector offers more than one. Switching keeps
/// the name, the shared fields and the settings; only the credentials change. An edit offers
/// the types a form can set up (an OAuth type needs its sign-in: Reconnect).
#[component]
fn AuthChoice(
    state: FormState,
    connector: Connector,
    original: FormModel,
    creating: bool,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let kinds: Vec<(AuthType, Option<String>)> = connector
        .authentication_types
        .iter()
        .map(|a| (a.kind, a.label.clone()))
        .filter(|(k, _)| creating || *k != AuthType::Oauth || *k == original.auth)
        .collect();
    let group = dom_id("f-auth");
    // A type a newer hub offers is listed, unavailable, so the admin knows it exists.
    (kinds.len() > 1 || kinds.iter().any(|(k, _)| *k == AuthType::Other)).then(|| {
        view! {
            <fieldset class="wc-field wc-auth-choice" data-auth-choice="">
                <legend class="wc-field__label">{tl!(l, authentication)}</legend>
                {kinds
                    .into_iter()
                    .map(|(kind, label)| {
                        let connector = connector.clone();
                        let original = original.clone();
                        view! {
                            <label class="wc-auth-choice__option">
                                <input
                                    type="radio"
                                    name=group.clone()
                                    value=kind.as_str()
                                    disabled=kind == AuthType::Other
                                    prop:checked=move || state.model.with(|m| m.auth == kind)
                                    on:change=move |_| {
                                        state.model.update(|m| {
                                            m.switch_auth(&connector, kind, (!creating).then_some(&original))
                                        })
                                    }
                                />
                                " "
                                {move || strings::auth_choice(l.get(), kind, label.as_deref())}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    })
}

/// A press that started in the form ends wherever the pointer comes up: the listeners go with
/// the form.
fn release_with_the_pointer(state: FormState) {
    let up = window_event_listener(leptos::ev::pointerup, move |_| state.released());
    let cancel = window_event_listener(leptos::ev::pointercancel, move |_| state.released());
    on_cleanup(move || {
        up.remove();
        cancel.remove();
    });
}

/// Moves focus to the first field that needs attention, once it is drawn.
fn focus_first_error(form_ref: NodeRef<html::Form>) {
    request_animation_frame(move || {
        // `try_`: the form may be gone by the next frame (its page unmounted).
        if let Some(form) = form_ref.try_get_untracked().flatten() {
            if let Ok(Some(el)) = form.query_selector("[aria-invalid='true']") {
                if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                    let _ = el.focus();
                }
            }
        }
    });
}

/// Save (or the provider's sign-in) and Test, each busy while its request runs.
#[component]
fn FormActions(
    submitter: Submitter,
    state: FormState,
    submit_label: impl Fn() -> String + Send + Sync + 'static,
    testable: Signal<bool>,
    busy_label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <div class="wc-form__actions">
            <button type="submit" class="wc-button" disabled=move || submitter.saving()>
                {move || if submitter.saving() { busy_label().to_string() } else { submit_label() }}
            </button>
            {move || testable.get().then(|| view! {
                <button
                    type="button"
                    class="wc-button wc-button--quiet"
                    disabled=move || submitter.testing()
                    on:click=move |_| submitter.test(&state.model.get_untracked())
                >
                    {move || if submitter.testing() { t!(l.get(), testing) } else { t!(l.get(), test) }}
                </button>
            })}
        </div>
    }
}

/// The hub's field errors from starting a sign-in (MCP OAuth's URL) show under their fields.
/// An effect: the flow's answer reaches the page-level flow controller, not this form.
fn show_sign_in_field_errors(state: FormState, flows: OauthFlows, connector_id: uuid::Uuid) {
    Effect::new(move |_| {
        if let Some(Shown {
            phase: Phase::Failed(Failure::Hub(HubError::Validation { fields, .. })),
            ..
        }) = flows.shown_for(connector_id)
        {
            state.set_server_errors(&fields);
        }
    });
}
