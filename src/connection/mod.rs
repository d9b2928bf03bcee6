//! The views deep links open over the list: a connector's create view (`…/new?connector=…`) and
//! a connection's view (`…/<id>`), each a modal dialog.

mod actions;
mod details;
mod new;
mod production;

pub(crate) use new::NewConnectionDialog;

use crate::{
    context::{HubData, PageContext},
    form::{ConnectionForm, FormMode},
    strings::{t, tl},
    ui::{
        dialog::{unsaved_changes, Dialog},
        focus::keep_focus,
    },
};
use details::ConnectionDetails;
use leptos::prelude::*;

/// `…/connections/<id>`: one connection. It follows the connection as it changes (saved,
/// enabled, reconnected, synced) without closing, and keeps focus where it was.
#[component]
pub(crate) fn ConnectionDialog(data: HubData, id: String) -> impl IntoView {
    unsaved_changes();
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let current = {
        let connections = data.connections;
        Memo::new(move |_| {
            connections.with(|list| list.iter().find(|c| c.id.to_string() == id).cloned())
        })
    };
    let Some(opened) = current.get_untracked() else {
        return view! {
            <Dialog title=Signal::derive(move || t!(l.get(), not_found_title).to_string())>
                <p role="alert">{tl!(l, connection_not_found)}</p>
            </Dialog>
        }
        .into_any();
    };
    // The form reads its connector once (what is typed survives a change of language); the
    // details follow the catalog's text.
    let connector = data.catalog.with_untracked(|c| {
        c.connectors
            .iter()
            .find(|c| c.id == opened.connector_id)
            .cloned()
    });
    let editing = RwSignal::new(false);
    // On a production hub the one form is the connection's own production credential.
    let production = context.production();
    let title = Signal::derive(move || current.get().map(|c| c.name).unwrap_or_default());
    let details = move || {
        let connection = current.get()?;
        let connector = data.connector(connection.connector_id);
        keep_focus(&context);
        Some(view! { <ConnectionDetails connection connector editing /> })
    };
    let form = move || {
        let connector = connector.clone()?;
        editing.get().then(|| {
            let connection = Box::new(opened.clone());
            let mode = if production {
                FormMode::ProductionCredential(connection)
            } else {
                FormMode::Edit(connection)
            };
            view! { <ConnectionForm connector mode /> }
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
