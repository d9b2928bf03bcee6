//! An MCP connection's tools: the list (title, description, parameters, hints) with a filter, and
//! Sync, which says what was added, removed and changed. Failures come with their way out: Edit
//! for a wrong URL or token, Reconnect for a refused sign-in, Retry for the rest.

use crate::{
    dialogs::{refocus_after_update, restore_focus, ReconnectButton},
    format::date_time,
    page::{dom_id, PageContext},
    strings,
};
use leptos::{prelude::*, task::spawn_local};
use std::{collections::HashMap, sync::Arc};
use uuid::Uuid;
use wayai_core::{
    search::Query,
    tool_title,
    tools::{hints, parameters, tool_matches, McpProblem},
    Connection, HubError, McpTool, OauthProvider,
};

/// Where a connection's tools stand. Kept at page level: an update to the connection rebuilds
/// its view, and neither a sync in flight nor its outcome may be lost with it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tools {
    Loading,
    Loaded(Arc<Vec<McpTool>>),
    Failed(HubError),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SyncState {
    Running,
    Done {
        added: Vec<String>,
        removed: Vec<String>,
        changed: Vec<String>,
    },
    Failed(HubError),
}

#[derive(Clone, Copy)]
pub(crate) struct McpTools {
    tools: RwSignal<HashMap<Uuid, Tools>>,
    syncs: RwSignal<HashMap<Uuid, SyncState>>,
    context: StoredValue<PageContext, LocalStorage>,
}

impl McpTools {
    pub fn new(context: PageContext) -> Self {
        McpTools {
            tools: RwSignal::new(HashMap::new()),
            syncs: RwSignal::new(HashMap::new()),
            context: StoredValue::new_local(context),
        }
    }

    // `try_`: a page unmounted while a request was in flight has disposed these.
    fn tools_of(self, id: Uuid) -> Option<Tools> {
        self.tools.try_with(|t| t.get(&id).cloned()).flatten()
    }

    fn sync_of(self, id: Uuid) -> Option<SyncState> {
        self.syncs.try_with(|s| s.get(&id).cloned()).flatten()
    }

    /// Loads the tools once (again after a failure, when asked).
    fn load(self, id: Uuid) {
        let known = self
            .tools
            .try_with_untracked(|t| matches!(t.get(&id), Some(Tools::Loading | Tools::Loaded(_))));
        if known != Some(false) {
            return;
        }
        self.tools.update(|t| {
            t.insert(id, Tools::Loading);
        });
        let context = self.context.get_value();
        spawn_local(async move {
            let loaded = match context.client.tools(context.hub_id, id).await {
                Ok(list) => Tools::Loaded(Arc::new(list.tools)),
                Err(e) => Tools::Failed(e),
            };
            self.tools.update(|t| {
                t.insert(id, loaded);
            });
        });
    }

    /// Discovers the tools again. One sync per connection at a time.
    pub fn sync(self, id: Uuid) {
        let running = self
            .syncs
            .try_with_untracked(|s| matches!(s.get(&id), Some(SyncState::Running)));
        if running != Some(false) {
            return;
        }
        self.syncs.update(|s| {
            s.insert(id, SyncState::Running);
        });
        let context = self.context.get_value();
        spawn_local(async move {
            let outcome = match context.client.sync(context.hub_id, id).await {
                Ok(result) => {
                    self.tools.update(|t| {
                        t.insert(id, Tools::Loaded(Arc::new(result.tools)));
                    });
                    context.announce(strings::sync_summary(
                        result.added.len(),
                        result.removed.len(),
                        result.changed.len(),
                    ));
                    SyncState::Done {
                        added: result.added,
                        removed: result.removed,
                        changed: result.changed,
                    }
                }
                Err(e) => SyncState::Failed(e),
            };
            self.syncs.update(|s| {
                s.insert(id, outcome);
            });
            // Tool count, last sync and health changed at the hub, whatever the outcome.
            if let Ok(connection) = context.client.connection(context.hub_id, id).await {
                context.updated(connection);
            }
            restore_focus();
        });
    }
}

/// The tools of an MCP connection, with Sync and, when reading them failed, what to do.
#[component]
pub(crate) fn ToolsSection(
    connection: Connection,
    oauth: Option<OauthProvider>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let mcp = expect_context::<McpTools>();
    let id = connection.id;
    mcp.load(id);
    let facts = connection.mcp.clone().unwrap_or_default();
    let running = move || matches!(mcp.sync_of(id), Some(SyncState::Running));
    let health = connection.health.clone();
    let problem = {
        let connection = connection.clone();
        move || match mcp.sync_of(id) {
            Some(SyncState::Failed(error)) => Some(
                view! { <SyncFailure error connection=connection.clone() oauth editing /> }
                    .into_any(),
            ),
            Some(SyncState::Done {
                added,
                removed,
                changed,
            }) => Some(view! { <SyncChanges added removed changed /> }.into_any()),
            Some(SyncState::Running) => None,
            // No sync on this page yet: a failure the hub recorded (at creation, say) still shows.
            None => McpProblem::from_health(health.status).map(|problem| {
                view! {
                    <div class="wc-tools__problem" role="alert" data-source="health">
                        <p>{health.message.clone()}</p>
                        <ProblemActions problem connection=connection.clone() oauth editing />
                    </div>
                }
                .into_any()
            }),
        }
    };
    let last_sync = facts.last_sync_at.clone();
    view! {
        <section class="wc-tools" aria-labelledby=dom_id("tools-title")>
            <div class="wc-tools__head">
                <h3 class="wc-dialog__section" id=dom_id("tools-title")>{strings::TOOLS}</h3>
                <span class="wc-tools__facts">
                    {strings::tool_count(facts.tool_count)}
                    " · "
                    {match last_sync {
                        Some(at) => view! { <time datetime=at.clone()>{strings::last_sync(&date_time(&at))}</time> }.into_any(),
                        None => view! { <span>{strings::NOT_SYNCED}</span> }.into_any(),
                    }}
                </span>
                <button
                    type="button"
                    class="wc-button"
                    data-focus="sync"
                    disabled=running
                    aria-busy=move || running().then_some("true")
                    on:click=move |_| {
                        refocus_after_update("sync");
                        mcp.sync(id);
                    }
                >
                    {move || if running() { strings::SYNCING } else { strings::SYNC }}
                </button>
            </div>
            <div class="wc-tools__outcome" role="status" aria-live="polite">
                {move || running().then_some(strings::SYNC_PROGRESS)}
            </div>
            {problem}
            <ToolList id />
        </section>
    }
}

/// What a sync changed, by tool name.
#[component]
fn SyncChanges(added: Vec<String>, removed: Vec<String>, changed: Vec<String>) -> impl IntoView {
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        return view! { <p class="wc-tools__changes">{strings::SYNC_NOTHING_CHANGED}</p> }
            .into_any();
    }
    let part = |label: &'static str, names: Vec<String>, class: &'static str| {
        (!names.is_empty()).then(|| {
            view! {
                <div class=format!("wc-tools__change {class}")>
                    <dt>{label} " (" {names.len()} ")"</dt>
                    <dd>{names.join(", ")}</dd>
                </div>
            }
        })
    };
    view! {
        <dl class="wc-tools__changes" aria-label=strings::SYNC_CHANGES>
            {part(strings::ADDED, added, "wc-tools__change--added")}
            {part(strings::REMOVED, removed, "wc-tools__change--removed")}
            {part(strings::CHANGED, changed, "wc-tools__change--changed")}
        </dl>
    }
    .into_any()
}

#[component]
fn SyncFailure(
    error: HubError,
    connection: Connection,
    oauth: Option<OauthProvider>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let problem = match &error {
        HubError::Dependency { code, .. } => McpProblem::from_code(code),
        _ => None,
    };
    let words = match problem {
        Some(p) => strings::mcp_problem(p, oauth.is_some()),
        None => strings::hub_error(&error),
    };
    view! {
        <div class="wc-tools__problem" role="alert" data-source="sync">
            <p>{words}</p>
            {match problem {
                Some(problem) => view! { <ProblemActions problem connection oauth editing /> }.into_any(),
                None => view! { <RetrySync id=connection.id /> }.into_any(),
            }}
        </div>
    }
}

/// The way out of a problem: Edit (URL, token), Reconnect (OAuth) and/or Retry.
#[component]
fn ProblemActions(
    problem: McpProblem,
    connection: Connection,
    oauth: Option<OauthProvider>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let id = connection.id;
    let is_oauth = oauth.is_some();
    view! {
        <div class="wc-actions">
            {problem.wants_edit(is_oauth).then(|| view! {
                <button type="button" class="wc-button" on:click=move |_| editing.set(true)>
                    {strings::EDIT}
                </button>
            })}
            {oauth.filter(|_| problem.wants_reconnect(is_oauth)).map(|provider| view! {
                <ReconnectButton connection=connection.clone() provider />
            })}
            <RetrySync id />
        </div>
    }
}

#[component]
fn RetrySync(id: Uuid) -> impl IntoView {
    let mcp = expect_context::<McpTools>();
    view! {
        <button type="button" class="wc-button wc-button--quiet" on:click=move |_| mcp.sync(id)>
            {strings::RETRY}
        </button>
    }
}

/// How many tools it takes before the list offers a filter.
const FILTER_FROM: usize = 8;

/// The tools, filterable. Every tool is rendered once; the filter only hides rows, so typing
/// stays fast on servers with hundreds of tools.
#[component]
fn ToolList(id: Uuid) -> impl IntoView {
    let mcp = expect_context::<McpTools>();
    move || match mcp.tools_of(id) {
        None | Some(Tools::Loading) => {
            view! { <p class="wc-tools__loading" role="status">{strings::LOADING_TOOLS}</p> }
                .into_any()
        }
        Some(Tools::Failed(error)) => view! {
            <div class="wc-tools__problem" role="alert">
                <p>{strings::TOOLS_LOAD_FAILED} " " {strings::hub_error(&error)}</p>
                <button
                    type="button"
                    class="wc-button wc-button--quiet"
                    // A failed load is loaded again.
                    on:click=move |_| mcp.load(id)
                >
                    {strings::RETRY}
                </button>
            </div>
        }
        .into_any(),
        Some(Tools::Loaded(tools)) => view! { <LoadedTools tools /> }.into_any(),
    }
}

#[component]
fn LoadedTools(tools: Arc<Vec<McpTool>>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let total = tools.len();
    let shown = {
        let tools = tools.clone();
        Memo::new(move |_| {
            let q = Query::new(&query.get());
            tools
                .iter()
                .map(|t| tool_matches(t, &q))
                .collect::<Vec<bool>>()
        })
    };
    let count = move || shown.with(|s| s.iter().filter(|v| **v).count());
    if total == 0 {
        return view! { <p class="wc-tools__empty">{strings::NO_TOOLS}</p> }.into_any();
    }
    let filter = (total >= FILTER_FROM).then(|| {
        view! {
            <div class="wc-tools__filter">
                <label class="wc-field__label" for=dom_id("tools-filter")>{strings::FILTER_TOOLS}</label>
                <input
                    id=dom_id("tools-filter")
                    class="wc-input"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="wc-tools__count" role="status" aria-live="polite">
                    {move || strings::tools_shown(count(), total)}
                </p>
            </div>
        }
    });
    view! {
        {filter}
        <ul class="wc-tools__list" role="list">
            {tools
                .iter()
                .enumerate()
                .map(|(i, tool)| {
                    let hidden = move || !shown.with(|s| s.get(i).copied().unwrap_or(true));
                    view! { <ToolItem tool=tool.clone() hidden /> }
                })
                .collect_view()}
        </ul>
        {move || (count() == 0).then(|| view! { <p class="wc-tools__empty">{strings::NO_TOOL_MATCHES}</p> })}
    }
    .into_any()
}

#[component]
fn ToolItem(tool: McpTool, hidden: impl Fn() -> bool + Send + Sync + 'static) -> impl IntoView {
    let title = tool_title(&tool).to_string();
    let show_name = title != tool.name;
    let params = parameters(&tool);
    let badges = hints(&tool);
    view! {
        <li class="wc-tool" data-tool=tool.name.clone() hidden=hidden>
            <div class="wc-tool__head">
                <span class="wc-tool__title">{title}</span>
                {show_name.then(|| view! { <code class="wc-tool__name">{tool.name.clone()}</code> })}
                {badges
                    .into_iter()
                    .map(|h| view! { <span class=format!("wc-badge wc-hint wc-hint--{}", strings::hint_slug(h))>{strings::hint_label(h)}</span> })
                    .collect_view()}
            </div>
            {tool.description.clone().map(|d| view! { <p class="wc-tool__description">{d}</p> })}
            {(!params.is_empty()).then(|| view! {
                <table class="wc-tool__params">
                    <caption class="wc-visually-hidden">{strings::PARAMETERS}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{strings::PARAMETER}</th>
                            <th scope="col">{strings::PARAMETER_TYPE}</th>
                            <th scope="col">{strings::PARAMETER_DESCRIPTION}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {params.into_iter().map(|p| view! {
                            <tr>
                                <td><code>{p.name}</code>{p.required.then(|| view! { " " <span class="wc-tool__required">{strings::REQUIRED}</span> })}</td>
                                <td>{p.kind}</td>
                                <td>{p.description}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </li>
    }
}
