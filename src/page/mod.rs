//! The Connections page for one hub: search, the Agent notice, groups of connector cards with
//! their connections, and the views that deep links open.

mod agent_notice;
mod cards;
mod dialogs;
mod kept;
mod production;
mod search;

use crate::{
    api::ApiClient,
    config::{ConnectionsEvent, Theme},
    context::{HubData, OrgCredentials, PageContext, Shell},
    i18n::Locale,
    mcp::McpTools,
    oauth::OauthFlows,
    strings::{self, t, tl},
    ui::{
        dialog::CloseDialog,
        words::{once_worded, WordsMissing},
    },
};
use agent_notice::AgentNotice;
use dialogs::Dialog;
use leptos::prelude::*;
use production::ProductionNotice;
use search::{FilteredGroups, SearchBox};
use std::sync::Arc;
use uuid::Uuid;
use wayai_core::{Catalog, ConnectionList, HubError, HubFacts, PageView};

/// The whole page for `hub_id`, talking to the hub through `client`. `base_path` is the page's
/// own URL path, for its links; `view` is what the URL asks to show (the list when absent), and
/// `navigate` follows a link (a full page load when absent). `oauth_timings` bounds sign-in
/// popups (5 minutes in all; 10 s of listening after the popup reads as closed).
#[component]
pub fn ConnectionsPage(
    client: ApiClient,
    hub_id: Uuid,
    #[prop(into)] base_path: String,
    #[prop(optional, into)] view: Option<Signal<PageView>>,
    #[prop(optional)] navigate: Option<Callback<String>>,
    #[prop(default = None)] oauth_timings: Option<wayai_core::oauth::Timings>,
    /// Where the organization's credentials view is (see `ConnectionsConfig::credentials_url`).
    #[prop(default = None)]
    credentials_url: Option<String>,
    /// A hub's Connections page, `{hub}` for its id (see `ConnectionsConfig::hub_url`).
    #[prop(default = None)]
    hub_url: Option<String>,
    /// Told of connections created, updated and deleted, and of a token the hub keeps refusing.
    #[prop(default = None)]
    on_event: Option<Callback<ConnectionsEvent>>,
    /// Light or dark regardless of the system setting.
    #[prop(optional)]
    theme: Theme,
    /// The page's language as a BCP 47 tag (`pt-BR`): the browser's when absent (see
    /// `context::page_locale`). It may change while the page is mounted.
    #[prop(optional, into)]
    locale: MaybeProp<String>,
) -> impl IntoView {
    let client = match on_event {
        Some(events) => {
            client.on_unauthorized(move || events.run(ConnectionsEvent::AuthenticationRequired))
        }
        None => client,
    };
    let (
        Shell {
            locale,
            date_locale,
            id_prefix,
            root,
        },
        words,
    ) = Shell::start(Signal::derive(move || locale.get()));
    let hub = HubLoad::start(&client, hub_id, words.wanted);
    let context = PageContext {
        client,
        hub_id,
        base: Arc::from(base_path),
        view: view.unwrap_or_else(|| Signal::stored(PageView::List { connector: None })),
        navigate: navigate.unwrap_or_else(|| {
            Callback::new(|href: String| {
                let _ = window().location().assign(&href);
            })
        }),
        announcement: RwSignal::new(None),
        connections: hub.connections,
        hub: hub.facts,
        events: on_event,
        locale,
        date_locale,
        id_prefix,
        root,
        focus_after_update: StoredValue::new(None),
        credentials_url: credentials_url.map(Arc::from),
        hub_url: hub_url.map(Arc::from),
    };
    let flows = OauthFlows::new(context.clone(), oauth_timings.unwrap_or_default());
    provide_context(McpTools::new(context.clone()));
    provide_context(OrgCredentials::new(context.client.clone(), hub_id));
    provide_context(context.clone());
    provide_context(CloseDialog({
        let context = context.clone();
        Callback::new(move |()| context.go(&PageView::List { connector: None }))
    }));
    provide_context(flows);
    flows.resume();
    on_cleanup(move || flows.end());
    once_worded(words, theme, move || {
        view! { <PageBody context=context.clone() hub theme /> }.into_any()
    })
}

/// Which of the two requests failed, to name it.
#[derive(Clone, Copy, PartialEq)]
enum Missing {
    Catalog,
    Connections,
}

/// The catalog and the connections, both requested in the same tick (no waterfall).
#[derive(Clone, Copy)]
struct HubLoad {
    catalog: LocalResource<Result<Catalog, HubError>>,
    connections: LocalResource<Result<ConnectionList, HubError>>,
    /// The hub as the connections came (the last one the hub gave).
    facts: Memo<HubFacts>,
}

/// Whether both requests are in, as far as the page's structure cares: the content of the
/// connections and of the catalog (its text, asked again in another language) is not part of
/// it.
#[derive(Clone, PartialEq)]
enum Load {
    Waiting,
    Failed(Missing, HubError),
    Ready,
}

impl HubLoad {
    /// The catalog's text is the hub's, in the page's language: it is asked again when the
    /// language changes.
    fn start(client: &ApiClient, hub_id: Uuid, locale: Memo<Locale>) -> Self {
        let catalog = {
            let client = client.clone();
            LocalResource::new(move || {
                let client = client.clone();
                let lang = strings::lang(locale.get());
                async move { client.catalog(hub_id, lang).await }
            })
        };
        let connections = {
            let client = client.clone();
            LocalResource::new(move || {
                let client = client.clone();
                async move { client.connections(hub_id).await }
            })
        };
        let facts = Memo::new(move |previous: Option<&HubFacts>| {
            connections.with(|c| match c {
                Some(Ok(list)) => list.hub.clone(),
                _ => previous.cloned().unwrap_or_default(),
            })
        });
        HubLoad {
            catalog,
            connections,
            facts,
        }
    }

    fn state(self) -> Load {
        match (self.catalog.get(), self.connections.get()) {
            (Some(Err(error)), _) => Load::Failed(Missing::Catalog, error),
            (_, Some(Err(error))) => Load::Failed(Missing::Connections, error),
            (Some(Ok(_)), Some(Ok(_))) => Load::Ready,
            _ => Load::Waiting,
        }
    }

    /// Asks again for what failed.
    fn retry(self) {
        if !matches!(self.catalog.get_untracked(), Some(Ok(_))) {
            self.catalog.refetch();
        }
        if !matches!(self.connections.get_untracked(), Some(Ok(_))) {
            self.connections.refetch();
        }
    }
}

/// The page's header, its announcements, and what the hub's answers allow: the groups, the error
/// or the skeleton.
#[component]
fn PageBody(context: PageContext, hub: HubLoad, theme: Theme) -> impl IntoView {
    let load = Memo::new(move |_| hub.state());
    // The latest catalog the hub gave: a new one (another language) replaces it in place.
    let catalog = hub.catalog;
    let loaded_catalog = Memo::new(move |previous: Option<&Arc<Catalog>>| {
        catalog.with(|c| match c {
            Some(Ok(catalog)) => Arc::new(catalog.clone()),
            _ => previous.cloned().unwrap_or_default(),
        })
    });
    let connections = hub.connections;
    let loaded_connections = Memo::new(move |_| {
        connections.with(|c| match c {
            Some(Ok(list)) => Arc::new(list.connections.clone()),
            _ => Arc::new(Vec::new()),
        })
    });
    let query = RwSignal::new(String::new());
    let announcement = context.announcement;
    let l = context.locale;
    let date_locale = context.date_locale;
    view! {
        <div
            class="wc-root"
            node_ref=context.root
            data-wc-theme=theme.attribute()
            lang=move || date_locale.get().to_string()
        >
            <header class="wc-header">
                // Focusable by the page (not by Tab): where focus goes when what had it is gone.
                <h1 class="wc-title" tabindex="-1">{tl!(l, page_title)}</h1>
                <p class="wc-intro">{tl!(l, page_intro)}</p>
                <SearchBox query />
            </header>
            <WordsMissing />
            <p class="wc-announcement" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <Transition fallback=CatalogSkeleton>
                {move || match load.get() {
                    Load::Failed(what, error) => {
                        Some(view! { <LoadError what error on_retry=move || hub.retry() /> }.into_any())
                    }
                    Load::Ready => {
                        let data = HubData {
                            catalog: loaded_catalog,
                            connections: loaded_connections,
                        };
                        Some(view! { <Loaded data query /> }.into_any())
                    }
                    Load::Waiting => None,
                }}
            </Transition>
        </div>
    }
}

/// Placeholder blocks while the catalog loads; announced to screen readers as busy.
#[component]
fn CatalogSkeleton() -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <div class="wc-skeleton" aria-busy="true" role="status">
            <span class="wc-visually-hidden">{tl!(l, loading)}</span>
            {(0..3)
                .map(|_| {
                    view! {
                        <div class="wc-skeleton__group" aria-hidden="true">
                            <div class="wc-skeleton__heading"></div>
                            <div class="wc-grid">
                                <div class="wc-skeleton__card"></div>
                                <div class="wc-skeleton__card"></div>
                                <div class="wc-skeleton__card"></div>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn LoadError(
    what: Missing,
    error: HubError,
    on_retry: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let title = move || match what {
        Missing::Catalog => t!(l.get(), load_failed),
        Missing::Connections => t!(l.get(), connections_load_failed),
    };
    // The hub said how long to wait: ask again by itself then (once); Retry stays for sooner.
    let body = match error {
        HubError::RateLimited {
            retry_after_s: Some(seconds),
        } => {
            let wait = std::time::Duration::from_secs(u64::from(seconds));
            if let Ok(timer) = set_timeout_with_handle(on_retry, wait) {
                on_cleanup(move || timer.clear());
            }
            Some(seconds)
        }
        _ => None,
    };
    let body = move || match body {
        Some(seconds) => strings::retrying_in(l.get(), seconds),
        None => strings::load_error(l.get(), &error),
    };
    view! {
        <div class="wc-alert wc-alert--error" role="alert">
            <p class="wc-alert__title">{title}</p>
            <p class="wc-alert__body">{body}</p>
            <button type="button" class="wc-button" on:click=move |_| on_retry()>
                {tl!(l, retry)}
            </button>
        </div>
    }
}

/// The page once the catalog and the connections are in.
#[component]
fn Loaded(data: HubData, query: RwSignal<String>) -> impl IntoView {
    let context = expect_context::<PageContext>();
    provide_context(data);
    let view_signal = context.view;
    let dialog = move || match view_signal.get() {
        PageView::List { .. } => None,
        view => Some(view! { <Dialog view data /> }),
    };
    dialogs::prefetch();
    let unknown_slug = {
        let l = context.locale;
        move || match view_signal.get() {
            PageView::List {
                connector: Some(slug),
            } if !data.catalog.with(|c| {
                c.connectors
                    .iter()
                    .any(|c| wayai_core::search::deep_link_names(&slug, c))
            }) =>
            {
                let reference = slug.clone();
                Some(view! {
                    <p class="wc-alert" role="status">
                        {move || t!(l.get(), connector_not_found, reference = reference.clone()).to_string()}
                    </p>
                })
            }
            _ => None,
        }
    };
    scroll_to_highlighted(&context);

    view! {
        <ProductionNotice data />
        <AgentNotice data />
        {unknown_slug}
        <FilteredGroups data query />
        {dialog}
    }
}

/// `?connector=<slug>` scrolls to what it names once it is on the page: the first named
/// connector's existing connection when there is one, else its card. Nothing opens by itself.
fn scroll_to_highlighted(context: &PageContext) {
    let view = context.view;
    let context = context.clone();
    Effect::new(move |_| {
        let PageView::List { connector: Some(_) } = view.get() else {
            return;
        };
        let context = context.clone();
        request_animation_frame(move || {
            let Some(card) = context.find(".wc-card--highlight") else {
                return;
            };
            let target = card
                .query_selector(".wc-connection")
                .ok()
                .flatten()
                .unwrap_or(card);
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            target.scroll_into_view_with_scroll_into_view_options(&options);
        });
    });
}
