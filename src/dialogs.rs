//! The views deep links open over the list: a connector's create view and a connection's view.
//! Both are native modal dialogs: the browser keeps focus inside and makes the rest inert; the
//! page closes them with Escape or Close, and returns focus where it was.

use crate::{
    cards::{ConnectionFacts, HealthBadge},
    connection_form::{ConnectionForm, FormMode, UnsavedChanges},
    mcp::ToolsSection,
    oauth::{OauthButton, Target},
    page::{dom_id, HubData, PageContext},
    strings,
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;
use wayai_core::{
    AuthKind, Connection, Connector, ConnectorStatus, ConnectorType, FieldKind, FieldValue,
    HealthStatus, HubError, OauthProvider, PageView, UpdateConnection,
};

/// A modal dialog titled `title`; closing it returns to the list.
#[component]
fn Dialog(#[prop(into)] title: Signal<String>, children: Children) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let dialog = NodeRef::<html::Dialog>::new();
    // Where focus was when the dialog opened, to give it back when it closes.
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    // The open dialog, kept so that cleanup can close it before giving focus back: everything
    // behind an open modal is inert and would refuse the focus.
    let shown = send_wrapper::SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(
        None::<web_sys::HtmlDialogElement>,
    )));
    {
        let shown = shown.clone();
        Effect::new(move |_| {
            if let Some(d) = dialog.get() {
                if !d.open() {
                    let _ = d.show_modal();
                }
                *shown.borrow_mut() = Some(d);
            }
        });
    }
    let opener = send_wrapper::SendWrapper::new(opener);
    on_cleanup(move || {
        if let Some(d) = shown.borrow_mut().take() {
            d.close();
        }
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
    });
    // The view that builds the form provides this before the form exists (see `unsaved_changes`).
    let unsaved = use_context::<UnsavedChanges>().unwrap_or_else(unsaved_changes);
    let confirming = RwSignal::new(false);
    let leave = {
        let context = context.clone();
        move || context.go(&PageView::List { connector: None })
    };
    // Closing with unsaved typing asks first.
    let close = {
        let leave = leave.clone();
        move || {
            if unsaved.any() {
                confirming.set(true);
            } else {
                leave();
            }
        }
    };
    let on_cancel = {
        let close = close.clone();
        move |ev: web_sys::Event| {
            // The route decides what is open: Escape navigates, and the dialog goes with the view.
            ev.prevent_default();
            close();
        }
    };
    view! {
        <dialog node_ref=dialog class="wc-dialog" aria-labelledby=dom_id("dialog-title") on:cancel=on_cancel>
            <div class="wc-dialog__header">
                <h2 class="wc-dialog__title" id=dom_id("dialog-title")>
                    {move || title.get()}
                </h2>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| close()>
                    {strings::CLOSE}
                </button>
            </div>
            {move || {
                confirming
                    .get()
                    .then(|| {
                        let leave = leave.clone();
                        view! {
                            <div class="wc-confirm" role="alertdialog" aria-labelledby=dom_id("discard-title")>
                                <p id=dom_id("discard-title")>{strings::DISCARD_TITLE}</p>
                                <button type="button" class="wc-button wc-button--danger" on:click=move |_| leave()>
                                    {strings::DISCARD}
                                </button>
                                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| confirming.set(false)>
                                    {strings::KEEP_EDITING}
                                </button>
                            </div>
                        }
                    })
            }}
            <div class="wc-dialog__body">{children()}</div>
        </dialog>
    }
}

/// Shares, between a form and the dialog around it, whether closing would lose typing. Provided
/// before either is built: a component's body runs when its view is made.
fn unsaved_changes() -> UnsavedChanges {
    let unsaved = UnsavedChanges(RwSignal::new(None));
    provide_context(unsaved);
    unsaved
}

/// `…/connections/new?connector=<uuid>`: what connecting this connector takes.
#[component]
pub(crate) fn NewConnectionDialog(data: HubData, connector: Option<String>) -> impl IntoView {
    unsaved_changes();
    let Some(reference) = connector else {
        return view! {
            <Dialog title=strings::NOT_FOUND_TITLE>
                <p role="alert">{strings::CONNECTOR_MISSING}</p>
            </Dialog>
        }
        .into_any();
    };
    // The real app links by connector id; a slug is accepted too.
    let found = data
        .catalog
        .connectors
        .iter()
        .find(|c| c.id.to_string() == reference || c.slug == reference)
        .cloned();
    match found {
        None => view! {
            <Dialog title=strings::NOT_FOUND_TITLE>
                <p role="alert">{strings::connector_not_found(&reference)}</p>
            </Dialog>
        }
        .into_any(),
        Some(connector) => {
            // A form when there is something to fill in (MCP OAuth: the form, then the popup);
            // OAuth alone: the provider's button; disabled connectors: what setup takes.
            let enabled = connector.status == ConnectorStatus::Enabled;
            let oauth_only = connector.auth == AuthKind::Oauth && connector.fields.is_empty();
            let form = (enabled && !oauth_only).then(
                || view! { <ConnectionForm connector=connector.clone() mode=FormMode::Create /> },
            );
            let sign_in = (enabled && oauth_only)
                .then(|| view! { <OauthSignIn connector=connector.clone() /> });
            let setup =
                (!enabled).then(|| view! { <ConnectorSetup connector=connector.clone() /> });
            let prerequisites = enabled.then(|| connector.prerequisites.clone()).flatten();
            view! {
                <Dialog title=strings::new_connection_title(&connector.name)>
                    <p>{connector.description.clone()}</p>
                    {prerequisites.map(|p| view! { <p class="wc-dialog__prerequisites"><strong>{strings::PREREQUISITES} ": "</strong>{p}</p> })}
                    {setup}
                    {sign_in}
                    {form}
                </Dialog>
            }
            .into_any()
        }
    }
}

/// An OAuth connector with nothing to fill in: its provider's button; the connection is named
/// from the account signed in with.
#[component]
fn OauthSignIn(connector: Connector) -> impl IntoView {
    let oauth = connector.oauth.clone();
    let provider = oauth.as_ref().map_or(OauthProvider::Google, |o| o.provider);
    let label = oauth
        .as_ref()
        .map_or_else(|| strings::CONNECT.to_string(), |o| o.button_label.clone());
    let refresh = oauth.and_then(|o| o.token_refresh_seconds);
    view! {
        <p>{strings::OAUTH_NAMED_FROM_ACCOUNT}</p>
        {refresh.map(|s| view! { <p>{strings::token_refresh(s)}</p> })}
        <div class="wc-oauth-start">
            <OauthButton
                label
                provider
                target=Target::New { connector: connector.id, name: None, config: Default::default() }
            />
        </div>
        <ConnectorFacts connector />
    }
}

#[component]
fn ConnectorSetup(connector: Connector) -> impl IntoView {
    let disabled = connector.status == ConnectorStatus::Disabled;
    view! {
        {disabled.then(|| view! { <p class="wc-alert" role="status">{strings::CONTACT_SUPPORT}</p> })}
        {connector
            .prerequisites
            .clone()
            .map(|p| {
                view! {
                    <h3 class="wc-dialog__section">{strings::PREREQUISITES}</h3>
                    <p>{p}</p>
                }
            })}
        {(connector.auth != AuthKind::Oauth || !connector.fields.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::SETUP_FIELDS}</h3>
                    <ul class="wc-fields">
                        <li>{strings::CONNECTION_NAME} " (" {strings::REQUIRED} ")"</li>
                        {connector
                            .fields
                            .iter()
                            .map(|f| {
                                view! {
                                    <li data-field=f.key.clone()>
                                        {f.label.clone()}
                                        " ("
                                        {if f.required { strings::REQUIRED } else { strings::OPTIONAL }}
                                        ")"
                                        {f.help.clone().map(|h| view! { <span class="wc-fields__help">{h}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {connector.oauth.clone().map(|o| view! { <p>{strings::oauth_setup(&o.button_label)}</p> })}
        <ConnectorFacts connector />
    }
}

/// Agent tools and voices of a connector, from the seed.
#[component]
fn ConnectorFacts(connector: Connector) -> impl IntoView {
    view! {
        {(!connector.agent_tools.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::AGENT_TOOLS}</h3>
                    <p class="wc-code-list">{connector.agent_tools.join(", ")}</p>
                }
            })}
        {(!connector.voices.is_empty())
            .then(|| {
                view! {
                    <h3 class="wc-dialog__section">{strings::VOICES}</h3>
                    <p>{connector.voices.join(", ")}</p>
                }
            })}
    }
}

/// `…/connections/<id>`: one connection. It follows the connection as it changes (saved,
/// enabled, reconnected, synced) without closing, and keeps focus where it was.
#[component]
pub(crate) fn ConnectionDialog(data: HubData, id: String) -> impl IntoView {
    unsaved_changes();
    let current = {
        let connections = data.connections;
        Memo::new(move |_| {
            connections.with(|list| list.iter().find(|c| c.id.to_string() == id).cloned())
        })
    };
    let Some(opened) = current.get_untracked() else {
        return view! {
            <Dialog title=strings::NOT_FOUND_TITLE>
                <p role="alert">{strings::CONNECTION_NOT_FOUND}</p>
            </Dialog>
        }
        .into_any();
    };
    let connector = data.connector(opened.connector_id).cloned();
    let editing = RwSignal::new(false);
    let title = Signal::derive(move || current.get().map(|c| c.name).unwrap_or_default());
    let details = {
        let connector = connector.clone();
        move || {
            let connection = current.get()?;
            keep_focus();
            Some(view! { <ConnectionDetails connection connector=connector.clone() editing /> })
        }
    };
    let form = move || {
        let connector = connector.clone()?;
        editing.get().then(|| {
            view! { <ConnectionForm connector mode=FormMode::Edit(Box::new(opened.clone())) /> }
        })
    };
    view! {
        <Dialog title=title>
            <div hidden=move || editing.get()>{details}</div>
            {form}
        </Dialog>
    }
    .into_any()
}

thread_local! {
    /// The control (its `data-focus`) whose click is changing the connection: while its request
    /// runs it is disabled, and a disabled control loses focus.
    static FOCUS_AFTER_UPDATE: std::cell::RefCell<Option<&'static str>> = const { std::cell::RefCell::new(None) };
}

/// Called by a control that updates the connection, so it gets focus back afterwards.
pub(crate) fn refocus_after_update(key: &'static str) {
    FOCUS_AFTER_UPDATE.with(|k| *k.borrow_mut() = Some(key));
}

/// When a control's update is done: it gets focus back, whether or not the details were drawn
/// again (an update that changed nothing visible draws nothing).
pub(crate) fn restore_focus() {
    if let Some(key) = FOCUS_AFTER_UPDATE.with(|k| k.borrow_mut().take()) {
        focus_control(key.to_string());
    }
}

/// Before the details are drawn again: the control that had focus (marked `data-focus`), or
/// whose click caused the change, gets it back in the new drawing.
fn keep_focus() {
    let key = FOCUS_AFTER_UPDATE
        .with(|k| k.borrow_mut().take())
        .map(str::to_string)
        .or_else(|| {
            document()
                .active_element()
                .and_then(|e| e.get_attribute("data-focus"))
        });
    if let Some(key) = key {
        focus_control(key);
    }
}

/// Focuses the open dialog's control marked `data-focus=key` once it is drawn.
fn focus_control(key: String) {
    request_animation_frame(move || {
        let selector = format!("dialog[open] [data-focus='{key}']");
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

#[component]
fn ConnectionDetails(
    connection: Connection,
    connector: Option<Connector>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let refresh = connector
        .as_ref()
        .and_then(|c| c.oauth.as_ref())
        .and_then(|o| o.token_refresh_seconds);
    let fields = connector
        .as_ref()
        .map(|c| c.fields.clone())
        .unwrap_or_default();
    let values: Vec<(String, String)> = fields
        .iter()
        .filter_map(|f| {
            let shown = match f.kind {
                FieldKind::Secret => connection
                    .secrets
                    .get(&f.key)
                    .map(|h| format!("{} ({})", h.hint, strings::STORED_SECRET)),
                _ => connection.config.get(&f.key).map(display_value),
            };
            shown.map(|v| (f.label.clone(), v))
        })
        .collect();
    let oauth = connector
        .as_ref()
        .and_then(|c| c.oauth.as_ref())
        .map(|o| o.provider);
    let is_mcp = connector
        .as_ref()
        .is_some_and(|c| c.connector_type == ConnectorType::ToolMcp);
    view! {
        <dl class="wc-detail">
            <dt>{strings::CONNECTOR_LABEL}</dt>
            <dd>{connector.as_ref().map(|c| c.name.clone())}</dd>
            <dt>{strings::HEALTH_LABEL}</dt>
            <dd>
                <HealthBadge status=connection.health.status />
                " "
                <span class="wc-detail__message">{connection.health.message.clone()}</span>
            </dd>
            <dt>{strings::STATUS_LABEL}</dt>
            <dd>{if connection.enabled { strings::ENABLED } else { strings::DISABLED }}</dd>
            {values
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt> <dd class="wc-detail__value">{value}</dd> })
                .collect_view()}
        </dl>
        {(!connection.deletable).then(|| view! { <p>{strings::AUTO_ENABLED_NOTE}</p> })}
        <ConnectionFacts connection=connection.clone() refresh />
        {connector.clone().map(|connector| view! { <ConnectorFacts connector /> })}
        <ConnectionActions connection=connection.clone() editable=connector.as_ref().is_some_and(|c| !c.fields.is_empty()) editing />
        {oauth.map(|provider| {
            view! { <ReconnectButton connection=connection.clone() provider /> }
        })}
        {is_mcp.then(|| view! { <ToolsSection connection=connection.clone() oauth editing /> })}
    }
}

/// Edit, enable or disable, and delete (after a confirmation that names the connection).
#[component]
fn ConnectionActions(
    connection: Connection,
    editable: bool,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let confirm_delete = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let id = connection.id;
    let name = connection.name.clone();
    let toggle = {
        let context = context.clone();
        Action::new_local(move |enabled: &bool| {
            let body = UpdateConnection {
                enabled: Some(*enabled),
                ..Default::default()
            };
            let client = context.client.clone();
            let hub = context.hub_id;
            async move { client.update(hub, id, &body).await }
        })
    };
    let delete = {
        let context = context.clone();
        Action::new_local(move |_: &()| {
            let client = context.client.clone();
            let hub = context.hub_id;
            async move { client.delete(hub, id).await }
        })
    };
    {
        let context = context.clone();
        Effect::new(move |_| match toggle.value().get() {
            Some(Ok(updated)) => {
                let words = strings::saved_announcement(&updated.name);
                context.updated(updated);
                context.announce(words);
                restore_focus();
            }
            Some(Err(e)) => {
                failure.set(Some(strings::hub_error(&e)));
                restore_focus();
            }
            None => {}
        });
    }
    {
        let context = context.clone();
        let name = name.clone();
        Effect::new(move |_| match delete.value().get() {
            Some(Ok(())) | Some(Err(HubError::NotFound)) => {
                context.deleted(id);
                context.announce(strings::deleted_announcement(&name));
                context.go(&PageView::List { connector: None });
            }
            Some(Err(e)) => failure.set(Some(strings::hub_error(&e))),
            None => {}
        });
    }
    let enabled = connection.enabled;
    view! {
        <div class="wc-actions">
            {editable.then(|| view! {
                <button type="button" class="wc-button" on:click=move |_| editing.set(true)>{strings::EDIT}</button>
            })}
            <button
                type="button"
                class="wc-button wc-button--quiet"
                data-focus="toggle"
                disabled=move || toggle.pending().get()
                on:click=move |_| {
                    refocus_after_update("toggle");
                    toggle.dispatch(!enabled);
                }
            >
                {if enabled { strings::DISABLE } else { strings::ENABLE }}
            </button>
            {connection.deletable.then(|| view! {
                <button type="button" class="wc-button wc-button--danger" on:click=move |_| confirm_delete.set(true)>
                    {strings::DELETE}
                </button>
            })}
        </div>
        {move || confirm_delete.get().then(|| {
            let name = name.clone();
            view! {
                <div class="wc-confirm" role="alertdialog" aria-labelledby=dom_id("delete-question")>
                    <p id=dom_id("delete-question")>{strings::delete_question(&name)}</p>
                    <button
                        type="button"
                        class="wc-button wc-button--danger"
                        disabled=move || delete.pending().get()
                        on:click=move |_| { delete.dispatch(()); }
                    >
                        {move || if delete.pending().get() { strings::DELETING } else { strings::DELETE }}
                    </button>
                    <button type="button" class="wc-button wc-button--quiet" on:click=move |_| confirm_delete.set(false)>
                        {strings::CANCEL}
                    </button>
                </div>
            }
        })}
        <p class="wc-form__failure" role="alert">{move || failure.get()}</p>
    }
}

/// Runs the provider's sign-in again for this same connection (its id is kept). Prominent when
/// the hub reports the token expired or rejected.
#[component]
pub(crate) fn ReconnectButton(connection: Connection, provider: OauthProvider) -> impl IntoView {
    let needed = matches!(
        connection.health.status,
        HealthStatus::TokenExpired | HealthStatus::AuthFailed
    );
    view! {
        <div class="wc-oauth-start" class:wc-oauth-start--needed=needed>
            <OauthButton
                label=strings::RECONNECT
                provider
                target=Target::Reconnect { connection: connection.id }
                quiet=!needed
                accessible_name=strings::reconnect_label(&connection.name)
            />
        </div>
    }
}

fn display_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => t.clone(),
        FieldValue::Number(n) => n.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Headers(headers) => headers
            .iter()
            .map(|h| format!("{}: {}", h.name, h.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
