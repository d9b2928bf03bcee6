//! The views deep links open over the list: a connector's create view and a connection's view.
//! Both are native modal dialogs: the browser keeps focus inside and makes the rest inert; the
//! page closes them with Escape or Close, and returns focus where it was.

use crate::{
    cards::{ConnectionFacts, HealthBadge},
    page::{HubData, PageContext},
    strings,
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;
use wayai_core::{AuthKind, Connector, FieldKind, FieldValue, PageView};

/// A modal dialog titled `title`; closing it returns to the list.
#[component]
fn Dialog(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let dialog = NodeRef::<html::Dialog>::new();
    // Where focus was when the dialog opened, to give it back when it closes.
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let opener = send_wrapper::SendWrapper::new(opener);
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
    });
    let close = {
        let context = context.clone();
        move || context.go(&PageView::List { connector: None })
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
        <dialog node_ref=dialog class="wc-dialog" aria-labelledby="wc-dialog-title" on:cancel=on_cancel>
            <div class="wc-dialog__header">
                <h2 class="wc-dialog__title" id="wc-dialog-title">
                    {title}
                </h2>
                <button type="button" class="wc-button wc-button--quiet" on:click=move |_| close()>
                    {strings::CLOSE}
                </button>
            </div>
            <div class="wc-dialog__body">{children()}</div>
        </dialog>
    }
}

/// `…/connections/new?connector=<uuid>`: what connecting this connector takes.
#[component]
pub(crate) fn NewConnectionDialog(data: HubData, connector: Option<String>) -> impl IntoView {
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
        Some(connector) => view! {
            <Dialog title=strings::new_connection_title(&connector.name)>
                <ConnectorSetup connector />
            </Dialog>
        }
        .into_any(),
    }
}

#[component]
fn ConnectorSetup(connector: Connector) -> impl IntoView {
    let disabled = connector.status == wayai_core::ConnectorStatus::Disabled;
    view! {
        <p>{connector.description.clone()}</p>
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

/// `…/connections/<id>`: one connection.
#[component]
pub(crate) fn ConnectionDialog(data: HubData, id: String) -> impl IntoView {
    let Some(connection) = data
        .connections
        .iter()
        .find(|c| c.id.to_string() == id)
        .cloned()
    else {
        return view! {
            <Dialog title=strings::NOT_FOUND_TITLE>
                <p role="alert">{strings::CONNECTION_NOT_FOUND}</p>
            </Dialog>
        }
        .into_any();
    };
    let connector = data.connector(connection.connector_id).cloned();
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
    view! {
        <Dialog title=connection.name.clone()>
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
            <ConnectionFacts connection refresh />
            {connector.map(|connector| view! { <ConnectorFacts connector /> })}
        </Dialog>
    }
    .into_any()
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
