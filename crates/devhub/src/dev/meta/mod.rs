//! The simulated Meta embedded signup over HTTP: `GET /dev/meta/signup` shows the flow's current
//! step, `POST` submits it (Back, Next, Cancel); the last step redirects to the hub's callback
//! with a code, Cancel with `error=access_denied`, as Meta's dialog does.

mod rules;
pub mod signup;
mod steps;

use super::provider;
use crate::{
    domain::flows::FlowRecord,
    error::ApiError,
    html::escape_html,
    state::{AppState, Shared},
};
use axum::{
    extract::{Query, State},
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use signup::{Outcome, Signup};
use std::collections::BTreeMap;
use uuid::Uuid;
use wayai_core::{view::percent_encode, FlowStatus};

#[derive(Deserialize)]
pub struct SignupQuery {
    #[serde(default)]
    state: String,
}

/// `GET /dev/meta/signup?state=…`: the flow's current step.
pub async fn show(
    State(state): Shared,
    Query(q): Query<SignupQuery>,
) -> Result<Response, ApiError> {
    let Some(mut flow) = pending_flow(&state, &q.state)? else {
        return Ok(ended_page());
    };
    let signup = flow.signup.get_or_insert_with(Signup::new).clone();
    let (script, _) = provider::script_for(&state, &mut flow);
    // One save: the signup's start and, with a severing script, the severed opener.
    state.store.with(|tx| flow.save(tx))?;
    let page = Html(steps::step_page(
        &flow.state,
        &signup,
        script.signup.as_ref(),
        script.delay_ms,
    ));
    Ok(provider::provider_page(&script, page))
}

/// `POST /dev/meta/signup`: one step's answer.
pub async fn submit(
    State(state): Shared,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let flow_state = form.get("state").cloned().unwrap_or_default();
    let Some(mut flow) = pending_flow(&state, &flow_state)? else {
        return Ok(ended_page());
    };
    let signup = flow.signup.get_or_insert_with(Signup::new);
    let action = form.get("action").map(String::as_str).unwrap_or_default();
    let outcome = signup.submit(action, &form);
    let business = signup.business_name().to_string();
    let callback = format!("{}/api/oauth/callback", state.base_url());
    let s = percent_encode(&flow.state);
    let to = match outcome {
        Outcome::Show => format!("/dev/meta/signup?state={s}"),
        Outcome::Finished => {
            let code = Uuid::new_v4().simple().to_string();
            flow.code = Some(code.clone());
            flow.account = Some(business);
            format!("{callback}?code={code}&state={s}")
        }
        Outcome::Cancelled(step) => format!(
            "{callback}?error=access_denied&error_description={}&state={s}",
            percent_encode(&format!(
                "The signup was cancelled at step {} of 8.",
                step.number()
            ))
        ),
    };
    state.store.with(|tx| flow.save(tx))?;
    Ok(Redirect::to(&to).into_response())
}

/// The flow behind `state` while it is still waiting for the person.
fn pending_flow(state: &AppState, flow_state: &str) -> Result<Option<FlowRecord>, ApiError> {
    let flow = state
        .store
        .with(|tx| tx.flow_by_state::<FlowRecord>(flow_state))?;
    Ok(flow.filter(|f| {
        f.status == FlowStatus::Pending
            && f.expires_unix > crate::time::now_unix()
            && provider::party_of(state, f) == provider::Party::Signup
    }))
}

fn ended_page() -> Response {
    page_shell(
        "Signup ended",
        "<h1>This signup has ended</h1><p>Close this window and start again from Wayai.</p>",
    )
    .into_response()
}

pub(super) fn page_shell(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} · Meta (simulated)</title>
<style>body{{font-family:system-ui,sans-serif;max-width:520px;margin:32px auto;padding:0 16px;line-height:1.4}}
fieldset{{margin:12px 0}}label{{display:block;margin:4px 0}}input[type=text],input[type=tel]{{font:inherit;padding:4px;width:100%;box-sizing:border-box}}
button{{font:inherit;padding:6px 16px;margin:12px 8px 0 0}}.problem{{color:#b00020;font-weight:600}}</style></head>
<body><main>{body}</main></body></html>"#,
        title = escape_html(title),
    ))
}
