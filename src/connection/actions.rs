//! A connection's actions: Edit, Enable or Disable, and Delete after a confirmation.

use crate::{
    context::{dom_id, PageContext},
    strings::{self, t, tl},
    ui::focus::{refocus_after_update, restore_focus},
};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{codes, Connection, HubError, PageView, UpdateConnection};

/// Edit, enable or disable, and delete (after a confirmation that names the connection).
#[component]
pub(super) fn ConnectionActions(
    connection: Connection,
    editable: bool,
    /// The connector was disabled for the hub: only Disable and Delete remain.
    read_only: bool,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let confirm_delete = RwSignal::new(false);
    // Kept as the error, not its words: they follow a change of language.
    let failure = RwSignal::new(None::<HubError>);
    let id = connection.id;
    let name = connection.name.clone();
    let toggle = saving_change(&context, id, failure);
    let enabled = connection.enabled;
    view! {
        <div class="wc-actions">
            {editable.then(|| view! {
                <button type="button" class="wc-button" on:click=move |_| editing.set(true)>{tl!(l, edit)}</button>
            })}
            {(enabled || !read_only).then(|| view! {
                <button
                    type="button"
                    class="wc-button wc-button--quiet"
                    data-focus="toggle"
                    disabled=move || toggle.pending().get()
                    on:click=move |_| {
                        refocus_after_update(&context, "toggle");
                        toggle.dispatch(UpdateConnection {
                            enabled: Some(!enabled),
                            ..Default::default()
                        });
                    }
                >
                    {move || if enabled { t!(l.get(), disable) } else { t!(l.get(), enable) }}
                </button>
            })}
            {connection.deletable.then(|| view! {
                <button type="button" class="wc-button wc-button--danger" on:click=move |_| confirm_delete.set(true)>
                    {tl!(l, delete)}
                </button>
            })}
        </div>
        {move || confirm_delete.get().then(|| view! { <DeleteConfirm id name=name.clone() confirm_delete failure /> })}
        <p class="wc-form__failure" role="alert">
            {move || failure.get().map(|e| strings::hub_error(l.get(), &e))}
        </p>
    }
}

/// A change to the connection made from its view (Enable/Disable, the sync switch): saved,
/// announced, the list updated; a failure kept in `failure`; focus given back. What follows an
/// answer is done where it arrives; `try_`: the view may have been redrawn (or closed) while the
/// request ran.
pub(super) fn saving_change(
    context: &PageContext,
    id: Uuid,
    failure: RwSignal<Option<HubError>>,
) -> Action<UpdateConnection, ()> {
    let context = context.clone();
    Action::new_local(move |body: &UpdateConnection| {
        let (body, context) = (body.clone(), context.clone());
        async move {
            match context.client.update(context.hub_id, id, &body).await {
                Ok(updated) => {
                    let l = context.locale.get_untracked();
                    let words = t!(l, saved_announcement, name = &updated.name).to_string();
                    context.updated(updated);
                    context.announce(words);
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
            restore_focus(&context);
        }
    })
}

/// "Delete <name>?", and the deletion once confirmed.
#[component]
fn DeleteConfirm(
    id: Uuid,
    name: String,
    confirm_delete: RwSignal<bool>,
    failure: RwSignal<Option<HubError>>,
) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let delete = {
        let context = context.clone();
        let name = name.clone();
        // `true`: revoke the sign-in first (the hub's default); `false`: delete anyway.
        Action::new_local(move |revoke: &bool| {
            let context = context.clone();
            let name = name.clone();
            let revoke = *revoke;
            async move {
                match context.client.delete(context.hub_id, id, revoke).await {
                    // Already gone is what was asked for.
                    Ok(()) | Err(HubError::NotFound(_)) => {
                        // Asked before the list loses it, which closes this view.
                        let open = failure.try_with_untracked(|_| ()).is_some();
                        context.deleted(id);
                        let l = l.get_untracked();
                        context.announce(t!(l, deleted_announcement, name).to_string());
                        if open {
                            context.go(&PageView::List { connector: None });
                        }
                    }
                    Err(e) => {
                        failure.try_set(Some(e));
                    }
                }
            }
        })
    };
    let revocation_failed = Memo::new(move |_| {
        failure.with(
            |f| matches!(f, Some(HubError::Dependency(t)) if t.code == codes::REVOCATION_FAILED),
        )
    });
    view! {
        <div class="wc-confirm" role="alertdialog" aria-labelledby=dom_id("delete-question")>
            <p id=dom_id("delete-question")>{
                let name = name.clone();
                move || t!(l.get(), delete_question, name = name.clone()).to_string()
            }</p>
            <button
                type="button"
                class="wc-button wc-button--danger"
                disabled=move || delete.pending().get()
                on:click=move |_| { delete.dispatch(true); }
            >
                {move || if delete.pending().get() { t!(l.get(), deleting) } else { t!(l.get(), delete) }}
            </button>
            // Only after the authorization server failed to revoke: the person's choice to go on.
            {move || revocation_failed.get().then(|| view! {
                <button
                    type="button"
                    class="wc-button wc-button--danger"
                    disabled=move || delete.pending().get()
                    on:click=move |_| { delete.dispatch(false); }
                >
                    {tl!(l, delete_anyway)}
                </button>
            })}
            <button type="button" class="wc-button wc-button--quiet" on:click=move |_| confirm_delete.set(false)>
                {tl!(l, cancel)}
            </button>
        </div>
    }
}
