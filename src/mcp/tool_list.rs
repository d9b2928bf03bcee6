//! The tools, filterable, each with its parameters and hints.

use super::store::{McpTools, Tools};
use crate::{
    context::{dom_id, PageContext},
    strings::{self, t, tl},
};
use leptos::prelude::*;
use std::sync::Arc;
use uuid::Uuid;
use wayai_core::{
    search::Query,
    tool_title,
    tools::{hints, parameters, tool_matches},
    McpTool,
};

/// How many tools it takes before the list offers a filter.
const FILTER_FROM: usize = 8;

/// The tools, filterable. Every tool is rendered once; the filter only hides rows, so typing
/// stays fast on servers with hundreds of tools.
#[component]
pub(super) fn ToolList(id: Uuid) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
    let mcp = expect_context::<McpTools>();
    move || {
        match mcp.tools_of(id) {
            None | Some(Tools::Loading) => {
                view! { <p class="wc-tools__loading" role="status">{tl!(l, loading_tools)}</p> }
                    .into_any()
            }
            Some(Tools::Failed(error)) => view! {
                <div class="wc-tools__problem" role="alert">
                    <p>{tl!(l, tools_load_failed)} " " {
                        let error = error.clone();
                        move || strings::hub_error(l.get(), &error)
                    }</p>
                    <button
                        type="button"
                        class="wc-button wc-button--quiet"
                        // A failed load is loaded again.
                        on:click=move |_| mcp.load(id)
                    >
                        {tl!(l, retry)}
                    </button>
                </div>
            }
            .into_any(),
            Some(Tools::Loaded(tools)) => view! { <LoadedTools tools /> }.into_any(),
        }
    }
}

#[component]
fn LoadedTools(tools: Arc<Vec<McpTool>>) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
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
        return view! { <p class="wc-tools__empty">{tl!(l, no_tools)}</p> }.into_any();
    }
    let filter = (total >= FILTER_FROM).then(|| {
        view! {
            <div class="wc-tools__filter">
                <label class="wc-field__label" for=dom_id("tools-filter")>{tl!(l, filter_tools)}</label>
                <input
                    id=dom_id("tools-filter")
                    class="wc-input"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="wc-tools__count" role="status" aria-live="polite">
                    {move || t!(l.get(), tools_shown, shown = count(), total).to_string()}
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
        {move || (count() == 0).then(|| view! { <p class="wc-tools__empty">{tl!(l, no_tool_matches)}</p> })}
    }
    .into_any()
}

#[component]
fn ToolItem(tool: McpTool, hidden: impl Fn() -> bool + Send + Sync + 'static) -> impl IntoView {
    let l = expect_context::<PageContext>().locale;
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
                    .map(|h| view! { <span class=format!("wc-badge wc-hint wc-hint--{}", strings::hint_slug(h))>{move || strings::hint_label(l.get(), h)}</span> })
                    .collect_view()}
            </div>
            {tool.description.clone().map(|d| view! { <p class="wc-tool__description">{d}</p> })}
            {(!params.is_empty()).then(|| view! {
                <table class="wc-tool__params">
                    <caption class="wc-visually-hidden">{tl!(l, parameters)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tl!(l, parameter)}</th>
                            <th scope="col">{tl!(l, parameter_type)}</th>
                            <th scope="col">{tl!(l, parameter_description)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {params.into_iter().map(|p| view! {
                            <tr>
                                <td><code>{p.name}</code>{p.required.then(|| view! { " " <span class="wc-tool__required">{tl!(l, required)}</span> })}</td>
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
