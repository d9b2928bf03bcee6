//! The one form every connector uses, rendered from its schema: create a connection, or edit one.
//! No connector has form code of its own; a connector added to the hub's catalog gets this form.
//! State is in `state`, requests in `submit`, each kind of field control in `fields`.

mod fields;
mod state;
mod submit;

use crate::{
    oauth::{Failure, OauthFlows, OauthProgress, Phase, Shown, Target},
    strings,
};
use fields::{FieldControl, NameField};
use leptos::{html, prelude::*};
use state::FormState;
use submit::Submitter;
use wayai_core::{form::FormModel, Connection, Connector, HubError};

/// Whether the form creates a connection or edits `Connection`.
#[derive(Clone)]
pub(crate) enum FormMode {
    Create,
    Edit(Box<Connection>),
}

#[component]
pub(crate) fn ConnectionForm(connector: Connector, mode: FormMode) -> impl IntoView {
    let original = match &mode {
        FormMode::Create => FormModel::for_create(&connector),
        FormMode::Edit(connection) => FormModel::for_edit(&connector, connection),
    };
    let state = FormState::new(original.clone());
    let submitter = Submitter::new(state, &mode, connector.connector_type);
    // "Fix the fields" from the form's own check, before anything is sent.
    let invalid = RwSignal::new(false);
    let form_ref = NodeRef::<html::Form>::new();
    let flows = expect_context::<OauthFlows>();
    let oauth = connector.oauth.clone();
    let connector_id = connector.id;
    show_sign_in_field_errors(state, flows, connector_id);
    state.report_unsaved(original.clone());

    let creating = matches!(mode, FormMode::Create);
    let is_mcp = connector.connector_type == wayai_core::ConnectorType::ToolMcp;

    let focus_first_error = move || focus_first_error(form_ref);

    let on_submit = {
        let original = original.clone();
        let oauth = oauth.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            if submitter.save_pending_untracked() {
                return;
            }
            state.submit_tried();
            submitter.clear_failure();
            let current = state.model.get_untracked();
            if !current.problems().is_empty() {
                invalid.set(true);
                focus_first_error();
                return;
            }
            invalid.set(false);
            match (&mode, &oauth) {
                // The form, then the provider's sign-in (opened here, inside the submit).
                (FormMode::Create, Some(oauth)) => {
                    flows.begin(Target::new(current.to_create()), oauth.provider)
                }
                (FormMode::Create, None) => submitter.create(&current),
                (FormMode::Edit(connection), _) => {
                    submitter.update(connection.id, &current, &original)
                }
            }
        }
    };

    let field_count = original.fields.len();
    let (submit_label, busy_label) = submit_labels(oauth.as_ref(), creating, is_mcp);
    // Before a sign-in there is nothing to test: the credentials come from it.
    let testable = !(creating && oauth.is_some());
    let progress =
        (creating && oauth.is_some()).then(|| view! { <OauthProgress key=connector_id /> });
    let failure = move || {
        if invalid.get() {
            Some(strings::FIX_FIELDS.to_string())
        } else {
            submitter.failure()
        }
    };

    view! {
        <form class="wc-form" node_ref=form_ref novalidate on:submit=on_submit>
            <NameField state />
            {(0..field_count)
                .map(|index| view! { <FieldControl state index /> })
                .collect_view()}
            <p class="wc-form__failure" role="alert">{failure}</p>
            <p class="wc-form__test" role="status">{move || submitter.test_outcome()}</p>
            <FormActions submitter state submit_label testable busy_label />
            {progress}
        </form>
    }
}

/// Moves focus to the first field that needs attention, once it is drawn.
fn focus_first_error(form_ref: NodeRef<html::Form>) {
    request_animation_frame(move || {
        if let Some(form) = form_ref.get_untracked() {
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
    submit_label: String,
    testable: bool,
    busy_label: &'static str,
) -> impl IntoView {
    view! {
        <div class="wc-form__actions">
            <button type="submit" class="wc-button" disabled=move || submitter.saving()>
                {move || if submitter.saving() { busy_label.to_string() } else { submit_label.clone() }}
            </button>
            {testable.then(|| view! {
                <button
                    type="button"
                    class="wc-button wc-button--quiet"
                    disabled=move || submitter.testing()
                    on:click=move |_| submitter.test(&state.model.get_untracked())
                >
                    {move || if submitter.testing() { strings::TESTING } else { strings::TEST }}
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

/// The submit button's label, and its label while saving.
fn submit_labels(
    oauth: Option<&wayai_core::OauthFacts>,
    creating: bool,
    is_mcp: bool,
) -> (String, &'static str) {
    let label = match (oauth, creating) {
        (Some(oauth), true) => oauth.button_label.clone(),
        (None, true) => strings::CREATE.to_string(),
        (_, false) => strings::SAVE.to_string(),
    };
    let busy = if creating && is_mcp {
        strings::SAVING_AND_DISCOVERING
    } else {
        strings::SAVING
    };
    (label, busy)
}
