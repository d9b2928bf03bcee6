//! The tools part of an MCP connection's view: Sync, what it changed, and failures with their
//! way out.

use super::{
    store::{McpTools, SyncState},
    tool_list::ToolList,
};
use crate::i18n::Locale;
use crate::{
    context::{dom_id, PageContext},
    oauth::ReconnectButton,
    strings::{self, t, tl},
    ui::{focus::refocus_after_update, format::date_time},
};
use leptos::prelude::*;
use uuid::Uuid;
use wayai_core::{tools::McpProblem, Connection, HubError, OauthProvider};

/// The tools of an MCP connection, with Sync and, when reading them failed, what to do.
#[component]
pub(crate) fn ToolsSection(
    connection: Connection,
    oauth: Option<OauthProvider>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let mcp = expect_context::<McpTools>();
    let context = expect_context::<PageContext>();
    let l = context.locale;
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
                let (health, connection) = (health.clone(), connection.clone());
                view! { <RecordedProblem problem health connection oauth editing /> }.into_any()
            }),
        }
    };
    let last_sync = facts.last_sync_at.clone();
    view! {
        <section class="wc-tools" aria-labelledby=dom_id("tools-title")>
            <div class="wc-tools__head">
                <h3 class="wc-dialog__section" id=dom_id("tools-title")>{tl!(l, tools)}</h3>
                <span class="wc-tools__facts">
                    {move || strings::tool_count(l.get(), facts.tool_count)}
                    " · "
                    {match last_sync {
                        Some(at) => view! {
                            <time datetime=at.clone()>{
                                let at = at.clone();
                                move || t!(l.get(), last_sync, when = date_time(&at)).to_string()
                            }</time>
                        }.into_any(),
                        None => view! { <span>{tl!(l, not_synced)}</span> }.into_any(),
                    }}
                </span>
                <button
                    type="button"
                    class="wc-button"
                    data-focus="sync"
                    disabled=running
                    aria-busy=move || running().then_some("true")
                    on:click=move |_| {
                        refocus_after_update(&context, "sync");
                        mcp.sync(id);
                    }
                >
                    {move || if running() { t!(l.get(), syncing) } else { t!(l.get(), sync) }}
                </button>
            </div>
            <div class="wc-tools__outcome" role="status" aria-live="polite">
                {move || running().then(|| t!(l.get(), sync_progress))}
            </div>
            {problem}
            <ToolList id />
        </section>
    }
}

/// A failure the hub recorded on the connection (at creation, say), with what to do.
#[component]
fn RecordedProblem(
    problem: McpProblem,
    health: wayai_core::Health,
    connection: Connection,
    oauth: Option<OauthProvider>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    view! {
        <div class="wc-tools__problem" role="alert" data-source="health">
            <p>{move || strings::health_message(l.get(), &health)}</p>
            <ProblemActions problem connection oauth editing />
        </div>
    }
}

/// What a sync changed, by tool name.
#[component]
fn SyncChanges(added: Vec<String>, removed: Vec<String>, changed: Vec<String>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        return view! { <p class="wc-tools__changes">{tl!(l, sync_nothing_changed)}</p> }
            .into_any();
    }
    let part = move |label: fn(Locale) -> &'static str, names: Vec<String>, class: &'static str| {
        (!names.is_empty()).then(|| {
            view! {
                <div class=format!("wc-tools__change {class}")>
                    <dt>{move || label(l.get())} " (" {names.len()} ")"</dt>
                    <dd>{names.join(", ")}</dd>
                </div>
            }
        })
    };
    view! {
        <dl class="wc-tools__changes" aria-label=tl!(l, sync_changes)>
            {part(|l| t!(l, added), added, "wc-tools__change--added")}
            {part(|l| t!(l, removed), removed, "wc-tools__change--removed")}
            {part(|l| t!(l, changed), changed, "wc-tools__change--changed")}
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
        HubError::Dependency(t) => McpProblem::from_code(&t.code),
        _ => None,
    };
    let l = expect_context::<PageContext>().locale;
    let signed_in = oauth.is_some();
    let words = move || match problem {
        Some(p) => strings::mcp_problem(l.get(), p, signed_in).to_string(),
        None => strings::hub_error(l.get(), &error),
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
    let context = expect_context::<PageContext>();
    let l = context.locale;
    let id = connection.id;
    let is_oauth = oauth.is_some();
    // A production hub's configuration is its preview's: no Edit there.
    let editable = !context.production();
    view! {
        <div class="wc-actions">
            {(editable && problem.wants_edit(is_oauth)).then(|| view! {
                <button type="button" class="wc-button" on:click=move |_| editing.set(true)>
                    {tl!(l, edit)}
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
    let l = expect_context::<PageContext>().locale;
    let mcp = expect_context::<McpTools>();
    view! {
        <button type="button" class="wc-button wc-button--quiet" on:click=move |_| mcp.sync(id)>
            {tl!(l, retry)}
        </button>
    }
}
