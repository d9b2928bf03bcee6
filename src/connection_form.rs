//! The one form every connector uses, rendered from its schema: create a connection, or edit one.
//! No connector has form code of its own; a connector added to the hub's catalog gets this form.

use crate::{
    oauth::{Failure, OauthFlows, OauthProgress, Phase, Shown, Target},
    page::{dom_id, PageContext},
    strings,
};
use leptos::{html, prelude::*};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;
use wayai_core::{
    form::{FieldState, FormModel, Input, SecretMode, NAME_KEY},
    Connection, Connector, FieldKind, Header, HubError, PageView, TestResult,
};

/// Whether the form creates a connection or edits `Connection`.
#[derive(Clone)]
pub(crate) enum FormMode {
    Create,
    Edit(Box<Connection>),
}

/// Lets the dialog around a form ask, at the moment it would close, whether that loses typing.
#[derive(Clone, Copy)]
pub(crate) struct UnsavedChanges(pub RwSignal<Option<Signal<bool>>>);

impl UnsavedChanges {
    pub fn any(&self) -> bool {
        self.0
            .get_untracked()
            .is_some_and(|dirty| dirty.get_untracked())
    }
}

#[derive(Clone)]
enum Save {
    Create(wayai_core::CreateConnection, String),
    Update(Uuid, wayai_core::UpdateConnection),
}

#[component]
pub(crate) fn ConnectionForm(connector: Connector, mode: FormMode) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let original = match &mode {
        FormMode::Create => FormModel::for_create(&connector),
        FormMode::Edit(connection) => FormModel::for_edit(&connector, connection),
    };
    let model = RwSignal::new(original.clone());
    let touched = RwSignal::new(BTreeSet::<String>::new());
    let submitted = RwSignal::new(false);
    let server_errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let test_outcome = RwSignal::new(None::<String>);
    // The key of the last create attempt and the body it was for: a retry of the same body
    // reuses it (one connection however often it is sent); a changed body gets a new one.
    let attempt = StoredValue::new((String::new(), String::new()));
    let form_ref = NodeRef::<html::Form>::new();
    let flows = expect_context::<OauthFlows>();
    let oauth = connector.oauth.clone();
    let connector_id = connector.id;
    // The hub's field errors from starting a sign-in (MCP OAuth's URL) show under their fields.
    Effect::new(move |_| {
        if let Some(Shown {
            phase: Phase::Failed(Failure::Hub(HubError::Validation { fields, .. })),
            ..
        }) = flows.shown_for(connector_id)
        {
            server_errors.set(
                fields
                    .iter()
                    .map(|f| (f.field.clone(), f.message.clone()))
                    .collect(),
            );
        }
    });

    let unsaved = use_context::<UnsavedChanges>();
    if let Some(unsaved) = unsaved {
        // Read when the dialog is about to close, so even a keystroke just before counts.
        let original = original.clone();
        unsaved.0.set(Some(Signal::derive(move || {
            model.with(|m| m.is_dirty(&original))
        })));
    }

    let save = {
        let context = context.clone();
        Action::new_local(move |request: &Save| {
            let request = request.clone();
            let client = context.client.clone();
            let hub = context.hub_id;
            async move {
                match request {
                    Save::Create(body, key) => client.create(hub, &body, &key).await,
                    Save::Update(id, body) => client.update(hub, id, &body).await,
                }
            }
        })
    };
    let creating = matches!(mode, FormMode::Create);
    // Saving an MCP server discovers its tools; its view shows them (or why they could not be read).
    let is_mcp = connector.connector_type == wayai_core::ConnectorType::ToolMcp;
    {
        let context = context.clone();
        Effect::new(move |_| match save.value().get() {
            Some(Ok(connection)) => {
                let name = connection.name.clone();
                let id = connection.id;
                if creating {
                    context.created(connection);
                } else {
                    context.updated(connection);
                }
                context.announce(if creating {
                    strings::created_announcement(&name)
                } else {
                    strings::saved_announcement(&name)
                });
                if let Some(unsaved) = unsaved {
                    unsaved.0.set(None);
                }
                context.go(&if creating && is_mcp {
                    PageView::Connection { id: id.to_string() }
                } else {
                    PageView::List { connector: None }
                });
            }
            Some(Err(error)) => {
                if let HubError::Validation { fields, .. } = &error {
                    server_errors.set(
                        fields
                            .iter()
                            .map(|f| (f.field.clone(), f.message.clone()))
                            .collect(),
                    );
                }
                failure.set(Some(strings::hub_error(&error)));
            }
            None => {}
        });
    }

    let test = {
        let context = context.clone();
        let mode = mode.clone();
        Action::new_local(move |body: &wayai_core::CreateConnection| {
            let body = body.clone();
            let client = context.client.clone();
            let hub = context.hub_id;
            let saved = match &mode {
                FormMode::Edit(c) => Some(c.id),
                FormMode::Create => None,
            };
            async move {
                let result: Result<TestResult, HubError> = match saved {
                    Some(id) => client.test(hub, id).await,
                    None => client.test_unsaved(hub, &body).await,
                };
                result
            }
        })
    };
    Effect::new(move |_| {
        if let Some(result) = test.value().get() {
            test_outcome.set(Some(match result {
                Ok(r) => strings::test_result(r.ok, &r.health.message),
                Err(e) => strings::hub_error(&e),
            }));
        }
    });

    // Moves focus to the first field that needs attention.
    let focus_first_error = move || {
        request_animation_frame(move || {
            if let Some(form) = form_ref.get_untracked() {
                if let Ok(Some(el)) = form.query_selector("[aria-invalid='true']") {
                    if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                        let _ = el.focus();
                    }
                }
            }
        });
    };

    let on_submit = {
        let original = original.clone();
        let oauth = oauth.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            if save.pending().get_untracked() {
                return;
            }
            submitted.set(true);
            failure.set(None);
            let current = model.get_untracked();
            if !current.problems().is_empty() {
                failure.set(Some(strings::FIX_FIELDS.to_string()));
                focus_first_error();
                return;
            }
            if let (FormMode::Create, Some(oauth)) = (&mode, &oauth) {
                // The form, then the provider's sign-in (opened here, inside the submit).
                let body = current.to_create();
                flows.begin(
                    Target::New {
                        connector: body.connector_id,
                        name: Some(body.name),
                        config: body.config,
                    },
                    oauth.provider,
                );
                return;
            }
            let request = match &mode {
                FormMode::Create => {
                    let body = current.to_create();
                    let json = serde_json::to_string(&body).unwrap_or_default();
                    let key =
                        attempt.with_value(|(last, key)| (last == &json).then(|| key.clone()));
                    let key = key.unwrap_or_else(|| {
                        let key = Uuid::new_v4().to_string();
                        attempt.set_value((json, key.clone()));
                        key
                    });
                    Save::Create(body, key)
                }
                FormMode::Edit(connection) => {
                    Save::Update(connection.id, current.to_update(&original))
                }
            };
            save.dispatch(request);
        }
    };

    // A field's message: the hub's, else the form's own once the field was left or on submit.
    let message_for = move |key: String| {
        move || {
            if let Some(m) = server_errors.with(|e| e.get(&key).cloned()) {
                return Some(m);
            }
            if !(submitted.get() || touched.with(|t| t.contains(&key))) {
                return None;
            }
            model.with(|m| {
                m.problems()
                    .into_iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, p)| strings::problem(&p))
            })
        }
    };
    let leave = move |key: String| {
        move |_| {
            touched.update(|t| {
                t.insert(key.clone());
            })
        }
    };
    let edited = move |key: &str| {
        server_errors.update(|e| {
            e.remove(key);
        });
    };

    let name_message = message_for(NAME_KEY.to_string());
    let name_invalid = {
        let m = message_for(NAME_KEY.to_string());
        move || m().is_some()
    };
    let field_count = original.fields.len();
    let submit_label = match (&oauth, creating) {
        (Some(oauth), true) => oauth.button_label.clone(),
        (None, true) => strings::CREATE.to_string(),
        (_, false) => strings::SAVE.to_string(),
    };
    // Before a sign-in there is nothing to test: the credentials come from it.
    let testable = !(creating && oauth.is_some());
    let progress =
        (creating && oauth.is_some()).then(|| view! { <OauthProgress key=connector_id /> });

    view! {
        <form class="wc-form" node_ref=form_ref novalidate on:submit=on_submit>
            <div class="wc-field">
                <label class="wc-field__label" for=dom_id("f-name")>
                    {strings::CONNECTION_NAME}
                    <span class="wc-field__required" aria-hidden="true">" *"</span>
                </label>
                <input
                    id=dom_id("f-name")
                    class="wc-input"
                    type="text"
                    required
                    autocomplete="off"
                    maxlength="100"
                    aria-invalid=move || name_invalid().then_some("true")
                    aria-describedby=dom_id("f-name-error")
                    prop:value=move || model.with(|m| m.name.clone())
                    on:input=move |ev| {
                        model.update(|m| m.name = event_target_value(&ev));
                        edited(NAME_KEY);
                    }
                    on:blur=leave(NAME_KEY.to_string())
                />
                <p class="wc-field__error" id=dom_id("f-name-error")>{name_message}</p>
            </div>
            {(0..field_count)
                .map(|index| {
                    view! { <FieldControl model index message_for leave edited /> }
                })
                .collect_view()}
            <p class="wc-form__failure" role="alert">{move || failure.get()}</p>
            <p class="wc-form__test" role="status">{move || test_outcome.get()}</p>
            <div class="wc-form__actions">
                <button type="submit" class="wc-button" disabled=move || save.pending().get()>
                    {move || if !save.pending().get() {
                        submit_label.clone()
                    } else if creating && is_mcp {
                        strings::SAVING_AND_DISCOVERING.to_string()
                    } else {
                        strings::SAVING.to_string()
                    }}
                </button>
                {testable.then(|| view! {
                    <button
                        type="button"
                        class="wc-button wc-button--quiet"
                        disabled=move || test.pending().get()
                        on:click=move |_| {
                            test_outcome.set(None);
                            test.dispatch(model.get_untracked().to_create());
                        }
                    >
                        {move || if test.pending().get() { strings::TESTING } else { strings::TEST }}
                    </button>
                })}
            </div>
            {progress}
        </form>
    }
}

/// One schema field, with the control its kind needs, its help and its message.
#[component]
fn FieldControl<M, F, L, LF, E>(
    model: RwSignal<FormModel>,
    index: usize,
    message_for: M,
    leave: L,
    edited: E,
) -> impl IntoView
where
    M: Fn(String) -> F + Copy + 'static,
    F: Fn() -> Option<String> + Send + Sync + Clone + 'static,
    L: Fn(String) -> LF + Copy + 'static,
    LF: FnMut(web_sys::FocusEvent) + 'static,
    E: Fn(&str) + Copy + Send + Sync + 'static,
{
    let state: FieldState = model.with_untracked(|m| m.fields[index].clone());
    let field = state.field.clone();
    let key = field.key.clone();
    let id = dom_id(&format!("f-{key}"));
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    let message = message_for(key.clone());
    let invalid = {
        let message = message.clone();
        move || message().is_some().then_some("true")
    };
    let set_input = move |input: Input| {
        model.update(|m| m.fields[index].input = input);
    };
    let text = move || {
        model.with(|m| match &m.fields[index].input {
            Input::Text(t) => t.clone(),
            _ => String::new(),
        })
    };
    let label = view! {
        <label class="wc-field__label" for=id.clone()>
            {field.label.clone()}
            {field.required.then(|| view! { <span class="wc-field__required" aria-hidden="true">" *"</span> })}
            {(!field.required).then(|| view! { <span class="wc-field__optional">" (" {strings::OPTIONAL} ")"</span> })}
        </label>
    };
    let key_for_edit = key.clone();
    let on_text = move |ev: web_sys::Event| {
        set_input(Input::Text(event_target_value(&ev)));
        edited(&key_for_edit);
    };
    let control = match field.kind {
        FieldKind::Secret => view! {
            <SecretControl model index id=id.clone() described=described.clone() invalid=invalid.clone() on_text=on_text.clone() leave=leave(key.clone()) />
        }
        .into_any(),
        FieldKind::Boolean => {
            let key = key.clone();
            view! {
                <input
                    id=id.clone()
                    type="checkbox"
                    class="wc-checkbox"
                    aria-describedby=described.clone()
                    prop:checked=move || model.with(|m| matches!(m.fields[index].input, Input::Bool(true)))
                    on:change=move |ev| {
                        set_input(Input::Bool(event_target_checked(&ev)));
                        edited(&key);
                    }
                />
            }
            .into_any()
        }
        FieldKind::Select => {
            let options = field.options.clone();
            view! {
                <select
                    id=id.clone()
                    class="wc-input"
                    aria-invalid=invalid.clone()
                    aria-describedby=described.clone()
                    prop:value=text
                    on:change=on_text.clone()
                    on:blur=leave(key.clone())
                >
                    <option value="">{strings::CHOOSE}</option>
                    {options
                        .into_iter()
                        .map(|o| view! { <option value=o.value.clone()>{o.label.clone()}</option> })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        FieldKind::Headers => view! { <HeadersControl model index id=id.clone() key=key.clone() edited invalid=invalid.clone() /> }.into_any(),
        kind => view! {
            <input
                id=id.clone()
                class="wc-input"
                type=if kind == FieldKind::Url { "url" } else { "text" }
                inputmode=(kind == FieldKind::Number).then_some("decimal")
                autocomplete="off"
                placeholder=field.placeholder.clone()
                maxlength=field.max_length.map(|m| m.to_string())
                aria-invalid=invalid.clone()
                aria-describedby=described.clone()
                prop:value=text
                on:input=on_text.clone()
                on:blur=leave(key.clone())
            />
        }
        .into_any(),
    };
    view! {
        <div class="wc-field" data-field=key.clone() data-kind=format!("{:?}", field.kind).to_lowercase()>
            {label}
            {control}
            <p class="wc-field__help" id=help_id>{field.help.clone()}</p>
            <p class="wc-field__error" id=error_id>{message}</p>
        </div>
    }
}

/// A write-only secret: typed (masked, with Show) for a new value; for a stored one, its hint
/// with Replace (and Remove when the field is optional).
#[component]
fn SecretControl<I, T, L>(
    model: RwSignal<FormModel>,
    index: usize,
    id: String,
    described: String,
    invalid: I,
    on_text: T,
    leave: L,
) -> impl IntoView
where
    I: Fn() -> Option<&'static str> + Send + Sync + Clone + 'static,
    T: FnMut(web_sys::Event) + Clone + Send + Sync + 'static,
    L: FnMut(web_sys::FocusEvent) + 'static,
{
    let shown = RwSignal::new(false);
    let required = model.with_untracked(|m| m.fields[index].field.required);
    let hint = model.with_untracked(|m| match &m.fields[index].secret {
        Some(SecretMode::Keep { hint }) => Some(hint.clone()),
        _ => None,
    });
    // Only a change of mode re-renders the control; typing does not (the input keeps focus).
    let mode = Memo::new(move |_| model.with(|m| m.fields[index].secret.clone()));
    let set_mode = move |mode: SecretMode| {
        model.update(|m| {
            m.fields[index].secret = Some(mode);
            // Leaving Replace forgets what was typed: nothing secret lingers unsent.
            m.fields[index].input = Input::Text(String::new());
        })
    };
    let text = move || {
        model.with(|m| match &m.fields[index].input {
            Input::Text(t) => t.clone(),
            _ => String::new(),
        })
    };
    let leave = StoredValue::new_local(leave);
    move || {
        match mode.get() {
        Some(SecretMode::Keep { hint }) => view! {
            <span class="wc-secret wc-secret--stored">
                <span class="wc-secret__hint">{strings::stored_secret(&hint)}</span>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode(SecretMode::Replace)>
                    {strings::REPLACE}
                </button>
                {(!required).then(|| view! {
                    <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode(SecretMode::Clear)>
                        {strings::REMOVE_SECRET}
                    </button>
                })}
            </span>
        }
        .into_any(),
        Some(SecretMode::Clear) => {
            let hint = hint.clone().unwrap_or_default();
            view! {
                <span class="wc-secret wc-secret--cleared">
                    <span>{strings::SECRET_WILL_BE_REMOVED}</span>
                    <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode(SecretMode::Keep { hint: hint.clone() })>
                        {strings::UNDO}
                    </button>
                </span>
            }
            .into_any()
        }
        _ => {
            let back = hint.clone().map(|hint| view! {
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| set_mode(SecretMode::Keep { hint: hint.clone() })>
                    {strings::KEEP_CURRENT}
                </button>
            });
            let on_text = on_text.clone();
            view! {
                <span class="wc-secret">
                    <input
                        id=id.clone()
                        class="wc-input"
                        type=move || if shown.get() { "text" } else { "password" }
                        autocomplete="new-password"
                        spellcheck="false"
                        aria-invalid=invalid.clone()
                        aria-describedby=described.clone()
                        prop:value=text
                        on:input=on_text
                        on:blur=move |ev| leave.update_value(|l| l(ev))
                    />
                    <button
                        type="button"
                        class="wc-button wc-button--quiet"
                        aria-pressed=move || shown.get().to_string()
                        aria-controls=id.clone()
                        on:click=move |_| shown.update(|s| *s = !*s)
                    >
                        {move || if shown.get() { strings::HIDE } else { strings::SHOW }}
                    </button>
                    {back}
                </span>
            }
            .into_any()
        }
    }
    }
}

/// One change to a header list.
type RowEdit = Box<dyn FnOnce(&mut Vec<Header>)>;

/// Key-value header rows: add and remove rows; blank rows are ignored on save.
#[component]
fn HeadersControl<E, I>(
    model: RwSignal<FormModel>,
    index: usize,
    id: String,
    key: String,
    edited: E,
    /// The field's message, if any: the first row takes it, so focus can go there on submit.
    invalid: I,
) -> impl IntoView
where
    E: Fn(&str) + Copy + Send + Sync + 'static,
    I: Fn() -> Option<&'static str> + Send + Sync + Clone + 'static,
{
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
            edited(&key);
        }
    };
    let change = StoredValue::new_local(change);
    let count = move || rows().len();
    view! {
        <div class="wc-headers" id=id role="group">
            {move || (count() == 0).then(|| view! { <p class="wc-headers__empty">{strings::NO_HEADERS}</p> })}
            <For each=move || 0..count() key=|i| *i let:row>
                <div class="wc-headers__row" data-row=row>
                    <input
                        class="wc-input"
                        type="text"
                        aria-label=format!("{} {}", strings::HEADER_NAME, row + 1)
                        aria-invalid={
                            let invalid = invalid.clone();
                            move || invalid().filter(|_| row == 0)
                        }
                        placeholder=strings::HEADER_NAME
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
                        aria-label=format!("{} {}", strings::HEADER_VALUE, row + 1)
                        placeholder=strings::HEADER_VALUE
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
                        aria-label=strings::remove_header(row + 1)
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
                {strings::ADD_HEADER}
            </button>
        </div>
    }
}
