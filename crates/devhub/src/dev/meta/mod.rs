//! The simulated Meta embedded signup over HTTP: `GET /dev/meta/signup` shows the flow's current
//! step, `POST` submits it (Back, Next, Cancel); the last step redirects to the hub's callback
//! with a code, Cancel with `error=access_denied`, as Meta's dialog does.

mod rules;
pub mod signup;
mod steps;

use super::{provider, Dev};
use crate::{domain::flows::FlowRecord, error::ApiError, html::escape_html};
use axum::{
    extract::{Query, State},
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use signup::{Outcome, Signup};
use std::{collections::BTreeMap, sync::Arc};
use wayai_core::{view::percent_encode, FlowStatus};

#[derive(Deserialize)]
pub struct SignupQuery {
    #[serde(default)]
    state: String,
}

/// `GET /dev/meta/signup?state=…`: the flow's current step.
pub async fn show(
    State(dev): State<Arc<Dev>>,
    Query(q): Query<SignupQuery>,
) -> Result<Response, ApiError> {
    let Some(mut flow) = pending_flow(&dev, &q.state)? else {
        return Ok(ended_page());
    };
    let signup = dev
        .signups
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(flow.state.clone())
        .or_insert_with(Signup::new)
        .clone();
    flow.signup_step = Some(signup.step);
    let (script, _) = provider::script_for(&dev, &mut flow);
    // One save: the step reached and, with a severing script, the severed opener.
    dev.hub.store.with(|tx| flow.save(tx))?;
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
    State(dev): State<Arc<Dev>>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let flow_state = form.get("state").cloned().unwrap_or_default();
    let Some(mut flow) = pending_flow(&dev, &flow_state)? else {
        return Ok(ended_page());
    };
    let action = form.get("action").map(String::as_str).unwrap_or_default();
    let (outcome, signup) = {
        let mut signups = dev.signups.lock().unwrap_or_else(|e| e.into_inner());
        let signup = signups
            .entry(flow.state.clone())
            .or_insert_with(Signup::new);
        let outcome = signup.submit(action, &form);
        let signup = signup.clone();
        if outcome != Outcome::Show {
            signups.remove(&flow.state);
        }
        (outcome, signup)
    };
    // Meta's dialog tells its opener where the person is, so an unfinished signup says where.
    flow.signup_step = Some(match outcome {
        Outcome::Cancelled(step) => step,
        _ => signup.step,
    });
    let callback = format!("{}/api/oauth/callback", dev.hub.base_url());
    let s = percent_encode(&flow.state);
    let to = match outcome {
        Outcome::Show => format!("/dev/meta/signup?state={s}"),
        Outcome::Finished => {
            let business = signup.business_name().to_string();
            let code = dev
                .codes
                .issue(&flow.state, business, Some(signup.account()));
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
    dev.hub.store.with(|tx| flow.save(tx))?;
    Ok(Redirect::to(&to).into_response())
}

/// The flow behind `state` while it is still waiting for the person (the dialog forgets a
/// signup whose flow has ended).
fn pending_flow(dev: &Dev, flow_state: &str) -> Result<Option<FlowRecord>, ApiError> {
    let flow = dev
        .hub
        .store
        .with(|tx| tx.flow_by_state::<FlowRecord>(flow_state))?;
    let pending = flow.filter(|f| {
        f.status == FlowStatus::Pending
            && f.expires_unix > crate::time::now_unix()
            && provider::party_of(&dev.hub, f) == provider::Party::Signup
    });
    if pending.is_none() {
        dev.signups
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(flow_state);
    }
    Ok(pending)
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
