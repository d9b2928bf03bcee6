//! Deleting a credential, and where it is used: the hub refuses to delete one that connections
//! use, and the view then lists them, by hub, with links to each.

use super::OrgPage;
use crate::strings::{self, t, tl};
use leptos::prelude::*;
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{
    org::{CredentialUser, OrgCredential},
    view::connection_href,
    HubError,
};

#[component]
pub(super) fn DeleteDialog(credential: OrgCredential) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let failure = RwSignal::new(None::<String>);
    // Refused because connections use it: which ones.
    let in_use = RwSignal::new(false);
    let delete = {
        let page = page.clone();
        let (id, name) = (credential.id, credential.name.clone());
        Action::new_local(move |_: &()| {
            let (page, name) = (page.clone(), name.clone());
            async move {
                let l = page.locale.get_untracked();
                match page.client.delete_credential(page.org, id).await {
                    Ok(()) => {
                        page.remove(id);
                        page.done(t!(l, cred_deleted, name));
                    }
                    Err(error) => {
                        in_use.set(matches!(error, HubError::Conflict(_)));
                        failure.set(Some(strings::hub_error(l, &error)));
                    }
                }
            }
        })
    };
    let pending = delete.pending();
    let name = credential.name.clone();
    let id = credential.id;
    view! {
        <crate::ui::dialog::Dialog title=Signal::derive(move || t!(l.get(), cred_delete_title, name = name.clone()))>
            <p>{tl!(l, cred_delete_body)}</p>
            <p class="wc-form__failure" role="alert">{move || failure.get()}</p>
            {move || in_use.get().then(|| view! {
                <p>{tl!(l, cred_in_use_links)}</p>
                <UsageList id />
            })}
            <div class="wc-form__actions">
                <button type="button" class="wc-button wc-button--danger" disabled=move || pending.get() || in_use.get()
                    on:click=move |_| { delete.dispatch_local(()); }>
                    {move || if pending.get() { t!(l.get(), deleting) } else { t!(l.get(), delete) }}
                </button>
            </div>
        </crate::ui::dialog::Dialog>
    }
}

/// "Used by N": the connections, by hub.
#[component]
pub(super) fn UsageDialog(credential: OrgCredential) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let name = credential.name.clone();
    view! {
        <crate::ui::dialog::Dialog title=Signal::derive(move || t!(l.get(), cred_usage_title, name = name.clone()))>
            <UsageList id=credential.id />
        </crate::ui::dialog::Dialog>
    }
}

/// The connections that use credential `id`, grouped by hub, each a link to its view.
#[component]
fn UsageList(id: Uuid) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let org = page.org;
    let usage = LocalResource::new(move || {
        let client = page.client.clone();
        async move { client.credential_usage(org, id).await }
    });
    let shown = move || {
        usage.get().map(|loaded| match loaded {
            Ok(users) if users.is_empty() => {
                view! { <p>{tl!(l, usage_none)}</p> }.into_any()
            }
            Ok(users) => by_hub(org, users).into_any(),
            Err(error) => view! {
                <div role="alert">
                    <p>{tl!(l, usage_failed)}</p>
                    <p>{move || strings::load_error(l.get(), &error)}</p>
                    <button type="button" class="wc-button" on:click=move |_| usage.refetch()>{tl!(l, retry)}</button>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <Transition fallback=move || view! { <p role="status">{tl!(l, usage_loading)}</p> }>
            {shown}
        </Transition>
    }
}

fn by_hub(org: Uuid, users: Vec<CredentialUser>) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let mut hubs: BTreeMap<Uuid, Vec<CredentialUser>> = BTreeMap::new();
    for user in users {
        hubs.entry(user.hub_id).or_default().push(user);
    }
    hubs.into_iter()
        .map(|(hub, users)| {
            let links = users
                .into_iter()
                .map(|u| {
                    let href = connection_href(org, hub, u.connection_id);
                    view! { <li><a href=href>{u.name}</a></li> }
                })
                .collect_view();
            view! {
                <section class="wc-dialog__section">
                    <h3>{move || t!(l.get(), usage_hub, hub)}</h3>
                    <ul class="wc-usage">{links}</ul>
                </section>
            }
        })
        .collect_view()
}
