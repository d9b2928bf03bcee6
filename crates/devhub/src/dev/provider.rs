//! The simulated OAuth provider: its consent page (choose an account, Allow or Deny) and the
//! redirect back to the hub's callback with a code or an error, as a real provider does; and the
//! per-hub consent scripts that let browser tests decide without clicking inside the popup.

use super::{consent::ConsentScript, tokens::ACCOUNTS, Dev};
use crate::{
    domain::flows::FlowRecord,
    error::ApiError,
    extract::{ApiJson, HubPath},
    html::escape_html,
    state::AppState,
};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use std::sync::Arc;
use wayai_core::said::{Code, Said};
use wayai_core::{view::percent_encode, OauthProvider};

/// `PUT /dev/hubs/{hub}/oauth-consent`: scripts the consent page for this hub's flows.
pub async fn script_consent(
    State(dev): State<Arc<Dev>>,
    HubPath(hub): HubPath,
    ApiJson(script): ApiJson<ConsentScript>,
) -> Result<StatusCode, ApiError> {
    if script
        .decision
        .as_deref()
        .is_some_and(|d| d != "allow" && d != "deny")
    {
        return Err(ApiError::field("decision", Said::new(Code::AllowOrDeny)));
    }
    dev.consent
        .lock()
        .expect("consent scripts")
        .insert(hub, script);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /dev/hubs/{hub}/oauth-consent`: back to waiting for a person.
pub async fn unscript_consent(
    State(dev): State<Arc<Dev>>,
    HubPath(hub): HubPath,
) -> Result<StatusCode, ApiError> {
    dev.consent.lock().expect("consent scripts").remove(&hub);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct AuthorizeQuery {
    state: String,
    #[serde(default)]
    provider: String,
}

/// The simulated provider's consent page.
pub async fn authorize(
    State(dev): State<Arc<Dev>>,
    Query(q): Query<AuthorizeQuery>,
) -> Result<Response, ApiError> {
    let script = consent_for(&dev, &q.state)?;
    let provider = OauthProvider::from_slug(&q.provider)
        .unwrap_or(OauthProvider::Google)
        .name();
    let page = Html(consent_page(provider, &q.state, &script));
    Ok(provider_page(&script, page))
}

/// A page of the provider's, never cached; with `sever_opener`, served as real providers serve
/// theirs (`Cross-Origin-Opener-Policy: same-origin`).
pub(super) fn provider_page(script: &ConsentScript, page: Html<String>) -> Response {
    let no_store = (header::CACHE_CONTROL, "no-store");
    if script.sever_opener {
        let coop = (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        );
        ([no_store, coop], page).into_response()
    } else {
        ([no_store], page).into_response()
    }
}

/// Which of the simulated parties answers a flow: each answers only its own, as real providers
/// know only the requests made to them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Party {
    /// The Google-like consent page.
    Consent,
    /// Meta's embedded signup.
    Signup,
    /// Neither (an MCP server's own authorization server, or a connector that is gone).
    Other,
}

pub(super) fn party_of(state: &AppState, flow: &FlowRecord) -> Party {
    let connector = state.connector(flow.hub_id, flow.connector_id);
    match connector.as_ref().and_then(|c| c.oauth_facts()) {
        Some(o) if o.embedded_signup => Party::Signup,
        Some(o) if o.provider != OauthProvider::Mcp => Party::Consent,
        _ => Party::Other,
    }
}

/// The hub's consent script, if the flow is known and its hub has one.
fn consent_for(dev: &Dev, flow_state: &str) -> Result<ConsentScript, ApiError> {
    let script = dev.hub.store.with(|tx| {
        let Some(mut flow) = tx.flow_by_state::<FlowRecord>(flow_state)? else {
            return Ok(None);
        };
        let (script, changed) = script_for(dev, &mut flow);
        if changed {
            flow.save(tx)?;
        }
        Ok(Some(script))
    })?;
    Ok(script.unwrap_or_default())
}

/// The script of `flow`'s hub (none: wait for a person). A script that severs the opener marks
/// the flow so, since the callback page then cannot post to it; `true` when the flow changed and
/// is to be saved.
pub(super) fn script_for(dev: &Dev, flow: &mut FlowRecord) -> (ConsentScript, bool) {
    let script = dev
        .consent
        .lock()
        .expect("consent scripts")
        .get(&flow.hub_id)
        .cloned()
        .unwrap_or_default();
    let sever = script.sever_opener && !flow.opener_severed;
    flow.opener_severed |= sever;
    (script, sever)
}

/// The consent page: accounts to choose from, Allow and Deny; with a script, it decides itself.
fn consent_page(provider: &str, flow_state: &str, script: &ConsentScript) -> String {
    let accounts: String = ACCOUNTS
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                r#"<label><input type="radio" name="account" value="{a}"{}> {a}</label><br>"#,
                if i == 0 { " checked" } else { "" }
            )
        })
        .collect();
    let auto = match &script.decision {
        Some(decision) => {
            let account = script
                .account
                .as_deref()
                .filter(|a| ACCOUNTS.contains(a))
                .unwrap_or(ACCOUNTS[0]);
            format!(
                r#"<script>setTimeout(() => {{
document.querySelector('input[value="{account}"]').checked = true;
document.querySelector('button[value="{decision}"]').click();
}}, {delay});</script>"#,
                decision = if decision == "allow" { "allow" } else { "deny" },
                delay = script.delay_ms,
            )
        }
        None => String::new(),
    };
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in with {provider} (simulated)</title>
<style>body{{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px}}button{{font:inherit;padding:6px 16px;margin-right:8px}}</style></head>
<body><h1>Sign in with {provider}</h1><p>This is the dev hub's simulated consent page.</p>
<p>WayAI wants to access your account.</p>
<form method="post" action="/dev/oauth/decide"><input type="hidden" name="state" value="{state}">
<fieldset><legend>Choose an account</legend>{accounts}</fieldset><p>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></p></form>{auto}</body></html>"#,
        state = escape_html(flow_state),
    )
}

#[derive(Deserialize)]
pub struct Decision {
    state: String,
    decision: String,
    #[serde(default)]
    account: String,
}

/// Allow or Deny: redirects to the callback as a real provider would.
pub async fn decide(
    State(dev): State<Arc<Dev>>,
    Form(d): Form<Decision>,
) -> Result<Redirect, ApiError> {
    let callback = format!("{}/api/oauth/callback", dev.hub.base_url());
    let s = percent_encode(&d.state);
    if d.decision != "allow" {
        return Ok(Redirect::to(&format!(
            "{callback}?error=access_denied&error_description={}&state={s}",
            percent_encode("The user denied access.")
        )));
    }
    let account = if ACCOUNTS.contains(&d.account.as_str()) {
        d.account
    } else {
        ACCOUNTS[0].to_string()
    };
    let flow = dev
        .hub
        .store
        .with(|tx| tx.flow_by_state::<FlowRecord>(&d.state))?;
    if !flow.is_some_and(|f| party_of(&dev.hub, &f) == Party::Consent) {
        return Ok(Redirect::to(&format!(
            "{callback}?error=invalid_request&error_description={}&state={s}",
            percent_encode("Unknown sign-in request.")
        )));
    }
    let code = dev.codes.issue(&d.state, account, None);
    Ok(Redirect::to(&format!("{callback}?code={code}&state={s}")))
}
