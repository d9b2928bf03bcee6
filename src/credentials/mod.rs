//! The organization's credentials view (`/settings/organizations/<id>/credentials`): every
//! credential with its type, hint, tags, environment and use; search; add, edit, rotate and
//! delete, each in a dialog. Built like the Connections page: one shell (language, ids, root),
//! one API client, scoped styles, the page's words.

mod field;
mod form;
mod list;
mod remove;
mod rotate;
mod tags;

use crate::{
    api::ApiClient,
    config::{ConnectionsConfig, ConnectionsEvent, Theme},
    context::Shell,
    strings::{self, tl},
    ui::{
        dialog::CloseDialog,
        words::{once_worded, WordsMissing},
    },
};
use leptos::prelude::*;
use list::CredentialList;
use uuid::Uuid;
use wayai_core::{
    org::{OrgCredential, Tag},
    HubError,
};

/// What the view's parts share.
#[derive(Clone)]
pub(crate) struct OrgPage {
    pub client: ApiClient,
    pub org: Uuid,
    pub locale: Memo<crate::i18n::Locale>,
    pub announcement: RwSignal<Option<String>>,
    pub credentials: LocalResource<Result<Vec<OrgCredential>, HubError>>,
    pub tags: LocalResource<Result<Vec<Tag>, HubError>>,
    /// The open dialog, if any.
    pub open: RwSignal<Option<Open>>,
}

/// Which dialog is open, over which credential.
#[derive(Clone, PartialEq)]
pub(crate) enum Open {
    Add,
    Edit(OrgCredential),
    Rotate(OrgCredential),
    Delete(OrgCredential),
    Usage(OrgCredential),
}

impl OrgPage {
    /// A created or changed credential, in the list in place of its older self.
    pub fn upsert(&self, credential: OrgCredential) {
        let _ = self.credentials.try_update(|loaded| {
            if let Some(Ok(list)) = loaded {
                match list.iter_mut().find(|c| c.id == credential.id) {
                    Some(old) => *old = credential,
                    None => {
                        // Where the hub's order (by name, ignoring case) puts it, without a sort.
                        let key = credential.name.to_lowercase();
                        let at = list.iter().position(|c| c.name.to_lowercase() > key);
                        list.insert(at.unwrap_or(list.len()), credential);
                    }
                }
            }
        });
    }

    pub fn remove(&self, id: Uuid) {
        let _ = self.credentials.try_update(|loaded| {
            if let Some(Ok(list)) = loaded {
                list.retain(|c| c.id != id);
            }
        });
    }

    /// A tag made from the form, listed for every later form.
    pub fn add_tag(&self, tag: Tag) {
        let _ = self.tags.try_update(|loaded| {
            if let Some(Ok(list)) = loaded {
                if !list.iter().any(|t| t.slug == tag.slug) {
                    list.push(tag);
                }
            }
        });
    }

    /// Closes the dialog and says what happened.
    pub fn done(&self, words: String) {
        self.open.set(None);
        self.announcement.try_set(Some(words));
    }
}

/// The credentials of `organization_id`, with the host's configuration (the Connections page's
/// own: the hub API, the token source, the language, the theme, the listener told when the
/// token is refused; its hub is not used).
#[component]
pub fn OrgCredentialsPage(config: ConnectionsConfig, organization_id: Uuid) -> impl IntoView {
    let client = match config.on_event {
        Some(events) => config
            .client()
            .on_unauthorized(move || events.run(ConnectionsEvent::AuthenticationRequired)),
        None => config.client(),
    };
    let (locale, theme) = (config.locale, config.theme);
    view! { <CredentialsView client organization_id theme locale /> }
}

/// [`OrgCredentialsPage`] with its client made: what the standalone app and `mount` render.
#[component]
pub(crate) fn CredentialsView(
    client: ApiClient,
    organization_id: Uuid,
    #[prop(optional)] theme: Theme,
    #[prop(optional, into)] locale: MaybeProp<String>,
) -> impl IntoView {
    let (shell, words) = Shell::start(Signal::derive(move || locale.get()));
    let org = organization_id;
    let credentials = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.org_credentials(org).await }
        })
    };
    let tags = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.org_tags(org).await }
        })
    };
    let page = OrgPage {
        client,
        org,
        locale: shell.locale,
        announcement: RwSignal::new(None),
        credentials,
        tags,
        open: RwSignal::new(None),
    };
    let open = page.open;
    provide_context(CloseDialog(Callback::new(move |()| open.set(None))));
    provide_context(page.clone());
    once_worded(words, theme, move || {
        view! { <CredentialsBody page=page.clone() shell=shell.clone() theme /> }.into_any()
    })
}

#[component]
fn CredentialsBody(page: OrgPage, shell: Shell, theme: Theme) -> impl IntoView {
    let l = shell.locale;
    let date_locale = shell.date_locale;
    let query = RwSignal::new(String::new());
    let open = page.open;
    let announcement = page.announcement;
    let credentials = page.credentials;
    let listed = move || {
        credentials.get().map(|loaded| match loaded {
            Ok(list) => view! { <CredentialList list query /> }.into_any(),
            Err(error) => view! { <ListError error /> }.into_any(),
        })
    };
    view! {
        <div class="wc-root" node_ref=shell.root data-wc-theme=theme.attribute() lang=move || date_locale.get().to_string()>
            <header class="wc-header">
                <h1 class="wc-title" tabindex="-1">{tl!(l, creds_title)}</h1>
                <p class="wc-intro">{tl!(l, creds_intro)}</p>
                <div class="wc-toolbar">
                    <SearchCredentials query />
                    <button type="button" class="wc-button" on:click=move |_| open.set(Some(Open::Add))>
                        {tl!(l, creds_add)}
                    </button>
                </div>
            </header>
            <WordsMissing />
            <p class="wc-announcement" role="status" aria-live="polite">{move || announcement.get()}</p>
            <Transition fallback=move || view! { <p class="wc-empty" role="status" aria-busy="true">{tl!(l, credentials_loading)}</p> }>
                {listed}
            </Transition>
            {move || open.get().map(|open| view! { <OpenDialog open /> })}
        </div>
    }
}

#[component]
fn SearchCredentials(query: RwSignal<String>) -> impl IntoView {
    let l = expect_context::<OrgPage>().locale;
    let id = crate::context::dom_id("creds-search");
    view! {
        <div class="wc-search">
            <label class="wc-visually-hidden" for=id.clone()>{tl!(l, creds_search_label)}</label>
            <input
                id=id
                class="wc-input wc-search__input"
                type="search"
                autocomplete="off"
                placeholder=tl!(l, creds_search_placeholder)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
fn ListError(error: HubError) -> impl IntoView {
    let page = expect_context::<OrgPage>();
    let l = page.locale;
    let credentials = page.credentials;
    view! {
        <div class="wc-alert wc-alert--error" role="alert">
            <p class="wc-alert__title">{tl!(l, credentials_failed)}</p>
            <p class="wc-alert__body">{move || strings::load_error(l.get(), &error)}</p>
            <button type="button" class="wc-button" on:click=move |_| credentials.refetch()>
                {tl!(l, retry)}
            </button>
        </div>
    }
}

/// The dialog `open` names.
#[component]
fn OpenDialog(open: Open) -> impl IntoView {
    match open {
        Open::Add => view! { <form::CredentialDialog existing=None /> }.into_any(),
        Open::Edit(c) => view! { <form::CredentialDialog existing=Some(c) /> }.into_any(),
        Open::Rotate(c) => view! { <rotate::RotateDialog credential=c /> }.into_any(),
        Open::Delete(c) => view! { <remove::DeleteDialog credential=c /> }.into_any(),
        Open::Usage(c) => view! { <remove::UsageDialog credential=c /> }.into_any(),
    }
}
