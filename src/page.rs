//! The Connections page for one hub: search, the Agent notice, groups of connector cards with
//! their connections, and the views that deep links open.

use crate::{
    api::ApiClient,
    cards::GroupSection,
    dialogs::{ConnectionDialog, NewConnectionDialog},
    embed::{ConnectionsEvent, Theme},
    mcp::McpTools,
    oauth::OauthFlows,
    strings,
};
use leptos::prelude::*;
use std::sync::Arc;
use uuid::Uuid;
use wayai_core::{
    group_connectors, search::Query, Catalog, Connection, ConnectorStatus, ConnectorType, HubError,
    PageView,
};

/// What every part of the page shares: the hub, where its links point and how to follow them.
#[derive(Clone)]
pub(crate) struct PageContext {
    pub client: ApiClient,
    pub hub_id: Uuid,
    /// The page's own path (`…/connections`).
    pub base: Arc<str>,
    pub view: Signal<PageView>,
    pub navigate: Callback<String>,
    /// The last outcome to announce ("Connection saved."), shown in a polite status region.
    pub announcement: RwSignal<Option<String>>,
    /// The hub's connections; changes made on the page update it in place, without a refetch.
    pub connections: LocalResource<Result<Vec<Connection>, HubError>>,
    /// The host's listener for created, updated and deleted connections.
    pub events: Option<Callback<ConnectionsEvent>>,
    /// The locale dates are shown in (the browser's when absent).
    pub locale: Option<Arc<str>>,
    /// Starts every element id of this instance (see [`dom_id`]).
    pub id_prefix: Arc<str>,
}

thread_local! {
    /// The instance numbers of the pages mounted on this document.
    static LIVE: std::cell::RefCell<std::collections::BTreeSet<u32>> = Default::default();
}

/// Claims the lowest free instance number: the first page on a document gets ids `wc-…`, a
/// second one side by side `wc2-…`, so that two instances never share an id.
fn claim_instance() -> (u32, Arc<str>) {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        let n = (1..).find(|n| !live.contains(n)).unwrap_or(1);
        live.insert(n);
        let prefix = if n == 1 {
            "wc-".to_string()
        } else {
            format!("wc{n}-")
        };
        (n, Arc::from(prefix))
    })
}

/// The id of an element of this page instance, e.g. `dom_id("search-input")`.
pub(crate) fn dom_id(name: &str) -> String {
    let prefix = use_context::<PageContext>()
        .map(|c| c.id_prefix)
        .unwrap_or_else(|| Arc::from("wc-"));
    format!("{prefix}{name}")
}

impl PageContext {
    pub fn href(&self, view: &PageView) -> String {
        view.href(&self.base)
    }

    pub fn go(&self, view: &PageView) {
        self.navigate.run(self.href(view));
    }

    /// A connection made on the page: listed, and the host told.
    pub fn created(&self, connection: Connection) {
        self.emit(ConnectionsEvent::Created(connection.clone()));
        self.upsert(connection);
    }

    /// A connection changed on the page (saved, enabled, reconnected, synced).
    pub fn updated(&self, connection: Connection) {
        self.emit(ConnectionsEvent::Updated(connection.clone()));
        self.upsert(connection);
    }

    pub fn deleted(&self, id: Uuid) {
        self.emit(ConnectionsEvent::Deleted(id));
        self.remove(id);
    }

    fn emit(&self, event: ConnectionsEvent) {
        if let Some(events) = &self.events {
            events.run(event);
        }
    }

    /// Puts a created or updated connection in the list (replacing its older self).
    fn upsert(&self, connection: Connection) {
        self.connections.update(|loaded| {
            if let Some(Ok(list)) = loaded {
                match list.iter_mut().find(|c| c.id == connection.id) {
                    Some(old) => *old = connection,
                    None => list.push(connection),
                }
            }
        });
    }

    fn remove(&self, id: Uuid) {
        self.connections.update(|loaded| {
            if let Some(Ok(list)) = loaded {
                list.retain(|c| c.id != id);
            }
        });
    }

    pub fn announce(&self, words: String) {
        self.announcement.set(Some(words));
    }
}

/// The loaded data, shared by reference with every component that shows part of it. The
/// connections are a signal: a change made on the page updates what shows them, without
/// rebuilding the page (or an open dialog, which would lose focus).
#[derive(Clone)]
pub(crate) struct HubData {
    pub catalog: Arc<Catalog>,
    pub connections: Memo<Arc<Vec<Connection>>>,
}

/// Whether both requests are in, as far as the page's structure cares: the content of the
/// connections is not part of it.
#[derive(Clone, PartialEq)]
enum Load {
    Waiting,
    Failed(HubError),
    Ready(Arc<Catalog>),
}

impl HubData {
    pub fn connector(&self, id: Uuid) -> Option<&wayai_core::Connector> {
        self.catalog.connectors.iter().find(|c| c.id == id)
    }
}

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
    #[prop(optional)] oauth_timings: Option<wayai_core::oauth::Timings>,
    /// Told of connections created, updated and deleted, and of a token the hub keeps refusing.
    #[prop(default = None)]
    on_event: Option<Callback<ConnectionsEvent>>,
    /// Light or dark regardless of the system setting.
    #[prop(optional)]
    theme: Theme,
    /// A BCP 47 tag for dates (`pt-BR`); the browser's language when absent.
    #[prop(default = None)]
    locale: Option<String>,
) -> impl IntoView {
    let client = match on_event {
        Some(events) => {
            client.on_unauthorized(move || events.run(ConnectionsEvent::AuthenticationRequired))
        }
        None => client,
    };
    // Both requests start in the same tick: no waterfall.
    let catalog = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.catalog(hub_id).await }
        })
    };
    let connections = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.connections(hub_id).await }
        })
    };
    let announcement = RwSignal::new(None::<String>);
    let (instance, id_prefix) = claim_instance();
    on_cleanup(move || {
        LIVE.with(|live| live.borrow_mut().remove(&instance));
    });
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
        announcement,
        connections,
        events: on_event,
        locale: locale.map(Arc::from),
        id_prefix,
    };
    let flows = OauthFlows::new(context.clone(), oauth_timings.unwrap_or_default());
    provide_context(McpTools::new(context.clone()));
    provide_context(context);
    provide_context(flows);
    flows.resume();
    on_cleanup(move || flows.end());

    let load = Memo::new(move |_| match (catalog.get(), connections.get()) {
        (Some(Err(error)), _) | (_, Some(Err(error))) => Load::Failed(error),
        (Some(Ok(catalog)), Some(Ok(_))) => Load::Ready(Arc::new(catalog)),
        _ => Load::Waiting,
    });
    let loaded_connections = Memo::new(move |_| {
        connections.with(|c| match c {
            Some(Ok(list)) => Arc::new(list.clone()),
            _ => Arc::new(Vec::new()),
        })
    });
    let query = RwSignal::new(String::new());
    let retry = move || {
        if !matches!(catalog.get_untracked(), Some(Ok(_))) {
            catalog.refetch();
        }
        if !matches!(connections.get_untracked(), Some(Ok(_))) {
            connections.refetch();
        }
    };

    view! {
        <div class="wc-root" data-wc-theme=theme.attribute()>
            <header class="wc-header">
                <h1 class="wc-title">{strings::PAGE_TITLE}</h1>
                <p class="wc-intro">{strings::PAGE_INTRO}</p>
                <SearchBox query />
            </header>
            <p class="wc-announcement" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <Transition fallback=CatalogSkeleton>
                {move || match load.get() {
                    Load::Failed(error) => {
                        Some(view! { <LoadError error on_retry=retry /> }.into_any())
                    }
                    Load::Ready(catalog) => {
                        let data = HubData {
                            catalog,
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

#[component]
fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="wc-search" role="search">
            <label class="wc-visually-hidden" for=dom_id("search-input")>
                {strings::SEARCH_LABEL}
            </label>
            <input
                id=dom_id("search-input")
                class="wc-search__input"
                type="search"
                autocomplete="off"
                placeholder=strings::SEARCH_PLACEHOLDER
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Placeholder blocks while the catalog loads; announced to screen readers as busy.
#[component]
fn CatalogSkeleton() -> impl IntoView {
    view! {
        <div class="wc-skeleton" aria-busy="true" role="status">
            <span class="wc-visually-hidden">{strings::LOADING}</span>
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
fn LoadError(error: HubError, on_retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="wc-alert wc-alert--error" role="alert" data-error=format!("{error:?}")>
            <p class="wc-alert__title">{strings::LOAD_FAILED}</p>
            <p class="wc-alert__body">{strings::hub_error(&error)}</p>
            <button type="button" class="wc-button" on:click=move |_| on_retry()>
                {strings::RETRY}
            </button>
        </div>
    }
}

/// The page once the catalog and the connections are in.
#[component]
fn Loaded(data: HubData, query: RwSignal<String>) -> impl IntoView {
    let context = expect_context::<PageContext>();
    provide_context(data.clone());
    let view_signal = context.view;
    let dialog = {
        let data = data.clone();
        move || match view_signal.get() {
            PageView::New { connector } => {
                Some(view! { <NewConnectionDialog data=data.clone() connector /> }.into_any())
            }
            PageView::Connection { id } => {
                Some(view! { <ConnectionDialog data=data.clone() id /> }.into_any())
            }
            PageView::List { .. } => None,
        }
    };
    let unknown_slug = {
        let data = data.clone();
        move || match view_signal.get() {
            PageView::List {
                connector: Some(slug),
            } if !data.catalog.connectors.iter().any(|c| c.slug == slug) => Some(view! {
                <p class="wc-alert" role="status">{strings::connector_not_found(&slug)}</p>
            }),
            _ => None,
        }
    };
    scroll_to_highlighted(view_signal);

    view! {
        <AgentNotice data=data.clone() />
        {unknown_slug}
        <FilteredGroups data query />
        {dialog}
    }
}

/// `?connector=<slug>` scrolls its card into view once it is on the page.
fn scroll_to_highlighted(view: Signal<PageView>) {
    Effect::new(move |_| {
        let PageView::List {
            connector: Some(slug),
        } = view.get()
        else {
            return;
        };
        request_animation_frame(move || {
            let selector = format!("[data-connector=\"{}\"]", slug.replace(['"', '\\'], ""));
            if let Ok(Some(card)) = document().query_selector(&selector) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                card.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });
}

/// The notice shown while the hub has no Agent connection, with a one-click way to add one.
#[component]
fn AgentNotice(data: HubData) -> impl IntoView {
    let has_agent = {
        let data = data.clone();
        Memo::new(move |_| {
            data.connections.with(|list| {
                list.iter().any(|c| {
                    data.connector(c.connector_id)
                        .is_some_and(|k| k.connector_type == ConnectorType::Agent)
                })
            })
        })
    };
    move || (!has_agent.get()).then(|| view! { <AgentNoticeBody data=data.clone() /> })
}

#[component]
fn AgentNoticeBody(data: HubData) -> impl IntoView {
    let context = expect_context::<PageContext>();
    let first_agent = data.catalog.connectors.iter().find(|c| {
        c.connector_type == ConnectorType::Agent && c.status == ConnectorStatus::Enabled
    })?;
    let href = context.href(&PageView::New {
        connector: Some(first_agent.id.to_string()),
    });
    Some(view! {
        <aside class="wc-notice" role="note" aria-labelledby=dom_id("agent-notice-title")>
            <div>
                <p class="wc-notice__title" id=dom_id("agent-notice-title")>
                    {strings::AGENT_NOTICE_TITLE}
                </p>
                <p class="wc-notice__body">{strings::AGENT_NOTICE_BODY}</p>
            </div>
            <a class="wc-button" href=href>
                {strings::add_connector(&first_agent.name)}
            </a>
        </aside>
    })
}

/// The groups, narrowed by the search as the user types.
#[component]
fn FilteredGroups(data: HubData, query: RwSignal<String>) -> impl IntoView {
    move || {
        let text = query.get();
        let q = Query::new(&text);
        let all_connections = data.connections.get();
        let groups: Vec<_> = group_connectors(&data.catalog.connectors)
            .into_iter()
            .map(|group| {
                let label = strings::group_title(group.connector_type);
                let shown: Vec<(wayai_core::Connector, Vec<Connection>)> = group
                    .connectors
                    .into_iter()
                    .filter_map(|connector| {
                        let own = all_connections
                            .iter()
                            .filter(|c| c.connector_id == connector.id);
                        let connector_hit =
                            q.matches(&[&connector.name, &connector.description, label]);
                        let connections: Vec<Connection> = own
                            .filter(|c| connector_hit || q.matches(&[&c.name, &c.health.message]))
                            .cloned()
                            .collect();
                        (connector_hit || !connections.is_empty())
                            .then(|| (connector.clone(), connections))
                    })
                    .collect();
                (group.connector_type, shown)
            })
            .filter(|(_, shown)| q.is_empty() || !shown.is_empty())
            .collect();
        let matched: usize = groups.iter().map(|(_, shown)| shown.len()).sum();
        let summary = (!q.is_empty()).then(|| {
            let words = if matched == 0 {
                strings::no_results(&text)
            } else {
                strings::search_results(matched)
            };
            view! {
                <div class="wc-search-summary" role="status" aria-live="polite">
                    <span>{words}</span>
                    {(matched == 0)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="wc-button wc-button--quiet"
                                    on:click=move |_| query.set(String::new())
                                >
                                    {strings::CLEAR_SEARCH}
                                </button>
                            }
                        })}
                </div>
            }
        });
        view! {
            {summary}
            {groups
                .into_iter()
                .map(|(connector_type, shown)| view! { <GroupSection connector_type shown /> })
                .collect_view()}
        }
    }
}
